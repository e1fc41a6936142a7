"""Label Studio JSON: a list of tasks with ``data.text``, ``annotations`` and ``predictions``.

A ``labels`` result becomes a span in the label set named by its ``from_name``; a
``choices`` result becomes document labels in that set. Results under ``predictions``
are stored with origin ``prediction`` and their score, apart from the human labels.
Where a result gives ``value.text``, it is checked against the document: on a mismatch
the offsets are read as UTF-16 units, then the text is searched for, and the span is
re-anchored only when it occurs exactly once.

Results of other types (relations, ratings, text areas) stay in the metadata with the ids
of the span results they refer to, and export writes them back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from .base import DocLabel, Format, Options, Problem, Record, Source, Span
from .jsonlines import first_json_object, iter_json_objects
from .textio import base_suffix, open_output
from .textutil import OffsetError, Utf16Index

TEXT_KEY = "text"
# Metadata keys: result id -> [start, end, label, label set, origin] of a span result, and
# origin -> the results of other types.
RESULT_IDS = "labelstudio_result_ids"
OTHER_RESULTS = "labelstudio_other_results"


class LabelStudioFormat(Format):
    name = "labelstudio"
    title = "Label Studio JSON"
    extensions = (".json",)

    def detect(self, source: Source) -> int:
        if base_suffix(source.path) not in (".json", ".jsonl"):
            return 0
        first = first_json_object(source.sample)
        if first and isinstance(first.get("data"), dict):
            return 7
        return 0

    def read(self, source: Source, options: Options) -> Iterator[Record | Problem]:
        file = str(source.path)
        text_key = options.text_field or TEXT_KEY
        for line, number, task, error in iter_json_objects(source):
            if error == "blank":
                yield Problem(file, line, "blank line", "blank")
                continue
            if error:
                yield Problem(file, line, error, record=number)
                continue
            data = task.get("data") if isinstance(task, dict) else None
            if not isinstance(data, dict) or not isinstance(data.get(text_key), str):
                yield Problem(file, line, f"task has no string data.{text_key}; choose the field with --text-field",
                              record=number)
                continue
            data = dict(data)
            record = Record(data.pop(text_key), data, [], [], file=file, line=line, number=number)
            for key in ("id", "meta"):
                if key in task:
                    record.metadata.setdefault(f"labelstudio_{key}", task[key])
            for block in task.get("annotations") or []:
                if isinstance(block, dict) and not block.get("was_cancelled"):
                    yield from self._results(block.get("result") or [], record, "human", None, options)
            for block in task.get("predictions") or []:
                if isinstance(block, dict):
                    yield from self._results(block.get("result") or [], record, "prediction",
                                             block.get("score"), options)
            other = record.metadata.get(OTHER_RESULTS)
            if other:
                count = sum(len(results) for results in other.values())
                yield record.problem(f"{count} results of other types (such as relations) kept in the metadata "
                                     "and written back on export", "note")
            yield record

    def _results(self, results: list, record: Record, origin: str, block_score, options: Options):
        for result in results:
            if not isinstance(result, dict):
                yield record.problem(f"result {json.dumps(result, ensure_ascii=False)[:80]} is not a JSON object; "
                                     "it was not imported")
                continue
            value = result.get("value")
            if not isinstance(value, dict) or ("choices" not in value and "start" not in value):
                record.metadata.setdefault(OTHER_RESULTS, {}).setdefault(origin, []).append(result)
                continue
            set_name = result.get("from_name") or None
            score = result.get("score", block_score)
            score = float(score) if isinstance(score, (int, float)) else None
            if "choices" in value:
                for name in value["choices"] or []:
                    record.labels.append(DocLabel(str(name), set_name or options.label_set, origin, score))
                continue
            names = value.get("labels") or value.get("hypertextlabels") or []
            if "start" not in value or "end" not in value or not names:
                yield record.problem(f"result of type {result.get('type')!r} is neither a span with "
                                     "start, end and labels nor choices; it was not imported")
                continue
            start, end = value["start"], value["end"]
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
                yield record.problem(f"span offsets {start!r}, {end!r} are not integers; the span was not imported")
                continue
            if isinstance(value.get("text"), str):
                anchored = self._anchor(record, start, end, value["text"])
                if isinstance(anchored, Problem):
                    yield anchored
                    continue
                if isinstance(anchored, _Note):
                    yield anchored.note
                start, end = anchored
            for name in names:
                span = Span(start, end, str(name), set_name or options.span_label_set, origin, score)
                record.spans.append(span)
                if "id" in result:
                    ids = record.metadata.setdefault(RESULT_IDS, {})
                    ids.setdefault(str(result["id"]), [start, end, span.label, span.label_set, origin])

    def _anchor(self, record: Record, start: int, end: int, expected: str):
        text = record.text
        if not expected or text[start:end] == expected:
            return start, end
        try:
            index = Utf16Index(text)
            start16, end16 = index.from_utf16(start), index.from_utf16(end)
            if text[start16:end16] == expected:
                return start16, end16
        except OffsetError:
            pass
        found = []
        position = text.find(expected)
        while position != -1 and len(found) < 2:
            found.append(position)
            position = text.find(expected, position + 1)
        if len(found) == 1:
            new_start = found[0]
            note = record.problem(
                f"span text {expected!r} is not at [{start}, {end}); re-anchored to "
                f"[{new_start}, {new_start + len(expected)}), its only occurrence", "note")
            return _Note(note, new_start, new_start + len(expected))
        where = "occurs more than once" if found else "does not occur in the text"
        return record.problem(f"span text {expected!r} does not match [{start}, {end}) "
                              f"({text[start:end]!r}) and {where}; the span was not imported")

    def write(self, records: Iterable[Record], out: Path, options: Options) -> Iterator[Problem]:
        with open_output(out) as stream:
            stream.write("[\n")
            first = True
            for record in records:
                if not first:
                    stream.write(",\n")
                stream.write(json.dumps(self._task(record, options), ensure_ascii=False))
                first = False
            stream.write("\n]\n")
        return iter(())

    def _task(self, record: Record, options: Options) -> dict:
        metadata = dict(record.metadata)
        task = {}
        if "labelstudio_id" in metadata:
            task["id"] = metadata.pop("labelstudio_id")
        elif record.document_id is not None:
            task["id"] = record.document_id
        task["data"] = {options.text_field or TEXT_KEY: record.text, **metadata}
        meta = task["data"].pop("labelstudio_meta", None)
        if meta is not None:
            task["meta"] = meta
        ids = {tuple(v): k for k, v in (task["data"].pop(RESULT_IDS, None) or {}).items()}
        other = task["data"].pop(OTHER_RESULTS, None) or {}
        human = self._results_of(record, "human", options, ids) + other.get("human", [])
        predicted = self._results_of(record, "prediction", options, ids) + other.get("prediction", [])
        task["annotations"] = [{"result": human}] if human else []
        task["predictions"] = [{"result": predicted}] if predicted else []
        return task

    def _results_of(self, record: Record, origin: str, options: Options, ids: dict) -> list[dict]:
        results = []
        number = 0
        for span in record.spans:
            if span.origin != origin or (options.span_label_set and span.label_set != options.span_label_set):
                continue
            number += 1
            result_id = ids.get((span.start, span.end, span.label, span.label_set, origin),
                                f"{record.document_id}-{origin[0]}{number}")
            result = {"id": result_id, "from_name": span.label_set or "label",
                      "to_name": "text", "type": "labels",
                      "value": {"start": span.start, "end": span.end, "text": record.text[span.start:span.end],
                                "labels": [span.label]}}
            if span.score is not None:
                result["score"] = span.score
            results.append(result)
        by_set: dict[str, list] = {}
        for label in record.labels:
            if label.origin == origin and (not options.label_set or label.label_set == options.label_set):
                by_set.setdefault(label.label_set or "choice", []).append(label)
        for set_name, labels in by_set.items():
            result = {"from_name": set_name, "to_name": "text", "type": "choices",
                      "value": {"choices": [label.name for label in labels]}}
            scores = [label.score for label in labels if label.score is not None]
            if scores:
                result["score"] = max(scores)
            results.append(result)
        return results


class _Note(tuple):
    """New offsets of a re-anchored span, carrying the note that reports the change."""

    def __new__(cls, note: Problem, start: int, end: int):
        instance = super().__new__(cls, (start, end))
        instance.note = note
        return instance
