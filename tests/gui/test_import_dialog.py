"""File ▸ Import… and File ▸ Export annotations…: detection, preview, report, policy and export."""

from __future__ import annotations

import json

from workbench.core import annotations

ALICE = "Alice 😀 met Bob in 北京."


def write_doccano(path, lines):
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return path


def open_project(window, tmp_path):
    assert window.new_project(tmp_path / "project")
    return window.project


def test_import_dialog_previews_and_reports(window, qtbot, tmp_path):
    project = open_project(window, tmp_path)
    source = write_doccano(tmp_path / "in.jsonl", [
        {"text": ALICE, "label": [[13, 16, "PER"]]},
        {"text": "北京很大", "label": [[0, 2, "LOC"], [3, 3, "X"]]},
    ])
    dialog = window.open_import_dialog()
    qtbot.addWidget(dialog)

    with qtbot.waitSignal(dialog.sigPreviewed):
        dialog.set_paths([source])

    assert dialog.detected.text() == "doccano JSONL; UTF-8, LF"
    assert dialog.preview_table.rowCount() == 2
    assert dialog.preview_table.item(0, 2).text() == "Bob→PER"
    assert dialog.report.item(0, 2).text().startswith("span 'X': Span [3, 3) is empty")

    with qtbot.waitSignal(dialog.sigImported, timeout=10_000) as blocker:
        dialog.start_import()
    assert blocker.args[0]["committed"] is False
    assert project.document_count() == 0
    assert "Nothing was imported" in dialog.status.text()

    dialog.valid_button.setChecked(True)
    with qtbot.waitSignal(dialog.sigImported, timeout=10_000) as blocker:
        dialog.start_import()
    assert blocker.args[0]["committed"] is True
    assert project.document_count() == 2
    span_set = annotations.ensure_label_set(project, "entities", "spans")
    assert [label.name for label in annotations.labels(project, span_set)] == ["PER", "LOC"]
    dialog.close()


def test_import_dialog_format_changeable_and_check(window, qtbot, tmp_path):
    project = open_project(window, tmp_path)
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "one", "label": ["a"]}\n\n{"text": "two", "label": ["b"]}\n', encoding="utf-8")
    dialog = window.open_import_dialog([source])
    qtbot.addWidget(dialog)
    assert dialog.detected.text().startswith("doccano JSONL")

    with qtbot.waitSignal(dialog.sigPreviewed):
        dialog.set_format("jsonl")
    assert dialog.detected.text().startswith("JSON Lines")
    assert dialog.preview_table.item(0, 1).text() == ""

    with qtbot.waitSignal(dialog.sigChecked, timeout=10_000) as blocker:
        dialog.check()
    assert blocker.args[0]["documents"] == 2
    assert blocker.args[0]["blank_skipped"] == 1
    assert project.document_count() == 0
    dialog.close()


def test_export_annotations_dialog_writes_labelstudio(window, qtbot, tmp_path):
    project = open_project(window, tmp_path)
    source = write_doccano(tmp_path / "in.jsonl", [{"text": ALICE, "label": [[13, 16, "PER"]]}])
    from workbench.core.formats import import_paths

    import_paths(project, [source])
    dialog = window.open_export_annotations_dialog()
    qtbot.addWidget(dialog)
    dialog.set_format("labelstudio")
    out = tmp_path / "out.json"
    dialog.path_edit.setText(str(out))

    with qtbot.waitSignal(dialog.sigExported, timeout=10_000) as blocker:
        dialog.start_export()

    assert blocker.args[0]["records"] == 1
    value = json.loads(out.read_text(encoding="utf-8"))[0]["annotations"][0]["result"][0]["value"]
    assert value["text"] == "Bob"
    assert "Exported 1 documents" in dialog.status.text()
    dialog.close()


def test_file_menu_actions_enabled_with_project(window, tmp_path):
    assert not window.import_action.isEnabled()

    open_project(window, tmp_path)

    assert window.import_action.isEnabled()
    assert window.export_annotations_action.isEnabled()


def test_import_dialog_stop_stores_nothing(window, qtbot, tmp_path, monkeypatch):
    import workbench.core.formats.pipeline as pipeline

    monkeypatch.setattr(pipeline, "PROGRESS_EVERY", 1)  # check the stop flag after every record
    project = open_project(window, tmp_path)
    source = tmp_path / "many.jsonl"
    source.write_text("".join(json.dumps({"text": f"line {i}"}) + "\n" for i in range(20_000)), encoding="utf-8")
    dialog = window.open_import_dialog([source])
    qtbot.addWidget(dialog)

    with qtbot.waitSignal(dialog.sigImported, timeout=20_000) as blocker:
        dialog.start_import()
        dialog.stop_button.click()

    assert blocker.args[0] == {"committed": False, "cancelled": True}
    assert project.document_count() == 0
    assert dialog.import_button.isEnabled()
    dialog.close()


def test_import_dialog_csv_options(window, qtbot, tmp_path):
    open_project(window, tmp_path)
    source = tmp_path / "in.txt"
    source.write_text("北京很大;geo\n上海也大;city\n", encoding="utf-8")
    dialog = window.open_import_dialog([source])
    qtbot.addWidget(dialog)

    dialog.set_format("csv")
    dialog.delimiter.setText(";")
    dialog.label_field.setText("2")
    with qtbot.waitSignal(dialog.sigPreviewed):
        dialog.header.setCurrentIndex(dialog.header.findData(False))

    assert dialog.preview_table.rowCount() == 2
    assert dialog.preview_table.item(0, 0).text() == "北京很大"
    assert dialog.preview_table.item(1, 1).text() == "city"
    dialog.close()
