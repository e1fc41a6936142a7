"""Run records for the run list: settings, final figures, notes, and metrics as CSV."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

from .project import Project

METRIC_NAMES = ("train_loss", "val_loss", "learning_rate", "grad_norm", "tokens_per_second")
CSV_COLUMNS = ("run_id", "run_name", "step", "wall_time", "name", "value")


def list_runs(project: Project) -> list[dict]:
    """Return every run, newest first, with its settings parsed."""
    rows = project.db().execute(
        "SELECT id, name, task, config, status, device, step, train_loss, val_loss, best_val_loss, "
        "checkpoint, best_checkpoint, notes, created_at, finished_at FROM runs ORDER BY id DESC"
    ).fetchall()
    keys = ("id", "name", "task", "config", "status", "device", "step", "train_loss", "val_loss",
            "best_val_loss", "checkpoint", "best_checkpoint", "notes", "created_at", "finished_at")
    runs = []
    for row in rows:
        run = dict(zip(keys, row))
        try:
            run["config"] = json.loads(run["config"] or "{}")
        except json.JSONDecodeError:
            run["config"] = {}
        run["notes"] = run["notes"] or ""
        runs.append(run)
    return runs


def set_notes(project: Project, run_id: int, notes: str) -> None:
    with project.transaction() as db:
        cursor = db.conn.execute("UPDATE runs SET notes = ? WHERE id = ?", [notes, run_id])
        if cursor.rowcount == 0:
            raise KeyError(f"Run {run_id} not found in {project.root}.")


def metric_rows(project: Project, run_ids: list[int]) -> list[tuple]:
    """Return (run_id, run_name, step, wall_time, name, value) rows ordered by run, step and name."""
    if not run_ids:
        return []
    marks = ", ".join("?" for _ in run_ids)
    return project.db().execute(
        f"SELECT m.run_id, r.name, m.step, m.wall_time, m.name, m.value FROM metrics m "
        f"JOIN runs r ON r.id = m.run_id WHERE m.run_id IN ({marks}) ORDER BY m.run_id, m.step, m.name",
        list(run_ids),
    ).fetchall()


def _csv_value(value) -> str:
    if value is None:
        return "nan"
    if not isinstance(value, float):
        return str(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)


def write_metrics_csv(project: Project, run_ids: list[int], out) -> int:
    """Write the metrics of ``run_ids`` as long-format CSV to a path or text stream; return the row count."""
    known = {row[0] for row in project.db().execute("SELECT id FROM runs").fetchall()}
    missing = [run_id for run_id in run_ids if run_id not in known]
    if missing:
        raise KeyError(f"Run(s) {', '.join(map(str, missing))} not found in {project.root}.")
    rows = metric_rows(project, run_ids)
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            return _write_rows(handle, rows)
    return _write_rows(out, rows)


def _write_rows(handle, rows) -> int:
    writer = csv.writer(handle)
    writer.writerow(CSV_COLUMNS)
    for run_id, name, step, wall, metric, value in rows:
        writer.writerow([run_id, name, step, _csv_value(wall), metric, _csv_value(value)])
    return len(rows)
