"""The command line, driven in-process through workbench.cli.main."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.core import annotations
from workbench.core.project import open_project

TRAIN_SETTINGS = [
    "--set", "hidden_size=32", "--set", "num_layers=2", "--set", "num_heads=4",
    "--set", "eval_interval=10", "--set", "eval_batches=2", "--set", "warmup_steps=5",
]

RESULT_KEYS = {
    "run_id", "status", "reason", "device", "precision", "steps", "train_loss", "val_loss",
    "best_val_loss", "best_checkpoint", "skipped_steps", "seconds", "tokens_per_second", "checkpoint",
}


@pytest.fixture(autouse=True)
def _restore_root_logger():
    """Undo configure_logging after each test.

    Its stderr handler keeps capsys's stream, which closes when the test ends.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    if hasattr(root, "_workbench_configured"):
        del root._workbench_configured


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def corpus(tmp_path, write_text, mixed_lines) -> Path:
    return write_text(tmp_path / "corpus.txt", "\n".join(mixed_lines * 5) + "\n\n")


@pytest.fixture
def project_dir(tmp_path, capsys, corpus) -> Path:
    """A project created through the CLI with the mixed corpus imported, one document per line."""
    folder = tmp_path / "project"
    assert run_cli(capsys, "new", folder)[0] == 0
    assert run_cli(capsys, "import", folder, corpus)[0] == 0
    return folder


def test_full_loop(tmp_path, capsys, corpus, mixed_lines):
    folder = tmp_path / "project"

    code, out, _ = run_cli(capsys, "new", folder)
    assert code == 0
    assert f"Created project {folder}" in out

    code, out, _ = run_cli(capsys, "import", folder, corpus, "--json")
    report = json.loads(out)
    assert code == 0
    assert report["documents"] == len(mixed_lines) * 5
    assert report["blank_skipped"] == 1

    code, out, _ = run_cli(capsys, "tokenizer", folder, "--kind", "char", "--vocab-size", "300")
    assert code == 0
    assert "Trained a char tokenizer" in out

    code, out, _ = run_cli(capsys, "encode", folder, "--val-fraction", "0.2")
    assert code == 0
    assert "as uint16" in out

    code, out, _ = run_cli(capsys, "train", folder, "--steps", "30", "--batch-size", "8",
                           "--seq-len", "32", "--device", "cpu", "--json", *TRAIN_SETTINGS)
    result = json.loads(out)
    assert code == 0
    assert set(result) == RESULT_KEYS
    assert result["status"] == "finished"
    assert result["steps"] == 30
    assert result["device"] == "cpu"
    assert Path(result["checkpoint"]).is_dir()

    export_dir = tmp_path / "exported"
    code, out, _ = run_cli(capsys, "export-model", folder, "--out", export_dir)
    assert code == 0
    assert f"Exported to {export_dir}" in out
    assert (export_dir / "model.safetensors").is_file()
    assert (export_dir / "tokenizer.json").is_file()
    assert f"- Documents: {len(mixed_lines) * 5}" in (export_dir / "README.md").read_text(encoding="utf-8")

    code, out, _ = run_cli(capsys, "info", folder, "--json")
    summary = json.loads(out)
    assert code == 0
    assert summary["runs"] == 1
    assert summary["encoded"] is True


def test_train_prints_progress(project_dir, capsys):
    run_cli(capsys, "tokenizer", project_dir, "--kind", "char")
    run_cli(capsys, "encode", project_dir)

    code, out, _ = run_cli(capsys, "train", project_dir, "--steps", "10", "--device", "cpu", *TRAIN_SETTINGS)

    assert code == 0
    assert "step 10/10" in out
    assert "val loss" in out
    assert "Checkpoint: " in out


def test_logs_go_to_workbench_home(project_dir, capsys, workbench_home):
    run_cli(capsys, "info", project_dir)

    log_file = workbench_home / "log" / "workbench.log"
    assert log_file.is_file()


def test_import_missing_file_fails(project_dir, capsys, tmp_path):
    missing = tmp_path / "absent.txt"

    code, out, err = run_cli(capsys, "import", project_dir, missing)

    assert code == 2
    assert err.startswith("error: ")
    assert str(missing) in err
    assert out == ""


def test_train_without_corpus_fails(project_dir, capsys):
    code, _, err = run_cli(capsys, "train", project_dir, "--steps", "5")

    assert code == 2
    assert err.startswith("error: ")
    assert "no encoded corpus" in err


@pytest.mark.parametrize(
    ("setting", "phrase"),
    [
        ("unknown=1", "unknown training setting"),
        ("steps=abc", "expected a int"),
        ("steps", "write it as key=value"),
        ("steps=0", "steps=0 is invalid"),
    ],
    ids=["unknown", "not-a-number", "no-equals", "invalid-value"],
)
def test_bad_setting_fails(project_dir, capsys, setting, phrase):
    code, _, err = run_cli(capsys, "train", project_dir, "--set", setting)

    assert code == 2
    assert err.startswith("error: ")
    assert phrase in err


def test_open_non_project_fails(tmp_path, capsys):
    code, _, err = run_cli(capsys, "info", tmp_path)

    assert code == 2
    assert err.startswith("error: ")
    assert "not a project" in err


def test_new_on_existing_project_fails(project_dir, capsys):
    code, _, err = run_cli(capsys, "new", project_dir)

    assert code == 2
    assert str(project_dir) in err
    assert "already" in err


def test_export_without_run_fails(project_dir, capsys):
    code, _, err = run_cli(capsys, "export-model", project_dir)

    assert code == 2
    assert "has no finished run" in err


def test_labels_add_and_list(project_dir, capsys):
    code, out, _ = run_cli(capsys, "labels", project_dir, "--add", "positive", "--add", "negative")

    assert code == 0
    assert "Added label 'positive' (key 1)" in out
    assert "Added label 'negative' (key 2)" in out
    project = open_project(project_dir)
    label_set = annotations.ensure_label_set(project, "default")
    assert [label.name for label in annotations.labels(project, label_set)] == ["positive", "negative"]


def test_labels_duplicate_fails(project_dir, capsys):
    run_cli(capsys, "labels", project_dir, "--add", "positive")

    code, _, err = run_cli(capsys, "labels", project_dir, "--add", "positive")

    assert code == 2
    assert "already exists" in err


def test_label_document(project_dir, capsys):
    run_cli(capsys, "labels", project_dir, "--add", "positive", "--add", "negative")

    code, out, _ = run_cli(capsys, "label", project_dir, "--doc", "2", "--label", "negative")

    assert code == 0
    assert "Document 2: negative" in out
    project = open_project(project_dir)
    label_set = annotations.ensure_label_set(project, "default")
    negative = [label for label in annotations.labels(project, label_set) if label.name == "negative"][0]
    assert annotations.document_label(project, 2, label_set) == negative.id
    assert annotations.document_label(project, 1, label_set) is None


def test_label_relabel_replaces(project_dir, capsys):
    run_cli(capsys, "labels", project_dir, "--add", "positive", "--add", "negative")
    run_cli(capsys, "label", project_dir, "--doc", "1", "--label", "negative")

    code, _, _ = run_cli(capsys, "label", project_dir, "--doc", "1", "--label", "positive")

    project = open_project(project_dir)
    label_set = annotations.ensure_label_set(project, "default")
    assert code == 0
    assert annotations.labelled_count(project, label_set) == 1


def test_label_unknown_label_fails(project_dir, capsys):
    run_cli(capsys, "labels", project_dir, "--add", "positive")

    code, _, err = run_cli(capsys, "label", project_dir, "--doc", "1", "--label", "neutral")

    assert code == 2
    assert "'neutral' not found" in err
    assert "positive" in err


def test_label_unknown_document_fails(project_dir, capsys):
    run_cli(capsys, "labels", project_dir, "--add", "positive")

    code, _, err = run_cli(capsys, "label", project_dir, "--doc", "999", "--label", "positive")

    assert code == 2
    assert "Document 999 not found" in err


def test_attention_prints_matrix(project_dir, capsys):
    run_cli(capsys, "tokenizer", project_dir, "--kind", "char")
    run_cli(capsys, "encode", project_dir)
    run_cli(capsys, "train", project_dir, "--steps", "5", "--device", "cpu", "--json", *TRAIN_SETTINGS)

    code, out, _ = run_cli(capsys, "attention", project_dir, "--text", "我住 ok")

    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "tokens: 我 | 住 | ␣ | o | k"
    assert len(lines) == 6


def test_attention_views_stats_and_csv(project_dir, capsys, tmp_path):
    run_cli(capsys, "tokenizer", project_dir, "--kind", "char")
    run_cli(capsys, "encode", project_dir)
    run_cli(capsys, "train", project_dir, "--steps", "5", "--device", "cpu", "--json", *TRAIN_SETTINGS)

    code, rollout, _ = run_cli(capsys, "attention", project_dir, "--text", "我住 ok", "--view", "rollout", "--layer", "1")
    _, stats, _ = run_cli(capsys, "attention", project_dir, "--text", "我住 ok", "--stats",
                          "--out", tmp_path / "weights.csv")

    assert code == 0
    rows = [[float(value) for value in line.split()[1:]] for line in rollout.splitlines()[1:]]
    # Values are printed with 2 decimals, so each row sum may be off by 5 x 0.005.
    assert all(abs(sum(row) - 1.0) <= 0.025 + 1e-9 for row in rows)
    assert stats.splitlines()[1] == "layer head entropy distance first_token"
    assert len(stats.splitlines()) == 2 + 2 * 4
    header = (tmp_path / "weights.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "layer,head,query_index,query_token,key_index,key_token,weight"
