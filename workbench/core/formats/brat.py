"""brat standoff: ``name.txt`` with the text and ``name.ann`` with its annotations.

Text-bound annotations (``T1<TAB>LABEL START END<TAB>span text``) become spans. brat
counts offsets in characters of the ``.txt`` file as stored, so with CRLF line ends each
CR counts. The offsets are read that way first, and as offsets into the LF text when
the span text does not match. Discontinuous spans (``START END;START END``) cannot be stored and are
reported. Every other annotation line (relations, events, attributes, notes) is kept in
the metadata and written back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from .base import Format, FormatError, Options, Problem, Record, Source, Span, spans_in_set
from .textio import read_text, sniff
from .textutil import NewlineMap, span_text_for_line

EXTRA_LINES = "brat_lines"
TEXT_IDS = "brat_ids"
NAME = "brat_name"


def _matches(text: str, start: int, end: int, expected: str) -> bool:
    return 0 <= start < end <= len(text) and span_text_for_line(text[start:end]) == span_text_for_line(expected)


class BratFormat(Format):
    name = "brat"
    title = "brat standoff"
    extensions = (".ann",)
    writes_folder = True

    def detect(self, source: Source) -> int:
        path = source.path
        if path.suffix == ".ann":
            return 8
        if path.suffix == ".txt" and path.with_suffix(".ann").is_file():
            return 8
        return 0

    def read(self, source: Source, options: Options) -> Iterator[Record | Problem]:
        path = source.path
        if path.is_dir():
            pairs = sorted(p.with_suffix(".txt") for p in path.rglob("*.ann"))
        else:
            pairs = [path.with_suffix(".txt")]
        if not pairs:
            raise FormatError(f"{path}: no .ann files found.")
        for text_path in pairs:
            yield from self._read_pair(text_path, options)

    def _read_pair(self, text_path: Path, options: Options) -> Iterator[Record | Problem]:
        ann_path = text_path.with_suffix(".ann")
        if not text_path.is_file():
            yield Problem(str(ann_path), None, f"the text file {text_path.name} is missing; nothing of it was imported")
            return
        raw = read_text(text_path, sniff(text_path)[0]).lstrip("\ufeff")
        newlines = NewlineMap(raw)
        record = Record(newlines.text, {NAME: text_path.stem}, [], [], file=str(ann_path))
        extra, ids = [], {}
        lines = read_text(ann_path, sniff(ann_path)[0]).lstrip("\ufeff").splitlines() if ann_path.is_file() else []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            if not line.startswith("T"):
                extra.append(line)
                continue
            parts = line.split("\t")
            if len(parts) < 2 or len(parts[1].split(" ")) < 3:
                yield Problem(str(ann_path), number, f"malformed text-bound annotation {line!r}; expected "
                              "'T1<TAB>LABEL START END<TAB>text'")
                continue
            label, ranges = parts[1].split(" ", 1)
            if ";" in ranges:
                yield Problem(str(ann_path), number, f"{parts[0]} is a discontinuous span ({ranges}), which "
                              "cannot be stored; it was not imported")
                continue
            try:
                start, end = (int(v) for v in ranges.split(" "))
            except ValueError:
                yield Problem(str(ann_path), number, f"{parts[0]} has offsets {ranges!r}, not two integers")
                continue
            expected = parts[2] if len(parts) > 2 else None
            if newlines.dropped and expected is not None and not _matches(raw, start, end, expected) \
                    and _matches(newlines.text, start, end, expected):
                span = Span(start, end, label, options.span_label_set)
            else:
                span = Span(newlines.to_lf(start), newlines.to_lf(end), label, options.span_label_set)
                if not 0 <= start < end <= len(raw):
                    span = Span(start, end, label, options.span_label_set)
                elif expected is not None and not _matches(raw, start, end, expected):
                    yield Problem(str(ann_path), number, f"{parts[0]}: span text {expected!r} does not match "
                                  f"the text at [{start}, {end}) ({raw[start:end]!r}); it was not imported")
                    continue
            yield from self._check(record, span, str(ann_path), number)
            ids[parts[0]] = [span.start, span.end, label]
        if extra:
            record.metadata[EXTRA_LINES] = extra
        if ids:
            record.metadata[TEXT_IDS] = ids
        yield record

    def _check(self, record: Record, span: Span, file: str, number: int) -> Iterator[Problem]:
        if 0 <= span.start < span.end <= len(record.text):
            record.spans.append(span)
            return
        yield Problem(file, number, f"span {span.label!r} [{span.start}, {span.end}) is empty, reversed or outside "
                      f"the text of {len(record.text)} characters; it was not imported")

    def write(self, records: Iterable[Record], out: Path, options: Options) -> Iterator[Problem]:
        out.mkdir(parents=True, exist_ok=True)
        problems = []
        used: set[str] = set()
        for record in records:
            stem = str(record.metadata.get(NAME) or f"document-{record.document_id}")
            while stem in used:
                stem += f"-{record.document_id}"
            used.add(stem)
            (out / f"{stem}.txt").write_text(record.text, encoding="utf-8", newline="\n")
            ids = {tuple(v): k for k, v in (record.metadata.get(TEXT_IDS) or {}).items()}
            numbers = [int(k[1:]) for k in ids.values() if k[1:].isdigit()]
            next_number = max(numbers + [0]) + 1
            lines = []
            for span in spans_in_set(record, options.span_label_set):
                if any(ch.isspace() for ch in span.label):
                    problems.append(record.problem(f"span label {span.label!r} contains whitespace, which brat "
                                                   "does not allow; not written"))
                    continue
                key = ids.get((span.start, span.end, span.label))
                if key is None:
                    key, next_number = f"T{next_number}", next_number + 1
                lines.append(f"{key}\t{span.label} {span.start} {span.end}\t"
                             f"{span_text_for_line(record.text[span.start:span.end])}")
            lines.extend(record.metadata.get(EXTRA_LINES) or [])
            if record.labels:
                problems.append(record.problem(f"{len(record.labels)} document labels not written: brat "
                                               "annotates spans only", "note"))
            predicted = [s for s in record.spans if s.origin != "human"]
            if predicted:
                problems.append(record.problem(f"{len(predicted)} predicted spans not written: brat has no "
                                               "place for them", "note"))
            (out / f"{stem}.ann").write_text("".join(line + "\n" for line in lines), encoding="utf-8", newline="\n")
        return iter(problems)
