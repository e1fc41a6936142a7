"""Normalisation: each sub-step, and span offsets that follow the text."""

from __future__ import annotations

import pytest

from workbench.core.preprocess.config import NormaliseConfig
from workbench.core.preprocess.normalise import SpanRemapError, normalise

NFC = NormaliseConfig()
NFKC = NormaliseConfig(form="NFKC")

TEXTS = [
    "Ｈｅｌｌｏ，世界！ＡＢＣ１２３",
    "line one\r\nline two\rline three\u2028four",
    "tabs\tand   spaces   \n   indented\n\n\n\nfar below   ",
    "control\x00\x07 chars\ufeff and zero\u200bwidth",
    "cafe\u0301 and re\u0301sume\u0301",
    "\u3000\u3000床前明月光，疑是地上霜。",
    "한국어 \u1100\u1161\u11a8 jamo",
    "plain text that needs nothing",
    "   ",
]


def test_nfkc_folds_full_width():
    assert normalise("Ｈｅｌｌｏ，世界！１２３", NFKC).text == "Hello,世界!123"


def test_nfc_keeps_full_width():
    assert normalise("Ｈｅｌｌｏ，世界！", NFC).text == "Ｈｅｌｌｏ，世界！"


def test_nfc_composes_accents():
    result = normalise("cafe\u0301", NFC)

    assert result.text == "café"
    assert result.changed_by == ["unicode"]


@pytest.mark.parametrize("original", ["中文 text", "café crème", "naïve — 北京"])
def test_mojibake_repaired(original):
    broken = original.encode("utf-8").decode("cp1252")

    assert broken != original
    assert normalise(broken, NFC).text == original


def test_control_characters_removed():
    assert normalise("a\x00b\x07c\ufeffd\u200be", NFC).text == "abcde"


def test_line_endings_unified():
    assert normalise("a\r\nb\rc\u2028d", NFC).text == "a\nb\nc\nd"


def test_whitespace_collapsed():
    assert normalise("  a \t b  \n   c \n\n\n\n d  ", NFC).text == "a b\nc\n\nd"


def test_ideographic_space_kept_under_nfc():
    assert normalise("\u3000\u3000床前明月光", NFC).text == "\u3000\u3000床前明月光"


def test_switched_off_steps_do_nothing():
    config = NormaliseConfig(fix_mojibake=False, remove_control=False, normalise_line_endings=False,
                             collapse_whitespace=False)

    assert normalise("a\r\n\x00  b", config).text == "a\r\n\x00  b"


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("config", [NFC, NFKC], ids=["NFC", "NFKC"])
def test_tracked_equals_untracked(text, config):
    assert normalise(text, config, track=True).text == normalise(text, config).text


@pytest.mark.parametrize("text", TEXTS)
def test_every_boundary_maps_in_order(text):
    result = normalise(text, NFKC, track=True)
    positions = []
    for position in range(len(text) + 1):
        mapped = result.map_span(position, position + 1) if position < len(text) else None
        if mapped is not None:
            positions.append(mapped)

    assert all(0 <= s < e <= len(result.text) for s, e in positions)
    assert positions == sorted(positions)


def test_span_follows_collapsed_whitespace():
    text = "Alice   met\t\tBob in   北京 ."
    result = normalise(text, NFC, track=True)
    for word in ("Alice", "Bob", "北京"):
        start = text.index(word)

        new_start, new_end = result.map_span(start, start + len(word))

        assert result.text[new_start:new_end] == word


def test_span_follows_full_width_fold():
    text = "我在Ｂｅｉｊｉｎｇ工作"
    start, end = text.index("Ｂ"), text.index("工")
    result = normalise(text, NFKC, track=True)

    assert result.text[slice(*result.map_span(start, end))] == "Beijing"


def test_span_inside_merged_accent_cannot_move():
    text = "cafe\u0301"
    result = normalise(text, NFC, track=True)

    assert result.map_span(0, 4) is None
    assert result.map_span(0, 5) == (0, 4)


def test_mojibake_with_spans_raises():
    with pytest.raises(SpanRemapError):
        normalise("ä¸­æ–‡ text", NFC, track=True)
