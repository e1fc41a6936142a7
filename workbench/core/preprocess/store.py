"""Reading and writing the preprocessing tables (see migration 3 in ``core/project.py``)."""

from __future__ import annotations

import json

from ..project import utc_now


def create_run(project, config_toml: str) -> int:
    with project.transaction() as db:
        cursor = db.conn.execute(
            "INSERT INTO preprocess_runs (config, status, counts, stats, message, created_at) "
            "VALUES (?, 'running', '{}', '{}', '', ?)",
            [config_toml, utc_now()],
        )
        return cursor.lastrowid


def finish_run(project, run_id: int, status: str, counts: dict, stats: dict | None = None, message: str = "") -> None:
    with project.transaction() as db:
        db.conn.execute(
            "UPDATE preprocess_runs SET status = ?, counts = ?, stats = ?, message = ?, finished_at = ? WHERE id = ?",
            [status, json.dumps(counts, ensure_ascii=False), json.dumps(stats or {}, ensure_ascii=False),
             message, utc_now(), run_id],
        )


def add_removals(project, rows: list[tuple[int, int, str, str, dict, int | None]]) -> None:
    """Insert ``(run_id, document_id, step, reason, detail, duplicate_of)`` rows in one transaction."""
    if not rows:
        return
    with project.transaction() as db:
        db.conn.executemany(
            "INSERT INTO preprocess_removed (run_id, document_id, step, reason, detail, duplicate_of) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(r, d, s, reason, json.dumps(detail, ensure_ascii=False), dup) for r, d, s, reason, detail, dup in rows],
        )


def _run_from_row(row) -> dict:
    return {
        "id": row[0],
        "config": row[1],
        "status": row[2],
        "counts": json.loads(row[3] or "{}"),
        "stats": json.loads(row[4] or "{}"),
        "message": row[5],
        "created_at": row[6],
        "finished_at": row[7],
    }


RUN_COLUMNS = "id, config, status, counts, stats, message, created_at, finished_at"


def runs(project) -> list[dict]:
    rows = project.db().execute(f"SELECT {RUN_COLUMNS} FROM preprocess_runs ORDER BY id").fetchall()
    return [_run_from_row(r) for r in rows]


def run(project, run_id: int) -> dict:
    row = project.db().execute(f"SELECT {RUN_COLUMNS} FROM preprocess_runs WHERE id = ?", [run_id]).fetchone()
    if row is None:
        raise KeyError(f"Preprocessing run {run_id} not found in {project.root}.")
    return _run_from_row(row)


def latest_finished_run(project) -> dict | None:
    row = project.db().execute(
        f"SELECT {RUN_COLUMNS} FROM preprocess_runs WHERE status = 'finished' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return _run_from_row(row) if row else None


def removed_documents(project, run_id: int, step: str | None = None, limit: int = 200, offset: int = 0,
                      preview_chars: int = 120, reason: str | None = None) -> list[dict]:
    """Return the documents ``run_id`` set aside, with step, reason, detail and a text preview."""
    query = (
        "SELECT r.document_id, r.step, r.reason, r.detail, r.duplicate_of, substr(d.text, 1, ?) "
        "FROM preprocess_removed r JOIN documents d ON d.id = r.document_id WHERE r.run_id = ?"
    )
    params: list = [preview_chars, run_id]
    if step:
        query += " AND r.step = ?"
        params.append(step)
    if reason:
        query += " AND r.reason = ?"
        params.append(reason)
    query += " ORDER BY r.document_id LIMIT ? OFFSET ?"
    params += [limit, offset]
    return [
        {"document_id": r[0], "step": r[1], "reason": r[2], "detail": json.loads(r[3] or "{}"),
         "duplicate_of": r[4], "preview": r[5]}
        for r in project.db().execute(query, params)
    ]


def removal_reasons(project, run_id: int) -> dict[str, int]:
    rows = project.db().execute(
        "SELECT reason, count(*) FROM preprocess_removed WHERE run_id = ? GROUP BY reason ORDER BY count(*) DESC",
        [run_id],
    )
    return {r[0]: r[1] for r in rows}


def duplicate_clusters(project, run_id: int, limit: int = 200) -> list[dict]:
    """Return clusters of duplicates: the kept document and the ids set aside as its copies."""
    rows = project.db().execute(
        "SELECT duplicate_of, group_concat(document_id) FROM preprocess_removed "
        "WHERE run_id = ? AND duplicate_of IS NOT NULL GROUP BY duplicate_of ORDER BY duplicate_of LIMIT ?",
        [run_id, limit],
    ).fetchall()
    return [{"kept": r[0], "removed": sorted(int(x) for x in r[1].split(","))} for r in rows]


def add_revisions(project, rows: list[tuple[int, int, str, list]], updates: list[tuple[int, str]],
                  span_updates: list[tuple[int, int, int]]) -> None:
    """Store old texts and spans, then write the new texts and span offsets, in one transaction.

    ``rows``: ``(run_id, document_id, old text, old spans)``; ``updates``: ``(document_id,
    new text)``; ``span_updates``: ``(span id, new start, new end)``.
    """
    if not rows:
        return
    now = utc_now()
    with project.transaction() as db:
        db.conn.executemany(
            "INSERT INTO document_revisions (run_id, document_id, text, spans, created_at) VALUES (?, ?, ?, ?, ?)",
            [(r, d, text, json.dumps(spans), now) for r, d, text, spans in rows],
        )
        db.conn.executemany("UPDATE documents SET text = ? WHERE id = ?", [(t, d) for d, t in updates])
        db.conn.executemany('UPDATE spans SET start = ?, "end" = ? WHERE id = ?', [(s, e, i) for i, s, e in span_updates])


def revision_count(project, run_id: int) -> int:
    return project.db().execute("SELECT count(*) FROM document_revisions WHERE run_id = ?", [run_id]).fetchone()[0]


def undo_normalisation(project, run_id: int) -> int:
    """Put back the texts and span offsets that run ``run_id`` rewrote; return how many documents."""
    rows = project.db().execute(
        "SELECT id, document_id, text, spans FROM document_revisions WHERE run_id = ? ORDER BY id DESC", [run_id]
    ).fetchall()
    with project.transaction() as db:
        for revision_id, document_id, text, spans in rows:
            db.conn.execute("UPDATE documents SET text = ? WHERE id = ?", [text, document_id])
            for span_id, start, end in json.loads(spans or "[]"):
                db.conn.execute('UPDATE spans SET start = ?, "end" = ? WHERE id = ?', [start, end, span_id])
            db.conn.execute("DELETE FROM document_revisions WHERE id = ?", [revision_id])
    return len(rows)
