"""Encode a project's documents into token arrays under ``corpus/``: ``train.bin``,
``val.bin`` and, when the pipeline makes a test split, ``test.bin``, described by
``corpus/meta.json``.

Each document's ids are followed by the end-of-text token, and whole documents go to one
split. :func:`encode_project` chooses the split by a hash of the seed and the document id;
the preprocessing pipeline passes its own assignment to :func:`encode_documents`.
Arrays are flat ``numpy.memmap`` files, uint16 when every id fits, else uint32, written
batch by batch: memory depends on the batch size, never on the corpus size. A document
longer than :data:`PIECE_CHARS` is encoded in pieces cut at white space where possible.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from array import array
from pathlib import Path
from typing import Iterable

import numpy as np

from .jobs import JobContext
from .tokenizer import EOT, load_tokenizer

log = logging.getLogger(__name__)

BATCH_DOCUMENTS = 1000
BATCH_CHARS = 4_000_000
PIECE_CHARS = 100_000
SPLITS = ("train", "val", "test")


class EncodingError(Exception):
    """The corpus cannot be encoded (no tokenizer, no documents, empty split)."""


def dtype_for_vocab(vocab_size: int) -> np.dtype:
    return np.dtype(np.uint16) if vocab_size <= 2**16 else np.dtype(np.uint32)


def split_position(doc_id: int, seed: int) -> float:
    """Return a number in [0, 1) fixed by ``seed`` and ``doc_id`` alone."""
    digest = hashlib.blake2b(f"{seed}:{doc_id}".encode("ascii"), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def split_of(doc_id: int, val_fraction: float, seed: int) -> str:
    return "val" if split_position(doc_id, seed) < val_fraction else "train"


def pieces_of(text: str, size: int = PIECE_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``size`` characters, at white space when one is near the end."""
    if len(text) <= size:
        return [text]
    pieces = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = max(text.rfind("\n", end - size // 10, end), text.rfind(" ", end - size // 10, end))
        if cut > start:
            end = cut + 1
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


class TokenStats:
    """Token counts gathered while encoding: per-document lengths and per-id frequencies."""

    def __init__(self, vocab_size: int):
        self.document_tokens = array("I")
        self.frequency = np.zeros(vocab_size, dtype=np.int64)

    def add_ids(self, ids: np.ndarray) -> None:
        self.frequency += np.bincount(ids, minlength=len(self.frequency))[: len(self.frequency)]

    def end_document(self, tokens: int) -> None:
        self.document_tokens.append(tokens)


def _encode_texts(tokenizer, texts: list[str]) -> list[list[int]]:
    # encode_batch_fast (tokenizers 0.20+) skips the offsets, which the arrays do not need.
    encode = getattr(tokenizer, "encode_batch_fast", tokenizer.encode_batch)
    return [encoding.ids for encoding in encode(texts)]


def encode_documents(
    project,
    documents: Iterable[tuple[int, str, str]],
    total: int,
    ctx: JobContext | None = None,
    extra_meta: dict | None = None,
    stats: TokenStats | None = None,
) -> dict:
    """Encode ``(doc_id, text, split)`` triples into the split arrays; write ``meta.json``.

    ``split`` is "train", "val" or "test". Files are written under temporary names and
    renamed at the end, so a cancelled run leaves the previous corpus in place.
    """
    tokenizer = load_tokenizer(project.tokenizer_path)
    vocab_size = tokenizer.get_vocab_size()
    eot = tokenizer.token_to_id(EOT)
    if eot is None:
        raise EncodingError(f"{project.tokenizer_path} has no {EOT} token. Train the tokenizer again.")
    dtype = dtype_for_vocab(vocab_size)
    out = Path(project.corpus_dir)
    out.mkdir(parents=True, exist_ok=True)
    parts = {name: out / f"{name}.bin.tmp" for name in SPLITS}
    counts = dict.fromkeys(SPLITS, 0)
    document_counts = dict.fromkeys(SPLITS, 0)
    started = time.monotonic()
    handles = {name: open(path, "wb") for name, path in parts.items()}
    try:
        batch: list[tuple[int, str, str]] = []
        batch_chars = 0
        done = 0

        def write(split: str, ids: list[int]) -> int:
            array_ids = np.asarray(ids, dtype=dtype)
            handles[split].write(array_ids.tobytes())
            counts[split] += len(array_ids)
            if stats is not None:
                stats.add_ids(array_ids)
            return len(array_ids)

        def flush() -> None:
            short = [(doc_id, text, split) for doc_id, text, split in batch if len(text) <= PIECE_CHARS]
            short_ids = iter(_encode_texts(tokenizer, [text for _, text, _ in short]))
            for doc_id, text, split in batch:
                if split not in handles:
                    raise EncodingError(f"Document {doc_id} has unknown split {split!r}; use one of {', '.join(SPLITS)}.")
                if len(text) <= PIECE_CHARS:
                    written = write(split, next(short_ids) + [eot])
                else:
                    # A long document is encoded a few pieces at a time, so its token list
                    # never exists whole in memory.
                    pieces = pieces_of(text)
                    group = max(BATCH_CHARS // PIECE_CHARS, 1)
                    written = 0
                    for start in range(0, len(pieces), group):
                        for ids in _encode_texts(tokenizer, pieces[start : start + group]):
                            written += write(split, ids)
                        if ctx is not None:
                            ctx.check_stop()
                    written += write(split, [eot])
                document_counts[split] += 1
                if stats is not None:
                    stats.end_document(written)

        for doc_id, text, split in documents:
            batch.append((doc_id, text, split))
            batch_chars += len(text)
            if len(batch) >= BATCH_DOCUMENTS or batch_chars >= BATCH_CHARS:
                flush()
                done += len(batch)
                batch = []
                batch_chars = 0
                if ctx is not None:
                    ctx.check_stop()
                    ctx.report(done, total, "Encoding")
        if batch:
            flush()
    except BaseException:
        for handle in handles.values():
            handle.close()
        for path in parts.values():
            path.unlink(missing_ok=True)
        raise
    for handle in handles.values():
        handle.close()

    for name, path in parts.items():
        if name == "test" and document_counts["test"] == 0:
            path.unlink(missing_ok=True)
            (out / "test.bin").unlink(missing_ok=True)
            continue
        path.replace(out / f"{name}.bin")
    meta = {
        "dtype": dtype.name,
        "vocab_size": vocab_size,
        "eot_id": eot,
        **(extra_meta or {}),
        "train_tokens": counts["train"],
        "val_tokens": counts["val"],
        "test_tokens": counts["test"],
        "train_documents": document_counts["train"],
        "val_documents": document_counts["val"],
        "test_documents": document_counts["test"],
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    log.info("Encoded %s in %.1f s: %s", project.root, time.monotonic() - started, meta)
    if ctx is not None:
        ctx.report(total, total, "Encoded")
    return meta


def encode_project(
    project, val_fraction: float = 0.1, seed: int = 0, ctx: JobContext | None = None
) -> dict:
    """Encode every document of ``project``, split by hash; write the arrays and ``corpus/meta.json``."""
    if not 0 < val_fraction < 1:
        raise EncodingError(f"Validation fraction {val_fraction} is invalid; use a number between 0 and 1.")
    load_tokenizer(project.tokenizer_path)
    total = project.document_count()
    if total < 2:
        raise EncodingError(
            f"The project has {total} document(s); encoding needs at least 2 so that "
            "training and validation each get one. Import more text."
        )
    # A tiny corpus can hash every document into training; then the last document goes to
    # validation so that validation loss exists. Ids are streamed, never held in a list.
    ids = (row[0] for row in project.db().execute("SELECT id FROM documents ORDER BY id"))
    has_val = any(split_of(doc_id, val_fraction, seed) == "val" for doc_id in ids)
    last_id = project.db().execute("SELECT max(id) FROM documents").fetchone()[0]

    def documents():
        for doc_id, text in project.iter_texts():
            split = split_of(doc_id, val_fraction, seed)
            if not has_val and doc_id == last_id:
                split = "val"
            yield doc_id, text, split

    return encode_documents(
        project, documents(), total, ctx, extra_meta={"val_fraction": val_fraction, "seed": seed, "source": "encode"}
    )


def load_split(project, split: str) -> np.memmap:
    """Open ``corpus/{split}.bin`` read-only as a memmap of the dtype in ``meta.json``."""
    meta = read_meta(project)
    path = Path(project.corpus_dir) / f"{split}.bin"
    if meta.get(f"{split}_tokens", 0) == 0:
        raise EncodingError(f"The {split} split of {project.root} is empty. Import more text and encode again.")
    return np.memmap(path, dtype=np.dtype(meta["dtype"]), mode="r")


def read_meta(project) -> dict:
    meta_path = Path(project.corpus_dir) / "meta.json"
    if not meta_path.is_file():
        raise EncodingError(f"{project.root} has no encoded corpus. Run 'workbench encode {project.root}' first.")
    return json.loads(meta_path.read_text(encoding="utf-8"))
