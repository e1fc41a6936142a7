"""The filter step: length, language and heuristic quality rules for one document."""

from __future__ import annotations

from .config import FilterConfig
from .langid import detect_language
from .quality import failed_rules, quality_signals, word_count


class DocumentFilter:
    """Decide whether one document passes ``config``; ``tokenizer`` is needed only for token limits."""

    def __init__(self, config: FilterConfig, tokenizer=None):
        self.config = config
        self.tokenizer = tokenizer
        self.uses_words = bool(config.min_words or config.max_words)
        self.uses_tokens = bool(config.min_tokens or config.max_tokens)

    def check(self, text: str) -> tuple[str, dict] | None:
        """Return ``(reason, detail)`` for a document that fails, or None if it passes."""
        c = self.config
        chars = len(text)
        if not text.strip():
            return "empty", {"chars": chars}
        if chars < c.min_chars:
            return "too_few_chars", {"chars": chars, "min_chars": c.min_chars}
        if c.max_chars and chars > c.max_chars:
            return "too_many_chars", {"chars": chars, "max_chars": c.max_chars}
        if self.uses_words:
            words = word_count(text)
            if words < c.min_words:
                return "too_few_words", {"words": words, "min_words": c.min_words}
            if c.max_words and words > c.max_words:
                return "too_many_words", {"words": words, "max_words": c.max_words}
        if self.uses_tokens:
            tokens = len(self.tokenizer.encode(text).ids)
            if tokens < c.min_tokens:
                return "too_few_tokens", {"tokens": tokens, "min_tokens": c.min_tokens}
            if c.max_tokens and tokens > c.max_tokens:
                return "too_many_tokens", {"tokens": tokens, "max_tokens": c.max_tokens}
        if c.languages:
            language, score = detect_language(text)
            if language not in c.languages or score < c.min_language_score:
                return "language", {"language": language, "score": round(score, 4),
                                    "languages": list(c.languages), "min_score": c.min_language_score}
        if c.quality:
            signals = quality_signals(text)
            failures = failed_rules(signals, c)
            if failures:
                return "quality:" + failures[0]["rule"], {"failures": failures, "cjk": signals["cjk"]}
        return None
