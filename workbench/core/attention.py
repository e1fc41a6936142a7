"""One inspection forward pass that returns attention weights for a text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from . import checkpoints
from .tokenizer import load_tokenizer, token_labels


def attention_for_text(model, tokenizer, text: str) -> tuple[list[str], np.ndarray]:
    """Return the token labels of ``text`` and its weights, shaped (layers, heads, T, T).

    Longer texts are cut to the model's context, keeping the first tokens.
    """
    ids, labels = token_labels(tokenizer, text)
    if not ids:
        raise ValueError("The text has no tokens; type some text to inspect.")
    limit = model.config.max_seq_len
    ids, labels = ids[:limit], labels[:limit]
    device = next(model.parameters()).device
    with torch.no_grad():
        _, weights = model(torch.tensor([ids], device=device), return_attention=True)
    return labels, weights[0].float().cpu().numpy()


def attention_from_checkpoint(checkpoint_dir: Path, tokenizer_path: Path, text: str):
    model, _ = checkpoints.load_model(checkpoint_dir)
    tokenizer = load_tokenizer(checkpoints.tokenizer_path(checkpoint_dir, tokenizer_path))
    return attention_for_text(model, tokenizer, text)
