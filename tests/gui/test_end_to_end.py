"""The whole loop in the real window: project, import, tokenizer, training, checkpoint, attention."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

from .conftest import type_text

TIMEOUT_MS = 120_000


def plotted_points(curve) -> int:
    x, _ = curve.getData()
    return 0 if x is None else len(x)


def test_window_whole_loop(window, qtbot, tmp_path, corpus_slices):
    with qtbot.waitSignal(window.sigProjectChanged, timeout=5000):
        assert window.new_project(tmp_path / "project")

    with qtbot.waitSignal(window.corpus_tab.sigImported, timeout=10_000) as imported:
        window.corpus_tab.import_paths(corpus_slices, mode="paragraph")
    assert imported.args[0]["documents"] > 100
    assert window.project.document_count() == imported.args[0]["documents"]

    corpus = window.corpus_tab
    corpus.kind.setCurrentIndex(corpus.kind.findData("bytebpe"))
    corpus.vocab_size.setValue(800)
    with qtbot.waitSignal(corpus.sigTokenizerTrained, timeout=TIMEOUT_MS):
        qtbot.mouseClick(corpus.train_tokenizer_button, Qt.LeftButton)
    assert window.project.tokenizer_path.is_file()
    with qtbot.waitSignal(corpus.sigEncoded, timeout=TIMEOUT_MS) as encoded:
        qtbot.mouseClick(corpus.encode_button, Qt.LeftButton)
    assert encoded.args[0]["val_tokens"] > 0

    train = window.train_tab
    window.tabs.setCurrentWidget(train)
    train.steps.setValue(100_000)  # Stop ends the run, not the step count
    train.hidden_size.setValue(32)
    train.num_layers.setValue(2)
    train.num_heads.setValue(2)
    train.seq_len.setValue(32)
    train.log_interval.setValue(2)
    train.eval_interval.setValue(4)
    qtbot.mouseClick(train.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: plotted_points(train.train_curve) >= 2, timeout=TIMEOUT_MS)
    assert "cpu" in train.device_label.text() or "cuda" in train.device_label.text() or "mps" in train.device_label.text()
    with qtbot.waitSignal(train.sigRunFinished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(train.stop_button, Qt.LeftButton)
    result = finished.args[0]
    assert result["status"] == "stopped"
    checkpoint = Path(result["checkpoint"])
    assert (checkpoint / "model.safetensors").is_file()
    assert (checkpoint / "optimizer.pt").is_file()
    stored = window.project.db().execute("SELECT count(*) FROM metrics WHERE run_id = ?", [result["run_id"]]).fetchone()[0]
    assert stored >= 2

    attention = window.attention_tab
    window.tabs.setCurrentWidget(attention)
    assert attention.checkpoint.count() == 1
    type_text(qtbot, attention.text, "春眠不觉晓，To be or not to be")
    with qtbot.waitSignal(attention.sigHeatmapShown, timeout=10_000) as shown:
        qtbot.mouseClick(attention.show_button, Qt.LeftButton)
    assert attention.text.text() == "春眠不觉晓，To be or not to be"
    count = shown.args[0]
    matrix = attention.current_matrix()
    assert matrix.shape == (count, count)
    np.testing.assert_allclose(matrix.sum(axis=1), 1.0, atol=1e-5)
    assert np.all(np.triu(matrix, k=1) == 0.0)
    assert np.array_equal(attention.image.image, matrix)


def test_annotate_number_keys_save_labels(window, qtbot, tmp_path):
    source = tmp_path / "docs.txt"
    source.write_text("🙂 我住在北京。\nThe food was great.\n\nThe train was late.\n", encoding="utf-8")
    window.new_project(tmp_path / "project")
    window.corpus_tab.import_paths([source], mode="line")
    tab = window.annotate_tab
    window.tabs.setCurrentWidget(tab)
    for name in ("正面", "负面"):
        type_text(qtbot, tab.new_label, name)
        qtbot.keyClick(tab.new_label, Qt.Key_Return)
    assert [label.shortcut for label in tab.labels] == ["1", "2"]
    assert tab.model.rowCount() == 3
    assert tab.text.toPlainText() == "🙂 我住在北京。"

    tab.text.setFocus()
    with qtbot.waitSignal(tab.sigLabelSaved, timeout=2000) as saved:
        qtbot.keyClick(tab.text, Qt.Key_1)
    assert saved.args[1] == tab.labels[0].id
    with qtbot.waitSignal(tab.sigLabelSaved, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_2)
    assert tab.text.toPlainText() == "The train was late."

    from workbench.core.project import open_project

    other = open_project(window.project.root)  # a second connection sees committed rows
    rows = other.db().execute("SELECT document_id, label_id FROM document_labels ORDER BY document_id").fetchall()
    assert rows == [(1, tab.labels[0].id), (2, tab.labels[1].id)]
    assert tab.progress.value() == 2
    assert tab.progress.maximum() == 3
