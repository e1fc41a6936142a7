"""spaCy / Prodigy JSONL: ``{"text", "spans": [{"start", "end", "label"}], "tokens", "cats", "meta"}``.

``start``/``end`` are character offsets (code points). A span given only by tokens uses
``token_start`` and Prodigy's inclusive ``token_end``. ``cats`` (spaCy text
classification, label to score) gives the document labels whose score is at least 0.5;
``accept`` with ``options`` (Prodigy choice) gives the accepted option ids.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from .base import DocLabel, Format, Options, Problem, Record, Source, Span, labels_in_set, spans_in_set
from .jsonlines import first_json_object, iter_text_records
from .textio import base_suffix, open_output

CATS_THRESHOLD = 0.5
ALL_LABELS = "spacy_labels"


class SpacyFormat(Format):
    name = "spacy"
    title = "spaCy / Prodigy JSONL"
    extensions = (".jsonl",)

    def detect(self, source: Source) -> int:
        if base_suffix(source.path) not in (".jsonl", ".ndjson"):
            return 0
        first = first_json_object(source.sample)
        if first and "text" in first and (isinstance(first.get("spans"), list) or "cats" in first
                                          or "_input_hash" in first or "tokens" in first):
            return 6
        return 0

    def read(self, source: Source, options: Options) -> Iterator[Record | Problem]:
        for item in iter_text_records(source):
            if isinstance(item, Problem):
                yield item
                continue
            value, record = item
            tokens = value.get("tokens") if isinstance(value.get("tokens"), list) else None
            for span in value.pop("spans", None) or []:
                problem = self._span(record, span, tokens, options)
                if problem:
                    yield problem
            cats = value.pop("cats", None)
            if isinstance(cats, dict):
                record.labels.extend(DocLabel(str(name)) for name, score in cats.items()
                                     if isinstance(score, (int, float)) and score >= CATS_THRESHOLD)
                value[ALL_LABELS] = list(cats)
            if isinstance(value.get("options"), list) and isinstance(value.get("accept"), list):
                record.labels.extend(DocLabel(str(choice)) for choice in value.pop("accept"))
            record.metadata = value
            yield record

    def _span(self, record: Record, span, tokens, options: Options) -> Problem | None:
        if not isinstance(span, dict) or "label" not in span:
            return record.problem(f"span {json.dumps(span, ensure_ascii=False)[:80]} has no label; not imported")
        start, end = span.get("start"), span.get("end")
        if start is None or end is None:
            try:
                start = tokens[span["token_start"]]["start"]
                end = tokens[span["token_end"]]["end"]  # token_end is inclusive in Prodigy
            except (KeyError, IndexError, TypeError):
                return record.problem(f"span {json.dumps(span, ensure_ascii=False)[:80]} has neither start/end "
                                      "nor token_start/token_end matching 'tokens'; not imported")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            return record.problem(f"span offsets {start!r}, {end!r} are not integers; not imported")
        record.spans.append(Span(start, end, str(span["label"]), options.span_label_set))
        return None

    def write(self, records: Iterable[Record], out: Path, options: Options) -> Iterator[Problem]:
        problems: list[Problem] = []
        with open_output(out) as stream:
            for record in records:
                stream.write(json.dumps(self._object(record, options, problems), ensure_ascii=False))
                stream.write("\n")
        yield from problems

    def _object(self, record: Record, options: Options, problems: list[Problem]) -> dict:
        metadata = dict(record.metadata)
        tokens = metadata.get("tokens") if isinstance(metadata.get("tokens"), list) else None
        obj = {"text": record.text}
        spans = []
        for span in spans_in_set(record, options.span_label_set):
            item = {"start": span.start, "end": span.end, "label": span.label}
            if tokens:
                first = next((t.get("id", i) for i, t in enumerate(tokens) if t.get("start") == span.start), None)
                last = next((t.get("id", i) for i, t in enumerate(tokens) if t.get("end") == span.end), None)
                if first is not None and last is not None:
                    item["token_start"], item["token_end"] = first, last
            spans.append(item)
        obj["spans"] = spans
        names = [label.name for label in labels_in_set(record, options.label_set)]
        known = metadata.pop(ALL_LABELS, None)
        if names or known:
            obj["cats"] = {name: 1.0 if name in names else 0.0 for name in dict.fromkeys((known or []) + names)}
        predicted = sum(1 for s in record.spans if s.origin != "human") + \
            sum(1 for label in record.labels if label.origin != "human")
        if predicted:
            problems.append(record.problem(f"{predicted} predictions not written: spaCy JSONL holds gold "
                                           "annotations only", "note"))
        for key, value in metadata.items():
            obj.setdefault(key, value)
        return obj
