"""Annotation subcommands: label schemas with counts, spans, marks, undo and redo."""

from __future__ import annotations

import json

from workbench.core import annotations
from workbench.core.project import open_project

from tests.core.test_cli import _restore_root_logger, corpus, project_dir, run_cli  # noqa: F401  (fixtures)


def test_span_add_list_delete(project_dir, capsys):
    run_cli(capsys, "labels", project_dir, "--label-set", "ner", "--kind", "spans", "--add", "LOC")

    code, out, _ = run_cli(capsys, "span", "add", project_dir, "--label-set", "ner", "--doc", "2",
                           "--label", "LOC", "--start", "3", "--end", "5", "--annotator", "ann")
    assert code == 0
    assert "'北京'" in out

    code, out, _ = run_cli(capsys, "span", "list", project_dir, "--doc", "2", "--json")
    [span] = json.loads(out)
    assert (span["start"], span["end"], span["text"], span["label"]) == (3, 5, "北京", "LOC")

    code, _, _ = run_cli(capsys, "span", "delete", project_dir, "--id", span["id"])
    assert code == 0
    assert annotations.spans(open_project(project_dir), 2) == []


def test_span_add_empty_rejected(project_dir, capsys):
    run_cli(capsys, "labels", project_dir, "--label-set", "ner", "--kind", "spans", "--add", "X")

    code, _, err = run_cli(capsys, "span", "add", project_dir, "--label-set", "ner", "--doc", "2",
                           "--label", "X", "--start", "0", "--end", "0")

    assert code == 2
    assert "is empty" in err


def test_span_on_document_label_set_rejected(project_dir, capsys):
    run_cli(capsys, "labels", project_dir, "--add", "positive")

    code, _, err = run_cli(capsys, "span", "add", project_dir, "--doc", "1", "--label", "positive",
                           "--start", "0", "--end", "2")

    assert code == 2
    assert "labels whole documents" in err


def test_labels_rename_merge_delete_counts(project_dir, capsys):
    run_cli(capsys, "labels", project_dir, "--add", "pos", "--add", "neg", "--add", "good")
    for doc, label in ((1, "pos"), (2, "good"), (3, "good")):
        run_cli(capsys, "label", project_dir, "--doc", doc, "--label", label)

    code, out, _ = run_cli(capsys, "labels", project_dir, "--rename", "pos", "positive")
    assert "1 document label(s) and 0 span(s) now show the new name" in out

    code, out, _ = run_cli(capsys, "labels", project_dir, "--merge", "good", "positive")
    assert "moved 2 document label(s)" in out

    code, out, _ = run_cli(capsys, "labels", project_dir, "--delete", "neg", "--json")
    listing = json.loads(out.splitlines()[-1])
    assert [(row["name"], row["document_labels"]) for row in listing["labels"]] == [("positive", 3)]


def test_undo_redo_history(project_dir, capsys):
    run_cli(capsys, "labels", project_dir, "--add", "pos")
    run_cli(capsys, "label", project_dir, "--doc", "1", "--label", "pos", "--annotator", "ann")
    run_cli(capsys, "mark", project_dir, "--doc", "2", "--kind", "flagged")

    code, out, _ = run_cli(capsys, "undo", project_dir, "--steps", "2")
    assert out.splitlines() == ["Undid: Mark document 2 flagged", "Undid: Document 1: pos"]
    project = open_project(project_dir)
    label_set = annotations.ensure_label_set(project)
    assert annotations.document_label(project, 1, label_set) is None

    code, out, _ = run_cli(capsys, "redo", project_dir)
    assert out.strip() == "Redid: Document 1: pos"
    assert annotations.document_label(project, 1, label_set) is not None

    code, out, _ = run_cli(capsys, "history", project_dir, "--json")
    entries = json.loads(out)
    assert [(e["summary"], e["undone"]) for e in entries[:2]] == [
        ("Mark document 2 flagged", True), ("Document 1: pos", False)]
    assert entries[1]["annotator"] == "ann"


def test_multilabel_label_command(project_dir, capsys):
    run_cli(capsys, "labels", project_dir, "--label-set", "topics", "--kind", "multilabel", "--add", "a", "--add", "b")

    code, out, _ = run_cli(capsys, "label", project_dir, "--label-set", "topics", "--doc", "4",
                           "--label", "a", "--label", "b")

    assert code == 0
    project = open_project(project_dir)
    topics = annotations.find_label_set(project, "topics").id
    assert len(annotations.document_label_ids(project, 4, topics)) == 2


def test_documents_search_and_filter(project_dir, capsys):
    run_cli(capsys, "labels", project_dir, "--add", "pos")
    run_cli(capsys, "label", project_dir, "--doc", "2", "--label", "pos", "--annotator", "ann")
    run_cli(capsys, "mark", project_dir, "--doc", "4", "--kind", "flagged")

    code, out, _ = run_cli(capsys, "documents", project_dir, "--search", "北京", "--json")
    found = json.loads(out)
    assert code == 0
    assert found["count"] == 5  # the line repeats five times in the corpus
    assert all("北京" in row["preview"] for row in found["documents"])

    code, out, _ = run_cli(capsys, "documents", project_dir, "--status", "flagged")
    assert out.splitlines()[-1] == "1 document(s) match"
    assert out.startswith("4  ")

    code, out, _ = run_cli(capsys, "documents", project_dir, "--label", "pos", "--annotator", "ann", "--json")
    assert [row["id"] for row in json.loads(out)["documents"]] == [2]

    code, _, err = run_cli(capsys, "documents", project_dir, "--label", "neg")
    assert code == 2
    assert "'neg' not found" in err
