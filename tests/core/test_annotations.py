"""Labels, document labels, spans, marks, schema changes and undo/redo on a real project database."""

from __future__ import annotations

import pytest

from workbench.core import annotation_history as history
from workbench.core import annotations
from workbench.core.annotations import AnnotationError
from workbench.core.project import create_project, open_project

TEXTS = ["🙂 我住在北京。", "The food was great.\r\nReally.", "cafe\u0301 👨\u200d👩\u200d👧 ok"]


@pytest.fixture
def project(tmp_path):
    project = create_project(tmp_path / "project")
    with project.transaction() as db:
        for text in TEXTS:
            db.conn.execute("INSERT INTO documents (text, source, metadata, created_at) VALUES (?, '', '{}', '')",
                            [text])
    return project


@pytest.fixture
def entities(project):
    label_set = annotations.ensure_label_set(project, "entities", "spans")
    place = annotations.add_label(project, label_set, "地点")
    person = annotations.add_label(project, label_set, "PER")
    return label_set, place, person


def test_span_offsets_are_code_points(project, entities):
    label_set, place, _ = entities

    span_id = annotations.add_span(project, 1, label_set, place.id, 5, 7, annotator="ann")

    [span] = annotations.spans(project, 1)
    assert span["id"] == span_id
    assert (span["start"], span["end"]) == (5, 7)
    assert TEXTS[0][span["start"]:span["end"]] == "北京"
    assert span["annotator"] == "ann"


@pytest.mark.parametrize("start,end,message", [
    (3, 3, "empty"), (5, 2, "reversed"), (0, 99, "outside"), (-1, 2, "outside"),
])
def test_bad_spans_rejected(project, entities, start, end, message):
    label_set, place, _ = entities

    with pytest.raises(AnnotationError, match=message):
        annotations.add_span(project, 1, label_set, place.id, start, end)
    assert annotations.spans(project, 1) == []


def test_span_inside_grapheme_rejected_when_asked(project, entities):
    label_set, place, _ = entities

    with pytest.raises(AnnotationError, match=r"use \[0, 5\)"):
        annotations.add_span(project, 3, label_set, place.id, 0, 4, whole_graphemes=True)
    annotations.add_span(project, 3, label_set, place.id, 0, 5, whole_graphemes=True)
    assert [s["end"] for s in annotations.spans(project, 3)] == [5]


def test_nested_spans_by_position(project, entities):
    label_set, place, person = entities
    annotations.add_span(project, 1, label_set, place.id, 5, 6)
    annotations.add_span(project, 1, label_set, person.id, 2, 7)
    annotations.add_span(project, 1, label_set, person.id, 2, 4)

    result = [(s["start"], s["end"]) for s in annotations.spans(project, 1)]

    assert result == [(2, 4), (2, 7), (5, 6)]


def test_undo_redo_span_actions(project, entities):
    label_set, place, person = entities
    span_id = annotations.add_span(project, 1, label_set, place.id, 5, 7)
    annotations.relabel_span(project, span_id, person.id)
    annotations.delete_span(project, span_id)
    assert annotations.spans(project, 1) == []

    assert history.undo(project).action == "delete span"
    assert annotations.spans(project, 1)[0]["label_id"] == person.id
    assert history.undo(project).action == "relabel span"
    assert annotations.spans(project, 1)[0]["label_id"] == place.id
    assert history.undo(project).action == "add span"
    assert annotations.spans(project, 1) == []
    assert history.redo(project).action == "add span"
    assert history.redo(project).action == "relabel span"
    [span] = annotations.spans(project, 1)
    assert (span["id"], span["label_id"]) == (span_id, person.id)


def test_new_action_clears_redo(project, entities):
    label_set, place, _ = entities
    annotations.add_span(project, 1, label_set, place.id, 5, 7)
    history.undo(project)

    annotations.add_span(project, 1, label_set, place.id, 0, 1)

    assert history.redo(project) is None
    assert history.can_undo(project)


def test_undo_survives_reopen(project, entities):
    label_set, place, _ = entities
    annotations.add_span(project, 1, label_set, place.id, 5, 7)
    project.close()

    reopened = open_project(project.root)
    entry = history.undo(reopened)

    assert entry.summary == "Add 地点 span '北京'"
    assert annotations.spans(reopened, 1) == []


def test_document_label_undo_restores_previous(project):
    label_set = annotations.ensure_label_set(project)
    good = annotations.add_label(project, label_set, "good")
    bad = annotations.add_label(project, label_set, "bad")
    annotations.set_document_label(project, 2, label_set, good.id, annotator="ann")
    annotations.set_document_label(project, 2, label_set, bad.id, annotator="ann")

    history.undo(project)

    assert annotations.document_label_ids(project, 2, label_set) == [good.id]


def test_prediction_writes_no_history(project):
    label_set = annotations.ensure_label_set(project)
    good = annotations.add_label(project, label_set, "good")
    history.undo(project)  # the label creation
    good = annotations.add_label(project, label_set, "good")
    before = len(history.history(project))

    annotations.set_document_label(project, 1, label_set, good.id, origin="prediction", score=0.9)

    assert len(history.history(project)) == before


def test_several_annotators_same_label(project):
    label_set = annotations.ensure_label_set(project)
    good = annotations.add_label(project, label_set, "good")

    annotations.set_document_label(project, 1, label_set, good.id, annotator="alice")
    annotations.set_document_label(project, 1, label_set, good.id, annotator="bob")

    rows = project.db().execute("SELECT annotator FROM document_labels ORDER BY annotator").fetchall()
    assert rows == [("alice",), ("bob",)]
    assert annotations.annotators(project) == ["alice", "bob"]
    assert annotations.find_documents(project, label_set, annotator="bob") == [1]


def test_toggle_multilabel(project):
    label_set = annotations.ensure_label_set(project, "topics", "multilabel")
    food = annotations.add_label(project, label_set, "food")
    travel = annotations.add_label(project, label_set, "travel")

    assert annotations.toggle_document_label(project, 2, label_set, food.id)
    assert annotations.toggle_document_label(project, 2, label_set, travel.id)
    assert not annotations.toggle_document_label(project, 2, label_set, food.id)

    assert annotations.document_label_ids(project, 2, label_set) == [travel.id]


def test_rename_merge_delete_counts(project, entities):
    label_set, place, person = entities
    extra = annotations.add_label(project, label_set, "LOC")
    annotations.add_span(project, 1, label_set, place.id, 5, 7)
    annotations.add_span(project, 1, label_set, extra.id, 2, 4)
    annotations.add_span(project, 2, label_set, extra.id, 0, 3)

    renamed = annotations.update_label(project, place.id, name="地名", description="城市和国家")
    assert (renamed.name, renamed.description) == ("地名", "城市和国家")
    assert annotations.label_usage(project, extra.id) == {"document_labels": 0, "spans": 2}

    moved = annotations.merge_labels(project, extra.id, place.id)
    assert moved == {"document_labels": 0, "spans": 2}
    assert annotations.label_usage(project, place.id)["spans"] == 3
    assert [label.name for label in annotations.labels(project, label_set)] == ["地名", "PER"]

    deleted = annotations.delete_label(project, place.id)
    assert deleted == {"document_labels": 0, "spans": 3}
    assert annotations.spans(project, 1) == []

    history.undo(project)
    assert annotations.label_usage(project, place.id)["spans"] == 3
    history.undo(project)
    assert annotations.label_usage(project, extra.id)["spans"] == 2
    history.undo(project)
    assert annotations.label(project, place.id).name == "地点"


def test_merge_avoids_duplicate_document_labels(project):
    label_set = annotations.ensure_label_set(project, "topics", "multilabel")
    a = annotations.add_label(project, label_set, "a")
    b = annotations.add_label(project, label_set, "b")
    annotations.set_document_labels(project, 1, label_set, [a.id, b.id])

    assert annotations.merge_labels(project, a.id, b.id) == {"document_labels": 1, "spans": 0}
    assert annotations.document_label_ids(project, 1, label_set) == [b.id]


def test_label_field_checks(project):
    label_set = annotations.ensure_label_set(project)
    good = annotations.add_label(project, label_set, "good")
    bad = annotations.add_label(project, label_set, "bad")

    with pytest.raises(AnnotationError, match="already selects label 'good'"):
        annotations.update_label(project, bad.id, shortcut=good.shortcut)
    with pytest.raises(AnnotationError, match="already exists"):
        annotations.update_label(project, bad.id, name="good")
    with pytest.raises(AnnotationError, match="not a visible key"):
        annotations.update_label(project, bad.id, shortcut=" ")
    with pytest.raises(AnnotationError, match="into itself"):
        annotations.merge_labels(project, bad.id, bad.id)


def test_marks_progress_and_resume(project, entities):
    label_set, place, _ = entities
    assert annotations.first_unlabelled(project, label_set) == 1

    annotations.add_span(project, 1, label_set, place.id, 5, 7)
    annotations.set_mark(project, 2, label_set, "skipped")
    annotations.set_mark(project, 2, label_set, "flagged")

    assert annotations.labelled_count(project, label_set) == 1
    assert annotations.first_unlabelled(project, label_set) == 3
    assert annotations.mark_counts(project, label_set) == {"skipped": 1, "flagged": 1, "done": 0}
    annotations.set_mark(project, 3, label_set, "done")
    assert annotations.labelled_count(project, label_set) == 2
    assert annotations.first_unlabelled(project, label_set) is None
    assert annotations.find_documents(project, label_set, status="flagged") == [2]
    assert annotations.find_documents(project, label_set, status="unfinished") == [2]
    history.undo(project)
    assert annotations.first_unlabelled(project, label_set) == 3


def test_find_documents_chinese_search(project):
    assert annotations.find_documents(project, None, search="北京") == [1]
    assert annotations.find_documents(project, None, search="FOOD") == [2]
    assert annotations.find_documents(project, None, descending=True) == [3, 2, 1]


def test_failed_save_leaves_no_rows(project):
    label_set = annotations.ensure_label_set(project, "topics", "multilabel")
    food = annotations.add_label(project, label_set, "food")
    before = project.db().execute("SELECT count(*) FROM annotation_history").fetchone()[0]

    with pytest.raises(AnnotationError, match="not in label set"):
        annotations.set_document_labels(project, 1, label_set, [food.id, 999])

    assert annotations.document_label_ids(project, 1, label_set) == []
    assert project.db().execute("SELECT count(*) FROM annotation_history").fetchone()[0] == before


def test_labelling_while_trainer_writes(project, entities):
    """A second connection writing metrics in a loop never makes a label write fail with 'database is locked'."""
    import threading

    from workbench.core.project import Project

    label_set, place, _ = entities
    with project.transaction() as db:
        run_id = db.conn.execute("INSERT INTO runs (name, status) VALUES ('r', 'running')").lastrowid
    stop = threading.Event()
    errors: list[Exception] = []

    def write_metrics() -> None:
        trainer = Project(project.root)
        step = 0
        try:
            while not stop.is_set():
                with trainer.transaction() as db:
                    db.conn.executemany(
                        "INSERT INTO metrics (run_id, step, name, value, wall_time) VALUES (?, ?, 'loss', 1.0, 0)",
                        [(run_id, step + k) for k in range(50)])
                step += 50
        except Exception as exc:  # reported by the assert below
            errors.append(exc)
        finally:
            trainer.close()

    thread = threading.Thread(target=write_metrics, name="metrics-writer")
    thread.start()
    try:
        for i in range(100):
            annotations.add_span(project, 1 + i % 3, label_set, place.id, 0, 1)
            annotations.set_mark(project, 1 + i % 3, label_set, "flagged", on=i % 2 == 0)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert errors == []
    assert project.db().execute("SELECT count(*) FROM spans").fetchone()[0] == 100
    assert project.db().execute("SELECT count(*) FROM metrics").fetchone()[0] > 0


def test_import_without_history(project, entities):
    label_set, place, _ = entities
    before = len(history.history(project))

    annotations.add_span(project, 1, label_set, place.id, 5, 7, record=False)
    good = annotations.add_label(project, annotations.ensure_label_set(project), "good")
    annotations.set_document_label(project, 1, good.label_set_id, good.id, record=False)

    assert len(history.history(project)) == before + 1  # only the new label
    assert len(annotations.spans(project, 1)) == 1
