"""Convert between stored span offsets and Qt text positions, and keep span edges on grapheme boundaries.

Spans are stored as Unicode code point offsets, end-exclusive, into the text exactly as
stored. Qt's text widgets count positions differently in two ways, and this module is the
only place that converts between the two:

* Qt counts UTF-16 code units, so a character outside the Basic Multilingual Plane (an
  emoji such as U+1F642) takes two positions in Qt and one code point in Python.
* ``QPlainTextEdit.setPlainText`` turns each CRLF line end into one block separator, so
  the widget shows one position where the stored text has two code points.

A span edge must also never split a user-perceived character. Grapheme clusters come from
the ``regex`` module's ``\\X`` (Unicode extended grapheme clusters), which keeps ZWJ emoji
sequences, skin-tone modifiers, combining marks and CRLF together.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import regex

_GRAPHEME = regex.compile(r"\X", regex.DOTALL)
# A token for snapping: a run of letters, digits and marks outside CJK scripts, or one
# Han/Hiragana/Katakana/Hangul character, or one other non-space character. Chinese has no
# spaces between words, so one character is the only token boundary known without a
# segmenter.
_TOKEN = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]"
    r"|(?:(?![\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}])[\p{L}\p{N}\p{M}_])+"
    r"|\X",
)


def utf16_length(text: str) -> int:
    """Return the number of UTF-16 code units in ``text`` (Qt's length of the same string)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def display_text(text: str) -> str:
    """Return ``text`` as a Qt plain-text widget shows it: each CRLF becomes one line break."""
    return text.replace("\r\n", "\n")


def grapheme_boundaries(text: str) -> list[int]:
    """Return every code point offset in ``text`` where a grapheme cluster starts or ends, ascending."""
    bounds = [0]
    for match in _GRAPHEME.finditer(text):
        bounds.append(match.end())
    return bounds


@dataclass
class TextOffsets:
    """Offset conversions for one stored text, precomputed so each lookup is a binary search.

    Three coordinate systems are involved: *stored* code points (what the database keeps),
    *display* code points (the stored text with CRLF shown as one break) and *Qt* positions
    (UTF-16 code units into the display text).
    """

    text: str
    display: str = field(init=False)
    _crlf_stored: list[int] = field(init=False, repr=False)
    _crlf_display: list[int] = field(init=False, repr=False)
    _astral_display: list[int] = field(init=False, repr=False)
    _astral_qt: list[int] = field(init=False, repr=False)
    _bounds: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.display = display_text(self.text)
        # Code point index of each '\r' of a CRLF in the stored text, and where that line
        # break sits in the display text.
        self._crlf_stored = [m.start() for m in regex.finditer("\r\n", self.text)]
        self._crlf_display = [index - k for k, index in enumerate(self._crlf_stored)]
        self._astral_display = [i for i, char in enumerate(self.display) if ord(char) > 0xFFFF]
        self._astral_qt = [index + k for k, index in enumerate(self._astral_display)]
        self._bounds = grapheme_boundaries(self.text)

    @property
    def qt_length(self) -> int:
        return len(self.display) + len(self._astral_display)

    # Stored code points <-> Qt positions -------------------------------------------------

    def to_qt(self, offset: int) -> int:
        """Return the Qt position of stored code point ``offset`` (0 to ``len(text)``)."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"Offset {offset} lies outside the text of {len(self.text)} code points.")
        display = offset - bisect_left(self._crlf_stored, offset)
        return display + bisect_left(self._astral_display, display)

    def from_qt(self, position: int, side: str = "start") -> int:
        """Return the stored code point offset of Qt position ``position``.

        A position inside a surrogate pair moves to the start of its character when ``side``
        is "start", and past it when ``side`` is "end". A line break that shows a stored CRLF
        maps to the offset before the '\\r' or after the '\\n', by the same rule.
        """
        if not 0 <= position <= self.qt_length:
            raise ValueError(f"Qt position {position} lies outside the text of {self.qt_length} UTF-16 units.")
        if side not in ("start", "end"):
            raise ValueError(f"side must be 'start' or 'end', not {side!r}.")
        before = bisect_left(self._astral_qt, position)
        display = position - before
        if before and self._astral_qt[before - 1] + 1 == position:
            # Inside a surrogate pair: the high surrogate is at position - 1.
            display = display if side == "start" else display + 1
        return display + bisect_left(self._crlf_display, display)

    def selection_from_qt(self, anchor: int, position: int) -> tuple[int, int]:
        """Turn a Qt selection (either direction) into a stored ``(start, end)`` on grapheme boundaries."""
        low, high = min(anchor, position), max(anchor, position)
        return self.snap_to_graphemes(self.from_qt(low, "start"), self.from_qt(high, "end"))

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    # Grapheme clusters and tokens -------------------------------------------------------

    def is_grapheme_boundary(self, offset: int) -> bool:
        index = bisect_left(self._bounds, offset)
        return index < len(self._bounds) and self._bounds[index] == offset

    def snap_to_graphemes(self, start: int, end: int) -> tuple[int, int]:
        """Widen ``[start, end)`` so both edges fall on grapheme cluster boundaries."""
        start = self._bounds[bisect_right(self._bounds, start) - 1]
        end = self._bounds[min(bisect_left(self._bounds, end), len(self._bounds) - 1)]
        return start, end

    def snap_to_tokens(self, start: int, end: int) -> tuple[int, int]:
        """Widen ``[start, end)`` to whole tokens and drop whitespace at either edge.

        A token is a run of non-CJK letters and digits, one CJK character or one other
        grapheme. A selection made only of whitespace is returned unchanged.
        """
        start, end = self.snap_to_graphemes(start, end)
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(self.text) if not m.group().isspace()]
        touched = [(s, e) for s, e in tokens if s < end and e > start]
        if not touched:
            return start, end
        return touched[0][0], touched[-1][1]


def cp_to_utf16(text: str, offset: int) -> int:
    """Return the UTF-16 offset of code point ``offset`` in ``text`` (no line-break mapping)."""
    if not 0 <= offset <= len(text):
        raise ValueError(f"Offset {offset} lies outside the text of {len(text)} code points.")
    return offset + sum(1 for char in text[:offset] if ord(char) > 0xFFFF)


def utf16_to_cp(text: str, position: int) -> int:
    """Return the code point offset of UTF-16 offset ``position`` in ``text``.

    Raises ``ValueError`` for a position inside a surrogate pair or past the end, because
    such an offset names no character edge.
    """
    units = 0
    for index, char in enumerate(text):
        if units == position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
        if units > position:
            raise ValueError(f"UTF-16 offset {position} falls inside the surrogate pair of {char!r} at code point {index}.")
    if units == position:
        return len(text)
    raise ValueError(f"UTF-16 offset {position} lies outside the text of {units} UTF-16 units.")
