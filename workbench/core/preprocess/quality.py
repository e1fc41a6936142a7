"""Heuristic quality rules of the Gopher (Rae et al. 2021), C4 and FineWeb kind.

Those rules count space-separated words and look for ASCII punctuation, so they drop
Chinese text wholesale. Here a text is "CJK" when at least :data:`CJK_TEXT_RATIO` of
its non-space characters are CJK ideographs; then every ideograph is one word, n-grams
are counted in characters, the mean-word-length rule does not apply, and CJK sentence
punctuation (。！？；… and closing quotes) ends a line as well as ASCII punctuation.
"""

from __future__ import annotations

import collections
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

CJK_CHAR = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
CJK_RE = re.compile(f"[{CJK_CHAR}]")
CJK_WORD_RE = re.compile(f"[{CJK_CHAR}]|[^\\s{CJK_CHAR}]+")
CJK_TEXT_RATIO = 0.3

# Characters that end a sentence, ASCII and CJK, with closing quotes and brackets.
TERMINAL_PUNCTUATION = frozenset(".!?\"'”’»)]}:;。！？；：…」』】》〉）〕〗〙〛．｡")
BULLETS = ("•", "-", "*", "·", "●", "○", "■", "□", "►", "▪", "‣", "⁃", "・", "◆", "◇", "※")
ELLIPSES = ("...", "…", "。。。")

# Quality signals are computed on at most this many characters of a document, so one
# 50 MB line costs as much as a 200,000-character document.
# NOTE: a document longer than this is judged by its beginning only.
MAX_QUALITY_CHARS = 200_000


@dataclass
class Rule:
    name: str
    signal: str
    setting: str
    keep_if: str  # "<=" or ">="
    description: str


RULES = [
    Rule("mean_word_length_low", "mean_word_length", "min_mean_word_length", ">=",
         "mean word length in characters (spaced text only)"),
    Rule("mean_word_length_high", "mean_word_length", "max_mean_word_length", "<=",
         "mean word length in characters (spaced text only)"),
    Rule("symbol_ratio", "symbol_ratio", "max_symbol_ratio", "<=",
         "'#' and ellipses per word"),
    Rule("punctuation_lines", "punctuation_line_ratio", "min_punctuation_line_ratio", ">=",
         "share of lines ending in sentence punctuation (ASCII or CJK)"),
    Rule("duplicate_lines", "duplicate_line_ratio", "max_duplicate_line_ratio", "<=",
         "share of lines that repeat an earlier line"),
    Rule("duplicate_line_chars", "duplicate_line_char_ratio", "max_duplicate_line_char_ratio", "<=",
         "share of characters in repeated lines"),
    Rule("top_ngram", "top_ngram_ratio", "max_top_ngram_ratio", "<=",
         "share of characters covered by the most frequent 2-, 3- or 4-gram"),
    Rule("duplicate_ngrams", "duplicate_ngram_ratio", "max_duplicate_ngram_ratio", "<=",
         "share of characters in 5-word (10-character for CJK) n-grams seen before"),
    Rule("bullet_lines", "bullet_line_ratio", "max_bullet_line_ratio", "<=",
         "share of lines starting with a bullet"),
    Rule("ellipsis_lines", "ellipsis_line_ratio", "max_ellipsis_line_ratio", "<=",
         "share of lines ending in an ellipsis"),
    Rule("alphabetic_words", "alphabetic_word_ratio", "min_alphabetic_word_ratio", ">=",
         "share of words containing a letter or ideograph"),
]


# Whether a text is CJK is decided on its first characters.
CJK_SAMPLE_CHARS = 4000
SPACE_CHARS = "\t\n\x0b\x0c\r \x85\xa0\u2028\u2029\u3000"


def is_cjk_text(text: str) -> bool:
    """Return whether CJK ideographs make up at least CJK_TEXT_RATIO of the non-space characters."""
    sample = text[:CJK_SAMPLE_CHARS]
    if not CJK_RE.search(sample):
        return False
    # Counting with numpy over UTF-32 code points is several times faster than regex findall.
    codes = np.frombuffer(sample.encode("utf-32-le"), dtype=np.uint32)
    cjk = (
        ((codes >= 0x4E00) & (codes <= 0x9FFF))
        | ((codes >= 0x3400) & (codes <= 0x4DBF))
        | ((codes >= 0xF900) & (codes <= 0xFAFF))
        | ((codes >= 0x20000) & (codes <= 0x323AF))
    )
    non_space = len(sample) - sum(sample.count(c) for c in SPACE_CHARS)
    return non_space > 0 and int(cjk.sum()) / non_space >= CJK_TEXT_RATIO


def words_of(text: str, cjk: bool | None = None) -> list[str]:
    """Return the words of ``text``: white-space separated, and each CJK ideograph alone in CJK text."""
    if cjk is None:
        cjk = is_cjk_text(text)
    if not cjk:
        return text.split()
    # CJK punctuation is a token of its own between ideographs, but it is not a word.
    return [w for w in CJK_WORD_RE.findall(text) if not all(unicodedata.category(c)[0] == "P" for c in w)]


def word_count(text: str) -> int:
    return len(words_of(text))


def _top_ngram_ratio(words: list[str], total_chars: int) -> float:
    best = 0.0
    for n in (2, 3, 4):
        if len(words) < n:
            break
        counts = collections.Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
        gram, count = counts.most_common(1)[0]
        if count > 1:
            best = max(best, sum(len(w) for w in gram) * count / total_chars)
    return best


def _duplicate_ngram_ratio(words: list[str], n: int, total_chars: int) -> float:
    if len(words) < n:
        return 0.0
    seen: set[tuple[str, ...]] = set()
    duplicated = [False] * len(words)
    for i in range(len(words) - n + 1):
        gram = tuple(words[i : i + n])
        if gram in seen:
            for j in range(i, i + n):
                duplicated[j] = True
        else:
            seen.add(gram)
    return sum(len(w) for w, d in zip(words, duplicated) if d) / total_chars


def quality_signals(text: str) -> dict:
    """Return every signal the rules compare, plus ``cjk`` (whether CJK variants were used)."""
    text = text[:MAX_QUALITY_CHARS]
    cjk = is_cjk_text(text)
    words = words_of(text, cjk)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    word_chars = sum(len(w) for w in words) or 1
    signals: dict = {"cjk": cjk, "words": len(words)}
    signals["mean_word_length"] = None if cjk or not words else word_chars / len(words)
    symbols = text.count("#") + sum(text.count(e) for e in ("...", "…"))
    signals["symbol_ratio"] = symbols / len(words) if words else 0.0
    if lines:
        signals["punctuation_line_ratio"] = sum(line[-1] in TERMINAL_PUNCTUATION for line in lines) / len(lines)
        seen: set[str] = set()
        duplicate_lines = duplicate_chars = 0
        for line in lines:
            if line in seen:
                duplicate_lines += 1
                duplicate_chars += len(line)
            seen.add(line)
        signals["duplicate_line_ratio"] = duplicate_lines / len(lines)
        signals["duplicate_line_char_ratio"] = duplicate_chars / (sum(len(line) for line in lines) or 1)
        signals["bullet_line_ratio"] = sum(line.startswith(BULLETS) for line in lines) / len(lines)
        signals["ellipsis_line_ratio"] = sum(line.endswith(ELLIPSES) for line in lines) / len(lines)
    else:
        for key in ("punctuation_line_ratio", "duplicate_line_ratio", "duplicate_line_char_ratio",
                    "bullet_line_ratio", "ellipsis_line_ratio"):
            signals[key] = 0.0
    signals["top_ngram_ratio"] = _top_ngram_ratio(words, word_chars)
    signals["duplicate_ngram_ratio"] = _duplicate_ngram_ratio(words, 10 if cjk else 5, word_chars)
    signals["alphabetic_word_ratio"] = (
        sum(any(c.isalpha() for c in w) for w in words) / len(words) if words else 0.0
    )
    return signals


def failed_rules(signals: dict, config) -> list[dict]:
    """Return the rules ``signals`` break under the thresholds of ``config`` (a FilterConfig)."""
    failures = []
    for rule in RULES:
        value = signals.get(rule.signal)
        if value is None:
            continue
        threshold = getattr(config, rule.setting)
        broken = value < threshold if rule.keep_if == ">=" else value > threshold
        if broken:
            failures.append({"rule": rule.name, "value": round(value, 4), "threshold": threshold,
                             "keep_if": rule.keep_if})
    return failures
