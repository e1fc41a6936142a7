"""Export a checkpoint as an ONNX model, and run such a model with onnxruntime.

The graph takes ``input_ids`` and ``attention_mask`` (int64, shaped batch × sequence,
both axes symbolic) and returns ``logits`` (float32, batch × sequence × vocabulary).
Positions count from each row's first real token, so left and right padding give the
same logits for the real tokens as the unpadded text.

The graph itself accepts any length, but rotary positions past the trained context
were never trained. :class:`OnnxLanguageModel` therefore rejects a longer input with a
clear message, using the context stored in the model's metadata.

``onnx``, ``onnxscript`` and ``onnxruntime`` are optional: the functions here raise
:class:`OnnxUnavailable`, naming the packages to install, when one is missing.
"""

from __future__ import annotations

import importlib
import logging
import shutil
import warnings
from pathlib import Path

import numpy as np
import torch

from .export import ExportError, _write_json, load_for_export
from .jobs import JobContext
from .model import DecoderLM
from .tokenizer import EOT, PAD

log = logging.getLogger(__name__)

ONNX_FILE = "model.onnx"
OPSET = 18
INSTALL_HINT = "pip install 'workbench[onnx]' (or: pip install onnx onnxscript onnxruntime)"


class OnnxUnavailable(ExportError):
    """A package that ONNX export or inference needs is not installed."""


def _require(name: str, purpose: str):
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise OnnxUnavailable(f"{purpose} needs the Python package '{name}', which is not installed. Install it with: {INSTALL_HINT}") from exc


class _LogitsOnly(torch.nn.Module):
    """The traced function: logits for ids and a padding mask, positions taken from the mask."""

    def __init__(self, model: DecoderLM):
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids, attention_mask=attention_mask)


def export_onnx(
    checkpoint_dir: Path,
    tokenizer_path: Path,
    out: Path,
    ctx: JobContext | None = None,
    verify: bool = True,
) -> Path:
    """Write ``model.onnx``, ``tokenizer.json`` and ``config.json`` for ``checkpoint_dir`` to ``out``.

    With ``verify``, onnxruntime runs the new file on a padded batch and the export fails
    if any logit differs from PyTorch's by more than 1e-4 or is NaN.
    """
    ctx = ctx or JobContext()
    _require("onnx", "ONNX export")
    _require("onnxscript", "ONNX export")
    checkpoint_dir, out = Path(checkpoint_dir), Path(out)
    ctx.report(0, 4, "Loading the checkpoint")
    model, config, tokenizer = load_for_export(checkpoint_dir, tokenizer_path, out)
    model_config = model.config

    ctx.report(1, 4, "Tracing the model to ONNX")
    out.mkdir(parents=True, exist_ok=True)
    onnx_path = out / ONNX_FILE
    _trace(model, onnx_path)
    _write_metadata(onnx_path, model, tokenizer)
    shutil.copyfile(tokenizer_path, out / "tokenizer.json")
    _write_json(
        out / "config.json",
        {
            "format": "workbench-onnx",
            "model": model_config.to_dict(),
            "pad_token_id": tokenizer.token_to_id(PAD),
            "eos_token_id": tokenizer.token_to_id(EOT),
            "inputs": {"input_ids": ["batch", "sequence"], "attention_mask": ["batch", "sequence"]},
            "outputs": {"logits": ["batch", "sequence", "vocabulary"]},
            "step": config.get("step"),
        },
    )
    if verify:
        ctx.report(3, 4, "Checking the ONNX model against PyTorch")
        difference = verify_onnx(out, model)
        log.info("ONNX export of %s matches PyTorch within %.2e", checkpoint_dir, difference)
    ctx.report(4, 4, "Done")
    log.info("Exported %s as ONNX to %s", checkpoint_dir, out)
    return out


def _trace(model: DecoderLM, path: Path) -> None:
    wrapper = _LogitsOnly(model).eval()
    length = min(8, model.config.max_seq_len)
    ids = torch.zeros((2, length), dtype=torch.long)
    mask = torch.ones((2, length), dtype=torch.long)
    batch = torch.export.Dim("batch", min=1)
    sequence = torch.export.Dim("sequence", min=1, max=model.config.max_seq_len)
    with torch.no_grad(), warnings.catch_warnings():
        # torch 2.13 warns that the axis names are merged when two inputs share an axis,
        # which is intended here: input_ids and attention_mask share batch and sequence.
        warnings.filterwarnings("ignore", message=".*axis name.*will not be used", category=UserWarning)
        warnings.filterwarnings("ignore", message=".*LeafSpec.*", category=FutureWarning)
        program = torch.onnx.export(
            wrapper,
            (ids, mask),
            dynamo=True,
            input_names=["input_ids", "attention_mask"],
            output_names=["logits"],
            dynamic_shapes={"input_ids": {0: batch, 1: sequence}, "attention_mask": {0: batch, 1: sequence}},
            opset_version=OPSET,
            external_data=False,
            verbose=False,
        )
    program.save(str(path), external_data=False)


def _write_metadata(path: Path, model: DecoderLM, tokenizer) -> None:
    onnx = _require("onnx", "ONNX export")
    proto = onnx.load(str(path))
    values = {
        "workbench.max_seq_len": str(model.config.max_seq_len),
        "workbench.vocab_size": str(model.config.vocab_size),
        "workbench.pad_token_id": str(tokenizer.token_to_id(PAD)),
    }
    del proto.metadata_props[:]
    for key, value in values.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.save(proto, str(path))


class OnnxLanguageModel:
    """An exported ONNX model run by onnxruntime on the CPU, with input checks."""

    def __init__(self, folder: Path):
        ort = _require("onnxruntime", "Running an ONNX model")
        folder = Path(folder)
        path = folder / ONNX_FILE if folder.is_dir() else folder
        if not path.is_file():
            raise ExportError(f"{path} not found; choose a folder written by 'workbench export-model --format onnx'.")
        self.session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        metadata = self.session.get_modelmeta().custom_metadata_map
        try:
            self.max_seq_len = int(metadata["workbench.max_seq_len"])
        except (KeyError, ValueError) as exc:
            raise ExportError(f"{path} has no valid 'workbench.max_seq_len' metadata; export it again with LM Workbench.") from exc

    def logits(self, input_ids, attention_mask=None) -> np.ndarray:
        """Return logits for int ids shaped (batch, sequence); ``attention_mask`` marks real tokens with 1."""
        ids = np.asarray(input_ids, dtype=np.int64)
        if ids.ndim != 2 or ids.shape[0] < 1 or ids.shape[1] < 1:
            raise ValueError(f"input_ids of shape {ids.shape} is invalid; pass (batch, sequence) with both at least 1.")
        if ids.shape[1] > self.max_seq_len:
            raise ValueError(
                f"Input of {ids.shape[1]} tokens is longer than the model's context of {self.max_seq_len}; "
                "shorten the text or split it."
            )
        mask = np.ones_like(ids) if attention_mask is None else np.asarray(attention_mask, dtype=np.int64)
        if mask.shape != ids.shape:
            raise ValueError(f"attention_mask of shape {mask.shape} does not match input_ids of shape {ids.shape}.")
        (logits,) = self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})
        return logits


def verify_onnx(folder: Path, model: DecoderLM, tolerance: float = 1e-4) -> float:
    """Compare onnxruntime with PyTorch on a batch with left and right padding; return the largest difference.

    Raises ExportError on NaN or a difference above ``tolerance``.
    """
    runner = OnnxLanguageModel(folder)
    length = min(12, model.config.max_seq_len)
    generator = torch.Generator().manual_seed(0)
    ids = torch.randint(0, model.config.vocab_size, (3, length), generator=generator)
    mask = torch.ones_like(ids)
    mask[1, : length // 2] = 0  # left padding
    mask[2, length - length // 3 :] = 0  # right padding
    with torch.no_grad():
        expected = model(ids, attention_mask=mask).numpy()
    actual = runner.logits(ids.numpy(), mask.numpy())
    if np.isnan(actual).any():
        raise ExportError(f"The ONNX model in {folder} outputs NaN; please report this with the checkpoint.")
    real = mask.numpy().astype(bool)
    difference = float(np.abs(actual[real] - expected[real]).max())
    if difference > tolerance:
        raise ExportError(
            f"The ONNX model in {folder} differs from PyTorch by {difference:.2e} (tolerance {tolerance:.0e}); "
            "please report this with the checkpoint."
        )
    return difference

