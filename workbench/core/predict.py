"""Pre-annotation with a fine-tuned run, and the labelling queue ordered by uncertainty.

Predictions go into ``document_labels`` and ``spans`` with ``origin = 'prediction'`` and a
score (the model's probability). Writing them first deletes only earlier *prediction*
rows of the same documents and label set: human labels are never read for writing,
changed or deleted here.

Each predicted document also gets an uncertainty in [0, 1], stored in
``prediction_uncertainty``; :func:`uncertainty_queue` lists the documents without human
annotations, most uncertain first, which is the order that teaches the model most per label
(uncertainty sampling):

- single-label: 1 minus the margin between the two most probable labels;
- multi-label: 1 minus twice the distance to 0.5 of the label decision closest to 0.5;
- spans: the largest such margin-based uncertainty over the document's tokens.
"""

from __future__ import annotations

import logging
from pathlib import Path

import torch

from . import annotations
from .finetune import MULTILABEL_THRESHOLD, load_run_model
from .finetune_data import Example, FinetuneError, collate, label_space
from .heads import TOKEN_KIND
from .jobs import JobContext
from .project import Project, utc_now
from .span_tags import document_spans

log = logging.getLogger(__name__)

BATCH_DOCUMENTS = 32


class PredictionError(Exception):
    """A run cannot pre-annotate (not a fine-tuned run, or its label set changed)."""


def _margin_uncertainty(probabilities: torch.Tensor) -> torch.Tensor:
    """Return 1 minus the gap between the two largest probabilities along the last axis."""
    if probabilities.shape[-1] < 2:
        return torch.zeros(probabilities.shape[:-1])
    top = probabilities.topk(2, dim=-1).values
    return 1.0 - (top[..., 0] - top[..., 1])


def run_checkpoint_of(project: Project, run_id: int) -> tuple[str, Path]:
    row = project.db().execute("SELECT task, checkpoint FROM runs WHERE id = ?", [run_id]).fetchone()
    if row is None:
        raise PredictionError(f"Run {run_id} not found in {project.root}.")
    task, checkpoint = row
    if task not in ("classify", "ner"):
        raise PredictionError(f"Run {run_id} is a {task!r} run; pre-annotation needs a fine-tuned classify or ner run.")
    if not checkpoint or not Path(checkpoint).is_dir():
        raise PredictionError(f"Run {run_id} has no checkpoint; let it finish or stop it first.")
    return task, Path(checkpoint)


def _document_outputs(model, tokenizer, space, seq_len: int, texts: list[str], pad_id: int):
    """Yield, per text, its label probabilities (sequence heads) or spans and token probabilities."""
    encodings = tokenizer.encode_batch(texts)
    examples: list[Example] = []
    owners: list[int] = []
    for index, encoding in enumerate(encodings):
        ids = encoding.ids or [pad_id]  # an empty document still gets a (low-information) prediction
        if space.kind == TOKEN_KIND:
            for start in range(0, len(ids), seq_len):
                examples.append(Example(index, ids[start:start + seq_len], [0] * len(ids[start:start + seq_len])))
                owners.append(index)
        else:
            examples.append(Example(index, ids[:seq_len], 0))
            owners.append(index)
    ids, mask, _ = collate(examples, pad_id, TOKEN_KIND if space.kind == TOKEN_KIND else "classify")
    with torch.no_grad():
        logits = model(ids, mask).float()
    if space.kind == "multilabel":
        probabilities = torch.sigmoid(logits)
    else:
        probabilities = torch.softmax(logits, -1)
    pieces: dict[int, list[torch.Tensor]] = {}
    for row, owner in enumerate(owners):
        length = len(examples[row].ids)
        pieces.setdefault(owner, []).append(probabilities[row, :length] if space.kind == TOKEN_KIND
                                            else probabilities[row])
    for index, encoding in enumerate(encodings):
        if space.kind == TOKEN_KIND:
            tokens = torch.cat(pieces[index])
            if not encoding.ids:
                tokens = tokens[:0]
            yield tokens, document_spans(texts[index], encoding.offsets, tokens)
        else:
            yield pieces[index][0], None


def predict_text(project: Project, run_id: int, text: str) -> dict:
    """Return run ``run_id``'s prediction for ``text`` without storing anything.

    The result has ``kind`` and either ``labels`` (every label with its probability, most
    probable first; for multi-label sets ``chosen`` marks those at or above 0.5) or
    ``spans`` (``start``, ``end`` in code points, ``label``, ``text`` and ``score``).
    """
    _, checkpoint = run_checkpoint_of(project, run_id)
    model, config, space, tokenizer = load_run_model(project, checkpoint)
    seq_len = int(config.get("seq_len", model.config.max_seq_len))
    probabilities, found = next(_document_outputs(model, tokenizer, space, seq_len, [text], model.config.pad_token_id))
    if space.kind == TOKEN_KIND:
        spans = [{"start": s, "end": e, "label": space.names[label], "text": text[s:e], "score": score}
                 for s, e, label, score in found]
        return {"kind": space.kind, "spans": spans}
    values = probabilities.tolist()
    labels = sorted(
        ({"label": name, "probability": value, "chosen": value >= MULTILABEL_THRESHOLD if space.kind == "multilabel"
          else value == max(values)} for name, value in zip(space.names, values)),
        key=lambda row: -row["probability"],
    )
    return {"kind": space.kind, "labels": labels}


def predict_documents(
    project: Project, run_id: int, doc_ids: list[int] | None = None, unlabelled_only: bool = False,
    ctx: JobContext | None = None,
) -> dict:
    """Pre-annotate documents with run ``run_id``; return counts and the most uncertain document ids.

    ``doc_ids`` defaults to every document; ``unlabelled_only`` skips documents that have
    human annotations in the run's label set.
    """
    _, checkpoint = run_checkpoint_of(project, run_id)
    model, config, space, tokenizer = load_run_model(project, checkpoint)
    try:
        current = label_space(project, space.label_set)
    except FinetuneError as exc:
        raise PredictionError(str(exc)) from exc
    if current.label_set_id != space.label_set_id or not set(space.label_ids) <= set(current.label_ids):
        raise PredictionError(
            f"Label set {space.label_set!r} lost labels since run {run_id} was trained; fine-tune again first."
        )
    seq_len = int(config.get("seq_len", model.config.max_seq_len))
    pad_id = model.config.pad_token_id
    if doc_ids is None:
        doc_ids = project.document_ids()
    if unlabelled_only:
        labelled = set(human_annotated(project, space.label_set_id))
        doc_ids = [d for d in doc_ids if d not in labelled]

    labels_written = spans_written = 0
    total = len(doc_ids)
    for first in range(0, total, BATCH_DOCUMENTS):
        if ctx is not None:
            ctx.check_stop()
            ctx.report(first, total, "Predicting")
        batch = doc_ids[first:first + BATCH_DOCUMENTS]
        texts = [project.document(d)["text"] for d in batch]
        rows_labels, rows_spans, rows_uncertainty = [], [], []
        now = utc_now()
        outputs = _document_outputs(model, tokenizer, space, seq_len, texts, pad_id)
        for doc_id, text, (probabilities, found) in zip(batch, texts, outputs):
            if space.kind == TOKEN_KIND:
                uncertainty = float(_margin_uncertainty(probabilities).max()) if len(probabilities) else 0.0
                for start, end, label, score in found:
                    annotations.validate_span(text, start, end)
                    rows_spans.append((doc_id, space.label_set_id, space.label_ids[label], start, end, score, now))
            elif space.kind == "multilabel":
                values = probabilities.tolist()
                uncertainty = 1.0 - 2.0 * min(abs(v - 0.5) for v in values)
                for i, value in enumerate(values):
                    if value >= MULTILABEL_THRESHOLD:
                        rows_labels.append((doc_id, space.label_set_id, space.label_ids[i], value, now))
            else:
                best = int(probabilities.argmax())
                uncertainty = float(_margin_uncertainty(probabilities))
                rows_labels.append((doc_id, space.label_set_id, space.label_ids[best],
                                    float(probabilities[best]), now))
            rows_uncertainty.append((doc_id, space.label_set_id, run_id, uncertainty, now))
        _write_predictions(project, space.label_set_id, batch, rows_labels, rows_spans, rows_uncertainty)
        labels_written += len(rows_labels)
        spans_written += len(rows_spans)
    if ctx is not None:
        ctx.report(total, total, "Predicted")
    queue = uncertainty_queue(project, space.label_set_id, limit=10)
    log.info("Run %d pre-annotated %d documents of label set %r", run_id, total, space.label_set)
    return {
        "run_id": run_id, "label_set": space.label_set, "kind": space.kind, "documents": total,
        "labels": labels_written, "spans": spans_written, "most_uncertain": [d for d, _ in queue],
    }


def _write_predictions(project: Project, label_set_id: int, doc_ids: list[int], rows_labels: list,
                       rows_spans: list, rows_uncertainty: list) -> None:
    """Replace the prediction rows of ``doc_ids`` in one transaction; human rows are never touched."""
    marks = ",".join("?" * len(doc_ids))
    with project.transaction() as db:
        for table in ("document_labels", "spans"):
            db.conn.execute(
                f"DELETE FROM {table} WHERE label_set_id = ? AND origin = 'prediction' AND document_id IN ({marks})",
                [label_set_id, *doc_ids],
            )
        db.conn.executemany(
            "INSERT INTO document_labels (document_id, label_set_id, label_id, origin, score, annotator, "
            "updated_at) VALUES (?, ?, ?, 'prediction', ?, 'model', ?)",
            rows_labels,
        )
        db.conn.executemany(
            'INSERT INTO spans (document_id, label_set_id, label_id, start, "end", origin, score, annotator, '
            "created_at) VALUES (?, ?, ?, ?, ?, 'prediction', ?, 'model', ?)",
            rows_spans,
        )
        db.conn.executemany(
            "INSERT OR REPLACE INTO prediction_uncertainty (document_id, label_set_id, run_id, uncertainty, "
            "updated_at) VALUES (?, ?, ?, ?, ?)",
            rows_uncertainty,
        )


def human_annotated(project: Project, label_set_id: int) -> list[int]:
    """Return the ids of documents with a human label or span in ``label_set_id``."""
    rows = project.db().execute(
        "SELECT document_id FROM document_labels WHERE label_set_id = ? AND origin = 'human' "
        "UNION SELECT document_id FROM spans WHERE label_set_id = ? AND origin = 'human'",
        [label_set_id, label_set_id],
    )
    return [r[0] for r in rows]


def uncertainty_queue(project: Project, label_set_id: int, limit: int | None = None) -> list[tuple[int, float]]:
    """Return ``(document id, uncertainty)`` for predicted documents without human annotations, most uncertain first."""
    sql = (
        "SELECT document_id, uncertainty FROM prediction_uncertainty WHERE label_set_id = ? "
        "AND document_id NOT IN (SELECT document_id FROM document_labels WHERE label_set_id = ? AND origin = 'human') "
        "AND document_id NOT IN (SELECT document_id FROM spans WHERE label_set_id = ? AND origin = 'human') "
        "ORDER BY uncertainty DESC, document_id"
    )
    params: list = [label_set_id] * 3
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [(r[0], r[1]) for r in project.db().execute(sql, params)]
