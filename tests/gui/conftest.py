"""Fixtures for the window tests: offscreen Qt, a fresh window, and a check for leaked workers."""

from __future__ import annotations

import os
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from tests.real_data import DATA_DIR  # noqa: E402

DATA = DATA_DIR


@pytest.fixture(scope="session", autouse=True)
def prepared_runtime(qapp):
    """Prepare the process as the app does at start-up.

    Torch's lazy modules are imported up front, and garbage collection moves to the GUI
    thread: a collection on a worker thread that frees an earlier test's window destroys
    Qt widgets there, which deadlocked the worker.
    """
    from workbench.gui import gc_thread
    from workbench.gui.app import prepare_runtime

    prepare_runtime()
    gc_thread.install(qapp)


@pytest.fixture(autouse=True)
def no_leaked_workers():
    """Fail a test that leaves a background job thread running."""
    yield
    alive = [t.name for t in threading.enumerate() if t.name.endswith("-worker") and t.is_alive()]
    assert not alive, f"worker threads still running after the test: {alive}"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "home"))
    from workbench.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.train_tab.shutdown()
    win.corpus_tab.runner.shutdown()


@pytest.fixture
def corpus_slices(tmp_path):
    """Write the first lines of each real corpus to files in ``tmp_path``; skip if the data is absent."""
    english = DATA / "tinyshakespeare.txt"
    chinese = DATA / "chinese_poetry_sample.txt"
    if not english.is_file() or not chinese.is_file():
        pytest.skip(f"real corpora not found in {DATA}")
    slices = []
    for source, lines in ((english, 2000), (chinese, 2000)):
        with open(source, encoding="utf-8") as handle:
            head = [next(handle) for _ in range(lines)]
        target = tmp_path / f"slice_{source.name}"
        target.write_text("".join(head), encoding="utf-8")
        slices.append(target)
    return slices


def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` into ``widget``: ASCII as key clicks, other characters as an input method commit.

    QTest.keyClicks asserts on non-ASCII characters, and real users type Chinese through an
    input method, which delivers a QInputMethodEvent with the committed string.
    """
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    chunk = ""
    for char in text + "\0":
        if char != "\0" and char.isascii() == (chunk[:1].isascii() if chunk else char.isascii()):
            chunk += char
            continue
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)
        chunk = char if char != "\0" else ""
