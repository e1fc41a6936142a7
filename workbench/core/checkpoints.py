"""Checkpoint folders: ``model.safetensors``, ``config.json``, ``optimizer.pt`` and ``rng.pt``.

Loading never executes code from the files: weights come from safetensors, the config is
JSON, and the optimizer and RNG states go through ``torch.load(weights_only=True)``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

from .model import DecoderLM, ModelConfig

TIED_KEY = "lm_head.weight"
TOKENIZER_NAME = "tokenizer.json"


class CheckpointError(Exception):
    """A checkpoint folder is missing a file or contains weights that do not fit its config."""


def model_tensors(model: DecoderLM) -> dict[str, torch.Tensor]:
    """Return the state dict without the tied output matrix (safetensors rejects shared storage)."""
    return {k: v.detach().contiguous().cpu() for k, v in model.state_dict().items() if k != TIED_KEY}


def save(folder: Path, model: DecoderLM, optimizer: torch.optim.Optimizer | None, state: dict) -> None:
    """Write a checkpoint to ``folder`` through a temporary folder, so a crash leaves the old one."""
    folder = Path(folder)
    tmp = folder.with_name(folder.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    save_file(model_tensors(model), str(tmp / "model.safetensors"), metadata={"format": "pt"})
    config = {"model": model.config.to_dict(), **state}
    # The checkpoint keeps its own tokenizer, so retraining the project's tokenizer later
    # cannot pair these weights with other ids.
    tokenizer = state.get("tokenizer")
    if tokenizer and Path(tokenizer).is_file():
        shutil.copyfile(tokenizer, tmp / TOKENIZER_NAME)
    (tmp / "config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
    if optimizer is not None:
        torch.save(optimizer.state_dict(), tmp / "optimizer.pt")
    # The batch samplers' numpy generator states travel in ``state`` as JSON.
    rng = {"torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        rng["cuda"] = torch.cuda.get_rng_state_all()
    torch.save(rng, tmp / "rng.pt")
    if folder.exists():
        old = folder.with_name(folder.name + ".old")
        if old.exists():
            _remove_tree(old)
        os.replace(folder, old)
        os.replace(tmp, folder)
        _remove_tree(old)
    else:
        os.replace(tmp, folder)


def _remove_tree(path: Path) -> None:
    for child in path.iterdir():
        child.unlink()
    path.rmdir()


def read_config(folder: Path) -> dict:
    path = Path(folder) / "config.json"
    if not path.is_file():
        raise CheckpointError(f"{path} not found; {folder} is not a checkpoint folder.")
    return json.loads(path.read_text(encoding="utf-8"))


def load_model(folder: Path, device: str | torch.device = "cpu") -> tuple[DecoderLM, dict]:
    """Load the model of a checkpoint folder; return it (in eval mode) and the folder's config."""
    folder = Path(folder)
    config = read_config(folder)
    weights_path = folder / "model.safetensors"
    if not weights_path.is_file():
        raise CheckpointError(f"{weights_path} not found; the checkpoint is incomplete.")
    model = DecoderLM(ModelConfig.from_dict(config["model"]))
    tensors = load_file(str(weights_path))
    missing, unexpected = model.load_state_dict(tensors, strict=False)
    missing = [k for k in missing if k != TIED_KEY]
    if missing or unexpected:
        raise CheckpointError(
            f"{weights_path} does not match its config: missing {missing or 'nothing'}, "
            f"unexpected {unexpected or 'nothing'}."
        )
    model.to(device).eval()
    return model, config


def load_optimizer_state(folder: Path) -> dict:
    return torch.load(Path(folder) / "optimizer.pt", weights_only=True)


def tokenizer_path(folder: Path, fallback: Path) -> Path:
    """Return the checkpoint's own tokenizer, or ``fallback`` for checkpoints saved without one."""
    own = Path(folder) / TOKENIZER_NAME
    return own if own.is_file() else Path(fallback)
