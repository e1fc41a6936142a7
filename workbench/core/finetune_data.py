"""Training examples from the human annotations of one label set.

Training data are the human annotations only, never predictions. A document takes part
when it has at least one human label (or, for spans, one human span) in the label set.
Whole documents go to the validation split by a hash of the split seed and the document
id, so adding documents later leaves every earlier document in its split.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import torch

from . import annotations
from .encoding import split_of
from .heads import TOKEN_KIND
from .project import Project
from .span_tags import spans_to_tags, tags_to_spans

IGNORE = -100  # the target cross-entropy skips (padding)


class FinetuneError(Exception):
    """Fine-tuning cannot start: unknown label set, too few labelled documents, bad base run."""


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
