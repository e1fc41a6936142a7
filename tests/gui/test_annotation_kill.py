"""Durability: the real window labels spans in a subprocess, gets SIGKILLed, and nothing it reported is lost."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from workbench.core import annotation_history, annotations
from workbench.core.project import create_project, open_project

TEXT = "🙂 我住在北京。"
DOCUMENTS = 400
KILL_AFTER = 12  # labelled documents reported before the kill

CHILD = textwrap.dedent('''
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from workbench.gui.main_window import MainWindow

    app = QApplication([])
    window = MainWindow()
    window.show()
    assert window.open_project(sys.argv[1])
    tab = window.annotate_tab
    window.tabs.setCurrentWidget(tab)
    tab.choose_label_set(int(sys.argv[2]))
    window.activateWindow()
    while QApplication.activeWindow() is not window:
        app.processEvents()
    tab.text.setFocus()
    print("ready", flush=True)
    while tab.current_document_id() is not None:
        doc_id = tab.current_document_id()
        QTest.keyClick(tab.text, Qt.Key_Home, Qt.ControlModifier)
        for _ in range(5):  # past the emoji (one key press, two UTF-16 units), the space and 我住在
            QTest.keyClick(tab.text, Qt.Key_Right)
        QTest.keyClick(tab.text, Qt.Key_Right, Qt.ShiftModifier)
        QTest.keyClick(tab.text, Qt.Key_Right, Qt.ShiftModifier)
        QTest.keyClick(tab.text, Qt.Key_1)
        print(f"span {doc_id}", flush=True)
        QTest.keyClick(tab.text, Qt.Key_Return)
        print(f"done {doc_id}", flush=True)
''')


@pytest.fixture
def span_project(tmp_path):
    project = create_project(tmp_path / "project")
    with project.transaction() as db:
        db.conn.executemany(
            "INSERT INTO documents (text, source, metadata, created_at) VALUES (?, 'test', '{}', '')",
            [(f"{TEXT} {i}",) for i in range(DOCUMENTS)],
        )
    label_set = annotations.ensure_label_set(project, "实体", "spans")
    annotations.add_label(project, label_set, "LOC")
    project.close()
    return project.root, label_set


def read_reports(process, count: int, timeout: float) -> list[str]:
    """Read the child's lines until ``count`` documents are reported done, or fail after ``timeout`` seconds."""
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while sum(line.startswith("done") for line in lines) < count:
        if time.monotonic() > deadline or process.poll() is not None:
            pytest.fail(f"the window reported {lines!r} before it stopped or timed out; stderr: "
                        f"{process.stderr.read() if process.poll() is not None else ''}")
        if selector.select(timeout=0.5):
            line = process.stdout.readline()
            if line:
                lines.append(line.strip())
    return lines


def test_sigkill_loses_no_label(span_project, tmp_path, window):
    root, label_set = span_project
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "WORKBENCH_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, str(script), str(root), str(label_set)], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env,
    )
    try:
        lines = read_reports(process, KILL_AFTER, timeout=120)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    project = open_project(root)
    spanned = [int(line.split()[1]) for line in lines if line.startswith("span")]
    done = [int(line.split()[1]) for line in lines if line.startswith("done")]
    for doc_id in spanned:
        stored = annotations.spans(project, doc_id)
        assert [(s["start"], s["end"]) for s in stored] == [(5, 7)], f"document {doc_id}"
        assert project.document(doc_id)["text"][5:7] == "北京"
    for doc_id in done:
        assert "done" in annotations.document_marks(project, doc_id, label_set)

    # Every stored change has its history entry, because both are written in one transaction.
    span_rows = project.db().execute("SELECT count(*) FROM spans").fetchone()[0]
    mark_rows = project.db().execute("SELECT count(*) FROM document_marks").fetchone()[0]
    entries = annotation_history.history(project, limit=10_000)
    assert sum(e.action == "add span" for e in entries) == span_rows
    assert sum(e.action == "mark done" for e in entries) == mark_rows
    assert span_rows >= len(spanned)

    # Reopening resumes at the first document not yet finished, and undo still works.
    resume = annotations.first_unlabelled(project, label_set)
    assert resume > max(done)
    for doc_id in range(max(done) + 1, resume):
        assert annotations.spans(project, doc_id), f"document {doc_id} was skipped over on resume"
    assert window.open_project(root)
    assert window.annotate_tab.current_document_id() == resume
    last = entries[0]
    assert annotation_history.undo(project).id == last.id
