"""Benchmark: tokenizer training through LM Workbench vs Hugging Face ``tokenizers`` directly.

Run: ``python tests/bench/bench_tokenizer_training.py [--quick] [--megabytes N] [--repeats N]``

Both sides train the same byte-level BPE (and CJK BPE) pipeline on the same texts: the
real Chinese poetry and Shakespeare corpora, repeated with numbered lines up to the
requested size. "Ours" is :func:`workbench.core.tokenizer.train_with_settings`, which adds
the settings check, the load-back checks before and after training, and the cutting of
long documents. The baseline builds the same tokenizer with the ``tokenizers`` API and
calls ``train_from_iterator``. Runs alternate in ABBA order, so neither side always runs
second, and the fastest run of each side is compared (the machine is shared, so slower
runs measure other load). Target: overhead under 10 %.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.real_data import DATA_DIR  # noqa: E402
from workbench.core.tokenizer import CJK_IDEOGRAPHS, CJK_PATTERN, EOT, LONG_RUN, PAD, UNK  # noqa: E402
from workbench.core.tokenizer import TokenizerSettings, train_with_settings  # noqa: E402

VOCAB_SIZE = 8000


def corpus(megabytes: float) -> list[str]:
    lines = []
    for name in ("chinese_poetry_sample.txt", "tinyshakespeare.txt"):
        lines += [line for line in (DATA_DIR / name).read_text(encoding="utf-8").split("\n") if line.strip()]
    texts, size, round_number = [], 0, 0
    while size < megabytes * 1_000_000:
        for line in lines:
            text = f"{line} {round_number}"
            texts.append(text)
            size += len(text.encode("utf-8"))
        round_number += 1
    return texts


def baseline(texts: list[str], kind: str) -> Tokenizer:
    long_runs = pre_tokenizers.Split(Regex(rf"[^\s]{{{LONG_RUN}}}"), behavior="isolated")
    if kind == "bytebpe":
        tokenizer = Tokenizer(models.BPE())
        tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(CJK_PATTERN), behavior="isolated"),
            long_runs,
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
        ])
        tokenizer.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(vocab_size=VOCAB_SIZE, min_frequency=2, special_tokens=[EOT, PAD],
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                      max_token_length=16, show_progress=False)
    else:
        tokenizer = Tokenizer(models.BPE(unk_token=UNK))
        tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="never", split=True),
            pre_tokenizers.Split(Regex(f"{CJK_IDEOGRAPHS}{{1,16}}"), behavior="isolated"),
            pre_tokenizers.Punctuation(behavior="isolated"),
            long_runs,
        ])
        tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="never")
        trainer = trainers.BpeTrainer(vocab_size=VOCAB_SIZE, min_frequency=2, special_tokens=[EOT, PAD, UNK],
                                      max_token_length=16, show_progress=False)
    tokenizer.train_from_iterator(texts, trainer=trainer)
    return tokenizer


def ours(texts: list[str], kind: str) -> Tokenizer:
    settings = TokenizerSettings(kind=kind, vocab_size=VOCAB_SIZE, min_frequency=2, max_token_length=16)
    return train_with_settings(texts, settings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 MB of text and 1 repeat (a smoke test)")
    parser.add_argument("--megabytes", type=float, default=20.0, help="corpus size in MB of UTF-8 (default 20)")
    parser.add_argument("--repeats", type=int, default=4, help="runs per side and kind (default 4)")
    args = parser.parse_args()
    megabytes, repeats = (2.0, 1) if args.quick else (args.megabytes, args.repeats)
    texts = corpus(megabytes)
    print(f"{len(texts):,} texts, {sum(len(t.encode('utf-8')) for t in texts) / 1e6:.1f} MB, vocabulary {VOCAB_SIZE}")
    worst = float("-inf")
    for kind in ("bytebpe", "cjkbpe"):
        times = {"baseline": [], "ours": []}
        vocab = {}
        for repeat in range(repeats):
            order = (("baseline", baseline), ("ours", ours))
            for side, function in order if repeat % 2 == 0 else order[::-1]:
                started = time.perf_counter()
                tokenizer = function(texts, kind)
                times[side].append(time.perf_counter() - started)
                vocab[side] = tokenizer.get_vocab_size()
        base, mine = min(times["baseline"]), min(times["ours"])
        overhead = mine / base - 1
        worst = max(worst, overhead)
        print(f"{kind:8} baseline {base:6.2f} s  ours {mine:6.2f} s  overhead {overhead:+.1%}  "
              f"(medians {statistics.median(times['baseline']):.2f} / {statistics.median(times['ours']):.2f} s)  "
              f"vocabulary {vocab['baseline']} / {vocab['ours']}")
    print(f"worst overhead {worst:+.1%} (target < 10 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
