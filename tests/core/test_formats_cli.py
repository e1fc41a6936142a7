"""The import and export subcommands with formats, error reports and the error policy."""

from __future__ import annotations

import json

from formats_helpers import ALICE, at

from workbench.cli import main
from workbench.core.project import create_project, open_project


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_export_doccano_through_cli(tmp_path, capsys):
    folder = tmp_path / "project"
    create_project(folder)
    bob = at(ALICE, "Bob")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": ALICE, "label": [[bob[0] + 1, bob[1] + 1, "PER"]]}, ensure_ascii=False)
                      + "\n\n", encoding="utf-8")

    code, out, err = run_cli(capsys, "import", folder, source, "--json")
    report = json.loads(out)
    assert code == 0, err
    assert (report["documents"], report["spans"], report["blank_skipped"]) == (1, 1, 1)
    assert report["file_details"][0]["format"] == "doccano"

    out_file = tmp_path / "out.json"
    code, out, err = run_cli(capsys, "export", folder, "--format", "labelstudio", "--out", out_file)
    assert code == 0, err
    assert "Exported 1 documents as labelstudio" in out
    value = json.loads(out_file.read_text(encoding="utf-8"))[0]["annotations"][0]["result"][0]["value"]
    assert (value["start"], value["end"], value["text"]) == (*bob, "Bob")


def test_import_errors_listed_and_nothing_stored(tmp_path, capsys):
    folder = tmp_path / "project"
    create_project(folder)
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "fine"}\n{"text": \n', encoding="utf-8")

    code, out, err = run_cli(capsys, "import", folder, source)

    assert code == 2
    assert f"error: {source}, line 2: invalid JSON" in err
    assert "nothing was imported" in err
    assert open_project(folder).document_count() == 0

    code, out, err = run_cli(capsys, "import", folder, source, "--on-error", "valid")
    assert code == 0
    assert "Imported 1 document(s)" in out
    assert open_project(folder).document_count() == 1


def test_import_csv_columns_and_separator(tmp_path, capsys):
    folder = tmp_path / "project"
    create_project(folder)
    source = tmp_path / "in.csv"
    source.write_text("body,topics\n北京很大,geo;city\n", encoding="utf-8")

    code, out, err = run_cli(capsys, "import", folder, source, "--text-column", "body", "--label-column", "topics",
                             "--label-separator", ";", "--label-set", "topics")

    assert code == 0, err
    project = open_project(folder)
    names = [r[0] for r in project.db().execute("SELECT name FROM labels ORDER BY position")]
    assert names == ["geo", "city"]
    kind = project.db().execute("SELECT kind FROM label_sets WHERE name = 'topics'").fetchone()[0]
    assert kind == "multilabel"


def test_export_unknown_format_rejected(tmp_path, capsys):
    folder = tmp_path / "project"
    create_project(folder)

    try:
        run_cli(capsys, "export", folder, "--format", "xml", "--out", tmp_path / "x")
    except SystemExit as exc:
        assert exc.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err
