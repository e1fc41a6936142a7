"""Undo and redo of annotation actions, stored in the project database.

Each action records the rows it inserted, deleted or updated (whole rows, ids included) in
``annotation_history``, inside the same transaction as the change itself, so a crash
leaves either both or neither. Undo applies the inverse of the latest action that is not
undone; redo re-applies the oldest undone one. A new action discards every undone entry,
as in a text editor.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from .project import Project, utc_now

# Only these tables take part in undo; names are never taken from user input.
UNDOABLE_TABLES = ("document_labels", "spans", "labels", "document_marks")


class HistoryError(Exception):
    """An undo or redo cannot be applied because the rows it needs changed in between."""


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    action: str
    summary: str
    document_id: int | None
    label_set_id: int | None
    annotator: str
    created_at: str
    undone: bool


def _row(conn: sqlite3.Connection, table: str, row_id: int) -> dict | None:
    cursor = conn.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    values = cursor.fetchone()
    if values is None:
        return None
    return dict(zip((d[0] for d in cursor.description), values))


def _insert(conn: sqlite3.Connection, table: str, row: dict) -> int:
    columns = ", ".join(f'"{name}"' for name in row)
    marks = ", ".join("?" * len(row))
    cursor = conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
    return cursor.lastrowid


def _update(conn: sqlite3.Connection, table: str, row_id: int, values: dict) -> None:
    assignments = ", ".join(f'"{name}" = ?' for name in values)
    conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), row_id])


class ChangeRecorder:
    """Make row changes on an open transaction and remember them for :func:`record`."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.changes: list[list] = []

    def insert(self, table: str, row: dict) -> int:
        assert table in UNDOABLE_TABLES, table
        row_id = _insert(self.conn, table, row)
        self.changes.append(["insert", table, {"id": row_id, **row}])
        return row_id

    def delete(self, table: str, row_id: int) -> dict | None:
        assert table in UNDOABLE_TABLES, table
        before = _row(self.conn, table, row_id)
        if before is None:
            return None
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
        self.changes.append(["delete", table, before])
        return before

    def update(self, table: str, row_id: int, values: dict) -> dict | None:
        assert table in UNDOABLE_TABLES, table
        before = _row(self.conn, table, row_id)
        if before is None:
            return None
        _update(self.conn, table, row_id, values)
        self.changes.append(["update", table, before, {**before, **values}])
        return before

    def record(
        self, action: str, summary: str, annotator: str = "", document_id: int | None = None,
        label_set_id: int | None = None,
    ) -> int | None:
        """Store the changes as one history entry and drop the redo stack; return the entry id."""
        if not self.changes:
            return None
        self.conn.execute("DELETE FROM annotation_history WHERE undone = 1")
        cursor = self.conn.execute(
            "INSERT INTO annotation_history (action, summary, document_id, label_set_id, changes, annotator, "
            "created_at, undone) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
            [action, summary, document_id, label_set_id, json.dumps(self.changes, ensure_ascii=False),
             annotator, utc_now()],
        )
        return cursor.lastrowid


def _apply(conn: sqlite3.Connection, changes: list[list], reverse: bool) -> None:
    steps = reversed(changes) if reverse else changes
    for change in steps:
        kind, table = change[0], change[1]
        if table not in UNDOABLE_TABLES:
            raise HistoryError(f"History names table {table!r}, which undo does not handle.")
        if kind == "update":
            before, after = change[2], change[3]
            target = before if reverse else after
            _update(conn, table, target["id"], {k: v for k, v in target.items() if k != "id"})
            continue
        row = change[2]
        inserting = (kind == "delete") == reverse
        try:
            if inserting:
                _insert(conn, table, row)
            else:
                conn.execute(f"DELETE FROM {table} WHERE id = ?", [row["id"]])
        except sqlite3.IntegrityError as exc:
            raise HistoryError(
                f"Cannot restore row {row['id']} of {table}: the project changed since ({exc})."
            ) from exc


def _entry(row) -> HistoryEntry:
    return HistoryEntry(row[0], row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7]))


_ENTRY_COLUMNS = "id, action, summary, document_id, label_set_id, annotator, created_at, undone"


def undo(project: Project) -> HistoryEntry | None:
    """Undo the latest action that is not undone; return it, or ``None`` when there is nothing to undo."""
    return _step(project, undo=True)


def redo(project: Project) -> HistoryEntry | None:
    """Redo the oldest undone action; return it, or ``None`` when there is nothing to redo."""
    return _step(project, undo=False)


def _step(project: Project, undo: bool) -> HistoryEntry | None:
    order = "undone = 0 ORDER BY id DESC" if undo else "undone = 1 ORDER BY id ASC"
    with project.transaction() as db:
        row = db.conn.execute(
            f"SELECT {_ENTRY_COLUMNS}, changes FROM annotation_history WHERE {order} LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        _apply(db.conn, json.loads(row[-1]), reverse=undo)
        db.conn.execute("UPDATE annotation_history SET undone = ? WHERE id = ?", [int(undo), row[0]])
    entry = _entry(row[:-1])
    return HistoryEntry(**{**entry.__dict__, "undone": undo})


def history(project: Project, limit: int = 100) -> list[HistoryEntry]:
    """Return the latest ``limit`` entries, newest first (undone ones included)."""
    rows = project.db().execute(
        f"SELECT {_ENTRY_COLUMNS} FROM annotation_history ORDER BY id DESC LIMIT ?", [limit]
    ).fetchall()
    return [_entry(row) for row in rows]


def can_undo(project: Project) -> bool:
    return project.db().execute("SELECT 1 FROM annotation_history WHERE undone = 0 LIMIT 1").fetchone() is not None


def can_redo(project: Project) -> bool:
    return project.db().execute("SELECT 1 FROM annotation_history WHERE undone = 1 LIMIT 1").fetchone() is not None
