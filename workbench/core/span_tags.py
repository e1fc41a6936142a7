"""Span labelling as BIO tags: code-point spans to one tag per token, and back.

Tags come from the tokenizer's offsets, which ``tokenizers`` reports in code points
(Python string indices) for both of the project's tokenizer kinds. A token belongs to a
span when its text, without surrounding whitespace, overlaps the span. Predicted tags
become spans from the first to the last such token. The round trip is exact whenever span
boundaries fall on token boundaries, which holds for every character with the ``char``
tokenizer and for every CJK character and emoji with ``bytebpe``.

Tag indices: 0 is ``O``; label ``i`` has B at ``1 + 2 * i`` and I at ``2 + 2 * i``.
"""

from __future__ import annotations

import bisect
import itertools

import torch


def _core(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the offsets of a token's text without surrounding whitespace (or the raw ones if all space)."""
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if s < e else (start, end)


def spans_to_tags(text: str, offsets: list[tuple[int, int]], spans: list[tuple[int, int, int]]) -> list[int]:
    """Return a BIO tag index per token (0 is ``O``, then B and I per label) for ``spans``.

    A token takes the first span (by start) that its text overlaps; overlapping spans
    cannot both be tagged, so the later one loses the tokens they share.
    """
    tags = [0] * len(offsets)
    cores = [_core(text, a, b) for a, b in offsets]
    # Token offsets only grow, so a running maximum of the ends is sorted and bisect finds
    # the first token that can overlap a span.
    reach = list(itertools.accumulate((b for _, b in cores), max))
    for start, end, label in sorted(spans):
        inside = False
        for i in range(bisect.bisect_right(reach, start), len(cores)):
            a, b = cores[i]
            if a >= end:
                break
            if b > start and a < b:
                if tags[i] == 0:
                    tags[i] = 1 + 2 * label + (1 if inside else 0)
                inside = True
    return tags


def tags_to_spans(
    text: str, offsets: list[tuple[int, int]], tags: list[int], scores: list[float] | None = None
) -> list[tuple[int, int, int, float]]:
    """Return ``(start, end, label index, score)`` spans in code points from BIO tag indices.

    Tokens with the same offsets (the byte pieces of one character) count once, with the
    first piece's tag. An I tag that does not continue an entity of its label starts one.
    The score is the mean of the tokens' scores.
    """
    scores = scores if scores is not None else [1.0] * len(tags)
    result: list[tuple[int, int, int, float]] = []
    current: list | None = None  # [start, end, label, score sum, count]
    previous = None
    for (a, b), tag, score in zip(offsets, tags, scores):
        if (a, b) == previous or a == b:
            continue
        previous = (a, b)
        if tag == 0:
            if current:
                result.append(_close(current))
            current = None
            continue
        label, is_inside = (tag - 1) // 2, (tag - 1) % 2 == 1
        core = _core(text, a, b)
        if current is not None and is_inside and current[2] == label:
            if not text[a:b].isspace():
                current[1] = core[1]
            current[3] += score
            current[4] += 1
            continue
        if current:
            result.append(_close(current))
        current = [core[0], core[1], label, score, 1]
    if current:
        result.append(_close(current))
    return result


def _close(current: list) -> tuple[int, int, int, float]:
    return (current[0], current[1], current[2], current[3] / current[4])


def document_spans(text: str, offsets: list[tuple[int, int]], token_probabilities: torch.Tensor,
                   ) -> list[tuple[int, int, int, float]]:
    """Return predicted spans of a document from its per-token tag probabilities (T, tags)."""
    scores, tags = token_probabilities.max(-1)
    return tags_to_spans(text, offsets[: len(tags)], tags.tolist(), scores.tolist())
