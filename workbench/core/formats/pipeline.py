"""Import files into a project and export a project's annotations, through the format registry."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..annotations import AnnotationError, validate_span
from ..jobs import JobCancelled, JobContext
from ..project import Project, utc_now
from .base import DocLabel, Format, FormatError, Options, Problem, Record, Source, Span
from .registry import detect, detect_folder, get_format
from .textio import FileEncoding, InputError, sniff
from .textutil import NewlineMap
from .store import ProjectWriter

log = logging.getLogger(__name__)

ON_ERROR = ("nothing", "valid")
DUPLICATES = ("merge", "keep")
# Report rows kept for display; the counts cover every row.
MAX_PROBLEMS = 1000
PROGRESS_EVERY = 5000


@dataclass
class FileSummary:
    path: str
    format: str
    encoding: str
    records: int = 0
    documents: int = 0
    merged: int = 0
    blank: int = 0
    errors: int = 0


@dataclass
class ImportSummary:
    """The import report: counts, per-file details and the problem rows (the first :data:`MAX_PROBLEMS`)."""

    files: list[FileSummary] = field(default_factory=list)
    records: int = 0
    documents: int = 0
    merged: int = 0
    blank_skipped: int = 0
    labels: int = 0
    spans: int = 0
    characters: int = 0
    errors: int = 0
    notes: int = 0
    problems: list[Problem] = field(default_factory=list)
    committed: bool = False
    dry_run: bool = False

    def add(self, problem: Problem) -> None:
        if problem.severity == "blank":
            self.blank_skipped += 1
            return
        if problem.severity == "error":
            self.errors += 1
        else:
            self.notes += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def as_dict(self) -> dict:
        return {
            "files": [f.path for f in self.files],
            "file_details": [vars(f) for f in self.files],
            "records": self.records,
            "documents": self.documents,
            "merged": self.merged,
            "blank_skipped": self.blank_skipped,
            "labels": self.labels,
            "spans": self.spans,
            "characters": self.characters,
            "errors": self.errors,
            "notes": self.notes,
            "committed": self.committed,
            "dry_run": self.dry_run,
            "problems": [p.as_dict() for p in self.problems],
        }


def open_source(path: Path | str) -> Source:
    """Return ``path`` as a :class:`Source`: a file with its sniffed encoding, or a folder."""
    path = Path(path)
    if path.is_dir():
        return Source(path, FileEncoding(label="folder", newline=""), "")
    if not path.exists():
        raise InputError(f"{path}: file not found.")
    info, sample = sniff(path)
    return Source(path, info, sample)


def resolve(path: Path | str, format_name: str | None = None) -> tuple[Source, Format]:
    """Return the source of ``path`` and its format: ``format_name`` when given, else the detected one."""
    source = open_source(path)
    if format_name:
        return source, get_format(format_name)
    if source.path.is_dir():
        return source, detect_folder(source.path)
    return source, detect(source)


def normalise_record(record: Record, report) -> Record | None:
    """Check spans against the text, convert CR/CRLF to LF, and drop blank records.

    Each rejected span goes to ``report`` as an error naming the record's line; the
    record keeps its other spans. Returns ``None`` for a blank record.
    """
    if not record.text.strip():
        report(Problem(record.file, record.line, "blank text", "blank", record.number))
        return None
    if not record.spans and not record.labels and "\r" not in record.text:
        return record
    kept = []
    seen = set()
    for span in record.spans:
        if not span.label.strip():
            report(record.problem(f"span [{span.start}, {span.end}) has no label; it was not imported"))
            continue
        try:
            validate_span(record.text, span.start, span.end)
        except AnnotationError as exc:
            report(record.problem(f"span {span.label!r}: {exc} It was not imported."))
            continue
        if span.key() in seen:
            report(record.problem(f"span {span.label!r} [{span.start}, {span.end}) given twice; kept once", "note"))
            continue
        seen.add(span.key())
        kept.append(span)
    record.spans = kept
    if "\r" in record.text:
        newlines = NewlineMap(record.text)
        record.text = newlines.text
        for span in record.spans:
            span.start, span.end = newlines.to_lf(span.start), newlines.to_lf(span.end)
    for label in record.labels:
        label.name = label.name.strip()
    record.labels = [label for label in record.labels if label.name]
    return record


def _expand(paths: list[Path | str], format_name: str | None) -> Iterator[tuple[Source, Format]]:
    for path in paths:
        yield resolve(path, format_name)


def import_paths(
    project: Project,
    paths: list[Path | str],
    format_name: str | None = None,
    options: Options | None = None,
    *,
    on_error: str = "nothing",
    duplicates: str | None = None,
    dry_run: bool = False,
    ctx: JobContext | None = None,
) -> ImportSummary:
    """Import ``paths`` into ``project`` in one transaction and return the report.

    ``on_error``: ``nothing`` rolls everything back when any error row was reported;
    ``valid`` keeps the valid records and labels. ``duplicates``: ``merge`` attaches a
    record whose text is already stored to that document; ``keep`` stores it again
    (default: the format's choice). ``dry_run`` reads and checks everything, then rolls back.
    """
    options = options or Options()
    options.check()
    if on_error not in ON_ERROR:
        raise FormatError(f"Unknown error policy {on_error!r}; choose one of {', '.join(ON_ERROR)}.")
    if duplicates is not None and duplicates not in DUPLICATES:
        raise FormatError(f"Unknown duplicates policy {duplicates!r}; choose one of {', '.join(DUPLICATES)}.")
    sources = list(_expand(paths, format_name))
    summary = ImportSummary(dry_run=dry_run)
    merge = duplicates == "merge" if duplicates else all(fmt.merges_duplicates for _, fmt in sources)
    writer = ProjectWriter(project, summary.add, merge_duplicates=merge,
                           label_set=options.label_set, span_label_set=options.span_label_set)
    writer.begin()
    committed = False
    try:
        for source, fmt in sources:
            _import_source(source, fmt, options, writer, summary, ctx)
        writer.complete()
        for details in summary.files:
            moved = writer.moved_from.get(details.path, 0)
            details.documents -= moved
            details.merged += moved
        summary.documents, summary.merged = writer.documents, writer.merged
        summary.labels, summary.spans, summary.characters = writer.labels, writer.spans, writer.characters
        commit = not dry_run and (summary.errors == 0 or on_error == "valid")
        if commit:
            now = utc_now()
            writer.conn.executemany(
                "INSERT INTO imports (path, mode, documents, blank_skipped, created_at) VALUES (?, ?, ?, ?, ?)",
                [(f.path, f.format, f.documents, f.blank, now) for f in summary.files],
            )
        writer.finish(commit)
        committed = commit
    finally:
        if not committed:
            writer.finish(False)
    summary.committed = committed
    log.info("Import of %d file(s) into %s: %d records, %d new documents, %d merged, %d errors, %s",
             len(summary.files), project.root, summary.records, summary.documents, summary.merged,
             summary.errors, "committed" if committed else "rolled back")
    return summary


def _import_source(source: Source, fmt: Format, options: Options, writer: ProjectWriter,
                   summary: ImportSummary, ctx: JobContext | None) -> None:
    details = FileSummary(str(source.path), fmt.name, source.encoding.describe())
    summary.files.append(details)
    documents_before, merged_before = writer.documents, writer.merged
    errors_before, blank_before = summary.errors, summary.blank_skipped
    report = summary.add
    pending = writer.pending
    batch_size = writer.batch_size
    writer.source = str(source.path)
    records = 0
    try:
        for item in fmt.read(source, options):
            if item.__class__ is not Record:
                report(item)
                continue
            records += 1
            text = item.text
            # Most records need no normalising: no annotations, no CR, not blank.
            if item.spans or item.labels or "\r" in text or not text or text.isspace():
                item = normalise_record(item, report)
                if item is None:
                    continue
            pending.append(item)
            if len(pending) >= batch_size:
                writer.flush()
            if ctx is not None and records % PROGRESS_EVERY == 0:
                ctx.check_stop()
                ctx.report(summary.records + records, 0,
                           f"{summary.records + records:,} records read from {source.path.name}")
    except (InputError, FormatError) as exc:
        summary.add(Problem(str(source.path), None, str(exc)))
    finally:
        details.records += records
        summary.records += records
    writer.flush()
    details.documents = writer.documents - documents_before
    details.merged = writer.merged - merged_before
    details.errors = summary.errors - errors_before
    details.blank = summary.blank_skipped - blank_before


def preview(path: Path | str, format_name: str | None = None, options: Options | None = None,
            limit: int = 20) -> tuple[Source, Format, list[Record], list[Problem]]:
    """Read the first ``limit`` records of ``path`` without storing anything."""
    options = options or Options()
    options.check()
    source, fmt = resolve(path, format_name)
    records: list[Record] = []
    problems: list[Problem] = []
    try:
        for item in fmt.read(source, options):
            if isinstance(item, Problem):
                if item.severity != "blank":
                    problems.append(item)
                continue
            record = normalise_record(item, problems.append)
            if record is not None:
                records.append(record)
            if len(records) >= limit:
                break
    except (InputError, FormatError) as exc:
        problems.append(Problem(str(source.path), None, str(exc)))
    problems = [p for p in problems if p.severity != "blank"]
    return source, fmt, records, problems


# Export -------------------------------------------------------------------------------


@dataclass
class ExportSummary:
    path: str
    format: str
    records: int = 0
    problems: list[Problem] = field(default_factory=list)
    dropped: int = 0

    def as_dict(self) -> dict:
        return {"path": self.path, "format": self.format, "records": self.records, "dropped": self.dropped,
                "problems": [p.as_dict() for p in self.problems]}


def project_records(project: Project, ids: list[int] | None = None, batch: int = 1000,
                    counter: list[int] | None = None) -> Iterator[Record]:
    """Yield every document of ``project`` (or only ``ids``) as a :class:`Record` with its labels and spans."""
    conn = project.db().conn
    set_names = dict(conn.execute("SELECT id, name FROM label_sets"))
    label_names = dict(conn.execute("SELECT id, name FROM labels"))
    last = 0
    wanted = sorted(ids) if ids is not None else None
    while True:
        if wanted is not None:
            chunk = wanted[:batch]
            wanted = wanted[batch:]
            if not chunk:
                return
            marks = ",".join("?" * len(chunk))
            rows = conn.execute(f"SELECT id, text, metadata FROM documents WHERE id IN ({marks}) ORDER BY id",
                                chunk).fetchall()
        else:
            rows = conn.execute("SELECT id, text, metadata FROM documents WHERE id > ? ORDER BY id LIMIT ?",
                                [last, batch]).fetchall()
            if not rows:
                return
            last = rows[-1][0]
        records = {}
        for doc_id, text, metadata in rows:
            records[doc_id] = Record(text, json.loads(metadata or "{}"), [], [], document_id=doc_id,
                                     file=f"document {doc_id}")
        marks = ",".join("?" * len(records))
        keys = list(records)
        for doc_id, set_id, label_id, origin, score in conn.execute(
            f"SELECT document_id, label_set_id, label_id, origin, score FROM document_labels "
            f"WHERE document_id IN ({marks}) ORDER BY id", keys,
        ):
            records[doc_id].labels.append(DocLabel(label_names[label_id], set_names[set_id], origin, score))
        for doc_id, set_id, label_id, start, end, origin, score in conn.execute(
            f'SELECT document_id, label_set_id, label_id, start, "end", origin, score FROM spans '
            f'WHERE document_id IN ({marks}) ORDER BY document_id, start, "end", id', keys,
        ):
            records[doc_id].spans.append(Span(start, end, label_names[label_id], set_names[set_id], origin, score))
        for record in records.values():
            if counter is not None:
                counter[0] += 1
            yield record


def export_project(project: Project, format_name: str, out: Path | str, options: Options | None = None,
                   ids: list[int] | None = None, ctx: JobContext | None = None) -> ExportSummary:
    """Write the documents of ``project`` (all, or ``ids``) with their annotations to ``out`` in ``format_name``."""
    options = options or Options()
    options.check()
    fmt = get_format(format_name)
    out = Path(out)
    summary = ExportSummary(str(out), fmt.name)
    counter = [0]

    def records():
        for record in project_records(project, ids, counter=counter):
            if ctx is not None and counter[0] % PROGRESS_EVERY == 0:
                if ctx.stop_requested:
                    raise JobCancelled()
                ctx.report(counter[0], 0, f"{counter[0]:,} documents written")
            yield record

    for problem in fmt.write(records(), out, options):
        if problem.severity == "error":
            summary.dropped += 1
        if len(summary.problems) < MAX_PROBLEMS:
            summary.problems.append(problem)
    summary.records = counter[0]
    log.info("Exported %d documents from %s to %s as %s (%d items not written)",
             summary.records, project.root, out, fmt.name, summary.dropped)
    return summary
