"""Label sets, labels, document labels, spans and document marks.

Every write is one committed transaction before the function returns, so the caller's
next action never races an unsaved label. Human annotation actions also store their undo
entry in that same transaction (see :mod:`.annotation_history`). Span offsets are Unicode
code points, end-exclusive, into the stored text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .annotation_history import ChangeRecorder
from .offsets import TextOffsets
from .project import Project, utc_now

log = logging.getLogger(__name__)

LABEL_SET_KINDS = ("classify", "multilabel", "spans")
ORIGINS = ("human", "prediction")
# skipped: passed over on purpose; flagged: needs review; done: a span document checked
# and finished, even when it has no span.
MARK_KINDS = ("skipped", "flagged", "done")

# Distinct colours for labels created without one (Tableau 10).
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
           "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]


class AnnotationError(Exception):
    """An annotation request is invalid (unknown label, bad span, duplicate name)."""


@dataclass(frozen=True)
class Label:
    id: int
    label_set_id: int
    name: str
    color: str
    shortcut: str
    description: str
    position: int


@dataclass(frozen=True)
class LabelSet:
    id: int
    name: str
    kind: str


# Label sets and labels ------------------------------------------------------------------

def ensure_label_set(project: Project, name: str = "default", kind: str = "classify") -> int:
    """Return the id of label set ``name``, creating it with ``kind`` if it does not exist."""
    if kind not in LABEL_SET_KINDS:
        raise AnnotationError(f"Unknown label set kind {kind!r}; choose one of {', '.join(LABEL_SET_KINDS)}.")
    name = name.strip()
    if not name:
        raise AnnotationError("A label set needs a name; type one and create it again.")
    db = project.db()
    row = db.execute("SELECT id FROM label_sets WHERE name = ?", [name]).fetchone()
    if row:
        return row[0]
    with project.transaction():
        cursor = db.conn.execute("INSERT INTO label_sets (name, kind) VALUES (?, ?)", [name, kind])
    return cursor.lastrowid


def label_sets(project: Project) -> list[LabelSet]:
    rows = project.db().execute("SELECT id, name, kind FROM label_sets ORDER BY id").fetchall()
    return [LabelSet(*row) for row in rows]


def label_set(project: Project, label_set_id: int) -> LabelSet:
    row = project.db().execute("SELECT id, name, kind FROM label_sets WHERE id = ?", [label_set_id]).fetchone()
    if row is None:
        raise AnnotationError(f"Label set {label_set_id} not found.")
    return LabelSet(*row)


def find_label_set(project: Project, name: str) -> LabelSet:
    row = project.db().execute("SELECT id, name, kind FROM label_sets WHERE name = ?", [name]).fetchone()
    if row is None:
        known = ", ".join(s.name for s in label_sets(project)) or "none yet"
        raise AnnotationError(f"Label set {name!r} not found (label sets: {known}).")
    return LabelSet(*row)


def labels(project: Project, label_set_id: int) -> list[Label]:
    rows = project.db().execute(
        "SELECT id, label_set_id, name, color, shortcut, description, position FROM labels "
        "WHERE label_set_id = ? ORDER BY position, id",
        [label_set_id],
    ).fetchall()
    return [Label(*row) for row in rows]


def label(project: Project, label_id: int) -> Label:
    row = project.db().execute(
        "SELECT id, label_set_id, name, color, shortcut, description, position FROM labels WHERE id = ?",
        [label_id],
    ).fetchone()
    if row is None:
        raise AnnotationError(f"Label {label_id} not found.")
    return Label(*row)


def find_label(project: Project, label_set_id: int, name: str) -> Label:
    existing = labels(project, label_set_id)
    for candidate in existing:
        if candidate.name == name:
            return candidate
    known = ", ".join(c.name for c in existing) or "none yet"
    raise AnnotationError(f"Label {name!r} not found (labels: {known}).")


def _check_label_fields(existing: list[Label], name: str, shortcut: str, skip_id: int | None = None) -> None:
    if not name:
        raise AnnotationError("A label needs a name; type one and save it again.")
    others = [other for other in existing if other.id != skip_id]
    if any(other.name == name for other in others):
        raise AnnotationError(f"Label {name!r} already exists in this label set; choose another name.")
    if len(shortcut) > 1:
        raise AnnotationError(f"Shortcut {shortcut!r} is longer than one key; use a single letter or digit.")
    if shortcut and (not shortcut.isprintable() or shortcut.isspace()):
        raise AnnotationError(f"Shortcut {shortcut!r} is not a visible key; use a letter or digit.")
    clash = next((other for other in others if shortcut and other.shortcut == shortcut), None)
    if clash is not None:
        raise AnnotationError(f"Key {shortcut!r} already selects label {clash.name!r}; choose another key.")


def add_label(
    project: Project, label_set_id: int, name: str, color: str = "", shortcut: str = "", description: str = "",
    annotator: str = "",
) -> Label:
    """Add a label; by default its shortcut is the next free digit 1-9 and its colour the next in the palette."""
    name = name.strip()
    existing = labels(project, label_set_id)
    if not shortcut:
        used = {other.shortcut for other in existing}
        shortcut = next((str(d) for d in range(1, 10) if str(d) not in used), "")
    _check_label_fields(existing, name, shortcut)
    position = max((other.position for other in existing), default=-1) + 1
    if not color:
        color = PALETTE[len(existing) % len(PALETTE)]
    row = {"label_set_id": label_set_id, "name": name, "color": color, "shortcut": shortcut,
           "description": description, "position": position}
    with project.transaction() as db:
        changes = ChangeRecorder(db.conn)
        label_id = changes.insert("labels", row)
        changes.record("add label", f"Add label {name!r}", annotator, label_set_id=label_set_id)
    return Label(label_id, label_set_id, name, color, shortcut, description, position)


def update_label(
    project: Project, label_id: int, name: str | None = None, color: str | None = None,
    shortcut: str | None = None, description: str | None = None, annotator: str = "",
) -> Label:
    """Change a label's name, colour, shortcut or description (``None`` keeps a field)."""
    current = label(project, label_id)
    values = {"name": current.name if name is None else name.strip(),
              "color": current.color if color is None else color,
              "shortcut": current.shortcut if shortcut is None else shortcut,
              "description": current.description if description is None else description}
    _check_label_fields(labels(project, current.label_set_id), values["name"], values["shortcut"], label_id)
    changed = {k: v for k, v in values.items() if getattr(current, k) != v}
    if changed:
        summary = (f"Rename label {current.name!r} to {values['name']!r}" if "name" in changed
                   else f"Edit label {current.name!r}")
        with project.transaction() as db:
            changes = ChangeRecorder(db.conn)
            changes.update("labels", label_id, changed)
            changes.record("edit label", summary, annotator, label_set_id=current.label_set_id)
    return label(project, label_id)


def label_usage(project: Project, label_id: int) -> dict[str, int]:
    """Count the document labels (human and predicted) and spans that use ``label_id``."""
    db = project.db()
    return {
        "document_labels": db.execute("SELECT count(*) FROM document_labels WHERE label_id = ?", [label_id]).fetchone()[0],
        "spans": db.execute("SELECT count(*) FROM spans WHERE label_id = ?", [label_id]).fetchone()[0],
    }


def merge_labels(project: Project, source_id: int, target_id: int, annotator: str = "") -> dict[str, int]:
    """Move every annotation of ``source_id`` to ``target_id`` and delete ``source_id``; return the counts moved.

    A document that already has ``target_id`` from the same annotator and origin keeps one
    row, so the merge never creates a duplicate document label.
    """
    source, target = label(project, source_id), label(project, target_id)
    if source.id == target.id:
        raise AnnotationError(f"Cannot merge label {source.name!r} into itself; choose another target label.")
    if source.label_set_id != target.label_set_id:
        raise AnnotationError(f"Labels {source.name!r} and {target.name!r} are in different label sets.")
    counts = {"document_labels": 0, "spans": 0}
    with project.transaction() as db:
        changes = ChangeRecorder(db.conn)
        rows = db.conn.execute(
            "SELECT id, document_id, origin, annotator FROM document_labels WHERE label_id = ?", [source_id]
        ).fetchall()
        for row_id, document_id, origin, who in rows:
            duplicate = db.conn.execute(
                "SELECT 1 FROM document_labels WHERE document_id = ? AND label_set_id = ? AND label_id = ? "
                "AND origin = ? AND annotator IS ?",
                [document_id, source.label_set_id, target_id, origin, who],
            ).fetchone()
            if duplicate:
                changes.delete("document_labels", row_id)
            else:
                changes.update("document_labels", row_id, {"label_id": target_id})
            counts["document_labels"] += 1
        for (span_id,) in db.conn.execute("SELECT id FROM spans WHERE label_id = ?", [source_id]).fetchall():
            changes.update("spans", span_id, {"label_id": target_id})
            counts["spans"] += 1
        changes.delete("labels", source_id)
        changes.record("merge labels", f"Merge label {source.name!r} into {target.name!r}", annotator,
                       label_set_id=source.label_set_id)
    return counts


def delete_label(project: Project, label_id: int, annotator: str = "") -> dict[str, int]:
    """Delete a label with every document label and span that uses it; return the counts deleted."""
    current = label(project, label_id)
    counts = {"document_labels": 0, "spans": 0}
    with project.transaction() as db:
        changes = ChangeRecorder(db.conn)
        for table in ("document_labels", "spans"):
            for (row_id,) in db.conn.execute(f"SELECT id FROM {table} WHERE label_id = ?", [label_id]).fetchall():
                changes.delete(table, row_id)
                counts[table] += 1
        changes.delete("labels", label_id)
        changes.record("delete label", f"Delete label {current.name!r}", annotator, label_set_id=current.label_set_id)
    return counts


# Document labels ------------------------------------------------------------------------

def _check_origin(origin: str) -> None:
    if origin not in ORIGINS:
        raise AnnotationError(f"Unknown annotation origin {origin!r}; use one of {', '.join(ORIGINS)}.")


def _check_label(db, label_id: int, label_set_id: int) -> None:
    row = db.conn.execute("SELECT label_set_id FROM labels WHERE id = ?", [label_id]).fetchone()
    if row is None or row[0] != label_set_id:
        raise AnnotationError(f"Label {label_id} is not in label set {label_set_id}.")


def _check_document(db, document_id: int) -> None:
    if db.conn.execute("SELECT 1 FROM documents WHERE id = ?", [document_id]).fetchone() is None:
        raise AnnotationError(f"Document {document_id} not found.")


def _replace_document_labels(
    project: Project, document_id: int, label_set_id: int, label_ids: list[int], annotator: str,
    origin: str, scores: list[float | None], action: str, record: bool | None,
) -> None:
    """Replace the labels of ``origin`` by ``annotator`` on a document in one transaction.

    ``record=None`` stores an undo entry for human labels only. Predictions and bulk imports
    skip it, because they write thousands of rows that nobody undoes one by one.
    """
    _check_origin(origin)
    with project.transaction() as db:
        _check_document(db, document_id)
        for label_id in label_ids:
            _check_label(db, label_id, label_set_id)
        changes = ChangeRecorder(db.conn)
        old = db.conn.execute(
            "SELECT id FROM document_labels WHERE document_id = ? AND label_set_id = ? AND origin = ? "
            "AND annotator IS ?",
            [document_id, label_set_id, origin, annotator],
        ).fetchall()
        for (row_id,) in old:
            changes.delete("document_labels", row_id)
        now = utc_now()
        for label_id, score in zip(dict.fromkeys(label_ids), scores):
            changes.insert("document_labels", {
                "document_id": document_id, "label_set_id": label_set_id, "label_id": label_id,
                "origin": origin, "score": score, "annotator": annotator, "updated_at": now,
            })
        if record or (record is None and origin == "human"):
            names = ", ".join(
                db.conn.execute("SELECT name FROM labels WHERE id = ?", [i]).fetchone()[0] for i in label_ids
            ) or "no label"
            changes.record(action, f"Document {document_id}: {names}", annotator, document_id, label_set_id)


def set_document_label(
    project: Project, document_id: int, label_set_id: int, label_id: int | None, annotator: str = "",
    origin: str = "human", score: float | None = None, record: bool | None = None,
) -> None:
    """Make ``label_id`` the only label of ``origin`` by ``annotator`` on a document (``None`` clears them).

    ``record`` stores an undo entry; by default only human labels get one.
    """
    ids = [] if label_id is None else [label_id]
    _replace_document_labels(project, document_id, label_set_id, ids, annotator, origin, [score],
                             "label document", record)


def set_document_labels(
    project: Project, document_id: int, label_set_id: int, label_ids: list[int], annotator: str = "",
    origin: str = "human", scores: list[float | None] | None = None, record: bool | None = None,
) -> None:
    """Replace the labels of ``origin`` by ``annotator`` on a document with ``label_ids`` (multi-label sets).

    ``record`` stores an undo entry; by default only human labels get one.
    """
    scores = scores if scores is not None else [None] * len(label_ids)
    _replace_document_labels(project, document_id, label_set_id, label_ids, annotator, origin, scores,
                             "label document", record)


def toggle_document_label(
    project: Project, document_id: int, label_set_id: int, label_id: int, annotator: str = ""
) -> bool:
    """Add ``label_id`` to a document's human labels by ``annotator``, or remove it; return whether it is now set."""
    current = document_label_ids(project, document_id, label_set_id, annotator=annotator)
    if label_id in current:
        current.remove(label_id)
        now_set = False
    else:
        current.append(label_id)
        now_set = True
    set_document_labels(project, document_id, label_set_id, current, annotator)
    return now_set


def document_label(project: Project, document_id: int, label_set_id: int, origin: str = "human") -> int | None:
    """Return the first label of ``origin`` on a document (single-choice sets have one)."""
    row = project.db().execute(
        "SELECT label_id FROM document_labels WHERE document_id = ? AND label_set_id = ? AND origin = ? "
        "ORDER BY id LIMIT 1",
        [document_id, label_set_id, origin],
    ).fetchone()
    return row[0] if row else None


def document_label_ids(
    project: Project, document_id: int, label_set_id: int, origin: str = "human", annotator: str | None = None,
) -> list[int]:
    """Return every label of ``origin`` on a document (from ``annotator`` only, if given), in the order set."""
    sql = ("SELECT label_id FROM document_labels WHERE document_id = ? AND label_set_id = ? AND origin = ?")
    params: list = [document_id, label_set_id, origin]
    if annotator is not None:
        sql += " AND annotator IS ?"
        params.append(annotator)
    return list(dict.fromkeys(r[0] for r in project.db().execute(sql + " ORDER BY id", params)))


def predicted_labels(project: Project, document_id: int, label_set_id: int) -> list[tuple[int, float | None]]:
    """Return a document's predicted ``(label_id, score)`` pairs, highest score first."""
    rows = project.db().execute(
        "SELECT label_id, score FROM document_labels WHERE document_id = ? AND label_set_id = ? "
        "AND origin = 'prediction' ORDER BY score DESC, id",
        [document_id, label_set_id],
    )
    return [(row[0], row[1]) for row in rows]


def document_labels_for(
    project: Project, ids: list[int], label_set_id: int, origin: str = "human"
) -> dict[int, int]:
    """Map each labelled document in ``ids`` to its first label of ``origin``."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = project.db().execute(
        f"SELECT document_id, label_id FROM document_labels WHERE label_set_id = ? AND origin = ? "
        f"AND document_id IN ({marks}) ORDER BY id DESC",
        [label_set_id, origin, *ids],
    )
    return dict(rows.fetchall())


def _done_sql(project: Project, label_set_id: int) -> str:
    """Return a SELECT of the ids of documents finished in ``label_set_id`` (one ``?`` parameter per branch)."""
    kind = label_set(project, label_set_id).kind
    if kind == "spans":
        return ("SELECT document_id FROM spans WHERE label_set_id = ? AND origin = 'human' "
                "UNION SELECT document_id FROM document_marks WHERE label_set_id = ? AND kind = 'done'")
    return ("SELECT document_id FROM document_labels WHERE label_set_id = ? AND origin = 'human' "
            "UNION SELECT document_id FROM document_marks WHERE label_set_id = ? AND kind = 'done'")


def labelled_count(project: Project, label_set_id: int) -> int:
    """Count documents finished in ``label_set_id``: with a human label (or span), or marked done."""
    sql = _done_sql(project, label_set_id)
    return project.db().execute(
        f"SELECT count(*) FROM ({sql}) JOIN documents ON documents.id = document_id",
        [label_set_id, label_set_id],
    ).fetchone()[0]


def first_unlabelled(project: Project, label_set_id: int, after: int | None = None) -> int | None:
    """Return the id of the first document (by id, after ``after``) neither finished nor skipped in ``label_set_id``."""
    sql = _done_sql(project, label_set_id)
    row = project.db().execute(
        f"SELECT id FROM documents WHERE id > ? AND id NOT IN ({sql}) AND id NOT IN "
        "(SELECT document_id FROM document_marks WHERE label_set_id = ? AND kind = 'skipped') "
        "ORDER BY id LIMIT 1",
        [-1 if after is None else after, label_set_id, label_set_id, label_set_id],
    ).fetchone()
    return row[0] if row else None


def finished_ids(project: Project, ids: list[int], label_set_id: int) -> set[int]:
    """Return which of ``ids`` are finished in ``label_set_id``."""
    if not ids:
        return set()
    sql = _done_sql(project, label_set_id)
    marks = ",".join("?" * len(ids))
    rows = project.db().execute(
        f"SELECT document_id FROM ({sql}) WHERE document_id IN ({marks})", [label_set_id, label_set_id, *ids]
    )
    return {r[0] for r in rows}


# Document marks: skipped, flagged for review, done ---------------------------------------

def set_mark(
    project: Project, document_id: int, label_set_id: int, kind: str, on: bool = True, annotator: str = "",
    note: str = "",
) -> bool:
    """Set or clear mark ``kind`` on a document; return whether anything changed."""
    if kind not in MARK_KINDS:
        raise AnnotationError(f"Unknown document mark {kind!r}; use one of {', '.join(MARK_KINDS)}.")
    with project.transaction() as db:
        _check_document(db, document_id)
        changes = ChangeRecorder(db.conn)
        row = db.conn.execute(
            "SELECT id FROM document_marks WHERE document_id = ? AND label_set_id = ? AND kind = ?",
            [document_id, label_set_id, kind],
        ).fetchone()
        if on and row is None:
            changes.insert("document_marks", {"document_id": document_id, "label_set_id": label_set_id,
                                              "kind": kind, "annotator": annotator, "note": note,
                                              "updated_at": utc_now()})
        elif not on and row is not None:
            changes.delete("document_marks", row[0])
        verb = "Mark" if on else "Unmark"
        changes.record(f"{'' if on else 'un'}mark {kind}", f"{verb} document {document_id} {kind}", annotator,
                       document_id, label_set_id)
    return bool(changes.changes)


def document_marks(project: Project, document_id: int, label_set_id: int) -> set[str]:
    rows = project.db().execute(
        "SELECT kind FROM document_marks WHERE document_id = ? AND label_set_id = ?", [document_id, label_set_id]
    )
    return {r[0] for r in rows}


def mark_counts(project: Project, label_set_id: int) -> dict[str, int]:
    rows = project.db().execute(
        "SELECT kind, count(*) FROM document_marks WHERE label_set_id = ? GROUP BY kind", [label_set_id]
    ).fetchall()
    return {kind: dict(rows).get(kind, 0) for kind in MARK_KINDS}


def marks_for(project: Project, ids: list[int], label_set_id: int) -> dict[int, set[str]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    result: dict[int, set[str]] = {}
    for document_id, kind in project.db().execute(
        f"SELECT document_id, kind FROM document_marks WHERE label_set_id = ? AND document_id IN ({marks})",
        [label_set_id, *ids],
    ):
        result.setdefault(document_id, set()).add(kind)
    return result


# Spans ----------------------------------------------------------------------------------

def validate_span(text: str, start: int, end: int, whole_graphemes: bool = False) -> None:
    """Raise :class:`AnnotationError` unless ``0 <= start < end <= len(text)``.

    With ``whole_graphemes``, also reject an edge inside a grapheme cluster (a surrogate
    pair cannot occur, because Python strings hold whole code points).
    """
    if start == end:
        raise AnnotationError(f"Span [{start}, {end}) is empty; select at least one character.")
    if start > end:
        raise AnnotationError(f"Span [{start}, {end}) is reversed; its start must come before its end.")
    if start < 0 or end > len(text):
        raise AnnotationError(
            f"Span [{start}, {end}) lies outside the document of {len(text)} characters."
        )
    if whole_graphemes:
        offsets = TextOffsets(text)
        for edge in (start, end):
            if not offsets.is_grapheme_boundary(edge):
                snapped = offsets.snap_to_graphemes(start, end)
                raise AnnotationError(
                    f"Span [{start}, {end}) has an edge at {edge}, inside a character made of several code "
                    f"points (an emoji sequence or a letter with combining marks); use [{snapped[0]}, {snapped[1]})."
                )


def add_span(
    project: Project, document_id: int, label_set_id: int, label_id: int, start: int, end: int,
    origin: str = "human", annotator: str = "", score: float | None = None, whole_graphemes: bool = False,
    record: bool | None = None,
) -> int:
    """Add a span after checking its offsets against the stored text; return its id.

    ``record`` stores an undo entry; by default only human spans get one, so an importer
    of many spans passes ``record=False``.
    """
    _check_origin(origin)
    try:
        text = project.document(document_id)["text"]
    except KeyError as exc:
        raise AnnotationError(f"Document {document_id} not found.") from exc
    validate_span(text, start, end, whole_graphemes)
    with project.transaction() as db:
        _check_label(db, label_id, label_set_id)
        changes = ChangeRecorder(db.conn)
        span_id = changes.insert("spans", {
            "document_id": document_id, "label_set_id": label_set_id, "label_id": label_id, "start": start,
            "end": end, "origin": origin, "annotator": annotator, "created_at": utc_now(), "score": score,
        })
        if record or (record is None and origin == "human"):
            name = db.conn.execute("SELECT name FROM labels WHERE id = ?", [label_id]).fetchone()[0]
            changes.record("add span", f"Add {name} span {text[start:end]!r}", annotator, document_id, label_set_id)
    return span_id


def _span_row(db, span_id: int) -> tuple:
    row = db.conn.execute(
        'SELECT document_id, label_set_id, label_id, start, "end" FROM spans WHERE id = ?', [span_id]
    ).fetchone()
    if row is None:
        raise AnnotationError(f"Span {span_id} not found; it may have been deleted or undone.")
    return row


def delete_span(project: Project, span_id: int, annotator: str = "") -> None:
    with project.transaction() as db:
        document_id, label_set_id, _, start, end = _span_row(db, span_id)
        changes = ChangeRecorder(db.conn)
        changes.delete("spans", span_id)
        changes.record("delete span", f"Delete span [{start}, {end}) of document {document_id}", annotator,
                       document_id, label_set_id)


def relabel_span(project: Project, span_id: int, label_id: int, annotator: str = "") -> None:
    with project.transaction() as db:
        document_id, label_set_id, old_label, start, end = _span_row(db, span_id)
        _check_label(db, label_id, label_set_id)
        if old_label == label_id:
            return
        changes = ChangeRecorder(db.conn)
        changes.update("spans", span_id, {"label_id": label_id})
        name = db.conn.execute("SELECT name FROM labels WHERE id = ?", [label_id]).fetchone()[0]
        changes.record("relabel span", f"Relabel span [{start}, {end}) as {name}", annotator,
                       document_id, label_set_id)


def spans(
    project: Project, document_id: int, origin: str | None = None, label_set_id: int | None = None
) -> list[dict]:
    """Return a document's spans (all origins, or only ``origin``; all label sets or one) ordered by position."""
    sql = ('SELECT id, label_set_id, label_id, start, "end", origin, score, annotator FROM spans '
           "WHERE document_id = ?")
    params: list = [document_id]
    if origin is not None:
        sql += " AND origin = ?"
        params.append(origin)
    if label_set_id is not None:
        sql += " AND label_set_id = ?"
        params.append(label_set_id)
    rows = project.db().execute(sql + ' ORDER BY start, "end", id', params).fetchall()
    keys = ("id", "label_set_id", "label_id", "start", "end", "origin", "score", "annotator")
    return [dict(zip(keys, row)) for row in rows]


# Finding documents ----------------------------------------------------------------------

FILTERS = ("all", "unfinished", "finished", "skipped", "flagged")
# Sort orders of find_documents, each an SQL ORDER BY over the documents table.
SORTS = {
    "oldest": "id",
    "newest": "id DESC",
    "shortest": "length(text), id",
    "longest": "length(text) DESC, id",
}


def annotators(project: Project) -> list[str]:
    rows = project.db().execute(
        "SELECT annotator FROM document_labels WHERE origin = 'human' UNION "
        "SELECT annotator FROM spans WHERE origin = 'human' ORDER BY 1"
    )
    return [r[0] for r in rows if r[0]]


def find_documents(
    project: Project, label_set_id: int | None, search: str = "", status: str = "all",
    label_id: int | None = None, annotator: str | None = None, descending: bool = False, sort: str = "oldest",
) -> list[int]:
    """Return the ids of documents matching every filter, in ``sort`` order (see ``SORTS``).

    ``descending=True`` is the same as ``sort="newest"``.

    ``search`` matches a substring of the text, case-insensitively for ASCII letters, so it
    finds Chinese words without a word segmenter. ``label_id`` and ``annotator`` match
    human document labels and spans.

    NOTE: the search scans every document (about 30 ms for 10,000 short documents on a
    2-core machine). An FTS5 trigram index would be faster on large projects, but it
    matches only queries of 3 or more characters, and most Chinese words have 2, so a scan
    would still be needed for them.
    """
    if status not in FILTERS:
        raise AnnotationError(f"Unknown document filter {status!r}; use one of {', '.join(FILTERS)}.")
    if sort not in SORTS:
        raise AnnotationError(f"Unknown sort order {sort!r}; use one of {', '.join(SORTS)}.")
    if descending:
        sort = "newest"
    where: list[str] = []
    params: list = []
    if search:
        where.append("instr(lower(text), lower(?)) > 0")
        params.append(search)
    if label_set_id is not None and status in ("finished", "unfinished"):
        negate = "NOT " if status == "unfinished" else ""
        where.append(f"id {negate}IN ({_done_sql(project, label_set_id)})")
        params += [label_set_id, label_set_id]
    if label_set_id is not None and status in ("skipped", "flagged"):
        where.append("id IN (SELECT document_id FROM document_marks WHERE label_set_id = ? AND kind = ?)")
        params += [label_set_id, status]
    if label_id is not None or annotator is not None:
        conditions = ["origin = 'human'"]
        extra: list = []
        if label_id is not None:
            conditions.append("label_id = ?")
            extra.append(label_id)
        if annotator is not None:
            conditions.append("annotator IS ?")
            extra.append(annotator)
        condition = " AND ".join(conditions)
        where.append(f"id IN (SELECT document_id FROM document_labels WHERE {condition} "
                     f"UNION SELECT document_id FROM spans WHERE {condition})")
        params += extra + extra
    sql = "SELECT id FROM documents"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY " + SORTS[sort]
    return [r[0] for r in project.db().execute(sql, params)]
