"""Write imported records into a project in one transaction, merging duplicate texts.

The writer runs its own ``BEGIN IMMEDIATE`` transaction and inserts in batches with
``executemany``, so a million-line import takes one commit. Documents get explicit ids
(the next free ones), which is safe because the write lock is held from the first
statement to the commit.

Duplicate texts are found by Python's 64-bit string hash and confirmed by comparing the
texts. The hashes live in memory for one import only, so their per-process seed does
not matter. The hashes of the documents stored before the import are computed when it
starts and kept sorted in a NumPy array. Each batch is checked against them and against
itself. The hashes of the new documents go into an array too, and duplicates across
batches are merged when the import completes. So memory grows by 8 bytes per imported
document (16 per stored document); the rest is bounded by the batch size.
"""

from __future__ import annotations

import json
import logging
from array import array

import numpy as np

from ..annotations import PALETTE
from ..project import Project, utc_now
from .base import Record

log = logging.getLogger(__name__)

BATCH_SIZE = 2000
# SQLite allows 32766 host parameters from 3.32 on; stay well below for older builds.
MAX_PARAMETERS = 900

_ENCODE_METADATA = json.JSONEncoder(ensure_ascii=False).encode


def _chunks(items: list, size: int = MAX_PARAMETERS):
    for start in range(0, len(items), size):
        yield items[start:start + size]


class ProjectWriter:
    """Store records in ``project``: documents, metadata, document labels and spans.

    ``problem`` receives a :class:`Problem` for each label or span that was rejected and a
    note for each merged duplicate. Call :meth:`finish` with ``commit=True`` to keep the
    import, ``False`` to roll all of it back.
    """

    def __init__(self, project: Project, problem, *, merge_duplicates: bool = True,
                 label_set: str | None = None, span_label_set: str | None = None, annotator: str = "import"):
        self.project = project
        self.problem = problem
        self.merge_duplicates = merge_duplicates
        self.default_label_set = label_set or "default"
        self.default_span_set = span_label_set or "entities"
        self.annotator = annotator
        self.conn = project.db().conn
        self.now = utc_now()
        self.pending: list[Record] = []
        self.batch_size = BATCH_SIZE
        self.source = ""
        # Source file -> documents of it merged into an earlier document when the import completed.
        self.moved_from: dict[str, int] = {}
        self.documents = 0
        self.merged = 0
        self.labels = 0
        self.spans = 0
        self.characters = 0
        self._sets: dict[str, list] = {}  # name -> [id, kind, created here]
        self._labels: dict[tuple[int, str], int] = {}
        self._label_count: dict[int, int] = {}
        self._shortcuts: dict[int, set[str]] = {}
        self._open = False
        self._completed = False

    # Transaction ----------------------------------------------------------------------

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        self._open = True
        self.next_id = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM documents").fetchone()[0]
        self.first_new_id = self.next_id
        self.new_hashes = array("q")
        self.stored_hashes = np.empty(0, dtype=np.int64)
        self.stored_ids = np.empty(0, dtype=np.int64)
        if self.merge_duplicates:
            self._hash_stored_documents()

    def finish(self, commit: bool) -> None:
        if not self._open:
            return
        try:
            if commit:
                self.complete()
                self.conn.execute("COMMIT")
            else:
                self.conn.execute("ROLLBACK")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        finally:
            self._open = False

    def complete(self) -> None:
        """Flush and merge the duplicates found across batches; call before committing."""
        self.flush()
        if self._completed:
            return
        self._completed = True
        if self.merge_duplicates and len(self.new_hashes) > 1:
            self._merge_across_batches()

    def _hash_stored_documents(self) -> None:
        hashes = array("q")
        ids = array("q")
        for doc_id, text in self.conn.execute("SELECT id, text FROM documents ORDER BY id"):
            ids.append(doc_id)
            hashes.append(hash(text))
        order = np.argsort(np.frombuffer(hashes, dtype=np.int64), kind="stable")
        self.stored_hashes = np.frombuffer(hashes, dtype=np.int64)[order]
        self.stored_ids = np.frombuffer(ids, dtype=np.int64)[order]

    # Records --------------------------------------------------------------------------

    def add(self, record: Record) -> None:
        """Queue ``record`` (from the file named by :attr:`source`); a full batch is written at once."""
        self.pending.append(record)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        # The list object stays the same, because the import loop appends to it directly.
        batch = self.pending[:]
        self.pending.clear()
        merge = self.merge_duplicates
        stored = self._stored([hash(record.text) for record in batch]) if merge and len(self.stored_hashes) else {}
        # (document id, text, metadata) of earlier records of this batch by hash. On a hash
        # collision between different texts the later one is not entered, and the merge
        # across batches catches its duplicates.
        seen: dict[int, tuple[int, str, dict]] = {}
        source, now, encode = self.source, self.now, _ENCODE_METADATA
        append_hash = self.new_hashes.append
        new_rows = []
        merged: list[tuple[Record, int, dict]] = []
        next_id = self.next_id
        characters = 0
        # This loop runs once per imported record, so it is written for speed.
        for record in batch:
            text = record.text
            digest = hash(text)
            if merge:
                earlier = seen.get(digest)
                if earlier is not None and earlier[1] == text:
                    record.document_id = earlier[0]
                    merged.append((record, earlier[0], earlier[2]))
                    continue
                if stored:
                    match = next((c for c in stored.get(digest, ()) if c[1] == text), None)
                    if match is not None:
                        record.document_id = match[0]
                        merged.append((record, match[0], match[2]))
                        seen[digest] = match
                        continue
                if earlier is None:
                    seen[digest] = (next_id, text, record.metadata)
            record.document_id = next_id
            new_rows.append((next_id, text, source, encode(record.metadata) if record.metadata else "{}", now))
            append_hash(digest)
            characters += len(text)
            next_id += 1
        self.next_id = next_id
        self.characters += characters
        self.documents += len(new_rows)

        self.conn.executemany(
            "INSERT INTO documents (id, text, source, metadata, created_at) VALUES (?, ?, ?, ?, ?)", new_rows
        )

        merged_ids: set[int] = set()
        merged_meta: dict[int, dict] = {}
        for record, doc_id, stored_meta in merged:
            self.merged += 1
            merged_ids.add(doc_id)
            self._merge_metadata(doc_id, stored_meta, record, merged_meta)
            self.problem(record.problem(f"same text as document {doc_id}; merged into it", "note"))
        for doc_id, metadata in merged_meta.items():
            self.conn.execute("UPDATE documents SET metadata = ? WHERE id = ?", [encode(metadata), doc_id])
        annotated = [record for record in batch if record.labels or record.spans]
        if annotated:
            self._store_annotations(annotated, merged_ids)

    def _stored(self, hashes: list[int]) -> dict[int, list]:
        """Return the documents stored before this import whose hash is in ``hashes``."""
        wanted = np.asarray(hashes, dtype=np.int64)
        left = np.searchsorted(self.stored_hashes, wanted, side="left")
        right = np.searchsorted(self.stored_hashes, wanted, side="right")
        ids: dict[int, int] = {}
        for digest, low, high in zip(hashes, left.tolist(), right.tolist()):
            for position in range(low, high):
                ids[int(self.stored_ids[position])] = digest
        known: dict[int, list] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for doc_id, text, metadata in self.conn.execute(
                f"SELECT id, text, metadata FROM documents WHERE id IN ({marks})", chunk
            ):
                known.setdefault(ids[doc_id], []).append((doc_id, text, json.loads(metadata or "{}")))
        return known

    def _merge_across_batches(self) -> None:
        """Merge each new document into an earlier new document with the same text (from another batch)."""
        hashes = np.frombuffer(self.new_hashes, dtype=np.int64)
        ordered = np.sort(hashes)
        repeated = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
        del ordered
        if not len(repeated):
            return
        positions = np.flatnonzero(np.isin(hashes, repeated))
        groups: dict[int, list[int]] = {}
        for position in positions.tolist():
            groups.setdefault(int(hashes[position]), []).append(self.first_new_id + position)
        for ids in groups.values():
            texts = dict(self.conn.execute(
                f"SELECT id, text FROM documents WHERE id IN ({','.join('?' * len(ids))})", ids))
            kept: list[int] = []
            for doc_id in ids:
                target = next((k for k in kept if texts.get(k) == texts.get(doc_id)), None)
                if target is None:
                    kept.append(doc_id)
                else:
                    self._move_document(doc_id, target)

    def _move_document(self, doc_id: int, target: int) -> None:
        """Move the labels and spans of new document ``doc_id`` onto ``target`` and delete ``doc_id``."""
        conn = self.conn
        conn.execute("UPDATE OR IGNORE document_labels SET document_id = ? WHERE document_id = ?", [target, doc_id])
        conn.execute("DELETE FROM document_labels WHERE document_id = ?", [doc_id])

        conflicts = conn.execute(
            "SELECT ls.id, ls.name, dl.origin, group_concat(l.name, ', ') FROM document_labels dl "
            "JOIN label_sets ls ON ls.id = dl.label_set_id JOIN labels l ON l.id = dl.label_id "
            "WHERE dl.document_id = ? AND ls.kind = 'classify' GROUP BY dl.label_set_id, dl.origin "
            "HAVING count(*) > 1", [target]).fetchall()
        for set_id, set_name, origin, names in conflicts:
            entry = self._sets.get(set_name)
            if entry is not None and entry[2]:
                conn.execute("UPDATE label_sets SET kind = 'multilabel' WHERE id = ?", [set_id])
                entry[1] = "multilabel"
                self.problem(Record("", file="").problem(
                    f"label set {set_name!r} made multi-label: document {target} and its duplicate have "
                    f"different {origin} labels ({names})", "note"))
                continue
            conn.execute(
                "DELETE FROM document_labels WHERE document_id = ? AND label_set_id = ? AND origin = ? AND id > "
                "(SELECT min(id) FROM document_labels WHERE document_id = ? AND label_set_id = ? AND origin = ?)",
                [target, set_id, origin, target, set_id, origin])
            self.problem(Record("", file="").problem(
                f"document {target} and its duplicate have different {origin} labels ({names}) in single-choice "
                f"label set {set_name!r}; kept the first", "error"))

        conn.execute(
            'UPDATE spans SET document_id = ? WHERE document_id = ? AND NOT EXISTS (SELECT 1 FROM spans s '
            'WHERE s.document_id = ? AND s.label_set_id = spans.label_set_id AND s.label_id = spans.label_id '
            'AND s.start = spans.start AND s."end" = spans."end" AND s.origin = spans.origin)',
            [target, doc_id, target])
        removed = conn.execute("DELETE FROM spans WHERE document_id = ?", [doc_id]).rowcount
        self.spans -= max(removed, 0)

        length, source = conn.execute("SELECT length(text), source FROM documents WHERE id = ?", [doc_id]).fetchone()
        self.moved_from[source] = self.moved_from.get(source, 0) + 1
        conn.execute("DELETE FROM documents WHERE id = ?", [doc_id])
        self.documents -= 1
        self.characters -= length
        self.merged += 1
        self.problem(Record("", file="").problem(f"document {doc_id} has the same text as document {target}; "
                                                 "merged into it", "note"))

    def _merge_metadata(self, doc_id: int, existing: dict, record: Record, merged_meta: dict) -> None:
        """Add the metadata keys the stored document lacks; never overwrite a stored value."""
        current = merged_meta.get(doc_id, existing)
        missing = {k: v for k, v in record.metadata.items() if k not in current}
        if missing:
            merged_meta[doc_id] = {**current, **missing}
            existing.update(missing)

    # Label sets and labels ------------------------------------------------------------

    def label_set(self, name: str, kind: str) -> list:
        """Return ``[id, kind, may_widen]`` of label set ``name``, creating it with ``kind``.

        ``may_widen`` is true when the set was created by this import or had no document
        labels before it, so turning it from single-choice into multi-label breaks nothing.
        """
        entry = self._sets.get(name)
        if entry is None:
            row = self.conn.execute("SELECT id, kind FROM label_sets WHERE name = ?", [name]).fetchone()
            if row is None:
                cursor = self.conn.execute("INSERT INTO label_sets (name, kind) VALUES (?, ?)", [name, kind])
                entry = [cursor.lastrowid, kind, True]
            else:
                unused = self.conn.execute("SELECT 1 FROM document_labels WHERE label_set_id = ? LIMIT 1",
                                           [row[0]]).fetchone() is None
                entry = [row[0], row[1], unused]
            self._sets[name] = entry
        return entry

    def label_id(self, set_id: int, name: str) -> int:
        key = (set_id, name)
        label_id = self._labels.get(key)
        if label_id is not None:
            return label_id
        row = self.conn.execute("SELECT id FROM labels WHERE label_set_id = ? AND name = ?", [set_id, name]).fetchone()
        if row is not None:
            self._labels[key] = row[0]
            return row[0]
        if set_id not in self._label_count:
            self._label_count[set_id] = self.conn.execute(
                "SELECT count(*) FROM labels WHERE label_set_id = ?", [set_id]).fetchone()[0]
            self._shortcuts[set_id] = {r[0] for r in self.conn.execute(
                "SELECT shortcut FROM labels WHERE label_set_id = ?", [set_id])}
        position = self._label_count[set_id]
        used = self._shortcuts[set_id]
        shortcut = next((str(d) for d in range(1, 10) if str(d) not in used), "")
        used.add(shortcut)
        cursor = self.conn.execute(
            "INSERT INTO labels (label_set_id, name, color, shortcut, description, position) VALUES (?, ?, ?, ?, '', ?)",
            [set_id, name, PALETTE[position % len(PALETTE)], shortcut, position],
        )
        self._label_count[set_id] = position + 1
        self._labels[key] = cursor.lastrowid
        return cursor.lastrowid

    # Document labels and spans --------------------------------------------------------

    def _store_annotations(self, records: list[Record], merged_ids: set[int]) -> None:
        existing_labels: dict[tuple[int, int, str], set[int]] = {}
        existing_spans: set[tuple] = set()
        if merged_ids:
            for chunk in _chunks(sorted(merged_ids)):
                marks = ",".join("?" * len(chunk))
                for doc_id, set_id, label_id, origin in self.conn.execute(
                    f"SELECT document_id, label_set_id, label_id, origin FROM document_labels "
                    f"WHERE document_id IN ({marks})", chunk,
                ):
                    existing_labels.setdefault((doc_id, set_id, origin), set()).add(label_id)
                existing_spans.update(self.conn.execute(
                    f'SELECT document_id, label_set_id, label_id, start, "end", origin FROM spans '
                    f"WHERE document_id IN ({marks})", chunk,
                ))
        label_rows = []
        span_rows = []
        for record in records:
            doc_id = record.document_id
            if record.labels:
                label_rows.extend(self._label_rows(record, existing_labels))
            for span in record.spans:
                set_name = span.label_set or self.default_span_set
                set_id, kind, _ = self.label_set(set_name, "spans")
                if kind != "spans":
                    self.problem(record.problem(f"span {span.label!r} [{span.start}, {span.end}) not "
                                         f"imported: label set {set_name!r} holds document labels, not spans; "
                                         "choose another set with --span-label-set"))
                    continue
                label_id = self.label_id(set_id, span.label)
                key = (doc_id, set_id, label_id, span.start, span.end, span.origin)
                if key in existing_spans:
                    continue
                existing_spans.add(key)
                span_rows.append((doc_id, set_id, label_id, span.start, span.end, span.origin,
                                  self.annotator, self.now, span.score))
        if label_rows:
            cursor = self.conn.executemany(
                "INSERT OR IGNORE INTO document_labels (document_id, label_set_id, label_id, origin, score, "
                "annotator, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", label_rows)
            self.labels += max(cursor.rowcount, 0)
        if span_rows:
            self.conn.executemany(
                'INSERT INTO spans (document_id, label_set_id, label_id, start, "end", origin, annotator, '
                "created_at, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", span_rows)
            self.spans += len(span_rows)

    def _label_rows(self, record: Record, existing: dict) -> list[tuple]:
        grouped: dict[tuple[str, str], list] = {}
        for label in record.labels:
            grouped.setdefault((label.label_set or self.default_label_set, label.origin), []).append(label)
        rows = []
        for (set_name, origin), group in grouped.items():
            names = list(dict.fromkeys(label.name for label in group))
            entry = self.label_set(set_name, "multilabel" if len(names) > 1 else "classify")
            set_id, kind, may_widen = entry
            if kind == "spans":
                self.problem(record.problem(f"labels {', '.join(names)} not imported: label set {set_name!r} "
                                     "holds spans; choose another set with --label-set"))
                continue
            ids = [self.label_id(set_id, name) for name in names]
            stored = existing.get((record.document_id, set_id, origin), set())
            combined = stored | set(ids)
            if kind == "classify" and len(combined) > 1:
                if may_widen:
                    self.conn.execute("UPDATE label_sets SET kind = 'multilabel' WHERE id = ?", [set_id])
                    entry[1] = "multilabel"
                    self.problem(record.problem(f"label set {set_name!r} made multi-label: this record has "
                                         f"more than one {origin} label", "note"))
                else:
                    self.problem(record.problem(f"{origin} labels {', '.join(names)} not imported: label set "
                                         f"{set_name!r} is single-choice and the document would have "
                                         f"{len(combined)} labels; import into a multi-label set with --label-set"))
                    continue
            existing[(record.document_id, set_id, origin)] = combined
            scores = {label.name: label.score for label in group}
            # Labels already on the document are skipped here: the unique key includes the
            # annotator, so INSERT OR IGNORE alone would add them again under another name.
            rows.extend((record.document_id, set_id, label_id, origin, scores[name], self.annotator, self.now)
                        for name, label_id in zip(names, ids) if label_id not in stored)
        return rows
