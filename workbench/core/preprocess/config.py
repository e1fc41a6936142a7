"""The pipeline configuration: one dataclass per step, read from and written to TOML.

A project keeps its pipeline in ``pipeline.toml`` at its root. Each step is a TOML table
(``[normalise]``, ``[filter]``, ``[dedup]``, ``[split]``, ``[tokenizer]``, ``[encode]``) with
an ``enabled`` switch; a missing table or key takes the default below, and an unknown key
is an error, so a typo never silently does nothing.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import tomli_w

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

CONFIG_NAME = "pipeline.toml"


class PipelineConfigError(ValueError):
    """A pipeline setting is unknown, of the wrong type or out of range."""


@dataclass
class NormaliseConfig:
    enabled: bool = True
    # "NFC" composes only; "NFKC" also folds compatibility forms: full-width letters,
    # digits and punctuation (Ａ１！ to A1!), ligatures, circled numbers.
    form: str = "NFC"
    fix_mojibake: bool = True
    remove_control: bool = True
    normalise_line_endings: bool = True
    # Collapse runs of spaces and tabs to one space, strip line ends, and allow at most
    # one blank line in a row.
    collapse_whitespace: bool = True


@dataclass
class FilterConfig:
    enabled: bool = True
    min_chars: int = 1
    max_chars: int = 0  # 0: no maximum
    min_words: int = 0
    max_words: int = 0
    # Token limits use the project's current tokenizer; 0 switches them off.
    min_tokens: int = 0
    max_tokens: int = 0
    # Language identification: keep documents whose detected language is in the list
    # (ISO 639-1 codes such as "zh", "en"); an empty list keeps every language.
    languages: list[str] = field(default_factory=list)
    min_language_score: float = 0.3
    quality: bool = False
    # Heuristic quality rules (Gopher, C4, FineWeb). A "word" of Chinese text is one
    # character, and CJK sentence punctuation counts as end-of-line punctuation.
    min_mean_word_length: float = 3.0
    max_mean_word_length: float = 10.0
    max_symbol_ratio: float = 0.1
    min_punctuation_line_ratio: float = 0.12
    max_duplicate_line_ratio: float = 0.3
    max_duplicate_line_char_ratio: float = 0.2
    max_top_ngram_ratio: float = 0.2
    max_duplicate_ngram_ratio: float = 0.15
    max_bullet_line_ratio: float = 0.9
    max_ellipsis_line_ratio: float = 0.3
    min_alphabetic_word_ratio: float = 0.8


@dataclass
class DedupConfig:
    enabled: bool = True
    exact: bool = True
    near: bool = True
    # Word shingles of this many words for spaced text; for Chinese, character n-grams of
    # ``char_shingle_size`` characters.
    shingle_size: int = 5
    char_shingle_size: int = 5
    num_perm: int = 128
    bands: int = 16
    rows: int = 8
    threshold: float = 0.8
    seed: int = 42


@dataclass
class SplitConfig:
    enabled: bool = True
    # "fraction": val/test are shares of the documents; "count": numbers of documents.
    mode: str = "fraction"
    val: float = 0.1
    test: float = 0.0
    seed: int = 0


@dataclass
class TokenizerConfig:
    enabled: bool = True
    kind: str = "bytebpe"
    vocab_size: int = 4000
    min_frequency: int = 2
    special_tokens: list[str] = field(default_factory=list)
    max_token_length: int = 16
    # Train on a deterministic sample of at most this many characters (0: everything).
    sample_chars: int = 50_000_000


@dataclass
class EncodeConfig:
    enabled: bool = True


SECTIONS = {
    "normalise": NormaliseConfig,
    "filter": FilterConfig,
    "dedup": DedupConfig,
    "split": SplitConfig,
    "tokenizer": TokenizerConfig,
    "encode": EncodeConfig,
}


@dataclass
class PipelineConfig:
    normalise: NormaliseConfig = field(default_factory=NormaliseConfig)
    filter: FilterConfig = field(default_factory=FilterConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    split: SplitConfig = field(default_factory=SplitConfig)
    tokenizer: TokenizerConfig = field(default_factory=TokenizerConfig)
    encode: EncodeConfig = field(default_factory=EncodeConfig)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "PipelineConfig":
        unknown = sorted(set(data) - set(SECTIONS))
        if unknown:
            raise PipelineConfigError(
                f"Unknown pipeline section(s) {', '.join(unknown)}; known: {', '.join(SECTIONS)}."
            )
        sections = {}
        for name, section_type in SECTIONS.items():
            values = data.get(name, {})
            if not isinstance(values, dict):
                raise PipelineConfigError(f"[{name}] must be a table of settings, not {values!r}.")
            sections[name] = _section_from_dict(name, section_type, values)
        config = cls(**sections)
        config.validate()
        return config

    def to_toml(self) -> str:
        return tomli_w.dumps(self.to_dict())

    @classmethod
    def from_toml(cls, text: str, source: str = "pipeline") -> "PipelineConfig":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise PipelineConfigError(f"{source} is not valid TOML: {exc}") from exc
        return cls.from_dict(data)

    def validate(self) -> None:
        _validate(self)


def _section_from_dict(name: str, section_type, values: dict):
    known = {f.name: f for f in fields(section_type)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise PipelineConfigError(
            f"Unknown setting(s) {', '.join(unknown)} in [{name}]; known: {', '.join(known)}."
        )
    defaults = section_type()
    converted = {}
    for key, value in values.items():
        expected = type(getattr(defaults, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if expected is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise PipelineConfigError(f"[{name}] {key} must be a list of strings, not {value!r}.")
        elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise PipelineConfigError(
                f"[{name}] {key} = {value!r} is invalid; expected a {expected.__name__}."
            )
        converted[key] = value
    return section_type(**converted)


def _validate(config: PipelineConfig) -> None:
    from ..tokenizer import KINDS

    def fail(message: str) -> None:
        raise PipelineConfigError(message)

    if config.normalise.form not in ("NFC", "NFKC"):
        fail(f"[normalise] form = {config.normalise.form!r} is invalid; use \"NFC\" or \"NFKC\".")
    f = config.filter
    for key in ("min_chars", "max_chars", "min_words", "max_words", "min_tokens", "max_tokens"):
        if getattr(f, key) < 0:
            fail(f"[filter] {key} = {getattr(f, key)} is invalid; use 0 or more.")
    for low, high in (("min_chars", "max_chars"), ("min_words", "max_words"), ("min_tokens", "max_tokens")):
        if getattr(f, high) and getattr(f, low) > getattr(f, high):
            fail(f"[filter] {low} = {getattr(f, low)} is larger than {high} = {getattr(f, high)}.")
    if not 0 <= f.min_language_score <= 1:
        fail(f"[filter] min_language_score = {f.min_language_score} is invalid; use a number from 0 to 1.")
    d = config.dedup
    for key in ("shingle_size", "char_shingle_size", "num_perm", "bands", "rows"):
        if getattr(d, key) < 1:
            fail(f"[dedup] {key} = {getattr(d, key)} is invalid; use 1 or more.")
    if d.bands * d.rows != d.num_perm:
        fail(
            f"[dedup] bands × rows = {d.bands} × {d.rows} = {d.bands * d.rows} must equal "
            f"num_perm = {d.num_perm}."
        )
    if not 0 < d.threshold <= 1:
        fail(f"[dedup] threshold = {d.threshold} is invalid; use a Jaccard similarity above 0 and at most 1.")
    s = config.split
    if s.mode not in ("fraction", "count"):
        fail(f"[split] mode = {s.mode!r} is invalid; use \"fraction\" or \"count\".")
    if s.val < 0 or s.test < 0:
        fail(f"[split] val = {s.val} and test = {s.test} must not be negative.")
    if s.mode == "fraction" and s.val + s.test >= 1:
        fail(f"[split] val + test = {s.val + s.test} leaves no training documents; keep the sum below 1.")
    if s.mode == "count" and (s.val != int(s.val) or s.test != int(s.test)):
        fail(f"[split] with mode = \"count\", val = {s.val} and test = {s.test} must be whole numbers.")
    t = config.tokenizer
    if t.kind not in KINDS:
        fail(f"[tokenizer] kind = {t.kind!r} is invalid; use one of {', '.join(KINDS)}.")
    if t.min_frequency < 1:
        fail(f"[tokenizer] min_frequency = {t.min_frequency} is invalid; use 1 or more.")
    if t.max_token_length < 1:
        fail(f"[tokenizer] max_token_length = {t.max_token_length} is invalid; use 1 or more.")
    if t.sample_chars < 0:
        fail(f"[tokenizer] sample_chars = {t.sample_chars} is invalid; use 0 (no sampling) or more.")


def config_path(project) -> Path:
    return Path(project.root) / CONFIG_NAME


def load_config(path: Path | str) -> PipelineConfig:
    path = Path(path)
    if not path.is_file():
        raise PipelineConfigError(f"Pipeline configuration {path} not found.")
    return PipelineConfig.from_toml(path.read_text(encoding="utf-8"), source=str(path))


def load_project_config(project) -> PipelineConfig:
    """Return the project's saved pipeline, or the default one if none was saved."""
    path = config_path(project)
    return load_config(path) if path.is_file() else PipelineConfig()


def save_project_config(project, config: PipelineConfig) -> Path:
    config.validate()
    path = config_path(project)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(config.to_toml(), encoding="utf-8")
    tmp.replace(path)
    return path
