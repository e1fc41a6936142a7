"""The fine-tuning, evaluation and prediction commands, driven in-process through workbench.cli.main."""

from __future__ import annotations

import json

import pytest

from tests.core.test_cli import _restore_root_logger, run_cli  # noqa: F401 (autouse fixture)
from workbench.core import annotations

SMALL = ["--set", "hidden_size=32", "--set", "num_layers=1", "--set", "eval_interval=10",
         "--set", "learning_rate=0.003", "--steps", "10", "--batch-size", "8", "--device", "cpu"]


@pytest.fixture
def labelled(mixed_project):
    """The mixed project with a 语言 label set: 中文 on Chinese lines, English on the others."""
    label_set = annotations.ensure_label_set(mixed_project, "语言", "classify")
    chinese = annotations.add_label(mixed_project, label_set, "中文").id
    english = annotations.add_label(mixed_project, label_set, "English").id
    for doc_id, text in mixed_project.iter_texts():
        is_chinese = any("\u4e00" <= c <= "\u9fff" for c in text)
        annotations.set_document_label(mixed_project, doc_id, label_set, chinese if is_chinese else english)
    return mixed_project


def test_classify_train_eval_predict(labelled, capsys):
    root = labelled.root
    code, out, err = run_cli(capsys, "train", root, "--task", "classify", "--label-set", "语言", *SMALL)
    assert code == 0, err
    assert "step 10/10" in out
    assert "accuracy" in out
    assert "中文" in out
    assert "confusion matrix" in out

    run_id = labelled.db().execute("SELECT max(id) FROM runs").fetchone()[0]
    assert labelled.db().execute("SELECT task FROM runs WHERE id = ?", [run_id]).fetchone()[0] == "classify"
    code, out, err = run_cli(capsys, "eval", root, "--run", run_id, "--json")
    report = json.loads(out)
    assert code == 0, err
    assert report["kind"] == "classify"
    assert report["labels"] == ["中文", "English"]
    assert set(report) >= {"accuracy", "macro_f1", "micro_f1", "per_label", "confusion", "baseline_accuracy"}

    code, out, err = run_cli(capsys, "predict", root, "--run", run_id)
    assert code == 0, err
    assert f"Pre-annotated {labelled.document_count()} documents" in out

    code, out, err = run_cli(capsys, "predict", root, "--run", run_id, "--text", "我爱北京", "--json")
    prediction = json.loads(out)
    assert code == 0, err
    assert [row["label"] for row in prediction["labels"]] in (["中文", "English"], ["English", "中文"])
    assert sum(row["chosen"] for row in prediction["labels"]) == 1
    assert sum(row["probability"] for row in prediction["labels"]) == pytest.approx(1.0)


def test_train_json_result(labelled, capsys):
    code, out, _ = run_cli(capsys, "train", labelled.root, "--task", "classify", "--label-set", "语言", "--json", *SMALL)
    result = json.loads(out)
    assert code == 0
    assert result["task"] == "classify"
    assert result["evaluation"]["examples"] > 0


def test_lm_run_evaluates_perplexity(mixed_project, capsys, tiny_train_config):
    from workbench.core.jobs import JobContext
    from workbench.core.training import train

    run_id = train(mixed_project, tiny_train_config(steps=5), JobContext())["run_id"]
    code, out, err = run_cli(capsys, "eval", mixed_project.root, "--run", run_id, "--json")
    report = json.loads(out)
    assert code == 0, err
    assert report["kind"] == "lm"
    assert report["perplexity"] == pytest.approx(2.718281828 ** report["loss"], rel=1e-6)
    assert report["tokens"] > 0
    code, out, _ = run_cli(capsys, "eval", mixed_project.root, "--run", run_id)
    assert "perplexity" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--task", "classify", "--label-set", "nothing"], "Label set 'nothing' not found"),
        (["--task", "ner", "--label-set", "语言"], "classify"),
        (["--task", "classify", "--label-set", "语言", "--set", "colour=red"], "unknown fine-tuning setting"),
        (["--label-set", "语言"], "apply only to fine-tuning"),
        (["--task", "classify", "--label-set", "语言", "--from-run", "99"], "Base run 99 not found"),
    ],
)
def test_bad_finetune_requests(labelled, capsys, args, message):
    code, _, err = run_cli(capsys, "train", labelled.root, *args)
    assert code == 2
    assert message in err


def test_predict_rejects_language_model_run(mixed_project, capsys, tiny_train_config):
    from workbench.core.jobs import JobContext
    from workbench.core.training import train

    run_id = train(mixed_project, tiny_train_config(steps=2), JobContext())["run_id"]
    code, _, err = run_cli(capsys, "predict", mixed_project.root, "--run", run_id)
    assert code == 2
    assert "fine-tuned" in err
