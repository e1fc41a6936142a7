"""The one API for long-running work: a job function receives a :class:`JobContext`.

The job reports progress and events through the context and checks ``stop_requested``
at safe points. Nothing here depends on threads or Qt: the GUI runs a job on a Python
thread and polls :meth:`JobContext.drain` from a timer, the CLI passes a context whose
``on_event`` prints, and tests pass a plain context and read its events afterwards.
"""

from __future__ import annotations

import collections
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable


class JobCancelled(Exception):
    """Raised by :meth:`JobContext.check_stop` when the user asked the job to stop."""


@dataclass
class JobEvent:
    """One thing a job reports: ``kind`` names it, ``data`` carries its values."""

    kind: str
    data: dict[str, Any]
    time: float = field(default_factory=time.monotonic)


class JobContext:
    """Progress, events and the stop flag shared between a job and its caller.

    ``report`` and ``event`` are safe to call from the job's thread while another thread
    calls ``drain``: events go through a deque, whose append and popleft are atomic.
    """

    def __init__(self, on_event: Callable[[JobEvent], None] | None = None):
        self._stop = threading.Event()
        self._running = threading.Event()  # cleared while the job is paused
        self._running.set()
        self._events: collections.deque[JobEvent] = collections.deque()
        self._on_event = on_event
        self.progress: tuple[int, int] = (0, 0)
        self.message = ""

    def event(self, kind: str, **data: Any) -> None:
        item = JobEvent(kind, data)
        self._events.append(item)
        if self._on_event is not None:
            self._on_event(item)

    def report(self, done: int, total: int, message: str = "") -> None:
        """Record progress as ``done`` of ``total`` units (``total`` 0 when unknown)."""
        self.progress = (done, total)
        if message:
            self.message = message
        self.event("progress", done=done, total=total, message=message)

    def request_stop(self) -> None:
        self._stop.set()
        self._running.set()  # a paused job wakes up to stop

    def request_pause(self) -> None:
        """Ask the job to wait at its next safe point until :meth:`request_resume`."""
        self._running.clear()

    def request_resume(self) -> None:
        self._running.set()

    @property
    def pause_requested(self) -> bool:
        return not self._running.is_set()

    def wait_while_paused(self) -> None:
        """Block while paused; return at once on resume or stop (jobs call this at safe points)."""
        while not self._running.wait(0.5):
            if self._stop.is_set():
                return

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def check_stop(self) -> None:
        if self._stop.is_set():
            raise JobCancelled()

    def drain(self) -> list[JobEvent]:
        """Remove and return every event reported since the last call."""
        items = []
        while True:
            try:
                items.append(self._events.popleft())
            except IndexError:
                return items
