"""The records every format reads and writes, the import report and the format interface.

A format reads a file into :class:`Record` objects (text, metadata, document labels,
spans) and :class:`Problem` rows, and writes records back. Span offsets in a record are
code points, end-exclusive, into ``record.text``. Each format converts its own convention
(UTF-16 units, inclusive token ends, CRLF text) while reading and writing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable, Iterator

from .textio import FileEncoding


class FormatError(Exception):
    """A format cannot read or write the given file or options; the message names what to change."""


@dataclass(slots=True)
class DocLabel:
    """A document label: its name, label set (``None``: the import's default set), origin and score."""

    name: str
    label_set: str | None = None
    origin: str = "human"
    score: float | None = None


@dataclass(slots=True)
class Span:
    """A labelled character range ``[start, end)`` in code points."""

    start: int
    end: int
    label: str
    label_set: str | None = None
    origin: str = "human"
    score: float | None = None

    def key(self) -> tuple:
        return (self.start, self.end, self.label, self.label_set, self.origin)


@dataclass(slots=True)
class Record:
    """One document as a format reads or writes it; ``file``, ``line`` and ``number`` locate it for reports."""

    text: str
    metadata: dict = field(default_factory=dict)
    # Empty tuples by default, because most imported records carry no annotations and a
    # new list per record costs measurable time on a million lines. Pass lists to append.
    labels: list[DocLabel] = ()
    spans: list[Span] = ()
    file: str = ""
    line: int | None = None
    number: int | None = None
    document_id: int | None = None

    def problem(self, reason: str, severity: str = "error") -> "Problem":
        """Return a report row about this record."""
        return Problem(self.file, self.line, reason, severity, self.number)


@dataclass(slots=True)
class Problem:
    """A report row: ``severity`` is ``error`` (something was rejected), ``note`` (fixed or merged)
    or ``blank`` (an empty line or record, skipped and counted)."""

    file: str
    line: int | None
    reason: str
    severity: str = "error"
    record: int | None = None

    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.record is not None:
            parts.append(f"record {self.record}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.location()}: {self.reason}"

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "record": self.record,
                "severity": self.severity, "reason": self.reason}


SPLIT_MODES = ("line", "paragraph", "file")
JOIN_MODES = ("auto", "space", "none")
SCHEMES = ("auto", "iob2", "bioes")
OFFSET_UNITS = ("utf16", "codepoints")


@dataclass
class Options:
    """Choices for reading and writing; each format uses the ones that apply to it.

    ``text_field``/``label_field`` name a JSON field or CSV column (a CSV column may also
    be given as a 1-based number). ``split`` (plain text) defaults to ``line`` for a file
    and ``file`` for a folder. ``label_separator`` splits one cell into several
    labels. ``join`` decides how CoNLL tokens rebuild the text. ``offsets`` is the unit of
    doccano offsets. ``label_set`` and ``span_label_set`` name the label sets that labels
    without their own set go into (and, on export, the only sets written when given).
    """

    text_field: str | None = None
    label_field: str | None = None
    label_separator: str | None = None
    delimiter: str | None = None
    header: bool | None = None
    split: str | None = None
    join: str = "auto"
    scheme: str = "auto"
    offsets: str = "utf16"
    label_set: str | None = None
    span_label_set: str | None = None
    parquet: bool = False

    def check(self) -> None:
        for name, value, allowed in (("split", self.split or "line", SPLIT_MODES), ("join", self.join, JOIN_MODES),
                                     ("scheme", self.scheme, SCHEMES), ("offsets", self.offsets, OFFSET_UNITS)):
            if value not in allowed:
                raise FormatError(f"Unknown {name} {value!r}; choose one of {', '.join(allowed)}.")


@dataclass
class Source:
    """An input file with its detected encoding and a decoded sample of its start."""

    path: Path
    encoding: FileEncoding
    sample: str


class Format:
    """One file format. Subclasses set the class attributes and implement the methods they support.

    ``read`` yields :class:`Record` and :class:`Problem` objects in file order.
    ``write`` consumes records and yields a :class:`Problem` for everything it could not
    write (a span that does not fit the format, a label it cannot express).
    """

    name = ""
    title = ""
    extensions: tuple[str, ...] = ()
    # Formats that usually carry labelled data merge duplicate texts on import; plain
    # text keeps them, because a pre-training corpus may repeat lines on purpose.
    merges_duplicates = True
    # True when the output is a folder rather than one file.
    writes_folder = False

    def detect(self, source: Source) -> int:
        """Return how well ``source`` fits this format: 0 not at all, higher is more certain."""
        return 0

    def read(self, source: Source, options: Options) -> Iterator[Record | Problem]:
        raise FormatError(f"The {self.title} format cannot be imported.")

    def write(self, records: Iterable[Record], out: IO[str] | Path, options: Options) -> Iterator[Problem]:
        raise FormatError(f"The {self.title} format cannot be exported.")


def labels_in_set(record: Record, label_set: str | None, origin: str = "human") -> list[DocLabel]:
    """Return the record's document labels of ``origin``, only those of ``label_set`` when it is given."""
    return [label for label in record.labels
            if label.origin == origin and (label_set is None or label.label_set == label_set)]


def spans_in_set(record: Record, label_set: str | None, origin: str = "human") -> list[Span]:
    return [span for span in record.spans
            if span.origin == origin and (label_set is None or span.label_set == label_set)]


class SkippedAnnotations:
    """Counts the annotations that a format has no place for, so the export reports them in one note."""

    def __init__(self, spans: bool = True, labels: bool = False):
        self.count_spans = spans
        self.count_labels = labels
        self.spans = 0
        self.labels = 0
        self.predictions = 0
        self.documents = 0

    def count(self, record: Record, written_labels: int = 0) -> None:
        spans = sum(1 for span in record.spans if self.count_spans or span.origin != "human")
        labels = sum(1 for label in record.labels if label.origin == "human") if self.count_labels else 0
        predictions = sum(1 for label in record.labels if label.origin != "human")
        if spans or labels or predictions:
            self.documents += 1
            self.spans += spans
            self.labels += labels
            self.predictions += predictions

    def problems(self, title: str) -> list[Problem]:
        if not self.documents:
            return []
        parts = [f"{self.spans} spans"]
        if self.count_labels:
            parts.append(f"{self.labels} document labels")
        parts.append(f"{self.predictions} predicted labels")
        if self.count_labels:
            reason = "it holds text only"
        elif self.count_spans:
            reason = "it holds document labels only. Export spans as spacy, doccano, labelstudio, conll or brat"
        else:
            reason = "it holds human annotations only. Export predictions as labelstudio"
        return [Problem("", None, f"{', '.join(parts[:-1])} and {parts[-1]} on {self.documents} documents were "
                        f"not written because of the {title} format: {reason}", "note")]
