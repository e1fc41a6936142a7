"""CoNLL-style token-per-line files with IOB2 or BIOES tags; a blank line ends a sentence.

Each sentence becomes one document. Its text is the ``# text = ...`` comment when the
file has one (as Universal Dependencies and UniversalNER files do) and the tokens align
to it. Otherwise the tokens are joined by spaces, or without spaces when most of their
characters are Chinese or Japanese (``join`` chooses). Other ``# key = value`` comments
become metadata.

Export writes ``# text = ...``, the metadata as comments and one ``token<TAB>tag`` line
per token. A span that does not start and end on token boundaries, or that overlaps a
span already written (BIO tags cannot nest), is reported and left out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable, Iterator

from .base import Format, Options, Problem, Record, Source, Span, spans_in_set
from .textio import base_suffix, iter_lines, open_output
from .textutil import CJK_RE, is_cjk_text

TAG_RE = re.compile(r"^(O|[BIES]-\S+)$")
TOKEN_RE = re.compile(f"{CJK_RE.pattern}|[^\\s{CJK_RE.pattern[1:-1]}]+")
COMMENTS = "conll_comments"


def tokenize(text: str) -> list[tuple[int, int]]:
    """Return token boundaries: each Chinese/Japanese character alone, other runs of non-space characters."""
    return [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


class ConllFormat(Format):
    name = "conll"
    title = "CoNLL / IOB2 / BIOES"
    extensions = (".conll", ".iob", ".iob2", ".bio", ".bioes", ".conllu", ".ner")

    def detect(self, source: Source) -> int:
        suffix = base_suffix(source.path)
        if suffix in self.extensions:
            return 5
        lines = [line for line in source.sample.splitlines()[:50] if line.strip() and not line.startswith("#")]
        if suffix in (".txt", ".tsv") and len(lines) >= 2:
            tagged = sum(1 for line in lines if _split(line) and any(TAG_RE.match(c) for c in _split(line)[1:]))
            if tagged == len(lines):
                return 4
        return 0

    def read(self, source: Source, options: Options) -> Iterator[Record | Problem]:
        file = str(source.path)
        sentence: list[tuple[int, str, str]] = []
        comments: list[str] = []
        first_line = None
        for number, line, error in iter_lines(source.path, source.encoding):
            if error:
                yield Problem(file, number, error)
                continue
            if not line.strip():
                if sentence or comments:
                    yield from self._sentence(file, first_line, sentence, comments, options)
                else:
                    yield Problem(file, number, "blank line", "blank")
                sentence, comments, first_line = [], [], None
                continue
            if first_line is None:
                first_line = number
            if (line.startswith("# ") or line == "#") and not sentence:
                comments.append(line)
                continue
            columns = _split(line)
            if columns[0] == "-DOCSTART-":
                continue
            token_index = 1 if len(columns) > 2 and columns[0].isdigit() else 0
            tag = next((c for c in reversed(columns[token_index + 1:]) if TAG_RE.match(c)), None)
            if tag is None:
                tag = "O"
                if len(columns) <= token_index + 1 or columns[-1] not in ("_", "-"):
                    yield Problem(file, number, f"no IOB2/BIOES tag in {line!r}; read as O")
            sentence.append((number, columns[token_index], tag))
        if sentence or comments:
            yield from self._sentence(file, first_line, sentence, comments, options)

    def _sentence(self, file, first_line, tokens, comments, options) -> Iterator[Record | Problem]:
        if not tokens:
            return
        metadata: dict = {}
        given_text = None
        free = []
        for comment in comments:
            body = comment[1:].strip()
            key, sep, value = body.partition(" = ")
            if sep and key == "text":
                given_text = value
            elif sep and " " not in key:
                metadata[key] = value
            else:
                free.append(comment)
        if free:
            metadata[COMMENTS] = free

        words = [token for _, token, _ in tokens]
        offsets = _align(given_text, words) if given_text is not None else None
        if offsets is None:
            join = options.join
            if join == "auto":
                join = "none" if is_cjk_text("".join(words)) else "space"
            glue = "" if join == "none" else " "
            offsets, position = [], 0
            for word in words:
                offsets.append((position, position + len(word)))
                position += len(word) + len(glue)
            text = glue.join(words)
            if given_text is not None:
                yield Problem(file, first_line, "the tokens do not match the '# text =' comment; "
                              "the text was rebuilt from the tokens", "note")
        else:
            text = given_text

        record = Record(text, metadata, [], [], file=file, line=first_line)
        yield from _decode_tags(record, tokens, offsets, options.span_label_set)
        yield record

    def write(self, records: Iterable[Record], out: Path, options: Options) -> Iterator[Problem]:
        scheme = "bioes" if options.scheme == "bioes" else "iob2"
        problems: list[Problem] = []
        with open_output(out) as stream:
            for record in records:
                stream.write(self._sentence_lines(record, scheme, options, problems))
                stream.write("\n")
        yield from problems

    def _sentence_lines(self, record: Record, scheme: str, options: Options, problems: list[Problem]) -> str:
        lines = []
        metadata = dict(record.metadata)
        lines.extend(metadata.pop(COMMENTS, []))
        for key, value in metadata.items():
            value = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            if "\n" in value or " " in key or not key:
                problems.append(record.problem(f"metadata {key!r} not written: it cannot be a '# key = value' line"))
                continue
            lines.append(f"# {key} = {value}")
        if "\n" in record.text:
            problems.append(record.problem("the text has line breaks, which CoNLL cannot keep; "
                                           "re-import rebuilds it from the tokens", "note"))
        else:
            lines.append(f"# text = {record.text}")

        tokens = tokenize(record.text)
        tags = ["O"] * len(tokens)
        starts = {start: i for i, (start, _) in enumerate(tokens)}
        ends = {end: i for i, (_, end) in enumerate(tokens)}
        taken = [False] * len(tokens)
        for span in sorted(spans_in_set(record, options.span_label_set), key=lambda s: (s.start, -s.end)):
            first, last = starts.get(span.start), ends.get(span.end)
            where = f"span {span.label!r} [{span.start}, {span.end}) {record.text[span.start:span.end]!r}"
            if first is None or last is None:
                problems.append(record.problem(f"{where} does not start and end on token boundaries; not written"))
                continue
            if any(taken[first:last + 1]):
                problems.append(record.problem(f"{where} overlaps another span, which BIO tags cannot express; "
                                               "not written"))
                continue
            for i in range(first, last + 1):
                taken[i] = True
                tags[i] = ("B-" if i == first else "I-") + span.label
            if scheme == "bioes":
                if first == last:
                    tags[first] = "S-" + span.label
                else:
                    tags[last] = "E-" + span.label

        dropped = [s for s in record.spans if s.origin != "human"]
        if dropped:
            problems.append(record.problem(f"{len(dropped)} predicted spans not written: CoNLL holds one "
                                           "tag per token", "note"))
        for (start, end), tag in zip(tokens, tags):
            lines.append(f"{record.text[start:end]}\t{tag}")
        return "\n".join(lines) + "\n"


def _split(line: str) -> list[str]:
    return line.split("\t") if "\t" in line else line.split()


def _align(text: str, words: list[str]) -> list[tuple[int, int]] | None:
    """Find each word in ``text`` in order, with only whitespace between them; ``None`` if one is missing."""
    offsets = []
    position = 0
    for word in words:
        while position < len(text) and text[position].isspace() and not text.startswith(word, position):
            position += 1
        if not text.startswith(word, position):
            return None
        offsets.append((position, position + len(word)))
        position += len(word)
    if text[position:].strip():
        return None
    return offsets


def _decode_tags(record: Record, tokens, offsets, label_set) -> Iterator[Problem]:
    current: Span | None = None

    def close():
        nonlocal current
        if current is not None:
            record.spans.append(current)
        current = None

    for (number, token, tag), (start, end) in zip(tokens, offsets):
        if tag == "O":
            close()
            continue
        prefix, label = tag[0], tag[2:]
        if prefix in "IE" and (current is None or current.label != label):
            yield Problem(record.file, number, f"tag {tag} does not continue a {label} span; read as the start of one")
            close()
            current = Span(start, end, label, label_set)
        elif prefix in "IE":
            current.end = end
        elif prefix in "BS":
            close()
            current = Span(start, end, label, label_set)
        if prefix in "ES":
            close()
    close()
