"""Deduplication: exact keys, shingles for spaced and Chinese text, MinHash LSH clusters."""

from __future__ import annotations

import random

from workbench.core.preprocess.dedup import NearDuplicateIndex, exact_key, lsh_probability, shingles


def test_exact_key_ignores_whitespace_runs():
    assert exact_key("a  b\nc") == exact_key("a b c")
    assert exact_key("a b c") != exact_key("a b d")


def test_word_shingles_lowercase():
    assert sorted(shingles("The cat sat. The CAT", 2, 5)) == ["cat sat", "sat the", "the cat"]


def test_chinese_character_shingles_skip_punctuation():
    assert sorted(shingles("床前明月光，疑是", 5, 5)) == ["前明月光疑", "床前明月光", "明月光疑是"]


def test_short_text_is_one_shingle():
    assert shingles("hello world", 5, 5) == ["hello world"]
    assert shingles("。！", 5, 5) == []


def _document(rng: random.Random, words: list[str], length: int = 80) -> str:
    return " ".join(rng.choice(words) for _ in range(length))


def test_planted_near_duplicates_found():
    rng = random.Random(0)
    words = [f"w{i}" for i in range(2000)]
    originals = [_document(rng, words) for _ in range(200)]
    copies = []
    for text in originals[:50]:
        tokens = text.split()
        tokens[rng.randrange(len(tokens))] = "changed"
        copies.append(" ".join(tokens))
    index = NearDuplicateIndex(num_perm=128, bands=16, threshold=0.8, seed=1)
    texts = originals + copies

    results = index.add_batch(list(range(len(texts))), [shingles(t, 5, 5) for t in texts])

    assert results[:200] == [None] * 200
    found = {i: r[0] for i, r in enumerate(results[200:]) if r is not None}
    assert len(found) >= 45
    assert all(kept == i for i, kept in found.items())


def test_near_duplicate_names_its_original():
    base = "关关雎鸠在河之洲窈窕淑女君子好逑参差荇菜左右流之窈窕淑女寤寐求之求之不得寤寐思服悠哉悠哉辗转反侧"
    copy = base.replace("悠哉悠哉", "悠哉游哉")
    index = NearDuplicateIndex(num_perm=128, bands=32, threshold=0.7, seed=1)

    results = index.add_batch([10, 11, 12], [shingles(t, 5, 3) for t in (base, copy, "完全不同的另一首诗歌内容")])

    assert results[0] is None
    assert results[1][0] == 10
    assert results[1][1] >= 0.7
    assert results[2] is None


def test_lsh_probability_is_an_s_curve():
    assert lsh_probability(0.9, 16, 8) > 0.99
    assert lsh_probability(0.3, 16, 8) < 0.01
