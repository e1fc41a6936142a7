"""CSV and TSV: a text column, an optional label column (several labels joined by a separator), metadata columns.

Without ``header``, the first row is a header when it names a known column (``text``,
``label`` and similar). Otherwise the columns are named ``column1``, ``column2`` and so
on, and the text column is the one with the longest cells in the first rows.

CSV fields may be quoted (RFC 4180). TSV fields are not quoted, because in the IANA TSV
definition and in the TSV files that research datasets ship a quote is an ordinary
character. So a TSV export reports the documents that contain a tab or a line break
instead of writing them.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable, Iterator

from .base import DocLabel, Format, FormatError, Options, Problem, Record, SkippedAnnotations, Source, labels_in_set
from .textio import base_suffix, open_output, open_text

TEXT_COLUMNS = ("text", "sentence", "content", "document", "verse", "review", "body")
LABEL_COLUMNS = ("label", "labels", "category", "class", "sentiment", "tag", "tags", "intent", "topic")
SAMPLE_ROWS = 20


def _column_index(header: list[str], wanted: str | None, known: tuple[str, ...]) -> int | None:
    if wanted:
        if wanted in header:
            return header.index(wanted)
        if wanted.isdigit() and 1 <= int(wanted) <= len(header):
            return int(wanted) - 1
        return -1
    lowered = [name.strip().lower() for name in header]
    return next((lowered.index(name) for name in known if name in lowered), None)


class CsvFormat(Format):
    name = "csv"
    title = "CSV"
    extensions = (".csv",)
    delimiter = ","
    quoting = csv.QUOTE_MINIMAL
    quotechar: str | None = '"'

    def detect(self, source: Source) -> int:
        return 3 if base_suffix(source.path) in self.extensions else 0

    def _delimiter(self, options: Options) -> str:
        delimiter = options.delimiter or self.delimiter
        delimiter = "\t" if delimiter in ("\\t", "tab", "TAB") else delimiter
        if len(delimiter) != 1 or delimiter in "\r\n":
            raise FormatError(f"Delimiter {delimiter!r} is invalid: use one character, such as ',' or ';' "
                              "('tab' for a tab).")
        return delimiter

    def read(self, source: Source, options: Options) -> Iterator[Record | Problem]:
        file = str(source.path)
        with open_text(source.path, source.encoding) as stream:
            reader = csv.reader(stream, delimiter=self._delimiter(options), quoting=self.quoting,
                                quotechar=self.quotechar)
            rows = _Lookahead(reader)
            while rows.peek(1) and not any(cell.strip() for cell in rows.peek(1)[0]):
                line, _ = next(rows)
                yield Problem(file, line, "blank line", "blank")
            first = rows.peek(SAMPLE_ROWS)
            if not first:
                return
            header, has_header = self._header(first, options)
            text_index = _column_index(header, options.text_field, TEXT_COLUMNS)
            if text_index is None:
                sample = first[1:] if has_header else first
                text_index = max(range(len(header)), key=lambda i: sum(len(r[i]) for r in sample if i < len(r)))
            if text_index == -1:
                yield Problem(file, 1, f"no column {options.text_field!r} (columns: {', '.join(header)}); "
                              "choose --text-column")
                return
            label_index = _column_index(header, options.label_field, LABEL_COLUMNS)
            if label_index == -1:
                yield Problem(file, 1, f"no column {options.label_field!r} (columns: {', '.join(header)}); "
                              "choose --label-column")
                return
            if has_header:
                next(rows)
            for line, row in rows:
                if not row or all(not cell.strip() for cell in row):
                    yield Problem(file, line, "blank line", "blank")
                    continue
                if len(row) != len(header):
                    yield Problem(file, line, f"{len(row)} fields where the header has {len(header)}; "
                                  "check the quoting and the delimiter")
                    continue
                record = Record(row[text_index], file=file, line=line)
                for index, (name, cell) in enumerate(zip(header, row)):
                    if index == label_index:
                        cells = cell.split(options.label_separator) if options.label_separator else [cell]
                        record.labels = [DocLabel(name.strip()) for name in cells if name.strip()]
                    elif index != text_index:
                        record.metadata[name] = cell
                yield record

    def _header(self, first: list[list[str]], options: Options) -> tuple[list[str], bool]:
        row = first[0]
        if options.header is None:
            lowered = {cell.strip().lower() for cell in row}
            has_header = bool(lowered & set(TEXT_COLUMNS + LABEL_COLUMNS)) or (
                options.text_field is not None and options.text_field in row)
        else:
            has_header = options.header
        if has_header:
            return row, True
        return [f"column{i}" for i in range(1, len(row) + 1)], False

    def write(self, records: Iterable[Record], out: Path, options: Options) -> Iterator[Problem]:
        """Write a header row, then one row per document; metadata keys become columns.

        The metadata columns are the keys of all documents, so the records are read twice.
        """
        records = list(records)
        columns: dict[str, None] = {}
        for record in records:
            columns.update(dict.fromkeys(record.metadata))
        text_name = options.text_field or "text"
        label_name = options.label_field or "label"
        separator = options.label_separator or "|"
        meta_columns = [c for c in columns if c not in (text_name, label_name)]
        skipped = SkippedAnnotations()
        problems = []
        with open_output(out) as stream:
            delimiter = self._delimiter(options)
            writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n", quoting=self.quoting,
                                quotechar=self.quotechar)
            writer.writerow([text_name, label_name, *meta_columns])
            for record in records:
                cells = [record.text, *(_cell(record.metadata.get(c, "")) for c in meta_columns)]
                if self.quoting == csv.QUOTE_NONE and any(ch in cell for cell in cells for ch in (delimiter, "\n", "\r")):
                    problems.append(record.problem(f"contains a tab or a line break, which {self.title} cannot "
                                                   "hold; not written. Export it as CSV instead"))
                    continue
                names = [label.name for label in labels_in_set(record, options.label_set)]
                if len(names) > 1 and any(separator in name for name in names):
                    problems.append(record.problem(
                        f"a label contains the separator {separator!r}; choose another --label-separator"))
                skipped.count(record, len(names))
                # Without labels, a metadata value under the label column's name fills it, as in JSONL.
                label_cell = separator.join(names) if names else _cell(record.metadata.get(label_name, ""))
                writer.writerow([cells[0], label_cell, *cells[1:]])
        yield from problems
        yield from skipped.problems(self.title)


def _cell(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class TsvFormat(CsvFormat):
    name = "tsv"
    title = "TSV"
    extensions = (".tsv", ".tab")
    delimiter = "\t"
    quoting = csv.QUOTE_NONE
    quotechar = None


class _Lookahead:
    """Yields ``(line number, row)`` from a CSV reader and can look at the first rows before they are consumed."""

    def __init__(self, reader):
        self.reader = reader
        self.buffer: list = []

    def _read(self) -> tuple[int, list[str]]:
        row = next(self.reader)
        return self.reader.line_num, row

    def peek(self, count: int) -> list[list[str]]:
        while len(self.buffer) < count:
            try:
                self.buffer.append(self._read())
            except StopIteration:
                break
        return [row for _, row in self.buffer]

    def __iter__(self):
        return self

    def __next__(self) -> tuple[int, list[str]]:
        if self.buffer:
            return self.buffer.pop(0)
        return self._read()
