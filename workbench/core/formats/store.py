"""Write imported records into a project in one transaction, merging duplicate texts.

The writer runs its own ``BEGIN IMMEDIATE`` transaction and inserts in batches with
``executemany``, so a million-line import takes one commit. Documents get explicit ids
(the next free ones), which is safe because the write lock is held from the first
statement to the commit.

Duplicate texts are found by Python's 64-bit string hash and confirmed by comparing the
texts. The hashes live in two TEMP tables of the import's connection, which SQLite
keeps in a temporary file behind a page cache of fixed size, not in Python memory (with
the default build option ``SQLITE_TEMP_STORE=1`` and ``PRAGMA temp_store`` left at its
default; a build or connection that keeps temporary tables in memory loses this). They
last for one import only, so the per-process seed of the hash does not matter.
``import_stored_hashes`` holds the hashes of the documents stored before the import,
with an index built once when it starts. Each batch is checked against it and against
itself. ``import_new_hashes`` gets the hash of each new document, appended in id order,
and duplicates across batches are merged when the import completes, by one sorted query
over it. So memory stays bounded by the batch size, whatever the size of the file or of
the project.
"""

from __future__ import annotations

import json
import logging

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
        self.stored_count = 0
        self.new_count = 0
        if self.merge_duplicates:
            self._create_hash_tables()

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
        if self.merge_duplicates:
            if self.new_count > 1:
                self._merge_across_batches()
            # Created inside the transaction, so a rollback drops them too.
            self.conn.execute("DROP TABLE temp.import_stored_hashes")
            self.conn.execute("DROP TABLE temp.import_new_hashes")

    def _create_hash_tables(self) -> None:
        conn = self.conn
        conn.create_function("workbench_text_hash", 1, hash, deterministic=True)
        for table in ("import_stored_hashes", "import_new_hashes"):
            conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
            conn.execute(f"CREATE TEMP TABLE {table} (document_id INTEGER PRIMARY KEY, hash INTEGER NOT NULL)")
        self.stored_count = conn.execute(
            "INSERT INTO temp.import_stored_hashes (document_id, hash) "
            "SELECT id, workbench_text_hash(text) FROM documents").rowcount
        # One sort after the bulk insert is much cheaper than keeping the index up to date row by row.
        conn.execute("CREATE INDEX temp.import_stored_hashes_hash ON import_stored_hashes (hash)")

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
        stored = self._stored([hash(record.text) for record in batch]) if merge and self.stored_count else {}
        # (document id, text, metadata) of earlier records of this batch by hash. On a hash
        # collision between different texts the later one is not entered, and the merge
        # across batches catches its duplicates.
        seen: dict[int, tuple[int, str, dict]] = {}
        source, now, encode = self.source, self.now, _ENCODE_METADATA
        new_rows = []
        new_hashes = []
        merged: list[tuple[Record, int, dict]] = []
        next_id = self.next_id
        characters = 0
        # This loop runs once per imported record, so it is written for speed.
        for record in batch:
            text = record.text
            if merge:
                digest = hash(text)
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
                new_hashes.append((next_id, digest))
            record.document_id = next_id
            new_rows.append((next_id, text, source, encode(record.metadata) if record.metadata else "{}", now))
            characters += len(text)
            next_id += 1
        self.next_id = next_id
        self.characters += characters
        self.documents += len(new_rows)

        self.conn.executemany(
            "INSERT INTO documents (id, text, source, metadata, created_at) VALUES (?, ?, ?, ?, ?)", new_rows
        )
        if new_hashes:
            self.conn.executemany("INSERT INTO temp.import_new_hashes (document_id, hash) VALUES (?, ?)", new_hashes)
            self.new_count += len(new_hashes)

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
        known: dict[int, list] = {}
        for chunk in _chunks(list(set(hashes))):
            marks = ",".join("?" * len(chunk))
            for digest, doc_id, text, metadata in self.conn.execute(
                f"SELECT s.hash, d.id, d.text, d.metadata FROM temp.import_stored_hashes s "
                f"JOIN documents d ON d.id = s.document_id WHERE s.hash IN ({marks}) ORDER BY d.id", chunk,
            ):
                known.setdefault(digest, []).append((doc_id, text, json.loads(metadata or "{}")))
        return known

    def _merge_across_batches(self) -> None:
        """Merge each new document into an earlier new document with the same text (from another batch).

        SQLite sorts the hashes on its temporary file, and only one group of equal hashes
        is held here at a time.
        """
        rows = self.conn.execute(
            "SELECT hash, document_id FROM temp.import_new_hashes WHERE hash IN "
            "(SELECT hash FROM temp.import_new_hashes GROUP BY hash HAVING count(*) > 1) "
            "ORDER BY hash, document_id").fetchmany
        group: list[int] = []
        current = None
        while True:
            chunk = rows(1000)
            for digest, doc_id in chunk:
                if digest != current:
                    self._merge_group(group)
                    group, current = [], digest
                group.append(doc_id)
            if not chunk:
                break
        self._merge_group(group)

    def _merge_group(self, ids: list[int]) -> None:
        """Merge the new documents ``ids`` (one hash, ascending ids) that have the same text."""
        if len(ids) < 2:
            return
        kept: list[tuple[int, str]] = []
        for chunk in _chunks(ids):
            texts = dict(self.conn.execute(
                f"SELECT id, text FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk))
            for doc_id in chunk:
                text = texts[doc_id]
                target = next((k for k, t in kept if t == text), None)
                if target is None:
                    kept.append((doc_id, text))
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
