"""Encoding documents into train.bin and val.bin."""

from __future__ import annotations

import json

import numpy as np
import pytest

from workbench.core.encoding import (
    EncodingError,
    dtype_for_vocab,
    encode_project,
    load_split,
    read_meta,
    split_of,
)
from workbench.core.importing import import_files
from workbench.core.project import create_project
from workbench.core.tokenizer import load_tokenizer, train_project_tokenizer


def corpus_bytes(project) -> dict[str, bytes]:
    names = ("train.bin", "val.bin", "meta.json")
    return {name: (project.corpus_dir / name).read_bytes() for name in names}


def split_documents(array: np.ndarray, eot: int) -> list[list[int]]:
    """Cut a flat id array after each end-of-text id."""
    documents, current = [], []
    for token in array.tolist():
        current.append(token)
        if token == eot:
            documents.append(current)
            current = []
    assert current == [], "the array does not end with the end-of-text id"
    return documents


@pytest.fixture
def numbered_project(tmp_path, build_project, mixed_lines):
    """40 distinct documents, each a mixed line with its number."""
    lines = [f"{i}: {mixed_lines[i % len(mixed_lines)]}" for i in range(40)]
    return build_project(tmp_path, lines, encode=False)


def test_dtype_for_vocab_limits():
    assert dtype_for_vocab(300) == np.uint16
    assert dtype_for_vocab(65536) == np.uint16
    assert dtype_for_vocab(65537) == np.uint32


def test_small_vocab_writes_uint16(numbered_project):
    meta = encode_project(numbered_project, val_fraction=0.2, seed=0)

    train_size = (numbered_project.corpus_dir / "train.bin").stat().st_size
    assert meta["dtype"] == "uint16"
    assert train_size == meta["train_tokens"] * 2
    assert load_split(numbered_project, "train").dtype == np.uint16


def test_same_seed_same_bytes(numbered_project):
    encode_project(numbered_project, val_fraction=0.2, seed=7)
    first = corpus_bytes(numbered_project)

    encode_project(numbered_project, val_fraction=0.2, seed=7)

    assert corpus_bytes(numbered_project) == first


def test_other_seed_other_split(numbered_project):
    meta_a = encode_project(numbered_project, val_fraction=0.2, seed=0)
    val_a = corpus_bytes(numbered_project)["val.bin"]

    meta_b = encode_project(numbered_project, val_fraction=0.2, seed=1)
    val_b = corpus_bytes(numbered_project)["val.bin"]

    ids = numbered_project.document_ids()
    assert [split_of(i, 0.2, 0) for i in ids] != [split_of(i, 0.2, 1) for i in ids]
    assert val_a != val_b
    assert meta_a["train_tokens"] + meta_a["val_tokens"] == meta_b["train_tokens"] + meta_b["val_tokens"]


def test_split_follows_document_hash(numbered_project):
    meta = encode_project(numbered_project, val_fraction=0.2, seed=0)

    ids = numbered_project.document_ids()
    expected_val = sum(1 for i in ids if split_of(i, 0.2, 0) == "val")
    assert meta["val_documents"] == expected_val
    assert meta["train_documents"] == len(ids) - expected_val


def test_every_document_ends_with_eot(numbered_project):
    meta = encode_project(numbered_project, val_fraction=0.2, seed=0)
    tokenizer = load_tokenizer(numbered_project.tokenizer_path)
    eot = meta["eot_id"]

    decoded = {}
    for split in ("train", "val"):
        documents = split_documents(np.asarray(load_split(numbered_project, split)), eot)
        assert len(documents) == meta[f"{split}_documents"]
        decoded[split] = sorted(tokenizer.decode(doc[:-1]) for doc in documents)

    expected = {"train": [], "val": []}
    for doc_id, text in numbered_project.iter_texts():
        expected[split_of(doc_id, 0.2, 0)].append(text)
    assert decoded["train"] == sorted(expected["train"])
    assert decoded["val"] == sorted(expected["val"])


def test_token_counts_match_encodings(numbered_project):
    meta = encode_project(numbered_project, val_fraction=0.2, seed=0)
    tokenizer = load_tokenizer(numbered_project.tokenizer_path)

    # Each document contributes its ids plus one end-of-text id.
    expected = sum(len(tokenizer.encode(text).ids) + 1 for _, text in numbered_project.iter_texts())

    assert meta["train_tokens"] + meta["val_tokens"] == expected
    assert len(load_split(numbered_project, "train")) == meta["train_tokens"]
    assert len(load_split(numbered_project, "val")) == meta["val_tokens"]


def test_meta_file_matches_result(numbered_project):
    meta = encode_project(numbered_project, val_fraction=0.2, seed=3)

    assert read_meta(numbered_project) == meta
    assert json.loads((numbered_project.corpus_dir / "meta.json").read_text(encoding="utf-8"))["seed"] == 3


def test_tiny_corpus_gets_val_split(tmp_path, write_text):
    project = create_project(tmp_path / "p")
    import_files(project, [write_text(tmp_path / "a.txt", "first document\nsecond one\n")])
    train_project_tokenizer(project, "char", 100)
    # The precondition: at this fraction and seed the hash sends both documents to training.
    assert [split_of(i, 0.01, 0) for i in project.document_ids()] == ["train", "train"]

    meta = encode_project(project, val_fraction=0.01, seed=0)

    tokenizer = load_tokenizer(project.tokenizer_path)
    expected_val = tokenizer.encode("second one").ids + [meta["eot_id"]]
    assert meta["val_documents"] == 1
    assert meta["train_documents"] == 1
    assert load_split(project, "val").tolist() == expected_val
    assert meta["train_tokens"] == len("first document") + 1


@pytest.mark.parametrize("lines", [[], ["only one"]], ids=["none", "one"])
def test_fewer_than_two_documents_raises(tmp_path, write_text, lines):
    project = create_project(tmp_path / "p")
    import_files(project, [write_text(tmp_path / "seed.txt", "seed text\n")])
    train_project_tokenizer(project, "char", 100)
    project.db().execute("DELETE FROM documents")
    if lines:
        import_files(project, [write_text(tmp_path / "a.txt", "\n".join(lines) + "\n")])

    with pytest.raises(EncodingError) as info:
        encode_project(project)

    assert f"has {len(lines)} document(s)" in str(info.value)
    assert not (project.corpus_dir / "meta.json").exists()


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1])
def test_bad_val_fraction_raises(numbered_project, fraction):
    with pytest.raises(EncodingError) as info:
        encode_project(numbered_project, val_fraction=fraction)

    assert str(fraction) in str(info.value)


def test_missing_corpus_raises(numbered_project):
    with pytest.raises(EncodingError) as info:
        read_meta(numbered_project)

    assert "no encoded corpus" in str(info.value)
