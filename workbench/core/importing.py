"""Import plain text and JSONL into a project's documents.

Line endings: CRLF and lone CR are normalised to LF on import. Import is the only moment
this can happen, because a document has no annotations yet, so no span offset can move.
After import the stored text is never changed behind the user's back.

One call imports all of its files or none: every file is read and decoded before the
first row is written, and the rows go in one transaction.

Files may be gzip-compressed and UTF-16 with a BOM as well as UTF-8. Annotated formats
(CSV, doccano, Label Studio, CoNLL and others) are imported by :mod:`.formats`.
"""

from __future__ import annotations

import codecs
import gzip
import json
import logging
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .project import Project, utc_now

log = logging.getLogger(__name__)

MODES = ("line", "paragraph", "file")


class ImportFailed(Exception):
    """An input file could not be read; nothing of this import was stored."""


@dataclass
class ImportReport:
    files: list[str] = field(default_factory=list)
    documents: int = 0
    blank_skipped: int = 0
    characters: int = 0
    per_file: dict[str, tuple[int, int]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "documents": self.documents,
            "blank_skipped": self.blank_skipped,
            "characters": self.characters,
        }


def decode_utf8(data: bytes, path: Path) -> str:
    """Decode UTF-8 with or without a BOM; raise :class:`ImportFailed` naming the bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        offset = exc.start + bom if exc.object is not data else exc.start
        raise ImportFailed(
            f"{path}: invalid UTF-8 at byte offset {offset} (byte 0x{data[offset]:02x}). "
            "Convert the file to UTF-8 (for example with iconv) and import it again; "
            "nothing was imported."
        ) from exc


def decode_file(path: Path) -> str:
    """Read ``path`` (optionally gzip-compressed) as UTF-16 with a BOM or as UTF-8; raise :class:`ImportFailed`."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise ImportFailed(f"{path}: invalid gzip data ({exc}); nothing was imported.") from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFailed(
                f"{path}: invalid UTF-16 at byte offset {exc.start}. Convert the file to UTF-8 and "
                "import it again; nothing was imported."
            ) from exc
    return decode_utf8(data, path)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_text(text: str, mode: str) -> tuple[list[str], int]:
    """Split ``text`` into documents by ``mode``; return them and the count of blank pieces."""
    if mode == "file":
        if text.strip():
            return [text.rstrip("\n")], 0
        return [], 1
    if mode == "line":
        pieces = text.split("\n")
        if pieces and pieces[-1] == "":
            pieces.pop()  # the file's final newline ends the last line, it adds no line
    elif mode == "paragraph":
        pieces = []
        blank = 0
        current: list[str] = []
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for line in lines:
            if line.strip():
                current.append(line)
                continue
            blank += 1
            if current:
                pieces.append("\n".join(current))
                current = []
        if current:
            pieces.append("\n".join(current))
        return pieces, blank
    else:
        raise ValueError(f"Unknown split mode {mode!r}; choose one of {', '.join(MODES)}.")
    documents = [p for p in pieces if p.strip()]
    return documents, len(pieces) - len(documents)


def _read_jsonl(path: Path, text: str) -> tuple[list[tuple[str, dict]], int]:
    rows: list[tuple[str, dict]] = []
    blank = 0
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the file's final newline ends the last record, it adds no line
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            blank += 1
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportFailed(
                f"{path}, line {number}: invalid JSON ({exc.msg} at column {exc.colno}). "
                "Fix or remove that line; nothing was imported."
            ) from exc
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise ImportFailed(
                f"{path}, line {number}: expected a JSON object with a string field "
                "'text'. Fix or remove that line; nothing was imported."
            )
        body = normalise_newlines(record.pop("text"))
        if not body.strip():
            blank += 1
            continue
        rows.append((body, record))
    return rows, blank


def _collect_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                raise ImportFailed(f"{path}: the folder contains no .txt files; nothing was imported.")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise ImportFailed(f"{path}: file not found; nothing was imported.")
    return files


def read_documents(
    paths: list[Path | str], mode: str | None = None
) -> tuple[list[tuple[str, str, dict]], ImportReport]:
    """Read every file in ``paths`` into ``(text, source, metadata)`` rows without storing them.

    ``mode`` applies to ``.txt`` files: ``line`` (default for a file), ``paragraph``
    (blank-line separated), or ``file`` (default for the files of a folder).
    ``.jsonl`` files give one document per record.
    """
    if mode is not None and mode not in MODES:
        raise ImportFailed(f"Unknown split mode {mode!r}; choose one of {', '.join(MODES)}.")
    report = ImportReport()
    rows: list[tuple[str, str, dict]] = []
    for given in paths:
        given = Path(given)
        folder = given.is_dir()
        for path in _collect_files([given]):
            text = normalise_newlines(decode_file(path))
            report.files.append(str(path))
            before = len(rows)
            suffixes = [suffix.lower() for suffix in path.suffixes[-2:]]
            if suffixes[-1:] == [".gz"]:
                suffixes.pop()
            if suffixes[-1:] in ([".jsonl"], [".ndjson"]):
                records, blank = _read_jsonl(path, text)
                rows.extend((body, str(path), meta) for body, meta in records)
            else:
                file_mode = mode or ("file" if folder else "line")
                pieces, blank = split_text(text, file_mode)
                rows.extend((piece, str(path), {}) for piece in pieces)
            report.blank_skipped += blank
            report.per_file[str(path)] = (len(rows) - before, blank)
    report.documents = len(rows)
    report.characters = sum(len(r[0]) for r in rows)
    return rows, report


def import_files(project: Project, paths: list[Path | str], mode: str | None = None) -> ImportReport:
    """Import ``paths`` into ``project`` in one transaction; see :func:`read_documents`."""
    rows, report = read_documents(paths, mode)
    now = utc_now()
    with project.transaction() as db:
        db.conn.executemany(
            "INSERT INTO documents (text, source, metadata, created_at) VALUES (?, ?, ?, ?)",
            ((text, source, json.dumps(meta, ensure_ascii=False), now) for text, source, meta in rows),
        )
        for path, (documents, blank) in report.per_file.items():
            db.conn.execute(
                "INSERT INTO imports (path, mode, documents, blank_skipped, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [path, mode or "", documents, blank, now],
            )
    log.info(
        "Imported %d documents (%d blank skipped) from %d files into %s",
        report.documents, report.blank_skipped, len(report.files), project.root,
    )
    return report
