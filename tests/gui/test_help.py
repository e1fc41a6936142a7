"""Help menu, log pane and error reporting: what a user sees when something goes wrong."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import torch
from PySide6.QtCore import qVersion
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from workbench import __version__
from workbench.gui.log_pane import LogBuffer, LogPane

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "resources" / "docs"
log = logging.getLogger("workbench.tests.help")


@pytest.fixture
def info_logging():
    """Let INFO records reach the root handlers, as configure_logging does in the app."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.INFO)
    yield
    root.setLevel(level)


def message_boxes(window) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


# Log pane ----------------------------------------------------------------------------------


@pytest.fixture
def make_pane(qtbot):
    """Return a function that builds a log pane over a fresh buffer attached to the root logger."""
    buffers = []

    def make(capacity: int = 1000) -> LogPane:
        buffer = LogBuffer(capacity=capacity)
        logging.getLogger().addHandler(buffer)
        buffers.append(buffer)
        pane = LogPane(buffer=buffer)
        qtbot.addWidget(pane)
        return pane

    yield make
    for buffer in buffers:
        logging.getLogger().removeHandler(buffer)


def test_log_pane_shows_records_from_threads(make_pane, info_logging):
    pane = make_pane()

    def work(index: int) -> None:
        for step in range(50):
            log.info("thread %d step %d 中文", index, step)

    threads = [threading.Thread(target=work, args=(i,), name=f"logger-{i}") for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pane.poll()

    lines = [line for line in pane.text().splitlines() if "step" in line]
    assert len(lines) == 200
    assert "[logger-3]" in pane.text()
    assert "thread 2 step 49 中文" in pane.text()


def test_log_pane_is_bounded(make_pane, info_logging):
    pane = make_pane(capacity=50)
    for index in range(30):
        log.info("first %d", index)
    pane.poll()
    for index in range(120):
        log.info("second %d", index)
    pane.poll()

    assert len(pane.buffer.records) == 50
    assert pane.view.document().blockCount() <= 51
    assert "70 older messages dropped" in pane.text()
    assert "second 119" in pane.text()


def test_log_pane_level_filter(make_pane):
    pane = make_pane()
    log.warning("a warning")
    log.error("an error")
    pane.poll()
    pane.level.setCurrentIndex(pane.level.findData(logging.ERROR))

    assert "an error" in pane.text()
    assert "a warning" not in pane.text()
    assert pane.error_count == 1


def test_window_counts_logged_errors(window, qtbot):
    window.log_pane.clear()
    log.error("disk full while saving")

    qtbot.waitUntil(lambda: window.error_button.isVisible(), timeout=2000)

    assert "1" in window.error_button.text()
    window.error_button.click()
    assert window.log_pane.isVisible()
    assert "disk full while saving" in window.log_pane.text()


# Errors --------------------------------------------------------------------------------------


def test_worker_error_shows_details(window, qtbot):
    def fail(_ctx):
        return {"ratio": 1 / 0}

    window.corpus_tab.runner.start(fail)
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=5000)

    title, message, details = window.last_error
    assert "ZeroDivisionError" in message
    assert "Traceback" in details
    assert "1 / 0" in details
    boxes = message_boxes(window)
    assert len(boxes) == 1
    assert boxes[0].detailedText() == details
    assert any("ZeroDivisionError" in text for _, _, text in window.log_pane.buffer.records)


def test_uncaught_exception_reaches_window(window):
    from workbench.gui import app

    app.set_error_sink(window.show_error)
    try:
        try:
            {}["missing"]
        except KeyError as exc:
            app._excepthook(type(exc), exc, exc.__traceback__)
    finally:
        app.set_error_sink(None)

    title, message, details = window.last_error
    assert title == "Unexpected error"
    assert "KeyError" in message
    assert "missing" in details
    assert message_boxes(window)


# About, shortcuts, docs ----------------------------------------------------------------------


def test_about_lists_versions(window, qtbot):
    from workbench.gui.help_about import AboutDialog, version_rows

    dialog = AboutDialog(window)
    qtbot.addWidget(dialog)
    text = dialog.details.toPlainText()

    assert f"LM Workbench: {__version__}" in text
    assert f"Python: {sys.version.split()[0]}" in text
    assert f"torch: {torch.__version__}" in text
    assert f"Qt: {qVersion()}" in text
    names = [name for name, _ in version_rows()]
    assert "CUDA" in names
    assert "MPS" in names
    cuda = dict(version_rows())["CUDA"]
    assert cuda.startswith("available") == torch.cuda.is_available()
    dialog.copy_versions()
    from PySide6.QtWidgets import QApplication

    assert QApplication.clipboard().text() == text


def test_shortcut_sheet_lists_actions(window, qtbot, tmp_path):
    from workbench.core import annotations
    from workbench.gui.help_shortcuts import ShortcutSheet

    window.new_project(tmp_path / "p")
    label_set = window.annotate_tab.label_set_id
    annotations.add_label(window.project, label_set, "积极")
    window.annotate_tab.reload()

    sheet = ShortcutSheet(window)
    qtbot.addWidget(sheet)
    rows = sheet.rows()

    native = QKeySequence(QKeySequence.New).toString(QKeySequence.NativeText)
    assert ("File", "New project", native) in rows
    assert any(action == "Settings" and "Ctrl+," in keys for _, action, keys in rows)
    assert any(action == "Log" and keys == "Ctrl+Shift+L" for _, action, keys in rows)
    assert ("Annotate", "Label “积极”", "1") in rows
    assert "Ctrl+/" in sheet.text()


def test_menu_text_without_mnemonic():
    from workbench.gui.help_shortcuts import _plain

    assert _plain("文件(&F)") == "文件"
    assert _plain("设置(&S)…") == "设置"
    assert _plain("&Open project…") == "Open project"
    assert _plain("Save && quit") == "Save & quit"


def test_docs_exist_in_both_languages():
    from workbench.gui.help_docs import TOPICS

    for language in ("en", "zh_CN"):
        names = sorted(path.stem for path in (DOCS / language).glob("*.md"))
        assert names == sorted(TOPICS), language


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_docs_have_same_structure(language):
    """Each translated page has the same headings, tables and code blocks as the English one."""

    def shape(path: Path) -> list[str]:
        text = path.read_text(encoding="utf-8")
        return [
            re.sub(r"[^#|`]", "", line)[:3]
            for line in text.splitlines()
            if line.startswith(("#", "```")) or line.startswith("| ---")
        ]

    for english in (DOCS / "en").glob("*.md"):
        assert shape(DOCS / language / english.name) == shape(english), english.name


@pytest.mark.parametrize(("language", "phrase"), [("en", "Getting started"), ("zh_CN", "快速上手"), ("zh_TW", "快速上手"), ("fr_FR", "Getting started")])
def test_docs_dialog_opens_topic(window, qtbot, language, phrase):
    from workbench.gui.help_docs import DocsDialog

    dialog = DocsDialog(window, "getting-started", language=language)
    qtbot.addWidget(dialog)

    assert dialog.topics.count() == 4
    assert dialog.current_topic() == "getting-started"
    assert phrase in dialog.browser.toPlainText()


def test_docs_links_switch_topic(window, qtbot):
    from PySide6.QtCore import QUrl

    from workbench.gui.help_docs import DocsDialog

    dialog = DocsDialog(window, "getting-started", language="en")
    qtbot.addWidget(dialog)
    dialog._follow(QUrl("export.md"))

    assert dialog.current_topic() == "export"
    assert "model.safetensors" in dialog.browser.toPlainText()


def test_help_menu_opens_dialogs(window, qtbot):
    window.show_docs("export")
    assert window._docs.current_topic() == "export"
    window._docs.close()
    window.show_about()
    window.show_shortcuts()
    titles = {dialog.windowTitle() for dialog in window.findChildren(QDialog) if dialog.isVisible()}
    assert "About LM Workbench" in titles
    assert "Keyboard shortcuts" in titles


# Start-up ------------------------------------------------------------------------------------


def test_window_starts_and_quits(tmp_path):
    """The real start-up path: settings, theme, language, the window, then a clean exit."""
    home = tmp_path / "家"
    env = dict(os.environ, WORKBENCH_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run(
        [sys.executable, "-m", "workbench", "open", "--quit-after", "0.5"],
        cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )

    assert completed.returncode == 0, completed.stderr
    assert f"LM Workbench {__version__}: the window opened" in completed.stdout
    assert (home / "config" / "settings.json").is_file()
    assert (home / "log" / "workbench.log").is_file()


def test_qt_messages_reach_logging(caplog):
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from workbench.gui.app import _qt_message_handler

    previous = qInstallMessageHandler(_qt_message_handler)
    try:
        with caplog.at_level(logging.WARNING, logger="qt"):
            qWarning("QPainter is not active")
    finally:
        qInstallMessageHandler(previous)

    assert [(record.name, record.levelno, record.getMessage()) for record in caplog.records] == [
        ("qt", logging.WARNING, "QPainter is not active")
    ]
