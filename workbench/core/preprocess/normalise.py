"""Text normalisation with an offset map, so span annotations can follow the text.

Each sub-step is a rewrite of the text. For a document without spans the rewrite runs
as one ``re.sub`` or ``unicodedata.normalize`` call. For a document with spans the same
patterns run through :func:`_sub_tracked`, which also records every replaced range; an
:class:`OffsetMap` then moves each span boundary. A boundary that falls inside a range
whose length changed (for example between a letter and the combining accent that NFC
merges into it) has no position in the new text: such a document is left unchanged
and reported, never silently misaligned.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

import ftfy

from .config import NormaliseConfig

# Line breaks other than LF: CRLF, CR, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.
LINE_BREAK = re.compile(r"\r\n|[\r\x85\u2028\u2029]")
# C0 and C1 control characters except tab, LF and CR, plus the byte-order mark and
# zero-width space. Zero-width joiners stay: emoji sequences and some scripts need them.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\u200b]")
# Runs of horizontal white space. The ideographic space U+3000 is left alone: Chinese
# text indents paragraphs with it (NFKC turns it into an ASCII space first).
# The patterns match only where the replacement differs from the match (two or more
# spaces, or one tab or other space character), so ordinary text costs no allocations.
HSPACE = re.compile(r"[^\S\r\n\x85\u2028\u2029\u3000]{2,}|[^\S \r\n\x85\u2028\u2029\u3000]")
SPACE_AROUND_NEWLINE = re.compile(r" +\n *|\n +")
BLANK_LINES = re.compile(r"\n{3,}")
# A base character with the combining marks and conjoining Hangul vowels and finals
# that NFC or NFKC may merge into it.
CLUSTER = re.compile(r"[\s\S][\u0300-\u036f\u1160-\u11ff\u0483-\u0489\u0591-\u05c7\u0610-\u061a"
                     r"\u064b-\u065f\u0900-\u0d7f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
                     r"\u3099\u309a\ufe20-\ufe2f]*")

# UTF-8 read as Latin-1 or Windows-1252 always shows a lead byte as one of Â to ô; text
# without any of them has no such mojibake, and ftfy (about 3 MB/s) is skipped.
MOJIBAKE_HINT = re.compile(r"[\u00c2-\u00f4]")

MOJIBAKE_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


class OffsetMap:
    """Positions in a text before a rewrite, mapped to positions after it.

    ``edits`` are ``(start, end, new_length)`` triples, sorted and disjoint: the old range
    ``[start, end)`` became ``new_length`` characters; everything else was copied.
    """

    def __init__(self, edits: list[tuple[int, int, int]]):
        self.edits = edits
        self.starts = [e[0] for e in edits]
        # shift[i]: the change in length caused by edits[0:i].
        self.shift = [0]
        for start, end, new_length in edits:
            self.shift.append(self.shift[-1] + new_length - (end - start))

    def map(self, position: int) -> int | None:
        i = bisect.bisect_right(self.starts, position) - 1
        if i < 0:
            return position
        start, end, new_length = self.edits[i]
        if position >= end:
            return position + self.shift[i + 1]
        if position == start:
            return position + self.shift[i]
        if new_length == end - start:
            return position + self.shift[i]
        return None


def _sub_tracked(pattern: re.Pattern, replacement, text: str) -> tuple[str, list[tuple[int, int, int]]]:
    """Do ``pattern.sub(replacement, text)``; also return the edits it made."""
    parts: list[str] = []
    edits: list[tuple[int, int, int]] = []
    last = 0
    for match in pattern.finditer(text):
        new = replacement(match) if callable(replacement) else match.expand(replacement)
        if new == match.group(0):
            continue
        parts.append(text[last:match.start()])
        parts.append(new)
        edits.append((match.start(), match.end(), len(new)))
        last = match.end()
    parts.append(text[last:])
    return "".join(parts), edits


def _strip_tracked(text: str, characters: str) -> tuple[str, list[tuple[int, int, int]]]:
    stripped_left = len(text) - len(text.lstrip(characters))
    result = text.strip(characters)
    edits = []
    if stripped_left:
        edits.append((0, stripped_left, 0))
    right = stripped_left + len(result)
    if right < len(text) and result:
        edits.append((right, len(text), 0))
    elif not result and text and not stripped_left:
        edits.append((0, len(text), 0))
    return result, edits


@dataclass
class NormaliseResult:
    text: str
    maps: list[OffsetMap]
    changed_by: list[str]

    def map_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Return the span's offsets in the new text, or None if it cannot be moved."""
        for offset_map in self.maps:
            start, end = offset_map.map(start), offset_map.map(end)
            if start is None or end is None:
                return None
        if start >= end:
            return None
        return start, end


class SpanRemapError(Exception):
    """The rewrite cannot keep a span on the same characters."""


def normalise(text: str, config: NormaliseConfig, track: bool = False) -> NormaliseResult:
    """Apply the sub-steps switched on in ``config`` to ``text``.

    With ``track`` the result carries offset maps; :class:`SpanRemapError` is raised when a
    sub-step changes the text in a way no map can follow (mojibake repair, or a Unicode
    normalisation that differs from the character-cluster one).
    """
    maps: list[OffsetMap] = []
    changed_by: list[str] = []

    def step(name: str, new_text: str, edits: list | None) -> None:
        nonlocal text
        if new_text != text:
            changed_by.append(name)
            if track:
                maps.append(OffsetMap(edits or []))
        text = new_text

    if config.fix_mojibake and MOJIBAKE_HINT.search(text):
        fixed = ftfy.fix_text(text, MOJIBAKE_CONFIG)
        if fixed != text and track:
            raise SpanRemapError("mojibake repair changes the text in ways span offsets cannot follow")
        step("mojibake", fixed, [])
    if config.normalise_line_endings:
        if track:
            step("line_endings", *_sub_tracked(LINE_BREAK, "\n", text))
        else:
            step("line_endings", LINE_BREAK.sub("\n", text), None)
    if config.remove_control:
        if track:
            step("control", *_sub_tracked(CONTROL, "", text))
        else:
            step("control", CONTROL.sub("", text), None)
    if not unicodedata.is_normalized(config.form, text):
        whole = unicodedata.normalize(config.form, text)
        if track:
            new_text, edits = _sub_tracked(CLUSTER, lambda m: unicodedata.normalize(config.form, m.group(0)), text)
            if new_text != whole:
                raise SpanRemapError(f"{config.form} merges characters across the span boundaries")
            step("unicode", new_text, edits)
        else:
            step("unicode", whole, None)
    if config.collapse_whitespace:
        for pattern, replacement in ((HSPACE, " "), (SPACE_AROUND_NEWLINE, "\n"), (BLANK_LINES, "\n\n")):
            if track:
                step("whitespace", *_sub_tracked(pattern, replacement, text))
            else:
                step("whitespace", pattern.sub(replacement, text), None)
        if track:
            step("whitespace", *_strip_tracked(text, " \n"))
        else:
            step("whitespace", text.strip(" \n"), None)
    return NormaliseResult(text, maps, sorted(set(changed_by), key=changed_by.index))
