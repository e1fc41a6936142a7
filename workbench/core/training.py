"""Language-model pre-training on a project's encoded corpus.

:func:`train` is a job (see :mod:`workbench.core.jobs`): it reports ``metrics`` events,
checks the stop flag every step, writes metrics to SQLite from its own connection at log
intervals, and saves a checkpoint at the end and on stop.
"""

from __future__ import annotations

import json
import logging
import math
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np
import torch

from . import checkpoints, snapshots
from .encoding import EncodingError, load_split, read_meta
from .tokenizer import load_tokenizer
from .jobs import JobContext
from .model import DecoderLM, ModelConfig
from .project import Project, utc_now

log = logging.getLogger(__name__)


@dataclass
class TrainConfig:
    steps: int = 500
    batch_size: int = 12
    seq_len: int = 64
    hidden_size: int = 128
    num_layers: int = 4
    num_heads: int = 4
    learning_rate: float = 1e-3
    min_learning_rate: float = 1e-4
    warmup_steps: int = 50
    weight_decay: float = 0.1
    grad_clip: float = 1.0
    log_interval: int = 10
    eval_interval: int = 100
    eval_batches: int = 20
    seed: int = 1337
    device: str = "auto"

    @classmethod
    def from_dict(cls, data: dict) -> "TrainConfig":
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"Unknown training setting(s) {', '.join(unknown)}; known: {', '.join(known)}.")
        return cls(**data)

    def validate(self) -> None:
        positive = ["steps", "batch_size", "seq_len", "hidden_size", "num_layers", "num_heads",
                    "log_interval", "eval_interval", "eval_batches"]
        for name in positive:
            value = getattr(self, name)
            if value <= 0:
                raise ValueError(f"Training setting {name}={value} is invalid; it must be a positive whole number.")
        if self.learning_rate <= 0:
            raise ValueError(f"learning_rate={self.learning_rate} is invalid; it must be positive.")
        if self.warmup_steps < 0:
            raise ValueError(f"warmup_steps={self.warmup_steps} is invalid; it must be 0 or more.")


def pick_device(requested: str = "auto") -> torch.device:
    """Return CUDA if available, then Apple MPS, then CPU; or the device named by ``requested``."""
    if requested != "auto":
        device = torch.device(requested)
        if device.type == "cuda" and not torch.cuda.is_available():
            raise ValueError("Device 'cuda' was requested but torch reports no CUDA device; use 'auto' or 'cpu'.")
        if device.type == "mps" and not torch.backends.mps.is_available():
            raise ValueError("Device 'mps' was requested but torch reports no MPS device; use 'auto' or 'cpu'.")
        return device
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def learning_rate_at(step: int, config: TrainConfig) -> float:
    """Linear warm-up to ``learning_rate``, then cosine decay to ``min_learning_rate``."""
    if config.warmup_steps and step < config.warmup_steps:
        return config.learning_rate * (step + 1) / config.warmup_steps
    span = max(config.steps - config.warmup_steps, 1)
    progress = min((step - config.warmup_steps) / span, 1.0)
    coefficient = 0.5 * (1.0 + math.cos(math.pi * progress))
    return config.min_learning_rate + coefficient * (config.learning_rate - config.min_learning_rate)


class BatchSampler:
    """Random windows of ``seq_len + 1`` tokens from a memmap, from a private generator."""

    def __init__(self, data: np.ndarray, batch_size: int, seq_len: int, seed: int):
        if len(data) < 2:
            raise ValueError("The split contains fewer than 2 tokens; import more text and encode again.")
        self.data = data
        self.batch_size = batch_size
        # A split shorter than the context trains on shorter windows instead of failing.
        self.seq_len = min(seq_len, len(data) - 1)
        self.generator = np.random.default_rng(seed)

    def next(self) -> tuple[torch.Tensor, torch.Tensor]:
        starts = self.generator.integers(0, len(self.data) - self.seq_len, size=self.batch_size)
        rows = np.stack([self.data[s : s + self.seq_len + 1] for s in starts]).astype(np.int64)
        batch = torch.from_numpy(rows)
        return batch[:, :-1], batch[:, 1:]


def build_optimizer(model: torch.nn.Module, config: TrainConfig, device: torch.device) -> torch.optim.AdamW:
    """AdamW with weight decay on matrices only (not on norms or other vectors)."""
    decay = [p for p in model.parameters() if p.requires_grad and p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.requires_grad and p.dim() < 2]
    groups = [
        {"params": decay, "weight_decay": config.weight_decay},
        {"params": no_decay, "weight_decay": 0.0},
    ]
    return torch.optim.AdamW(groups, lr=config.learning_rate, betas=(0.9, 0.95), fused=device.type == "cuda")


@torch.no_grad()
def estimate_loss(model: DecoderLM, sampler: BatchSampler, batches: int, device: torch.device) -> float:
    model.eval()
    losses = []
    for _ in range(batches):
        x, y = sampler.next()
        logits = model(x.to(device))
        losses.append(torch.nn.functional.cross_entropy(logits.flatten(0, 1), y.to(device).flatten()).item())
    model.train()
    return float(np.mean(losses))


def create_run(project: Project, config: TrainConfig, task: str = "lm") -> int:
    with project.transaction() as db:
        cursor = db.conn.execute(
            "INSERT INTO runs (name, task, config, status, step, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            ["", task, json.dumps(asdict(config)), "created", 0, utc_now()],
        )
        run_id = cursor.lastrowid
        db.conn.execute("UPDATE runs SET name = ? WHERE id = ?", [f"run-{run_id}", run_id])
    return run_id


def _write_metrics(project: Project, run_id: int, rows: list[tuple[int, str, float, float]]) -> None:
    if not rows:
        return
    with project.transaction() as db:
        db.conn.executemany(
            "INSERT INTO metrics (run_id, step, name, value, wall_time) VALUES (?, ?, ?, ?, ?)",
            [(run_id, step, name, value, wall) for step, name, value, wall in rows],
        )


def train(project: Project, config: TrainConfig, ctx: JobContext, run_id: int | None = None) -> dict:
    """Train a new language model on ``project``'s encoded corpus; return the final figures."""
    config.validate()
    meta = read_meta(project)
    device = pick_device(config.device)
    torch.manual_seed(config.seed)
    train_data = load_split(project, "train")
    val_data = load_split(project, "val")
    tokenizer_vocab = load_tokenizer(project.tokenizer_path).get_vocab_size()
    if tokenizer_vocab != meta["vocab_size"]:
        raise EncodingError(
            f"The encoded corpus was made with a {meta['vocab_size']}-token tokenizer but the project's "
            f"tokenizer has {tokenizer_vocab}. Encode the corpus again ('workbench encode {project.root}')."
        )
    seq_len = min(config.seq_len, len(train_data) - 1, len(val_data) - 1)
    if seq_len < config.seq_len:
        log.warning("Context length %d exceeds the corpus; training with %d", config.seq_len, seq_len)
        ctx.event("warning", message=f"The corpus is shorter than the context length {config.seq_len}; "
                  f"training with context {seq_len} instead.")

    model_config = ModelConfig(
        vocab_size=meta["vocab_size"],
        hidden_size=config.hidden_size,
        num_layers=config.num_layers,
        num_heads=config.num_heads,
        num_kv_heads=config.num_heads,
        max_seq_len=seq_len,
        eos_token_id=meta["eot_id"],
    )
    model = DecoderLM(model_config).to(device)
    optimizer = build_optimizer(model, config, device)
    train_sampler = BatchSampler(train_data, config.batch_size, seq_len, config.seed)
    val_sampler = BatchSampler(val_data, config.batch_size, seq_len, config.seed + 1)

    if run_id is None:
        run_id = create_run(project, config)
    run_dir = project.runs_dir / f"run-{run_id}"
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "run_config.json").write_text(json.dumps(asdict(config), indent=2), encoding="utf-8")
    db = project.db()
    with project.transaction():
        db.conn.execute(
            "UPDATE runs SET status = 'running', device = ? WHERE id = ?", [str(device), run_id]
        )
    ctx.event(
        "started", run_id=run_id, device=str(device), parameters=model.num_parameters(),
        train_tokens=len(train_data), val_tokens=len(val_data),
    )
    log.info("Run %d started on %s with %d parameters", run_id, device, model.num_parameters())

    pending: list[tuple[int, str, float, float]] = []
    started = time.perf_counter()
    window_start = started
    window_tokens = 0
    train_loss = float("nan")
    val_loss = float("nan")
    best_val = float("inf")
    step = 0
    status = "finished"
    tokens_per_step = config.batch_size * train_sampler.seq_len
    try:
        model.train()
        for step in range(config.steps):
            if ctx.stop_requested:
                status = "stopped"
                break
            lr = learning_rate_at(step, config)
            for group in optimizer.param_groups:
                group["lr"] = lr
            x, y = train_sampler.next()
            x, y = x.to(device), y.to(device)
            logits = model(x)
            loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), y.flatten())
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), config.grad_clip)
            optimizer.step()
            window_tokens += tokens_per_step

            done = step + 1
            # Attention inspector hook: copies the weights to CPU only when a snapshot is due.
            snapshots.publish_snapshot(run_id, model, done)
            values: dict[str, float] = {}
            if done % config.log_interval == 0 or done == config.steps:
                # .item() synchronises with the device, so it runs only at log intervals.
                train_loss = loss.item()
                now = time.perf_counter()
                tokens_per_second = window_tokens / max(now - window_start, 1e-9)
                window_start, window_tokens = now, 0
                values.update(train_loss=train_loss, learning_rate=lr, tokens_per_second=tokens_per_second)
            if done % config.eval_interval == 0 or done == config.steps:
                val_loss = estimate_loss(model, val_sampler, config.eval_batches, device)
                best_val = min(best_val, val_loss)
                values["val_loss"] = val_loss
            if values:
                wall = time.perf_counter() - started
                pending.extend((done, name, value, wall) for name, value in values.items())
                ctx.event("metrics", step=done, total=config.steps, **values)
                ctx.report(done, config.steps)
                _write_metrics(project, run_id, pending)
                pending = []
        else:
            step = config.steps
    except Exception:
        with project.transaction():
            db.conn.execute("UPDATE runs SET status = 'failed', finished_at = ? WHERE id = ?", [utc_now(), run_id])
        raise
    steps_done = step if status == "stopped" else config.steps

    if status == "stopped" and steps_done:
        # The last logged loss may be from a few steps back; log the state we stop at.
        train_loss = loss.item()
        val_loss = estimate_loss(model, val_sampler, config.eval_batches, device)
        best_val = min(best_val, val_loss)
        wall = time.perf_counter() - started
        _write_metrics(project, run_id, [(steps_done, "train_loss", train_loss, wall), (steps_done, "val_loss", val_loss, wall)])
        ctx.event("metrics", step=steps_done, total=config.steps, train_loss=train_loss, val_loss=val_loss)

    checkpoint_dir = run_dir / "checkpoint"
    checkpoints.save(
        checkpoint_dir, model, optimizer,
        {
            "step": steps_done,
            "best_val_loss": best_val if math.isfinite(best_val) else None,
            "train_loss": train_loss,
            "val_loss": val_loss,
            "run_id": run_id,
            "train_config": asdict(config),
            "tokenizer": str(project.tokenizer_path),
        },
    )
    elapsed = time.perf_counter() - started
    with project.transaction():
        db.conn.execute(
            "UPDATE runs SET status = ?, step = ?, train_loss = ?, val_loss = ?, checkpoint = ?, "
            "finished_at = ? WHERE id = ?",
            [status, steps_done, train_loss, val_loss, str(checkpoint_dir), utc_now(), run_id],
        )
    result = {
        "run_id": run_id,
        "status": status,
        "device": str(device),
        "steps": steps_done,
        "train_loss": train_loss,
        "val_loss": val_loss,
        "best_val_loss": best_val if math.isfinite(best_val) else None,
        "seconds": elapsed,
        "tokens_per_second": steps_done * tokens_per_step / max(elapsed, 1e-9),
        "checkpoint": str(checkpoint_dir),
    }
    ctx.event("finished", **result)
    log.info("Run %d %s at step %d: %s", run_id, status, steps_done, result)
    return result


def run_metrics(project: Project, run_id: int, name: str) -> tuple[np.ndarray, np.ndarray]:
    rows = project.db().execute(
        "SELECT step, value FROM metrics WHERE run_id = ? AND name = ? ORDER BY step", [run_id, name]
    ).fetchall()
    if not rows:
        return np.zeros(0), np.zeros(0)
    array = np.asarray(rows, dtype=float)
    return array[:, 0], array[:, 1]


def latest_checkpoint(project: Project) -> Path | None:
    row = project.db().execute(
        "SELECT checkpoint FROM runs WHERE checkpoint IS NOT NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return Path(row[0]) if row else None
