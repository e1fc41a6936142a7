"""Tokenizer training with Hugging Face ``tokenizers``.

Two kinds:

``char``
    One token per Unicode code point, the most frequent ``vocab_size`` characters of the
    corpus. A character outside the vocabulary becomes ``[UNK]``: it never raises and
    never disappears, and :func:`unknown_rate` counts it.
``bytebpe``
    Byte-level BPE (GPT-2 style), so every input is encodable and nothing is unknown.
    CJK ideographs are split into single characters before the byte-level step, because
    GPT-2's pre-tokenizer treats a whole Chinese clause (no spaces) as one word; BPE then
    learns each frequent character as one token and falls back to bytes for rare ones.
"""

from __future__ import annotations

import collections
import json
import logging
from pathlib import Path
from typing import Iterable, Iterator

from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers

from .jobs import JobContext

log = logging.getLogger(__name__)

KINDS = ("char", "bytebpe")
EOT = "<|endoftext|>"
PAD = "<|pad|>"
UNK = "[UNK]"

# CJK Unified Ideographs with Extension A and the supplementary-plane extensions, the
# compatibility ideographs, and CJK symbols and punctuation (U+3000-U+303F) and
# full-width forms (U+FF00-U+FFEF).
CJK_PATTERN = (
    r"[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{323AF}"
    r"\x{3000}-\x{303F}\x{FF00}-\x{FFEF}]"
)

MIN_VOCAB = {"char": 4, "bytebpe": 256 + 3}


class TokenizerError(Exception):
    """Tokenizer training was asked for something impossible (bad kind or size, no text)."""


def _char_tokenizer(texts: Iterable[str], vocab_size: int, ctx: JobContext | None) -> Tokenizer:
    counts: collections.Counter[str] = collections.Counter()
    for i, text in enumerate(texts):
        counts.update(text)
        if ctx is not None and i % 1000 == 0:
            ctx.check_stop()
    if not counts:
        raise TokenizerError("The project has no text to train a tokenizer on. Import documents first.")
    specials = [EOT, PAD, UNK]
    # Most frequent first; ties broken by code point so training is deterministic.
    chars = sorted(counts, key=lambda c: (-counts[c], c))[: max(vocab_size - len(specials), 1)]
    vocab = {token: i for i, token in enumerate(specials)}
    for c in sorted(chars):
        vocab[c] = len(vocab)
    tokenizer = Tokenizer(models.WordLevel(vocab=vocab, unk_token=UNK))
    # Every code point its own piece; [\s\S] also matches newlines.
    tokenizer.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
    tokenizer.decoder = decoders.Fuse()
    return tokenizer


def _bytebpe_tokenizer(texts: Iterable[str], vocab_size: int) -> Tokenizer:
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Split(Regex(CJK_PATTERN), behavior="isolated"),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
        ]
    )
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=[EOT, PAD],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(texts, trainer=trainer)
    return tokenizer


def train_tokenizer(
    texts: Iterable[str], kind: str, vocab_size: int, ctx: JobContext | None = None
) -> Tokenizer:
    """Train a tokenizer of ``kind`` with at most ``vocab_size`` tokens on ``texts``."""
    if kind not in KINDS:
        raise TokenizerError(f"Unknown tokenizer kind {kind!r}; choose one of {', '.join(KINDS)}.")
    if vocab_size < MIN_VOCAB[kind]:
        raise TokenizerError(
            f"Vocabulary size {vocab_size} is too small for a {kind} tokenizer; "
            f"use at least {MIN_VOCAB[kind]}."
        )
    if vocab_size > 2**32 - 1:
        raise TokenizerError(f"Vocabulary size {vocab_size} is too large; use at most {2**32 - 1}.")
    if kind == "char":
        tokenizer = _char_tokenizer(texts, vocab_size, ctx)
    else:
        tokenizer = _bytebpe_tokenizer(texts, vocab_size)
        if tokenizer.get_vocab_size() <= 258:
            raise TokenizerError("The project has no text to train a tokenizer on. Import documents first.")
    log.info("Trained a %s tokenizer with %d tokens", kind, tokenizer.get_vocab_size())
    return tokenizer


def train_project_tokenizer(project, kind: str, vocab_size: int, ctx: JobContext | None = None) -> dict:
    """Train on every document of ``project`` and save ``tokenizer/tokenizer.json``."""
    total = project.document_count()

    def texts() -> Iterator[str]:
        for i, (_, text) in enumerate(project.iter_texts()):
            if ctx is not None and i % 1000 == 0:
                ctx.check_stop()
                ctx.report(i, total, "Training tokenizer")
            yield text

    tokenizer = train_tokenizer(texts(), kind, vocab_size, ctx)
    # The encoded corpus contains ids of the old tokenizer: remove it so nothing trains on it.
    for name in ("meta.json", "train.bin", "val.bin"):
        (project.corpus_dir / name).unlink(missing_ok=True)
    project.tokenizer_dir.mkdir(parents=True, exist_ok=True)
    tokenizer.save(str(project.tokenizer_path))
    info = {"kind": kind, "vocab_size": tokenizer.get_vocab_size(), "requested_vocab_size": vocab_size}
    (project.tokenizer_dir / "info.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    if ctx is not None:
        ctx.report(total, total, "Tokenizer saved")
    return info


def load_tokenizer(path: Path | str) -> Tokenizer:
    path = Path(path)
    if not path.is_file():
        raise TokenizerError(f"Tokenizer {path} not found. Train one first ('workbench tokenizer DIR').")
    return Tokenizer.from_file(str(path))


def tokenizer_kind(path: Path | str) -> str:
    info = Path(path).parent / "info.json"
    if info.is_file():
        return json.loads(info.read_text(encoding="utf-8")).get("kind", "")
    return ""


def special_id(tokenizer: Tokenizer, token: str) -> int | None:
    return tokenizer.token_to_id(token)


def unknown_rate(tokenizer: Tokenizer, texts: Iterable[str]) -> float:
    """Return the share of tokens that are ``[UNK]`` over ``texts`` (0.0 for byte-level BPE)."""
    unk = tokenizer.token_to_id(UNK)
    if unk is None:
        return 0.0
    total = unknown = 0
    for text in texts:
        ids = tokenizer.encode(text).ids
        total += len(ids)
        unknown += sum(1 for i in ids if i == unk)
    return unknown / total if total else 0.0


def token_labels(tokenizer: Tokenizer, text: str) -> tuple[list[int], list[str]]:
    """Encode ``text``; return ids and a readable label per token (the text it covers)."""
    encoding = tokenizer.encode(text)
    labels = []
    for token, (start, end) in zip(encoding.tokens, encoding.offsets):
        piece = text[start:end]
        if not piece:
            piece = token
        labels.append(piece.replace("\n", "⏎").replace(" ", "␣") if piece.strip() == "" else piece)
    return encoding.ids, labels
