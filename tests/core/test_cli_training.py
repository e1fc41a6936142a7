"""The training commands: train with --config/--set/--resume, runs, metrics CSV and generate."""

from __future__ import annotations

import csv
import io
import json

import pytest

from workbench.cli import main
from workbench.core import training
from workbench.core.jobs import JobContext
from workbench.core.train_config import build_config, read_toml
from workbench.core.training import run_metrics


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def run_toml(tmp_path):
    path = tmp_path / "run.toml"
    path.write_text(
        "[train]\nsteps = 12\nbatch_size = 8\nseq_len = 32\nhidden_size = 32\nnum_layers = 2\n"
        "num_heads = 4\neval_interval = 4\neval_batches = 2\nwarmup_steps = 2\nlog_interval = 2\n"
        'device = "cpu"\n',
        encoding="utf-8",
    )
    return path


def test_train_with_config_and_set(capsys, mixed_project, run_toml):
    code, out, _ = run_cli(capsys, "train", mixed_project.root, "--config", run_toml,
                           "--set", "learning_rate=5e-3", "--set", "keep_best=1", "--json")

    result = json.loads(out)
    assert code == 0
    assert result["steps"] == 12
    saved = json.loads(mixed_project.db().execute("SELECT config FROM runs").fetchone()[0])
    assert saved["learning_rate"] == 5e-3
    assert saved["hidden_size"] == 32
    assert saved["keep_best"] == 1


def test_train_bad_setting_exits_2(capsys, mixed_project, run_toml):
    code, _, err = run_cli(capsys, "train", mixed_project.root, "--config", run_toml, "--set", "steps=ten")

    assert code == 2
    assert "steps=ten: expected a int" in err


def test_train_resume_after_crash(capsys, monkeypatch, mixed_project, run_toml):
    original = training.compute_loss
    calls = {"n": 0}

    def crash_at_step_11(model, x, y):
        if model.training:
            calls["n"] += 1
            if calls["n"] == 11:
                raise RuntimeError("simulated crash")
        return original(model, x, y)

    monkeypatch.setattr(training, "compute_loss", crash_at_step_11)
    with pytest.raises(RuntimeError):
        training.train(mixed_project, build_config(read_toml(run_toml)), JobContext())
    steps_before, _ = run_metrics(mixed_project, 1, "train_loss")
    monkeypatch.setattr(training, "compute_loss", original)

    code, out, _ = run_cli(capsys, "train", mixed_project.root, "--resume", "1")

    assert steps_before.tolist() == [2, 4, 6, 8, 10]
    assert code == 0
    assert "Checkpoint:" in out
    steps_after, _ = run_metrics(mixed_project, 1, "train_loss")
    assert steps_after.tolist() == [2, 4, 6, 8, 10, 12]
    assert mixed_project.db().execute("SELECT status, step FROM runs WHERE id = 1").fetchone() == ("finished", 12)


def test_resume_unknown_run_exits_2(capsys, mixed_project):
    code, _, err = run_cli(capsys, "train", mixed_project.root, "--resume", "7")

    assert code == 2
    assert "Run 7 not found" in err


def test_runs_metrics_and_generate(capsys, tmp_path, mixed_project, run_toml):
    assert run_cli(capsys, "train", mixed_project.root, "--config", run_toml, "--json")[0] == 0

    code, out, _ = run_cli(capsys, "runs", mixed_project.root, "--json")
    runs = json.loads(out)
    assert code == 0
    assert runs[0]["id"] == 1
    assert runs[0]["config"]["steps"] == 12

    code, out, _ = run_cli(capsys, "metrics", mixed_project.root, "--run", "1")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert {row["name"] for row in rows} == {"train_loss", "val_loss", "learning_rate", "grad_norm", "tokens_per_second"}
    assert [row["step"] for row in rows if row["name"] == "val_loss"] == ["4", "8", "12"]

    code, out, _ = run_cli(capsys, "metrics", mixed_project.root, "--run", "1", "--out", tmp_path / "m.csv")
    assert code == 0
    assert f"to {tmp_path / 'm.csv'}" in out

    code, out, _ = run_cli(capsys, "generate", mixed_project.root, "--prompt", "我爱", "--max-tokens", "8",
                           "--seed", "1", "--json")
    generated = json.loads(out)
    assert code == 0
    assert generated["prompt"] == "我爱"
    assert generated["new_tokens"] <= 8

    code, _, err = run_cli(capsys, "generate", mixed_project.root, "--top-k", "-1")
    assert code == 2
    assert "top_k=-1 is invalid" in err
