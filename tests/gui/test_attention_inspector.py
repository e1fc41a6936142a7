"""The attention inspector: snapshots of a running training, model view, head view, aggregates, export."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from workbench.core.attention import attention_rollout
from workbench.core.encoding import encode_project
from workbench.core.importing import import_files
from workbench.core.jobs import JobContext
from workbench.core.project import create_project
from workbench.core.tokenizer import train_project_tokenizer
from workbench.core.training import TrainConfig, train
from workbench.gui.attention_tab import HEAD_VIEW, MEAN, MODEL_VIEW, ROLLOUT, STATISTICS_VIEW
from workbench.gui.jobs import JobRunner

from .conftest import type_text

TIMEOUT_MS = 60_000
TEXT = "春眠不觉晓，To be"


def small_config(**overrides) -> TrainConfig:
    settings = dict(steps=20, batch_size=4, seq_len=24, hidden_size=32, num_layers=2, num_heads=4,
                    warmup_steps=2, log_interval=5, eval_interval=1_000_000, eval_batches=1, device="cpu")
    settings.update(overrides)
    return TrainConfig(**settings)


def make_project(folder):
    """Create a project with a char tokenizer and an encoded corpus of Chinese and English lines."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "lines.txt"
    lines = [f"第{i}行：春眠不觉晓，处处闻啼鸟。To be, or not to be {i}." for i in range(120)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = create_project(folder / "project")
    import_files(project, [source], mode="line")
    train_project_tokenizer(project, "char", 200)
    encode_project(project, val_fraction=0.2, seed=0)
    return project


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


@pytest.fixture(scope="module")
def trained_project(tmp_path_factory):
    """A project with one finished run, shared by the tests that only read it."""
    project = make_project(tmp_path_factory.mktemp("inspector"))
    train(project, small_config(), JobContext())
    return project


@pytest.fixture
def inspector(window, trained_project):
    """The Attention tab of a window showing ``trained_project``."""
    window.open_project(trained_project.root)
    tab = window.attention_tab
    window.tabs.setCurrentWidget(tab)
    return tab


def show_text(qtbot, tab, text: str = TEXT) -> int:
    tab.text.clear()
    type_text(qtbot, tab.text, text)
    with qtbot.waitSignal(tab.sigHeatmapShown, timeout=10_000) as shown:
        qtbot.mouseClick(tab.show_button, Qt.LeftButton)
    return shown.args[0]


def test_model_view_from_snapshot_while_training(window, project, qtbot):
    window.open_project(project.root)
    tab = window.attention_tab
    runner = JobRunner(window, "snapshot-training")
    context = runner.start(lambda ctx: train(project, small_config(steps=1_000_000), ctx))
    try:
        qtbot.waitUntil(lambda: any(e.kind == "progress" for e in context.drain()) or context.progress[0] > 0,
                        timeout=TIMEOUT_MS)
        window.tabs.setCurrentWidget(tab)
        tab.refresh_checkpoints()
        assert tab.source()[0] == "snapshot"
        assert tab.snapshot_button.isEnabled()
        type_text(qtbot, tab.text, TEXT)

        with qtbot.waitSignal(tab.sigSnapshotShown, timeout=TIMEOUT_MS) as first:
            qtbot.mouseClick(tab.snapshot_button, Qt.LeftButton)
        tab.view.setCurrentIndex(MODEL_VIEW)
        assert tab.pages.currentWidget() is tab.model_view
        assert sorted(tab.model_view.buttons) == [(layer, head) for layer in range(2) for head in range(4)]
        assert runner.is_running()

        with qtbot.waitSignal(tab.sigHeatmapShown, timeout=5_000):
            qtbot.mouseClick(tab.model_view.buttons[(1, 2)], Qt.LeftButton)
        assert tab.pages.currentWidget() is tab.heatmap
        assert (tab.layer.value(), tab.head.value()) == (1, 2)
        assert np.array_equal(tab.image.image, tab.weights[1, 2])
        first_weights = tab.weights.copy()

        # Automatic refresh brings a later snapshot while the run keeps training.
        tab.interval.setValue(3)
        with qtbot.waitSignal(tab.sigSnapshotShown, timeout=TIMEOUT_MS) as later:
            tab.auto_refresh.setChecked(True)
        assert later.args[0] > first.args[0]
        assert not np.array_equal(tab.weights, first_weights)
        assert runner.is_running()
        assert f"step {later.args[0]}" in tab.status.text()
    finally:
        runner.shutdown()
    tab.auto_refresh.setChecked(False)
    status = project.db().execute("SELECT status FROM runs ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert status == "stopped"


def test_head_view_click_highlights_token(inspector, qtbot):
    count = show_text(qtbot, inspector)
    view = inspector.heatmap
    query, key = 4, 2
    scene = view.plot.getViewBox().mapViewToScene(QPointF(key + 0.5, query + 0.5))
    viewport_point = view.plot.mapFromScene(scene)

    with qtbot.waitSignal(view.sigTokenSelected, timeout=2_000) as selected:
        qtbot.mouseClick(view.plot.viewport(), Qt.LeftButton, pos=viewport_point)

    assert selected.args[0] == query
    assert view.row_outline.isVisible()
    assert view.row_outline.rect().top() == query
    assert view.column_outline.rect().left() == query
    assert view.row_outline.rect().width() == count
    assert "“晓”" in inspector.hover.text()
    with qtbot.waitSignal(view.sigTokenSelected, timeout=2_000) as cleared:
        qtbot.mouseClick(view.plot.viewport(), Qt.LeftButton, pos=viewport_point)
    assert cleared.args[0] == -1
    assert not view.row_outline.isVisible()


def test_head_view_hover_shows_pair(inspector, qtbot):
    show_text(qtbot, inspector)
    matrix = inspector.current_matrix()

    scene = inspector.plot.getViewBox().mapViewToScene(QPointF(1.5, 5.5))
    inspector.plot.scene().sigMouseMoved.emit(scene)

    assert f"{matrix[5, 1]:.4f}" in inspector.hover.text()
    assert "“，”" in inspector.hover.text()
    assert "“眠”" in inspector.hover.text()


def test_aggregates_in_head_view(inspector, qtbot):
    show_text(qtbot, inspector)
    inspector.layer.setValue(1)

    inspector.aggregate.setCurrentIndex(inspector.aggregate.findData(MEAN))
    assert np.allclose(inspector.image.image, inspector.weights[1].mean(0))
    assert not inspector.head.isEnabled()
    inspector.aggregate.setCurrentIndex(inspector.aggregate.findData(ROLLOUT))
    assert np.allclose(inspector.image.image, attention_rollout(inspector.weights)[1])
    assert np.allclose(inspector.image.image.sum(-1), 1.0, atol=1e-5)


def test_statistics_table_opens_head(inspector, qtbot):
    show_text(qtbot, inspector)
    inspector.view.setCurrentIndex(STATISTICS_VIEW)
    table = inspector.statistics

    assert table.rowCount() == 8
    table.sortItems(4, Qt.DescendingOrder)
    layer, head = int(table.item(0, 0).text()), int(table.item(0, 1).text())
    shares = [float(table.item(row, 4).text()) for row in range(8)]
    assert shares == sorted(shares, reverse=True)
    table.cellDoubleClicked.emit(0, 2)

    assert inspector.view.currentIndex() == HEAD_VIEW
    assert (inspector.layer.value(), inspector.head.value()) == (layer, head)


def test_export_png_npy_csv(inspector, qtbot, tmp_path):
    count = show_text(qtbot, inspector)

    png = inspector.save_image(tmp_path / "view.png")
    npy = inspector.save_weights(tmp_path / "weights.npy")
    table = inspector.save_weights(tmp_path / "weights.csv")

    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert np.array_equal(np.load(npy), inspector.weights)
    with open(table, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2 * 4 * count * count
    assert rows[0]["query_token"] == "春"


def test_snapshot_source_gone_after_run_finishes(inspector):
    sources = [inspector.checkpoint.itemData(i) for i in range(inspector.checkpoint.count())]

    assert len(sources) == 1
    assert sources[0].startswith("checkpoint:")
    assert not inspector.snapshot_button.isEnabled()


def test_export_dialog_writes_hf_folder(window, trained_project, qtbot, tmp_path):
    from workbench.gui.export_model_dialog import ExportModelDialog

    window.open_project(trained_project.root)
    dialog = ExportModelDialog(trained_project, window)
    qtbot.addWidget(dialog)
    out = tmp_path / "hf"
    assert not dialog.export_button.isEnabled()
    dialog.folder.setText(str(out))
    assert dialog.export_button.isEnabled()

    with qtbot.waitSignal(dialog.sigExported, timeout=TIMEOUT_MS) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)

    assert exported.args[0] == str(out)
    assert (out / "model.safetensors").is_file()
    assert (out / "tokenizer_config.json").is_file()
    assert dialog.progress.value() == dialog.progress.maximum()
    assert str(out) in dialog.message.text()


def test_export_dialog_rejects_non_empty_folder(window, trained_project, qtbot, tmp_path):
    from workbench.gui.export_model_dialog import ExportModelDialog

    dialog = ExportModelDialog(trained_project, window)
    qtbot.addWidget(dialog)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "keep.txt").write_text("user file", encoding="utf-8")
    dialog.folder.setText(str(tmp_path / "busy"))

    with qtbot.waitSignal(dialog.sigFailed, timeout=2_000) as failed:
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)

    assert "not an empty folder" in failed.args[0]
    assert not dialog.runner.is_running()
    assert sorted(p.name for p in (tmp_path / "busy").iterdir()) == ["keep.txt"]


def test_export_dialog_names_missing_onnx_packages(window, trained_project, qtbot, tmp_path, monkeypatch):
    import importlib.util

    from workbench.gui import export_model_dialog

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(export_model_dialog.importlib.util, "find_spec",
                        lambda name: None if name == "onnxruntime" else real_find_spec(name))
    dialog = export_model_dialog.ExportModelDialog(trained_project, window)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "onnx"))

    dialog.format.setCurrentIndex(dialog.format.findData("onnx"))

    assert "onnxruntime" in dialog.message.text()
    assert "pip install" in dialog.message.text()
    assert not dialog.export_button.isEnabled()
