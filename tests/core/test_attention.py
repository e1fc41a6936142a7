"""Attention inspection: correctness of the weights, batching, aggregates, statistics and export."""

from __future__ import annotations

import csv

import numpy as np
import pytest
import torch

from workbench.core.attention import (
    attention_for_text,
    attention_for_texts,
    attention_rollout,
    batch_attention,
    head_statistics,
    mean_over_heads,
    save_npy,
    write_csv,
)
from workbench.core.model import DecoderLM, ModelConfig, masked_softmax
from workbench.core.tokenizer import load_tokenizer

ATOL = 1e-5
TEXTS = ["床前明月光，疑是地上霜。", "To be, or not", "我爱学习 ok 🙂"]


@pytest.fixture(scope="module")
def model(sharp_model) -> DecoderLM:
    """A grouped-query model with sharp attention."""
    return sharp_model(vocab_size=80, hidden_size=32, num_layers=3, num_heads=4, num_kv_heads=2, max_seq_len=24)


@pytest.fixture(scope="module")
def rows() -> list[list[int]]:
    generator = torch.Generator().manual_seed(3)
    return [torch.randint(3, 80, (length,), generator=generator).tolist() for length in (9, 4, 14, 1)]


@pytest.fixture(scope="module")
def tokenizer_model(tmp_path_factory, build_project, mixed_lines):
    project = build_project(tmp_path_factory.mktemp("attention"), mixed_lines * 3, kind="char", encode=False)
    tokenizer = load_tokenizer(project.tokenizer_path)
    torch.manual_seed(1)
    model = DecoderLM(ModelConfig(vocab_size=tokenizer.get_vocab_size(), hidden_size=32, num_layers=2,
                                  num_heads=4, max_seq_len=16)).eval()
    return tokenizer, model


def test_masked_softmax_blank_row_is_zero():
    scores = torch.tensor([[[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]]])
    mask = torch.tensor([[[True, True, False], [False, False, False]]])

    weights = masked_softmax(scores, mask)

    assert not torch.isnan(weights).any()
    assert torch.count_nonzero(weights[0, 1]) == 0
    expected = torch.softmax(torch.tensor([1.0, 2.0]), -1)
    assert torch.allclose(weights[0, 0, :2], expected, atol=1e-7)
    assert weights[0, 0, 2] == 0


def test_masked_softmax_matches_minus_infinity():
    generator = torch.Generator().manual_seed(0)
    scores = torch.randn(4, 6, 6, generator=generator) * 10
    mask = torch.ones(6, 6, dtype=torch.bool).tril().expand(4, 6, 6)

    ours = masked_softmax(scores, mask)
    reference = torch.softmax(scores.masked_fill(~mask, float("-inf")), -1)

    assert torch.equal(ours, reference)


@pytest.mark.parametrize("padding_side", ["left", "right"])
def test_text_map_same_alone_and_in_batch(model, rows, padding_side):
    batched = batch_attention(model, rows, padding_side=padding_side)

    for row, weights in zip(rows, batched):
        (alone,) = batch_attention(model, [row])
        assert weights.shape == (3, 4, len(row), len(row))
        assert np.allclose(weights, alone, atol=ATOL), np.abs(weights - alone).max()


def test_batch_weights_rows_sum_to_one(model, rows):
    for weights in batch_attention(model, rows):
        sums = weights.sum(-1)
        assert np.allclose(sums, 1.0, atol=ATOL)


def test_batch_weights_future_is_zero(model, rows):
    for weights in batch_attention(model, rows):
        length = weights.shape[-1]
        above = np.triu(np.ones((length, length), dtype=bool), k=1)
        assert np.count_nonzero(weights[..., above]) == 0


def test_padded_keys_and_blank_rows_are_zero(model, rows):
    width = max(len(row) for row in rows)
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    for index, row in enumerate(rows):
        ids[index, width - len(row):] = torch.tensor(row)
        mask[index, width - len(row):] = 1

    with torch.no_grad():
        logits, weights = model(ids, attention_mask=mask, return_attention=True)

    assert not torch.isnan(weights).any()
    assert not torch.isnan(logits).any()
    for index, row in enumerate(rows):
        pad = width - len(row)
        # Left-padding queries see no key at all: their rows are blank.
        assert torch.count_nonzero(weights[index, ..., :pad, :]) == 0
        # Real queries give padding keys no weight.
        assert torch.count_nonzero(weights[index, ..., pad:, :pad]) == 0
        sums = weights[index, ..., pad:, :].sum(-1)
        assert torch.allclose(sums, torch.ones_like(sums), atol=ATOL)


def test_fully_masked_batch_has_no_nan(model):
    ids = torch.zeros((2, 5), dtype=torch.long)
    mask = torch.zeros_like(ids)

    with torch.no_grad():
        logits, weights = model(ids, attention_mask=mask, return_attention=True)
        fast = model(ids, attention_mask=mask)

    assert torch.count_nonzero(weights) == 0
    assert not torch.isnan(logits).any()
    assert not torch.isnan(fast).any()


def test_weights_are_the_applied_softmax(model, rows):
    # The logits of the explicit path, which applies the returned weights, equal the fast path's.
    ids = torch.tensor([rows[0]])

    with torch.no_grad():
        fast = model(ids)
        explicit, weights = model(ids, return_attention=True)

    assert torch.allclose(fast, explicit, atol=ATOL)
    assert weights.shape == (1, 3, 4, 9, 9)


def test_batch_rejects_bad_padding_side(model, rows):
    with pytest.raises(ValueError) as info:
        batch_attention(model, rows, padding_side="middle")

    assert "'middle'" in str(info.value)


def test_batch_rejects_empty_row(model):
    with pytest.raises(ValueError):
        batch_attention(model, [[5, 6], []])


def test_texts_same_alone_and_together(tokenizer_model):
    tokenizer, model = tokenizer_model

    together = attention_for_texts(model, tokenizer, TEXTS)

    for text, result in zip(TEXTS, together):
        tokens, alone = attention_for_text(model, tokenizer, text)
        assert result.tokens == tokens
        assert np.allclose(result.weights, alone, atol=ATOL)


def test_text_cut_to_context(tokenizer_model):
    tokenizer, model = tokenizer_model
    text = "床前明月光，疑是地上霜。举头望明月，低头思故乡。"

    (result,) = attention_for_texts(model, tokenizer, [text])

    assert len(result.tokens) == 16
    assert result.truncated_from == len(tokenizer.encode(text).ids)
    assert result.tokens[0] == "床"


def test_empty_text_raises(tokenizer_model):
    tokenizer, model = tokenizer_model

    with pytest.raises(ValueError) as info:
        attention_for_text(model, tokenizer, "")

    assert "no tokens" in str(info.value)


def test_mean_over_heads_rows_sum_to_one(model, rows):
    (weights,) = batch_attention(model, rows[:1])

    mean = mean_over_heads(weights)

    assert mean.shape == (3, 9, 9)
    assert np.allclose(mean.sum(-1), 1.0, atol=ATOL)
    assert np.allclose(mean[1], weights[1].mean(0))


def test_rollout_is_causal_and_normalised(model, rows):
    (weights,) = batch_attention(model, rows[:1])

    flow = attention_rollout(weights)

    assert flow.shape == (3, 9, 9)
    assert np.allclose(flow.sum(-1), 1.0, atol=ATOL)
    above = np.triu(np.ones((9, 9), dtype=bool), k=1)
    assert np.count_nonzero(flow[:, above]) == 0
    first = 0.5 * weights[0].mean(0) + 0.5 * np.eye(9)
    assert np.allclose(flow[0], first / first.sum(-1, keepdims=True), atol=ATOL)
    second = 0.5 * weights[1].mean(0) + 0.5 * np.eye(9)
    assert np.allclose(flow[1], (second / second.sum(-1, keepdims=True)) @ flow[0], atol=ATOL)


def test_rollout_blank_row_becomes_identity():
    weights = np.zeros((1, 2, 3, 3), dtype=np.float32)
    weights[0, :, 1, :2] = 0.5
    weights[0, :, 2, :] = 1 / 3

    flow = attention_rollout(weights, residual=0.0)

    assert not np.isnan(flow).any()
    assert np.allclose(flow[0, 0], [1.0, 0.0, 0.0])
    assert np.allclose(flow[0, 1], [0.5, 0.5, 0.0])


def test_head_statistics_known_patterns():
    length = 4
    weights = np.zeros((1, 3, length, length), dtype=np.float32)
    weights[0, 0] = np.eye(length)  # attends to itself
    weights[0, 1, :, 0] = 1.0  # attends to the first token
    for query in range(length):  # uniform over the visible keys
        weights[0, 2, query, : query + 1] = 1.0 / (query + 1)

    stats = head_statistics(weights)

    assert np.allclose(stats.entropy[0], [0.0, 0.0, np.mean([np.log(n) for n in range(1, 5)])])
    assert np.allclose(stats.distance[0, :2], [0.0, np.mean(range(length))])
    assert np.allclose(stats.first_token[0, :2], [0.25, 1.0])
    assert stats.rows()[1][:2] == (0, 1)


def test_head_statistics_skip_blank_rows():
    weights = np.zeros((1, 1, 3, 3), dtype=np.float32)
    weights[0, 0, 1:, 0] = 1.0  # row 0 is blank

    stats = head_statistics(weights)

    assert stats.first_token[0, 0] == pytest.approx(1.0)
    assert stats.distance[0, 0] == pytest.approx(1.5)


def test_npy_round_trip(model, rows, tmp_path):
    (weights,) = batch_attention(model, rows[:1])

    path = save_npy(tmp_path / "weights.npy", weights)

    assert np.array_equal(np.load(path, allow_pickle=False), weights)


def test_csv_has_every_weight(tmp_path):
    tokens = ["床", "前", "明"]
    weights = np.tril(np.ones((3, 3))) / np.arange(1, 4)[:, None]

    path = write_csv(tmp_path / "weights.csv", tokens, weights)

    with open(path, encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == 9
    assert table[3] == {"layer": "0", "head": "0", "query_index": "1", "query_token": "前",
                        "key_index": "0", "key_token": "床", "weight": "0.5"}


def test_csv_rejects_wrong_shape(tmp_path):
    with pytest.raises(ValueError) as info:
        write_csv(tmp_path / "bad.csv", ["a", "b"], np.zeros((3, 3)))

    assert "(3, 3)" in str(info.value)
