"""Tokenizer kinds beyond char and byte-level BPE, special tokens and settings checks."""

from __future__ import annotations

import pytest

from tests.real_data import DATA_DIR
from workbench.core.tokenizer import (
    EOT,
    UNK,
    TokenizerError,
    TokenizerSettings,
    evaluate_tokenizer,
    train_tokenizer,
    train_with_settings,
    vocabulary,
)


@pytest.fixture(scope="module")
def poems() -> list[str]:
    text = (DATA_DIR / "chinese_poetry_sample.txt").read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line.strip()][:4000]


@pytest.fixture(scope="module")
def mixed(poems) -> list[str]:
    english = (DATA_DIR / "tinyshakespeare.txt").read_text(encoding="utf-8").split("\n\n")[:1500]
    return poems + english


@pytest.fixture(scope="module")
def trained(mixed):
    return {kind: train_tokenizer(mixed, kind, 6000, min_frequency=2, max_token_length=6)
            for kind in ("bytebpe", "cjkbpe", "wordpiece", "unigram", "char")}


SAMPLES = ["床前明月光，疑是地上霜。", "First Citizen:\nBefore we proceed any further, hear me speak.",
           "Mixed 中文 and English，明月！", "  two  spaces  "]


@pytest.mark.parametrize("kind", ["bytebpe", "cjkbpe", "unigram", "char"])
@pytest.mark.parametrize("text", SAMPLES, ids=["poem", "english", "mixed", "spaces"])
def test_decode_round_trip(trained, kind, text):
    tokenizer = trained[kind]

    assert tokenizer.decode(tokenizer.encode(text).ids) == text


def test_wordpiece_decodes_words(trained):
    tokenizer = trained["wordpiece"]

    decoded = tokenizer.decode(tokenizer.encode("Before we proceed any further").ids)

    assert decoded == "Before we proceed any further"


def test_cjkbpe_learns_multi_character_words(trained):
    tokens = [token for token in trained["cjkbpe"].get_vocab() if len(token) >= 2
              and all("\u4e00" <= c <= "\u9fff" for c in token)]

    assert len(tokens) > 100
    assert all(len(token) <= 6 for token in tokens)


def test_bytebpe_keeps_one_character_per_cjk_token(trained):
    encoding = trained["bytebpe"].encode("窈窕淑女，君子好逑。")

    assert all(end - start <= 1 for start, end in encoding.offsets)


@pytest.mark.parametrize("kind", ["bytebpe", "cjkbpe", "wordpiece", "unigram", "char"])
def test_every_kind_has_end_of_text(trained, kind):
    assert trained[kind].token_to_id(EOT) is not None
    assert trained[kind].get_vocab_size() <= 6000


def test_compression_and_unknown_rate(trained, poems):
    validation = poems[-200:]

    cjk = evaluate_tokenizer(trained["cjkbpe"], validation)
    byte = evaluate_tokenizer(trained["bytebpe"], validation)

    assert cjk["chars_per_token"] > byte["chars_per_token"]
    assert byte["unknown_rate"] == 0.0
    assert 0.0 <= cjk["unknown_rate"] < 0.05


def test_unknown_characters_counted(trained):
    result = evaluate_tokenizer(trained["cjkbpe"], ["龘靐齉"])

    assert result["unknown_tokens"] >= 1
    assert UNK in trained["cjkbpe"].encode("龘").tokens


def test_special_tokens_never_split(mixed):
    tokenizer = train_tokenizer(mixed[:500], "cjkbpe", 500, special_tokens=["<|user|>"])

    assert tokenizer.encode("<|user|>床前").tokens[0] == "<|user|>"


@pytest.mark.parametrize(
    ("special", "message"),
    [(" <pad>", "must not start or end with white space"), ("", "must be non-empty"),
     (EOT, "listed twice")],
)
def test_bad_special_tokens_rejected_before_training(special, message):
    def texts():
        raise AssertionError("training started")
        yield ""

    with pytest.raises(TokenizerError) as info:
        train_with_settings(texts(), TokenizerSettings(kind="cjkbpe", vocab_size=100, special_tokens=[special]))

    assert message in str(info.value)


def test_unigram_too_small_for_alphabet(poems):
    with pytest.raises(TokenizerError) as info:
        train_tokenizer(poems, "unigram", 100)

    assert "must hold every character" in str(info.value)


def test_vocabulary_is_readable(trained):
    rows = vocabulary(trained["bytebpe"])
    readable = {text for _, _, text in rows}

    assert rows[0][0] == 0
    assert " the" in readable or "the" in readable
