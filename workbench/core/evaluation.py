"""Evaluation of a run on its validation split, stored with the run.

- Language models: mean cross-entropy per token and perplexity over the validation tokens.
- Single-label classification: accuracy, macro and micro F1, per-label precision, recall
  and F1, the confusion matrix (rows are the true labels, columns the predicted ones) and
  the accuracy of always predicting the most frequent training label.
- Multi-label classification: the same per-label figures from each label's yes/no
  decision, micro and macro F1, and the share of documents whose whole label set is right.
- Spans: entity-level precision, recall and F1, where a predicted span counts only if its
  start, end and label all equal a true span's.

A report is a JSON-ready dict. :func:`save_report` writes it to ``evaluation.json`` in the
run folder and its headline figures to the ``metrics`` table as ``eval_*`` rows.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from .project import Project, utc_now

REPORT_NAME = "evaluation.json"
# The figures of a report that also go to the metrics table, so run lists can show them.
HEADLINE = ("loss", "perplexity", "accuracy", "macro_f1", "micro_f1", "precision", "recall", "f1",
            "exact_match", "baseline_accuracy")


class EvaluationError(Exception):
    """A run cannot be evaluated (no checkpoint, no validation data, unknown task)."""


def _ratio(numerator: float, denominator: float) -> float:
    return float(numerator / denominator) if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return _ratio(2 * precision * recall, precision + recall)


def _per_label(names: list[str], tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> list[dict]:
    rows = []
    for i, name in enumerate(names):
        precision = _ratio(tp[i], tp[i] + fp[i])
        recall = _ratio(tp[i], tp[i] + fn[i])
        rows.append({
            "label": name, "precision": precision, "recall": recall, "f1": _f1(precision, recall),
            "support": int(tp[i] + fn[i]), "predicted": int(tp[i] + fp[i]),
        })
    return rows


def _averages(per_label: list[dict], tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> dict:
    """Return macro F1 (mean over labels that occur in the truth or the predictions) and micro figures."""
    present = [row for row in per_label if row["support"] or row["predicted"]]
    micro_precision = _ratio(tp.sum(), tp.sum() + fp.sum())
    micro_recall = _ratio(tp.sum(), tp.sum() + fn.sum())
    return {
        "macro_precision": float(np.mean([r["precision"] for r in present])) if present else 0.0,
        "macro_recall": float(np.mean([r["recall"] for r in present])) if present else 0.0,
        "macro_f1": float(np.mean([r["f1"] for r in present])) if present else 0.0,
        "micro_precision": micro_precision,
        "micro_recall": micro_recall,
        "micro_f1": _f1(micro_precision, micro_recall),
    }


def classification_report(
    true: list[int], predicted: list[int], names: list[str], train_counts: list[int] | None = None
) -> dict:
    """Return the single-label report for label indices ``true`` and ``predicted`` into ``names``."""
    if len(true) != len(predicted):
        raise ValueError(f"{len(true)} true labels but {len(predicted)} predictions.")
    k = len(names)
    confusion = np.zeros((k, k), dtype=np.int64)
    for t, p in zip(true, predicted):
        confusion[t, p] += 1
    tp = np.diag(confusion).astype(float)
    fp = confusion.sum(0) - tp
    fn = confusion.sum(1) - tp
    per_label = _per_label(names, tp, fp, fn)
    report = {
        "kind": "classify",
        "examples": len(true),
        "accuracy": _ratio(tp.sum(), len(true)),
        **_averages(per_label, tp, fp, fn),
        "per_label": per_label,
        "labels": list(names),
        "confusion": confusion.tolist(),
    }
    if train_counts is not None and sum(train_counts):
        majority = int(np.argmax(train_counts))
        report["baseline_label"] = names[majority]
        report["baseline_accuracy"] = _ratio(sum(1 for t in true if t == majority), len(true))
    return report


def multilabel_report(true: list[set[int]], predicted: list[set[int]], names: list[str]) -> dict:
    """Return the multi-label report; each label is judged as its own yes/no decision."""
    if len(true) != len(predicted):
        raise ValueError(f"{len(true)} true label sets but {len(predicted)} predictions.")
    k = len(names)
    tp, fp, fn = np.zeros(k), np.zeros(k), np.zeros(k)
    for t, p in zip(true, predicted):
        for i in range(k):
            tp[i] += i in t and i in p
            fp[i] += i not in t and i in p
            fn[i] += i in t and i not in p
    per_label = _per_label(names, tp, fp, fn)
    n = len(true)
    return {
        "kind": "multilabel",
        "examples": n,
        "exact_match": _ratio(sum(1 for t, p in zip(true, predicted) if set(t) == set(p)), n),
        **_averages(per_label, tp, fp, fn),
        "per_label": per_label,
        "labels": list(names),
        # Per label: [[true negatives, false positives], [false negatives, true positives]].
        "label_confusion": [
            [[int(n - tp[i] - fp[i] - fn[i]), int(fp[i])], [int(fn[i]), int(tp[i])]] for i in range(k)
        ],
    }


def span_report(
    true: list[set[tuple[int, int, int]]], predicted: list[set[tuple[int, int, int]]], names: list[str]
) -> dict:
    """Return entity-level figures; spans are ``(start, end, label index)`` per document."""
    if len(true) != len(predicted):
        raise ValueError(f"{len(true)} documents of true spans but {len(predicted)} of predictions.")
    k = len(names)
    tp, fp, fn = np.zeros(k), np.zeros(k), np.zeros(k)
    for t, p in zip(true, predicted):
        t, p = set(t), set(p)
        for span in t & p:
            tp[span[2]] += 1
        for span in p - t:
            fp[span[2]] += 1
        for span in t - p:
            fn[span[2]] += 1
    per_label = _per_label(names, tp, fp, fn)
    averages = _averages(per_label, tp, fp, fn)
    return {
        "kind": "spans",
        "examples": len(true),
        "precision": averages["micro_precision"],
        "recall": averages["micro_recall"],
        "f1": averages["micro_f1"],
        **averages,
        "true_spans": int(tp.sum() + fn.sum()),
        "predicted_spans": int(tp.sum() + fp.sum()),
        "per_label": per_label,
        "labels": list(names),
    }


def language_model_report(total_loss: float, tokens: int) -> dict:
    """Return loss and perplexity from the summed cross-entropy over ``tokens`` predicted tokens."""
    if tokens <= 0:
        raise EvaluationError("The validation split has no tokens to predict; encode more text.")
    loss = total_loss / tokens
    return {"kind": "lm", "tokens": tokens, "loss": loss,
            "perplexity": math.exp(loss) if loss < 700 else float("inf")}


def report_path(project: Project, run_id: int) -> Path:
    return project.runs_dir / f"run-{run_id}" / REPORT_NAME


def save_report(project: Project, run_id: int, report: dict, step: int) -> Path:
    """Store ``report`` in the run folder and its headline figures as ``eval_*`` metrics at ``step``."""
    report = {**report, "run_id": run_id, "step": step, "evaluated_at": utc_now()}
    path = report_path(project, run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    rows = [(run_id, step, f"eval_{name}", float(report[name]), 0.0)
            for name in HEADLINE if isinstance(report.get(name), (int, float))]
    with project.transaction() as db:
        db.conn.execute(
            "DELETE FROM metrics WHERE run_id = ? AND step = ? AND name LIKE 'eval\\_%' ESCAPE '\\'",
            [run_id, step],
        )
        db.conn.executemany(
            "INSERT INTO metrics (run_id, step, name, value, wall_time) VALUES (?, ?, ?, ?, ?)", rows
        )
    return path


def load_report(project: Project, run_id: int) -> dict | None:
    """Return the stored report of run ``run_id``, or None if it was never evaluated."""
    path = report_path(project, run_id)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def format_report(report: dict) -> str:
    """Return the report as plain-text tables for the terminal."""
    lines = []
    kind = report.get("kind")
    if kind == "lm":
        lines.append(f"validation tokens: {report['tokens']:,}")
        lines.append(f"loss: {report['loss']:.4f}")
        lines.append(f"perplexity: {report['perplexity']:.2f}")
        return "\n".join(lines)
    lines.append(f"validation documents: {report['examples']}")
    for name in ("accuracy", "baseline_accuracy", "exact_match", "precision", "recall", "f1",
                 "macro_f1", "micro_f1", "loss"):
        if name in report:
            lines.append(f"{name.replace('_', ' ')}: {report[name]:.4f}")
    if "baseline_label" in report:
        lines.append(f"baseline label (most frequent in training): {report['baseline_label']}")
    width = max([len(row["label"]) for row in report["per_label"]] + [5])
    lines.append("")
    lines.append(f"{'label':<{width}}  precision  recall      f1  support")
    for row in report["per_label"]:
        lines.append(
            f"{row['label']:<{width}}  {row['precision']:9.4f}  {row['recall']:6.4f}  {row['f1']:6.4f}  "
            f"{row['support']:7d}"
        )
    if "confusion" in report:
        lines.append("")
        lines.append("confusion matrix (rows: true label, columns: predicted label, in the order above)")
        for name, row in zip(report["labels"], report["confusion"]):
            lines.append(f"{name:<{width}}  " + " ".join(f"{v:5d}" for v in row))
    return "\n".join(lines)


def evaluate_run(project: Project, run_id: int, ctx=None) -> dict:
    """Evaluate run ``run_id`` on its validation split, store the report and return it."""
    row = project.db().execute("SELECT task, checkpoint, step FROM runs WHERE id = ?", [run_id]).fetchone()
    if row is None:
        raise EvaluationError(f"Run {run_id} not found in {project.root}; check the run id.")
    task, checkpoint, step = row
    if not checkpoint or not Path(checkpoint).is_dir():
        raise EvaluationError(f"Run {run_id} has no checkpoint to evaluate; train it to the end or stop it first.")
    if task in ("classify", "ner"):
        from .finetune import evaluate_checkpoint

        report = evaluate_checkpoint(project, Path(checkpoint), ctx)
    elif task == "lm":
        report = evaluate_language_model(project, Path(checkpoint), ctx)
    else:
        raise EvaluationError(f"Run {run_id} has task {task!r}, which has no evaluation.")
    save_report(project, run_id, report, int(step or 0))
    return report


def evaluate_language_model(project: Project, checkpoint: Path, ctx=None, max_tokens: int = 1_000_000) -> dict:
    """Return loss and perplexity over the validation split, in consecutive windows of the model's context.

    Only the first ``max_tokens`` validation tokens are read, which bounds the time on large corpora.
    """
    import torch

    from . import checkpoints
    from .encoding import load_split, read_meta

    model, _ = checkpoints.load_model(checkpoint)
    vocab_size = read_meta(project)["vocab_size"]
    if vocab_size != model.config.vocab_size:
        raise EvaluationError(
            f"The encoded corpus uses a {vocab_size}-token tokenizer but the run's model has "
            f"{model.config.vocab_size} tokens; the tokenizer changed since, so this run cannot be evaluated on it."
        )
    data = np.asarray(load_split(project, "val")[: max_tokens + 1], dtype=np.int64)
    if len(data) < 2:
        raise EvaluationError("The validation split has fewer than 2 tokens; encode more text.")
    window = model.config.max_seq_len
    total, tokens = 0.0, 0
    starts = list(range(0, len(data) - 1, window))
    with torch.no_grad():
        for i, start in enumerate(starts):
            chunk = torch.from_numpy(data[start: start + window + 1])
            x, y = chunk[:-1][None], chunk[1:][None]
            logits = model(x)
            total += torch.nn.functional.cross_entropy(logits[0], y[0], reduction="sum").item()
            tokens += y.numel()
            if ctx is not None:
                ctx.check_stop()
                ctx.report(i + 1, len(starts), "Evaluating")
    return language_model_report(total, tokens)
