"""Benchmark: the Annotate tab on a 100,000-document project and a 30,000-character document with 300 spans.

Run: ``python tests/bench/bench_annotation_scale.py [--quick]``

Measures, each against a baseline measured in the same run:

* opening the project in the Annotate tab, against opening a 100-document project;
* scrolling the document list from top to bottom a page at a time (the rows load lazily
  from SQLite), against the same view of the same rows held in memory by a ``QStringListModel``;
* opening the long document with its spans, against ``setPlainText`` of the same text in
  a bare ``QPlainTextEdit``;
* searching the text for a Chinese word and showing the hits, against a bare SQL scan
  that reads every document's length;
* adding span 301 near the end of the long document with a label key, against adding a
  first span to a short document.

``--quick`` uses 10,000 documents and a 3,000-character document with 30 spans.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QStringListModel, Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QHeaderView, QPlainTextEdit, QTableView  # noqa: E402

from tests.real_data import DATA_DIR  # noqa: E402

ENGLISH = DATA_DIR / "tinyshakespeare.txt"
CHINESE = DATA_DIR / "chinese_poetry_sample.txt"


def corpus_lines() -> list[str]:
    """Return English and Chinese lines of the real corpora, alternating, so every slice is mixed."""
    corpora = []
    for path in (ENGLISH, CHINESE):
        with open(path, encoding="utf-8") as handle:
            corpora.append([line.strip() for line in handle if line.strip()])
    english, chinese = corpora
    return [line for pair in zip(english, chinese) for line in pair]


def build_project(root: Path, documents: int, lines: list[str], long_chars: int, long_spans: int):
    """Create a project with ``documents`` short documents and one long mixed document with spans."""
    from workbench.core import annotations
    from workbench.core.project import create_project

    project = create_project(root)
    rows = [(lines[i % len(lines)] + f" ({i})", "bench", "{}", "") for i in range(documents - 1)]
    long_text = ""
    i = 0
    while len(long_text) < long_chars:
        long_text += lines[(i * 7919) % len(lines)] + ("\n" if i % 5 == 4 else " ")
        i += 1
    long_text = long_text[:long_chars]
    with project.transaction() as db:
        db.conn.executemany("INSERT INTO documents (text, source, metadata, created_at) VALUES (?, ?, ?, ?)", rows)
        cursor = db.conn.execute(
            "INSERT INTO documents (text, source, metadata, created_at) VALUES (?, 'bench', '{}', '')", [long_text])
    long_id = cursor.lastrowid
    label_set = annotations.ensure_label_set(project, "entities", "spans")
    labels = [annotations.add_label(project, label_set, name) for name in ("PER", "LOC", "ORG")]
    step = len(long_text) // (long_spans + 1)
    with project.transaction() as db:
        db.conn.executemany(
            'INSERT INTO spans (document_id, label_set_id, label_id, start, "end", origin, annotator, created_at) '
            "VALUES (?, ?, ?, ?, ?, 'human', 'bench', '')",
            [(long_id, label_set, labels[k % 3].id, k * step, k * step + 4 + k % 6) for k in range(long_spans)],
        )
    project.close()
    return long_id, label_set


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def scroll_times(app: QApplication, view: QTableView) -> list[float]:
    """Scroll ``view`` to the bottom a page at a time, painting each page; return each step's seconds."""
    bar = view.verticalScrollBar()
    bar.setValue(0)
    times = []
    while True:
        started = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        view.viewport().repaint()
        app.processEvents()
        times.append(time.perf_counter() - started)
        if bar.value() >= bar.maximum():
            return times


def report(name: str, value: float, baseline: float, limit: float | None = None) -> None:
    ratio = value / baseline if baseline > 0 else float("inf")
    verdict = "" if limit is None else ("  (within {:.0f} ms)".format(limit * 1000) if value <= limit
                                        else "  (OVER {:.0f} ms)".format(limit * 1000))
    print(f"{name:<44} {value * 1000:9.1f} ms   baseline {baseline * 1000:8.1f} ms   ratio {ratio:6.2f}{verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 documents and a 3,000-character document")
    args = parser.parse_args()
    if not ENGLISH.is_file() or not CHINESE.is_file():
        print(f"Real corpora not found in {DATA_DIR}; the benchmark needs them.", file=sys.stderr)
        return 2
    documents, long_chars, long_spans = (10_000, 3_000, 30) if args.quick else (100_000, 30_000, 300)

    home = Path(tempfile.mkdtemp(prefix="workbench-bench-"))
    os.environ["WORKBENCH_HOME"] = str(home / "home")
    app = QApplication.instance() or QApplication([])
    from workbench.core.project import open_project
    from workbench.gui.main_window import MainWindow

    lines = corpus_lines()
    started = time.perf_counter()
    long_id, label_set = build_project(home / "big", documents, lines, long_chars, long_spans)
    build_project(home / "small", 100, lines, 200, 2)
    print(f"Built {documents:,} documents and a {long_chars:,}-character document with {long_spans} spans "
          f"in {time.perf_counter() - started:.1f} s")

    window = MainWindow()
    window.show()
    tab = window.annotate_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_project(open_project(home / "small"))  # warm up: first-use costs of fonts and styles
    app.processEvents()
    small_open = timed(lambda: (tab.set_project(open_project(home / "small")), app.processEvents()))
    big = open_project(home / "big")
    big_open = timed(lambda: (tab.set_project(big), app.processEvents()))
    report(f"Annotate tab opens {documents:,} documents", big_open, small_open, 1.0)
    window_open = timed(lambda: (window.open_project(home / "big"), app.processEvents()))
    print(f"{'whole window opens the project (all tabs)':<44} {window_open * 1000:9.1f} ms")

    tab.list.resize(300, 600)
    ours = scroll_times(app, tab.list)
    previews = [tab.model.data(tab.model.index(row)) for row in range(0, len(tab.model.ids), 1)]
    plain = QTableView()
    plain.horizontalHeader().hide()
    plain.horizontalHeader().setStretchLastSection(True)
    plain.verticalHeader().hide()
    plain.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
    plain.verticalHeader().setDefaultSectionSize(tab.list.verticalHeader().defaultSectionSize())
    plain.setModel(QStringListModel(previews))
    plain.resize(300, 600)
    plain.show()
    memory = scroll_times(app, plain)
    ours_sorted, memory_sorted = sorted(ours), sorted(memory)
    p99 = ours_sorted[int(len(ours_sorted) * 0.99) - 1]
    report(f"list scroll step, median ({len(ours)} pages)", statistics.median(ours), statistics.median(memory))
    report("list scroll step, 99th percentile", p99, memory_sorted[int(len(memory_sorted) * 0.99) - 1], 0.05)

    def search_in_tab() -> None:
        tab.search.setText("明月")
        tab.apply_filters()
        app.processEvents()

    scan = timed(lambda: big.db().execute("SELECT count(*) FROM documents WHERE length(text) > 0").fetchone())
    search = timed(search_in_tab)
    report(f"search 明月, {len(tab.model.ids):,} hits, list shown", search, scan)
    tab.search.clear()
    tab.apply_filters()

    text = big.document(long_id)["text"]
    bare = QPlainTextEdit()
    bare.show()
    bare_open = timed(lambda: (bare.setPlainText(text), bare.viewport().repaint(), app.processEvents()))
    long_open = timed(lambda: (tab.select_document(long_id), tab.text.viewport().repaint(), app.processEvents()))
    assert len(tab.text.spans) == long_spans, len(tab.text.spans)
    report(f"open {long_chars:,}-char document, {long_spans} spans", long_open, bare_open, 1.0)

    def add_span_near_end() -> None:
        end = tab.text.offsets.qt_length - 3
        cursor = tab.text.textCursor()
        cursor.setPosition(end - 2)
        cursor.setPosition(end, QTextCursor.KeepAnchor)
        tab.text.setTextCursor(cursor)
        QTest.keyClick(tab.text, Qt.Key_1)
        tab.text.viewport().repaint()
        app.processEvents()

    window.activateWindow()
    deadline = time.perf_counter() + 5
    while QApplication.activeWindow() is not window and time.perf_counter() < deadline:
        app.processEvents()
    tab.text.setFocus()
    add_long = timed(add_span_near_end)
    assert len(tab.text.spans) == long_spans + 1, "span 301 was not added; is the window active?"
    tab.select_document(1)
    app.processEvents()
    add_short = timed(add_span_near_end)
    report(f"add span {long_spans + 1} near the end", add_long, add_short, 0.1)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
