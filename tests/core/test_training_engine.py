"""The training engine: exact resume, the NaN/inf guard, best-K checkpoints, settings and generation."""

from __future__ import annotations

import json
import math
import threading
from pathlib import Path

import pytest
import torch

from workbench.core import checkpoints, training
from workbench.core.generation import generate_text
from workbench.core.jobs import JobContext
from workbench.core.model import DecoderLM, ModelConfig
from workbench.core.run_records import list_runs, set_notes, write_metrics_csv
from workbench.core.train_config import (
    PRESETS,
    TrainConfig,
    build_config,
    parse_assignments,
    read_toml,
    recommend_preset,
)
from workbench.core.training import TrainingError, resume, run_metrics, train


def stop_at(step: int) -> JobContext:
    """Return a context that requests a stop once step ``step`` is logged."""
    holder: dict = {}

    def on_event(event):
        if event.kind == "metrics" and event.data["step"] == step:
            holder["ctx"].request_stop()

    ctx = JobContext(on_event=on_event)
    holder["ctx"] = ctx
    return ctx


def test_resume_reproduces_uninterrupted_losses(tmp_path, build_project, mixed_lines, tiny_train_config):
    config = tiny_train_config(steps=24, log_interval=1, eval_interval=6, checkpoint_interval=6)
    straight_project = build_project(tmp_path / "a", mixed_lines * 5)
    resumed_project = build_project(tmp_path / "b", mixed_lines * 5)

    straight = train(straight_project, config, JobContext())
    first = train(resumed_project, tiny_train_config(steps=24, log_interval=1, eval_interval=6,
                                                      checkpoint_interval=6), stop_at(9))
    second = resume(resumed_project, first["run_id"], JobContext())

    assert first["status"] == "stopped"
    assert first["steps"] == 9
    assert second["status"] == "finished"
    assert second["steps"] == 24
    _, straight_train = run_metrics(straight_project, straight["run_id"], "train_loss")
    steps, resumed_train = run_metrics(resumed_project, first["run_id"], "train_loss")
    assert steps.tolist() == list(range(1, 25))
    assert resumed_train == pytest.approx(straight_train, rel=1e-6, abs=0)
    straight_val_steps, straight_val = run_metrics(straight_project, straight["run_id"], "val_loss")
    val_steps, resumed_val = run_metrics(resumed_project, first["run_id"], "val_loss")
    at_eval = [i for i, step in enumerate(val_steps) if step % 6 == 0]
    assert val_steps[at_eval].tolist() == straight_val_steps.tolist()
    assert resumed_val[at_eval] == pytest.approx(straight_val, rel=1e-6, abs=0)
    straight_model, _ = checkpoints.load_model(Path(straight["checkpoint"]))
    resumed_model, _ = checkpoints.load_model(Path(second["checkpoint"]))
    for (name, a), b in zip(straight_model.state_dict().items(), resumed_model.state_dict().values()):
        assert torch.allclose(a, b, rtol=1e-6, atol=1e-7), name


def test_resume_of_finished_run_rejected(mixed_project, tiny_train_config):
    result = train(mixed_project, tiny_train_config(steps=5, eval_interval=5), JobContext())

    with pytest.raises(TrainingError) as info:
        resume(mixed_project, result["run_id"], JobContext())

    assert "already reached step 5" in str(info.value)


def test_resume_rejects_model_change(mixed_project, tiny_train_config):
    result = train(mixed_project, tiny_train_config(steps=5, eval_interval=5), JobContext())

    with pytest.raises(TrainingError) as info:
        resume(mixed_project, result["run_id"], JobContext(), {"hidden_size": 64})

    assert "hidden_size cannot change" in str(info.value)


def test_resume_extends_finished_run(mixed_project, tiny_train_config):
    result = train(mixed_project, tiny_train_config(steps=5, eval_interval=5), JobContext())

    extended = resume(mixed_project, result["run_id"], JobContext(), {"steps": 10})

    assert extended["steps"] == 10
    assert extended["run_id"] == result["run_id"]
    assert checkpoints.read_config(Path(extended["checkpoint"]))["step"] == 10


def inject_inf_at(monkeypatch, call: int) -> None:
    """Make the ``call``-th loss computation (1-based, training and validation alike) return inf."""
    original = training.compute_loss
    calls = {"n": 0}

    def compute_loss(model, x, y):
        loss = original(model, x, y)
        if model.training:
            calls["n"] += 1
            if calls["n"] == call:
                return loss * float("inf")
        return loss

    monkeypatch.setattr(training, "compute_loss", compute_loss)


def test_nonfinite_stop_keeps_last_good_checkpoint(monkeypatch, mixed_project, tiny_train_config):
    inject_inf_at(monkeypatch, 13)
    ctx = JobContext()
    config = tiny_train_config(steps=30, log_interval=1, eval_interval=5, nonfinite_action="stop")

    result = train(mixed_project, config, ctx)

    assert result["status"] == "stopped"
    assert result["reason"] == "nonfinite"
    assert result["steps"] == 13
    warnings = [e.data for e in ctx.drain() if e.kind == "warning"]
    assert len(warnings) == 1
    assert warnings[0]["step"] == 13
    assert warnings[0]["message"].startswith("Step 13: loss inf is not finite; training stopped")
    saved = checkpoints.read_config(Path(result["checkpoint"]))
    assert saved["step"] == 10
    model, _ = checkpoints.load_model(Path(result["checkpoint"]))
    assert checkpoints.nonfinite_tensors(model) == []
    row = mixed_project.db().execute("SELECT status, step FROM runs").fetchone()
    assert row == ("stopped", 13)
    steps, losses = run_metrics(mixed_project, result["run_id"], "train_loss")
    assert steps[-1] == 13
    assert math.isinf(losses[-1])


def test_nonfinite_skip_continues(monkeypatch, mixed_project, tiny_train_config):
    inject_inf_at(monkeypatch, 7)
    ctx = JobContext()
    config = tiny_train_config(steps=12, log_interval=1, eval_interval=6)

    result = train(mixed_project, config, ctx)

    assert result["status"] == "finished"
    assert result["skipped_steps"] == 1
    warnings = [e.data for e in ctx.drain() if e.kind == "warning"]
    assert [w["step"] for w in warnings] == [7]
    assert "update was skipped" in warnings[0]["message"]
    model, _ = checkpoints.load_model(Path(result["checkpoint"]))
    assert checkpoints.nonfinite_tensors(model) == []
    assert math.isfinite(result["val_loss"])


def test_save_rejects_nonfinite_weights(tmp_path):
    torch.manual_seed(0)
    model = DecoderLM(ModelConfig(vocab_size=40, hidden_size=32, num_layers=1, num_heads=4))
    checkpoints.save(tmp_path / "ckpt", model, None, {"step": 1})
    with torch.no_grad():
        model.model.layers[0].mlp.up_proj.weight[0, 0] = float("nan")

    with pytest.raises(checkpoints.CheckpointError) as info:
        checkpoints.save(tmp_path / "ckpt", model, None, {"step": 2})

    assert "model.layers.0.mlp.up_proj.weight" in str(info.value)
    assert checkpoints.read_config(tmp_path / "ckpt")["step"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ckpt"]


def test_interrupted_save_recovers_old_folder(tmp_path):
    torch.manual_seed(0)
    model = DecoderLM(ModelConfig(vocab_size=40, hidden_size=32, num_layers=1, num_heads=4))
    checkpoints.save(tmp_path / "ckpt", model, None, {"step": 1})
    (tmp_path / "ckpt").rename(tmp_path / "ckpt.old")  # as if cut off between the two renames

    assert checkpoints.read_config(tmp_path / "ckpt")["step"] == 1


def test_best_checkpoints_keep_lowest(mixed_project, tiny_train_config):
    config = tiny_train_config(steps=30, eval_interval=5, keep_best=2)

    result = train(mixed_project, config, JobContext())

    run_dir = mixed_project.runs_dir / f"run-{result['run_id']}"
    steps, values = run_metrics(mixed_project, result["run_id"], "val_loss")
    ranked = sorted(zip(values.tolist(), steps.tolist()))[:2]
    index = json.loads((run_dir / "best.json").read_text(encoding="utf-8"))
    assert [row["step"] for row in index] == [step for _, step in ranked]
    assert [row["val_loss"] for row in index] == pytest.approx([loss for loss, _ in ranked])
    folders = sorted(p.name for p in run_dir.iterdir() if p.name.startswith("best-step-"))
    assert folders == sorted(f"best-step-{int(step):07d}" for _, step in ranked)
    assert result["best_checkpoint"] == str(run_dir / f"best-step-{int(ranked[0][1]):07d}")
    assert checkpoints.read_config(Path(result["best_checkpoint"]))["val_loss"] == pytest.approx(ranked[0][0])


def test_best_checkpoints_ranking(tmp_path):
    torch.manual_seed(0)
    model = DecoderLM(ModelConfig(vocab_size=40, hidden_size=32, num_layers=1, num_heads=4))
    best = checkpoints.BestCheckpoints(tmp_path, keep=2)

    saved = [best.add(step, loss, lambda folder: checkpoints.save(folder, model, None, {"step": 0}))
             for step, loss in [(10, 3.0), (20, 1.0), (30, 2.0), (40, 0.5), (50, float("nan"))]]

    assert [entry.step for entry in best.entries] == [40, 20]
    assert saved[4] is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["best-step-0000020", "best-step-0000040", "best.json"]
    reread = checkpoints.BestCheckpoints(tmp_path, keep=2)
    assert [entry.step for entry in reread.entries] == [40, 20]
    reread.drop_after(30)
    assert [entry.step for entry in reread.entries] == [20]
    assert not (tmp_path / "best-step-0000040").exists()


def test_early_stopping_ends_run(mixed_project, tiny_train_config):
    ctx = JobContext()
    config = tiny_train_config(steps=100, eval_interval=5, early_stopping_patience=2, early_stopping_min_delta=10.0)

    result = train(mixed_project, config, ctx)

    # The first evaluation sets the best; two more without an improvement of 10 end the run.
    assert result["reason"] == "early_stopping"
    assert result["steps"] == 15
    assert any("stopping early" in e.data["message"] for e in ctx.drain() if e.kind == "warning")
    assert checkpoints.read_config(Path(result["checkpoint"]))["step"] == 15


def test_gradient_accumulation_counts_tokens(mixed_project, tiny_train_config):
    ctx = JobContext()
    config = tiny_train_config(steps=6, batch_size=4, grad_accum_steps=3, eval_interval=6)

    result = train(mixed_project, config, ctx)

    assert config.tokens_per_step == 4 * 3 * 32
    assert result["steps"] == 6
    assert math.isfinite(result["train_loss"])


def test_pause_and_resume_job(mixed_project, tiny_train_config):
    paused = threading.Event()
    events = []

    def on_event(event):
        events.append(event.kind)
        if event.kind == "metrics" and event.data["step"] == 2:
            ctx.request_pause()
        if event.kind == "paused":
            paused.set()

    ctx = JobContext(on_event=on_event)
    outcome = {}
    thread = threading.Thread(
        target=lambda: outcome.update(result=train(mixed_project, tiny_train_config(steps=6, log_interval=1), ctx))
    )
    thread.start()
    assert paused.wait(60)
    step_while_paused = ctx.progress[0]
    thread.join(0.3)
    assert thread.is_alive()
    assert ctx.progress[0] == step_while_paused == 2
    ctx.request_resume()
    thread.join(60)

    assert outcome["result"]["steps"] == 6
    assert events.index("paused") < events.index("resumed")


def test_out_of_memory_suggests_smaller_batch(monkeypatch, mixed_project, tiny_train_config):
    def compute_loss(model, x, y):
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")

    monkeypatch.setattr(training, "compute_loss", compute_loss)

    with pytest.raises(TrainingError) as info:
        train(mixed_project, tiny_train_config(batch_size=8), JobContext())

    message = str(info.value)
    assert "Out of memory on cpu with batch_size=8" in message
    assert "Try batch_size=4 with grad_accum_steps=2" in message
    assert mixed_project.db().execute("SELECT status FROM runs").fetchone() == ("failed",)


def test_fp16_on_cpu_rejected(mixed_project, tiny_train_config):
    with pytest.raises(ValueError) as info:
        train(mixed_project, tiny_train_config(precision="fp16"), JobContext())

    assert "precision=fp16 needs a CUDA device" in str(info.value)


def test_cpu_bf16_trains(mixed_project, tiny_train_config):
    result = train(mixed_project, tiny_train_config(steps=5, eval_interval=5, precision="bf16"), JobContext())

    assert result["precision"] == "bf16"
    assert math.isfinite(result["val_loss"])


def test_validation_windows_fixed_and_complete():
    data = torch.arange(1000).numpy().astype("uint16")

    every = training.ValidationSet(data, batch_size=4, seq_len=10, batches=0)
    some = training.ValidationSet(data, batch_size=4, seq_len=10, batches=2)

    assert every.tokens == 99 * 10
    assert some.tokens == 8 * 10
    first = [x.clone() for x, _ in some]
    assert all(torch.equal(a, b) for a, b in zip(first, [x for x, _ in some]))


def test_toml_config_and_overrides(tmp_path):
    path = tmp_path / "run.toml"
    path.write_text('preset = "small"\n[train]\nsteps = 2000\nlearning_rate = 1\ncompile = false\n', encoding="utf-8")

    config = build_config(read_toml(path), parse_assignments(["batch_size=4", "grad_accum_steps=3", "compile=true"]))

    assert config.preset == "small"
    assert config.hidden_size == PRESETS["small"]["hidden_size"]
    assert config.steps == 2000
    assert config.learning_rate == 1.0
    assert config.batch_size == 4
    assert config.grad_accum_steps == 3
    assert config.compile is True


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("steps = 'many'\n", "steps = 'many' is invalid; expected a int"),
     ("lerning_rate = 1e-3\n", "lerning_rate is not a training setting"),
     ("steps = \n", "is not valid TOML")],
    ids=["type", "unknown", "syntax"],
)
def test_toml_config_errors(tmp_path, text, phrase):
    path = tmp_path / "run.toml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(ValueError) as info:
        read_toml(path)

    assert phrase in str(info.value)


def test_assignment_errors():
    with pytest.raises(ValueError, match="steps=1.5: expected a int"):
        parse_assignments(["steps=1.5"])
    with pytest.raises(ValueError, match="write it as key=value"):
        parse_assignments(["steps"])
    with pytest.raises(ValueError, match="compile=maybe: expected true or false"):
        parse_assignments(["compile=maybe"])


def test_invalid_choices_rejected():
    with pytest.raises(ValueError, match="precision='fp8' is invalid"):
        TrainConfig(precision="fp8").validate()
    with pytest.raises(ValueError, match="nonfinite_action='ignore' is invalid"):
        TrainConfig(nonfinite_action="ignore").validate()
    with pytest.raises(ValueError, match="not divisible by num_heads=3"):
        TrainConfig(num_heads=3).validate()


def test_preset_recommendation():
    gib = 1024**3

    assert recommend_preset("cpu", 64 * gib) == "tiny"
    assert recommend_preset("cuda", 4 * gib) == "small"
    assert recommend_preset("cuda", 24 * gib) == "base"
    assert recommend_preset("mps", 32 * gib) == "small"


def test_run_records_notes_and_csv(mixed_project, tiny_train_config, tmp_path):
    result = train(mixed_project, tiny_train_config(steps=10, eval_interval=5), JobContext())

    set_notes(mixed_project, result["run_id"], "学习率 3e-3，第一次")
    runs = list_runs(mixed_project)
    count = write_metrics_csv(mixed_project, [result["run_id"]], tmp_path / "m.csv")

    assert runs[0]["notes"] == "学习率 3e-3，第一次"
    assert runs[0]["config"]["steps"] == 10
    assert runs[0]["best_val_loss"] == pytest.approx(result["best_val_loss"])
    lines = (tmp_path / "m.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "run_id,run_name,step,wall_time,name,value"
    assert len(lines) == count + 1
    assert sum(1 for line in lines if ",val_loss," in line) == 2
    with pytest.raises(KeyError):
        write_metrics_csv(mixed_project, [99], tmp_path / "none.csv")


def test_generation_from_checkpoint(mixed_project, tiny_train_config):
    result = train(mixed_project, tiny_train_config(steps=10, eval_interval=5), JobContext())
    folder = Path(result["checkpoint"])

    first = generate_text(folder, mixed_project.tokenizer_path, "床前", max_new_tokens=12, temperature=0.9,
                          top_k=5, seed=3, stop_at_end_of_text=False)
    again = generate_text(folder, mixed_project.tokenizer_path, "床前", max_new_tokens=12, temperature=0.9,
                          top_k=5, seed=3, stop_at_end_of_text=False)
    greedy = generate_text(folder, mixed_project.tokenizer_path, "", max_new_tokens=5, temperature=0,
                           stop_at_end_of_text=False)

    assert first == again
    assert first["new_tokens"] == 12
    assert first["prompt_tokens"] == 2
    assert len(first["text"]) == 12  # char tokenizer: one character per token
    assert greedy["new_tokens"] == 5
    with pytest.raises(ValueError, match="temperature=-1"):
        generate_text(folder, mixed_project.tokenizer_path, "a", temperature=-1)


def test_stop_while_paused_saves(mixed_project, tiny_train_config):
    paused = threading.Event()

    def on_event(event):
        if event.kind == "metrics" and event.data["step"] == 3:
            ctx.request_pause()
        if event.kind == "paused":
            paused.set()

    ctx = JobContext(on_event=on_event)
    outcome = {}
    thread = threading.Thread(
        target=lambda: outcome.update(result=train(mixed_project, tiny_train_config(steps=50, log_interval=1), ctx))
    )
    thread.start()
    assert paused.wait(60)
    ctx.request_stop()
    thread.join(60)

    assert not thread.is_alive()
    assert outcome["result"]["status"] == "stopped"
    assert outcome["result"]["steps"] == 3
    assert checkpoints.read_config(Path(outcome["result"]["checkpoint"]))["step"] == 3
