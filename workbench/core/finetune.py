"""Fine-tuning on the project's annotations: document classification and span labelling.

The task follows the label set's kind: ``classify`` (one label per document) and
``multilabel`` (any number) train a :class:`~workbench.core.heads.SequenceClassifier` with
cross-entropy or per-label binary cross-entropy; ``spans`` trains a
:class:`~workbench.core.heads.TokenClassifier` on BIO tags. The run's task in the database
is ``classify`` for the first two and ``ner`` for spans.

Examples come from :mod:`workbench.core.finetune_data`, and spans become BIO tags and
back through :mod:`workbench.core.span_tags`.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from . import checkpoints
from .evaluation import EvaluationError, classification_report, multilabel_report, save_report, span_report
from .finetune_data import (
    IGNORE,
    Example,
    FinetuneError,
    LabelSpace,
    collate,
    label_space,
    prepare_data,
)
from .heads import TOKEN_KIND, build_head, load_head_checkpoint, save_head_checkpoint
from .jobs import JobContext
from .model import ModelConfig
from .project import Project, utc_now
from .span_tags import document_spans
from .tokenizer import EOT, PAD, load_tokenizer
from .train_config import parse_assignments
from .training import build_optimizer, create_run, learning_rate_at, pick_device

log = logging.getLogger(__name__)

TASKS = ("classify", "ner")
KEEP_WEIGHTS = ("last", "best_loss", "best_score")
SCORE = {"classify": "accuracy", "multilabel": "macro_f1", TOKEN_KIND: "f1"}
MULTILABEL_THRESHOLD = 0.5


@dataclass
class FinetuneConfig:
    task: str = "classify"
    label_set: str = "default"
    from_run: int = 0  # 0 trains from scratch; otherwise the run whose weights start the model
    steps: int = 300
    batch_size: int = 16
    seq_len: int = 128  # maximum tokens per example; a base run's context caps it
    hidden_size: int = 128  # the three sizes apply when training from scratch
    num_layers: int = 4
    num_heads: int = 4
    learning_rate: float = 1e-3
    min_learning_rate: float = 1e-4
    warmup_steps: int = 20
    weight_decay: float = 0.01
    grad_clip: float = 1.0
    classifier_dropout: float = 0.1
    val_fraction: float = 0.2
    split_seed: int = 0
    # Weights saved at the end: "last", or those of the validation with the lowest loss
    # ("best_loss") or the highest score ("best_score": accuracy, macro F1 for multi-label, entity F1).
    keep_weights: str = "last"
    log_interval: int = 10
    eval_interval: int = 50
    seed: int = 1337
    device: str = "auto"

    @classmethod
    def from_dict(cls, data: dict) -> "FinetuneConfig":
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"Unknown fine-tuning setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}.")
        return cls(**data)

    @classmethod
    def parse_settings(cls, pairs: list[str]) -> dict:
        """Turn ``key=value`` strings into typed settings; raise ValueError naming a bad one."""
        try:
            return parse_assignments(pairs, cls, "fine-tuning")
        except ValueError as exc:
            raise ValueError(f"--set {exc}") from None

    def validate(self) -> None:
        if self.task not in TASKS:
            raise ValueError(f"Unknown fine-tuning task {self.task!r}; choose one of {', '.join(TASKS)}.")
        for name in ("steps", "batch_size", "seq_len", "hidden_size", "num_layers", "num_heads",
                     "log_interval", "eval_interval"):
            value = getattr(self, name)
            if value <= 0:
                raise ValueError(f"Fine-tuning setting {name}={value} is invalid; it must be a positive whole number.")
        if self.learning_rate <= 0:
            raise ValueError(f"learning_rate={self.learning_rate} is invalid; it must be positive.")
        if self.warmup_steps < 0 or self.from_run < 0:
            raise ValueError("warmup_steps and from_run must be 0 or more.")
        if not 0 < self.val_fraction < 1:
            raise ValueError(f"val_fraction={self.val_fraction} is invalid; use a number between 0 and 1.")
        if self.keep_weights not in KEEP_WEIGHTS:
            raise ValueError(f"keep_weights={self.keep_weights!r} is invalid; use one of {', '.join(KEEP_WEIGHTS)}.")
        if not 0 <= self.classifier_dropout < 1:
            raise ValueError(f"classifier_dropout={self.classifier_dropout} is invalid; use a number in [0, 1).")


def head_loss(logits: torch.Tensor, targets: torch.Tensor, kind: str) -> torch.Tensor:
    if kind == TOKEN_KIND:
        return F.cross_entropy(logits.flatten(0, 1).float(), targets.flatten(), ignore_index=IGNORE)
    if kind == "multilabel":
        return F.binary_cross_entropy_with_logits(logits.float(), targets)
    return F.cross_entropy(logits.float(), targets)


# Prediction on examples ------------------------------------------------------------------


@torch.no_grad()
def predict_examples(model, examples: list[Example], pad_id: int, kind: str, device,
                     batch_size: int = 32) -> tuple[list[torch.Tensor], float]:
    """Return each example's probabilities (per label, or per token and tag) and the mean loss."""
    was_training = model.training
    model.eval()
    outputs: list[torch.Tensor] = []
    total, count = 0.0, 0
    for first in range(0, len(examples), batch_size):
        batch = examples[first:first + batch_size]
        ids, mask, targets = collate(batch, pad_id, kind)
        logits = model(ids.to(device), mask.to(device)).float().cpu()
        total += head_loss(logits, targets, kind).item() * len(batch)
        count += len(batch)
        if kind == "multilabel":
            probabilities = torch.sigmoid(logits)
        else:
            probabilities = torch.softmax(logits, -1)
        for i, example in enumerate(batch):
            outputs.append(probabilities[i, : len(example.ids)] if kind == TOKEN_KIND else probabilities[i])
    model.train(was_training)
    return outputs, total / max(count, 1)


def evaluate_examples(model, examples: list[Example], space: LabelSpace, pad_id: int, device,
                      texts: dict[int, str], targets: dict[int, object], tokenizer,
                      train_counts: list[int] | None = None) -> dict:
    """Return the evaluation report of ``model`` on ``examples`` (the validation split)."""
    probabilities, loss = predict_examples(model, examples, pad_id, space.kind, device)
    if space.kind == "classify":
        true = [e.target for e in examples]
        predicted = [int(p.argmax()) for p in probabilities]
        report = classification_report(true, predicted, space.names, train_counts)
    elif space.kind == "multilabel":
        true = [{i for i, v in enumerate(e.target) if v} for e in examples]
        predicted = [{i for i, v in enumerate(p.tolist()) if v >= MULTILABEL_THRESHOLD} for p in probabilities]
        report = multilabel_report(true, predicted, space.names)
    else:
        # Join each document's pieces back together, then compare whole-document spans.
        pieces: dict[int, list[torch.Tensor]] = {}
        for example, p in zip(examples, probabilities):
            pieces.setdefault(example.doc_id, []).append(p)
        doc_ids = list(pieces)
        encodings = tokenizer.encode_batch([texts[d] for d in doc_ids])
        true, predicted = [], []
        for doc_id, encoding in zip(doc_ids, encodings):
            found = document_spans(texts[doc_id], encoding.offsets, torch.cat(pieces[doc_id]))
            predicted.append({(s, e, label) for s, e, label, _ in found})
            true.append(set(targets[doc_id]))
        report = span_report(true, predicted, space.names)
    report["loss"] = loss
    return report


# Models --------------------------------------------------------------------------------


def _base_checkpoint(project: Project, run_id: int) -> Path:
    row = project.db().execute("SELECT checkpoint FROM runs WHERE id = ?", [run_id]).fetchone()
    if row is None or not row[0] or not Path(row[0]).is_dir():
        raise FinetuneError(f"Base run {run_id} not found or has no checkpoint in {project.root}.")
    return Path(row[0])


def build_model(project: Project, config: FinetuneConfig, space: LabelSpace):
    """Return the head model, the tokenizer path and the example length for ``config``.

    From a base run the decoder weights, sizes, context and tokenizer come from its
    checkpoint (a language model or another fine-tuned run); otherwise they are new.
    """
    if config.from_run:
        checkpoint = _base_checkpoint(project, config.from_run)
        lm, _ = checkpoints.load_model(checkpoint)
        tokenizer_file = checkpoints.tokenizer_path(checkpoint, project.tokenizer_path)
        model_config = ModelConfig.from_dict(lm.config.to_dict())
    else:
        lm = None
        tokenizer_file = project.tokenizer_path
        model_config = None
    tokenizer = load_tokenizer(tokenizer_file)
    pad_id = tokenizer.token_to_id(PAD)
    if pad_id is None:
        raise FinetuneError(f"The tokenizer {tokenizer_file} has no {PAD} token; train the tokenizer again.")
    if model_config is None:
        model_config = ModelConfig(
            vocab_size=tokenizer.get_vocab_size(), hidden_size=config.hidden_size, num_layers=config.num_layers,
            num_heads=config.num_heads, num_kv_heads=config.num_heads, max_seq_len=config.seq_len,
            eos_token_id=tokenizer.token_to_id(EOT),
        )
    elif tokenizer.get_vocab_size() != model_config.vocab_size:
        raise FinetuneError(
            f"Base run {config.from_run} has {model_config.vocab_size} tokens but its tokenizer "
            f"{tokenizer_file} has {tokenizer.get_vocab_size()}; choose another base run."
        )
    model_config.pad_token_id = pad_id
    model = build_head(space.kind, model_config, len(space.tags), config.classifier_dropout)
    if lm is not None:
        model.load_backbone(lm)
    return model, tokenizer, tokenizer_file, min(config.seq_len, model_config.max_seq_len)


# The job ----------------------------------------------------------------------------------


def _write_metrics(project: Project, run_id: int, rows: list[tuple[int, str, float, float]]) -> None:
    with project.transaction() as db:
        db.conn.executemany(
            "INSERT INTO metrics (run_id, step, name, value, wall_time) VALUES (?, ?, ?, ?, ?)",
            [(run_id, step, name, value, wall) for step, name, value, wall in rows],
        )


def _headline(report: dict) -> dict[str, float]:
    names = ("accuracy", "macro_f1", "f1", "exact_match")
    return {f"val_{name}": report[name] for name in names if name in report}


def finetune(project: Project, config: FinetuneConfig, ctx: JobContext, run_id: int | None = None) -> dict:
    """Fine-tune a classifier on ``project``'s annotations; evaluate, save and return the final figures."""
    config.validate()
    space = label_space(project, config.label_set, config.task)
    device = pick_device(config.device)
    torch.manual_seed(config.seed)
    model, tokenizer, tokenizer_file, seq_len = build_model(project, config, space)
    pad_id = model.config.pad_token_id
    data = prepare_data(project, space, tokenizer, seq_len, config.val_fraction, config.split_seed)
    if data.misaligned:
        ctx.event("warning", message=f"{data.misaligned} span(s) do not start or end on a token boundary, so "
                  "the model can only learn them up to the nearest token; a char tokenizer avoids this.")
    model.to(device).train()
    optimizer = build_optimizer(model, config, device)

    if run_id is None:
        run_id = create_run(project, config, task=config.task)
    run_dir = project.runs_dir / f"run-{run_id}"
    run_dir.mkdir(parents=True, exist_ok=True)
    db = project.db()
    with project.transaction():
        db.conn.execute("UPDATE runs SET status = 'running', device = ? WHERE id = ?", [str(device), run_id])
    train_tokens = sum(len(e.ids) for e in data.train)
    ctx.event(
        "started", run_id=run_id, device=str(device), parameters=model.num_parameters(),
        train_tokens=train_tokens, train_examples=len(data.train), val_examples=len(data.val),
        labels=space.tags,
    )
    log.info("Fine-tuning run %d (%s, label set %r) on %s: %d training and %d validation examples",
             run_id, config.task, space.label_set, device, len(data.train), len(data.val))

    generator = np.random.default_rng(config.seed)
    order: list[int] = []
    started = time.perf_counter()
    train_loss = val_loss = float("nan")
    best_val = float("inf")
    status = "finished"
    steps_done = evaluated_step = tokens_seen = 0
    report: dict = {}
    best: dict = {}  # the weights, step and report that keep_weights prefers so far

    def remember_if_best(candidate: dict, step: int) -> None:
        if config.keep_weights == "last":
            return
        key = -candidate["loss"] if config.keep_weights == "best_loss" else candidate[SCORE[space.kind]]
        if not best or key > best["key"]:
            weights = {name: tensor.detach().to("cpu", copy=True) for name, tensor in model.state_dict().items()}
            best.update(key=key, step=step, report=candidate, weights=weights)
    try:
        for step in range(config.steps):
            if ctx.stop_requested:
                status = "stopped"
                break
            lr = learning_rate_at(step, config)
            for group in optimizer.param_groups:
                group["lr"] = lr
            if len(order) < config.batch_size:
                order.extend(generator.permutation(len(data.train)).tolist())
            batch = [data.train[i] for i in order[: config.batch_size]]
            del order[: config.batch_size]
            ids, mask, targets = collate(batch, pad_id, space.kind)
            tokens_seen += int(mask.sum())
            logits = model(ids.to(device), mask.to(device))
            loss = head_loss(logits, targets.to(device), space.kind)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), config.grad_clip)
            optimizer.step()
            steps_done = step + 1

            values: dict[str, float] = {}
            if steps_done % config.log_interval == 0 or steps_done == config.steps:
                train_loss = loss.item()
                if not math.isfinite(train_loss):
                    # Raising marks the run failed, so no checkpoint with these weights is written.
                    raise FinetuneError(
                        f"The training loss became {train_loss} at step {steps_done}; no checkpoint was saved. "
                        f"Lower the learning rate (now {config.learning_rate}) and fine-tune again."
                    )
                values.update(train_loss=train_loss, learning_rate=lr)
            if steps_done % config.eval_interval == 0 or steps_done == config.steps:
                report = evaluate_examples(model, data.val, space, pad_id, device, data.texts, data.targets,
                                           tokenizer, data.train_counts)
                val_loss = report["loss"]
                best_val = min(best_val, val_loss)
                evaluated_step = steps_done
                remember_if_best(report, steps_done)
                values.update(val_loss=val_loss, **_headline(report))
            if values:
                wall = time.perf_counter() - started
                ctx.event("metrics", step=steps_done, total=config.steps, **values)
                ctx.report(steps_done, config.steps)
                _write_metrics(project, run_id, [(steps_done, k, v, wall) for k, v in values.items()])
        if status == "stopped" and steps_done and evaluated_step != steps_done:
            train_loss = loss.item()
            report = evaluate_examples(model, data.val, space, pad_id, device, data.texts, data.targets,
                                       tokenizer, data.train_counts)
            val_loss = report["loss"]
            best_val = min(best_val, val_loss)
            remember_if_best(report, steps_done)
            values = {"train_loss": train_loss, "val_loss": val_loss, **_headline(report)}
            ctx.event("metrics", step=steps_done, total=config.steps, **values)
            _write_metrics(project, run_id, [(steps_done, k, v, time.perf_counter() - started)
                                             for k, v in values.items()])
        if not report:
            report = evaluate_examples(model, data.val, space, pad_id, device, data.texts, data.targets,
                                       tokenizer, data.train_counts)
            val_loss = report["loss"]
        kept_step = steps_done
        if best and best["step"] != steps_done:
            model.load_state_dict(best["weights"])
            report, kept_step, val_loss = best["report"], best["step"], best["report"]["loss"]
            ctx.event("warning", message=f"Keeping the weights of step {kept_step}, the best validation by "
                      f"{config.keep_weights.replace('_', ' ')}.")
    except Exception:
        with project.transaction():
            db.conn.execute("UPDATE runs SET status = 'failed', finished_at = ? WHERE id = ?", [utc_now(), run_id])
        raise

    report.update(train_examples=len(data.train), val_documents=len({e.doc_id for e in data.val}),
                  misaligned_spans=data.misaligned, kept_step=kept_step)
    save_report(project, run_id, report, steps_done)
    checkpoint_dir = run_dir / "checkpoint"
    state = {
        "step": steps_done, "kept_step": kept_step, "train_loss": train_loss, "val_loss": val_loss,
        "best_val_loss": best_val if math.isfinite(best_val) else None,
        "run_id": run_id, "task": config.task, "finetune_config": asdict(config),
        "seq_len": seq_len, "head": {**space.to_dict(), "classifier_dropout": config.classifier_dropout},
        "tokenizer": str(tokenizer_file),
    }
    save_head_checkpoint(checkpoint_dir, model.cpu(), state, tokenizer_file)
    elapsed = time.perf_counter() - started
    with project.transaction():
        db.conn.execute(
            "UPDATE runs SET status = ?, step = ?, train_loss = ?, val_loss = ?, checkpoint = ?, "
            "finished_at = ? WHERE id = ?",
            [status, steps_done, train_loss, val_loss, str(checkpoint_dir), utc_now(), run_id],
        )
    result = {
        "run_id": run_id, "task": config.task, "status": status, "device": str(device), "steps": steps_done,
        "kept_step": kept_step,
        "train_loss": train_loss, "val_loss": val_loss,
        "best_val_loss": best_val if math.isfinite(best_val) else None,
        "seconds": elapsed, "tokens_per_second": tokens_seen / max(elapsed, 1e-9),
        "checkpoint": str(checkpoint_dir), "evaluation": report,
    }
    ctx.event("finished", **result)
    log.info("Fine-tuning run %d %s at step %d: val loss %.4f", run_id, status, steps_done, val_loss)
    return result


def load_run_model(project: Project, checkpoint: Path, device: str | torch.device = "cpu"):
    """Return the head model, its config, label space and tokenizer of a fine-tuned checkpoint."""
    model, config = load_head_checkpoint(checkpoint, device)
    tokenizer = load_tokenizer(checkpoints.tokenizer_path(checkpoint, project.tokenizer_path))
    return model, config, LabelSpace.from_head(config["head"]), tokenizer


def evaluate_checkpoint(project: Project, checkpoint: Path, ctx: JobContext | None = None) -> dict:
    """Evaluate a fine-tuned checkpoint on its validation split with the current human annotations."""
    model, config, space, tokenizer = load_run_model(project, checkpoint)
    settings = config.get("finetune_config", {})
    current = label_space(project, space.label_set)
    if current.label_ids != space.label_ids:
        raise EvaluationError(
            f"The labels of label set {space.label_set!r} changed since this run was trained "
            f"(then: {', '.join(space.names)}; now: {', '.join(current.names)}); fine-tune again to evaluate."
        )
    data = prepare_data(project, space, tokenizer, config.get("seq_len", model.config.max_seq_len),
                        settings.get("val_fraction", 0.2), settings.get("split_seed", 0))
    if not data.val:
        raise EvaluationError("The validation split has no documents; annotate more documents.")
    report = evaluate_examples(model, data.val, space, model.config.pad_token_id, "cpu", data.texts, data.targets,
                               tokenizer, data.train_counts)
    report.update(train_examples=len(data.train), val_documents=len({e.doc_id for e in data.val}),
                  misaligned_spans=data.misaligned)
    return report
