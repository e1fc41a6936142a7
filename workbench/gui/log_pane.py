"""The log pane: a dock that shows the ``logging`` records of every thread as they arrive.

:class:`LogBuffer` is a ``logging.Handler`` on the root logger. Any thread may log: ``emit``
only formats the record and appends it to a bounded deque under the handler's lock, and never
touches Qt. The pane polls the buffer from a timer on the GUI thread, like the job runner does.
"""

from __future__ import annotations

import collections
import logging
import threading

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.logs import user_dir

POLL_INTERVAL_MS = 250
DEFAULT_CAPACITY = 5000
FORMAT = "%(asctime)s %(levelname)-7s [%(threadName)s] %(name)s: %(message)s"


class LogBuffer(logging.Handler):
    """The last ``capacity`` formatted records, each with a sequence number, safe to fill from any thread."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY):
        super().__init__(logging.DEBUG)
        self.capacity = capacity
        self.records: collections.deque[tuple[int, int, str]] = collections.deque(maxlen=capacity)
        self.next_sequence = 0
        self.setFormatter(logging.Formatter(FORMAT, "%H:%M:%S"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:  # a bad format string in someone's log call must not break logging
            self.handleError(record)
            return
        with self.lock:
            self.records.append((self.next_sequence, record.levelno, text))
            self.next_sequence += 1

    def since(self, sequence: int) -> tuple[list[tuple[int, int, str]], int]:
        """Return the records numbered ``sequence`` or later and how many of those fell out of the buffer."""
        with self.lock:
            newest = self.next_sequence
            kept = [item for item in self.records if item[0] >= sequence] if newest > sequence else []
        oldest_kept = kept[0][0] if kept else newest
        return kept, max(0, oldest_kept - sequence)


_buffer: LogBuffer | None = None
_buffer_lock = threading.Lock()


def log_buffer() -> LogBuffer:
    """Return the process's buffer, attaching it to the root logger on first use."""
    global _buffer
    with _buffer_lock:
        if _buffer is None:
            _buffer = LogBuffer()
            logging.getLogger().addHandler(_buffer)
        return _buffer


LEVELS = (logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR)


class LogPane(QDockWidget):
    """Signals: ``sigAppended(int)`` after new records are shown (how many),
    ``sigErrorCount(int)`` when the number of ERROR records seen since the last clear changes."""

    sigAppended = Signal(int)
    sigErrorCount = Signal(int)

    def __init__(self, parent=None, buffer: LogBuffer | None = None):
        super().__init__(parent)
        self.setObjectName("log_pane")
        self.setWindowTitle(self.tr("Log"))
        self.buffer = buffer or log_buffer()
        self._next = 0
        self.error_count = 0

        self.level = QComboBox()
        for level, label in zip(LEVELS, (self.tr("Debug"), self.tr("Info"), self.tr("Warning"), self.tr("Error"))):
            self.level.addItem(label, level)
        self.level.setCurrentIndex(1)
        self.level.currentIndexChanged.connect(self.reload)
        clear = QPushButton(self.tr("Clear"))
        clear.clicked.connect(self.clear)
        open_folder = QPushButton(self.tr("Open log folder"))
        open_folder.clicked.connect(self.open_folder)

        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        self.view.setLineWrapMode(QPlainTextEdit.NoWrap)
        # One line more than the buffer holds, so a "messages dropped" notice stays in view.
        self.view.setMaximumBlockCount(self.buffer.capacity + 1)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Show from:")))
        row.addWidget(self.level)
        row.addStretch()
        row.addWidget(clear)
        row.addWidget(open_folder)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.view)
        self.setWidget(body)

        self.timer = QTimer(self)
        self.timer.setInterval(POLL_INTERVAL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self.poll()

    def minimum_level(self) -> int:
        return int(self.level.currentData())

    def poll(self) -> int:
        """Append records logged since the last poll; return how many were shown."""
        records, dropped = self.buffer.since(self._next)
        if not records and not dropped:
            return 0
        if records:
            self._next = records[-1][0] + 1
        lines = []
        if dropped:
            lines.append(self.tr("… {count} older messages dropped").format(count=dropped))
        minimum = self.minimum_level()
        errors = 0
        for _, level, text in records:
            if level >= logging.ERROR:
                errors += 1
            if level >= minimum:
                lines.append(text)
        if errors:
            self.error_count += errors
            self.sigErrorCount.emit(self.error_count)
        if lines:
            self._append(lines)
            self.sigAppended.emit(len(lines))
        return len(lines)

    def _append(self, lines: list[str]) -> None:
        bar = self.view.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 2
        cursor = QTextCursor(self.view.document())
        cursor.movePosition(QTextCursor.End)
        if not self.view.document().isEmpty():
            cursor.insertBlock()
        cursor.insertText("\n".join(lines))
        if at_bottom:
            bar.setValue(bar.maximum())

    def reload(self) -> None:
        """Show the buffered records again at the chosen level."""
        self.view.clear()
        self._next = 0
        error_count = self.error_count
        self.poll()
        self.error_count = error_count
        self.sigErrorCount.emit(self.error_count)

    def clear(self) -> None:
        self.view.clear()
        self._next = self.buffer.next_sequence
        self.error_count = 0
        self.sigErrorCount.emit(0)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(user_dir("log"))))

    def text(self) -> str:
        return self.view.toPlainText()
