"""Project folders: ``project.sqlite`` plus the tokenizer, encoded corpus, runs and exports.

Every connection runs in WAL mode with a busy timeout, so the trainer can write metrics
while the annotation editor writes labels. Each thread opens its own connection through
:meth:`Project.connect`; sqlite3 connections must not cross threads.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import sqlite_utils

log = logging.getLogger(__name__)

DB_NAME = "project.sqlite"
BUSY_TIMEOUT_MS = 10_000

SUBFOLDERS = ("tokenizer", "corpus", "runs", "exports")


class ProjectError(Exception):
    """A project folder is missing, unreadable or newer than this version of the app."""


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _migrate_to_1(db: sqlite_utils.Database) -> None:
    db["documents"].create(
        {"id": int, "text": str, "source": str, "metadata": str, "created_at": str},
        pk="id",
    )
    db["imports"].create(
        {
            "id": int,
            "path": str,
            "mode": str,
            "documents": int,
            "blank_skipped": int,
            "created_at": str,
        },
        pk="id",
    )
    db["label_sets"].create({"id": int, "name": str, "kind": str}, pk="id")
    db["label_sets"].create_index(["name"], unique=True)
    db["labels"].create(
        {
            "id": int,
            "label_set_id": int,
            "name": str,
            "color": str,
            "shortcut": str,
            "description": str,
            "position": int,
        },
        pk="id",
        foreign_keys=[("label_set_id", "label_sets", "id")],
    )
    db["labels"].create_index(["label_set_id", "name"], unique=True)
    db["document_labels"].create(
        {
            "document_id": int,
            "label_set_id": int,
            "label_id": int,
            "annotator": str,
            "updated_at": str,
        },
        pk=("document_id", "label_set_id"),
        foreign_keys=[
            ("document_id", "documents", "id"),
            ("label_set_id", "label_sets", "id"),
            ("label_id", "labels", "id"),
        ],
    )
    db["spans"].create(
        {
            "id": int,
            "document_id": int,
            "label_set_id": int,
            "label_id": int,
            "start": int,
            "end": int,
            "origin": str,
            "annotator": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[
            ("document_id", "documents", "id"),
            ("label_set_id", "label_sets", "id"),
            ("label_id", "labels", "id"),
        ],
    )
    db["spans"].create_index(["document_id"])
    db["runs"].create(
        {
            "id": int,
            "name": str,
            "task": str,
            "config": str,
            "status": str,
            "device": str,
            "step": int,
            "train_loss": float,
            "val_loss": float,
            "checkpoint": str,
            "created_at": str,
            "finished_at": str,
        },
        pk="id",
    )
    db["metrics"].create(
        {"run_id": int, "step": int, "name": str, "value": float, "wall_time": float},
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["metrics"].create_index(["run_id", "name", "step"])


def _migrate_to_2(db: sqlite_utils.Database) -> None:
    """Allow several labels per document, and keep model predictions apart from human labels.

    ``document_labels`` gains a surrogate key and an ``origin`` ("human" or "prediction")
    and ``score``; one row per (document, label set, label, origin). Spans gain ``score``.
    """
    db.execute("ALTER TABLE document_labels RENAME TO document_labels_v1")
    db["document_labels"].create(
        {
            "id": int,
            "document_id": int,
            "label_set_id": int,
            "label_id": int,
            "origin": str,
            "score": float,
            "annotator": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[
            ("document_id", "documents", "id"),
            ("label_set_id", "label_sets", "id"),
            ("label_id", "labels", "id"),
        ],
    )
    db.execute(
        "INSERT INTO document_labels (document_id, label_set_id, label_id, origin, annotator, updated_at) "
        "SELECT document_id, label_set_id, label_id, 'human', annotator, updated_at FROM document_labels_v1"
    )
    db.execute("DROP TABLE document_labels_v1")
    db["document_labels"].create_index(
        ["document_id", "label_set_id", "label_id", "origin"], unique=True
    )
    db["document_labels"].create_index(["label_set_id", "origin"])
    db.execute("ALTER TABLE spans ADD COLUMN score REAL")
    db["spans"].create_index(["label_set_id", "origin"])


def _migrate_to_3(db: sqlite_utils.Database) -> None:
    """Add the annotation undo history and per-document marks (skipped, flagged, done).

    ``annotation_history`` keeps each annotation action as the rows it inserted, deleted
    or updated, so undo and redo survive closing the project. The unique key of
    ``document_labels`` gains ``annotator``, so several annotators can give a document
    the same label.
    """
    db["annotation_history"].create(
        {
            "id": int,
            "action": str,
            "summary": str,
            "document_id": int,
            "label_set_id": int,
            "changes": str,
            "annotator": str,
            "created_at": str,
            "undone": int,
        },
        pk="id",
        not_null={"action", "changes", "undone"},
        defaults={"undone": 0},
    )
    db["annotation_history"].create_index(["undone", "id"])
    db["document_marks"].create(
        {
            "id": int,
            "document_id": int,
            "label_set_id": int,
            "kind": str,
            "annotator": str,
            "note": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("label_set_id", "label_sets", "id")],
    )
    db["document_marks"].create_index(["document_id", "label_set_id", "kind"], unique=True)
    db["document_marks"].create_index(["label_set_id", "kind"])
    db.execute("DROP INDEX IF EXISTS idx_document_labels_document_id_label_set_id_label_id_origin")
    db["document_labels"].create_index(
        ["document_id", "label_set_id", "label_id", "origin", "annotator"], unique=True
    )
    db["document_labels"].create_index(["label_id"])
    db["spans"].create_index(["label_id"])
def _migrate_to_4_prediction_uncertainty(db: sqlite_utils.Database) -> None:
    """Keep, per document and label set, how unsure the latest prediction run was (for the labelling queue)."""
    db["prediction_uncertainty"].create(
        {"document_id": int, "label_set_id": int, "run_id": int, "uncertainty": float, "updated_at": str},
        pk=("document_id", "label_set_id"),
        foreign_keys=[
            ("document_id", "documents", "id"),
            ("label_set_id", "label_sets", "id"),
            ("run_id", "runs", "id"),
        ],
    )
    db["prediction_uncertainty"].create_index(["label_set_id", "uncertainty"])
def _migrate_to_5_preprocessing(db: sqlite_utils.Database) -> None:
    """Record corpus preprocessing runs, the documents each run set aside, and old texts.

    Preprocessing never deletes a document: ``preprocess_removed`` says which run set it
    aside, at which step and why. When normalisation rewrites a text, the previous text
    and its spans go to ``document_revisions`` so the change can be undone.
    """
    db["preprocess_runs"].create(
        {
            "id": int,
            "config": str,
            "status": str,
            "counts": str,
            "stats": str,
            "message": str,
            "created_at": str,
            "finished_at": str,
        },
        pk="id",
    )
    db["preprocess_removed"].create(
        {
            "id": int,
            "run_id": int,
            "document_id": int,
            "step": str,
            "reason": str,
            "detail": str,
            "duplicate_of": int,
        },
        pk="id",
        foreign_keys=[("run_id", "preprocess_runs", "id"), ("document_id", "documents", "id")],
    )
    db["preprocess_removed"].create_index(["run_id", "step"])
    db["preprocess_removed"].create_index(["document_id"])
    db["document_revisions"].create(
        {
            "id": int,
            "run_id": int,
            "document_id": int,
            "text": str,
            "spans": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("run_id", "preprocess_runs", "id"), ("document_id", "documents", "id")],
    )
    db["document_revisions"].create_index(["run_id"])
    db["document_revisions"].create_index(["document_id"])
def _migrate_to_6_run_notes(db: sqlite_utils.Database) -> None:
    """Give runs the user's notes and the best validation loss with its checkpoint folder."""
    db.execute("ALTER TABLE runs ADD COLUMN notes TEXT")
    db.execute("ALTER TABLE runs ADD COLUMN best_val_loss REAL")
    db.execute("ALTER TABLE runs ADD COLUMN best_checkpoint TEXT")


# Migration N takes a database at schema version N-1 to version N. Append new ones; never
# edit a released one, because user projects were already migrated by it.
MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: _migrate_to_1,
    2: _migrate_to_2,
    3: _migrate_to_3,
    4: _migrate_to_4_prediction_uncertainty,
    5: _migrate_to_5_preprocessing,
    6: _migrate_to_6_run_notes,
}
SCHEMA_VERSION = max(MIGRATIONS)


def open_database(path: Path) -> sqlite_utils.Database:
    """Open ``path`` with WAL, a busy timeout and foreign keys on."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return sqlite_utils.Database(conn)


def schema_version(db: sqlite_utils.Database) -> int:
    if "schema_version" not in db.table_names():
        return 0
    row = db.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every pending migration, each in its own transaction; return the new version."""
    if "schema_version" not in db.table_names():
        db["schema_version"].create({"version": int, "applied_at": str}, pk="version")
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise ProjectError(
            f"The project database has schema version {current}, but this version of "
            f"LM Workbench knows only up to {SCHEMA_VERSION}. Update LM Workbench to open it."
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        with _Transaction(db):
            MIGRATIONS[version](db)
            db["schema_version"].insert({"version": version, "applied_at": utc_now()})
        log.info("Migrated %s to schema version %d", db.conn, version)
    return SCHEMA_VERSION


@dataclass
class Project:
    """A project folder. Open one with :func:`create_project` or :func:`open_project`."""

    root: Path

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()
        self._local = threading.local()

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def tokenizer_dir(self) -> Path:
        return self.root / "tokenizer"

    @property
    def tokenizer_path(self) -> Path:
        return self.tokenizer_dir / "tokenizer.json"

    @property
    def corpus_dir(self) -> Path:
        return self.root / "corpus"

    @property
    def runs_dir(self) -> Path:
        return self.root / "runs"

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"

    @property
    def name(self) -> str:
        return self.root.name

    def db(self) -> sqlite_utils.Database:
        """Return this thread's connection, opening it on first use."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = open_database(self.db_path)
            self._local.db = db
        return db

    def close(self) -> None:
        """Close the calling thread's connection (other threads close their own)."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.conn.close()
            self._local.db = None

    def transaction(self):
        """Return a context manager for one write transaction on this thread's connection.

        ``BEGIN IMMEDIATE`` takes the write lock up front, so a concurrent writer waits for
        the busy timeout instead of failing half-way through.
        """
        return _Transaction(self.db())

    # Documents --------------------------------------------------------------------------

    def document_count(self) -> int:
        return self.db().execute("SELECT count(*) FROM documents").fetchone()[0]

    def document_ids(self) -> list[int]:
        return [r[0] for r in self.db().execute("SELECT id FROM documents ORDER BY id")]

    def document(self, doc_id: int) -> dict:
        row = self.db().execute(
            "SELECT id, text, source, metadata FROM documents WHERE id = ?", [doc_id]
        ).fetchone()
        if row is None:
            raise KeyError(f"Document {doc_id} not found in {self.root}")
        return {"id": row[0], "text": row[1], "source": row[2], "metadata": json.loads(row[3])}

    def document_previews(self, ids: list[int], length: int = 80) -> dict[int, str]:
        """Return the first ``length`` characters of each document in ``ids``."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.db().execute(
            f"SELECT id, substr(text, 1, ?) FROM documents WHERE id IN ({marks})",
            [length, *ids],
        )
        return {r[0]: r[1] for r in rows}

    def iter_texts(self, batch: int = 1000):
        """Yield ``(id, text)`` for every document in id order, reading ``batch`` rows at a time."""
        last = -1
        while True:
            rows = self.db().execute(
                "SELECT id, text FROM documents WHERE id > ? ORDER BY id LIMIT ?", [last, batch]
            ).fetchall()
            if not rows:
                return
            yield from rows
            last = rows[-1][0]

    # Metadata about the project's state, for the window and the CLI -------------------

    def summary(self) -> dict:
        db = self.db()
        return {
            "path": str(self.root),
            "documents": self.document_count(),
            "characters": db.execute("SELECT coalesce(sum(length(text)), 0) FROM documents").fetchone()[0],
            "tokenizer": self.tokenizer_path.exists(),
            "encoded": (self.corpus_dir / "meta.json").exists(),
            "runs": db.execute("SELECT count(*) FROM runs").fetchone()[0],
        }


class _Transaction:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def __enter__(self) -> sqlite_utils.Database:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.db.execute("COMMIT")
        else:
            self.db.execute("ROLLBACK")


def create_project(root: Path | str) -> Project:
    """Create a project in ``root`` (which may exist, but must not already hold a project)."""
    root = Path(root)
    if (root / DB_NAME).exists():
        raise ProjectError(f"{root} already contains a project ({DB_NAME}). Open it instead.")
    if root.exists() and not root.is_dir():
        raise ProjectError(f"{root} is a file, not a folder. Choose a folder for the project.")
    root.mkdir(parents=True, exist_ok=True)
    for sub in SUBFOLDERS:
        (root / sub).mkdir(exist_ok=True)
    project = Project(root)
    migrate(project.db())
    log.info("Created project %s", project.root)
    return project


def open_project(root: Path | str) -> Project:
    """Open the project in ``root`` and bring its database to the current schema."""
    root = Path(root)
    if not (root / DB_NAME).is_file():
        raise ProjectError(
            f"{root} is not a project: {DB_NAME} not found. "
            f"Create one with 'workbench new {root}'."
        )
    project = Project(root)
    for sub in SUBFOLDERS:
        (project.root / sub).mkdir(exist_ok=True)
    try:
        migrate(project.db())
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{project.db_path} is not a readable SQLite database: {exc}") from exc
    return project
