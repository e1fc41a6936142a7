"""Run core jobs on a background thread and deliver their events on the GUI thread.

The worker never touches Qt: it writes events into its :class:`JobContext`, and a
100 ms timer on the GUI thread drains them and emits one signal per batch. So a trainer
logging every step still causes at most ten UI updates a second.
"""

from __future__ import annotations

import logging
import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.jobs import JobCancelled, JobContext

log = logging.getLogger(__name__)

POLL_INTERVAL_MS = 100


class JobRunner(QObject):
    """One background job at a time for one panel.

    Signals (all emitted on the GUI thread):
    ``sigEvents(list)`` batches of :class:`~workbench.core.jobs.JobEvent`;
    ``sigFinished(object)`` the job's return value;
    ``sigFailed(str, str)`` message and traceback;
    ``sigCancelled()`` when the job stopped through :class:`JobCancelled`.
    """

    sigEvents = Signal(list)
    sigFinished = Signal(object)
    sigFailed = Signal(str, str)
    sigCancelled = Signal()

    def __init__(self, parent: QObject | None = None, name: str = "job"):
        super().__init__(parent)
        self.name = name
        self.context: JobContext | None = None
        self._thread: threading.Thread | None = None
        self._outcome: tuple[str, Any] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_INTERVAL_MS)
        self._timer.timeout.connect(self._poll)

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, function: Callable[[JobContext], Any]) -> JobContext:
        """Run ``function(context)`` on a new thread; raise RuntimeError if a job is running."""
        if self._thread is not None:
            raise RuntimeError(f"The {self.name} job is still running; stop it or wait for it to finish.")
        context = JobContext()
        self.context = context
        self._outcome = None

        def work() -> None:
            try:
                self._outcome = ("finished", function(context))
            except JobCancelled:
                self._outcome = ("cancelled", None)
            except Exception as exc:  # reported to the user with its traceback
                log.exception("%s job failed", self.name)
                self._outcome = ("failed", (f"{type(exc).__name__}: {exc}", traceback.format_exc()))

        self._thread = threading.Thread(target=work, name=f"{self.name}-worker", daemon=True)
        self._thread.start()
        self._timer.start()
        return context

    def request_stop(self) -> None:
        if self.context is not None:
            self.context.request_stop()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker thread ends; deliver its last events. Return False on timeout."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                return False
        self._poll()
        return True

    def shutdown(self, timeout: float = 30.0) -> bool:
        """Ask the job to stop and wait for it: used when the window closes."""
        self.request_stop()
        return self.wait(timeout)

    def _poll(self) -> None:
        context = self.context
        if context is None:
            return
        events = context.drain()
        if events:
            self.sigEvents.emit(events)
        thread = self._thread
        if thread is not None and not thread.is_alive():
            self._thread = None
            self._timer.stop()
            kind, value = self._outcome or ("failed", ("The job ended without a result.", ""))
            if kind == "finished":
                self.sigFinished.emit(value)
            elif kind == "cancelled":
                self.sigCancelled.emit()
            else:
                self.sigFailed.emit(*value)
