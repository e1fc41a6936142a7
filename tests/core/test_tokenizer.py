"""Tokenizer training: char and byte-level BPE on Chinese, English and emoji."""

from __future__ import annotations

import json
import re

import pytest

from workbench.core.importing import import_files
from workbench.core.project import create_project
from workbench.core.tokenizer import (
    EOT,
    PAD,
    UNK,
    TokenizerError,
    load_tokenizer,
    token_labels,
    train_project_tokenizer,
    train_tokenizer,
    unknown_rate,
)

CHAR_CORPUS = ["我住在北京。", "hello world", "🙂 ok"]

# Repeated clauses without spaces: GPT-2's pre-tokenizer alone would let BPE merge
# them into whole-clause tokens.
BPE_CORPUS = ["我住在北京。我住在北京。北京很大。", "hello world, hello there 🙂"] * 50

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def char_tokenizer():
    return train_tokenizer(CHAR_CORPUS, "char", 100)


@pytest.fixture(scope="module")
def bpe_tokenizer():
    return train_tokenizer(BPE_CORPUS, "bytebpe", 400)


def test_char_tokens_and_offsets(char_tokenizer):
    encoding = char_tokenizer.encode("我在🙂o")

    assert encoding.tokens == ["我", "在", "🙂", "o"]
    assert encoding.offsets == [(0, 1), (1, 2), (2, 3), (3, 4)]


def test_char_emoji_is_one_token(char_tokenizer):
    text = "🙂🙂"

    encoding = char_tokenizer.encode(text)

    assert len(text) == 2
    assert encoding.tokens == ["🙂", "🙂"]
    assert UNK not in encoding.tokens


def test_char_space_and_newline(char_tokenizer):
    encoding = char_tokenizer.encode("ok o\no")

    assert encoding.tokens == ["o", "k", " ", "o", UNK, "o"]


def test_char_unseen_becomes_unk(char_tokenizer):
    text = "我爱北京"

    encoding = char_tokenizer.encode(text)

    assert len(encoding.ids) == len(text)
    assert encoding.tokens == ["我", UNK, "北", "京"]
    assert encoding.offsets[1] == (1, 2)


def test_char_unknown_rate_counts_unk(char_tokenizer):
    assert unknown_rate(char_tokenizer, ["我a"]) == 0.5
    assert unknown_rate(char_tokenizer, ["我住", "ok"]) == 0.0
    assert unknown_rate(char_tokenizer, ["xyz", "我"]) == 0.75


def test_char_specials_come_first(char_tokenizer):
    assert char_tokenizer.token_to_id(EOT) == 0
    assert char_tokenizer.token_to_id(PAD) == 1
    assert char_tokenizer.token_to_id(UNK) == 2


def test_char_keeps_most_frequent():
    # Three specials leave room for 2 characters: the two most frequent.
    tokenizer = train_tokenizer(["aaaabbbc", "ab"], "char", 5)

    assert tokenizer.get_vocab_size() == 5
    assert tokenizer.encode("abc").tokens == ["a", "b", UNK]


def test_char_decode_round_trip(char_tokenizer):
    text = "我住 ok 🙂"

    decoded = char_tokenizer.decode(char_tokenizer.encode(text).ids)

    assert decoded == text


def test_token_labels_show_whitespace(char_tokenizer):
    ids, labels = token_labels(char_tokenizer, "o o")

    assert len(ids) == 3
    assert labels == ["o", "␣", "o"]


def test_bpe_token_covers_one_cjk_char(bpe_tokenizer):
    text = "我住在北京。北京很大。"

    encoding = bpe_tokenizer.encode(text)

    for token, (start, end) in zip(encoding.tokens, encoding.offsets):
        covered = text[start:end]
        assert len(CJK.findall(covered)) <= 1, (token, covered)


def test_bpe_frequent_cjk_char_is_one_token(bpe_tokenizer):
    text = "我住在北京"

    encoding = bpe_tokenizer.encode(text)

    assert len(encoding.ids) == 5
    assert encoding.offsets == [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]


def test_bpe_merges_english_words(bpe_tokenizer):
    encoding = bpe_tokenizer.encode("hello")

    assert len(encoding.ids) == 1


@pytest.mark.parametrize(
    "text",
    ["Hello, 世界! 🙂 我住在北京。\nnew  line", "unseen 字符 👩‍👩‍👧 \t tab", "   ", "é"],
    ids=["mixed", "unseen", "spaces", "accent"],
)
def test_bpe_decode_round_trip(bpe_tokenizer, text):
    ids = bpe_tokenizer.encode(text).ids

    assert bpe_tokenizer.decode(ids) == text


def test_bpe_has_no_unk(bpe_tokenizer):
    assert bpe_tokenizer.token_to_id(UNK) is None
    assert unknown_rate(bpe_tokenizer, ["完全没见过的字 👩‍🚀"]) == 0.0


def test_bpe_specials_exist(bpe_tokenizer):
    assert bpe_tokenizer.token_to_id(EOT) is not None
    assert bpe_tokenizer.token_to_id(PAD) is not None


@pytest.mark.parametrize(("kind", "size"), [("char", 3), ("bytebpe", 258)])
def test_too_small_vocab_raises(kind, size):
    with pytest.raises(TokenizerError) as info:
        train_tokenizer(CHAR_CORPUS, kind, size)

    assert f"Vocabulary size {size} is too small" in str(info.value)


def test_unknown_kind_raises():
    with pytest.raises(TokenizerError) as info:
        train_tokenizer(CHAR_CORPUS, "sentencepiece", 100)

    assert "'sentencepiece'" in str(info.value)


@pytest.mark.parametrize(("kind", "size"), [("char", 100), ("bytebpe", 300)])
def test_empty_project_raises(tmp_path, kind, size):
    project = create_project(tmp_path / "p")

    with pytest.raises(TokenizerError) as info:
        train_project_tokenizer(project, kind, size)

    assert "no text" in str(info.value)
    assert not project.tokenizer_path.exists()


def test_project_tokenizer_saved(tmp_path, write_text):
    project = create_project(tmp_path / "p")
    import_files(project, [write_text(tmp_path / "a.txt", "我住在北京。\nhello 🙂\n")])

    info = train_project_tokenizer(project, "char", 100)

    saved = json.loads((project.tokenizer_dir / "info.json").read_text(encoding="utf-8"))
    assert info["kind"] == "char"
    assert info["vocab_size"] == 3 + len(set("我住在北京。hello 🙂"))
    assert info["requested_vocab_size"] == 100
    assert saved == info
    assert load_tokenizer(project.tokenizer_path).encode("北京").tokens == ["北", "京"]


def test_load_missing_tokenizer_raises(tmp_path):
    with pytest.raises(TokenizerError) as info:
        load_tokenizer(tmp_path / "tokenizer.json")

    assert str(tmp_path / "tokenizer.json") in str(info.value)
