"""Project folders: creation, opening, SQLite settings and schema versions."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from workbench.core.project import (
    BUSY_TIMEOUT_MS,
    DB_NAME,
    SCHEMA_VERSION,
    SUBFOLDERS,
    ProjectError,
    create_project,
    open_project,
)


def test_create_makes_database_and_folders(tmp_path):
    project = create_project(tmp_path / "p")

    assert (tmp_path / "p" / DB_NAME).is_file()
    for name in SUBFOLDERS:
        assert (tmp_path / "p" / name).is_dir(), name
    assert project.document_count() == 0


def test_open_returns_same_root(tmp_path):
    created = create_project(tmp_path / "p")
    created.close()

    opened = open_project(tmp_path / "p")

    assert opened.root == created.root
    assert opened.summary()["documents"] == 0


def test_connection_uses_wal(tmp_path):
    project = create_project(tmp_path / "p")

    mode = project.db().execute("PRAGMA journal_mode").fetchone()[0]

    assert mode == "wal"


def test_wal_persists_in_file(tmp_path):
    create_project(tmp_path / "p").close()

    # WAL mode is stored in the database file, so a plain connection reports it too.
    conn = sqlite3.connect(tmp_path / "p" / DB_NAME)
    try:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()

    assert mode == "wal"


def test_connection_sets_busy_timeout(tmp_path):
    project = create_project(tmp_path / "p")

    timeout = project.db().execute("PRAGMA busy_timeout").fetchone()[0]

    assert timeout == BUSY_TIMEOUT_MS
    assert timeout > 0


def test_connection_enforces_foreign_keys(tmp_path):
    project = create_project(tmp_path / "p")

    enabled = project.db().execute("PRAGMA foreign_keys").fetchone()[0]

    assert enabled == 1


def test_schema_version_table_holds_every_migration(tmp_path):
    project = create_project(tmp_path / "p")

    rows = project.db().execute("SELECT version FROM schema_version").fetchall()

    assert rows == [(v,) for v in range(1, SCHEMA_VERSION + 1)]


def test_version_1_labels_survive_migration_to_2(tmp_path):
    import sqlite_utils

    from workbench.core import project as project_module

    root = tmp_path / "old"
    root.mkdir()
    db = project_module.open_database(root / "project.sqlite")
    db["schema_version"].create({"version": int, "applied_at": str}, pk="version")
    project_module._migrate_to_1(db)
    db["schema_version"].insert({"version": 1, "applied_at": "2026-01-01T00:00:00+00:00"})
    db["documents"].insert({"id": 1, "text": "好", "source": "", "metadata": "{}", "created_at": ""})
    db["label_sets"].insert({"id": 1, "name": "default", "kind": "classify"})
    db["labels"].insert({"id": 1, "label_set_id": 1, "name": "pos", "color": "", "shortcut": "1",
                         "description": "", "position": 0})
    db["document_labels"].insert({"document_id": 1, "label_set_id": 1, "label_id": 1,
                                  "annotator": "ann", "updated_at": "t"})
    db.conn.close()

    project = open_project(root)
    rows = project.db().execute(
        "SELECT document_id, label_set_id, label_id, origin, annotator FROM document_labels"
    ).fetchall()

    assert rows == [(1, 1, 1, "human", "ann")]
    assert isinstance(project.db(), sqlite_utils.Database)


def test_reopen_adds_no_schema_rows(tmp_path):
    create_project(tmp_path / "p").close()
    open_project(tmp_path / "p").close()

    project = open_project(tmp_path / "p")
    rows = project.db().execute("SELECT version FROM schema_version").fetchall()

    assert rows == [(v,) for v in range(1, SCHEMA_VERSION + 1)]


def test_open_missing_database_names_path(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()

    with pytest.raises(ProjectError) as info:
        open_project(folder)

    assert str(folder) in str(info.value)
    assert DB_NAME in str(info.value)


def test_open_missing_folder_raises(tmp_path):
    with pytest.raises(ProjectError) as info:
        open_project(tmp_path / "nowhere")

    assert str(tmp_path / "nowhere") in str(info.value)


def test_open_newer_schema_rejected(tmp_path):
    create_project(tmp_path / "p").close()
    conn = sqlite3.connect(tmp_path / "p" / DB_NAME)
    with conn:
        conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, 'later')",
                     [SCHEMA_VERSION + 1])
    conn.close()

    with pytest.raises(ProjectError) as info:
        open_project(tmp_path / "p")

    message = str(info.value)
    assert f"schema version {SCHEMA_VERSION + 1}" in message
    assert f"up to {SCHEMA_VERSION}" in message
    assert "Update LM Workbench" in message


def test_open_non_sqlite_file_rejected(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / DB_NAME).write_text("this is not a database\n" * 200, encoding="utf-8")

    with pytest.raises(ProjectError) as info:
        open_project(tmp_path / "p")

    assert "not a readable SQLite database" in str(info.value)


def test_create_on_existing_project_rejected(tmp_path):
    create_project(tmp_path / "p").close()

    with pytest.raises(ProjectError) as info:
        create_project(tmp_path / "p")

    assert str(tmp_path / "p") in str(info.value)
    assert f"already contains a project ({DB_NAME})" in str(info.value)


def test_create_on_file_rejected(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")

    with pytest.raises(ProjectError) as info:
        create_project(target)

    assert "is a file" in str(info.value)


def test_threads_get_own_connections(tmp_path):
    project = create_project(tmp_path / "p")
    main_connection = project.db()
    seen = {}

    def worker():
        seen["connection"] = project.db()
        seen["count"] = project.document_count()
        project.close()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(timeout=30)

    assert seen["connection"] is not main_connection
    assert seen["count"] == 0
