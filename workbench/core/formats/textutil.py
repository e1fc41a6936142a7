"""Offset arithmetic shared by the formats: UTF-16 code units, CRLF removal and script detection.

Offsets inside the project are Unicode code points, end-exclusive, into the stored text
(Python string indices). Files written by JavaScript tools count UTF-16 code units, where
a character outside the Basic Multilingual Plane (most emoji) takes two units.
"""

from __future__ import annotations

import bisect
import re

CJK_RE = re.compile(
    "[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    "\U00020000-\U0002fa1f]"
)
WORD_RE = re.compile(r"\w", re.UNICODE)


class OffsetError(ValueError):
    """An offset cannot be converted, for example because it splits a surrogate pair."""


class Utf16Index:
    """Convert offsets between code points and UTF-16 code units for one text."""

    def __init__(self, text: str):
        self.text = text
        # Code point positions of the characters that take two UTF-16 units.
        self.astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []

    def to_utf16(self, offset: int) -> int:
        return offset + bisect.bisect_left(self.astral, offset)

    def from_utf16(self, unit: int) -> int:
        """Return the code point offset of UTF-16 offset ``unit``; raise if it splits a pair."""
        if not self.astral:
            return unit
        # Each astral character before the offset adds one extra unit.
        low, high = 0, len(self.astral)
        while low < high:
            middle = (low + high) // 2
            if self.astral[middle] + middle + 1 < unit:
                low = middle + 1
            else:
                high = middle
        position = unit - low
        if low < len(self.astral) and self.astral[low] + low + 1 == unit:
            raise OffsetError(
                f"UTF-16 offset {unit} points inside the surrogate pair of "
                f"{self.text[self.astral[low]]!r} at character {self.astral[low]}"
            )
        return position


class NewlineMap:
    """Map offsets in a text with CR or CRLF line ends to the same text with LF only.

    A CRLF pair becomes one LF, so every offset after it moves back by one; a lone CR
    becomes LF and moves nothing.
    """

    def __init__(self, raw: str):
        self.raw = raw
        self.dropped = [m.start() for m in re.finditer("\r\n", raw)]
        self.text = raw.replace("\r\n", "\n").replace("\r", "\n")

    def to_lf(self, offset: int) -> int:
        return offset - bisect.bisect_left(self.dropped, offset)


def is_cjk_text(text: str) -> bool:
    """Return True when most word characters of ``text`` are Chinese, Japanese kana or CJK punctuation."""
    cjk = len(CJK_RE.findall(text))
    other = len(WORD_RE.findall(CJK_RE.sub("", text)))
    return cjk > 0 and cjk >= other


def span_text_for_line(text: str) -> str:
    """Return span text as one line (newlines and tabs as spaces), for formats that store it on one line."""
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
