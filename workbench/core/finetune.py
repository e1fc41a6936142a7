"""Fine-tuning on the project's annotations: document classification and span labelling.

The task follows the label set's kind: ``classify`` (one label per document) and
``multilabel`` (any number) train a :class:`~workbench.core.heads.SequenceClassifier` with
cross-entropy or per-label binary cross-entropy; ``spans`` trains a
:class:`~workbench.core.heads.TokenClassifier` on BIO tags. The run's task in the database
is ``classify`` for the first two and ``ner`` for spans.

Training data are the human annotations only, never predictions. A document takes part
when it has at least one human label (or, for spans, one human span) in the label set.
Whole documents go to the validation split by a hash of the split seed and the document
id, so adding documents later leaves every earlier document in its split.

Spans become tags through the tokenizer's offsets, which ``tokenizers`` reports in code
points (Python string indices) for both of the project's tokenizer kinds. A token belongs
to a span when its text, without surrounding whitespace, overlaps the span; predicted tags
become spans from the first to the last such token. The round trip is exact whenever span
boundaries fall on token boundaries, which holds for every character with the ``char``
tokenizer and for every CJK character and emoji with ``bytebpe``.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import logging
import math
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from . import annotations, checkpoints
from .encoding import split_of
from .evaluation import EvaluationError, classification_report, multilabel_report, save_report, span_report
from .heads import TOKEN_KIND, build_head, load_head_checkpoint, save_head_checkpoint
from .jobs import JobContext
from .model import ModelConfig
from .project import Project, utc_now
from .tokenizer import EOT, PAD, load_tokenizer
from .training import build_optimizer, create_run, learning_rate_at, pick_device

log = logging.getLogger(__name__)

TASKS = ("classify", "ner")
IGNORE = -100  # the target cross-entropy skips (padding)
MULTILABEL_THRESHOLD = 0.5


class FinetuneError(Exception):
    """Fine-tuning cannot start: unknown label set, too few labelled documents, bad base run."""


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
        defaults = cls()
        settings = {}
        for pair in pairs:
            if "=" not in pair:
                raise ValueError(f"--set {pair!r} is invalid; write it as key=value, for example --set steps=200.")
            key, value = pair.split("=", 1)
            if not hasattr(defaults, key):
                names = ", ".join(f.name for f in fields(cls))
                raise ValueError(f"--set {key}: unknown fine-tuning setting; known: {names}.")
            kind = type(getattr(defaults, key))
            try:
                settings[key] = kind(value)
            except ValueError as exc:
                raise ValueError(f"--set {key}={value}: expected a {kind.__name__}.") from exc
        return settings

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
        if not 0 <= self.classifier_dropout < 1:
            raise ValueError(f"classifier_dropout={self.classifier_dropout} is invalid; use a number in [0, 1).")


# Label sets and examples ------------------------------------------------------------------


@dataclass
class LabelSpace:
    """The label set a head learns: project label ids in order, their names, and the BIO tags for spans."""

    label_set_id: int
    label_set: str
    kind: str
    label_ids: list[int]
    names: list[str]

    @property
    def tags(self) -> list[str]:
        """Output names of the model: the labels, or ``O`` and a B- and I- tag per label for spans."""
        if self.kind != TOKEN_KIND:
            return list(self.names)
        return ["O"] + [f"{prefix}-{name}" for name in self.names for prefix in ("B", "I")]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "label_set": self.label_set, "label_set_id": self.label_set_id,
                "label_ids": self.label_ids, "names": self.names, "labels": self.tags}

    @classmethod
    def from_head(cls, head: dict) -> "LabelSpace":
        return cls(head["label_set_id"], head["label_set"], head["kind"], list(head["label_ids"]), list(head["names"]))


def task_for_kind(kind: str) -> str:
    return "ner" if kind == TOKEN_KIND else "classify"


def label_space(project: Project, name: str, task: str | None = None) -> LabelSpace:
    """Return the label space of label set ``name``; check it suits ``task`` and has labels."""
    row = project.db().execute("SELECT id, kind FROM label_sets WHERE name = ?", [name]).fetchone()
    if row is None:
        known = [r[0] for r in project.db().execute("SELECT name FROM label_sets ORDER BY name")]
        raise FinetuneError(f"Label set {name!r} not found; label sets in the project: {', '.join(known) or 'none'}.")
    label_set_id, kind = row
    if task is not None and task_for_kind(kind) != task:
        raise FinetuneError(
            f"Label set {name!r} contains {kind} labels, which need task {task_for_kind(kind)!r}, not {task!r}."
        )
    labels = annotations.labels(project, label_set_id)
    minimum = 1 if kind != "classify" else 2
    if len(labels) < minimum:
        raise FinetuneError(f"Label set {name!r} has {len(labels)} label(s); add at least {minimum} to fine-tune.")
    return LabelSpace(label_set_id, name, kind, [label.id for label in labels], [label.name for label in labels])


def human_targets(project: Project, space: LabelSpace) -> dict[int, object]:
    """Map each document with human annotations in ``space`` to its target.

    Targets are a label index (``classify``), a set of label indices (``multilabel``) or a
    list of ``(start, end, label index)`` spans.
    """
    index = {label_id: i for i, label_id in enumerate(space.label_ids)}
    db = project.db()
    targets: dict[int, object] = {}
    if space.kind == TOKEN_KIND:
        rows = db.execute(
            'SELECT document_id, start, "end", label_id FROM spans WHERE label_set_id = ? AND origin = ? '
            'ORDER BY document_id, start, "end", id',
            [space.label_set_id, "human"],
        )
        for doc_id, start, end, label_id in rows:
            targets.setdefault(doc_id, []).append((start, end, index[label_id]))
        return targets
    rows = db.execute(
        "SELECT document_id, label_id FROM document_labels WHERE label_set_id = ? AND origin = ? "
        "ORDER BY document_id, id",
        [space.label_set_id, "human"],
    )
    for doc_id, label_id in rows:
        if space.kind == "classify":
            targets.setdefault(doc_id, index[label_id])  # the first label if an import left several
        else:
            targets.setdefault(doc_id, set()).add(index[label_id])
    return targets


def split_documents(doc_ids: list[int], val_fraction: float, seed: int) -> tuple[list[int], list[int]]:
    """Split documents into training and validation by a hash of ``seed`` and each id.

    When the hash puts no document in validation (a small set), the document with the
    lowest hash goes there, so a run with at least 2 documents always validates.
    """
    train = [d for d in doc_ids if split_of(d, val_fraction, seed) == "train"]
    val = [d for d in doc_ids if split_of(d, val_fraction, seed) == "val"]
    if not val and len(train) >= 2:
        first = min(train, key=lambda d: split_position(d, seed))
        train.remove(first)
        val.append(first)
    return train, val


def split_position(doc_id: int, seed: int) -> float:
    """Return the hash position in [0, 1) of a document; :func:`split_of` puts it in validation below the fraction."""
    digest = hashlib.blake2b(f"{seed}:{doc_id}".encode("ascii"), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the offsets of a token's text without surrounding whitespace (or the raw ones if all space)."""
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if s < e else (start, end)


def spans_to_tags(text: str, offsets: list[tuple[int, int]], spans: list[tuple[int, int, int]]) -> list[int]:
    """Return a BIO tag index per token (0 is ``O``, then B and I per label) for ``spans``.

    A token takes the first span (by start) that its text overlaps; overlapping spans
    cannot both be tagged, so the later one loses the tokens they share.
    """
    tags = [0] * len(offsets)
    cores = [_core(text, a, b) for a, b in offsets]
    # Token offsets only grow, so a running maximum of the ends is sorted and bisect finds
    # the first token that can overlap a span.
    reach = list(itertools.accumulate((b for _, b in cores), max))
    for start, end, label in sorted(spans):
        inside = False
        for i in range(bisect.bisect_right(reach, start), len(cores)):
            a, b = cores[i]
            if a >= end:
                break
            if b > start and a < b:
                if tags[i] == 0:
                    tags[i] = 1 + 2 * label + (1 if inside else 0)
                inside = True
    return tags


def tags_to_spans(
    text: str, offsets: list[tuple[int, int]], tags: list[int], scores: list[float] | None = None
) -> list[tuple[int, int, int, float]]:
    """Return ``(start, end, label index, score)`` spans in code points from BIO tag indices.

    Tokens with the same offsets (the byte pieces of one character) count once, with the
    first piece's tag. An I tag that does not continue an entity of its label starts one.
    The score is the mean of the tokens' scores.
    """
    scores = scores if scores is not None else [1.0] * len(tags)
    result: list[tuple[int, int, int, float]] = []
    current: list | None = None  # [start, end, label, score sum, count]
    previous = None
    for (a, b), tag, score in zip(offsets, tags, scores):
        if (a, b) == previous or a == b:
            continue
        previous = (a, b)
        if tag == 0:
            if current:
                result.append(_close(current))
            current = None
            continue
        label, is_inside = (tag - 1) // 2, (tag - 1) % 2 == 1
        core = _core(text, a, b)
        if current is not None and is_inside and current[2] == label:
            if not text[a:b].isspace():
                current[1] = core[1]
            current[3] += score
            current[4] += 1
            continue
        if current:
            result.append(_close(current))
        current = [core[0], core[1], label, score, 1]
    if current:
        result.append(_close(current))
    return result


def _close(current: list) -> tuple[int, int, int, float]:
    return (current[0], current[1], current[2], current[3] / current[4])


@dataclass
class Example:
    doc_id: int
    ids: list[int]
    target: object  # label index, multi-hot list, or tag list of the same length as ids


def make_examples(tokenizer, texts: dict[int, str], targets: dict[int, object], space: LabelSpace,
                  seq_len: int) -> tuple[list[Example], int]:
    """Encode documents into examples; return them and the number of spans that tags cannot reproduce.

    Classification keeps the first ``seq_len`` tokens of a document. Span labelling cuts a
    long document into consecutive pieces of ``seq_len`` tokens, each its own example.
    """
    doc_ids = list(texts)
    encodings = tokenizer.encode_batch([texts[d] for d in doc_ids])
    examples: list[Example] = []
    misaligned = 0
    for doc_id, encoding in zip(doc_ids, encodings):
        ids, target = encoding.ids, targets[doc_id]
        if space.kind == TOKEN_KIND:
            text = texts[doc_id]
            tags = spans_to_tags(text, encoding.offsets, target)
            round_trip = {(s, e, label) for s, e, label, _ in tags_to_spans(text, encoding.offsets, tags)}
            misaligned += len(set(target) - round_trip)
            for start in range(0, max(len(ids), 1), seq_len):
                piece = ids[start:start + seq_len]
                if piece:
                    examples.append(Example(doc_id, piece, tags[start:start + seq_len]))
        elif space.kind == "multilabel":
            hot = [0.0] * len(space.names)
            for i in target:
                hot[i] = 1.0
            if ids:
                examples.append(Example(doc_id, ids[:seq_len], hot))
        elif ids:
            examples.append(Example(doc_id, ids[:seq_len], target))
    return examples, misaligned


def collate(examples: list[Example], pad_id: int, kind: str) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Right-pad a batch; return ids, attention mask and targets (tags padded with -100)."""
    width = max(len(e.ids) for e in examples)
    ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(examples), width), dtype=torch.long)
    for i, example in enumerate(examples):
        ids[i, : len(example.ids)] = torch.tensor(example.ids, dtype=torch.long)
        mask[i, : len(example.ids)] = 1
    if kind == TOKEN_KIND:
        targets = torch.full((len(examples), width), IGNORE, dtype=torch.long)
        for i, example in enumerate(examples):
            targets[i, : len(example.target)] = torch.tensor(example.target, dtype=torch.long)
    elif kind == "multilabel":
        targets = torch.tensor([e.target for e in examples], dtype=torch.float32)
    else:
        targets = torch.tensor([e.target for e in examples], dtype=torch.long)
    return ids, mask, targets


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


def document_spans(text: str, offsets: list[tuple[int, int]], token_probabilities: torch.Tensor,
                   ) -> list[tuple[int, int, int, float]]:
    """Return predicted spans of a document from its per-token tag probabilities (T, tags)."""
    scores, tags = token_probabilities.max(-1)
    return tags_to_spans(text, offsets[: len(tags)], tags.tolist(), scores.tolist())


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


@dataclass
class PreparedData:
    space: LabelSpace
    texts: dict[int, str]
    targets: dict[int, object]
    train: list[Example]
    val: list[Example]
    misaligned: int
    train_counts: list[int] | None


def prepare_data(project: Project, space: LabelSpace, tokenizer, seq_len: int, val_fraction: float,
                 split_seed: int) -> PreparedData:
    targets = human_targets(project, space)
    if len(targets) < 2:
        raise FinetuneError(
            f"Label set {space.label_set!r} has {len(targets)} annotated document(s); fine-tuning needs at "
            "least 2, one for training and one for validation. Annotate more documents."
        )
    train_ids, val_ids = split_documents(sorted(targets), val_fraction, split_seed)
    if not train_ids:
        raise FinetuneError(f"No document is left for training with val_fraction={val_fraction}; lower it.")
    texts = {doc_id: project.document(doc_id)["text"] for doc_id in targets}
    train, misaligned = make_examples(tokenizer, {d: texts[d] for d in train_ids}, targets, space, seq_len)
    val, val_misaligned = make_examples(tokenizer, {d: texts[d] for d in val_ids}, targets, space, seq_len)
    counts = None
    if space.kind == "classify":
        counts = [0] * len(space.names)
        for example in train:
            counts[example.target] += 1
    return PreparedData(space, texts, targets, train, val, misaligned + val_misaligned, counts)


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
                values.update(train_loss=train_loss, learning_rate=lr)
            if steps_done % config.eval_interval == 0 or steps_done == config.steps:
                report = evaluate_examples(model, data.val, space, pad_id, device, data.texts, data.targets,
                                           tokenizer, data.train_counts)
                val_loss = report["loss"]
                best_val = min(best_val, val_loss)
                evaluated_step = steps_done
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
            values = {"train_loss": train_loss, "val_loss": val_loss, **_headline(report)}
            ctx.event("metrics", step=steps_done, total=config.steps, **values)
            _write_metrics(project, run_id, [(steps_done, k, v, time.perf_counter() - started)
                                             for k, v in values.items()])
        if not report:
            report = evaluate_examples(model, data.val, space, pad_id, device, data.texts, data.targets,
                                       tokenizer, data.train_counts)
            val_loss = report["loss"]
    except Exception:
        with project.transaction():
            db.conn.execute("UPDATE runs SET status = 'failed', finished_at = ? WHERE id = ?", [utc_now(), run_id])
        raise

    report.update(train_examples=len(data.train), val_documents=len({e.doc_id for e in data.val}),
                  misaligned_spans=data.misaligned)
    save_report(project, run_id, report, steps_done)
    checkpoint_dir = run_dir / "checkpoint"
    state = {
        "step": steps_done, "train_loss": train_loss, "val_loss": val_loss,
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
