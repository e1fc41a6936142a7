"""doccano JSONL: text classification, sequence labelling and the relation variant.

- classification: ``{"text": ..., "label": ["positive"]}``
- sequence labelling: ``{"text": ..., "label": [[start, end, "PER"], ...]}``
- relations: ``{"text": ..., "entities": [{"id", "label", "start_offset", "end_offset"}],
  "relations": [{"id", "from_id", "to_id", "type"}]}``; the entities become spans and
  the relations stay in the metadata, with the entity ids they refer to.

doccano's browser front end counts offsets in UTF-16 code units, so by default they are
converted to and from code points (``offsets="codepoints"`` turns that off).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from .base import (
    DocLabel, Format, Options, Problem, Record, SkippedAnnotations, Source, Span, labels_in_set, spans_in_set,
)
from .jsonlines import first_json_object, iter_text_records
from .textio import base_suffix, open_output
from .textutil import OffsetError, Utf16Index

# Metadata key under which the relation variant keeps the entity ids: {"id": [start, end, label]}.
ENTITY_IDS = "doccano_entity_ids"


class DoccanoFormat(Format):
    name = "doccano"
    title = "doccano JSONL"
    extensions = (".jsonl",)

    def detect(self, source: Source) -> int:
        if base_suffix(source.path) not in (".jsonl", ".json", ".ndjson"):
            return 0
        first = first_json_object(source.sample)
        if not first or "text" not in first:
            return 0
        if isinstance(first.get("entities"), list) and "relations" in first:
            return 6
        label = first.get("label", first.get("labels"))
        if isinstance(label, list) and label and isinstance(label[0], list):
            return 6
        if isinstance(label, list):
            return 4
        return 0

    def read(self, source: Source, options: Options) -> Iterator[Record | Problem]:
        for item in iter_text_records(source):
            if isinstance(item, Problem):
                yield item
                continue
            value, record = item
            yield from self._record(value, record, options)

    def _record(self, value: dict, record: Record, options: Options) -> Iterator[Record | Problem]:
        index = Utf16Index(record.text) if options.offsets == "utf16" else None

        def convert(offset) -> int:
            if not isinstance(offset, int) or isinstance(offset, bool):
                raise OffsetError(f"offset {offset!r} is not an integer")
            return index.from_utf16(offset) if index is not None else offset

        labels = []
        for key in ("label", "labels"):
            if key in value:
                labels = value.pop(key)
                break
        entities = value.pop("entities", None)
        if not isinstance(labels, list):
            labels = [labels]
        for item in labels:
            if isinstance(item, str):
                record.labels.append(DocLabel(item))
            elif isinstance(item, list) and len(item) == 3 and isinstance(item[2], str):
                try:
                    record.spans.append(Span(convert(item[0]), convert(item[1]), item[2]))
                except OffsetError as exc:
                    yield record.problem(f"span {item!r}: {exc}; it was not imported")
            else:
                yield record.problem(f"label {json.dumps(item, ensure_ascii=False)} is neither a name nor "
                                     "[start, end, label]; it was not imported")
        if entities is not None:
            ids = {}
            for entity in entities if isinstance(entities, list) else []:
                try:
                    span = Span(convert(entity["start_offset"]), convert(entity["end_offset"]), str(entity["label"]))
                except (KeyError, TypeError) as exc:
                    yield record.problem(f"entity {json.dumps(entity, ensure_ascii=False)} lacks {exc}; "
                                         "it was not imported")
                    continue
                except OffsetError as exc:
                    yield record.problem(f"entity {entity.get('id')}: {exc}; it was not imported")
                    continue
                record.spans.append(span)
                if "id" in entity:
                    ids[str(entity["id"])] = [span.start, span.end, span.label]
            value[ENTITY_IDS] = ids
            value.setdefault("relations", [])
        record.metadata = value
        yield record

    def write(self, records: Iterable[Record], out: Path, options: Options) -> Iterator[Problem]:
        problems: list[Problem] = []
        skipped = SkippedAnnotations(spans=False)
        with open_output(out) as stream:
            for record in records:
                skipped.count(record)
                stream.write(json.dumps(self._object(record, options, problems), ensure_ascii=False))
                stream.write("\n")
        yield from problems
        yield from skipped.problems(self.title)

    def _object(self, record: Record, options: Options, problems: list[Problem]) -> dict:
        index = Utf16Index(record.text) if options.offsets == "utf16" else None
        convert = index.to_utf16 if index is not None else (lambda offset: offset)
        metadata = dict(record.metadata)
        entity_ids = metadata.pop(ENTITY_IDS, None)
        obj = {"text": record.text}
        spans = spans_in_set(record, options.span_label_set)
        names = [label.name for label in labels_in_set(record, options.label_set)]
        if entity_ids is not None or "relations" in metadata:
            by_key = {tuple(v): k for k, v in (entity_ids or {}).items()}
            next_id = max([int(k) for k in by_key.values() if str(k).isdigit()] + [0]) + 1
            entities = []
            for span in spans:
                entity_id = by_key.get((span.start, span.end, span.label))
                if entity_id is None:
                    entity_id, next_id = str(next_id), next_id + 1
                entities.append({"id": int(entity_id) if entity_id.isdigit() else entity_id, "label": span.label,
                                 "start_offset": convert(span.start), "end_offset": convert(span.end)})
            obj["entities"] = entities
            obj["relations"] = metadata.pop("relations", [])
            if names:
                obj["label"] = names
        elif spans:
            obj["label"] = [[convert(span.start), convert(span.end), span.label] for span in spans]
            if names:
                problems.append(record.problem(
                    f"document labels {', '.join(names)} not written: a doccano sequence-labelling record "
                    "holds spans only"))
        else:
            obj["label"] = names
        for key, value in metadata.items():
            obj.setdefault(key, value)
        return obj
