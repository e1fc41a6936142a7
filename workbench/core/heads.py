"""Classification heads on the decoder: one label per document, or one tag per token.

Both models keep the decoder stack under ``model`` and put a linear ``score`` on top, as
Hugging Face's ``LlamaForSequenceClassification`` and ``LlamaForTokenClassification`` do
(transformers 4.45 to 5.x), so export copies the weights under the same names:

- :class:`SequenceClassifier` scores the hidden state of the last token that is not
  ``pad_token_id`` (the rightmost one, so left and right padding both work), with a
  bias-free ``score``.
- :class:`TokenClassifier` applies dropout (``classifier_dropout``, 0.1 by default as in
  transformers) and then ``score`` with a bias to every position.

Head checkpoints keep the decoder weights in ``model.safetensors`` under the same names as a
language-model checkpoint, so :func:`workbench.core.checkpoints.load_model` and the
attention inspector open them too, and the head weights in ``head.safetensors``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import torch
import torch.nn as nn
from safetensors.torch import load_file, save_file

from .checkpoints import TOKENIZER_NAME, CheckpointError, read_config
from .model import DecoderBody, DecoderLM, ModelConfig

HEAD_FILE = "head.safetensors"
# Head kinds, named after the label-set kinds they learn.
SEQUENCE_KINDS = ("classify", "multilabel")
TOKEN_KIND = "spans"
HEAD_KINDS = (*SEQUENCE_KINDS, TOKEN_KIND)


class _DecoderHead(nn.Module):
    """The decoder stack under ``model``, without the language-model output matrix."""

    def __init__(self, config: ModelConfig, num_labels: int):
        super().__init__()
        if num_labels < 1:
            raise ValueError(f"A classifier needs at least 1 label, not {num_labels}; add labels to the label set.")
        self.config = config
        self.num_labels = num_labels
        self.model = DecoderBody(config)

    def num_parameters(self) -> int:
        return sum(p.numel() for p in self.parameters())

    def _states(self, ids, attention_mask, position_ids, return_attention):
        if attention_mask is None and self.config.pad_token_id is not None:
            # Without a mask, pad tokens are the padding: the same rule the pooling uses.
            padded = ids == self.config.pad_token_id
            if bool(padded.any()):
                attention_mask = (~padded).long()
        # DecoderLM.hidden_states reads only ``self.config`` and ``self.model``, which this
        # class has under the same names, so both models run the very same decoder code.
        return DecoderLM.hidden_states(self, ids, attention_mask, position_ids, return_attention)

    def load_backbone(self, lm: DecoderLM) -> None:
        """Copy the decoder weights of a pre-trained language model into this model."""
        self.model.load_state_dict(lm.model.state_dict(), strict=True)


class SequenceClassifier(_DecoderHead):
    """One score per label for each sequence: ``forward(ids)`` returns (B, num_labels)."""

    def __init__(self, config: ModelConfig, num_labels: int):
        super().__init__(config, num_labels)
        self.score = nn.Linear(config.hidden_size, num_labels, bias=False)
        self.apply(DecoderLM._init_weights)

    def last_token_index(self, ids: torch.Tensor) -> torch.Tensor:
        """Return, per row, the index of the rightmost token that is not ``pad_token_id``."""
        B, T = ids.shape
        pad = self.config.pad_token_id
        if pad is None:
            if B != 1:
                raise ValueError("A batch of more than one sequence needs pad_token_id in the model config.")
            return torch.full((B,), T - 1, dtype=torch.long, device=ids.device)
        positions = torch.arange(T, device=ids.device)
        # A row of padding only gets index 0, as in transformers.
        return (positions * (ids != pad)).argmax(-1)

    def forward(
        self,
        ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        position_ids: torch.Tensor | None = None,
        return_attention: bool = False,
    ):
        states, weights = self._states(ids, attention_mask, position_ids, return_attention)
        last = self.last_token_index(ids)
        pooled = states[torch.arange(ids.shape[0], device=ids.device), last]  # (B, C)
        logits = self.score(pooled)  # (B, num_labels)
        return (logits, weights) if return_attention else logits


class TokenClassifier(_DecoderHead):
    """One score per tag for each token: ``forward(ids)`` returns (B, T, num_labels)."""

    def __init__(self, config: ModelConfig, num_labels: int, classifier_dropout: float = 0.1):
        super().__init__(config, num_labels)
        if not 0 <= classifier_dropout < 1:
            raise ValueError(f"classifier_dropout={classifier_dropout} is invalid; use a number in [0, 1).")
        self.classifier_dropout = classifier_dropout
        self.dropout = nn.Dropout(classifier_dropout)
        self.score = nn.Linear(config.hidden_size, num_labels, bias=True)
        self.apply(DecoderLM._init_weights)
        nn.init.zeros_(self.score.bias)

    def forward(
        self,
        ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        position_ids: torch.Tensor | None = None,
        return_attention: bool = False,
    ):
        states, weights = self._states(ids, attention_mask, position_ids, return_attention)
        logits = self.score(self.dropout(states))  # (B, T, num_labels)
        return (logits, weights) if return_attention else logits


def build_head(kind: str, config: ModelConfig, num_labels: int, classifier_dropout: float = 0.1) -> _DecoderHead:
    """Return a new, randomly initialised head model for label-set kind ``kind``."""
    if kind in SEQUENCE_KINDS:
        return SequenceClassifier(config, num_labels)
    if kind == TOKEN_KIND:
        return TokenClassifier(config, num_labels, classifier_dropout)
    raise ValueError(f"Unknown head kind {kind!r}; choose one of {', '.join(HEAD_KINDS)}.")


def _split_tensors(model: _DecoderHead) -> tuple[dict[str, torch.Tensor], dict[str, torch.Tensor]]:
    body, head = {}, {}
    for name, tensor in model.state_dict().items():
        target = body if name.startswith("model.") else head
        target[name] = tensor.detach().contiguous().cpu()
    return body, head


def save_head_checkpoint(folder: Path, model: _DecoderHead, state: dict, tokenizer: Path | None) -> None:
    """Write a head checkpoint to ``folder`` through a temporary folder, so a crash leaves the old one.

    ``state`` must contain a ``head`` dictionary with at least ``kind`` and ``labels``.
    """
    folder = Path(folder)
    if "head" not in state or "kind" not in state["head"] or "labels" not in state["head"]:
        raise ValueError("A head checkpoint's state needs head.kind and head.labels.")
    tmp = folder.with_name(folder.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    body, head = _split_tensors(model)
    save_file(body, str(tmp / "model.safetensors"), metadata={"format": "pt"})
    save_file(head, str(tmp / HEAD_FILE), metadata={"format": "pt"})
    if tokenizer is not None and Path(tokenizer).is_file():
        shutil.copyfile(tokenizer, tmp / TOKENIZER_NAME)
    config = {"model": model.config.to_dict(), **state}
    (tmp / "config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
    if folder.exists():
        old = folder.with_name(folder.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        os.replace(folder, old)
        os.replace(tmp, folder)
        shutil.rmtree(old)
    else:
        os.replace(tmp, folder)


def is_head_checkpoint(folder: Path) -> bool:
    return (Path(folder) / HEAD_FILE).is_file()


def load_head_checkpoint(folder: Path, device: str | torch.device = "cpu") -> tuple[_DecoderHead, dict]:
    """Load a head checkpoint; return the model (in eval mode) and the folder's config."""
    folder = Path(folder)
    config = read_config(folder)
    head_config = config.get("head")
    if not head_config:
        raise CheckpointError(f"{folder} is a language-model checkpoint, not a fine-tuned classifier.")
    body_path, head_path = folder / "model.safetensors", folder / HEAD_FILE
    for path in (body_path, head_path):
        if not path.is_file():
            raise CheckpointError(f"{path} not found; the checkpoint is incomplete.")
    model = build_head(
        head_config["kind"], ModelConfig.from_dict(config["model"]), len(head_config["labels"]),
        head_config.get("classifier_dropout", 0.1),
    )
    tensors = {**load_file(str(body_path)), **load_file(str(head_path))}
    missing, unexpected = model.load_state_dict(tensors, strict=False)
    if missing or unexpected:
        raise CheckpointError(
            f"{folder} does not match its config: missing {missing or 'nothing'}, "
            f"unexpected {unexpected or 'nothing'}."
        )
    model.to(device).eval()
    return model, config
