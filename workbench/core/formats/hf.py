"""A folder that Hugging Face ``datasets`` loads: one JSONL (or Parquet) file per split and a dataset card.

The split of a document is its ``split`` metadata value (``train`` when it has none).
Each row has ``text``, ``label`` (single-choice label sets), ``labels`` (multi-label)
and ``spans`` (``start``/``end`` in code points, end-exclusive, and ``label``), plus the
metadata. The card's YAML header lists the data files per split, so
``datasets.load_dataset(folder)`` finds them; its body names the labels.
Parquet needs the optional ``pyarrow`` package.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from .base import (
    DocLabel, Format, FormatError, Options, Problem, Record, SkippedAnnotations, Source, Span, labels_in_set,
    spans_in_set,
)
from .textio import iter_lines, sniff

SPLIT_KEY = "split"
PARQUET_BATCH = 10_000


def _pyarrow():
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise FormatError("Parquet needs the optional package pyarrow, which is not installed. "
                          "Install it with 'pip install pyarrow', or export JSONL (the default).") from None
    return pyarrow


class HfDatasetFormat(Format):
    name = "datasets"
    title = "Hugging Face datasets folder"
    extensions = ()
    writes_folder = True

    def detect(self, source: Source) -> int:
        return 0

    def read(self, source: Source, options: Options) -> Iterator[Record | Problem]:
        folder = source.path
        if not folder.is_dir():
            raise FormatError(f"{folder}: a datasets folder is a folder with a README.md and a file per split.")
        files = sorted(folder.rglob("*.jsonl")) + sorted(folder.rglob("*.parquet"))
        if not files:
            raise FormatError(f"{folder}: no .jsonl or .parquet files found.")
        for path in files:
            split = path.stem.split("-")[0]
            rows = self._parquet_rows(path) if path.suffix == ".parquet" else self._jsonl_rows(path)
            for line, value, error in rows:
                if error:
                    yield Problem(str(path), line, error, "blank" if error == "blank line" else "error")
                    continue
                if not isinstance(value, dict) or not isinstance(value.get("text"), str):
                    yield Problem(str(path), line, "expected an object with a string field 'text'")
                    continue
                yield self._record(value, split, str(path), line, options)

    def _jsonl_rows(self, path: Path):
        for number, line, error in iter_lines(path, sniff(path)[0]):
            if error:
                yield number, None, error
            elif not line.strip():
                yield number, None, "blank line"
            else:
                try:
                    yield number, json.loads(line), ""
                except json.JSONDecodeError as exc:
                    yield number, None, f"invalid JSON ({exc.msg} at column {exc.colno})"

    def _parquet_rows(self, path: Path):
        pyarrow = _pyarrow()
        table = pyarrow.parquet.ParquetFile(path)
        number = 0
        for batch in table.iter_batches(batch_size=PARQUET_BATCH):
            for row in batch.to_pylist():
                number += 1
                yield number, row, ""

    def _record(self, value: dict, split: str, file: str, line: int, options: Options) -> Record:
        record = Record(value.pop("text"), {}, [], [], file=file, line=line)
        label = value.pop("label", None)
        if label is not None:
            record.labels.append(DocLabel(str(label), options.label_set))
        for name in value.pop("labels", None) or []:
            record.labels.append(DocLabel(str(name), options.label_set))
        for span in value.pop("spans", None) or []:
            record.spans.append(Span(span["start"], span["end"], str(span["label"]), options.span_label_set))
        metadata = {k: v for k, v in value.items() if v is not None}
        metadata[SPLIT_KEY] = split
        record.metadata = metadata
        return record

    def write(self, records: Iterable[Record], out: Path, options: Options) -> Iterator[Problem]:
        """Write the rows of each split to a temporary file, then rewrite them with the same columns in every row.

        ``datasets`` needs one schema per split, but which columns exist (metadata keys,
        one label or several) is known only after the last record.
        """
        if out.exists() and any(out.iterdir()):
            raise FormatError(f"{out} is not empty; choose a new or empty folder for the dataset.")
        if options.parquet:
            _pyarrow()
        out.mkdir(parents=True, exist_ok=True)
        partial: dict[str, object] = {}
        counts: dict[str, int] = {}
        columns: dict[str, set[str]] = {}
        label_names: dict[str, None] = {}
        span_names: dict[str, None] = {}
        multi = False
        problems: list[Problem] = []
        skipped = SkippedAnnotations(spans=False)
        try:
            for record in records:
                skipped.count(record)
                names = [label.name for label in labels_in_set(record, options.label_set)]
                row = {"text": record.text, "labels": names,
                       "spans": [{"start": s.start, "end": s.end, "label": s.label}
                                 for s in spans_in_set(record, options.span_label_set)]}
                for key, value in record.metadata.items():
                    if key not in (SPLIT_KEY, "text", "label", "labels", "spans"):
                        row[key] = value
                        columns.setdefault(key, set()).add(_dtype(value))
                split = str(record.metadata.get(SPLIT_KEY) or "train")
                if not split.replace("_", "").isalnum():
                    problems.append(record.problem(f"split {split!r} is not a valid split name; written to train"))
                    split = "train"
                multi = multi or len(names) > 1
                label_names.update(dict.fromkeys(names))
                span_names.update(dict.fromkeys(s["label"] for s in row["spans"]))
                counts[split] = counts.get(split, 0) + 1
                if split not in partial:
                    partial[split] = open(out / f".{split}.partial", "w", encoding="utf-8", newline="\n")
                partial[split].write(json.dumps(row, ensure_ascii=False) + "\n")
        finally:
            for stream in partial.values():
                stream.close()
        dtypes = {key: _common_dtype(kinds) for key, kinds in columns.items()}
        for split in counts:
            self._finish_split(out, split, dtypes, multi, options.parquet)
        suffix = "parquet" if options.parquet else "jsonl"
        card = _card(counts, suffix, list(label_names), list(span_names), multi, dtypes)
        (out / "README.md").write_text(card, encoding="utf-8", newline="\n")
        return iter(problems + skipped.problems(self.title))

    def _finish_split(self, out: Path, split: str, dtypes: dict[str, str], multi: bool, parquet: bool) -> None:
        source = out / f".{split}.partial"
        batch: list[dict] = []
        writer = None
        with open(source, encoding="utf-8") as stream:
            target = None if parquet else open(out / f"{split}.jsonl", "w", encoding="utf-8", newline="\n")
            try:
                for line in stream:
                    row = json.loads(line)
                    names = row.pop("labels")
                    final = {"text": row.pop("text")}
                    if multi:
                        final["labels"] = names
                    else:
                        final["label"] = names[0] if names else None
                    final["spans"] = row.pop("spans")
                    for key, dtype in dtypes.items():
                        value = row.get(key)
                        # Mixed or nested metadata is written as JSON text, so every row has one type.
                        if dtype == "string" and value is not None and not isinstance(value, str):
                            value = json.dumps(value, ensure_ascii=False)
                        final[key] = value
                    if target is not None:
                        target.write(json.dumps(final, ensure_ascii=False) + "\n")
                        continue
                    batch.append(final)
                    if len(batch) >= PARQUET_BATCH:
                        writer = self._write_parquet(out, split, batch, writer)
                        batch = []
                if parquet:
                    writer = self._write_parquet(out, split, batch, writer)
            finally:
                if target is not None:
                    target.close()
                if writer is not None:
                    writer.close()
        source.unlink()

    def _write_parquet(self, out: Path, split: str, rows: list, writer):
        pyarrow = _pyarrow()
        if not rows:
            return writer
        table = pyarrow.Table.from_pylist(rows)
        if writer is None:
            writer = pyarrow.parquet.ParquetWriter(out / f"{split}.parquet", table.schema)
        writer.write_table(table.cast(writer.schema))
        return writer


def _dtype(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int64"
    if isinstance(value, float):
        return "float64"
    return "string"


def _common_dtype(kinds: set[str]) -> str:
    """Return one ``datasets`` dtype for a metadata column whose values have the dtypes ``kinds``."""
    kinds = kinds - {"null"}
    if kinds == {"int64", "float64"}:
        return "float64"
    if len(kinds) == 1:
        return next(iter(kinds))
    return "string"


def _card(counts: dict[str, int], suffix: str, labels: list[str], span_labels: list[str], multi: bool,
          dtypes: dict[str, str]) -> str:
    """Return the dataset card: YAML with the features and data files per split, then a description."""
    lines = ["---", "dataset_info:", "  features:", "  - name: text", "    dtype: string"]
    lines += ["  - name: labels", "    list: string"] if multi else ["  - name: label", "    dtype: string"]
    lines += ["  - name: spans", "    list:", "    - name: start", "      dtype: int64", "    - name: end",
              "      dtype: int64", "    - name: label", "      dtype: string"]
    for key, dtype in dtypes.items():
        lines += [f"  - name: {json.dumps(key, ensure_ascii=False)}", f"    dtype: {dtype}"]
    lines += ["configs:", "- config_name: default", "  data_files:"]
    for split in counts:
        lines += [f"  - split: {split}", f"    path: {split}.{suffix}"]
    lines += ["---", "", "# Dataset exported from LM Workbench", "",
              "Each row has `text`, " + ("`labels` (a list of label names)" if multi else "`label` (a label name or null)")
              + " and `spans` (`start` and `end` are Unicode code point offsets into `text`, end-exclusive, "
              "with a `label`)" + (", then the documents' metadata." if dtypes else "."), "", "## Splits", ""]
    lines += [f"- {split}: {count} rows" for split, count in counts.items()]
    lines += ["", "## Document labels", ""]
    lines += [f"- {name}" for name in labels] or ["- none"]
    lines += ["", "## Span labels", ""]
    lines += [f"- {name}" for name in span_labels] or ["- none"]
    return "\n".join(lines) + "\n"
