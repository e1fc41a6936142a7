"""Offset conversions between stored code points and Qt's UTF-16 positions, and grapheme-safe edges."""

from __future__ import annotations

import pytest

from workbench.core.offsets import (
    TextOffsets,
    cp_to_utf16,
    display_text,
    grapheme_boundaries,
    utf16_length,
    utf16_to_cp,
)

EMOJI_BEFORE_CHINESE = "🙂 我住在北京。"
FAMILY = "👨\u200d👩\u200d👧"
THUMBS_DARK = "👍🏿"


def test_emoji_before_chinese_entity():
    offsets = TextOffsets(EMOJI_BEFORE_CHINESE)

    assert EMOJI_BEFORE_CHINESE[5:7] == "北京"
    assert offsets.to_qt(5) == 6
    assert offsets.to_qt(7) == 8
    assert offsets.selection_from_qt(6, 8) == (5, 7)
    assert offsets.selection_from_qt(8, 6) == (5, 7)


def test_round_trip_every_boundary():
    text = f"a\r\nb{FAMILY}c\u0301d {THUMBS_DARK}\r\n中文"
    offsets = TextOffsets(text)

    for offset in grapheme_boundaries(text):
        assert offsets.from_qt(offsets.to_qt(offset), "start") == offset
        assert offsets.from_qt(offsets.to_qt(offset), "end") == offset


def test_qt_length_matches_display_utf16():
    text = f"x\r\n{FAMILY}\r\n\r\ny"
    offsets = TextOffsets(text)

    assert offsets.display == display_text(text) == f"x\n{FAMILY}\n\ny"
    assert offsets.qt_length == utf16_length(offsets.display)
    assert offsets.to_qt(len(text)) == offsets.qt_length


def test_inside_surrogate_pair_moves_outward():
    offsets = TextOffsets(EMOJI_BEFORE_CHINESE)

    assert offsets.from_qt(1, "start") == 0
    assert offsets.from_qt(1, "end") == 1
    assert offsets.selection_from_qt(1, 1) == (0, 1)


def test_zwj_family_is_one_grapheme():
    text = f"A{FAMILY}B"
    offsets = TextOffsets(text)
    inside = offsets.to_qt(2)  # after the man, before the first ZWJ

    start, end = offsets.selection_from_qt(inside, offsets.qt_length)

    assert (start, end) == (1, len(text))
    assert text[start:end] == f"{FAMILY}B"
    assert not offsets.is_grapheme_boundary(2)


def test_skin_tone_and_combining_mark_kept_whole():
    text = f"ok{THUMBS_DARK} cafe\u0301!"
    offsets = TextOffsets(text)
    accent = text.index("\u0301")

    assert offsets.snap_to_graphemes(3, 4) == (2, 4)
    assert offsets.snap_to_graphemes(accent - 4, accent) == (accent - 4, accent + 1)
    assert text[slice(*offsets.snap_to_graphemes(accent - 4, accent))] == "cafe\u0301"


def test_crlf_maps_to_one_qt_position():
    text = "one\r\ntwo\r\nthree"
    offsets = TextOffsets(text)
    two_qt = offsets.display.index("two")

    assert offsets.selection_from_qt(two_qt, two_qt + 3) == (5, 8)
    assert text[5:8] == "two"
    # Selecting the line break selects both stored characters.
    assert offsets.selection_from_qt(3, 4) == (3, 5)
    assert offsets.snap_to_graphemes(4, 5) == (3, 5)


def test_snap_to_tokens_english_and_chinese():
    text = "Hello world, 我住在北京。 ok"
    offsets = TextOffsets(text)

    assert offsets.snap_to_tokens(2, 8) == (0, 11)
    assert offsets.snap_to_tokens(5, 7) == (6, 11)
    beijing = text.index("北京")
    assert offsets.snap_to_tokens(beijing, beijing + 2) == (beijing, beijing + 2)
    assert offsets.snap_to_tokens(11, 12) == (11, 12)  # the comma is a token of its own
    assert offsets.snap_to_tokens(12, 13) == (12, 13)  # only whitespace: unchanged


def test_out_of_range_positions_raise():
    offsets = TextOffsets("abc")

    with pytest.raises(ValueError, match="outside"):
        offsets.to_qt(4)
    with pytest.raises(ValueError, match="outside"):
        offsets.from_qt(-1)
    with pytest.raises(ValueError, match="side"):
        offsets.from_qt(0, "middle")


def test_plain_utf16_helpers():
    text = "a🙂b"

    assert utf16_length(text) == 4
    assert cp_to_utf16(text, 2) == 3
    assert utf16_to_cp(text, 3) == 2
    assert utf16_to_cp(text, 4) == 3
    with pytest.raises(ValueError, match="surrogate pair"):
        utf16_to_cp(text, 2)
    with pytest.raises(ValueError, match="outside"):
        utf16_to_cp(text, 5)


def test_large_text_lookups_fast():
    import time

    text = ("北京 Beijing 🙂 " * 2500)[:30_000]
    started = time.perf_counter()
    offsets = TextOffsets(text)
    for offset in range(0, len(text), 7):
        offsets.from_qt(offsets.to_qt(offset))
    assert time.perf_counter() - started < 2.0
