"""Label sets, labels, document labels and spans.

Every write is one committed transaction before the function returns, so the caller's
next action never races an unsaved label. Span offsets are Unicode code points,
end-exclusive, into the stored text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .project import Project, utc_now

log = logging.getLogger(__name__)

LABEL_SET_KINDS = ("classify", "multilabel", "spans")

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


def ensure_label_set(project: Project, name: str = "default", kind: str = "classify") -> int:
    """Return the id of label set ``name``, creating it with ``kind`` if it does not exist."""
    if kind not in LABEL_SET_KINDS:
        raise AnnotationError(f"Unknown label set kind {kind!r}; choose one of {', '.join(LABEL_SET_KINDS)}.")
    db = project.db()
    row = db.execute("SELECT id FROM label_sets WHERE name = ?", [name]).fetchone()
    if row:
        return row[0]
    with project.transaction():
        cursor = db.conn.execute("INSERT INTO label_sets (name, kind) VALUES (?, ?)", [name, kind])
    return cursor.lastrowid


def labels(project: Project, label_set_id: int) -> list[Label]:
    rows = project.db().execute(
        "SELECT id, label_set_id, name, color, shortcut, description, position FROM labels "
        "WHERE label_set_id = ? ORDER BY position, id",
        [label_set_id],
    ).fetchall()
    return [Label(*row) for row in rows]


def add_label(
    project: Project, label_set_id: int, name: str, color: str = "", shortcut: str = "", description: str = ""
) -> Label:
    """Add a label; by default its shortcut is the next free digit 1-9 and its colour the next in the palette."""
    name = name.strip()
    if not name:
        raise AnnotationError("A label needs a name; type one and add it again.")
    existing = labels(project, label_set_id)
    if any(label.name == name for label in existing):
        raise AnnotationError(f"Label {name!r} already exists in this label set; choose another name.")
    position = len(existing)
    if not shortcut:
        used = {label.shortcut for label in existing}
        shortcut = next((str(d) for d in range(1, 10) if str(d) not in used), "")
    if not color:
        color = PALETTE[position % len(PALETTE)]
    with project.transaction() as db:
        cursor = db.conn.execute(
            "INSERT INTO labels (label_set_id, name, color, shortcut, description, position) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [label_set_id, name, color, shortcut, description, position],
        )
    return Label(cursor.lastrowid, label_set_id, name, color, shortcut, description, position)


ORIGINS = ("human", "prediction")


def _check_origin(origin: str) -> None:
    if origin not in ORIGINS:
        raise AnnotationError(f"Unknown annotation origin {origin!r}; use one of {', '.join(ORIGINS)}.")


def _check_label(db, label_id: int, label_set_id: int) -> None:
    row = db.conn.execute("SELECT label_set_id FROM labels WHERE id = ?", [label_id]).fetchone()
    if row is None or row[0] != label_set_id:
        raise AnnotationError(f"Label {label_id} is not in label set {label_set_id}.")


def set_document_label(
    project: Project, document_id: int, label_set_id: int, label_id: int | None, annotator: str = "",
    origin: str = "human", score: float | None = None,
) -> None:
    """Make ``label_id`` the only label of ``origin`` on a document (``None`` clears them)."""
    _check_origin(origin)
    with project.transaction() as db:
        if label_id is not None:
            _check_label(db, label_id, label_set_id)
        db.conn.execute(
            "DELETE FROM document_labels WHERE document_id = ? AND label_set_id = ? AND origin = ?",
            [document_id, label_set_id, origin],
        )
        if label_id is not None:
            db.conn.execute(
                "INSERT INTO document_labels (document_id, label_set_id, label_id, origin, score, "
                "annotator, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [document_id, label_set_id, label_id, origin, score, annotator, utc_now()],
            )


def set_document_labels(
    project: Project, document_id: int, label_set_id: int, label_ids: list[int], annotator: str = "",
    origin: str = "human", scores: list[float | None] | None = None,
) -> None:
    """Replace the labels of ``origin`` on a document with ``label_ids`` (multi-label sets)."""
    _check_origin(origin)
    scores = scores if scores is not None else [None] * len(label_ids)
    with project.transaction() as db:
        for label_id in label_ids:
            _check_label(db, label_id, label_set_id)
        db.conn.execute(
            "DELETE FROM document_labels WHERE document_id = ? AND label_set_id = ? AND origin = ?",
            [document_id, label_set_id, origin],
        )
        now = utc_now()
        db.conn.executemany(
            "INSERT INTO document_labels (document_id, label_set_id, label_id, origin, score, "
            "annotator, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(document_id, label_set_id, label_id, origin, score, annotator, now)
             for label_id, score in zip(dict.fromkeys(label_ids), scores)],
        )


def document_label(project: Project, document_id: int, label_set_id: int, origin: str = "human") -> int | None:
    """Return the first label of ``origin`` on a document (single-choice sets have one)."""
    row = project.db().execute(
        "SELECT label_id FROM document_labels WHERE document_id = ? AND label_set_id = ? AND origin = ? "
        "ORDER BY id LIMIT 1",
        [document_id, label_set_id, origin],
    ).fetchone()
    return row[0] if row else None


def document_label_ids(
    project: Project, document_id: int, label_set_id: int, origin: str = "human"
) -> list[int]:
    """Return every label of ``origin`` on a document, in the order they were set."""
    rows = project.db().execute(
        "SELECT label_id FROM document_labels WHERE document_id = ? AND label_set_id = ? AND origin = ? "
        "ORDER BY id",
        [document_id, label_set_id, origin],
    )
    return [r[0] for r in rows]


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


def labelled_count(project: Project, label_set_id: int) -> int:
    """Count documents with at least one human label in ``label_set_id``."""
    return project.db().execute(
        "SELECT count(DISTINCT document_id) FROM document_labels WHERE label_set_id = ? AND origin = 'human'",
        [label_set_id],
    ).fetchone()[0]


def first_unlabelled(project: Project, label_set_id: int) -> int | None:
    """Return the id of the first document (by id) with no human label in ``label_set_id``."""
    row = project.db().execute(
        "SELECT id FROM documents WHERE id NOT IN "
        "(SELECT document_id FROM document_labels WHERE label_set_id = ? AND origin = 'human') "
        "ORDER BY id LIMIT 1",
        [label_set_id],
    ).fetchone()
    return row[0] if row else None


def validate_span(text: str, start: int, end: int) -> None:
    """Raise :class:`AnnotationError` unless ``0 <= start < end <= len(text)``."""
    if start == end:
        raise AnnotationError(f"Span [{start}, {end}) is empty; select at least one character.")
    if start > end:
        raise AnnotationError(f"Span [{start}, {end}) is reversed; its start must come before its end.")
    if start < 0 or end > len(text):
        raise AnnotationError(
            f"Span [{start}, {end}) lies outside the document of {len(text)} characters."
        )


def add_span(
    project: Project, document_id: int, label_set_id: int, label_id: int, start: int, end: int,
    origin: str = "human", annotator: str = "", score: float | None = None,
) -> int:
    """Add a span after checking its offsets against the stored text; return its id."""
    _check_origin(origin)
    text = project.document(document_id)["text"]
    validate_span(text, start, end)
    with project.transaction() as db:
        _check_label(db, label_id, label_set_id)
        cursor = db.conn.execute(
            'INSERT INTO spans (document_id, label_set_id, label_id, start, "end", origin, annotator, '
            "created_at, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [document_id, label_set_id, label_id, start, end, origin, annotator, utc_now(), score],
        )
    return cursor.lastrowid


def spans(project: Project, document_id: int, origin: str | None = None) -> list[dict]:
    """Return a document's spans (all origins, or only ``origin``) ordered by position."""
    sql = 'SELECT id, label_set_id, label_id, start, "end", origin, score FROM spans WHERE document_id = ?'
    params: list = [document_id]
    if origin is not None:
        sql += " AND origin = ?"
        params.append(origin)
    rows = project.db().execute(sql + ' ORDER BY start, "end", id', params).fetchall()
    keys = ("id", "label_set_id", "label_id", "start", "end", "origin", "score")
    return [dict(zip(keys, row)) for row in rows]
