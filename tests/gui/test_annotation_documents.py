"""Document labelling in the real window: keys, auto-advance, skip, flag, progress, schema changes, filters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from workbench.core import annotation_history, annotations
from workbench.core.project import open_project

from .conftest import type_text

TEXTS = ["🙂 我住在北京。", "The food was great.", "北京的冬天很冷。", "The train was late.", "Nothing here."]


@pytest.fixture
def doc_tab(window, qtbot, tmp_path):
    """A project with TEXTS and a single-choice task with labels 正面 (key 1) and 负面 (key 2)."""
    window.new_project(tmp_path / "project")
    with window.project.transaction() as db:
        for text in TEXTS:
            db.conn.execute(
                "INSERT INTO documents (text, source, metadata, created_at) VALUES (?, 'test', '{}', '')", [text])
    tab = window.annotate_tab
    window.tabs.setCurrentWidget(tab)
    tab.reload()
    tab.annotator_field.clear()
    type_text(qtbot, tab.annotator_field, "小王")
    qtbot.keyClick(tab.annotator_field, Qt.Key_Return)
    for name in ("正面", "负面"):
        type_text(qtbot, tab.new_label, name)
        qtbot.keyClick(tab.new_label, Qt.Key_Return)
    tab.text.setFocus()
    return tab


def stored_labels(tab, label_set_id=None):
    project = open_project(tab.project.root)
    rows = project.db().execute(
        "SELECT document_id, label_id, annotator FROM document_labels WHERE label_set_id = ? ORDER BY document_id",
        [label_set_id or tab.label_set_id]).fetchall()
    return rows


def key(qtbot, tab, keycode, modifier=Qt.NoModifier):
    qtbot.keyClick(tab.text, keycode, modifier)


def test_keys_label_and_advance(doc_tab, qtbot):
    tab = doc_tab
    positive, negative = (label.id for label in tab.labels)
    assert tab.current_document_id() == 1

    with qtbot.waitSignal(tab.sigLabelSaved, timeout=2000):
        key(qtbot, tab, Qt.Key_1)
    assert tab.current_document_id() == 2
    with qtbot.waitSignal(tab.sigLabelSaved, timeout=2000):
        key(qtbot, tab, Qt.Key_2)

    assert stored_labels(tab) == [(1, positive, "小王"), (2, negative, "小王")]
    assert tab.current_document_id() == 3
    assert tab.progress.value() == 2
    assert tab.window.settings.value("annotation/annotator") == "小王"


def test_next_previous_skip_flag(doc_tab, qtbot):
    tab = doc_tab
    key(qtbot, tab, Qt.Key_Down, Qt.ControlModifier)
    assert tab.current_document_id() == 2
    key(qtbot, tab, Qt.Key_Up, Qt.ControlModifier)
    assert tab.current_document_id() == 1

    with qtbot.waitSignal(tab.sigMarked, timeout=2000):
        key(qtbot, tab, Qt.Key_Space)
    assert tab.current_document_id() == 2
    with qtbot.waitSignal(tab.sigMarked, timeout=2000):
        key(qtbot, tab, Qt.Key_M, Qt.ControlModifier)
    assert tab.flag_button.isChecked()
    assert "flagged for review" in tab.marks_label.text()

    project = open_project(tab.project.root)
    assert annotations.document_marks(project, 1, tab.label_set_id) == {"skipped"}
    assert annotations.document_marks(project, 2, tab.label_set_id) == {"flagged"}
    assert annotations.first_unlabelled(project, tab.label_set_id) == 2  # flagged, not skipped
    assert tab.progress.value() == 0


def test_auto_advance_off_stays(doc_tab, qtbot):
    tab = doc_tab
    qtbot.mouseClick(tab.auto_advance, Qt.LeftButton)
    assert not tab.auto_advance.isChecked()
    tab.text.setFocus()

    with qtbot.waitSignal(tab.sigLabelSaved, timeout=2000):
        key(qtbot, tab, Qt.Key_1)

    assert tab.current_document_id() == 1
    assert "正面" in tab.current_label.text()
    assert tab.window.settings.value("annotation/auto_advance") in (False, "false")


def test_progress_never_passes_total(doc_tab, qtbot):
    tab = doc_tab
    for _ in range(len(TEXTS)):
        with qtbot.waitSignal(tab.sigLabelSaved, timeout=2000):
            key(qtbot, tab, Qt.Key_1)
    for _ in range(3):  # relabelling the last document counts it once
        with qtbot.waitSignal(tab.sigLabelSaved, timeout=2000):
            key(qtbot, tab, Qt.Key_2)

    assert tab.progress.value() == len(TEXTS)
    assert tab.progress.maximum() == len(TEXTS)
    assert tab.model.data(tab.model.index(0)).startswith("✓")


def test_undo_relabel_and_reopen_resumes(doc_tab, qtbot, window):
    tab = doc_tab
    positive = tab.labels[0].id
    for _ in range(2):
        with qtbot.waitSignal(tab.sigLabelSaved, timeout=2000):
            key(qtbot, tab, Qt.Key_1)
    with qtbot.waitSignal(tab.sigHistoryApplied, timeout=2000):
        key(qtbot, tab, Qt.Key_Z, Qt.ControlModifier)
    assert tab.current_document_id() == 2
    assert stored_labels(tab) == [(1, positive, "小王")]

    assert window.open_project(tab.project.root)
    assert tab.current_document_id() == 2
    tab.text.setFocus()
    with qtbot.waitSignal(tab.sigHistoryApplied, timeout=2000):
        key(qtbot, tab, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert stored_labels(tab) == [(1, positive, "小王"), (2, positive, "小王")]


def test_multilabel_keys_toggle(doc_tab, qtbot):
    tab = doc_tab
    dialog = tab.open_schema_dialog()
    type_text(qtbot, dialog.task_name, "topics")
    dialog.task_kind.setCurrentIndex(dialog.task_kind.findData("multilabel"))
    qtbot.mouseClick(dialog.create_task_button, Qt.LeftButton)
    for name in ("food", "travel", "city"):
        type_text(qtbot, dialog.new_label, name)
        qtbot.keyClick(dialog.new_label, Qt.Key_Return)
    dialog.close()
    tab.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab.window, timeout=2000)
    assert tab.kind == "multilabel"
    tab.text.setFocus()
    food, travel, city = (label.id for label in tab.labels)

    for keycode in (Qt.Key_1, Qt.Key_3, Qt.Key_2, Qt.Key_1):
        with qtbot.waitSignal(tab.sigLabelSaved, timeout=2000):
            key(qtbot, tab, keycode)
    assert tab.current_document_id() == 1
    with qtbot.waitSignal(tab.sigMarked, timeout=2000):
        key(qtbot, tab, Qt.Key_Return)

    assert tab.current_document_id() == 2
    assert sorted(row[1] for row in stored_labels(tab)) == sorted([city, travel])
    assert tab.progress.value() == 1


def test_schema_rename_merge_delete(doc_tab, qtbot):
    tab = doc_tab
    for keycode in (Qt.Key_1, Qt.Key_2, Qt.Key_2):
        with qtbot.waitSignal(tab.sigLabelSaved, timeout=2000):
            key(qtbot, tab, keycode)
    dialog = tab.open_schema_dialog()
    dialog.select_label("负面")
    assert dialog.usage.text() == "Used by 2 document label(s) and 0 span(s)."
    assert dialog.delete_button.text() == "Delete label and its 2 annotation(s)"

    dialog.name.clear()
    type_text(qtbot, dialog.name, "消极")
    dialog.description.clear()
    type_text(qtbot, dialog.description, "negative opinion")
    with qtbot.waitSignal(dialog.sigSchemaChanged, timeout=2000):
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert "2 annotation(s)" in dialog.message.text()
    assert [label.name for label in tab.labels] == ["正面", "消极"]

    dialog.merge_target.setCurrentIndex(dialog.merge_target.findText("正面"))
    with qtbot.waitSignal(dialog.sigSchemaChanged, timeout=2000):
        qtbot.mouseClick(dialog.merge_button, Qt.LeftButton)
    assert "moved 2 document label(s)" in dialog.message.text()
    assert [label.name for label in tab.labels] == ["正面"]

    dialog.select_label("正面")
    with qtbot.waitSignal(dialog.sigSchemaChanged, timeout=2000):
        qtbot.mouseClick(dialog.delete_button, Qt.LeftButton)
    assert "3 document label(s)" in dialog.message.text()
    assert stored_labels(tab) == []

    tab.undo()
    assert len(stored_labels(tab)) == 3
    assert dialog.label_list.count() == 1
    history = annotation_history.history(open_project(tab.project.root), 3)
    assert [entry.action for entry in history] == ["delete label", "merge labels", "edit label"]


def test_schema_rejects_bad_input(doc_tab, qtbot):
    dialog = doc_tab.open_schema_dialog()
    dialog.select_label("负面")
    dialog.shortcut.clear()
    type_text(qtbot, dialog.shortcut, "1")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert "already selects label '正面'" in dialog.message.text()
    dialog.shortcut.clear()
    type_text(qtbot, dialog.shortcut, "2")
    dialog.color.clear()
    type_text(qtbot, dialog.color, "not-a-colour")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert "not-a-colour is invalid" in dialog.message.text()
    assert annotations.find_label(doc_tab.project, doc_tab.label_set_id, "负面").shortcut == "2"


def test_search_and_filters(doc_tab, qtbot):
    tab = doc_tab
    with qtbot.waitSignal(tab.sigLabelSaved, timeout=2000):
        key(qtbot, tab, Qt.Key_2)
    with qtbot.waitSignal(tab.sigMarked, timeout=2000):
        key(qtbot, tab, Qt.Key_M, Qt.ControlModifier)

    type_text(qtbot, tab.search, "北京")
    qtbot.keyClick(tab.search, Qt.Key_Return)
    assert tab.model.ids == [1, 3]
    assert tab.list_count.text() == "2 document(s)"

    tab.search.clear()
    qtbot.keyClick(tab.search, Qt.Key_Return)
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("flagged"))
    tab.apply_filters()
    assert tab.model.ids == [2]

    tab.status_filter.setCurrentIndex(tab.status_filter.findData("all"))
    tab.label_filter.setCurrentIndex(tab.label_filter.findText("负面"))
    tab.annotator_filter.setCurrentIndex(tab.annotator_filter.findText("小王"))
    tab.apply_filters()
    assert tab.model.ids == [1]

    tab.label_filter.setCurrentIndex(0)
    tab.annotator_filter.setCurrentIndex(0)
    tab.sort.setCurrentIndex(tab.sort.findData("newest"))
    tab.apply_filters()
    assert tab.model.ids == [5, 4, 3, 2, 1]
    tab.sort.setCurrentIndex(tab.sort.findData("shortest"))
    tab.apply_filters()
    assert tab.model.ids == [1, 3, 5, 2, 4]  # 8, 8, 13, 19 and 19 characters


def test_schema_colour_picker(doc_tab, qtbot):
    dialog = doc_tab.open_schema_dialog()
    dialog.select_label("正面")
    qtbot.mouseClick(dialog.color_button, Qt.LeftButton)
    dialog.color_dialog.setCurrentColor(QColor("#123456"))
    dialog.color_dialog.accept()
    assert dialog.color.text() == "#123456"

    with qtbot.waitSignal(dialog.sigSchemaChanged, timeout=2000):
        qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    assert annotations.find_label(doc_tab.project, doc_tab.label_set_id, "正面").color == "#123456"
    assert "#123456" in doc_tab.label_buttons.itemAt(0).widget().styleSheet()


def test_prediction_shown_beside_label(doc_tab, qtbot):
    tab = doc_tab
    negative = tab.labels[1].id
    annotations.set_document_label(tab.project, 2, tab.label_set_id, negative, origin="prediction", score=0.875)

    key(qtbot, tab, Qt.Key_Down, Qt.ControlModifier)

    assert tab.current_document_id() == 2
    assert tab.current_label.text() == "Label: none  ·  Model prediction: 负面 0.88"
    assert tab.progress.value() == 0  # a prediction does not finish a document
