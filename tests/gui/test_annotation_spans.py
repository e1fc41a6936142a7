"""Span labelling in the real window: mouse and keyboard selections, stored code point offsets, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from workbench.core import annotations
from workbench.core.project import open_project

from .conftest import type_text

FAMILY = "👨\u200d👩\u200d👧"
TEXTS = [
    "🙂 我住在北京。",
    f"Family {FAMILY} trip",
    "Un cafe\u0301 noir",
    "line one\r\n北京 two\r\nthree",
    "Visit Beijing today",
]


@pytest.fixture
def span_tab(window, qtbot, tmp_path):
    """A project with TEXTS, a span task made in the schema dialog, and labels LOC (key 1) and PER (key 2)."""
    window.new_project(tmp_path / "project")
    # Stored directly, because the text importer turns CRLF into LF and these texts must
    # keep it; other formats (and older projects) can hold CRLF.
    with window.project.transaction() as db:
        for text in TEXTS:
            db.conn.execute(
                "INSERT INTO documents (text, source, metadata, created_at) VALUES (?, 'test', '{}', '')", [text])
    tab = window.annotate_tab
    window.tabs.setCurrentWidget(tab)
    tab.reload()
    dialog = tab.open_schema_dialog()
    type_text(qtbot, dialog.task_name, "实体")
    dialog.task_kind.setCurrentIndex(dialog.task_kind.findData("spans"))
    qtbot.mouseClick(dialog.create_task_button, Qt.LeftButton)
    for name in ("LOC", "PER"):
        type_text(qtbot, dialog.new_label, name)
        qtbot.keyClick(dialog.new_label, Qt.Key_Return)
    dialog.close()
    window.activateWindow()  # a window manager gives the main window back its focus
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    assert tab.kind == "spans"
    assert [(label.name, label.shortcut) for label in tab.labels] == [("LOC", "1"), ("PER", "2")]
    return tab


def stored_spans(tab, doc_id):
    project = open_project(tab.project.root)  # a second connection sees only committed rows
    text = project.document(doc_id)["text"]
    return [(s["start"], s["end"], text[s["start"]:s["end"]]) for s in annotations.spans(project, doc_id)]


def point_at(view, qt_position: int) -> QPoint:
    cursor = QTextCursor(view.document())
    cursor.setPosition(qt_position)
    rect = view.cursorRect(cursor)
    return QPoint(rect.x() + 1, rect.center().y())


def mouse_select(qtbot, view, start_qt: int, end_qt: int) -> None:
    """Click at one position and Shift+click at another, as a user extends a selection with the mouse."""
    viewport = view.viewport()
    qtbot.mouseClick(viewport, Qt.LeftButton, pos=point_at(view, start_qt))
    qtbot.mouseClick(viewport, Qt.LeftButton, Qt.ShiftModifier, pos=point_at(view, end_qt))


def press(qtbot, widget, key, modifier=Qt.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, key, modifier)


def show(tab, qtbot, doc_id):
    with qtbot.waitSignal(tab.sigDocumentShown, timeout=2000):
        tab.select_document(doc_id)
    tab.text.setFocus()


def test_mouse_span_after_emoji(span_tab, qtbot):
    tab = span_tab
    show(tab, qtbot, 1)
    # Qt counts the emoji as two UTF-16 units, so 北京 sits at Qt positions 6 to 8.
    mouse_select(qtbot, tab.text, 6, 8)
    assert tab.text.textCursor().selectedText() == "北京"

    with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_1)

    assert stored_spans(tab, 1) == [(5, 7, "北京")]
    assert tab.span_table.rowCount() == 1
    assert tab.span_table.item(0, 1).text() == "北京"
    assert len(tab.text.extraSelections()) == 1


def test_keyboard_span_on_emoji(span_tab, qtbot):
    tab = span_tab
    show(tab, qtbot, 1)
    press(qtbot, tab.text, Qt.Key_Home, Qt.ControlModifier)
    press(qtbot, tab.text, Qt.Key_Right, Qt.ShiftModifier)

    with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_2)

    assert stored_spans(tab, 1) == [(0, 1, "🙂")]


def test_zwj_family_never_split(span_tab, qtbot):
    tab = span_tab
    show(tab, qtbot, 2)
    family_start = TEXTS[1].index(FAMILY)
    qt_start = tab.text.offsets.to_qt(family_start)
    # A drag that ends inside the sequence (after the man, before the first ZWJ).
    cursor = tab.text.textCursor()
    cursor.setPosition(qt_start)
    cursor.setPosition(qt_start + 2, QTextCursor.KeepAnchor)
    tab.text.setTextCursor(cursor)

    with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_1)

    assert stored_spans(tab, 2) == [(family_start, family_start + len(FAMILY), FAMILY)]


def test_keyboard_over_zwj_family(span_tab, qtbot):
    tab = span_tab
    show(tab, qtbot, 2)
    family_start = TEXTS[1].index(FAMILY)
    press(qtbot, tab.text, Qt.Key_Home, Qt.ControlModifier)
    press(qtbot, tab.text, Qt.Key_Right, times=family_start)
    press(qtbot, tab.text, Qt.Key_Right, Qt.ShiftModifier)

    with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_1)

    [(start, end, piece)] = stored_spans(tab, 2)
    assert start == family_start
    assert piece == FAMILY


def test_combining_accent_kept_whole(span_tab, qtbot):
    tab = span_tab
    show(tab, qtbot, 3)
    word_end = TEXTS[2].index(" noir")
    cursor = tab.text.textCursor()
    cursor.setPosition(tab.text.offsets.to_qt(3))
    cursor.setPosition(tab.text.offsets.to_qt(word_end - 1), QTextCursor.KeepAnchor)  # before the accent
    tab.text.setTextCursor(cursor)

    with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_1)

    assert stored_spans(tab, 3) == [(3, word_end, "cafe\u0301")]


def test_crlf_offsets_match_stored_text(span_tab, qtbot):
    tab = span_tab
    show(tab, qtbot, 4)
    assert tab.text.toPlainText() == "line one\n北京 two\nthree"
    press(qtbot, tab.text, Qt.Key_Home, Qt.ControlModifier)
    press(qtbot, tab.text, Qt.Key_Down)  # Up and Down move the text cursor in span tasks
    press(qtbot, tab.text, Qt.Key_Right, Qt.ShiftModifier, times=2)

    with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_1)

    assert stored_spans(tab, 4) == [(10, 12, "北京")]
    assert tab.current_document_id() == 4


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform, showing the tooltip
def test_nested_spans_click_relabel_delete(span_tab, qtbot):
    tab = span_tab
    show(tab, qtbot, 1)
    mouse_select(qtbot, tab.text, 6, 8)
    with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_1)
    mouse_select(qtbot, tab.text, 3, 9)  # 我住在北京。 around it
    with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_2)
    assert stored_spans(tab, 1) == [(2, 8, "我住在北京。"), (5, 7, "北京")]
    assert len(tab.text.extraSelections()) == 2
    assert tab.span_table.rowCount() == 2
    hover = point_at(tab.text, 7)
    QApplication.sendEvent(tab.text.viewport(),
                           QHelpEvent(QEvent.ToolTip, hover, tab.text.viewport().mapToGlobal(hover)))
    assert QToolTip.text() == "LOC: 北京\nPER: 我住在北京。"

    viewport = tab.text.viewport()
    qtbot.mouseClick(viewport, Qt.LeftButton, pos=point_at(tab.text, 7))  # inside 北京
    inner, outer = tab.text.spans_at(6)
    assert tab.text.selected_span_id == inner["id"]
    qtbot.mouseClick(viewport, Qt.LeftButton, pos=point_at(tab.text, 7))
    assert tab.text.selected_span_id == outer["id"]
    assert tab.span_table.selectedItems()[1].text() == "我住在北京。"

    with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_1)  # relabel the outer span as LOC
    project = open_project(tab.project.root)
    loc = tab.labels[0].id
    assert [s["label_id"] for s in annotations.spans(project, 1)] == [loc, loc]

    tab.span_table.selectRow(1)
    assert tab.text.selected_span_id == inner["id"]
    with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
        qtbot.keyClick(tab.span_table, Qt.Key_Delete)
    assert stored_spans(tab, 1) == [(2, 8, "我住在北京。")]


def test_undo_redo_keys(span_tab, qtbot):
    tab = span_tab
    show(tab, qtbot, 1)
    mouse_select(qtbot, tab.text, 6, 8)
    with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_1)

    with qtbot.waitSignal(tab.sigHistoryApplied, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_Z, Qt.ControlModifier)
    assert stored_spans(tab, 1) == []
    assert tab.text.extraSelections() == []

    with qtbot.waitSignal(tab.sigHistoryApplied, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert stored_spans(tab, 1) == [(5, 7, "北京")]
    assert tab.span_table.rowCount() == 1


def test_snap_to_words(span_tab, qtbot):
    tab = span_tab
    show(tab, qtbot, 5)
    qtbot.mouseClick(tab.snap_tokens, Qt.LeftButton)
    assert tab.snap_tokens.isChecked()
    tab.text.setFocus()
    mouse_select(qtbot, tab.text, 7, 10)  # "eij" inside Beijing

    with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_1)

    assert stored_spans(tab, 5) == [(6, 13, "Beijing")]


def test_label_key_without_selection_stores_nothing(span_tab, qtbot):
    tab = span_tab
    show(tab, qtbot, 1)

    with qtbot.waitSignal(tab.sigError, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_1)

    assert stored_spans(tab, 1) == []
    assert "Select some text first" in tab.current_label.text()


def test_enter_finishes_document_and_advances(span_tab, qtbot):
    tab = span_tab
    show(tab, qtbot, 1)
    with qtbot.waitSignal(tab.sigMarked, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_Return)

    assert tab.current_document_id() == 2
    assert tab.progress.value() == 1
    assert tab.progress.maximum() == len(TEXTS)
    project = open_project(tab.project.root)
    assert annotations.document_marks(project, 1, tab.label_set_id) == {"done"}


def test_double_click_selects_word(span_tab, qtbot):
    tab = span_tab
    show(tab, qtbot, 5)
    qtbot.mouseDClick(tab.text.viewport(), Qt.LeftButton, pos=point_at(tab.text, 9))  # inside Beijing
    assert tab.text.textCursor().selectedText() == "Beijing"

    with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_2)

    assert stored_spans(tab, 5) == [(6, 13, "Beijing")]


def test_keyboard_reaches_every_span(span_tab, qtbot):
    tab = span_tab
    show(tab, qtbot, 1)
    for start, end, keycode in ((6, 8, Qt.Key_1), (3, 9, Qt.Key_2)):
        mouse_select(qtbot, tab.text, start, end)
        with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
            qtbot.keyClick(tab.text, keycode)
    outer, inner = tab.text.spans

    qtbot.keyClick(tab.text, Qt.Key_Escape)
    assert tab.text.selected_span_id is None
    qtbot.keyClick(tab.text, Qt.Key_Right, Qt.AltModifier)
    assert tab.text.selected_span_id == outer["id"]
    qtbot.keyClick(tab.text, Qt.Key_Right, Qt.AltModifier)
    assert tab.text.selected_span_id == inner["id"]
    qtbot.keyClick(tab.text, Qt.Key_Left, Qt.AltModifier)
    assert tab.text.selected_span_id == outer["id"]

    with qtbot.waitSignal(tab.sigSpansChanged, timeout=2000):
        qtbot.keyClick(tab.text, Qt.Key_Backspace)
    assert stored_spans(tab, 1) == [(5, 7, "北京")]
