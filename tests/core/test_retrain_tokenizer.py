"""Retraining the tokenizer never pairs old token ids or old weights with the new vocabulary."""

from __future__ import annotations

import json

import pytest

from workbench.core.encoding import EncodingError, encode_project
from workbench.core.export import export_project_run
from workbench.core.importing import import_files
from workbench.core.jobs import JobContext
from workbench.core.project import create_project
from workbench.core.tokenizer import train_project_tokenizer
from workbench.core.training import TrainConfig, train


def test_retrain_keeps_runs_consistent(tmp_path):
    source = tmp_path / "text.txt"
    source.write_text("\n".join(f"第{i}行 line {i} 🙂 春眠不觉晓" for i in range(60)) + "\n", encoding="utf-8")
    project = create_project(tmp_path / "project")
    import_files(project, [source])
    train_project_tokenizer(project, "bytebpe", 300)
    encode_project(project)
    config = TrainConfig(steps=3, batch_size=2, seq_len=16, hidden_size=16, num_layers=1, num_heads=2,
                         eval_interval=3, eval_batches=1, log_interval=1)
    result = train(project, config, JobContext())
    assert (tmp_path / "project" / "runs" / "run-1" / "checkpoint" / "tokenizer.json").is_file()

    train_project_tokenizer(project, "char", 50)
    assert not (project.corpus_dir / "meta.json").exists()
    with pytest.raises(EncodingError, match="encode"):
        train(project, config, JobContext())

    out = export_project_run(project, result["run_id"], tmp_path / "export")
    exported = json.loads((out / "tokenizer.json").read_text(encoding="utf-8"))
    model_config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert len(exported["model"]["vocab"]) + len(exported["added_tokens"]) >= model_config["vocab_size"] - 2
    assert model_config["vocab_size"] == 300


def test_context_longer_than_corpus_shrinks(tmp_path):
    source = tmp_path / "text.txt"
    source.write_text("ab\ncd\nef\ngh\n", encoding="utf-8")
    project = create_project(tmp_path / "project")
    import_files(project, [source])
    train_project_tokenizer(project, "char", 20)
    encode_project(project)
    ctx = JobContext()
    result = train(project, TrainConfig(steps=2, seq_len=1000, hidden_size=16, num_layers=1, num_heads=2,
                                        eval_batches=1, log_interval=1), ctx)
    warnings = [event for event in ctx.drain() if event.kind == "warning"]
    assert len(warnings) == 1
    assert "1000" in warnings[0].data["message"]
    config = json.loads((tmp_path / "project" / "runs" / f"run-{result['run_id']}" / "checkpoint" / "config.json").read_text(encoding="utf-8"))
    assert config["model"]["max_seq_len"] < 1000
