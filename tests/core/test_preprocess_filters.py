"""Filters: length, offline language identification, and quality rules correct for Chinese."""

from __future__ import annotations

import socket

import pytest

from tests.real_data import DATA_DIR
from workbench.core.preprocess.config import FilterConfig
from workbench.core.preprocess.filters import DocumentFilter
from workbench.core.preprocess.langid import detect_language
from workbench.core.preprocess.quality import failed_rules, is_cjk_text, quality_signals, words_of

CHINESE_PROSE = (
    "我住在北京。北京是中国的首都，也是一座历史悠久的城市！\n"
    "每天早上，我坐地铁去上班。路上的人很多，但大家都很安静。\n"
    "你喜欢这座城市吗？我很喜欢这里的秋天。"
)
ENGLISH_PROSE = (
    "The quick brown fox jumps over the lazy dog.\n"
    "It was the best of times, it was the worst of times.\n"
    "Call me Ishmael. Some years ago I went to sea."
)


def quality_config(**overrides) -> FilterConfig:
    return FilterConfig(quality=True, **overrides)


def test_chinese_lines_ending_in_cjk_punctuation_pass():
    signals = quality_signals(CHINESE_PROSE)

    assert signals["cjk"] is True
    assert signals["punctuation_line_ratio"] == 1.0
    assert failed_rules(signals, quality_config()) == []


def test_ascii_only_punctuation_rule_would_drop_chinese():
    # The C4 rule (lines must end in ASCII . ! ? ") rejects all of this text.
    ascii_terminal = tuple('.!?"')
    lines = CHINESE_PROSE.split("\n")

    assert not any(line.endswith(ascii_terminal) for line in lines)
    assert DocumentFilter(quality_config()).check(CHINESE_PROSE) is None


def test_english_prose_passes():
    assert DocumentFilter(quality_config()).check(ENGLISH_PROSE) is None


def test_chinese_words_are_characters():
    assert words_of("我住在北京 and Beijing") == ["我", "住", "在", "北", "京", "and", "Beijing"]
    assert words_of("床前明月光，疑是地上霜。") == list("床前明月光疑是地上霜")


def test_mean_word_length_skipped_for_chinese():
    assert quality_signals(CHINESE_PROSE)["mean_word_length"] is None


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("menu home about contact login\nshop cart help faq blog\nterms privacy jobs press news", "quality:punctuation_lines"),
        ("•Buying things now.\n•Buying cheaper things.\n•Buying everything today.\n•Buying more stuff.",
         "quality:bullet_lines"),
        ("spam spam spam spam spam spam spam spam spam spam spam spam.", "quality:top_ngram"),
        ("Waiting for the train to arrive at the station this morning...\n"
         "More passengers keep coming down the stairs to the platform...\n"
         "Almost everyone has a newspaper or a phone in their hands.\n"
         "The train finally arrives and the doors open slowly.", "quality:ellipsis_lines"),
        ("#tag #tag2 #tag3 #tag4 words here.", "quality:symbol_ratio"),
        ("Numbers 1234 5678 9012 3456 7890 1122 3344 here.", "quality:alphabetic_words"),
        ("卖卖卖卖卖卖卖卖卖卖卖卖卖卖卖卖卖卖卖卖卖卖卖卖。", "quality:top_ngram"),
    ],
    ids=["no-punctuation", "bullets", "repeated-word", "ellipses", "hashtags", "numbers", "chinese-repeat"],
)
def test_low_quality_removed_with_rule(text, rule):
    verdict = DocumentFilter(quality_config()).check(text)

    assert verdict is not None
    assert verdict[0] == rule
    assert verdict[1]["failures"][0]["threshold"] is not None


def test_thresholds_are_editable():
    text = "•Buying things now.\n•Buying cheaper things.\n•Buying everything today.\n•Buying more stuff."

    assert DocumentFilter(quality_config()).check(text) is not None
    assert DocumentFilter(quality_config(max_bullet_line_ratio=1.0)).check(text) is None


@pytest.mark.parametrize(
    ("config", "text", "reason"),
    [
        (FilterConfig(min_chars=10), "short", "too_few_chars"),
        (FilterConfig(max_chars=3), "longer", "too_many_chars"),
        (FilterConfig(min_words=3), "two words", "too_few_words"),
        (FilterConfig(min_words=6), "我住在北京", "too_few_words"),
        (FilterConfig(max_words=4), "我住在北京", "too_many_words"),
        (FilterConfig(), " \t\n ", "empty"),
    ],
)
def test_length_limits(config, text, reason):
    assert DocumentFilter(config).check(text)[0] == reason


def test_language_detected_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("language identification tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)

    assert detect_language(CHINESE_PROSE)[0] == "zh"
    assert detect_language(ENGLISH_PROSE)[0] == "en"
    assert detect_language("これは日本語の文章です。")[0] == "ja"


def test_language_filter_keeps_listed():
    chinese_only = DocumentFilter(FilterConfig(languages=["zh"]))

    assert chinese_only.check(CHINESE_PROSE) is None
    reason, detail = chinese_only.check(ENGLISH_PROSE)
    assert reason == "language"
    assert detail["language"] == "en"


def test_classical_poetry_counts_as_chinese():
    lines = [line for line in (DATA_DIR / "chinese_poetry_sample.txt").read_text(encoding="utf-8").split("\n")
             if line.strip()][:300]
    chinese = sum(detect_language(line)[0] == "zh" for line in lines)

    assert chinese / len(lines) > 0.95


def test_cjk_detection():
    assert is_cjk_text("床前明月光")
    assert not is_cjk_text("moonlight before my bed")
    assert not is_cjk_text("   ")
