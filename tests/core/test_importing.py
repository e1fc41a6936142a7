"""Importing .txt and .jsonl files: split modes, encodings, newlines and all-or-nothing failures."""

from __future__ import annotations

import json

import pytest

from workbench.core.importing import ImportFailed, import_files, read_documents
from workbench.core.project import create_project


@pytest.fixture
def project(tmp_path):
    return create_project(tmp_path / "project")


def texts(project) -> list[str]:
    return [text for _, text in project.iter_texts()]


def write_bytes(path, data: bytes):
    path.write_bytes(data)
    return path


def import_count(project) -> int:
    return project.db().execute("SELECT count(*) FROM imports").fetchone()[0]


def test_line_mode_skips_blank_lines(project, tmp_path):
    source = write_bytes(tmp_path / "a.txt", b"first\n\nsecond\n   \nthird\n")

    report = import_files(project, [source], mode="line")

    assert texts(project) == ["first", "second", "third"]
    assert report.documents == 3
    assert report.blank_skipped == 2


def test_line_mode_is_default_for_file(project, tmp_path):
    source = write_bytes(tmp_path / "a.txt", b"one\ntwo")

    report = import_files(project, [source])

    assert texts(project) == ["one", "two"]
    assert report.blank_skipped == 0


def test_line_mode_records_import_row(project, tmp_path):
    source = write_bytes(tmp_path / "a.txt", b"x\n\ny\n")

    import_files(project, [source], mode="line")

    row = project.db().execute("SELECT path, mode, documents, blank_skipped FROM imports").fetchone()
    assert row == (str(source), "line", 2, 1)


def test_paragraph_mode_joins_lines(project, tmp_path):
    source = write_bytes(tmp_path / "a.txt", b"p1 line1\np1 line2\n\n\np2\n\n")

    report = import_files(project, [source], mode="paragraph")

    assert texts(project) == ["p1 line1\np1 line2", "p2"]
    assert report.documents == 2
    # Three blank lines: two between the paragraphs, one after the second.
    assert report.blank_skipped == 3


def test_paragraph_mode_whitespace_line_is_blank(project, tmp_path):
    source = write_bytes(tmp_path / "a.txt", b"a\n \t \nb")

    report = import_files(project, [source], mode="paragraph")

    assert texts(project) == ["a", "b"]
    assert report.blank_skipped == 1


def test_bom_is_not_stored(project, tmp_path):
    source = write_bytes(tmp_path / "a.txt", b"\xef\xbb\xbfhello\nworld\n")

    import_files(project, [source], mode="line")

    stored = texts(project)
    assert stored == ["hello", "world"]
    assert not stored[0].startswith("\ufeff")


def test_crlf_becomes_lf(project, tmp_path):
    source = write_bytes(tmp_path / "a.txt", b"a\r\nb\r\n\r\nc\r\n")

    report = import_files(project, [source], mode="paragraph")

    assert texts(project) == ["a\nb", "c"]
    assert report.blank_skipped == 1


def test_lone_cr_becomes_lf(project, tmp_path):
    source = write_bytes(tmp_path / "a.txt", b"one\rtwo\r\nthree\n")

    import_files(project, [source], mode="line")

    stored = texts(project)
    assert stored == ["one", "two", "three"]
    assert not any("\r" in text for text in stored)


def test_file_mode_keeps_inner_newlines(project, tmp_path):
    source = write_bytes(tmp_path / "a.txt", b"line one\r\nline two\r\n")

    import_files(project, [source], mode="file")

    assert texts(project) == ["line one\nline two"]


def test_jsonl_text_and_metadata(project, tmp_path):
    lines = [
        {"text": "hello", "lang": "en", "score": 3},
        {"text": "你好🙂", "lang": "zh", "tags": ["greeting"]},
    ]
    body = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"
    source = tmp_path / "a.jsonl"
    source.write_text(body, encoding="utf-8")

    report = import_files(project, [source])

    ids = project.document_ids()
    first, second = project.document(ids[0]), project.document(ids[1])
    assert report.documents == 2
    assert first["text"] == "hello"
    assert first["metadata"] == {"lang": "en", "score": 3}
    assert second["text"] == "你好🙂"
    assert second["metadata"] == {"lang": "zh", "tags": ["greeting"]}
    assert first["source"] == str(source)


def test_jsonl_blank_lines_counted(project, tmp_path):
    source = tmp_path / "a.jsonl"
    source.write_text('{"text": "a"}\n\n{"text": "  "}\n{"text": "b"}\n', encoding="utf-8")

    report = import_files(project, [source])

    assert texts(project) == ["a", "b"]
    # One empty line and one record whose text is only spaces; the final newline adds no line.
    assert report.blank_skipped == 2


def test_folder_one_document_per_file(project, tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("first file\nsecond line\n", encoding="utf-8")
    (folder / "b.txt").write_text("second file", encoding="utf-8")
    (folder / "sub" / "c.txt").write_text("third file\n\nwith a gap\n", encoding="utf-8")
    (folder / "notes.md").write_text("not imported", encoding="utf-8")

    report = import_files(project, [folder])

    assert texts(project) == ["first file\nsecond line", "second file", "third file\n\nwith a gap"]
    assert report.documents == 3
    assert len(report.files) == 3
    sources = [project.document(i)["source"] for i in project.document_ids()]
    assert sources == [str(folder / "a.txt"), str(folder / "b.txt"), str(folder / "sub" / "c.txt")]


def test_folder_without_txt_raises(project, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.md").write_text("x", encoding="utf-8")

    with pytest.raises(ImportFailed) as info:
        import_files(project, [folder])

    assert str(folder) in str(info.value)


def test_chinese_and_emoji_stored_exactly(project, tmp_path):
    text = "🙂 我住在北京。"
    source = tmp_path / "a.txt"
    source.write_text(text + "\n", encoding="utf-8")

    report = import_files(project, [source])

    stored = project.document(project.document_ids()[0])["text"]
    assert stored == text
    assert len(stored) == 8
    assert report.characters == 8


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (b"ab\xffcd\n", 2),
        (b"\xef\xbb\xbfab\xffcd\n", 5),
        ("我".encode("utf-8") + b"\xfe\n", 3),
        (b"\xef\xbb\xbf" + "我".encode("utf-8") + b"\xc3\n", 6),
    ],
    ids=["plain", "bom", "after-cjk", "bom-truncated"],
)
def test_invalid_utf8_names_byte_offset(project, tmp_path, data, offset):
    source = write_bytes(tmp_path / "bad.txt", data)

    with pytest.raises(ImportFailed) as info:
        import_files(project, [source])

    message = str(info.value)
    assert str(source) in message
    assert f"byte offset {offset} " in message
    assert f"0x{data[offset]:02x}" in message
    assert project.document_count() == 0


def test_invalid_utf8_after_good_file_imports_nothing(project, tmp_path):
    good = write_bytes(tmp_path / "good.txt", b"fine\nalso fine\n")
    bad = write_bytes(tmp_path / "bad.txt", b"ok\nbroken \x80 here\n")
    import_files(project, [write_bytes(tmp_path / "before.txt", b"earlier\n")])
    before_imports = import_count(project)

    with pytest.raises(ImportFailed) as info:
        import_files(project, [good, bad])

    assert str(bad) in str(info.value)
    assert "byte offset 10 " in str(info.value)
    assert project.document_count() == 1
    assert import_count(project) == before_imports


def test_invalid_json_names_line(project, tmp_path):
    source = tmp_path / "a.jsonl"
    source.write_text('{"text": "a"}\n{"text": "b"}\n{"text": oops}\n', encoding="utf-8")

    with pytest.raises(ImportFailed) as info:
        import_files(project, [source])

    assert f"{source}, line 3:" in str(info.value)
    assert "invalid JSON" in str(info.value)
    assert project.document_count() == 0


def test_jsonl_without_text_field_raises(project, tmp_path):
    source = tmp_path / "a.jsonl"
    source.write_text('{"text": "a"}\n{"body": "b"}\n', encoding="utf-8")

    with pytest.raises(ImportFailed) as info:
        import_files(project, [source])

    assert f"{source}, line 2:" in str(info.value)
    assert project.document_count() == 0


def test_missing_file_raises(project, tmp_path):
    missing = tmp_path / "absent.txt"

    with pytest.raises(ImportFailed) as info:
        import_files(project, [missing])

    assert str(missing) in str(info.value)
    assert "not found" in str(info.value)
    assert project.document_count() == 0


def test_missing_file_after_good_imports_nothing(project, tmp_path):
    good = write_bytes(tmp_path / "good.txt", b"fine\n")

    with pytest.raises(ImportFailed):
        import_files(project, [good, tmp_path / "absent.txt"])

    assert project.document_count() == 0


def test_unknown_mode_raises(tmp_path):
    source = write_bytes(tmp_path / "a.txt", b"x\n")

    with pytest.raises(ImportFailed) as info:
        read_documents([source], mode="sentence")

    assert "'sentence'" in str(info.value)


def test_second_import_appends(project, tmp_path):
    import_files(project, [write_bytes(tmp_path / "a.txt", b"a\nb\n")])

    import_files(project, [write_bytes(tmp_path / "b.txt", b"c\n")])

    assert texts(project) == ["a", "b", "c"]
    assert import_count(project) == 2


def test_gzip_and_utf16_files_decoded(project, tmp_path):
    import gzip

    packed = write_bytes(tmp_path / "a.jsonl.gz", gzip.compress('{"text": "我住在北京", "n": 1}\n'.encode("utf-8")))
    wide = write_bytes(tmp_path / "b.txt", "\ufeff第一行\r\n🙂 second\r\n".encode("utf-16-le"))

    report = import_files(project, [packed, wide])

    assert texts(project) == ["我住在北京", "第一行", "🙂 second"]
    assert report.documents == 3
    assert project.document(1)["metadata"] == {"n": 1}
