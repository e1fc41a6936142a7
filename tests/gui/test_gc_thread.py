"""Garbage collection runs on the GUI thread, never on a worker."""

from __future__ import annotations

import gc
import threading

from workbench.gui import gc_thread


class Cycle:
    """An object that refers to itself and records which thread finalises it."""

    finalised_on: list[bool] = []

    def __init__(self):
        self.itself = self

    def __del__(self):
        Cycle.finalised_on.append(threading.current_thread() is threading.main_thread())


def test_worker_cycles_freed_on_gui_thread(qtbot, qapp):
    gc_thread.install(qapp)
    Cycle.finalised_on.clear()

    def make_cycles():
        for _ in range(5_000):
            Cycle()

    worker = threading.Thread(target=make_cycles, name="cycles")
    worker.start()
    worker.join()

    assert not gc.isenabled()
    qtbot.waitUntil(lambda: len(Cycle.finalised_on) == 5_000, timeout=5_000)
    assert all(Cycle.finalised_on)
