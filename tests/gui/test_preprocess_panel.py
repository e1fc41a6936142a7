"""The preprocessing panel driven like a user: set steps, preview, run, inspect, cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt

from workbench.core.encoding import read_meta
from workbench.core.preprocess import load_project_config, store

LINES = [
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
    "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。",
    "Ｆｕｌｌ－ｗｉｄｔｈ   text.",
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
    "The quick brown fox jumps over the lazy dog.",
    "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。",
]


def open_panel(window, tmp_path):
    source = tmp_path / "corpus.txt"
    source.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    assert window.new_project(tmp_path / "project")
    window.corpus_tab.import_paths([source], mode="line")
    panel = window.corpus_tab.preprocess
    window.corpus_tab.pages.setCurrentWidget(panel)
    panel.controls[("tokenizer", "kind")].setCurrentText("char")
    panel.controls[("tokenizer", "vocab_size")].setValue(300)
    panel.controls[("normalise", "form")].setCurrentText("NFKC")
    return panel


def test_preview_changes_nothing(window, qtbot, tmp_path):
    panel = open_panel(window, tmp_path)

    with qtbot.waitSignal(panel.sigPreviewReady, timeout=10_000) as blocker:
        panel.preview_button.click()

    rows = {row["id"]: row for row in blocker.args[0]}
    assert rows[3]["after"] == "Full-width text."
    assert rows[4]["reason"] == "exact_duplicate"
    assert window.project.document(3)["text"] == LINES[2]
    assert panel.preview_table.rowCount() == len(LINES)


def test_run_shows_report_removed_and_stats(window, qtbot, tmp_path):
    panel = open_panel(window, tmp_path)

    with qtbot.waitSignal(panel.sigRunFinished, timeout=60_000) as blocker:
        panel.run_button.click()

    result = blocker.args[0]
    assert result["kept"] == 5
    assert panel.report_table.rowCount() == 6
    assert panel.report_table.item(2, 0).text() == "dedup"
    assert panel.removed.table.rowCount() == 1
    assert panel.removed.table.item(0, 2).text() == "exact_duplicate"
    panel.removed.reason.setCurrentIndex(panel.removed.reason.findData("exact_duplicate"))
    assert panel.removed.table.rowCount() == 1
    panel.removed.clusters.setChecked(True)
    assert panel.removed.table.item(0, 0).text() == "1"
    assert panel.removed.table.item(0, 1).text() == "4"
    assert read_meta(window.project)["vocab_size"] == panel.vocabulary_list.count()
    assert "background" in panel.token_sample.toHtml()
    assert load_project_config(window.project).normalise.form == "NFKC"


def test_unchecked_step_is_skipped(window, qtbot, tmp_path):
    panel = open_panel(window, tmp_path)
    panel.steps.item(2).setCheckState(Qt.Unchecked)

    with qtbot.waitSignal(panel.sigRunFinished, timeout=60_000) as blocker:
        panel.run_button.click()

    assert blocker.args[0]["kept"] == 6
    assert [s["step"] for s in blocker.args[0]["steps"]][:3] == ["normalise", "filter", "split"]


def test_invalid_setting_shows_error(window, qtbot, tmp_path):
    panel = open_panel(window, tmp_path)
    panel.controls[("dedup", "bands")].setValue(7)

    with qtbot.waitSignal(panel.sigRunFailed, timeout=5_000) as blocker:
        panel.run_button.click()

    assert "must equal num_perm" in blocker.args[0]
    assert window.last_error[1] == blocker.args[0]
    assert store.runs(window.project) == []


def test_cancel_leaves_documents(window, qtbot, tmp_path):
    panel = open_panel(window, tmp_path)
    with window.project.transaction() as db:
        db.conn.executemany(
            "INSERT INTO documents (text, source, metadata, created_at) VALUES (?, 'test', '{}', 'now')",
            [(f"line {i} of a longer corpus",) for i in range(50_000)],
        )

    with qtbot.waitSignal(panel.sigCancelled, timeout=30_000):
        panel.run_button.click()
        panel.cancel_button.click()

    assert window.project.document_count() == len(LINES) + 50_000
    assert store.runs(window.project)[-1]["status"] == "cancelled"


def test_undo_puts_texts_back(window, qtbot, tmp_path):
    panel = open_panel(window, tmp_path)
    with qtbot.waitSignal(panel.sigRunFinished, timeout=60_000):
        panel.run_button.click()
    assert window.project.document(3)["text"] == "Full-width text."
    assert panel.undo_button.isEnabled()

    with qtbot.waitSignal(panel.sigRestored, timeout=5_000) as blocker:
        panel.undo_button.click()

    assert blocker.args[0] >= 1
    assert window.project.document(3)["text"] == LINES[2]
    assert not panel.undo_button.isEnabled()


def test_progress_shows_time_left(window, tmp_path):
    from workbench.core.jobs import JobEvent

    panel = open_panel(window, tmp_path)
    panel._set_busy(True)

    panel._on_events([
        JobEvent("progress", {"done": 0, "total": 100, "message": "Encoding"}, time=10.0),
        JobEvent("progress", {"done": 25, "total": 100, "message": "Encoding"}, time=15.0),
    ])

    assert panel.progress.value() == 25
    assert panel.status.text() == "Encoding: 25 of 100 (about 15 s left)"
    panel._set_busy(False)
