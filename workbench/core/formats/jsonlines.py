"""JSON Lines and JSON arrays: any field as the text, the other fields kept as metadata.

With ``label_field``, the named field (a string or a list of strings) becomes document
labels. Without it, every field but the text is metadata, and export writes it back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from .base import DocLabel, Format, FormatError, Options, Problem, Record, SkippedAnnotations, Source, labels_in_set
from .textio import base_suffix, iter_raw_lines, open_output, read_text

TEXT_FIELDS = ("text", "content", "sentence", "document")


def first_json_object(sample: str) -> dict | None:
    """Return the first JSON object of a JSON Lines or JSON array sample, or ``None``."""
    stripped = sample.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        decoder = json.JSONDecoder()
        try:
            value, _ = decoder.raw_decode(stripped[1:].lstrip())
        except json.JSONDecodeError:
            return None
        return value if isinstance(value, dict) else None
    for line in stripped.splitlines():
        if line.strip():
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                return None
            return value if isinstance(value, dict) else None
    return None


_DECODER = json.JSONDecoder()


def is_json_array(source: Source) -> bool:
    """Return True when ``source`` contains one JSON value (a ``.json`` file or text starting with ``[``)."""
    return base_suffix(source.path) == ".json" or source.sample.lstrip("\ufeff \t\r\n").startswith("[")


def _parse_line(raw: str) -> tuple[object, str]:
    """Return ``(value, error)`` for one JSON Lines line; the error is ``blank`` for a blank line."""
    if raw.isspace():
        return None, "blank"
    try:
        return json.loads(raw.rstrip("\r\n")), ""
    except json.JSONDecodeError as exc:
        return None, f"invalid JSON ({exc.msg} at column {exc.colno})"


def iter_json_objects(source: Source) -> Iterator[tuple[int | None, int | None, object, str]]:
    """Yield ``(line, record number, value, error)`` from a JSON Lines file or a JSON array file."""
    if is_json_array(source):
        # NOTE: a JSON array is parsed whole, so its memory grows with the file; JSON Lines streams.
        text = read_text(source.path, source.encoding).lstrip("\ufeff")
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            yield exc.lineno, None, None, f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
            return
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            yield None, None, None, "expected a JSON array of objects at the top level"
            return
        for number, item in enumerate(value, start=1):
            yield None, number, item, ""
        return
    for number, line, error in iter_raw_lines(source.path, source.encoding):
        if error:
            yield number, None, None, error
            continue
        value, error = _parse_line(line)
        yield number, None, value, error


def iter_text_records(source: Source) -> Iterator[Problem | tuple[dict, Record]]:
    """Yield a problem for each blank or malformed line, else ``(fields, record)``.

    ``record`` carries the object's ``text`` field (removed from ``fields``), its file, line and
    number; the caller reads the remaining fields into labels, spans and metadata.
    """
    file = str(source.path)
    for line, number, value, error in iter_json_objects(source):
        if error == "blank":
            yield Problem(file, line, "blank line", "blank")
        elif error:
            yield Problem(file, line, error, record=number)
        elif not isinstance(value, dict) or not isinstance(value.get("text"), str):
            yield Problem(file, line, "expected a JSON object with a string field 'text'", record=number)
        else:
            yield value, Record(value.pop("text"), {}, [], [], file=file, line=line, number=number)


def choose_text_field(record: dict, wanted: str | None) -> str | None:
    if wanted:
        return wanted if wanted in record else None
    return next((name for name in TEXT_FIELDS if isinstance(record.get(name), str)), None)


def labels_from_value(value, where: str) -> list[str]:
    """Return label names from a string, a number or a list of them."""
    if value is None or value == "":
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [str(value)]
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return [str(v) for v in value]
    raise FormatError(f"{where} must be a label name or a list of names, not {json.dumps(value, ensure_ascii=False)[:80]}")


class JsonlFormat(Format):
    name = "jsonl"
    title = "JSON Lines"
    extensions = (".jsonl", ".ndjson")

    def detect(self, source: Source) -> int:
        if base_suffix(source.path) not in self.extensions:
            return 0
        return 2

    def read(self, source: Source, options: Options) -> Iterator[Record | Problem]:
        if is_json_array(source):
            for line, number, value, error in iter_json_objects(source):
                yield self._item(str(source.path), line, number, value, error, options)
            return
        # One loop per line, written for speed: JSON Lines files run to millions of lines.
        file = str(source.path)
        text_field = options.text_field or "text"
        label_field = options.label_field
        raw_decode = _DECODER.raw_decode
        for line, raw, error in iter_raw_lines(source.path, source.encoding):
            if raw is None:
                yield Problem(file, line, error)
                continue
            try:
                value, end = raw_decode(raw)
                if end != len(raw) and not raw[end:].isspace():
                    raise ValueError
            except ValueError:
                yield self._item(file, line, None, *_parse_line(raw), options)
                continue
            if value.__class__ is dict:
                text = value.pop(text_field, None)
                if text.__class__ is str and not label_field:
                    yield Record(text, value, (), (), file, line)
                    continue
                if text is not None:
                    value[text_field] = text
            yield self._item(file, line, None, value, "", options)

    def _item(self, file: str, line: int | None, number: int | None, value, error: str,
              options: Options) -> Record | Problem:
        """Return the record of one parsed JSON value, or the problem that rejects it."""
        if error == "blank":
            return Problem(file, line, "blank line", "blank")
        if error:
            return Problem(file, line, error, record=number)
        if not isinstance(value, dict):
            return Problem(file, line, "expected a JSON object", record=number)
        field_name = choose_text_field(value, options.text_field)
        text = value.get(field_name) if field_name else None
        if not isinstance(text, str):
            wanted = options.text_field or "text"
            return Problem(file, line, f"no string field {wanted!r} (fields: {', '.join(value) or 'none'}); "
                           "choose the text field with --text-field", record=number)
        del value[field_name]
        record = Record(text, value, file=file, line=line, number=number)
        if options.label_field and options.label_field in value:
            try:
                names = labels_from_value(value.pop(options.label_field), f"field {options.label_field!r}")
            except FormatError as exc:
                return record.problem(f"{exc}; the record was not imported")
            record.labels = [DocLabel(name) for name in names]
        return record

    def write(self, records: Iterable[Record], out: Path, options: Options) -> Iterator[Problem]:
        skipped = SkippedAnnotations()
        with open_output(out) as stream:
            for record in records:
                stream.write(json.dumps(self.to_object(record, options, skipped), ensure_ascii=False))
                stream.write("\n")
        yield from skipped.problems(self.title)

    def to_object(self, record: Record, options: Options, skipped: "SkippedAnnotations") -> dict:
        obj = {options.text_field or "text": record.text}
        obj.update((k, v) for k, v in record.metadata.items() if k not in obj)
        names = [label.name for label in labels_in_set(record, options.label_set)]
        if names:
            obj[options.label_field or "label"] = names[0] if len(names) == 1 else names
        skipped.count(record, len(names))
        return obj


class JsonFormat(JsonlFormat):
    name = "json"
    title = "JSON array"
    extensions = (".json",)

    def detect(self, source: Source) -> int:
        return 2 if base_suffix(source.path) in self.extensions else 0

    def write(self, records: Iterable[Record], out: Path, options: Options) -> Iterator[Problem]:
        skipped = SkippedAnnotations()
        with open_output(out) as stream:
            stream.write("[\n")
            first = True
            for record in records:
                if not first:
                    stream.write(",\n")
                stream.write(json.dumps(self.to_object(record, options, skipped), ensure_ascii=False))
                first = False
            stream.write("\n]\n")
        yield from skipped.problems(self.title)
