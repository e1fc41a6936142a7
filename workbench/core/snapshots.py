"""Snapshots of a model while it trains, for the attention inspector.

The trainer calls :func:`publish_snapshot` once per optimizer step. That call costs one
dictionary look-up and two attribute reads. Only when a snapshot was requested
(:func:`request_snapshot`) or the automatic interval has passed does it copy the
weights to CPU memory, once per snapshot. A reader builds its own model from the copy
(:meth:`Snapshot.build_model`), so inspection never touches the training model and
never holds the training thread.

Snapshots live in this process only; a run trained by another process has none.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import torch

from .model import DecoderLM, ModelConfig


@dataclass
class Snapshot:
    """A CPU copy of a model's weights at one step of a run."""

    run_id: int
    step: int
    config: dict
    state: dict[str, torch.Tensor]
    taken_at: float = field(default_factory=time.time)

    def build_model(self) -> DecoderLM:
        """Return a new model in eval mode holding the snapshot's weights."""
        model = DecoderLM(ModelConfig.from_dict(self.config))
        model.load_state_dict(self.state)
        return model.eval()


@dataclass
class _Board:
    registered: bool = False  # set by the trainer's first publish_snapshot call
    requested: bool = False
    every_steps: int = 0  # 0: only on request
    last_step: int = 0  # step of the last snapshot, 0 before the first
    snapshot: Snapshot | None = None


_lock = threading.Lock()
_boards: dict[int, _Board] = {}


def publish_snapshot(run_id: int, model: DecoderLM, step: int) -> bool:
    """Copy ``model``'s weights if a snapshot of run ``run_id`` is due; return True if copied.

    Call it from the training loop after an optimizer step. The first call registers the
    run, so :func:`live_runs` lists it.
    """
    board = _boards.get(run_id)
    if board is None or not board.registered:
        with _lock:
            board = _boards.setdefault(run_id, _Board())
            board.registered = True
    due = board.requested or (board.every_steps > 0 and step - board.last_step >= board.every_steps)
    if not due:
        return False
    with torch.no_grad():
        state = {name: tensor.detach().to("cpu", copy=True) for name, tensor in model.state_dict().items()}
    snapshot = Snapshot(run_id, step, model.config.to_dict(), state)
    with _lock:
        board.snapshot = snapshot
        board.last_step = step
        board.requested = False
    return True


def request_snapshot(run_id: int) -> None:
    """Ask the trainer of run ``run_id`` to publish a snapshot after its next step."""
    with _lock:
        _boards.setdefault(run_id, _Board()).requested = True


def set_interval(run_id: int, every_steps: int) -> None:
    """Publish a snapshot of run ``run_id`` every ``every_steps`` steps (0 turns it off)."""
    if every_steps < 0:
        raise ValueError(f"every_steps {every_steps} is invalid; use 0 (off) or a positive number of steps.")
    with _lock:
        _boards.setdefault(run_id, _Board()).every_steps = every_steps


def latest_snapshot(run_id: int) -> Snapshot | None:
    """Return the newest snapshot of run ``run_id``, or None if none was published yet."""
    with _lock:
        board = _boards.get(run_id)
        return board.snapshot if board else None


def live_runs() -> list[int]:
    """Return the ids of runs whose trainer called :func:`publish_snapshot` in this process."""
    with _lock:
        return sorted(run_id for run_id, board in _boards.items() if board.registered)


def forget_run(run_id: int) -> None:
    """Drop the board and snapshot of run ``run_id``, freeing its weights."""
    with _lock:
        _boards.pop(run_id, None)
