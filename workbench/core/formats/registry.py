"""The list of formats, lookup by name and detection from a file's name and first bytes."""

from __future__ import annotations

from pathlib import Path

from .base import Format, FormatError, Source


def _formats() -> list[Format]:
    from .brat import BratFormat
    from .conll import ConllFormat
    from .doccano import DoccanoFormat
    from .hf import HfDatasetFormat
    from .jsonlines import JsonFormat, JsonlFormat
    from .labelstudio import LabelStudioFormat
    from .plaintext import TextFormat
    from .spacy import SpacyFormat
    from .tabular import CsvFormat, TsvFormat

    return [TextFormat(), CsvFormat(), TsvFormat(), JsonlFormat(), JsonFormat(), DoccanoFormat(),
            LabelStudioFormat(), ConllFormat(), BratFormat(), SpacyFormat(), HfDatasetFormat()]


_REGISTRY: dict[str, Format] = {}
ALIASES = {"txt": "text", "iob2": "conll", "bioes": "conll", "prodigy": "spacy", "hf": "datasets",
           "label-studio": "labelstudio", "ndjson": "jsonl"}


def formats() -> list[Format]:
    """Return every format, in the order menus show them."""
    if not _REGISTRY:
        for fmt in _formats():
            _REGISTRY[fmt.name] = fmt
    return list(_REGISTRY.values())


def format_names() -> list[str]:
    return [fmt.name for fmt in formats()]


def get_format(name: str) -> Format:
    formats()
    key = ALIASES.get(name.lower(), name.lower())
    if key not in _REGISTRY:
        raise FormatError(f"Unknown format {name!r}; choose one of {', '.join(_REGISTRY)}.")
    return _REGISTRY[key]


def detect(source: Source) -> Format:
    """Return the format that fits ``source`` best; plain text when nothing else fits."""
    best, best_score = get_format("text"), 0
    for fmt in formats():
        score = fmt.detect(source)
        if score > best_score:
            best, best_score = fmt, score
    return best


def detect_folder(path: Path) -> Format:
    """Return the format of a folder: brat (``.ann`` files), a dataset folder (a card and data files) or text."""
    if any(path.glob("*.ann")):
        return get_format("brat")
    if (path / "README.md").is_file() and (any(path.rglob("*.jsonl")) or any(path.rglob("*.parquet"))):
        return get_format("datasets")
    return get_format("text")
