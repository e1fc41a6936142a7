"""Shared builders for the format tests: hard texts, a labelled project, and a comparable project state."""

from __future__ import annotations

from workbench.core import annotations
from workbench.core.project import Project

# Emoji outside the BMP, a ZWJ sequence, a combining mark, Chinese and a double space.
ALICE = "Alice 😀 met Bob in 北京."
FAMILY = "The family 👨‍👩‍👧 visited Zoe\u0308 in Paris"
CHINESE = "我住在北京。北京是中国的首都。"
NEW_YORK = "New  York has two spaces"
TEXTS = [ALICE, FAMILY, CHINESE, NEW_YORK]


def at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    """Return the code point range of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


# Spans per text: (part, occurrence, label). "New  York" contains the nested "York".
SPANS = {
    ALICE: [("Alice", 0, "PER"), ("Bob", 0, "PER"), ("北京", 0, "LOC")],
    FAMILY: [("Zoe\u0308", 0, "PER"), ("Paris", 0, "LOC")],
    CHINESE: [("北京", 0, "LOC"), ("北京", 1, "LOC"), ("中国", 0, "LOC")],
    NEW_YORK: [("New  York", 0, "LOC"), ("York", 0, "CITY")],
}
LABELS = {ALICE: ["greeting"], FAMILY: ["travel", "family"], CHINESE: ["travel"]}


def fill_project(project: Project, texts=TEXTS, spans=True, labels=True, nested=True, multi=True,
                 predictions=False) -> None:
    """Store ``texts`` with their labels and spans through the annotation API."""
    with project.transaction() as db:
        db.conn.executemany("INSERT INTO documents (text, source, metadata, created_at) VALUES (?, 'test', ?, 'now')",
                            [(text, '{"origin": "test"}') for text in texts])
    ids = {text: doc_id for doc_id, text in project.iter_texts()}
    label_set = annotations.ensure_label_set(project, "default", "multilabel" if multi else "classify")
    span_set = annotations.ensure_label_set(project, "entities", "spans")
    names: dict[tuple[int, str], int] = {}

    def label_id(set_id, name):
        if (set_id, name) not in names:
            names[set_id, name] = annotations.add_label(project, set_id, name).id
        return names[set_id, name]

    for text in texts:
        if labels and text in LABELS:
            chosen = LABELS[text] if multi else LABELS[text][:1]
            annotations.set_document_labels(project, ids[text], label_set, [label_id(label_set, n) for n in chosen])
        if spans:
            for part, nth, name in SPANS.get(text, []):
                if not nested and name == "CITY":
                    continue
                start, end = at(text, part, nth)
                annotations.add_span(project, ids[text], span_set, label_id(span_set, name), start, end)
        if predictions and text == ALICE:
            annotations.set_document_label(project, ids[text], label_set, label_id(label_set, "travel"),
                                           origin="prediction", score=0.25)
            start, end = at(text, "Bob")
            annotations.add_span(project, ids[text], span_set, label_id(span_set, "LOC"), start, end,
                                 origin="prediction", score=0.5)


def state(project: Project, with_sets: bool = False, with_metadata: bool = False) -> list[tuple]:
    """Return every document's text, labels and spans as sorted tuples, comparable across projects."""
    conn = project.db().conn
    result = []
    for doc_id, text, metadata in conn.execute("SELECT id, text, metadata FROM documents ORDER BY text"):
        labels = sorted(conn.execute(
            "SELECT ls.name, l.name, dl.origin, dl.score FROM document_labels dl JOIN labels l ON l.id = dl.label_id "
            "JOIN label_sets ls ON ls.id = dl.label_set_id WHERE dl.document_id = ?", [doc_id]).fetchall())
        spans = sorted(conn.execute(
            'SELECT ls.name, l.name, s.start, s."end", s.origin, s.score FROM spans s JOIN labels l ON '
            "l.id = s.label_id JOIN label_sets ls ON ls.id = s.label_set_id WHERE s.document_id = ?",
            [doc_id]).fetchall())
        if not with_sets:
            labels = sorted(row[1:] for row in labels)
            spans = sorted(row[1:] for row in spans)
        row = (text, tuple(labels), tuple(spans))
        if with_metadata:
            row += (metadata,)
        result.append(row)
    return result


def counts(project: Project) -> tuple[int, int, int]:
    conn = project.db().conn
    return tuple(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                 for table in ("documents", "document_labels", "spans"))
