"""Classifier heads: padding never changes a prediction, and checkpoints round-trip."""

from __future__ import annotations

import pytest
import torch

from workbench.core import checkpoints
from workbench.core.heads import (
    SequenceClassifier,
    TokenClassifier,
    is_head_checkpoint,
    load_head_checkpoint,
    save_head_checkpoint,
)
from workbench.core.model import DecoderLM, ModelConfig

PAD = 1


def _config() -> ModelConfig:
    return ModelConfig(vocab_size=50, hidden_size=32, num_layers=2, num_heads=4, num_kv_heads=2,
                       max_seq_len=24, pad_token_id=PAD)


def _rows() -> list[list[int]]:
    generator = torch.Generator().manual_seed(0)
    lengths = [5, 11, 8]
    # Ids from 2 up, so no real token is the pad id.
    return [torch.randint(2, 50, (n,), generator=generator).tolist() for n in lengths]


def _batch(rows: list[list[int]], side: str) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(r) for r in rows) + 2  # extra padding on every row
    ids = torch.full((len(rows), width), PAD)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        if side == "right":
            ids[i, : len(row)] = torch.tensor(row)
            mask[i, : len(row)] = 1
        else:
            ids[i, width - len(row):] = torch.tensor(row)
            mask[i, width - len(row):] = 1
    return ids, mask


@pytest.mark.parametrize("side", ["left", "right"])
def test_sequence_logits_ignore_padding(side):
    torch.manual_seed(0)
    model = SequenceClassifier(_config(), num_labels=3).eval()
    rows = _rows()
    ids, mask = _batch(rows, side)
    with torch.no_grad():
        batched = model(ids, mask)
        for i, row in enumerate(rows):
            alone = model(torch.tensor([row]))
            assert torch.allclose(batched[i], alone[0], atol=1e-5), (side, i)


@pytest.mark.parametrize("side", ["left", "right"])
def test_token_logits_ignore_padding(side):
    torch.manual_seed(0)
    model = TokenClassifier(_config(), num_labels=5).eval()
    rows = _rows()
    ids, mask = _batch(rows, side)
    with torch.no_grad():
        batched = model(ids, mask)
        for i, row in enumerate(rows):
            alone = model(torch.tensor([row]))[0]
            real = batched[i][mask[i].bool()]
            assert torch.allclose(real, alone, atol=1e-5), (side, i)


def test_padding_found_without_mask():
    torch.manual_seed(0)
    model = SequenceClassifier(_config(), num_labels=2).eval()
    rows = _rows()
    ids, mask = _batch(rows, "left")
    with torch.no_grad():
        assert torch.allclose(model(ids), model(ids, mask), atol=1e-6)


def test_batch_without_pad_id_rejected():
    config = _config()
    config.pad_token_id = None
    model = SequenceClassifier(config, num_labels=2)
    with pytest.raises(ValueError, match="pad_token_id"):
        model(torch.tensor([[3, 4], [5, 6]]))


def test_parameter_names_match_llama():
    sequence = SequenceClassifier(_config(), 3)
    token = TokenClassifier(_config(), 3)
    assert "score.bias" not in dict(sequence.named_parameters())
    assert "score.bias" in dict(token.named_parameters())
    assert all(name.startswith(("model.", "score.")) for name in sequence.state_dict())
    assert all(name.startswith(("model.", "score.")) for name in token.state_dict())


def test_backbone_copied_from_language_model():
    torch.manual_seed(0)
    lm = DecoderLM(_config())
    model = TokenClassifier(_config(), 3)
    model.load_backbone(lm)
    ids = torch.tensor([[3, 4, 5, 6]])
    with torch.no_grad():
        expected, _ = lm.hidden_states(ids)
        got, _ = model._states(ids, None, None, False)
    assert torch.equal(expected, got)


def test_head_checkpoint_round_trip(tmp_path):
    torch.manual_seed(0)
    model = TokenClassifier(_config(), 3, classifier_dropout=0.2).eval()
    state = {"head": {"kind": "spans", "labels": ["O", "B-地名", "I-地名"], "classifier_dropout": 0.2}}
    save_head_checkpoint(tmp_path / "checkpoint", model, state, None)
    save_head_checkpoint(tmp_path / "checkpoint", model, state, None)  # replaces the first one
    loaded, config = load_head_checkpoint(tmp_path / "checkpoint")
    assert is_head_checkpoint(tmp_path / "checkpoint")
    assert config["head"]["labels"][1] == "B-地名"
    ids = torch.tensor([[3, 4, 5]])
    with torch.no_grad():
        assert torch.equal(loaded(ids), model(ids))
    # The decoder part opens as a language model too, for the attention inspector.
    lm, _ = checkpoints.load_model(tmp_path / "checkpoint")
    assert torch.equal(lm.model.embed_tokens.weight, model.model.embed_tokens.weight)
