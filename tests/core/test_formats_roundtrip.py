"""Export → import → export for every format: the second export equals the first, and states match."""

from __future__ import annotations

import json

import pytest
from formats_helpers import ALICE, CHINESE, FAMILY, NEW_YORK, TEXTS, at, counts, fill_project, state

from workbench.core.formats import Options, export_project, import_paths
from workbench.core.project import create_project


def roundtrip(tmp_path, fmt: str, suffix: str, options: Options | None = None, **fill) -> tuple:
    """Fill project A, export it, import into B, export B; return (A, B, first output, second output)."""
    first = create_project(tmp_path / "a")
    fill_project(first, **fill)
    out_a = tmp_path / f"a{suffix}"
    exported = export_project(first, fmt, out_a, options)
    second = create_project(tmp_path / "b")
    summary = import_paths(second, [out_a], fmt, options)
    assert summary.errors == 0, [str(p) for p in summary.problems]
    assert summary.committed
    out_b = tmp_path / f"b{suffix}"
    export_project(second, fmt, out_b, options)
    return first, second, out_a, out_b, exported


def read_all(path) -> bytes:
    if path.is_dir():
        return b"".join(p.name.encode() + p.read_bytes() for p in sorted(path.iterdir()))
    return path.read_bytes()


@pytest.mark.parametrize("fmt, suffix, labels", [("labelstudio", ".json", True), ("spacy", ".jsonl", True),
                                                 ("brat", "-brat", False)])
def test_span_formats_roundtrip_exactly(tmp_path, fmt, suffix, labels):
    first, second, out_a, out_b, exported = roundtrip(tmp_path, fmt, suffix, labels=labels)

    assert state(second) == state(first)
    assert read_all(out_b) == read_all(out_a)
    assert exported.records == len(TEXTS)


def test_doccano_roundtrip_with_utf16_offsets(tmp_path):
    first, second, out_a, out_b, _ = roundtrip(tmp_path, "doccano", ".jsonl", labels=False)

    assert state(second) == state(first)
    assert out_b.read_bytes() == out_a.read_bytes()
    rows = [json.loads(line) for line in out_a.read_text(encoding="utf-8").splitlines()]
    alice = next(row for row in rows if row["text"] == ALICE)
    bob_start, bob_end = at(ALICE, "Bob")
    # The emoji before "Bob" takes two UTF-16 code units.
    assert [bob_start + 1, bob_end + 1, "PER"] in alice["label"]


def test_doccano_classification_roundtrip(tmp_path):
    first, second, out_a, out_b, _ = roundtrip(tmp_path, "doccano", ".jsonl", spans=False)

    assert state(second) == state(first)
    assert out_b.read_bytes() == out_a.read_bytes()


def test_labelstudio_keeps_predictions_apart(tmp_path):
    first, second, out_a, out_b, _ = roundtrip(tmp_path, "labelstudio", ".json", predictions=True)

    assert state(second, with_sets=True) == state(first, with_sets=True)
    assert out_b.read_bytes() == out_a.read_bytes()
    task = next(t for t in json.loads(out_a.read_text(encoding="utf-8")) if t["data"]["text"] == ALICE)
    predicted = task["predictions"][0]["result"]
    assert {r["type"] for r in predicted} == {"labels", "choices"}
    human_labels = [r for r in task["annotations"][0]["result"] if r["type"] == "labels"]
    assert all(r["value"]["text"] == ALICE[r["value"]["start"]:r["value"]["end"]] for r in human_labels)


@pytest.mark.parametrize("scheme", ["iob2", "bioes"])
def test_conll_roundtrip_without_nested_spans(tmp_path, scheme):
    first, second, out_a, out_b, exported = roundtrip(
        tmp_path, "conll", ".conll", Options(scheme=scheme), labels=False, nested=False)

    assert state(second) == state(first)
    assert out_b.read_bytes() == out_a.read_bytes()
    assert exported.dropped == 0


@pytest.mark.parametrize("fmt, suffix", [("jsonl", ".jsonl"), ("json", ".json"), ("csv", ".csv"), ("tsv", ".tsv")])
def test_document_label_formats_roundtrip(tmp_path, fmt, suffix):
    options = Options(label_field="label", label_separator="|")
    first, second, out_a, out_b, exported = roundtrip(tmp_path, fmt, suffix, options, spans=False)

    assert state(second) == state(first)
    assert out_b.read_bytes() == out_a.read_bytes()
    assert exported.dropped == 0


def test_jsonl_keeps_metadata(tmp_path):
    first, second, out_a, out_b, _ = roundtrip(tmp_path, "jsonl", ".jsonl", Options(label_field="label"), spans=False)

    assert state(second, with_metadata=True) == state(first, with_metadata=True)
    assert all(json.loads(line)["origin"] == "test" for line in out_a.read_text(encoding="utf-8").splitlines())


def test_plain_text_roundtrip(tmp_path):
    first, second, out_a, out_b, _ = roundtrip(tmp_path, "text", ".txt", spans=False, labels=False)

    assert [t for _, t in second.iter_texts()] == [t for _, t in first.iter_texts()]
    assert out_b.read_bytes() == out_a.read_bytes()
    assert out_a.read_text(encoding="utf-8") == "\n".join(TEXTS) + "\n"


def test_datasets_folder_roundtrip(tmp_path):
    first, second, out_a, out_b, _ = roundtrip(tmp_path, "datasets", "-hf", multi=True)

    assert state(second) == state(first)
    card = (out_a / "README.md").read_text(encoding="utf-8")
    assert "path: train.jsonl" in card
    assert "- travel" in card
    assert "- LOC" in card


@pytest.mark.parametrize("fmt, suffix", [("labelstudio", ".json"), ("spacy", ".jsonl"), ("doccano", ".jsonl"),
                                         ("brat", "-brat"), ("conll", ".conll"), ("csv", ".csv")])
def test_reimport_attaches_labels_once(tmp_path, fmt, suffix):
    project = create_project(tmp_path / "p")
    fill_project(project, labels=fmt not in ("doccano", "brat", "conll"), spans=fmt != "csv", nested=fmt != "conll")
    out = tmp_path / f"out{suffix}"
    options = Options(label_field="label", label_separator="|")
    export_project(project, fmt, out, options)
    before = counts(project)

    summary = import_paths(project, [out], fmt, options)

    assert summary.committed
    assert summary.documents == 0
    assert summary.merged == len(TEXTS)
    assert counts(project) == before


def test_export_keeps_double_spaces(tmp_path):
    project = create_project(tmp_path / "p")
    fill_project(project)
    export_project(project, "labelstudio", tmp_path / "ls.json")
    export_project(project, "brat", tmp_path / "brat")

    tasks = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    texts = [r["value"]["text"] for t in tasks for r in t["annotations"][0]["result"] if r["type"] == "labels"]
    assert "New  York" in texts
    ann = next(p for p in (tmp_path / "brat").glob("*.ann") if "New  York" in p.read_text(encoding="utf-8"))
    assert "\tLOC 0 9\tNew  York\n" in ann.read_text(encoding="utf-8")


def test_conll_export_reports_overlap_and_misalignment(tmp_path):
    project = create_project(tmp_path / "p")
    fill_project(project, labels=False)
    from workbench.core import annotations

    doc_id = next(i for i, t in project.iter_texts() if t == FAMILY)
    span_set = annotations.ensure_label_set(project, "entities", "spans")
    label = annotations.add_label(project, span_set, "PART")
    start, _ = at(FAMILY, "Paris")
    annotations.add_span(project, doc_id, span_set, label.id, start, start + 3)

    summary = export_project(project, "conll", tmp_path / "out.conll")

    reasons = [p.reason for p in summary.problems]
    assert summary.dropped == 2
    assert any("'CITY'" in r and "overlaps" in r for r in reasons)
    assert any("'PART'" in r and "token boundaries" in r for r in reasons)


def test_conll_chinese_tokens_have_no_spaces(tmp_path):
    project = create_project(tmp_path / "p")
    fill_project(project, texts=[CHINESE, NEW_YORK], labels=False, nested=False)
    out = tmp_path / "out.conll"
    export_project(project, "conll", out)
    lines = out.read_text(encoding="utf-8").splitlines()

    assert "北\tB-LOC" in lines
    assert "京\tI-LOC" in lines
    # Without the '# text =' comment the tokens are joined by script: none for Chinese.
    stripped = tmp_path / "stripped.conll"
    stripped.write_text("\n".join(line for line in lines if not line.startswith("#")) + "\n", encoding="utf-8")
    other = create_project(tmp_path / "q")
    import_paths(other, [stripped], "conll")
    assert sorted(t for _, t in other.iter_texts()) == sorted([CHINESE, "New York has two spaces"])


def test_datasets_parquet_roundtrip(tmp_path):
    pytest.importorskip("pyarrow")
    options = Options(parquet=True)
    first, second, out_a, _, _ = roundtrip(tmp_path, "datasets", "-hf", options, multi=True)

    assert state(second) == state(first)
    assert (out_a / "train.parquet").is_file()
    assert "path: train.parquet" in (out_a / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt, suffix", [("jsonl", ".jsonl"), ("doccano", ".jsonl"), ("spacy", ".jsonl"),
                                         ("csv", ".csv"), ("conll", ".conll"), ("labelstudio", ".json"),
                                         ("text", ".txt")])
def test_crlf_and_blank_lines_change_nothing(tmp_path, fmt, suffix):
    options = Options(label_field="label", label_separator="|")
    project = create_project(tmp_path / "a")
    fill_project(project, labels=fmt not in ("doccano", "conll"), spans=fmt not in ("jsonl", "csv", "text"),
                 nested=fmt != "conll")
    out = tmp_path / f"out{suffix}"
    export_project(project, fmt, out, options)
    text = out.read_text(encoding="utf-8")
    if fmt == "conll":
        mangled = "\r\n" + text.replace("\n\n", "\n\n\n").replace("\n", "\r\n") + "\r\n\r\n"
    else:
        mangled = "\r\n" + text.replace("\n", "\r\n\r\n") + "\r\n\r\n"
    messy = tmp_path / f"messy{suffix}"
    messy.write_bytes(mangled.encode("utf-8"))
    other = create_project(tmp_path / "b")

    summary = import_paths(other, [messy], fmt, options)

    assert summary.errors == 0, [str(p) for p in summary.problems]
    if fmt != "labelstudio":  # a JSON array has no blank records, only whitespace
        assert summary.blank_skipped > 0
    assert summary.files[0].encoding.endswith("CRLF")
    if fmt == "text":
        assert [t for _, t in other.iter_texts()] == [t for _, t in project.iter_texts()]
    else:
        assert state(other) == state(project)
