"""The preprocessing pipeline: normalise, filter, deduplicate, split, train the tokenizer, encode.

:func:`run_pipeline` is a job (see :mod:`workbench.core.jobs`). It streams the documents
from SQLite in batches, so memory never grows with their length. It grows with their
number: ids, lengths and split codes take about 17 bytes per document, and deduplication
keeps a hash (about 100 bytes with its dict entry) and a 128-permutation MinHash signature
(over 512 bytes) per kept document. Encoding alone stays flat. Every run is a
row in ``preprocess_runs`` with its TOML configuration and its counts; every document a
run sets aside is a row in ``preprocess_removed`` with its reason. Documents are never
deleted, and normalised texts keep their previous version in ``document_revisions``.
"""

from __future__ import annotations

import json
import logging
import time
from array import array
from dataclasses import asdict, dataclass, field

import numpy as np

from ..encoding import TokenStats, encode_documents, split_position
from ..jobs import JobCancelled, JobContext
from ..tokenizer import (
    TokenizerError,
    TokenizerSettings,
    evaluate_tokenizer,
    load_tokenizer,
    save_tokenizer,
    train_with_settings,
)
from . import store
from .config import PipelineConfig
from .dedup import NearDuplicateIndex, exact_key, shingles
from .filters import DocumentFilter
from .normalise import SpanRemapError, normalise
from .stats import histogram, label_distribution, rank_frequency

log = logging.getLogger(__name__)

BATCH = 1000
# The validation sample for the tokenizer's unknown rate and compression.
EVAL_MAX_DOCUMENTS = 2000
EVAL_MAX_CHARS = 2_000_000


class PipelineError(Exception):
    """The pipeline cannot run or produced nothing to train on; the message names what to change."""


@dataclass
class StepCounts:
    """Documents and characters entering and leaving one step, and how many it changed."""

    step: str
    documents_in: int = 0
    documents_out: int = 0
    characters_in: int = 0
    characters_out: int = 0
    changed: int = 0
    removed: int = 0
    notes: list[str] = field(default_factory=list)


class _Progress:
    """Report progress at most ten times a second, with the estimated seconds left as an event."""

    def __init__(self, ctx: JobContext | None, total: int, message: str):
        self.ctx, self.total, self.message = ctx, total, message
        self.started = time.monotonic()
        self.last = 0.0

    def update(self, done: int, force: bool = False) -> None:
        if self.ctx is None:
            return
        self.ctx.check_stop()
        now = time.monotonic()
        if not force and now - self.last < 0.1:
            return
        self.last = now
        elapsed = now - self.started
        eta = elapsed / done * (self.total - done) if done and self.total else None
        self.ctx.report(done, self.total, self.message)
        self.ctx.event("step_progress", step=self.message, done=done, total=self.total,
                       eta_seconds=None if eta is None else round(eta, 1))


def _span_documents(project) -> set[int]:
    return {r[0] for r in project.db().execute("SELECT DISTINCT document_id FROM spans")}


def _spans_of(project, document_id: int) -> list[tuple[int, int, int]]:
    return [tuple(r) for r in project.db().execute(
        'SELECT id, start, "end" FROM spans WHERE document_id = ? ORDER BY id', [document_id])]


def _normalise_step(project, config: PipelineConfig, run_id: int, total: int, ctx) -> StepCounts:
    counts = StepCounts("normalise")
    with_spans = _span_documents(project)
    progress = _Progress(ctx, total, "Normalising")
    revisions, updates, span_updates = [], [], []
    by_substep: dict[str, int] = {}
    skipped: list[int] = []

    def flush() -> None:
        store.add_revisions(project, revisions, updates, span_updates)
        revisions.clear()
        updates.clear()
        span_updates.clear()

    for index, (doc_id, text) in enumerate(project.iter_texts()):
        counts.documents_in += 1
        counts.characters_in += len(text)
        tracked = doc_id in with_spans
        try:
            result = normalise(text, config.normalise, track=tracked)
            new_spans = []
            if tracked and result.text != text:
                old_spans = _spans_of(project, doc_id)
                for span_id, start, end in old_spans:
                    moved = result.map_span(start, end)
                    if moved is None:
                        raise SpanRemapError(f"span {span_id} [{start}, {end}) would lose its characters")
                    new_spans.append((span_id, *moved))
        except SpanRemapError as exc:
            skipped.append(doc_id)
            log.info("Normalisation skipped document %d: %s", doc_id, exc)
            counts.characters_out += len(text)
            progress.update(index + 1)
            continue
        counts.characters_out += len(result.text)
        if result.text != text:
            counts.changed += 1
            for name in result.changed_by:
                by_substep[name] = by_substep.get(name, 0) + 1
            revisions.append((run_id, doc_id, text, _spans_of(project, doc_id) if tracked else []))
            updates.append((doc_id, result.text))
            span_updates.extend(new_spans)
        if len(updates) >= BATCH:
            flush()
        progress.update(index + 1)
    flush()
    counts.documents_out = counts.documents_in
    if by_substep:
        counts.notes.append("changed by: " + ", ".join(f"{k} {v}" for k, v in by_substep.items()))
    if skipped:
        shown = ", ".join(str(i) for i in skipped[:20]) + (" …" if len(skipped) > 20 else "")
        counts.notes.append(
            f"{len(skipped)} document(s) with span annotations left unchanged because their spans "
            f"could not be moved with the text: {shown}"
        )
    progress.update(total, force=True)
    return counts


@dataclass
class _Selection:
    kept: array = field(default_factory=lambda: array("q"))
    lengths_before: array = field(default_factory=lambda: array("I"))
    lengths_after: array = field(default_factory=lambda: array("I"))


def _filter_dedup_step(project, config: PipelineConfig, run_id: int, total: int, ctx,
                       tokenizer) -> tuple[_Selection, StepCounts, StepCounts]:
    filter_counts, dedup_counts = StepCounts("filter"), StepCounts("dedup")
    f, d = config.filter, config.dedup
    document_filter = DocumentFilter(f, tokenizer) if f.enabled else None
    near_index = NearDuplicateIndex(d.num_perm, d.bands, d.threshold, d.seed) if d.enabled and d.near else None
    exact_seen: dict[bytes, int] = {}
    selection = _Selection()
    removals: list = []
    progress = _Progress(ctx, total, "Filtering and deduplicating")
    pending: list[tuple[int, int, list[str]]] = []  # (doc id, length, shingles) awaiting near-dedup

    def near_flush() -> None:
        if not pending:
            return
        results = near_index.add_batch([p[0] for p in pending], [p[2] for p in pending])
        for (doc_id, length, _), match in zip(pending, results):
            if match is None:
                selection.kept.append(doc_id)
                selection.lengths_after.append(length)
                dedup_counts.documents_out += 1
                dedup_counts.characters_out += length
            else:
                dedup_counts.removed += 1
                removals.append((run_id, doc_id, "dedup", "near_duplicate",
                                 {"similarity": round(match[1], 4)}, match[0]))
        pending.clear()

    for index, (doc_id, text) in enumerate(project.iter_texts()):
        length = len(text)
        selection.lengths_before.append(length)
        filter_counts.documents_in += 1
        filter_counts.characters_in += length
        if document_filter is not None:
            verdict = document_filter.check(text)
            if verdict is not None:
                filter_counts.removed += 1
                removals.append((run_id, doc_id, "filter", verdict[0], verdict[1], None))
                progress.update(index + 1)
                continue
        filter_counts.documents_out += 1
        filter_counts.characters_out += length
        dedup_counts.documents_in += 1
        dedup_counts.characters_in += length
        if d.enabled and d.exact:
            key = exact_key(text)
            first = exact_seen.get(key)
            if first is not None:
                dedup_counts.removed += 1
                removals.append((run_id, doc_id, "dedup", "exact_duplicate", {}, first))
                progress.update(index + 1)
                continue
            exact_seen[key] = doc_id
        if near_index is not None:
            pending.append((doc_id, length, shingles(text, d.shingle_size, d.char_shingle_size)))
            if len(pending) >= BATCH:
                near_flush()
        else:
            selection.kept.append(doc_id)
            selection.lengths_after.append(length)
            dedup_counts.documents_out += 1
            dedup_counts.characters_out += length
        if len(removals) >= BATCH:
            store.add_removals(project, removals)
            removals.clear()
        progress.update(index + 1)
    if near_index is not None:
        near_flush()
    store.add_removals(project, removals)
    progress.update(total, force=True)
    if near_index is not None:
        dedup_counts.notes.append(
            f"MinHash: {d.num_perm} permutations, {d.bands} bands × {d.rows} rows, Jaccard threshold "
            f"{d.threshold}, shingles of {d.shingle_size} words or {d.char_shingle_size} CJK characters"
        )
    return selection, filter_counts, dedup_counts


SPLIT_NAMES = ("train", "val", "test")


class SplitAssignment:
    """Kept document ids in increasing order, with a split code each (0 train, 1 val, 2 test).

    Two numpy arrays take 9 bytes per kept document, so a corpus of millions of documents
    needs tens of megabytes here, not the gigabyte a dict of Python ints would.
    """

    def __init__(self, ids: np.ndarray, codes: np.ndarray):
        self.ids = ids
        self.codes = codes

    def count(self, name: str) -> int:
        return int(np.count_nonzero(self.codes == SPLIT_NAMES.index(name)))

    def as_dict(self) -> dict[int, str]:
        return {int(i): SPLIT_NAMES[c] for i, c in zip(self.ids, self.codes)}

    def documents(self, project, wanted: set[str]):
        """Yield ``(doc_id, text, split)`` for kept documents of the ``wanted`` splits, in id order."""
        wanted_codes = {SPLIT_NAMES.index(name) for name in wanted}
        pointer = 0
        for doc_id, text in project.iter_texts():
            while pointer < len(self.ids) and self.ids[pointer] < doc_id:
                pointer += 1
            if pointer == len(self.ids):
                return
            if self.ids[pointer] == doc_id and int(self.codes[pointer]) in wanted_codes:
                yield doc_id, text, SPLIT_NAMES[self.codes[pointer]]


def split_documents(kept: np.ndarray, config) -> SplitAssignment:
    """Assign each kept document to train, val or test, by a hash of the seed and its id."""
    kept = np.asarray(kept, dtype=np.int64)
    positions = np.fromiter((split_position(int(i), config.seed) for i in kept), dtype=np.float64, count=len(kept))
    if config.mode == "count":
        val_count, test_count = int(config.val), int(config.test)
        if val_count + test_count >= len(kept):
            raise PipelineError(
                f"The split asks for {val_count} validation and {test_count} test documents, but only "
                f"{len(kept)} document(s) remain; lower the counts or keep more documents."
            )
        ranks = np.empty(len(kept), dtype=np.int64)
        ranks[np.argsort(positions, kind="stable")] = np.arange(len(kept))
        codes = np.where(ranks < val_count, 1, np.where(ranks < val_count + test_count, 2, 0)).astype(np.uint8)
        return SplitAssignment(kept, codes)
    codes = np.where(positions < config.val, 1, np.where(positions < config.val + config.test, 2, 0)).astype(np.uint8)
    # A small corpus may hash no document into validation; the lowest-hash training
    # document moves there so that validation loss exists.
    train = np.flatnonzero(codes == 0)
    if config.val > 0 and not np.any(codes == 1) and len(train) > 1:
        codes[train[np.argmin(positions[train])]] = 1
    return SplitAssignment(kept, codes)


def assign_splits(kept: list[int], config) -> dict[int, str]:
    """Return :func:`split_documents` as a dict from document id to split name."""
    return split_documents(np.asarray(sorted(kept), dtype=np.int64), config).as_dict()


def _tokenizer_step(project, config: PipelineConfig, assignment: SplitAssignment, train_chars: int,
                    ctx) -> tuple[dict, StepCounts]:
    t = config.tokenizer
    counts = StepCounts("tokenizer")
    settings = TokenizerSettings(kind=t.kind, vocab_size=t.vocab_size, min_frequency=t.min_frequency,
                                 special_tokens=list(t.special_tokens), max_token_length=t.max_token_length)
    settings.validate()
    fraction = 1.0 if not t.sample_chars or train_chars <= t.sample_chars else t.sample_chars / train_chars
    train_documents = assignment.count("train")
    progress = _Progress(ctx, train_documents, "Training tokenizer")
    sampled = {"documents": 0, "characters": 0}

    def texts():
        for index, (doc_id, text, _) in enumerate(assignment.documents(project, {"train"})):
            progress.update(index + 1)
            if fraction < 1.0:
                # A separate seed from the split, so the sample is not the split's low-hash end.
                if split_position(doc_id, 7919) >= fraction:
                    continue
                budget = t.sample_chars - sampled["characters"]
                if budget <= 0:
                    continue
                # One huge document must not blow the budget on its own.
                text = text[:budget]
            sampled["documents"] += 1
            sampled["characters"] += len(text)
            counts.documents_in += 1
            counts.characters_in += len(text)
            yield text
        if ctx is not None:
            ctx.report(train_documents, train_documents, "Computing merges")

    tokenizer = train_with_settings(texts(), settings, ctx)
    if fraction < 1.0:
        counts.notes.append(
            f"trained on a sample of {sampled['characters']:,} characters ({sampled['documents']:,} documents) "
            f"out of {train_chars:,} training characters"
        )
    evaluation_texts = []
    evaluation_chars = 0
    for _, text, _ in assignment.documents(project, {"val"}):
        evaluation_texts.append(text[:EVAL_MAX_CHARS])
        evaluation_chars += len(evaluation_texts[-1])
        if len(evaluation_texts) >= EVAL_MAX_DOCUMENTS or evaluation_chars >= EVAL_MAX_CHARS:
            break
    evaluation = evaluate_tokenizer(tokenizer, evaluation_texts)
    info = save_tokenizer(project, tokenizer, settings, extra={
        "sample_documents": sampled["documents"], "sample_characters": sampled["characters"],
        "train_characters": train_chars, "validation": evaluation,
    })
    counts.documents_out = counts.documents_in
    counts.characters_out = counts.characters_in
    counts.notes.append(
        f"{info['vocab_size']} tokens; on validation: {evaluation['unknown_rate']:.2%} unknown, "
        f"{evaluation['chars_per_token']:.2f} characters per token"
    )
    return info, counts


def run_pipeline(project, config: PipelineConfig | None = None, ctx: JobContext | None = None) -> dict:
    """Run the whole pipeline on ``project``; return the run's id, counts and statistics."""
    from .config import load_project_config

    config = config or load_project_config(project)
    config.validate()
    total = project.document_count()
    if total == 0:
        raise PipelineError("The project has no documents. Import text first, then run the pipeline.")
    tokenizer_for_filter = None
    if config.filter.enabled and (config.filter.min_tokens or config.filter.max_tokens):
        if not project.tokenizer_path.is_file():
            raise PipelineError(
                "The token-length filter needs a trained tokenizer, and the project has none. "
                "Set min_tokens and max_tokens to 0, or train a tokenizer first."
            )
        tokenizer_for_filter = load_tokenizer(project.tokenizer_path)
    if not config.tokenizer.enabled and config.encode.enabled and not project.tokenizer_path.is_file():
        raise PipelineError("Encoding needs a tokenizer: switch the tokenizer step on or train one first.")

    run_id = store.create_run(project, config.to_toml())
    steps: list[StepCounts] = []
    result: dict = {"run_id": run_id, "documents": total}
    started = time.monotonic()
    try:
        if config.normalise.enabled:
            steps.append(_normalise_step(project, config, run_id, total, ctx))
        selection, filter_counts, dedup_counts = _filter_dedup_step(project, config, run_id, total, ctx,
                                                                    tokenizer_for_filter)
        if config.filter.enabled:
            steps.append(filter_counts)
        if config.dedup.enabled:
            steps.append(dedup_counts)
        kept = np.frombuffer(selection.kept, dtype=np.int64) if len(selection.kept) else np.zeros(0, np.int64)
        if not len(kept):
            raise PipelineError(
                f"No document is left after filtering and deduplication (of {total}). "
                "Loosen the filters; the removed documents and their reasons are in the run's report."
            )
        split_config = config.split
        if not split_config.enabled:
            from .config import SplitConfig
            split_config = SplitConfig(val=0.1)
        if len(kept) < 2 and config.encode.enabled:
            raise PipelineError(
                f"Only {len(kept)} document is left after filtering and deduplication; training needs "
                "at least 2 (one for training, one for validation). Import more text or loosen the filters."
            )
        assignment = split_documents(kept, split_config)
        split_counts = StepCounts("split", documents_in=len(kept), documents_out=len(kept))
        for name in ("train", "val", "test"):
            split_counts.notes.append(f"{name}: {assignment.count(name)}")
        steps.append(split_counts)
        lengths = np.frombuffer(selection.lengths_after, dtype=np.uint32).astype(np.int64)
        train_chars = int(lengths[assignment.codes == 0].sum())
        if config.tokenizer.enabled:
            info, tokenizer_counts = _tokenizer_step(project, config, assignment, train_chars, ctx)
            result["tokenizer"] = info
            steps.append(tokenizer_counts)
        token_stats = None
        if config.encode.enabled:
            tokenizer = load_tokenizer(project.tokenizer_path)
            token_stats = TokenStats(tokenizer.get_vocab_size())
            meta = encode_documents(
                project, assignment.documents(project, {"train", "val", "test"}), len(kept), ctx,
                extra_meta={"source": f"preprocess run {run_id}", "pipeline_run": run_id,
                            "val_fraction": split_config.val if split_config.mode == "fraction" else None,
                            "seed": split_config.seed},
                stats=token_stats,
            )
            result["encoded"] = meta
            steps.append(StepCounts("encode", documents_in=len(kept), documents_out=len(kept),
                                    notes=[f"{meta['train_tokens'] + meta['val_tokens'] + meta['test_tokens']:,} tokens"]))
        stats = {
            "document_chars_before": histogram(selection.lengths_before),
            "document_chars_after": histogram(selection.lengths_after),
            "labels": label_distribution(project, kept),
        }
        if token_stats is not None:
            stats["document_tokens"] = histogram(token_stats.document_tokens)
            stats["token_rank_frequency"] = rank_frequency(token_stats.frequency)
        result["steps"] = [asdict(s) for s in steps]
        result["kept"] = len(kept)
        result["removed"] = store.removal_reasons(project, run_id)
        result["seconds"] = round(time.monotonic() - started, 2)
        result["stats"] = stats
        counts = {k: v for k, v in result.items() if k != "stats"}
        store.finish_run(project, run_id, "finished", counts, stats)
        (project.corpus_dir / "stats.json").write_text(json.dumps(stats, ensure_ascii=False), encoding="utf-8")
        return result
    except JobCancelled:
        store.finish_run(project, run_id, "cancelled", {"steps": [asdict(s) for s in steps]},
                         message="Cancelled by the user.")
        raise
    except (PipelineError, TokenizerError) as exc:
        store.finish_run(project, run_id, "failed", {"steps": [asdict(s) for s in steps]}, message=str(exc))
        raise
    except Exception as exc:
        store.finish_run(project, run_id, "failed", {"steps": [asdict(s) for s in steps]},
                         message=f"{type(exc).__name__}: {exc}")
        raise


def preview(project, config: PipelineConfig, limit: int = 20, seed: int = 0) -> list[dict]:
    """Show what normalisation and the filters would do to ``limit`` sample documents.

    Nothing is written. Samples are spread over the corpus by a hash of ``seed`` and the
    document id. Duplicates are looked for among the samples only.
    """
    ids = project.document_ids()
    if not ids:
        return []
    sample = sorted(sorted(ids, key=lambda i: split_position(i, seed + 104729))[:limit])
    with_spans = _span_documents(project)
    tokenizer = None
    if config.filter.enabled and (config.filter.min_tokens or config.filter.max_tokens) and project.tokenizer_path.is_file():
        tokenizer = load_tokenizer(project.tokenizer_path)
    document_filter = DocumentFilter(config.filter, tokenizer) if config.filter.enabled else None
    seen: dict[bytes, int] = {}
    rows = []
    for doc_id in sample:
        before = project.document(doc_id)["text"]
        after, changed_by, note = before, [], ""
        if config.normalise.enabled:
            try:
                result = normalise(before, config.normalise, track=doc_id in with_spans)
                after, changed_by = result.text, result.changed_by
            except SpanRemapError as exc:
                note = f"left unchanged: {exc}"
        verdict = None
        if document_filter is not None:
            if document_filter.uses_tokens and tokenizer is None:
                note = note or "token limits skipped: no tokenizer yet"
                document_filter.uses_tokens = False
            verdict = document_filter.check(after)
        if verdict is None and config.dedup.enabled and config.dedup.exact:
            key = exact_key(after)
            if key in seen:
                verdict = ("exact_duplicate", {"duplicate_of": seen[key]})
            seen.setdefault(key, doc_id)
        rows.append({"id": doc_id, "before": before, "after": after, "changed_by": changed_by,
                     "reason": verdict[0] if verdict else None, "detail": verdict[1] if verdict else {},
                     "note": note})
    return rows
