"""The decoder model: both attention paths, padding masks, weight tying, context limit."""

from __future__ import annotations

import pytest
import torch

from workbench.core.model import DecoderLM, ModelConfig

ATOL = 1e-5


def make_model(num_kv_heads: int = 2, max_seq_len: int = 32) -> DecoderLM:
    """Return a float32 model in eval mode with weights large enough for sharp attention."""
    torch.manual_seed(0)
    config = ModelConfig(
        vocab_size=50, hidden_size=32, num_layers=2, num_heads=4, num_kv_heads=num_kv_heads,
        max_seq_len=max_seq_len,
    )
    model = DecoderLM(config).eval()
    with torch.no_grad():
        for parameter in model.parameters():
            if parameter.dim() >= 2:
                parameter.normal_(0.0, 0.3)
    return model


@pytest.fixture(scope="module")
def model() -> DecoderLM:
    return make_model()


@pytest.fixture(scope="module")
def ids() -> torch.Tensor:
    generator = torch.Generator().manual_seed(1)
    return torch.randint(3, 50, (2, 12), generator=generator)


def left_padded(ids: torch.Tensor, pad: int, pad_id: int = 1) -> tuple[torch.Tensor, torch.Tensor]:
    """Return ``ids`` left-padded by ``pad`` positions and the matching attention mask."""
    batch = ids.shape[0]
    padded = torch.cat([torch.full((batch, pad), pad_id), ids], dim=1)
    mask = torch.cat([torch.zeros(batch, pad, dtype=torch.long), torch.ones_like(ids)], dim=1)
    return padded, mask


@pytest.mark.parametrize("num_kv_heads", [4, 2, 1], ids=["mha", "gqa", "mqa"])
def test_paths_give_same_logits(ids, num_kv_heads):
    model = make_model(num_kv_heads=num_kv_heads)

    with torch.no_grad():
        fast = model(ids)
        explicit, _ = model(ids, return_attention=True)

    assert fast.shape == (2, 12, 50)
    assert torch.allclose(fast, explicit, atol=ATOL), (fast - explicit).abs().max()


def test_attention_shape(model, ids):
    with torch.no_grad():
        _, weights = model(ids, return_attention=True)

    assert weights.shape == (2, 2, 4, 12, 12)


def test_attention_rows_sum_to_one(model, ids):
    with torch.no_grad():
        _, weights = model(ids, return_attention=True)

    sums = weights.sum(-1)
    assert torch.allclose(sums, torch.ones_like(sums), atol=ATOL)


def test_attention_above_diagonal_is_zero(model, ids):
    with torch.no_grad():
        _, weights = model(ids, return_attention=True)

    above = torch.ones(12, 12, dtype=torch.bool).triu(diagonal=1)
    assert torch.count_nonzero(weights[..., above]) == 0
    # The weights are sharp enough that the lower triangle is not uniform.
    assert weights[..., ~above].max() > 0.5


def test_left_padding_keeps_logits(model, ids):
    padded, mask = left_padded(ids, pad=5)

    with torch.no_grad():
        expected = model(ids)
        fast = model(padded, attention_mask=mask)
        explicit, _ = model(padded, attention_mask=mask, return_attention=True)

    assert torch.allclose(fast[:, 5:], expected, atol=ATOL), (fast[:, 5:] - expected).abs().max()
    assert torch.allclose(explicit[:, 5:], expected, atol=ATOL), (explicit[:, 5:] - expected).abs().max()


def test_left_padding_mixed_batch(model, ids):
    # Row 0 is padded by 4, row 1 not at all: one batch, two padding lengths.
    short = ids[0, :8]
    batch = torch.stack([torch.cat([torch.ones(4, dtype=torch.long), short]), ids[1]])
    mask = torch.tensor([[0] * 4 + [1] * 8, [1] * 12])

    with torch.no_grad():
        logits = model(batch, attention_mask=mask)
        alone_short = model(short[None])
        alone_full = model(ids[1:2])

    assert torch.allclose(logits[0, 4:], alone_short[0], atol=ATOL)
    assert torch.allclose(logits[1], alone_full[0], atol=ATOL)


def test_masked_rows_are_zero(model, ids):
    padded, mask = left_padded(ids, pad=3)

    with torch.no_grad():
        logits, weights = model(padded, attention_mask=mask, return_attention=True)

    assert not torch.isnan(weights).any()
    assert not torch.isnan(logits).any()
    # Padding queries see no real key: their rows are all zero.
    assert torch.count_nonzero(weights[..., :3, :]) == 0
    # Real queries give padding keys no weight.
    assert torch.count_nonzero(weights[..., 3:, :3]) == 0


def test_fast_path_padding_has_no_nan(model, ids):
    padded, mask = left_padded(ids, pad=3)

    with torch.no_grad():
        logits = model(padded, attention_mask=mask)

    assert not torch.isnan(logits).any()


def test_explicit_position_ids_match_default(model, ids):
    padded, mask = left_padded(ids, pad=2)
    positions = (mask.cumsum(-1) - 1).clamp(min=0)

    with torch.no_grad():
        default = model(padded, attention_mask=mask)
        explicit = model(padded, attention_mask=mask, position_ids=positions)

    assert torch.equal(default, explicit)


def test_lm_head_shares_embedding(model):
    head = model.lm_head.weight
    embedding = model.model.embed_tokens.weight

    assert head is embedding
    assert head.data_ptr() == embedding.data_ptr()


def test_too_long_input_raises(model):
    ids = torch.zeros(1, 33, dtype=torch.long)

    with pytest.raises(ValueError) as info:
        model(ids)

    assert "33 tokens" in str(info.value)
    assert "32" in str(info.value)


def test_max_length_input_accepted(model):
    with torch.no_grad():
        logits = model(torch.zeros(1, 32, dtype=torch.long))

    assert logits.shape == (1, 32, 50)


def test_greedy_generate_is_deterministic(model, ids):
    prompt = ids[:1, :4]

    first = model.generate(prompt, max_new_tokens=6, temperature=0)
    second = model.generate(prompt, max_new_tokens=6, temperature=0)

    assert first.shape == (1, 10)
    assert torch.equal(first[:, :4], prompt)
    assert torch.equal(first, second)


def test_generate_crops_to_context():
    model = make_model(max_seq_len=8)

    out = model.generate(torch.zeros(1, 6, dtype=torch.long), max_new_tokens=5, temperature=0.8, top_k=5)

    assert out.shape == (1, 11)


def test_config_default_intermediate_size():
    assert ModelConfig(vocab_size=10, hidden_size=32, num_heads=4).intermediate_size == 96
    assert ModelConfig(vocab_size=10, hidden_size=64, num_heads=4).intermediate_size == 192


@pytest.mark.parametrize(
    ("settings", "phrase"),
    [
        ({"hidden_size": 30, "num_heads": 4}, "not divisible by num_heads"),
        ({"hidden_size": 32, "num_heads": 4, "num_kv_heads": 3}, "not divisible by num_kv_heads"),
        ({"hidden_size": 36, "num_heads": 4}, "must be even"),
    ],
    ids=["heads", "kv-heads", "odd-head"],
)
def test_config_rejects_bad_sizes(settings, phrase):
    with pytest.raises(ValueError) as info:
        ModelConfig(vocab_size=10, **settings)

    assert phrase in str(info.value)


def test_config_dict_round_trip():
    config = ModelConfig(vocab_size=10, hidden_size=32, num_heads=4, eos_token_id=0)

    restored = ModelConfig.from_dict({**config.to_dict(), "unrelated": 1})

    assert restored == config
