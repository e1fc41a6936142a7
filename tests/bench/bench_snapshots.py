"""Benchmark: training speed while the attention inspector takes snapshots of the run.

Run: ``python tests/bench/bench_snapshots.py [--quick]``

Trains the default model size on the first lines of tinyshakespeare twice in one process:
first with no snapshot requests (the baseline, which still calls the hook every step),
then with a snapshot every ``--every`` steps, each followed by an inspection forward pass
on the reader's side, as the Attention tab does. Prints steps per second of both runs and
their ratio, and the mean time of one weight copy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import torch  # noqa: E402

from tests.real_data import DATA_DIR  # noqa: E402
from workbench.core import snapshots  # noqa: E402
from workbench.core.attention import batch_attention  # noqa: E402
from workbench.core.encoding import encode_project  # noqa: E402
from workbench.core.importing import import_files  # noqa: E402
from workbench.core.jobs import JobContext  # noqa: E402
from workbench.core.project import create_project  # noqa: E402
from workbench.core.tokenizer import train_project_tokenizer  # noqa: E402
from workbench.core.training import TrainConfig, train  # noqa: E402


def build_project(folder: Path, lines: int):
    source_path = DATA_DIR / "tinyshakespeare.txt"
    if not source_path.is_file():
        sys.exit(f"{source_path} not found; set WORKBENCH_DATA to the folder with tinyshakespeare.txt.")
    with open(source_path, encoding="utf-8") as handle:
        head = "".join(next(handle) for _ in range(lines))
    source = folder / "slice.txt"
    source.write_text(head, encoding="utf-8")
    project = create_project(folder / "project")
    import_files(project, [source], mode="paragraph")
    train_project_tokenizer(project, "char", 200)
    encode_project(project, val_fraction=0.1, seed=0)
    return project


def timed_run(project, config: TrainConfig, every: int) -> tuple[float, int]:
    """Train once; with ``every`` > 0 a reader thread inspects each new snapshot. Return (seconds, snapshots)."""
    ctx = JobContext()
    done = threading.Event()
    seen: list[int] = []

    def reader() -> None:
        run_id = None
        while not done.is_set():
            if run_id is None:
                run_id = next((e.data["run_id"] for e in ctx.drain() if e.kind == "started"), None)
                if run_id is not None:
                    snapshots.set_interval(run_id, every)
            else:
                snapshot = snapshots.latest_snapshot(run_id)
                if snapshot is not None and (not seen or seen[-1] != snapshot.step):
                    seen.append(snapshot.step)
                    batch_attention(snapshot.build_model(), [list(range(3, 3 + 48))])
            time.sleep(0.005)

    thread = threading.Thread(target=reader) if every else None
    if thread:
        thread.start()
    started = time.perf_counter()
    train(project, config, ctx)
    elapsed = time.perf_counter() - started
    done.set()
    if thread:
        thread.join()
    return elapsed, len(seen)


def copy_time(project, config: TrainConfig, repeats: int) -> float:
    from workbench.core.model import DecoderLM, ModelConfig

    model = DecoderLM(ModelConfig(vocab_size=200, hidden_size=config.hidden_size, num_layers=config.num_layers,
                                  num_heads=config.num_heads, num_kv_heads=config.num_heads, max_seq_len=config.seq_len))
    started = time.perf_counter()
    for step in range(repeats):
        snapshots.request_snapshot(-1)
        snapshots.publish_snapshot(-1, model, step + 1)
    snapshots.forget_run(-1)
    return (time.perf_counter() - started) / repeats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="30 steps, one pair of runs, for a smoke test")
    parser.add_argument("--every", type=int, default=10, help="snapshot interval in steps (default 10)")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads (default 1)")
    args = parser.parse_args()
    steps, pairs = (30, 1) if args.quick else (300, 3)
    torch.set_num_threads(args.threads)
    baselines, snapshot_runs, counts = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        project = build_project(Path(tmp), 1000 if args.quick else 4000)
        config = TrainConfig(steps=steps, eval_interval=10 * steps, eval_batches=2, log_interval=10, device="cpu")
        train(project, TrainConfig(steps=5, eval_interval=100, eval_batches=2, log_interval=5, device="cpu"),
              JobContext())  # warm-up
        # The two kinds of run alternate, so a change in machine load hits both alike.
        for pair in range(pairs):
            order = (0, args.every) if pair % 2 == 0 else (args.every, 0)
            for every in order:
                seconds, count = timed_run(project, config, every)
                if every:
                    snapshot_runs.append(seconds)
                    counts.append(count)
                else:
                    baselines.append(seconds)
        copy_seconds = copy_time(project, config, 20)
    baseline, with_snapshots = statistics.median(baselines), statistics.median(snapshot_runs)
    print(f"steps: {steps} x {pairs} pairs, model: hidden {config.hidden_size}, {config.num_layers} layers, "
          f"{config.num_heads} heads, {args.threads} torch thread(s)")
    print(f"baseline (hook only):         {steps / baseline:8.1f} steps/s (median)")
    print(f"snapshot every {args.every:3d} steps:     {steps / with_snapshots:8.1f} steps/s (median; "
          f"{statistics.median(counts):.0f} snapshots inspected per run)")
    print(f"ratio of times (snapshots / baseline): {with_snapshots / baseline:.3f}")
    print(f"one weight copy: {copy_seconds * 1000:.2f} ms")


if __name__ == "__main__":
    main()
