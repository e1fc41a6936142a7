"""Train and Attention tabs: closing mid-run, hover readout, picking a document."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, Qt


TIMEOUT_MS = 120_000


def prepare_corpus(window, tmp_path):
    source = tmp_path / "mixed.txt"
    lines = [f"第{i}行：春眠不觉晓，处处闻啼鸟。Line {i}: the quick brown fox jumps." for i in range(200)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    window.new_project(tmp_path / "project")
    window.corpus_tab.import_paths([source], mode="line")
    corpus = window.corpus_tab
    corpus.kind.setCurrentIndex(corpus.kind.findData("char"))
    corpus.vocab_size.setValue(200)
    corpus.train_tokenizer()
    corpus.runner.wait(60)
    corpus.encode()
    corpus.runner.wait(60)
    train = window.train_tab
    train.hidden_size.setValue(32)
    train.num_layers.setValue(2)
    train.num_heads.setValue(2)
    train.seq_len.setValue(32)
    train.log_interval.setValue(1)
    train.eval_interval.setValue(5)
    return train


def test_close_during_training_saves_checkpoint(window, qtbot, tmp_path):
    train = prepare_corpus(window, tmp_path)
    train.steps.setValue(100_000)
    with qtbot.waitSignal(train.sigPlotUpdated, timeout=TIMEOUT_MS):
        qtbot.mouseClick(train.start_button, Qt.LeftButton)
    project = window.project
    window.close()
    assert not train.runner.is_running()
    status, checkpoint = project.db().execute("SELECT status, checkpoint FROM runs").fetchone()
    assert status == "stopped"
    assert (tmp_path / "project" / "runs" / "run-1" / "checkpoint" / "model.safetensors").is_file()
    assert checkpoint.endswith("checkpoint")


def test_attention_hover_and_document(window, qtbot, tmp_path):
    train = prepare_corpus(window, tmp_path)
    train.steps.setValue(5)
    with qtbot.waitSignal(train.sigRunFinished, timeout=TIMEOUT_MS):
        qtbot.mouseClick(train.start_button, Qt.LeftButton)

    attention = window.attention_tab
    window.tabs.setCurrentWidget(attention)
    with qtbot.waitSignal(attention.sigHeatmapShown, timeout=10_000) as shown:
        qtbot.mouseClick(attention.document_button, Qt.LeftButton)
    assert attention.text.text() == "第0行：春眠不觉晓，处处闻啼鸟。Line 0: the quick brown fox jumps."
    # Char tokenizer: one token per character, cut to the model's context of 32.
    assert shown.args[0] == 32
    assert "50 tokens" in attention.status.text()

    matrix = attention.current_matrix()
    query, key = 3, 1
    scene = attention.plot.getViewBox().mapViewToScene(QPointF(key + 0.5, query + 0.5))
    attention.plot.scene().sigMouseMoved.emit(scene)
    assert f"{matrix[query, key]:.4f}" in attention.hover.text()
    assert "“：”" in attention.hover.text()  # the query token, character 3 of the text
    assert "“0”" in attention.hover.text()  # the key token, character 1

    attention.head.setValue(1)
    assert np.array_equal(attention.image.image, attention.weights[0, 1])
