"""Evaluation figures against values worked out by hand."""

from __future__ import annotations

import pytest

from workbench.core.evaluation import (
    classification_report,
    format_report,
    language_model_report,
    load_report,
    multilabel_report,
    save_report,
    span_report,
)


def test_classification_figures():
    # true:  a a a b b c ; predicted: a a b b c c
    report = classification_report([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], ["a", "b", "c"], train_counts=[5, 1, 1])
    assert report["accuracy"] == pytest.approx(4 / 6)
    assert report["confusion"] == [[2, 1, 0], [0, 1, 1], [0, 0, 1]]
    a, b, c = report["per_label"]
    assert (a["precision"], a["recall"]) == (pytest.approx(1.0), pytest.approx(2 / 3))
    assert (b["precision"], b["recall"]) == (pytest.approx(0.5), pytest.approx(0.5))
    assert (c["precision"], c["recall"]) == (pytest.approx(0.5), pytest.approx(1.0))
    assert c["f1"] == pytest.approx(2 / 3)
    assert report["macro_f1"] == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)
    assert report["micro_f1"] == pytest.approx(4 / 6)  # equals accuracy for single-label
    assert report["baseline_label"] == "a"
    assert report["baseline_accuracy"] == pytest.approx(3 / 6)


def test_absent_label_left_out_of_macro_average():
    report = classification_report([0, 0], [0, 0], ["a", "b"])
    assert report["macro_f1"] == pytest.approx(1.0)
    assert report["per_label"][1]["support"] == 0


def test_multilabel_figures():
    report = multilabel_report([{0, 1}, {1}, set()], [{0}, {1, 2}, set()], ["x", "y", "z"])
    assert report["exact_match"] == pytest.approx(1 / 3)
    x, y, z = report["per_label"]
    assert (x["precision"], x["recall"]) == (pytest.approx(1.0), pytest.approx(1.0))
    assert (y["precision"], y["recall"]) == (pytest.approx(1.0), pytest.approx(0.5))
    assert z["precision"] == 0.0
    assert z["support"] == 0
    assert report["micro_precision"] == pytest.approx(2 / 3)
    assert report["micro_recall"] == pytest.approx(2 / 3)
    assert report["label_confusion"][1] == [[1, 0], [1, 1]]


def test_span_figures_need_exact_match():
    true = [{(0, 2, 0), (5, 7, 1)}, {(1, 3, 0)}]
    predicted = [{(0, 2, 0), (5, 6, 1)}, {(1, 3, 1)}]  # one exact, one short by a character, one wrong label
    report = span_report(true, predicted, ["人名", "地名"])
    assert report["precision"] == pytest.approx(1 / 3)
    assert report["recall"] == pytest.approx(1 / 3)
    assert report["f1"] == pytest.approx(1 / 3)
    assert report["true_spans"] == 3
    assert report["predicted_spans"] == 3
    assert report["per_label"][0]["recall"] == pytest.approx(0.5)


def test_language_model_perplexity():
    report = language_model_report(total_loss=20.0, tokens=10)
    assert report["loss"] == pytest.approx(2.0)
    assert report["perplexity"] == pytest.approx(7.389056, rel=1e-6)


def test_report_stored_with_run(mixed_project):
    from workbench.core.training import TrainConfig, create_run

    run_id = create_run(mixed_project, TrainConfig(), task="classify")
    report = classification_report([0, 1], [0, 0], ["正面", "负面"])
    save_report(mixed_project, run_id, report, step=7)
    save_report(mixed_project, run_id, report, step=7)  # a second evaluation replaces the first
    assert load_report(mixed_project, run_id)["accuracy"] == pytest.approx(0.5)
    rows = mixed_project.db().execute(
        "SELECT name, step, value FROM metrics WHERE run_id = ? ORDER BY name", [run_id]).fetchall()
    assert ("eval_accuracy", 7, 0.5) in rows
    assert len(rows) == len(set(rows))
    text = format_report(load_report(mixed_project, run_id))
    assert "正面" in text
    assert "confusion matrix" in text
