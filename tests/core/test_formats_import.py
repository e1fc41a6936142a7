"""Importing each format from files written here: offsets, encodings, rejections, duplicates, detection."""

from __future__ import annotations

import codecs
import gzip
import json

import sys

import pytest
from formats_helpers import ALICE, CHINESE, FAMILY, NEW_YORK, at, counts, state

from workbench.core.formats import FormatError, Options, export_project, import_paths, preview, resolve
from workbench.core.project import create_project
from tests.real_data import DATA_DIR


@pytest.fixture
def project(tmp_path):
    return create_project(tmp_path / "project")


def write(path, text: str, encoding: str = "utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def spans_of(project, text: str) -> list[tuple]:
    return next(row[2] for row in state(project) if row[0] == text)


def reasons(summary) -> list[str]:
    return [f"{p.line}: {p.reason}" for p in summary.problems if p.severity == "error"]


# Encodings ---------------------------------------------------------------------------

JSONL = "\n".join(json.dumps({"text": t, "n": i}, ensure_ascii=False) for i, t in enumerate([ALICE, CHINESE])) + "\n"


@pytest.mark.parametrize("name, data, shown", [
    ("utf8.jsonl", JSONL.encode("utf-8"), "UTF-8, LF"),
    ("bom.jsonl", codecs.BOM_UTF8 + JSONL.encode("utf-8"), "UTF-8 with BOM, LF"),
    ("le.jsonl", codecs.BOM_UTF16_LE + JSONL.encode("utf-16-le"), "UTF-16 LE with BOM, LF"),
    ("be.jsonl", codecs.BOM_UTF16_BE + JSONL.replace("\n", "\r\n").encode("utf-16-be"), "UTF-16 BE with BOM, CRLF"),
    ("crlf.jsonl", JSONL.replace("\n", "\r\n").encode("utf-8"), "UTF-8, CRLF"),
    ("packed.jsonl.gz", gzip.compress(JSONL.encode("utf-8")), "UTF-8, LF, gzip"),
])
def test_encodings_detected_and_decoded(project, tmp_path, name, data, shown):
    path = tmp_path / name
    path.write_bytes(data)

    summary = import_paths(project, [path])

    assert summary.files[0].encoding == shown
    assert summary.files[0].format == "jsonl"
    assert sorted(t for _, t in project.iter_texts()) == sorted([ALICE, CHINESE])


def test_invalid_utf8_line_reported(project, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": "good one"}\n{"text": "bad \xff byte"}\n{"text": "good two"}\n')

    refused = import_paths(project, [path])
    accepted = import_paths(project, [path], on_error="valid")

    assert not refused.committed
    assert reasons(refused) == ["2: invalid UTF-8 at byte 14 of the line (byte 0xff)"]
    assert accepted.committed
    assert [t for _, t in project.iter_texts()] == ["good one", "good two"]


def test_utf16_without_bom_rejected(project, tmp_path):
    path = write(tmp_path / "a.txt", "hello world\n", "utf-16-le")

    with pytest.raises(Exception, match="UTF-16 without a byte order mark"):
        import_paths(project, [path])


# Blank lines, malformed records and the error policy --------------------------------


def test_blank_lines_and_trailing_newlines_counted(project, tmp_path):
    path = write(tmp_path / "a.jsonl", '\n{"text": "one"}\n\n  \n{"text": "two"}\n{"text": "   "}\n\n\n')

    summary = import_paths(project, [path])

    assert [t for _, t in project.iter_texts()] == ["one", "two"]
    assert summary.blank_skipped == 6
    assert summary.errors == 0


def test_malformed_records_rejected_by_line(project, tmp_path):
    path = write(tmp_path / "a.jsonl", '{"text": "ok"}\n{"text": "broken"\n["not", "an", "object"]\n{"body": "x"}\n')

    summary = import_paths(project, [path])

    assert not summary.committed
    assert project.document_count() == 0
    assert reasons(summary) == [
        "2: invalid JSON (Expecting ',' delimiter at column 18)",
        "3: expected a JSON object",
        "4: no string field 'text' (fields: body); choose the text field with --text-field",
    ]


def test_valid_records_imported_in_one_transaction(project, tmp_path):
    path = write(tmp_path / "a.jsonl", '{"text": "ok"}\n{"text": "broken"\n{"text": "also ok"}\n')

    summary = import_paths(project, [path], on_error="valid")

    assert summary.committed
    assert [t for _, t in project.iter_texts()] == ["ok", "also ok"]
    assert project.db().execute("SELECT path, mode, documents FROM imports").fetchall() == [(str(path), "jsonl", 2)]


def test_dry_run_stores_nothing(project, tmp_path):
    path = write(tmp_path / "a.jsonl", '{"text": "one"}\n')

    summary = import_paths(project, [path], dry_run=True)

    assert summary.documents == 1
    assert not summary.committed
    assert project.document_count() == 0


def test_bad_spans_rejected_rest_kept(project, tmp_path):
    lines = [
        {"text": "Bob lives here", "spans": [{"start": 0, "end": 3, "label": "PER"}]},
        {"text": "zero length", "spans": [{"start": 2, "end": 2, "label": "X"}, {"start": 0, "end": 4, "label": "Y"}]},
        {"text": "reversed", "spans": [{"start": 5, "end": 1, "label": "X"}]},
        {"text": "out of range", "spans": [{"start": 4, "end": 99, "label": "X"}]},
    ]
    path = write(tmp_path / "a.jsonl", "".join(json.dumps(line) + "\n" for line in lines))

    summary = import_paths(project, [path], "spacy", on_error="valid")

    assert reasons(summary) == [
        "2: span 'X': Span [2, 2) is empty; select at least one character. It was not imported.",
        "3: span 'X': Span [5, 1) is reversed; its start must come before its end. It was not imported.",
        "4: span 'X': Span [4, 99) lies outside the document of 12 characters. It was not imported.",
    ]
    assert spans_of(project, "Bob lives here") == (("PER", 0, 3, "human", None),)
    assert spans_of(project, "zero length") == (("Y", 0, 4, "human", None),)
    assert project.document_count() == 4


# Duplicates -------------------------------------------------------------------------


DUPLICATE_LINES = [("a", ["x"]), ("b", []), ("c", []), ("a", ["y"]), ("b", ["z"]), ("a", ["x"]), ("c", [])]


@pytest.mark.parametrize("batch_size", [2, 1000])
def test_duplicates_merged_within_file(project, tmp_path, monkeypatch, batch_size):
    import workbench.core.formats.store as store

    monkeypatch.setattr(store, "BATCH_SIZE", batch_size)  # 2: duplicates fall into different batches
    lines = DUPLICATE_LINES
    path = write(tmp_path / "a.jsonl", "".join(json.dumps({"text": t, "label": ls}) + "\n" for t, ls in lines))

    summary = import_paths(project, [path], "doccano", Options(label_set="topics"))

    assert [t for _, t in project.iter_texts()] == ["a", "b", "c"]
    assert summary.merged == 4
    assert (summary.files[0].documents, summary.files[0].merged) == (3, 4)
    assert summary.errors == 0
    labels = {row[0]: [name for name, *_ in row[1]] for row in state(project)}
    assert labels == {"a": ["x", "y"], "b": ["z"], "c": []}
    kind = project.db().execute("SELECT kind FROM label_sets WHERE name = 'topics'").fetchone()[0]
    assert kind == "multilabel"


@pytest.mark.parametrize("batch_size", [2, 1000])
def test_duplicate_label_conflict_in_used_set(project, tmp_path, monkeypatch, batch_size):
    import workbench.core.formats.store as store
    from workbench.core import annotations

    monkeypatch.setattr(store, "BATCH_SIZE", batch_size)
    with project.transaction() as db:
        db.conn.execute("INSERT INTO documents (text, source, metadata, created_at) VALUES ('old', '', '{}', '')")
    topics = annotations.ensure_label_set(project, "topics", "classify")
    annotations.set_document_label(project, 1, topics, annotations.add_label(project, topics, "x").id)
    lines = DUPLICATE_LINES
    path = write(tmp_path / "a.jsonl", "".join(json.dumps({"text": t, "label": ls}) + "\n" for t, ls in lines))

    summary = import_paths(project, [path], "doccano", Options(label_set="topics"), on_error="valid")

    labels = {row[0]: [name for name, *_ in row[1]] for row in state(project)}
    assert labels == {"a": ["x"], "b": ["z"], "c": [], "old": ["x"]}
    assert len(reasons(summary)) == 1
    assert "single-choice" in reasons(summary)[0]


@pytest.mark.parametrize("dry_run", [False, True])
def test_duplicate_hash_tables_dropped(project, tmp_path, monkeypatch, dry_run):
    import workbench.core.formats.store as store

    monkeypatch.setattr(store, "BATCH_SIZE", 3)
    import_paths(project, [write(tmp_path / "old.txt", "床前明月光\nold\n")])
    lines = ["new 1", "床前明月光", "new 2", "new 3", "new 1", "old", "new 2"]
    path = write(tmp_path / "a.jsonl", "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in lines))

    summary = import_paths(project, [path], "jsonl", dry_run=dry_run)

    assert (summary.documents, summary.merged) == (3, 4)
    assert (summary.files[0].documents, summary.files[0].merged) == (3, 4)
    expected = ["床前明月光", "old"] + ([] if dry_run else ["new 1", "new 2", "new 3"])
    assert [t for _, t in project.iter_texts()] == expected
    temp_tables = project.db().execute("SELECT name FROM temp.sqlite_master").fetchall()
    assert temp_tables == []


def test_plain_text_keeps_duplicate_lines(project, tmp_path):
    path = write(tmp_path / "a.txt", "ROMEO:\nhello\nROMEO:\n")

    summary = import_paths(project, [path])

    assert summary.documents == 3
    assert import_paths(project, [path], duplicates="merge").documents == 0


# doccano ----------------------------------------------------------------------------


def test_doccano_utf16_offsets_converted(project, tmp_path):
    start, end = at(FAMILY, "Paris")
    utf16 = len(FAMILY[:start].encode("utf-16-le")) // 2
    path = write(tmp_path / "d.jsonl", json.dumps({"text": FAMILY, "label": [[utf16, utf16 + 5, "LOC"]]}) + "\n")

    import_paths(project, [path])

    assert spans_of(project, FAMILY) == (("LOC", start, end, "human", None),)


def test_doccano_codepoint_offsets_option(project, tmp_path):
    start, end = at(FAMILY, "Paris")
    path = write(tmp_path / "d.jsonl", json.dumps({"text": FAMILY, "label": [[start, end, "LOC"]]}) + "\n")

    import_paths(project, [path], "doccano", Options(offsets="codepoints"))

    assert spans_of(project, FAMILY) == (("LOC", start, end, "human", None),)


def test_doccano_offset_inside_surrogate_pair_rejected(project, tmp_path):
    path = write(tmp_path / "d.jsonl", json.dumps({"text": ALICE, "label": [[7, 9, "X"]]}) + "\n")

    summary = import_paths(project, [path], "doccano")

    assert reasons(summary) == ["1: span [7, 9, 'X']: UTF-16 offset 7 points inside the surrogate pair of '😀' "
                                "at character 6; it was not imported"]


def test_doccano_relations_kept_as_metadata(project, tmp_path):
    record = {"id": 7, "text": ALICE, "entities": [
        {"id": 1, "label": "PER", "start_offset": 0, "end_offset": 5},
        {"id": 2, "label": "PER", "start_offset": 13, "end_offset": 16}],
        "relations": [{"id": 3, "from_id": 1, "to_id": 2, "type": "met"}]}
    path = write(tmp_path / "r.jsonl", json.dumps(record, ensure_ascii=False) + "\n")

    import_paths(project, [path])
    out = tmp_path / "out.jsonl"
    export_project(project, "doccano", out)

    assert spans_of(project, ALICE) == (("PER", 0, 5, "human", None), ("PER", 12, 15, "human", None))
    assert project.document(1)["metadata"]["relations"] == record["relations"]
    assert json.loads(out.read_text(encoding="utf-8")) == record


# Label Studio ---------------------------------------------------------------------------


def ls_result(start, end, text, label, **extra):
    return {"from_name": "ner", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": text, "labels": [label]}, **extra}


def test_labelstudio_predictions_and_reanchoring(project, tmp_path):
    bob = at(ALICE, "Bob")
    tasks = [{"id": 1, "data": {"text": ALICE, "lang": "en"},
              "annotations": [{"result": [ls_result(*bob, "Bob", "PER"),
                                          ls_result(0, 3, "met", "VERB"),
                                          ls_result(0, 2, "zz", "X")]}],
              "predictions": [{"score": 0.75, "result": [
                  ls_result(*at(ALICE, "北京"), "北京", "LOC"),
                  {"from_name": "topic", "to_name": "text", "type": "choices", "value": {"choices": ["travel"]}}]}]}]
    path = write(tmp_path / "ls.json", json.dumps(tasks, ensure_ascii=False))

    summary = import_paths(project, [path], on_error="valid")

    assert summary.files[0].format == "labelstudio"
    rows = state(project, with_sets=True)[0]
    assert rows[1] == (("topic", "travel", "prediction", 0.75),)
    assert rows[2] == (("ner", "LOC", *at(ALICE, "北京"), "prediction", 0.75),
                       ("ner", "PER", *bob, "human", None),
                       ("ner", "VERB", *at(ALICE, "met"), "human", None))
    notes = [p.reason for p in summary.problems if p.severity == "note"]
    assert any("re-anchored" in n for n in notes)
    assert reasons(summary) == ["None: span text 'zz' does not match [0, 2) ('Al') and does not occur in the text; "
                                "the span was not imported"]
    assert project.document(1)["metadata"] == {"lang": "en", "labelstudio_id": 1}


def test_labelstudio_utf16_offsets_recognised(project, tmp_path):
    start, end = at(ALICE, "Bob")
    tasks = [{"data": {"text": ALICE}, "annotations": [{"result": [ls_result(start + 1, end + 1, "Bob", "PER")]}]}]
    path = write(tmp_path / "ls.json", json.dumps(tasks, ensure_ascii=False))

    import_paths(project, [path])

    assert spans_of(project, ALICE) == (("PER", start, end, "human", None),)


# CoNLL ------------------------------------------------------------------------------


def test_conll_bioes_and_iob2_import(project, tmp_path):
    text = "-DOCSTART- -X- O O\n\nAlice B-PER\nmet O\nNew B-LOC\nYork I-LOC\n\n\n北 S-LOC\n京 O\n爱 B-X\n你 E-X\n"
    path = write(tmp_path / "a.conll", text)

    summary = import_paths(project, [path])

    assert summary.errors == 0
    assert spans_of(project, "Alice met New York") == (("LOC", 10, 18, "human", None), ("PER", 0, 5, "human", None))
    assert spans_of(project, "北京爱你") == (("LOC", 0, 1, "human", None), ("X", 2, 4, "human", None))


def test_conll_invalid_tags_reported(project, tmp_path):
    path = write(tmp_path / "a.iob2", "Alice I-PER\nmet O\nBob X-PER\n")

    summary = import_paths(project, [path], on_error="valid")

    assert sorted(reasons(summary)) == ["1: tag I-PER does not continue a PER span; read as the start of one",
                                        "3: no IOB2/BIOES tag in 'Bob X-PER'; read as O"]
    assert spans_of(project, "Alice met Bob") == (("PER", 0, 5, "human", None),)


def test_conll_text_comment_keeps_spacing_crlf(project, tmp_path):
    text = "# sent_id = s1\r\n# text = Hello,  world 😀!\r\n1\tHello\tB-X\r\n2\t,\tO\r\n3\tworld\tO\r\n4\t😀\tS-E\r\n5\t!\tO\r\n"
    path = write(tmp_path / "a.conllu", text)

    import_paths(project, [path])

    assert spans_of(project, "Hello,  world 😀!") == (("E", 14, 15, "human", None), ("X", 0, 5, "human", None))
    assert project.document(1)["metadata"] == {"sent_id": "s1"}


@pytest.mark.skipif(not (DATA_DIR / "labelled" / "zh_gsdsimp-ud-dev.iob2").is_file(), reason="real data missing")
def test_conll_real_chinese_ner(project, tmp_path):
    source = DATA_DIR / "labelled" / "zh_gsdsimp-ud-dev.iob2"

    summary = import_paths(project, [source])

    assert summary.errors == 0
    assert summary.committed
    assert summary.spans > 100
    mismatched = project.db().execute(
        "SELECT count(*) FROM spans s JOIN documents d ON d.id = s.document_id WHERE s.start < 0 "
        'OR s."end" > length(d.text)').fetchone()[0]
    assert mismatched == 0
    comments = [line[len("# text = "):] for line in source.read_text(encoding="utf-8").splitlines()
                if line.startswith("# text = ")]
    assert sorted(set(comments)) == sorted(t for _, t in project.iter_texts())


# brat -------------------------------------------------------------------------------


@pytest.mark.parametrize("count_cr", [True, False])
def test_brat_crlf_offsets(project, tmp_path, count_cr):
    raw = "First line\r\nBob 😀 lives in 北京\r\n"
    lf = raw.replace("\r\n", "\n")
    base = raw if count_cr else lf
    bob, city = at(base, "Bob"), at(base, "北京")
    (tmp_path / "doc.txt").write_bytes(raw.encode("utf-8"))
    write(tmp_path / "doc.ann", f"T1\tPER {bob[0]} {bob[1]}\tBob\nT2\tLOC {city[0]} {city[1]}\t北京\n"
                                "R1\tlives_in Arg1:T1 Arg2:T2\nT3\tX 0 2;3 5\tFi st\n")

    summary = import_paths(project, [tmp_path / "doc.ann"], on_error="valid")

    assert [t for _, t in project.iter_texts()] == [lf]
    assert spans_of(project, lf) == (("LOC", *at(lf, "北京"), "human", None), ("PER", *at(lf, "Bob"), "human", None))
    assert reasons(summary) == ["4: T3 is a discontinuous span (0 2;3 5), which cannot be stored; it was not imported"]
    assert project.document(1)["metadata"]["brat_lines"] == ["R1\tlives_in Arg1:T1 Arg2:T2"]


def test_brat_folder_roundtrip_keeps_relations(project, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ALICE, encoding="utf-8")
    ann = f"T1\tPER 0 5\tAlice\nT2\tPER {at(ALICE, 'Bob')[0]} {at(ALICE, 'Bob')[1]}\tBob\nR1\tmet Arg1:T1 Arg2:T2\n"
    (folder / "a.ann").write_text(ann, encoding="utf-8")

    import_paths(project, [folder])
    export_project(project, "brat", tmp_path / "out")

    assert (tmp_path / "out" / "a.ann").read_text(encoding="utf-8") == ann
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == ALICE


# spaCy / Prodigy ------------------------------------------------------------------


def test_prodigy_token_end_inclusive(project, tmp_path):
    tokens = [{"text": "New", "start": 0, "end": 3, "id": 0}, {"text": "York", "start": 5, "end": 9, "id": 1},
              {"text": "has", "start": 10, "end": 13, "id": 2}]
    record = {"text": NEW_YORK, "tokens": tokens, "spans": [{"token_start": 0, "token_end": 1, "label": "LOC"}],
              "answer": "accept"}
    path = write(tmp_path / "p.jsonl", json.dumps(record) + "\n")

    import_paths(project, [path])
    out = tmp_path / "out.jsonl"
    export_project(project, "spacy", out)

    assert spans_of(project, NEW_YORK) == (("LOC", 0, 9, "human", None),)
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["spans"] == [{"start": 0, "end": 9, "label": "LOC", "token_start": 0, "token_end": 1}]
    assert written["answer"] == "accept"


# CSV / TSV --------------------------------------------------------------------------


def test_csv_label_column_and_separator(project, tmp_path):
    path = write(tmp_path / "a.csv", 'id,review,tags\r\n1,"Great, ""really"" 😀",pos;fun\r\n2,差,neg\r\n3,"two\r\nlines",\r\n')

    summary = import_paths(project, [path], "csv", Options(text_field="review", label_field="tags",
                                                            label_separator=";"))

    assert summary.errors == 0
    labels = {row[0]: [name for name, *_ in row[1]] for row in state(project)}
    assert labels == {'Great, "really" 😀': ["fun", "pos"], "差": ["neg"], "two\nlines": []}
    assert project.document(1)["metadata"] == {"id": "1"}


def test_csv_wrong_field_count_reported(project, tmp_path):
    path = write(tmp_path / "a.csv", "text,label\nfine,a\nextra,b,c\n")

    summary = import_paths(project, [path])

    assert reasons(summary) == ["3: 3 fields where the header has 2; check the quoting and the delimiter"]


def test_tsv_quotes_are_literal(project, tmp_path):
    text = 'text\tlabel\n"who\'s we?--some\t0\nthe end."\t1\nwith\ttab\tx\n'
    path = write(tmp_path / "a.tsv", text)
    summary = import_paths(project, [path], on_error="valid")
    with project.transaction() as db:
        db.conn.execute("INSERT INTO documents (text, source, metadata, created_at) VALUES ('a\tb', '', '{}', '')")

    exported = export_project(project, "tsv", tmp_path / "out.tsv")

    assert reasons(summary) == ["4: 3 fields where the header has 2; check the quoting and the delimiter"]
    assert [t for _, t in project.iter_texts()][:2] == ['"who\'s we?--some', 'the end."']
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8") == 'text\tlabel\n"who\'s we?--some\t0\nthe end."\t1\n'
    assert [p.reason for p in exported.problems] == [
        "contains a tab or a line break, which TSV cannot hold; not written. Export it as CSV instead"]


@pytest.mark.skipif(not (DATA_DIR / "labelled" / "poem_sentiment_dev.tsv").is_file(), reason="real data missing")
def test_tsv_real_headerless_and_header_files(project):
    poems = import_paths(project, [DATA_DIR / "labelled" / "poem_sentiment_dev.tsv"], "tsv",
                         Options(label_field="3", label_set="sentiment"))
    topics = import_paths(project, [DATA_DIR / "labelled" / "sib200_zho_Hans_dev.tsv"], None,
                          Options(label_field="category", label_set="topic"))

    assert poems.errors == 0
    assert poems.documents == 105
    assert topics.errors == 0
    assert topics.files[0].format == "tsv"
    first = project.document(1)
    assert first["text"] == "to water, cloudlike on the bush afar,"
    assert first["metadata"] == {"column1": "0"}
    names = {r[0] for r in project.db().execute("SELECT name FROM label_sets")}
    assert names == {"sentiment", "topic"}


# Detection, preview, datasets -----------------------------------------------------


@pytest.mark.parametrize("name, content, expected", [
    ("a.jsonl", '{"text": "x", "label": [[0, 1, "A"]]}\n', "doccano"),
    ("a.jsonl", '{"text": "x", "entities": [], "relations": []}\n', "doccano"),
    ("a.jsonl", '{"text": "x", "spans": []}\n', "spacy"),
    ("a.jsonl", '{"text": "x", "source": "web"}\n', "jsonl"),
    ("a.json", '[{"data": {"text": "x"}, "annotations": []}]', "labelstudio"),
    ("a.json", '[{"text": "x"}]', "json"),
    ("a.csv", "text,label\nx,y\n", "csv"),
    ("a.tsv", "text\tlabel\nx\ty\n", "tsv"),
    ("a.txt", "EU B-ORG\nrejects O\n", "conll"),
    ("a.txt", "just text\nmore text\n", "text"),
])
def test_format_detection(tmp_path, name, content, expected):
    path = write(tmp_path / name, content)

    _, fmt = resolve(path)

    assert fmt.name == expected


def test_preview_reads_first_records_only(tmp_path):
    path = write(tmp_path / "a.jsonl", "".join(json.dumps({"text": f"line {i}"}) + "\n" for i in range(100)))

    source, fmt, records, problems = preview(path, limit=5)

    assert fmt.name == "jsonl"
    assert [r.text for r in records] == [f"line {i}" for i in range(5)]
    assert source.encoding.describe() == "UTF-8, LF"
    assert problems == []


def test_unknown_format_rejected(project, tmp_path):
    with pytest.raises(FormatError, match="Unknown format 'xml'"):
        import_paths(project, [write(tmp_path / "a.txt", "x")], "xml")


def test_parquet_without_pyarrow_explains(project, tmp_path, monkeypatch):
    # A None entry in sys.modules makes "import pyarrow" fail as if it were not installed.
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)

    with pytest.raises(FormatError, match="pip install pyarrow"):
        export_project(project, "datasets", tmp_path / "hf", Options(parquet=True))


def test_datasets_loads_exported_folder(tmp_path):
    datasets = pytest.importorskip("datasets")
    from formats_helpers import fill_project

    project = create_project(tmp_path / "p")
    fill_project(project)
    with project.transaction() as db:
        db.conn.execute("""UPDATE documents SET metadata = '{"split": "test"}' WHERE id = 1""")
    export_project(project, "datasets", tmp_path / "hf")

    loaded = datasets.load_dataset(str(tmp_path / "hf"))

    assert set(loaded) == {"train", "test"}
    assert loaded["test"][0]["text"] == ALICE
    assert loaded["train"].num_rows == 3
    assert counts(project)[0] == 4


def test_unused_single_choice_set_widened(project, tmp_path):
    from workbench.core import annotations

    annotations.ensure_label_set(project)  # the Annotate tab creates "default" as single-choice
    path = write(tmp_path / "a.csv", "text,label\nboth,a|b\n")

    summary = import_paths(project, [path], None, Options(label_separator="|"))

    assert summary.committed
    kind = project.db().execute("SELECT kind FROM label_sets WHERE name = 'default'").fetchone()[0]
    assert kind == "multilabel"
    assert any("made multi-label" in p.reason for p in summary.problems)


def test_export_notes_predictions_not_written(project, tmp_path):
    from formats_helpers import fill_project

    fill_project(project, predictions=True)

    summary = export_project(project, "doccano", tmp_path / "out.jsonl")

    assert [p.reason for p in summary.problems if p.severity == "note"][-1] == (
        "1 spans and 1 predicted labels on 1 documents were not written because of the doccano JSONL format: "
        "it holds human annotations only. Export predictions as labelstudio")


def test_labelstudio_relations_written_back(project, tmp_path):
    alice, bob = at(ALICE, "Alice"), at(ALICE, "Bob")
    results = [dict(ls_result(*alice, "Alice", "PER"), id="r1"), dict(ls_result(*bob, "Bob", "PER"), id="r2"),
               {"from_id": "r1", "to_id": "r2", "type": "relation", "direction": "right", "labels": ["met"]}]
    tasks = [{"id": 5, "data": {"text": ALICE}, "annotations": [{"result": results}], "predictions": []}]
    path = write(tmp_path / "ls.json", json.dumps(tasks, ensure_ascii=False))

    summary = import_paths(project, [path])
    out = tmp_path / "out.json"
    export_project(project, "labelstudio", out)

    assert summary.errors == 0
    assert any("kept in the metadata" in p.reason for p in summary.problems)
    written = json.loads(out.read_text(encoding="utf-8"))[0]
    assert written["data"] == {"text": ALICE}
    assert written["annotations"][0]["result"] == results


def test_csv_invalid_delimiter_rejected(project, tmp_path):
    path = write(tmp_path / "a.csv", "text\nx\n")

    summary = import_paths(project, [path], None, Options(delimiter=";;"))

    assert reasons(summary) == ["None: Delimiter ';;' is invalid: use one character, such as ',' or ';' "
                                "('tab' for a tab)."]


def test_csv_missing_text_column_named(project, tmp_path):
    path = write(tmp_path / "a.csv", "text,label\nx,y\n")

    summary = import_paths(project, [path], None, Options(text_field="body"))

    assert reasons(summary) == ["1: no column 'body' (columns: text, label); choose --text-column"]
    assert project.document_count() == 0
