"""Checkpoint folders: ``model.safetensors``, ``config.json``, ``optimizer.pt`` and ``rng.pt``.

Loading never executes code from the files: weights come from safetensors, the config is
JSON, and the optimizer and RNG states go through ``torch.load(weights_only=True)``.
Saving refuses weights that contain NaN or inf, so a good checkpoint is never replaced by
a diverged one, and writes through a temporary folder that replaces the old one at the end.
A run keeps its latest resumable checkpoint in ``checkpoint/`` and its best ones, by
validation loss, in ``best-step-NNNNNNN/`` folders listed in ``best.json``.
"""

from __future__ import annotations

import json
import math
import os
import shutil
from dataclasses import dataclass
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


def nonfinite_tensors(model: torch.nn.Module) -> list[str]:
    """Return the names of parameters and buffers that contain NaN or inf."""
    return [name for name, tensor in model.state_dict().items()
            if tensor.is_floating_point() and not bool(torch.isfinite(tensor).all())]


def save(
    folder: Path,
    model: DecoderLM,
    optimizer: torch.optim.Optimizer | None,
    state: dict,
    scaler_state: dict | None = None,
) -> None:
    """Write a checkpoint to ``folder`` through a temporary folder, so a crash leaves the old one.

    Raises CheckpointError, writing nothing, when a weight is NaN or inf.
    """
    folder = Path(folder)
    bad = nonfinite_tensors(model)
    if bad:
        raise CheckpointError(
            f"Not saving {folder}: {len(bad)} tensor(s) contain NaN or inf (first: {bad[0]}). "
            "The previous checkpoint is kept."
        )
    tmp = folder.with_name(folder.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
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
    if scaler_state:
        torch.save(scaler_state, tmp / "scaler.pt")
    _sync_folder(tmp)
    if folder.exists():
        old = folder.with_name(folder.name + ".old")
        if old.exists():
            _remove_tree(old)
        os.replace(folder, old)
        os.replace(tmp, folder)
        _remove_tree(old)
    else:
        os.replace(tmp, folder)


def _sync_folder(folder: Path) -> None:
    """Flush the folder's files to disk, so the rename that publishes them cannot outrun their data."""
    for child in folder.iterdir():
        with open(child, "rb") as handle:
            os.fsync(handle.fileno())


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path)


def recover(folder: Path) -> None:
    """Restore ``folder`` from ``folder.old`` when a save was cut off between its two renames."""
    folder = Path(folder)
    old = folder.with_name(folder.name + ".old")
    if not folder.exists() and old.is_dir():
        os.replace(old, folder)


def read_config(folder: Path) -> dict:
    recover(folder)
    path = Path(folder) / "config.json"
    if not path.is_file():
        raise CheckpointError(f"{path} not found; {folder} is not a checkpoint folder.")
    return json.loads(path.read_text(encoding="utf-8"))


def load_model(folder: Path, device: str | torch.device = "cpu") -> tuple[DecoderLM, dict]:
    """Load the model of a checkpoint folder; return it (in eval mode) and the folder's config."""
    folder = Path(folder)
    config = read_config(folder)
    if "model" not in config:
        raise CheckpointError(f"{folder / 'config.json'} has no model section; it is not a language-model checkpoint.")
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
    path = Path(folder) / "optimizer.pt"
    if not path.is_file():
        raise CheckpointError(f"{path} not found; the checkpoint cannot resume training.")
    return torch.load(path, weights_only=True)


def load_rng_state(folder: Path) -> dict:
    path = Path(folder) / "rng.pt"
    if not path.is_file():
        raise CheckpointError(f"{path} not found; the checkpoint cannot resume training.")
    return torch.load(path, weights_only=True)


def load_scaler_state(folder: Path) -> dict | None:
    path = Path(folder) / "scaler.pt"
    return torch.load(path, weights_only=True) if path.is_file() else None


@dataclass
class BestEntry:
    step: int
    val_loss: float
    folder: str


class BestCheckpoints:
    """The ``keep`` checkpoints of a run with the lowest validation loss, listed in ``best.json``."""

    def __init__(self, run_dir: Path, keep: int):
        self.run_dir = Path(run_dir)
        self.keep = keep
        self.index = self.run_dir / "best.json"
        self.entries: list[BestEntry] = []
        if self.index.is_file():
            rows = json.loads(self.index.read_text(encoding="utf-8"))
            self.entries = [BestEntry(**row) for row in rows if (self.run_dir / row["folder"]).is_dir()]

    def qualifies(self, val_loss: float) -> bool:
        if self.keep <= 0 or not math.isfinite(val_loss):
            return False
        return len(self.entries) < self.keep or val_loss < self.entries[-1].val_loss

    def add(self, step: int, val_loss: float, save_to) -> Path | None:
        """Save through ``save_to(folder)`` if ``val_loss`` ranks in the best ``keep``; prune the rest."""
        if not self.qualifies(val_loss):
            return None
        name = f"best-step-{step:07d}"
        folder = self.run_dir / name
        save_to(folder)
        self.entries = [e for e in self.entries if e.step != step]
        self.entries.append(BestEntry(step, val_loss, name))
        self.entries.sort(key=lambda e: (e.val_loss, e.step))
        for dropped in self.entries[self.keep:]:
            path = self.run_dir / dropped.folder
            if path.exists():
                shutil.rmtree(path)
        self.entries = self.entries[: self.keep]
        self._write_index()
        return folder

    def drop_after(self, step: int) -> None:
        """Forget and delete entries saved after ``step`` (a resumed run will redo those steps)."""
        for entry in [e for e in self.entries if e.step > step]:
            path = self.run_dir / entry.folder
            if path.exists():
                shutil.rmtree(path)
        self.entries = [e for e in self.entries if e.step <= step]
        self._write_index()

    def best(self) -> BestEntry | None:
        return self.entries[0] if self.entries else None

    def _write_index(self) -> None:
        tmp = self.index.with_name(self.index.name + ".tmp")
        rows = [{"step": e.step, "val_loss": e.val_loss, "folder": e.folder} for e in self.entries]
        tmp.write_text(json.dumps(rows, indent=2), encoding="utf-8")
        os.replace(tmp, self.index)


def tokenizer_path(folder: Path, fallback: Path) -> Path:
    """Return the checkpoint's own tokenizer, or ``fallback`` for checkpoints saved without one."""
    own = Path(folder) / TOKENIZER_NAME
    return own if own.is_file() else Path(fallback)
