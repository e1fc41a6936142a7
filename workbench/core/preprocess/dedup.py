"""Exact and near-duplicate detection.

Exact duplicates share a BLAKE2b hash of their text with white space collapsed.
Near duplicates are found with MinHash and banded LSH from rensa (a Rust library);
:class:`NearDuplicateIndex` is the only code that touches it, so another MinHash library
could replace it behind the same three methods. LSH candidates are confirmed with the
estimated Jaccard similarity of their MinHash signatures before a document is dropped.

The first document of a cluster (lowest id) is kept; every later member names it.
"""

from __future__ import annotations

import hashlib
import re

import rensa

from .quality import CJK_CHAR

WORD_RE = re.compile(r"\w+")
# Characters kept for CJK character shingles: everything but white space and punctuation.
CJK_SHINGLE_DROP = re.compile(r"[\s\W]+")
# Text with fewer spaces than this per character is unspaced (Chinese, Japanese, Thai):
# English prose has about one space per six characters.
MIN_SPACE_RATIO = 0.05
# Shingles come from at most this many characters of a document.
# NOTE: two very long documents that differ only after this point count as near duplicates.
MAX_SHINGLE_CHARS = 1_000_000


def exact_key(text: str) -> bytes:
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=16).digest()


def shingles(text: str, word_size: int, char_size: int) -> list[str]:
    """Return the distinct shingles of ``text``.

    Spaced text: lower-cased word n-grams of ``word_size`` words. Unspaced text such as
    Chinese (fewer than MIN_SPACE_RATIO spaces per character): character n-grams of
    ``char_size`` characters with white space and punctuation removed. A text shorter than
    one shingle is a single shingle; a text with no word characters has none.
    """
    text = text[:MAX_SHINGLE_CHARS]
    sample = text[:4000]
    if sample.count(" ") < MIN_SPACE_RATIO * len(sample):
        chars = CJK_SHINGLE_DROP.sub("", text)
        if not chars:
            return []
        if len(chars) <= char_size:
            return [chars]
        return list({chars[i : i + char_size] for i in range(len(chars) - char_size + 1)})
    words = WORD_RE.findall(text.lower())
    if not words:
        return []
    if len(words) <= word_size:
        return [" ".join(words)]
    return list({" ".join(words[i : i + word_size]) for i in range(len(words) - word_size + 1)})


class NearDuplicateIndex:
    """MinHash signatures of the documents kept so far, in an LSH index of ``bands`` × ``rows``."""

    def __init__(self, num_perm: int, bands: int, threshold: float, seed: int):
        if num_perm % bands:
            raise ValueError(f"num_perm {num_perm} is not a multiple of bands {bands}.")
        self.num_perm = num_perm
        self.seed = seed
        self.threshold = threshold
        self.lsh = rensa.RMinHashLSH(threshold=threshold, num_perm=num_perm, num_bands=bands)
        self.signatures: dict[int, rensa.RMinHash] = {}

    def add_batch(self, keys: list[int], shingle_sets: list[list[str]]) -> list[tuple[int, float] | None]:
        """Check each document against those kept before it (including earlier ones in this batch).

        Returns, per document, ``(kept key, estimated Jaccard similarity)`` for a near
        duplicate, or None when the document is new; new documents join the index.
        """
        minhashes = rensa.RMinHash.from_token_sets(shingle_sets, self.num_perm, self.seed)
        results: list[tuple[int, float] | None] = []
        for key, tokens, minhash in zip(keys, shingle_sets, minhashes):
            if not tokens:
                results.append(None)
                continue
            match = None
            for candidate in sorted(self.lsh.query(minhash)):
                similarity = minhash.jaccard(self.signatures[candidate])
                if similarity >= self.threshold:
                    match = (candidate, similarity)
                    break
            if match is None:
                self.lsh.insert(key, minhash)
                self.signatures[key] = minhash
            results.append(match)
        return results


def lsh_probability(similarity: float, bands: int, rows: int) -> float:
    """Return the probability that two documents of Jaccard ``similarity`` share an LSH bucket."""
    return 1.0 - (1.0 - similarity**rows) ** bands


__all__ = ["CJK_CHAR", "NearDuplicateIndex", "exact_key", "lsh_probability", "shingles"]
