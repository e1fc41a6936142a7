"""Encode a project's documents into ``corpus/train.bin`` and ``corpus/val.bin``.

Each document's ids are followed by the end-of-text token, and whole documents go to one
split, chosen by a hash of the seed and the document id. The choice depends on nothing
else, so re-encoding after an import keeps every old document in its split.
Arrays are flat ``numpy.memmap`` files: uint16 when every id fits, else uint32.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import numpy as np

from .jobs import JobContext
from .tokenizer import EOT, load_tokenizer

log = logging.getLogger(__name__)

BATCH_DOCUMENTS = 1000


class EncodingError(Exception):
    """The corpus cannot be encoded (no tokenizer, no documents, empty split)."""


def dtype_for_vocab(vocab_size: int) -> np.dtype:
    return np.dtype(np.uint16) if vocab_size <= 2**16 else np.dtype(np.uint32)


def split_of(doc_id: int, val_fraction: float, seed: int) -> str:
    digest = hashlib.blake2b(f"{seed}:{doc_id}".encode("ascii"), digest_size=8).digest()
    position = int.from_bytes(digest, "big") / 2**64
    return "val" if position < val_fraction else "train"


def encode_project(
    project, val_fraction: float = 0.1, seed: int = 0, ctx: JobContext | None = None
) -> dict:
    """Encode every document of ``project``; write the arrays and ``corpus/meta.json``."""
    if not 0 < val_fraction < 1:
        raise EncodingError(f"Validation fraction {val_fraction} is invalid; use a number between 0 and 1.")
    tokenizer = load_tokenizer(project.tokenizer_path)
    vocab_size = tokenizer.get_vocab_size()
    eot = tokenizer.token_to_id(EOT)
    if eot is None:
        raise EncodingError(f"{project.tokenizer_path} has no {EOT} token. Train the tokenizer again.")
    dtype = dtype_for_vocab(vocab_size)
    total = project.document_count()
    if total < 2:
        raise EncodingError(
            f"The project has {total} document(s); encoding needs at least 2 so that "
            "training and validation each get one. Import more text."
        )

    out = project.corpus_dir
    out.mkdir(parents=True, exist_ok=True)
    parts = {"train": out / "train.bin.tmp", "val": out / "val.bin.tmp"}
    counts = {"train": 0, "val": 0}
    documents = {"train": 0, "val": 0}
    last_doc: tuple[int, list[int]] | None = None
    handles = {name: open(path, "wb") for name, path in parts.items()}
    try:
        batch: list[tuple[int, str]] = []
        done = 0

        def flush() -> None:
            nonlocal last_doc
            encodings = tokenizer.encode_batch([text for _, text in batch])
            for (doc_id, _), encoding in zip(batch, encodings):
                ids = encoding.ids + [eot]
                split = split_of(doc_id, val_fraction, seed)
                handles[split].write(np.asarray(ids, dtype=dtype).tobytes())
                counts[split] += len(ids)
                documents[split] += 1
                last_doc = (doc_id, ids)

        for doc_id, text in project.iter_texts():
            batch.append((doc_id, text))
            if len(batch) == BATCH_DOCUMENTS:
                flush()
                done += len(batch)
                batch = []
                if ctx is not None:
                    ctx.check_stop()
                    ctx.report(done, total, "Encoding")
        if batch:
            flush()
    finally:
        for handle in handles.values():
            handle.close()

    # A tiny corpus can hash every document into training; then the last document
    # moves to validation so that validation loss exists.
    if documents["val"] == 0 and last_doc is not None:
        _move_last_document(parts, last_doc[1], dtype, counts, documents)

    for name, path in parts.items():
        path.replace(out / f"{name}.bin")
    meta = {
        "dtype": dtype.name,
        "vocab_size": vocab_size,
        "eot_id": eot,
        "val_fraction": val_fraction,
        "seed": seed,
        "train_tokens": counts["train"],
        "val_tokens": counts["val"],
        "train_documents": documents["train"],
        "val_documents": documents["val"],
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    log.info("Encoded %s: %s", project.root, meta)
    if ctx is not None:
        ctx.report(total, total, "Encoded")
    return meta


def _move_last_document(parts, ids, dtype, counts, documents) -> None:
    size = len(ids) * dtype.itemsize
    with open(parts["train"], "r+b") as handle:
        handle.seek(0, 2)
        handle.truncate(handle.tell() - size)
    with open(parts["val"], "ab") as handle:
        handle.write(np.asarray(ids, dtype=dtype).tobytes())
    counts["train"] -= len(ids)
    counts["val"] += len(ids)
    documents["train"] -= 1
    documents["val"] += 1


def load_split(project, split: str) -> np.memmap:
    """Open ``corpus/{split}.bin`` read-only as a memmap of the dtype in ``meta.json``."""
    meta = read_meta(project)
    path = Path(project.corpus_dir) / f"{split}.bin"
    if meta[f"{split}_tokens"] == 0:
        raise EncodingError(f"The {split} split of {project.root} is empty. Import more text and encode again.")
    return np.memmap(path, dtype=np.dtype(meta["dtype"]), mode="r")


def read_meta(project) -> dict:
    meta_path = Path(project.corpus_dir) / "meta.json"
    if not meta_path.is_file():
        raise EncodingError(f"{project.root} has no encoded corpus. Run 'workbench encode {project.root}' first.")
    return json.loads(meta_path.read_text(encoding="utf-8"))
