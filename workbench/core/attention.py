"""Attention weights for texts, their aggregates and per-head statistics, and their export.

Every weight comes from the model's explicit attention path (``return_attention=True``),
so it is the softmax output that the model applied to the values. Arrays are shaped
(layers, heads, query, key) for one text. Texts inspected together are padded to one
batch, and each text's map is cut back to its own tokens, so a text's map does not
depend on the texts next to it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from . import checkpoints
from .finetune_data import FinetuneError
from .predict import PredictionError, predict_text
from .tokenizer import PAD, load_tokenizer, token_labels


@dataclass
class TextAttention:
    """The attention of one text: its token labels and weights shaped (layers, heads, T, T)."""

    tokens: list[str]
    ids: list[int]
    weights: np.ndarray
    truncated_from: int | None = None  # the full token count when the text was cut to the context


def _encode(model, tokenizer, text: str) -> tuple[list[int], list[str], int | None]:
    ids, labels = token_labels(tokenizer, text)
    if not ids:
        raise ValueError("The text has no tokens; type some text to inspect.")
    limit = model.config.max_seq_len
    if len(ids) > limit:
        return ids[:limit], labels[:limit], len(ids)
    return ids, labels, None


def batch_attention(
    model, rows: list[list[int]], padding_side: str = "left", pad_id: int = 0
) -> list[np.ndarray]:
    """Run one padded batch of token id lists; return each row's weights cut to its own tokens.

    ``padding_side`` is "left" or "right". Positions count from each row's first real
    token, so padding changes neither the rotary phases nor the weights of real tokens.
    """
    if padding_side not in ("left", "right"):
        raise ValueError(f"padding_side {padding_side!r} is invalid; use 'left' or 'right'.")
    if not rows or any(not row for row in rows):
        raise ValueError("Every text in the batch needs at least one token.")
    width = max(len(row) for row in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for index, row in enumerate(rows):
        span = slice(width - len(row), width) if padding_side == "left" else slice(0, len(row))
        ids[index, span] = torch.tensor(row)
        mask[index, span] = 1
    device = next(model.parameters()).device
    with torch.no_grad():
        _, weights = model(ids.to(device), attention_mask=mask.to(device), return_attention=True)
    weights = weights.float().cpu().numpy()  # (B, L, H, T, T)
    result = []
    for index, row in enumerate(rows):
        start = width - len(row) if padding_side == "left" else 0
        span = slice(start, start + len(row))
        result.append(np.ascontiguousarray(weights[index][:, :, span, span]))
    return result


def attention_for_texts(model, tokenizer, texts: list[str], padding_side: str = "left") -> list[TextAttention]:
    """Return the attention of each text, computed in one padded batch."""
    encoded = [_encode(model, tokenizer, text) for text in texts]
    pad_id = tokenizer.token_to_id(PAD) or 0
    maps = batch_attention(model, [ids for ids, _, _ in encoded], padding_side, pad_id)
    return [
        TextAttention(labels, ids, weights, truncated)
        for (ids, labels, truncated), weights in zip(encoded, maps)
    ]


def attention_for_text(model, tokenizer, text: str) -> tuple[list[str], np.ndarray]:
    """Return the token labels of ``text`` and its weights, shaped (layers, heads, T, T).

    Longer texts are cut to the model's context, keeping the first tokens.
    """
    result = attention_for_texts(model, tokenizer, [text])[0]
    return result.tokens, result.weights


@dataclass
class Inspection:
    """Everything the attention inspector draws for one text, computed off the GUI thread.

    ``prediction`` is :func:`~workbench.core.predict.predict_text`'s result for a fine-tuned
    run, None for a language model; ``prediction_error`` gives the reason a fine-tuned run could not predict.
    """

    attention: TextAttention
    rollout: np.ndarray
    statistics: list[tuple[int, int, float, float, float]]
    run_id: int | None = None  # the fine-tuned run that predicted, if any
    prediction: dict | None = None
    prediction_error: str | None = None


def inspect_text(model, tokenizer, text: str, project=None, run_id: int | None = None) -> Inspection:
    """Compute ``text``'s attention, rollout and head statistics, and run ``run_id``'s prediction.

    Pass ``project`` and ``run_id`` only for a fine-tuned (classify or ner) run; the prediction
    is then computed for the same text and nothing is stored.
    """
    (result,) = attention_for_texts(model, tokenizer, [text])
    inspection = Inspection(result, attention_rollout(result.weights), head_statistics(result.weights).rows())
    if project is not None and run_id is not None:
        inspection.run_id = run_id
        try:
            inspection.prediction = predict_text(project, run_id, text)
        except (PredictionError, FinetuneError, checkpoints.CheckpointError, OSError) as exc:
            inspection.prediction_error = str(exc)
    return inspection


def attention_from_checkpoint(checkpoint_dir: Path, tokenizer_path: Path, text: str):
    model, _ = checkpoints.load_model(checkpoint_dir)
    tokenizer = load_tokenizer(checkpoints.tokenizer_path(checkpoint_dir, tokenizer_path))
    return attention_for_text(model, tokenizer, text)


# Aggregates ----------------------------------------------------------------------------


def mean_over_heads(weights: np.ndarray) -> np.ndarray:
    """Return the mean over heads, shaped (layers, T, T); rows still sum to 1."""
    return weights.mean(axis=1)


def attention_rollout(weights: np.ndarray, residual: float = 0.5) -> np.ndarray:
    """Return attention rollout after each layer, shaped (layers, T, T).

    Rollout (Abnar and Zuidema, 2020, "Quantifying Attention Flow in Transformers")
    mixes each layer's head mean with the identity for the residual connection,
    renormalises the rows and multiplies the layers from the bottom up. Entry [l, q, k]
    estimates how much token k contributes to position q after layer l. An all-zero row
    (a query with no visible key) becomes the identity row, so no division by zero arises.
    """
    if not 0.0 <= residual <= 1.0:
        raise ValueError(f"residual {residual} is invalid; it must lie in [0, 1].")
    layers, _, length, _ = weights.shape
    identity = np.eye(length, dtype=np.float64)
    result = np.empty((layers, length, length), dtype=np.float64)
    flow = identity
    for layer in range(layers):
        mixed = (1.0 - residual) * weights[layer].astype(np.float64).mean(axis=0) + residual * identity
        sums = mixed.sum(axis=-1, keepdims=True)
        mixed = np.where(sums > 0, mixed / np.where(sums > 0, sums, 1.0), identity)
        flow = mixed @ flow
        result[layer] = flow
    return result.astype(np.float32)


@dataclass
class HeadStatistics:
    """Per-head figures, each shaped (layers, heads), averaged over the query rows that see a key.

    ``entropy`` is in nats (0 for a head that always looks at one token); ``distance`` is the
    expected |query - key| in tokens; ``first_token`` is the mean weight on the first token.
    """

    entropy: np.ndarray
    distance: np.ndarray
    first_token: np.ndarray

    def rows(self) -> list[tuple[int, int, float, float, float]]:
        """Return (layer, head, entropy, distance, first-token share) for every head."""
        layers, heads = self.entropy.shape
        return [
            (layer, head, float(self.entropy[layer, head]), float(self.distance[layer, head]),
             float(self.first_token[layer, head]))
            for layer in range(layers)
            for head in range(heads)
        ]


def head_statistics(weights: np.ndarray) -> HeadStatistics:
    """Compute entropy, mean distance from the diagonal and first-token share for every head."""
    weights = weights.astype(np.float64)
    length = weights.shape[-1]
    positions = np.arange(length)
    distance = np.abs(positions[:, None] - positions[None, :])  # (T, T)
    visible = weights.sum(axis=-1) > 0  # (L, H, T): rows with at least one visible key
    count = np.maximum(visible.sum(axis=-1), 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(weights > 0, np.log(np.where(weights > 0, weights, 1.0)), 0.0)
    row_entropy = -(weights * logs).sum(axis=-1)
    row_distance = (weights * distance).sum(axis=-1)
    row_first = weights[..., 0]
    return HeadStatistics(
        entropy=(row_entropy * visible).sum(axis=-1) / count,
        distance=(row_distance * visible).sum(axis=-1) / count,
        first_token=(row_first * visible).sum(axis=-1) / count,
    )


# Export --------------------------------------------------------------------------------


def save_npy(path: Path, weights: np.ndarray) -> Path:
    """Save weights as float32 ``.npy``; ``np.load`` reads it back without pickle."""
    path = Path(path)
    np.save(path, np.asarray(weights, dtype=np.float32), allow_pickle=False)
    return path


def write_csv(path: Path, tokens: list[str], weights: np.ndarray) -> Path:
    """Write one row per (layer, head, query, key) weight with both tokens, as UTF-8 CSV.

    ``weights`` is (layers, heads, T, T), or (T, T) for a single map (written as layer 0,
    head 0). Future positions are written too, with weight 0, so every map is complete.
    """
    weights = np.asarray(weights)
    shape = weights.shape
    if weights.ndim == 2:
        weights = weights[None, None]
    if weights.ndim != 4 or weights.shape[-1] != len(tokens) or weights.shape[-2] != len(tokens):
        raise ValueError(
            f"Weights of shape {shape} do not fit {len(tokens)} tokens; "
            "expected (layers, heads, tokens, tokens)."
        )
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["layer", "head", "query_index", "query_token", "key_index", "key_token", "weight"])
        layers, heads, length, _ = weights.shape
        for layer in range(layers):
            for head in range(heads):
                matrix = weights[layer, head]
                for query in range(length):
                    for key in range(length):
                        writer.writerow(
                            [layer, head, query, tokens[query], key, tokens[key], f"{matrix[query, key]:.8g}"]
                        )
    return path
