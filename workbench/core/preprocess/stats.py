"""Corpus statistics for the plots: histograms, rank/frequency and label counts."""

from __future__ import annotations

import numpy as np


def histogram(values, bins: int = 40) -> dict:
    """Return a histogram of ``values`` with log-spaced bin edges (lengths span orders of magnitude)."""
    data = np.asarray(values, dtype=np.float64)
    if data.size == 0:
        return {"edges": [], "counts": [], "count": 0}
    low, high = max(float(data.min()), 1.0), max(float(data.max()), 1.0)
    if high <= low:
        edges = np.array([low, low + 1.0])
    else:
        edges = np.geomspace(low, high * 1.000001, bins + 1)
    counts, edges = np.histogram(np.clip(data, low, None), bins=edges)
    return {
        "edges": [round(float(e), 3) for e in edges],
        "counts": [int(c) for c in counts],
        "count": int(data.size),
        "mean": round(float(data.mean()), 3),
        "median": float(np.median(data)),
        "min": float(data.min()),
        "max": float(data.max()),
    }


def rank_frequency(frequency: np.ndarray, points: int = 300) -> dict:
    """Return token frequencies sorted by rank, sampled at log-spaced ranks for a log-log plot."""
    counts = np.sort(frequency[frequency > 0])[::-1]
    if counts.size == 0:
        return {"ranks": [], "counts": [], "distinct": 0}
    ranks = np.unique(np.geomspace(1, counts.size, min(points, counts.size)).astype(np.int64))
    return {
        "ranks": [int(r) for r in ranks],
        "counts": [int(counts[r - 1]) for r in ranks],
        "distinct": int(counts.size),
        "total": int(counts.sum()),
    }


def label_distribution(project, kept: np.ndarray | None) -> dict:
    """Count document labels per label set, over all documents and over ``kept`` ones (sorted ids)."""
    rows = project.db().execute(
        "SELECT ls.name, l.name, dl.document_id FROM document_labels dl "
        "JOIN labels l ON l.id = dl.label_id JOIN label_sets ls ON ls.id = dl.label_set_id "
        "WHERE dl.origin = 'human'"
    )
    result: dict[str, dict[str, list[int]]] = {}
    for label_set, label, document_id in rows:
        before_after = result.setdefault(label_set, {}).setdefault(label, [0, 0])
        before_after[0] += 1
        position = np.searchsorted(kept, document_id) if kept is not None else 0
        if kept is None or (position < len(kept) and kept[position] == document_id):
            before_after[1] += 1
    return result
