"""Snapshots of a training model for the attention inspector."""

from __future__ import annotations

import threading
import time

import pytest
import torch

from workbench.core import snapshots
from workbench.core.jobs import JobContext
from workbench.core.model import DecoderLM, ModelConfig
from workbench.core.training import train


@pytest.fixture
def model() -> DecoderLM:
    torch.manual_seed(0)
    return DecoderLM(ModelConfig(vocab_size=30, hidden_size=16, num_layers=1, num_heads=2, num_kv_heads=2))


@pytest.fixture
def run_id():
    run = 9_000_000 + threading.get_ident() % 1000
    yield run
    snapshots.forget_run(run)


def test_publish_without_request_copies_nothing(model, run_id):
    published = snapshots.publish_snapshot(run_id, model, 1)

    assert not published
    assert snapshots.latest_snapshot(run_id) is None
    assert run_id in snapshots.live_runs()


def test_requested_snapshot_is_a_copy(model, run_id):
    snapshots.request_snapshot(run_id)

    assert snapshots.publish_snapshot(run_id, model, 7)
    with torch.no_grad():
        model.model.norm.weight.add_(1.0)

    snapshot = snapshots.latest_snapshot(run_id)
    assert snapshot.step == 7
    assert torch.equal(snapshot.state["model.norm.weight"], torch.ones(16))
    # The request is served once.
    assert not snapshots.publish_snapshot(run_id, model, 8)


def test_snapshot_builds_equal_model(model, run_id):
    snapshots.request_snapshot(run_id)
    snapshots.publish_snapshot(run_id, model, 3)

    copy = snapshots.latest_snapshot(run_id).build_model()

    ids = torch.tensor([[1, 2, 3, 4]])
    with torch.no_grad():
        assert torch.equal(copy(ids), model.eval()(ids))
    assert not copy.training


def test_interval_publishes_every_n_steps(model, run_id):
    snapshots.set_interval(run_id, 3)

    published = [step for step in range(1, 11) if snapshots.publish_snapshot(run_id, model, step)]

    assert published == [3, 6, 9]


def test_negative_interval_raises(run_id):
    with pytest.raises(ValueError):
        snapshots.set_interval(run_id, -1)


def test_snapshot_while_training_runs(mixed_project, tiny_train_config):
    ctx = JobContext()
    config = tiny_train_config(steps=100_000, log_interval=50, eval_interval=100_000)
    result = {}
    worker = threading.Thread(target=lambda: result.update(train(mixed_project, config, ctx)), name="snapshot-test")
    worker.start()
    try:
        deadline = time.monotonic() + 60
        started = None
        while started is None and time.monotonic() < deadline:
            started = next((e.data["run_id"] for e in ctx.drain() if e.kind == "started"), None)
            time.sleep(0.01)
        assert started is not None
        snapshots.request_snapshot(started)
        snapshot = None
        while snapshot is None and time.monotonic() < deadline:
            snapshot = snapshots.latest_snapshot(started)
            time.sleep(0.01)
        assert snapshot is not None
        assert worker.is_alive()
    finally:
        ctx.request_stop()
        worker.join(60)
    snapshots.forget_run(started)
    assert result["status"] == "stopped"
    assert 0 < snapshot.step <= result["steps"]
    assert snapshot.build_model().config.hidden_size == 32
