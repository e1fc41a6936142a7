"""Plain text: one document per line, per blank-line-separated paragraph or per file."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from ..importing import split_text
from .base import Format, FormatError, Options, Problem, Record, SkippedAnnotations, Source
from .textio import base_suffix, open_output, read_text


class TextFormat(Format):
    name = "text"
    title = "Plain text"
    extensions = (".txt", ".text")
    merges_duplicates = False

    def detect(self, source: Source) -> int:
        return 1 if base_suffix(source.path) in self.extensions else 0

    def read(self, source: Source, options: Options) -> Iterator[Record | Problem]:
        if source.path.is_dir():
            files = sorted(p for p in source.path.rglob("*.txt") if p.is_file())
            if not files:
                raise FormatError(f"{source.path}: the folder contains no .txt files.")
            split = options.split or "file"
            for path in files:
                yield from self._read_file(path, split)
            return
        yield from self._read_file(source.path, options.split or "line")

    def _read_file(self, path: Path, split: str) -> Iterator[Record | Problem]:
        text = read_text(path).replace("\r\n", "\n").replace("\r", "\n")
        if text.startswith("\ufeff"):
            text = text[1:]
        if split == "line":
            lines = text.split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    yield Record(line, file=str(path), line=number)
                else:
                    yield Problem(str(path), number, "blank line", "blank")
            return
        pieces, blank = split_text(text, split)
        for _ in range(blank):
            yield Problem(str(path), None, "blank line", "blank")
        for number, piece in enumerate(pieces, start=1):
            yield Record(piece, file=str(path), number=number)

    def write(self, records: Iterable[Record], out: Path, options: Options) -> Iterator[Problem]:
        """Write one document per line (``split`` line) or per paragraph; report documents that would split."""
        split = options.split or "line"
        if split == "file":
            raise FormatError("Export plain text with split 'line' or 'paragraph'; 'file' applies to import only.")
        separator = "\n" if split == "line" else "\n\n"
        problems = []
        skipped = SkippedAnnotations(spans=True, labels=True)
        with open_output(out) as stream:
            first = True
            for record in records:
                skipped.count(record)
                text = record.text
                if split == "line" and "\n" in text:
                    problems.append(record.problem(
                        "contains a line break, so one line per document would split it; not written. "
                        "Export with split 'paragraph' to keep it"))
                    continue
                if split == "paragraph" and any(not line.strip() for line in text.split("\n")):
                    problems.append(record.problem(
                        "contains a blank line, so paragraphs would split it; not written"))
                    continue
                if not first:
                    stream.write(separator)
                stream.write(text)
                first = False
            if not first:
                stream.write("\n")
        yield from problems
        yield from skipped.problems(self.title)
