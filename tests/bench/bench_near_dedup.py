"""Benchmark: near-duplicate detection through LM Workbench vs rensa called directly.

Run: ``python tests/bench/bench_near_dedup.py [--quick] [--documents N]``

The corpus is synthetic and made in memory: half English-like documents of 60 to 120
words drawn from Shakespeare's vocabulary, half Chinese documents of 60 to 150
characters drawn from the poetry corpus. One document in ten is a planted near
duplicate of an earlier one with a few words or characters changed (Jaccard similarity
of the shingle sets well above the 0.8 threshold).

"Ours" is :class:`workbench.core.preprocess.dedup.NearDuplicateIndex` with
:func:`~workbench.core.preprocess.dedup.shingles`, fed in batches of 1,000 as the
pipeline does. The baseline calls rensa directly: the same shingles (5-word or
5-character), ``RMinHash.from_token_sets``, then ``RMinHashLSH.query`` and ``insert``
per document, with no Jaccard confirmation. Prints documents per second for both, their
ratio (target at least 0.9) and the recall on the planted duplicates.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

import rensa

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.real_data import DATA_DIR  # noqa: E402
from workbench.core.preprocess.dedup import NearDuplicateIndex, shingles  # noqa: E402

NUM_PERM, BANDS, THRESHOLD, SEED = 128, 16, 0.8, 42
BATCH = 1000


def make_corpus(count: int, seed: int = 0) -> tuple[list[str], dict[int, int]]:
    rng = random.Random(seed)
    words = sorted(set(re.findall(r"[A-Za-z']+", (DATA_DIR / "tinyshakespeare.txt").read_text(encoding="utf-8"))))
    hanzi = sorted(set(re.findall(r"[\u4e00-\u9fff]", (DATA_DIR / "chinese_poetry_sample.txt").read_text(encoding="utf-8"))))
    texts: list[str] = []
    planted: dict[int, int] = {}
    for index in range(count):
        if index > 100 and rng.random() < 0.1:
            original = rng.randrange(index)
            while original in planted:
                original = rng.randrange(index)
            text = texts[original]
            if " " in text:
                tokens = text.split()
                tokens[rng.randrange(len(tokens))] = rng.choice(words)
                text = " ".join(tokens)
            else:
                position = rng.randrange(len(text))
                text = text[:position] + rng.choice(hanzi) + text[position + 1:]
            planted[index] = original
        elif rng.random() < 0.5:
            text = " ".join(rng.choice(words) for _ in range(rng.randint(60, 120)))
        else:
            text = "".join(rng.choice(hanzi) for _ in range(rng.randint(60, 150)))
        texts.append(text)
    return texts, planted


def run_ours(texts: list[str]) -> tuple[float, dict[int, int]]:
    started = time.perf_counter()
    index = NearDuplicateIndex(NUM_PERM, BANDS, THRESHOLD, SEED)
    found = {}
    for start in range(0, len(texts), BATCH):
        batch = texts[start:start + BATCH]
        keys = list(range(start, start + len(batch)))
        for key, match in zip(keys, index.add_batch(keys, [shingles(t, 5, 5) for t in batch])):
            if match is not None:
                found[key] = match[0]
    return time.perf_counter() - started, found


def direct_shingles(text: str) -> list[str]:
    if " " in text:
        words = re.findall(r"\w+", text.lower())
        return list({" ".join(words[i:i + 5]) for i in range(max(len(words) - 4, 1))})
    chars = re.sub(r"[\s\W]+", "", text)
    return list({chars[i:i + 5] for i in range(max(len(chars) - 4, 1))})


def run_direct(texts: list[str]) -> tuple[float, dict[int, int]]:
    started = time.perf_counter()
    lsh = rensa.RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=BANDS)
    found = {}
    for start in range(0, len(texts), BATCH):
        batch = texts[start:start + BATCH]
        minhashes = rensa.RMinHash.from_token_sets([direct_shingles(t) for t in batch], NUM_PERM, SEED)
        for key, minhash in zip(range(start, start + len(batch)), minhashes):
            candidates = lsh.query(minhash)
            if candidates:
                found[key] = min(candidates)
            else:
                lsh.insert(key, minhash)
    return time.perf_counter() - started, found


def recall(found: dict[int, int], planted: dict[int, int]) -> float:
    return sum(1 for key in planted if key in found) / len(planted) if planted else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 documents (a smoke test)")
    parser.add_argument("--documents", type=int, default=100_000, help="number of documents (default 100,000)")
    args = parser.parse_args()
    count = 10_000 if args.quick else args.documents
    texts, planted = make_corpus(count)
    print(f"{len(texts):,} documents, {len(planted):,} planted near duplicates; "
          f"{NUM_PERM} permutations, {BANDS} bands, threshold {THRESHOLD}")
    results = {}
    for side, function in (("direct", run_direct), ("ours", run_ours), ("direct", run_direct), ("ours", run_ours)):
        seconds, found = function(texts)
        results.setdefault(side, []).append((seconds, found))
    for side in ("direct", "ours"):
        seconds = min(s for s, _ in results[side])
        found = results[side][-1][1]
        false_positives = sum(1 for key in found if key not in planted)
        print(f"{side:6} {len(texts) / seconds:10,.0f} documents/s  recall {recall(found, planted):.3f}  "
              f"other documents flagged {false_positives}")
    ratio = min(s for s, _ in results["direct"]) / min(s for s, _ in results["ours"])
    print(f"throughput ours / direct: {ratio:.2f} (target ≥ 0.9)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
