"""Tokenizer training with Hugging Face ``tokenizers``.

Kinds:

``char``
    One token per Unicode code point, the most frequent ``vocab_size`` characters of the
    corpus. A character outside the vocabulary becomes ``[UNK]``: it never raises and
    never disappears, and :func:`unknown_rate` counts it.
``bytebpe``
    Byte-level BPE (GPT-2 style), so every input is encodable and nothing is unknown.
    CJK ideographs are split into single characters before the byte-level step, because
    GPT-2's pre-tokenizer treats a whole Chinese clause (no spaces) as one word; BPE then
    learns each frequent character as one token and falls back to bytes for rare ones.
``cjkbpe``
    Character-level BPE whose pre-tokenizer cuts runs of CJK ideographs into pieces of at
    most ``max_token_length`` characters, so merges can learn multi-character Chinese
    words (我们, 北京) while no pre-token grows with the length of a clause. Spaces become
    ``▁`` (Metaspace) so decoding restores them. Characters never seen are ``[UNK]``.
``wordpiece``
    BERT-style WordPiece: white space and punctuation split words, every CJK ideograph is
    its own word, and continuation pieces start with ``##``. Decoding does not restore
    the original spacing exactly.
``unigram``
    SentencePiece-style Unigram language model over Metaspace pre-tokens, with CJK runs
    cut like ``cjkbpe``.

Every kind except ``char`` also cuts any run of more than :data:`LONG_RUN` non-space
characters into pieces, so a 50 MB line without spaces cannot make one giant pre-token
whose pair counts exhaust memory.
"""

from __future__ import annotations

import collections
import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

from .jobs import JobContext

log = logging.getLogger(__name__)

KINDS = ("char", "bytebpe", "cjkbpe", "wordpiece", "unigram")
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
# Ideographs only (no punctuation), for the CJK run cutter of ``cjkbpe`` and ``unigram``.
CJK_IDEOGRAPHS = r"[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{323AF}]"
# Maximum run of non-space characters that stays one pre-token.
LONG_RUN = 100
# Documents longer than this are fed to the trainer in pieces of this many characters.
TRAIN_PIECE_CHARS = 1_000_000

MIN_VOCAB = {"char": 4, "bytebpe": 256 + 3, "cjkbpe": 16, "wordpiece": 16, "unigram": 16}


class TokenizerError(Exception):
    """Tokenizer training was asked for something impossible (bad kind or size, no text)."""


@dataclass
class TokenizerSettings:
    """Tokenizer kind, vocabulary size and trainer limits."""

    kind: str = "bytebpe"
    vocab_size: int = 4000
    # A pair (BPE, WordPiece) or character (char) seen fewer times is not learnt;
    # Unigram has no such setting and ignores it.
    min_frequency: int = 0
    # Extra special tokens besides <|endoftext|>, <|pad|> and, for kinds with an unknown
    # token, [UNK]. They are never split and never merged.
    special_tokens: list[str] = field(default_factory=list)
    # Maximum token length in characters (BPE kinds and Unigram); also the CJK run length of
    # cjkbpe and unigram. None leaves the trainer's default.
    max_token_length: int | None = None

    def validate(self) -> None:
        if self.kind not in KINDS:
            raise TokenizerError(f"Unknown tokenizer kind {self.kind!r}; choose one of {', '.join(KINDS)}.")
        if self.vocab_size < MIN_VOCAB[self.kind]:
            raise TokenizerError(
                f"Vocabulary size {self.vocab_size} is too small for a {self.kind} tokenizer; "
                f"use at least {MIN_VOCAB[self.kind]}."
            )
        if self.vocab_size > 2**32 - 1:
            raise TokenizerError(f"Vocabulary size {self.vocab_size} is too large; use at most {2**32 - 1}.")
        if self.min_frequency < 0:
            raise TokenizerError(f"Minimum frequency {self.min_frequency} is invalid; use 0 or more.")
        if self.max_token_length is not None and self.max_token_length < 1:
            raise TokenizerError(f"Maximum token length {self.max_token_length} is invalid; use 1 or more.")
        seen = set()
        for token in self.special_tokens:
            if not token or token != token.strip():
                raise TokenizerError(
                    f"Special token {token!r} is invalid: it must be non-empty and must not start "
                    "or end with white space."
                )
            if token in seen or token in self.builtin_specials():
                raise TokenizerError(f"Special token {token!r} is listed twice; list each once.")
            seen.add(token)

    def builtin_specials(self) -> list[str]:
        return [EOT, PAD] if self.kind == "bytebpe" else [EOT, PAD, UNK]

    def all_specials(self) -> list[str]:
        return self.builtin_specials() + list(self.special_tokens)


def _long_run_cutter() -> pre_tokenizers.PreTokenizer:
    return pre_tokenizers.Split(Regex(rf"[^\s]{{{LONG_RUN}}}"), behavior="isolated")


def _cjk_run_cutter(length: int) -> pre_tokenizers.PreTokenizer:
    return pre_tokenizers.Split(Regex(f"{CJK_IDEOGRAPHS}{{1,{length}}}"), behavior="isolated")


def _untrained(settings: TokenizerSettings) -> tuple[Tokenizer, trainers.Trainer | None]:
    """Build the tokenizer pipeline and its trainer; ``char`` is trained by hand (trainer None)."""
    specials = settings.all_specials()
    common = {"vocab_size": settings.vocab_size, "special_tokens": specials, "show_progress": False}
    run_length = settings.max_token_length or 8
    kind = settings.kind
    if kind == "char":
        tokenizer = Tokenizer(models.WordLevel(vocab={UNK: 0}, unk_token=UNK))
        # Every code point its own piece; [\s\S] also matches newlines.
        tokenizer.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
        tokenizer.decoder = decoders.Fuse()
        return tokenizer, None
    if kind == "bytebpe":
        tokenizer = Tokenizer(models.BPE())
        tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
            [
                pre_tokenizers.Split(Regex(CJK_PATTERN), behavior="isolated"),
                _long_run_cutter(),
                pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
            ]
        )
        tokenizer.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(
            min_frequency=settings.min_frequency,
            initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
            max_token_length=settings.max_token_length,
            **common,
        )
        return tokenizer, trainer
    if kind == "cjkbpe":
        tokenizer = Tokenizer(models.BPE(unk_token=UNK))
        tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
            [
                pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="never", split=True),
                _cjk_run_cutter(run_length),
                pre_tokenizers.Punctuation(behavior="isolated"),
                _long_run_cutter(),
            ]
        )
        tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="never")
        trainer = trainers.BpeTrainer(
            min_frequency=settings.min_frequency, max_token_length=settings.max_token_length, **common
        )
        return tokenizer, trainer
    if kind == "wordpiece":
        tokenizer = Tokenizer(models.WordPiece(unk_token=UNK, max_input_chars_per_word=LONG_RUN))
        tokenizer.normalizer = normalizers.BertNormalizer(
            clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=False
        )
        tokenizer.pre_tokenizer = pre_tokenizers.Sequence([_long_run_cutter(), pre_tokenizers.BertPreTokenizer()])
        tokenizer.decoder = decoders.WordPiece(prefix="##")
        trainer = trainers.WordPieceTrainer(min_frequency=settings.min_frequency, continuing_subword_prefix="##", **common)
        return tokenizer, trainer
    tokenizer = Tokenizer(models.Unigram())
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="never", split=True),
            _cjk_run_cutter(run_length),
            _long_run_cutter(),
        ]
    )
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="never")
    trainer = trainers.UnigramTrainer(
        unk_token=UNK, max_piece_length=settings.max_token_length or 16, **common
    )
    return tokenizer, trainer


def check_loads_back(tokenizer: Tokenizer, settings: TokenizerSettings) -> None:
    """Raise :class:`TokenizerError` if ``tokenizer`` would not load back from its JSON."""
    try:
        Tokenizer.from_str(tokenizer.to_str())
    except Exception as exc:  # tokenizers raises plain Exception subclasses from Rust
        raise TokenizerError(
            f"A {settings.kind} tokenizer with these settings would not load back after saving "
            f"({exc}); change the special tokens or the maximum token length."
        ) from exc


def _pieces(texts: Iterable[str]) -> Iterator[str]:
    """Yield each text, cutting texts longer than TRAIN_PIECE_CHARS into pieces."""
    for text in texts:
        if len(text) <= TRAIN_PIECE_CHARS:
            yield text
        else:
            for start in range(0, len(text), TRAIN_PIECE_CHARS):
                yield text[start : start + TRAIN_PIECE_CHARS]


def _train_char(texts: Iterable[str], settings: TokenizerSettings, ctx: JobContext | None) -> Tokenizer:
    counts: collections.Counter[str] = collections.Counter()
    for i, text in enumerate(texts):
        counts.update(text)
        if ctx is not None and i % 1000 == 0:
            ctx.check_stop()
    if not counts:
        raise TokenizerError("The project has no text to train a tokenizer on. Import documents first.")
    specials = settings.all_specials()
    # Most frequent first; ties broken by code point so training is deterministic.
    chars = [c for c in counts if counts[c] >= settings.min_frequency and c not in specials]
    chars = sorted(chars, key=lambda c: (-counts[c], c))[: max(settings.vocab_size - len(specials), 1)]
    vocab = {token: i for i, token in enumerate(specials)}
    for c in sorted(chars):
        vocab[c] = len(vocab)
    tokenizer = Tokenizer(models.WordLevel(vocab=vocab, unk_token=UNK))
    tokenizer.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
    tokenizer.decoder = decoders.Fuse()
    tokenizer.add_special_tokens(specials)
    return tokenizer


def train_with_settings(
    texts: Iterable[str], settings: TokenizerSettings, ctx: JobContext | None = None
) -> Tokenizer:
    """Train a tokenizer described by ``settings`` on ``texts``.

    The untrained pipeline is serialised and parsed back first, so settings that would
    produce a tokenizer that cannot be loaded again are rejected before any training.
    """
    settings.validate()
    tokenizer, trainer = _untrained(settings)
    check_loads_back(tokenizer, settings)
    if trainer is None:
        tokenizer = _train_char(texts, settings, ctx)
    else:
        try:
            tokenizer.train_from_iterator(_pieces(texts), trainer=trainer)
        except Exception as exc:
            if "not large enough to contain all chars" in str(exc):
                raise TokenizerError(
                    f"A unigram vocabulary must hold every character of the corpus, and {settings.vocab_size} "
                    "tokens are too few for this one. Raise the vocabulary size, or choose cjkbpe or "
                    "bytebpe, which keep rare characters out of the vocabulary."
                ) from exc
            if type(exc).__module__.startswith("workbench"):
                raise
            raise TokenizerError(f"Training the {settings.kind} tokenizer failed: {exc}") from exc
        learned = tokenizer.get_vocab_size() - len(settings.all_specials())
        if learned <= (256 if settings.kind == "bytebpe" else 0):
            raise TokenizerError("The project has no text to train a tokenizer on. Import documents first.")
    check_loads_back(tokenizer, settings)
    log.info("Trained a %s tokenizer with %d tokens", settings.kind, tokenizer.get_vocab_size())
    return tokenizer


def train_tokenizer(
    texts: Iterable[str],
    kind: str,
    vocab_size: int,
    ctx: JobContext | None = None,
    *,
    min_frequency: int = 0,
    special_tokens: Iterable[str] = (),
    max_token_length: int | None = None,
) -> Tokenizer:
    """Train a tokenizer of ``kind`` with at most ``vocab_size`` tokens on ``texts``."""
    settings = TokenizerSettings(
        kind=kind, vocab_size=vocab_size, min_frequency=min_frequency,
        special_tokens=list(special_tokens), max_token_length=max_token_length,
    )
    return train_with_settings(texts, settings, ctx)


def save_tokenizer(project, tokenizer: Tokenizer, settings: TokenizerSettings, extra: dict | None = None) -> dict:
    """Save ``tokenizer`` as the project's tokenizer and remove the corpus encoded with the old one."""
    for name in ("meta.json", "train.bin", "val.bin", "test.bin"):
        (project.corpus_dir / name).unlink(missing_ok=True)
    project.tokenizer_dir.mkdir(parents=True, exist_ok=True)
    tmp = project.tokenizer_path.with_suffix(".json.tmp")
    tokenizer.save(str(tmp))
    try:
        Tokenizer.from_file(str(tmp))
    except Exception as exc:  # never replace a working tokenizer with one that cannot load
        tmp.unlink(missing_ok=True)
        raise TokenizerError(f"The trained tokenizer did not load back from {tmp} ({exc}); nothing was saved.") from exc
    tmp.replace(project.tokenizer_path)
    info = {
        "kind": settings.kind,
        "vocab_size": tokenizer.get_vocab_size(),
        "requested_vocab_size": settings.vocab_size,
        "settings": asdict(settings),
        **(extra or {}),
    }
    (project.tokenizer_dir / "info.json").write_text(json.dumps(info, indent=2, ensure_ascii=False), encoding="utf-8")
    return info


def train_project_tokenizer(project, kind: str, vocab_size: int, ctx: JobContext | None = None, **settings) -> dict:
    """Train on every document of ``project`` and save ``tokenizer/tokenizer.json``."""
    total = project.document_count()

    def texts() -> Iterator[str]:
        for i, (_, text) in enumerate(project.iter_texts()):
            if ctx is not None and i % 1000 == 0:
                ctx.check_stop()
                ctx.report(i, total, "Training tokenizer")
            yield text

    tokenizer_settings = TokenizerSettings(kind=kind, vocab_size=vocab_size, **settings)
    tokenizer = train_with_settings(texts(), tokenizer_settings, ctx)
    info = save_tokenizer(project, tokenizer, tokenizer_settings)
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
    return evaluate_tokenizer(tokenizer, texts)["unknown_rate"]


def evaluate_tokenizer(tokenizer: Tokenizer, texts: Iterable[str]) -> dict:
    """Return the unknown-token rate and the characters per token over ``texts``."""
    unk = tokenizer.token_to_id(UNK)
    total = unknown = characters = 0
    for text in texts:
        ids = tokenizer.encode(text).ids
        total += len(ids)
        characters += len(text)
        if unk is not None:
            unknown += sum(1 for i in ids if i == unk)
    return {
        "tokens": total,
        "characters": characters,
        "unknown_tokens": unknown,
        "unknown_rate": unknown / total if total else 0.0,
        "chars_per_token": characters / total if total else 0.0,
    }


def vocabulary(tokenizer: Tokenizer) -> list[tuple[int, str, str]]:
    """Return ``(id, token, readable text)`` for every token, in id order."""
    rows = []
    decoder = tokenizer.decoder
    for token, token_id in sorted(tokenizer.get_vocab().items(), key=lambda item: item[1]):
        readable = token
        if decoder is not None:
            try:
                readable = decoder.decode([token])
            except Exception:  # a lone byte of a multi-byte character has no readable form
                readable = token
        rows.append((token_id, token, readable))
    return rows


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
