"""Language-model pre-training on a project's encoded corpus.

:func:`train` starts a run and :func:`resume` continues one from its latest checkpoint. Both
are jobs (see :mod:`workbench.core.jobs`): they report ``started``, ``metrics``, ``warning``,
``paused``, ``checkpoint`` and ``finished`` events, check the stop and pause flags between
optimizer steps, and write metrics to SQLite from their own connection at log intervals.

A checkpoint contains everything the next step depends on: weights, optimizer and gradient
scaler states, the step, the batch sampler's generator state and the torch RNG state. So on
the same device and thread count, a resumed run computes the same losses as an
uninterrupted one. Batches come from a numpy generator in the training thread itself; no
worker processes are forked.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import math
import time
from pathlib import Path

import numpy as np
import torch

from . import checkpoints, snapshots
from .encoding import EncodingError, load_split, read_meta
from .jobs import JobContext
from .model import DecoderLM, ModelConfig
from .project import Project, utc_now
from .tokenizer import load_tokenizer
from .train_config import PRESETS, TrainConfig, build_config, preset_config  # noqa: F401 (re-exported)

log = logging.getLogger(__name__)

# Settings a resumed run may change; the others define the model and the data order.
RESUMABLE_OVERRIDES = {
    "steps", "log_interval", "eval_interval", "checkpoint_interval", "keep_best",
    "early_stopping_patience", "early_stopping_min_delta", "nonfinite_action", "max_skipped_steps",
}


class TrainingError(Exception):
    """Training cannot start or continue: out of memory, nothing to resume, an invalid setting."""


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


def resolve_precision(requested: str, device: torch.device) -> str:
    """Map ``auto`` to bf16 or fp16 on CUDA and fp32 elsewhere; reject what the device cannot do."""
    if requested == "auto":
        if device.type == "cuda":
            return "bf16" if torch.cuda.is_bf16_supported() else "fp16"
        return "fp32"
    if requested == "fp16" and device.type != "cuda":
        raise ValueError(f"precision=fp16 needs a CUDA device (it trains with a gradient scaler); "
                         f"on {device.type} use bf16 or fp32.")
    if requested == "bf16" and device.type == "cuda" and not torch.cuda.is_bf16_supported():
        raise ValueError("precision=bf16 is not supported by this CUDA device; use fp16 or fp32.")
    return requested


def learning_rate_at(step: int, config: TrainConfig) -> float:
    """Linear warm-up to ``learning_rate``, then cosine decay to ``min_learning_rate``."""
    if config.warmup_steps and step < config.warmup_steps:
        return config.learning_rate * (step + 1) / config.warmup_steps
    span = max(config.steps - config.warmup_steps, 1)
    progress = min((step - config.warmup_steps) / span, 1.0)
    coefficient = 0.5 * (1.0 + math.cos(math.pi * progress))
    return config.min_learning_rate + coefficient * (config.learning_rate - config.min_learning_rate)


class BatchSampler:
    """Random windows of ``seq_len + 1`` tokens from a memmap, from a private generator.

    The generator's state is the data position: :meth:`state` and :meth:`set_state` save
    and restore it as JSON-compatible data.
    """

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

    def state(self) -> dict:
        return self.generator.bit_generator.state

    def set_state(self, state: dict) -> None:
        self.generator.bit_generator.state = state


class ValidationSet:
    """Fixed validation windows, so every evaluation of a run scores the same tokens.

    ``batches`` of ``batch_size`` windows spread evenly over the split, or with ``batches``
    0, every non-overlapping window of the split.
    """

    def __init__(self, data: np.ndarray, batch_size: int, seq_len: int, batches: int):
        self.data = data
        self.batch_size = batch_size
        self.seq_len = min(seq_len, len(data) - 1)
        last_start = len(data) - self.seq_len - 1
        every = np.arange(0, last_start + 1, self.seq_len)
        wanted = batches * batch_size
        if batches == 0 or wanted >= len(every):
            self.starts = every
        else:
            self.starts = np.linspace(0, last_start, wanted).astype(np.int64)

    @property
    def tokens(self) -> int:
        return len(self.starts) * self.seq_len

    def __iter__(self):
        for first in range(0, len(self.starts), self.batch_size):
            starts = self.starts[first : first + self.batch_size]
            rows = np.stack([self.data[s : s + self.seq_len + 1] for s in starts]).astype(np.int64)
            batch = torch.from_numpy(rows)
            yield batch[:, :-1], batch[:, 1:]


def build_optimizer(model: torch.nn.Module, config: TrainConfig, device: torch.device) -> torch.optim.AdamW:
    """AdamW with weight decay on matrices only (not on norms or other vectors)."""
    decay = [p for p in model.parameters() if p.requires_grad and p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.requires_grad and p.dim() < 2]
    groups = [
        {"params": decay, "weight_decay": config.weight_decay},
        {"params": no_decay, "weight_decay": 0.0},
    ]
    betas = (getattr(config, "beta1", 0.9), getattr(config, "beta2", 0.95))
    return torch.optim.AdamW(groups, lr=config.learning_rate, betas=betas, fused=device.type == "cuda")


def compute_loss(model: torch.nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean next-token cross-entropy of ``model`` on inputs ``x`` and targets ``y``."""
    logits = model(x)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1).float(), y.flatten())


@torch.no_grad()
def evaluate(model: torch.nn.Module, windows: ValidationSet, device: torch.device, autocast) -> float:
    """Return the mean token loss of ``model`` over ``windows``."""
    was_training = model.training
    model.eval()
    total = torch.zeros((), dtype=torch.float64, device=device)
    count = 0
    for x, y in windows:
        with autocast():
            loss = compute_loss(model, x.to(device), y.to(device))
        total += loss.double() * y.numel()
        count += y.numel()
    model.train(was_training)
    return float(total.item() / max(count, 1))


def create_run(project: Project, config, task: str = "lm") -> int:
    """Insert a run row for ``config`` (a TrainConfig, or a fine-tuning settings dataclass)."""
    settings = config.to_dict() if hasattr(config, "to_dict") else dataclasses.asdict(config)
    with project.transaction() as db:
        cursor = db.conn.execute(
            "INSERT INTO runs (name, task, config, status, step, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            ["", task, json.dumps(settings), "created", 0, utc_now()],
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


def is_out_of_memory(exc: BaseException) -> bool:
    if isinstance(exc, (MemoryError, getattr(torch, "OutOfMemoryError", MemoryError))):
        return True
    return isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower()


def out_of_memory_message(config: TrainConfig, device: torch.device) -> str:
    smaller = max(config.batch_size // 2, 1)
    accumulation = config.grad_accum_steps * max(config.batch_size // smaller, 1)
    return (
        f"Out of memory on {device} with batch_size={config.batch_size} and seq_len={config.seq_len}. "
        f"Try batch_size={smaller} with grad_accum_steps={accumulation}, which keeps the effective batch "
        f"of {config.batch_size * config.grad_accum_steps} sequences, or a smaller preset."
    )


def _check_tokenizer(project: Project, meta: dict) -> None:
    tokenizer_vocab = load_tokenizer(project.tokenizer_path).get_vocab_size()
    if tokenizer_vocab != meta["vocab_size"]:
        raise EncodingError(
            f"The encoded corpus was made with a {meta['vocab_size']}-token tokenizer but the project's "
            f"tokenizer has {tokenizer_vocab}. Encode the corpus again ('workbench encode {project.root}')."
        )


class Trainer:
    """One run's training loop, from a fresh model or from the run's latest checkpoint."""

    def __init__(self, project: Project, config: TrainConfig, ctx: JobContext, run_id: int | None,
                 resume_from: Path | None = None):
        config.validate()
        self.project = project
        self.config = config
        self.ctx = ctx
        self.meta = read_meta(project)
        self.device = pick_device(config.device)
        self.precision = resolve_precision(config.precision, self.device)
        self.train_data = load_split(project, "train")
        self.val_data = load_split(project, "val")
        _check_tokenizer(project, self.meta)
        self.seq_len = min(config.seq_len, len(self.train_data) - 1, len(self.val_data) - 1)
        self.resume_from = resume_from
        self.run_id = run_id
        self.status = "finished"
        self.reason = "completed"
        self.step = 0
        self.train_loss = float("nan")
        self.val_loss = float("nan")
        self.best_val = float("inf")
        self.bad_evals = 0
        self.skipped_steps = 0
        self.consecutive_skips = 0
        self.elapsed_before = 0.0
        self.last_checkpoint_step = -1
        self.last_logged: tuple[int, set] = (-1, set())

    # Setup ------------------------------------------------------------------------------

    def _build(self) -> None:
        config = self.config
        if self.seq_len < config.seq_len:
            log.warning("Context length %d exceeds the corpus; training with %d", config.seq_len, self.seq_len)
            self.ctx.event("warning", message=f"The corpus is shorter than the context length {config.seq_len}; "
                           f"training with context {self.seq_len} instead.")
        torch.manual_seed(config.seed)
        if self.resume_from is not None:
            self.model, _ = checkpoints.load_model(self.resume_from, self.device)
        else:
            model_config = ModelConfig(
                vocab_size=self.meta["vocab_size"], hidden_size=config.hidden_size, num_layers=config.num_layers,
                num_heads=config.num_heads, num_kv_heads=config.num_heads, max_seq_len=self.seq_len,
                eos_token_id=self.meta["eot_id"],
            )
            self.model = DecoderLM(model_config).to(self.device)
        self.model.train()
        self.optimizer = build_optimizer(self.model, config, self.device)
        self.scaler = torch.amp.GradScaler("cuda") if self.precision == "fp16" else None
        self.sampler = BatchSampler(self.train_data, config.batch_size, self.seq_len, config.seed)
        self.windows = ValidationSet(self.val_data, config.batch_size, self.seq_len, config.eval_batches)
        self.forward_model = self._compiled(self.model) if config.compile else self.model
        self.run_dir = None

    def _compiled(self, model: torch.nn.Module) -> torch.nn.Module:
        """Return ``torch.compile(model)``, or ``model`` with a warning when compiling fails here.

        torch.compile compiles lazily, so a forward and backward pass on a batch of zeros
        runs here: a missing C compiler or an unsupported platform shows up now, not at step 1.
        """
        try:
            import torch._inductor.config as inductor_config

            # Compile in this thread: inductor's default pool of worker processes would be
            # forked from a background thread, which is unsafe.
            inductor_config.compile_threads = 1
            compiled = torch.compile(model)
            probe = torch.zeros(self.config.batch_size, self.seq_len, dtype=torch.long, device=self.device)
            with self._autocast():
                compute_loss(compiled, probe, probe).backward()
            model.zero_grad(set_to_none=True)
            return compiled
        except Exception as exc:  # compilation is optional; training continues without it
            model.zero_grad(set_to_none=True)
            log.warning("torch.compile failed, training uncompiled: %s", exc)
            self.ctx.event("warning", message=f"torch.compile failed here ({type(exc).__name__}: {exc}); "
                           "training without it.")
            return model

    def _autocast(self):
        if self.precision == "fp32":
            return contextlib.nullcontext()
        dtype = torch.bfloat16 if self.precision == "bf16" else torch.float16
        return torch.autocast(self.device.type, dtype=dtype)

    def _restore(self, folder: Path) -> None:
        state = checkpoints.read_config(folder)
        self.optimizer.load_state_dict(checkpoints.load_optimizer_state(folder))
        scaler_state = checkpoints.load_scaler_state(folder)
        if self.scaler is not None and scaler_state:
            self.scaler.load_state_dict(scaler_state)
        rng = checkpoints.load_rng_state(folder)
        torch.set_rng_state(rng["torch"])
        if "cuda" in rng and torch.cuda.is_available():
            torch.cuda.set_rng_state_all(rng["cuda"])
        trainer = state.get("trainer")
        if trainer is None:
            raise TrainingError(f"{folder} was saved before resumable checkpoints existed; it cannot resume.")
        self.sampler.set_state(trainer["sampler"])
        self.step = state["step"]
        self.best_val = trainer["best_val"] if trainer["best_val"] is not None else float("inf")
        self.bad_evals = trainer["bad_evals"]
        self.skipped_steps = trainer["skipped_steps"]
        self.elapsed_before = trainer["elapsed"]
        self.train_loss = state.get("train_loss", float("nan"))
        self.val_loss = state.get("val_loss", float("nan"))
        self.last_checkpoint_step = self.step

    def _open_run(self) -> None:
        project, config = self.project, self.config
        if self.run_id is None:
            self.run_id = create_run(project, config)
        self.run_dir = project.runs_dir / f"run-{self.run_id}"
        self.run_dir.mkdir(parents=True, exist_ok=True)
        (self.run_dir / "run_config.json").write_text(json.dumps(config.to_dict(), indent=2), encoding="utf-8")
        self.best = checkpoints.BestCheckpoints(self.run_dir, config.keep_best)
        with project.transaction() as db:
            if self.resume_from is not None:
                # The interrupted run may have logged steps after its last checkpoint; the
                # resumed run computes them again.
                db.conn.execute("DELETE FROM metrics WHERE run_id = ? AND step > ?", [self.run_id, self.step])
            db.conn.execute(
                "UPDATE runs SET status = 'running', device = ?, config = ?, finished_at = NULL WHERE id = ?",
                [str(self.device), json.dumps(config.to_dict()), self.run_id],
            )
        if self.resume_from is not None:
            self.best.drop_after(self.step)

    # Checkpoints ------------------------------------------------------------------------

    def _state(self) -> dict:
        return {
            "step": self.step,
            "best_val_loss": self.best_val if math.isfinite(self.best_val) else None,
            "train_loss": self.train_loss,
            "val_loss": self.val_loss,
            "run_id": self.run_id,
            "train_config": self.config.to_dict(),
            "precision": self.precision,
            "tokenizer": str(self.project.tokenizer_path),
            "trainer": {
                "sampler": self.sampler.state(),
                "best_val": self.best_val if math.isfinite(self.best_val) else None,
                "bad_evals": self.bad_evals,
                "skipped_steps": self.skipped_steps,
                "elapsed": self.elapsed_before + time.perf_counter() - self.started,
            },
        }

    def _save_latest(self) -> bool:
        """Save the resumable checkpoint; return False (keeping the old one) if the weights are not finite."""
        folder = self.run_dir / "checkpoint"
        scaler_state = self.scaler.state_dict() if self.scaler is not None else None
        try:
            checkpoints.save(folder, self.model, self.optimizer, self._state(), scaler_state)
        except checkpoints.CheckpointError as exc:
            log.error("Run %d step %d: %s", self.run_id, self.step, exc)
            self.ctx.event("warning", step=self.step, message=f"Step {self.step}: {exc}")
            return False
        self.last_checkpoint_step = self.step
        with self.project.transaction() as db:
            db.conn.execute("UPDATE runs SET step = ?, checkpoint = ? WHERE id = ?", [self.step, str(folder), self.run_id])
        self.ctx.event("checkpoint", step=self.step, path=str(folder))
        return True

    def _save_best(self) -> None:
        def save_to(folder: Path) -> None:
            checkpoints.save(folder, self.model, None, self._state())

        try:
            folder = self.best.add(self.step, self.val_loss, save_to)
        except checkpoints.CheckpointError as exc:
            self.ctx.event("warning", step=self.step, message=f"Step {self.step}: {exc}")
            return
        if folder is not None:
            best = self.best.best()
            with self.project.transaction() as db:
                db.conn.execute(
                    "UPDATE runs SET best_val_loss = ?, best_checkpoint = ? WHERE id = ?",
                    [best.val_loss, str(self.run_dir / best.folder), self.run_id],
                )

    # The loop ---------------------------------------------------------------------------

    def _optimizer_step(self, lr: float) -> tuple[torch.Tensor, float, bool]:
        """Run one optimizer step over ``grad_accum_steps`` micro-batches.

        Returns the summed loss (a tensor, so reading it is left to log intervals), the
        gradient norm before clipping, and whether the update was applied. The update is
        skipped when the gradient norm is NaN or inf.
        """
        config = self.config
        for group in self.optimizer.param_groups:
            group["lr"] = lr
        total = None
        for _ in range(config.grad_accum_steps):
            x, y = self.sampler.next()
            x, y = x.to(self.device, non_blocking=True), y.to(self.device, non_blocking=True)
            with self._autocast():
                loss = compute_loss(self.forward_model, x, y) / config.grad_accum_steps
            if self.scaler is not None:
                self.scaler.scale(loss).backward()
            else:
                loss.backward()
            total = loss.detach() if total is None else total + loss.detach()
        if self.scaler is not None:
            self.scaler.unscale_(self.optimizer)
        max_norm = config.grad_clip if config.grad_clip > 0 else float("inf")
        # NOTE: float() waits for the device every step (the NaN/inf guard needs the value);
        # on CPU this costs nothing, on CUDA it removes some overlap of host and device work.
        grad_norm = float(torch.nn.utils.clip_grad_norm_(self.model.parameters(), max_norm))
        applied = math.isfinite(grad_norm)
        if self.scaler is not None:
            # fp16 gradients overflow now and then while the scale settles: the scaler skips
            # those steps itself. Only a non-finite loss counts as a non-finite step.
            self.scaler.step(self.optimizer)
            self.scaler.update()
            applied = applied or math.isfinite(float(total))
        elif applied:
            self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)
        return total, grad_norm, applied

    def _handle_nonfinite(self, done: int, loss_value: float, grad_norm: float) -> bool:
        """Record a step whose loss or gradients were NaN or inf; return True if the run must stop."""
        self.skipped_steps += 1
        self.consecutive_skips += 1
        what = f"loss {loss_value}" if not math.isfinite(loss_value) else f"gradient norm {grad_norm}"
        stop = self.config.nonfinite_action == "stop" or self.consecutive_skips > self.config.max_skipped_steps
        if stop:
            message = (f"Step {done}: {what} is not finite; training stopped. The weights were not updated, "
                       f"and the checkpoint from step {max(self.last_checkpoint_step, 0)} is kept.")
        else:
            message = f"Step {done}: {what} is not finite; the update was skipped."
        log.warning("Run %d: %s", self.run_id, message)
        self.ctx.event("warning", step=done, nonfinite=True, message=message)
        return stop

    def _evaluate(self) -> float:
        return evaluate(self.forward_model, self.windows, self.device, self._autocast)

    def run(self) -> dict:
        self._build()
        if self.resume_from is not None:
            self._restore(self.resume_from)
            if self.step >= self.config.steps:
                raise TrainingError(
                    f"Run {self.run_id} already reached step {self.step} of {self.config.steps}; "
                    f"set a larger steps value to train further."
                )
        self.started = time.perf_counter()
        self._open_run()
        config, ctx = self.config, self.ctx
        ctx.event(
            "started", run_id=self.run_id, device=str(self.device), parameters=self.model.num_parameters(),
            train_tokens=len(self.train_data), val_tokens=len(self.val_data), precision=self.precision,
            step=self.step, total=config.steps, resumed=self.resume_from is not None,
            config=config.to_dict(), eval_tokens=self.windows.tokens,
        )
        log.info("Run %d %s on %s (%s) with %d parameters at step %d", self.run_id,
                 "resumed" if self.resume_from else "started", self.device, self.precision,
                 self.model.num_parameters(), self.step)
        try:
            self._loop()
        except Exception as exc:
            with self.project.transaction() as db:
                db.conn.execute("UPDATE runs SET status = 'failed', finished_at = ? WHERE id = ?", [utc_now(), self.run_id])
            if is_out_of_memory(exc):
                if self.device.type == "cuda":
                    torch.cuda.empty_cache()
                raise TrainingError(out_of_memory_message(config, self.device)) from exc
            raise
        return self._finish()

    def _loop(self) -> None:
        config, ctx = self.config, self.ctx
        session_start_step = self.step
        session_start = time.perf_counter()
        window_start, window_tokens = time.perf_counter(), 0
        pending: list[tuple[int, str, float, float]] = []
        checkpoint_interval = config.checkpoint_interval or config.eval_interval
        loss_tensor = None
        while self.step < config.steps:
            if ctx.stop_requested:
                self.status, self.reason = "stopped", "user"
                break
            if ctx.pause_requested:
                paused_at = time.perf_counter()
                ctx.event("paused", step=self.step)
                ctx.wait_while_paused()
                window_start += time.perf_counter() - paused_at
                session_start += time.perf_counter() - paused_at
                ctx.event("resumed", step=self.step)
                continue
            lr = learning_rate_at(self.step, config)
            loss_tensor, grad_norm, applied = self._optimizer_step(lr)
            done = self.step + 1
            window_tokens += config.tokens_per_step
            values: dict[str, float] = {}
            if not applied:
                loss_value = float(loss_tensor)
                values.update(train_loss=loss_value, grad_norm=grad_norm, learning_rate=lr)
                if self._handle_nonfinite(done, loss_value, grad_norm):
                    self.step = done
                    self.status, self.reason = "stopped", "nonfinite"
                    self._log(pending, done, values, session_start, session_start_step)
                    pending = []
                    break
            else:
                self.consecutive_skips = 0
            self.step = done
            # Attention inspector hook: copies the weights to CPU only when a snapshot is due.
            snapshots.publish_snapshot(self.run_id, self.model, done)
            if done % config.log_interval == 0 or done == config.steps:
                # Reading the loss waits for the device, so it happens only at log intervals.
                self.train_loss = float(loss_tensor)
                now = time.perf_counter()
                values.update(train_loss=self.train_loss, learning_rate=lr, grad_norm=grad_norm,
                              tokens_per_second=window_tokens / max(now - window_start, 1e-9))
                window_start, window_tokens = now, 0
            timed_out = False
            # Throughput counts training steps and logging, not evaluation or checkpoints.
            side_work_start = time.perf_counter()
            if done % config.eval_interval == 0 or done == config.steps:
                self.val_loss = self._evaluate()
                values["val_loss"] = self.val_loss
                timed_out = self._track_early_stopping()
            if done % checkpoint_interval == 0 or done == config.steps:
                if math.isfinite(self.val_loss) and done % config.eval_interval == 0:
                    self._save_best()
                self._save_latest()
            window_start += time.perf_counter() - side_work_start
            if values:
                self._log(pending, done, values, session_start, session_start_step)
                pending = []
            if timed_out:
                self.status, self.reason = "finished", "early_stopping"
                break
        self.loss_tensor = loss_tensor

    def _log(self, pending, done, values, session_start, session_start_step) -> None:
        now = time.perf_counter()
        wall = self.elapsed_before + now - self.started
        per_step = (now - session_start) / max(done - session_start_step, 1)
        eta = per_step * (self.config.steps - done)
        pending.extend((done, name, value, wall) for name, value in values.items())
        self.last_logged = (done, set(values))
        self.ctx.event("metrics", step=done, total=self.config.steps, eta_seconds=eta, wall_time=wall, **values)
        self.ctx.report(done, self.config.steps)
        _write_metrics(self.project, self.run_id, pending)

    def _track_early_stopping(self) -> bool:
        """Update the best validation loss; return True when patience has run out."""
        config = self.config
        if self.val_loss < self.best_val - config.early_stopping_min_delta:
            self.best_val = self.val_loss
            self.bad_evals = 0
            return False
        self.best_val = min(self.best_val, self.val_loss)
        self.bad_evals += 1
        if config.early_stopping_patience and self.bad_evals >= config.early_stopping_patience:
            message = (f"Step {self.step}: validation loss has not improved by more than "
                       f"{config.early_stopping_min_delta} for {self.bad_evals} evaluations; stopping early.")
            self.ctx.event("warning", step=self.step, message=message)
            return True
        return False

    def _finish(self) -> dict:
        config = self.config
        if self.status == "stopped" and self.reason == "user" and self.step > self.last_checkpoint_step:
            # The last logged figures may be a few steps old; log and save the state we stop at.
            logged_step, logged = self.last_logged
            already = logged if logged_step == self.step else set()
            values = {}
            if self.loss_tensor is not None:
                self.train_loss = float(self.loss_tensor)
                values["train_loss"] = self.train_loss
            if "val_loss" not in already:
                self.val_loss = self._evaluate()
                values["val_loss"] = self.val_loss
                self.best_val = min(self.best_val, self.val_loss)
            values = {k: v for k, v in values.items() if k not in already}
            wall = self.elapsed_before + time.perf_counter() - self.started
            _write_metrics(self.project, self.run_id, [(self.step, k, v, wall) for k, v in values.items()])
            self.ctx.event("metrics", step=self.step, total=config.steps, **values)
        if self.reason in ("user", "early_stopping") and self.step > self.last_checkpoint_step:
            self._save_latest()
        elapsed = self.elapsed_before + time.perf_counter() - self.started
        best = self.best.best()
        checkpoint_dir = self.run_dir / "checkpoint"
        with self.project.transaction() as db:
            db.conn.execute(
                "UPDATE runs SET status = ?, step = ?, train_loss = ?, val_loss = ?, finished_at = ? WHERE id = ?",
                [self.status, self.step, self.train_loss, self.val_loss, utc_now(), self.run_id],
            )
        result = {
            "run_id": self.run_id,
            "status": self.status,
            "reason": self.reason,
            "device": str(self.device),
            "precision": self.precision,
            "steps": self.step,
            "train_loss": self.train_loss,
            "val_loss": self.val_loss,
            "best_val_loss": self.best_val if math.isfinite(self.best_val) else None,
            "best_checkpoint": str(self.run_dir / best.folder) if best else None,
            "skipped_steps": self.skipped_steps,
            "seconds": elapsed,
            "tokens_per_second": self.step * config.tokens_per_step / max(elapsed, 1e-9),
            "checkpoint": str(checkpoint_dir) if checkpoint_dir.is_dir() else None,
        }
        self.ctx.event("finished", **result)
        log.info("Run %d %s (%s) at step %d: %s", self.run_id, self.status, self.reason, self.step, result)
        return result


def train(project: Project, config: TrainConfig, ctx: JobContext, run_id: int | None = None) -> dict:
    """Train a new language model on ``project``'s encoded corpus; return the final figures."""
    return Trainer(project, config, ctx, run_id).run()


def resume(project: Project, run_id: int, ctx: JobContext, overrides: dict | None = None) -> dict:
    """Continue run ``run_id`` from its latest checkpoint; ``overrides`` may change RESUMABLE_OVERRIDES."""
    row = project.db().execute("SELECT config, checkpoint, status FROM runs WHERE id = ?", [run_id]).fetchone()
    if row is None:
        raise TrainingError(f"Run {run_id} not found in {project.root}; 'workbench runs {project.root}' lists the runs.")
    if row[2] == "running":
        # A process killed mid-run (power loss, kill -9) leaves this status behind.
        log.warning("Run %d is marked as running; resuming it as an interrupted run", run_id)
    settings = json.loads(row[0])
    overrides = dict(overrides or {})
    fixed = sorted(set(overrides) - RESUMABLE_OVERRIDES)
    if fixed:
        raise TrainingError(
            f"{', '.join(fixed)} cannot change when resuming, because the checkpoint depends on them; "
            f"resumable settings: {', '.join(sorted(RESUMABLE_OVERRIDES))}."
        )
    settings.update(overrides)
    try:
        config = TrainConfig.from_dict(settings)
    except (TypeError, ValueError) as exc:
        raise TrainingError(f"Run {run_id} has settings this version cannot read: {exc}") from exc
    folder = project.runs_dir / f"run-{run_id}" / "checkpoint"
    checkpoints.recover(folder)
    if not (folder / "optimizer.pt").is_file():
        raise TrainingError(f"Run {run_id} has no resumable checkpoint in {folder}; start a new run instead.")
    return Trainer(project, config, ctx, run_id, resume_from=folder).run()


def run_metrics(project: Project, run_id: int, name: str) -> tuple[np.ndarray, np.ndarray]:
    rows = project.db().execute(
        "SELECT step, value FROM metrics WHERE run_id = ? AND name = ? ORDER BY step", [run_id, name]
    ).fetchall()
    if not rows:
        return np.zeros(0), np.zeros(0)
    array = np.asarray([(step, math.nan if value is None else value) for step, value in rows], dtype=float)
    return array[:, 0], array[:, 1]


def latest_checkpoint(project: Project) -> Path | None:
    row = project.db().execute(
        "SELECT checkpoint FROM runs WHERE checkpoint IS NOT NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return Path(row[0]) if row else None
