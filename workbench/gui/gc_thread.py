"""Run Python's garbage collector on the GUI thread only.

Automatic collection runs on whichever thread happens to allocate. When a worker thread
collects a reference cycle that holds a Qt widget, the widget is destroyed on that worker
thread. Qt forbids that, and under PySide6 it was seen to deadlock the worker inside the
QObject destructor. So automatic collection is switched off and this timer collects on the
GUI thread instead, one generation at a time, when the allocation counts pass the usual
thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """A timer that does the collector's work on the GUI thread every ``interval_ms``."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold; return objects found."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                return gc.collect(generation)
        return 0


_collector: GuiThreadCollector | None = None


def install(app: QObject) -> GuiThreadCollector:
    """Move garbage collection to the GUI thread of ``app`` (once per process)."""
    global _collector
    if _collector is None:
        _collector = GuiThreadCollector(app)
    return _collector
