"""The Attention tab shows a fine-tuned run's prediction beside the heatmap, and nothing for a language model."""

from __future__ import annotations

import json
import threading

import pytest
from PySide6.QtCore import Qt

from workbench.core import annotations
from workbench.core import attention as core_attention
from workbench.core.encoding import encode_project
from workbench.core.finetune import FinetuneConfig, finetune
from workbench.core.importing import import_files
from workbench.core.jobs import JobContext
from workbench.core.predict import predict_text
from workbench.core.project import create_project
from workbench.core.tokenizer import train_project_tokenizer
from workbench.core.training import TrainConfig, train

from .conftest import type_text

POSITIVE = ["今天天气很好，我很开心 🙂", "这本书真好看", "Great day, I love it", "我喜欢这首歌"]
NEGATIVE = ["今天下雨，我很难过", "这本书太无聊了", "Terrible day, I hate it", "我讨厌堵车"]
PLACES = ["北京", "上海", "Paris"]
TEXT = "我在北京很开心 🙂"


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """A project with a language-model run, a classify run and an ner run; return it and the run ids."""
    folder = tmp_path_factory.mktemp("prediction")
    project = create_project(folder / "project")
    texts = (POSITIVE + NEGATIVE + [f"我在{place}见到了朋友。" for place in PLACES]) * 4
    source = folder / "docs.jsonl"
    source.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    import_files(project, [source])
    train_project_tokenizer(project, "char", 300)
    encode_project(project, val_fraction=0.2, seed=0)
    sentiment = annotations.ensure_label_set(project, "情感", "classify")
    positive = annotations.add_label(project, sentiment, "正面").id
    negative = annotations.add_label(project, sentiment, "负面").id
    entities = annotations.ensure_label_set(project, "实体", "spans")
    place = annotations.add_label(project, entities, "地名").id
    for doc_id, text in project.iter_texts():
        if text in POSITIVE or text in NEGATIVE:
            annotations.set_document_label(project, doc_id, sentiment, positive if text in POSITIVE else negative)
        for name in PLACES:
            if name in text:
                annotations.add_span(project, doc_id, entities, place, text.index(name), text.index(name) + len(name))
    lm = train(project, TrainConfig(steps=5, batch_size=4, seq_len=16, hidden_size=32, num_layers=1, num_heads=2,
                                    warmup_steps=1, eval_interval=1_000_000, eval_batches=1, device="cpu"),
               JobContext())["run_id"]
    small = dict(steps=6, batch_size=8, seq_len=24, hidden_size=32, num_layers=1, num_heads=2, warmup_steps=1,
                 eval_interval=1_000_000, device="cpu")
    classify = finetune(project, FinetuneConfig(task="classify", label_set="情感", **small), JobContext())["run_id"]
    ner = finetune(project, FinetuneConfig(task="ner", label_set="实体", **small), JobContext())["run_id"]
    return project, {"lm": lm, "classify": classify, "ner": ner}


def choose_run(tab, run_id: int) -> None:
    tab.refresh_checkpoints()
    for index in range(tab.checkpoint.count()):
        path = tab.checkpoint.itemData(index).partition(":")[2]
        if tab.checkpoint_runs.get(path, (None,))[0] == run_id:
            tab.checkpoint.setCurrentIndex(index)
            return
    raise AssertionError(f"run {run_id} is not listed")


def show(qtbot, tab, text: str = TEXT) -> None:
    tab.text.clear()
    type_text(qtbot, tab.text, text)
    with qtbot.waitSignal(tab.sigHeatmapShown, timeout=30_000):
        qtbot.mouseClick(tab.show_button, Qt.LeftButton)


def table_rows(panel) -> list[list[str]]:
    table = panel.table
    return [[table.item(row, column).text() for column in range(table.columnCount())]
            for row in range(table.rowCount())]


@pytest.fixture
def tab(window, runs):
    window.open_project(runs[0].root)
    attention = window.attention_tab
    window.tabs.setCurrentWidget(attention)
    return attention


def test_classifier_prediction_beside_heatmap(tab, runs, qtbot, monkeypatch):
    project, ids = runs
    threads = []

    def recording_predict(*args):
        threads.append(threading.current_thread())
        return predict_text(*args)

    monkeypatch.setattr(core_attention, "predict_text", recording_predict)
    choose_run(tab, ids["classify"])
    assert "classify" in tab.checkpoint.currentText()

    show(qtbot, tab)

    expected = predict_text(project, ids["classify"], TEXT)
    assert tab.prediction == expected
    assert threads and threads[0] is not threading.main_thread()  # predicted on the background job
    assert tab.prediction_panel.isVisible()
    assert tab.heatmap.isVisible()
    assert [row[0] for row in table_rows(tab.prediction_panel)] == [row["label"] for row in expected["labels"]]
    assert [float(row[1]) for row in table_rows(tab.prediction_panel)] == pytest.approx(
        [row["probability"] for row in expected["labels"]], abs=1e-4)
    top = expected["labels"][0]
    assert f"{top['label']} ({top['probability']:.3f})" in tab.prediction_panel.summary.text()

    # Switching to the language-model run hides the panel, and a pass there leaves it hidden.
    choose_run(tab, ids["lm"])
    assert not tab.prediction_panel.isVisible()
    show(qtbot, tab)
    assert tab.prediction is None
    assert not tab.prediction_panel.isVisible()
    assert tab.weights is not None
    assert len(threads) == 1  # the language model's pass predicted nothing


def test_ner_spans_beside_heatmap(tab, runs, qtbot):
    project, ids = runs
    choose_run(tab, ids["ner"])

    show(qtbot, tab)

    expected = predict_text(project, ids["ner"], TEXT)
    assert tab.prediction == expected
    assert tab.prediction_panel.isVisible()
    assert table_rows(tab.prediction_panel) == [
        [span["text"], span["label"], str(span["start"]), str(span["end"]), str(round(span["score"], 4))]
        for span in expected["spans"]
    ]
    for span in expected["spans"]:
        assert TEXT[span["start"]:span["end"]] == span["text"]
