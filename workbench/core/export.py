"""Export a checkpoint as a Hugging Face Llama folder.

The parameter names already match ``LlamaForCausalLM``, so the weights are copied as they
are. Every size in ``config.json`` is written explicitly, because ``transformers`` falls
back to Llama-7B defaults for a missing field without a warning.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from pathlib import Path

from safetensors.torch import save_file

from . import checkpoints
from .encoding import EncodingError, read_meta
from .jobs import JobContext
from .tokenizer import EOT, PAD, UNK, load_tokenizer, tokenizer_kind

log = logging.getLogger(__name__)


EXPORT_FORMATS = ("hf", "onnx")


class ExportError(Exception):
    """The export target or its inputs are invalid."""


def hf_config(model_config: dict) -> dict:
    return {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "vocab_size": model_config["vocab_size"],
        "hidden_size": model_config["hidden_size"],
        "intermediate_size": model_config["intermediate_size"],
        "num_hidden_layers": model_config["num_layers"],
        "num_attention_heads": model_config["num_heads"],
        "num_key_value_heads": model_config["num_kv_heads"],
        "head_dim": model_config["hidden_size"] // model_config["num_heads"],
        "hidden_act": "silu",
        "max_position_embeddings": model_config["max_seq_len"],
        "rms_norm_eps": model_config["rms_norm_eps"],
        "rope_theta": model_config["rope_theta"],
        "rope_scaling": None,
        "attention_bias": False,
        "attention_dropout": 0.0,
        "mlp_bias": False,
        "pretraining_tp": 1,
        "tie_word_embeddings": True,
        "initializer_range": 0.02,
        "use_cache": True,
        "torch_dtype": "float32",
        "bos_token_id": None,
        "eos_token_id": model_config.get("eos_token_id"),
        "pad_token_id": model_config.get("pad_token_id"),
    }


def load_for_export(checkpoint_dir: Path, tokenizer_path: Path, out: Path):
    """Check that ``out`` is new or empty; return the checkpoint's model, config and tokenizer."""
    if out.exists() and any(out.iterdir()):
        raise ExportError(f"{out} exists and is not empty. Choose a new folder or empty it first.")
    model, config = checkpoints.load_model(checkpoint_dir)
    tokenizer = load_tokenizer(tokenizer_path)
    if tokenizer.get_vocab_size() != config["model"]["vocab_size"]:
        raise ExportError(
            f"The tokenizer {tokenizer_path} has {tokenizer.get_vocab_size()} tokens but the model in "
            f"{checkpoint_dir} has {config['model']['vocab_size']}; export with the tokenizer it was trained with."
        )
    return model, config, tokenizer


def export_hf(
    checkpoint_dir: Path, tokenizer_path: Path, out: Path, card: dict | None = None, ctx: JobContext | None = None
) -> Path:
    """Write a Hugging Face folder for ``checkpoint_dir`` to ``out``; return ``out``."""
    ctx = ctx or JobContext()
    checkpoint_dir, out = Path(checkpoint_dir), Path(out)
    ctx.report(0, 3, "Loading the checkpoint")
    model, config, tokenizer = load_for_export(checkpoint_dir, tokenizer_path, out)
    model_config = dict(config["model"])
    model_config["pad_token_id"] = tokenizer.token_to_id(PAD)
    model_config["eos_token_id"] = tokenizer.token_to_id(EOT)

    ctx.report(1, 3, "Writing the weights")
    out.mkdir(parents=True, exist_ok=True)
    save_file(checkpoints.model_tensors(model), str(out / "model.safetensors"), metadata={"format": "pt"})
    _write_json(out / "config.json", hf_config(model_config))
    ctx.report(2, 3, "Writing the tokenizer and the model card")
    shutil.copyfile(tokenizer_path, out / "tokenizer.json")

    specials = {"eos_token": EOT, "pad_token": PAD}
    if tokenizer.token_to_id(UNK) is not None:
        specials["unk_token"] = UNK
    _write_json(
        out / "tokenizer_config.json",
        {
            # The generic fast class loads with old and new transformers alike.
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": model_config["max_seq_len"],
            "clean_up_tokenization_spaces": False,
            "add_bos_token": False,
            "add_eos_token": False,
            **specials,
        },
    )
    _write_json(out / "special_tokens_map.json", specials)
    _write_json(
        out / "generation_config.json",
        {
            "eos_token_id": model_config["eos_token_id"],
            "pad_token_id": model_config["pad_token_id"],
            "max_length": model_config["max_seq_len"],
        },
    )
    (out / "README.md").write_text(model_card(config, card or {}), encoding="utf-8")
    ctx.report(3, 3, "Done")
    log.info("Exported %s to %s", checkpoint_dir, out)
    return out


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _format_loss(value) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def model_card(config: dict, card: dict) -> str:
    model = config["model"]
    lines = [
        "---",
        "library_name: transformers",
        "pipeline_tag: text-generation",
        "tags: [llama, lm-workbench]",
        "---",
        "",
        f"# {card.get('name', 'LM Workbench model')}",
        "",
        "A small decoder-only language model in the Llama layout, trained with LM Workbench.",
        "",
        "## Training data",
        "",
        f"- Project: {card.get('project', 'unknown')}",
        f"- Documents: {card.get('documents', 'unknown')}",
        f"- Training tokens: {card.get('train_tokens', 'unknown')}; validation tokens: {card.get('val_tokens', 'unknown')}",
        f"- Tokenizer: {card.get('tokenizer_kind', 'unknown')}, {model['vocab_size']} tokens",
        "",
        "## Model",
        "",
        f"- {model['num_layers']} layers, {model['num_heads']} heads, hidden size {model['hidden_size']}, "
        f"MLP size {model['intermediate_size']}, context {model['max_seq_len']} tokens",
        "",
        "## Training",
        "",
        f"- Steps: {config.get('step')}",
        f"- Final training loss: {_format_loss(config.get('train_loss'))}",
        f"- Final validation loss: {_format_loss(config.get('val_loss'))}",
        f"- Best validation loss: {_format_loss(config.get('best_val_loss'))}",
        "",
        "## Intended use",
        "",
        "Experiments and teaching. A model this small writes text that only looks like its",
        "training data; do not rely on its output for facts or decisions.",
        "",
        "## Loading",
        "",
        "```python",
        "from transformers import AutoModelForCausalLM, AutoTokenizer",
        "model = AutoModelForCausalLM.from_pretrained('PATH')",
        "tokenizer = AutoTokenizer.from_pretrained('PATH')",
        "```",
        "",
    ]
    return "\n".join(lines)


def run_checkpoint(project, run_id: int | None) -> tuple[int, Path]:
    """Return the id and checkpoint folder of run ``run_id``, or of the latest run with one."""
    db = project.db()
    if run_id is None:
        row = db.execute(
            "SELECT id, checkpoint FROM runs WHERE checkpoint IS NOT NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            raise ExportError(f"{project.root} has no finished run. Train one first ('workbench train {project.root}').")
    else:
        row = db.execute("SELECT id, checkpoint FROM runs WHERE id = ?", [run_id]).fetchone()
        if row is None or row[1] is None:
            raise ExportError(f"Run {run_id} not found or has no checkpoint in {project.root}.")
    return row[0], Path(row[1])


def export_project_run(
    project, run_id: int | None, out: Path | None, fmt: str = "hf", ctx: JobContext | None = None
) -> Path:
    """Export run ``run_id`` (default: the latest with a checkpoint) of ``project`` to ``out``.

    ``fmt`` is "hf" (a Hugging Face folder) or "onnx" (``model.onnx`` with its tokenizer).
    """
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"Export format {fmt!r} is not supported; use one of {', '.join(EXPORT_FORMATS)}.")
    run_id, checkpoint = run_checkpoint(project, run_id)
    from .export_heads import export_head_run, is_head_run  # imported here: export_heads imports this module

    if is_head_run(project, run_id):
        if fmt != "hf":
            raise ExportError(
                f"Run {run_id} is a fine-tuned classifier, and ONNX export covers language models only. "
                "Export it with format hf."
            )
        return export_head_run(project, run_id, out)
    tokenizer = checkpoints.tokenizer_path(checkpoint, project.tokenizer_path)
    if out is None:
        suffix = "" if fmt == "hf" else f"-{fmt}"
        out = project.exports_dir / f"run-{run_id}-{time.strftime('%Y%m%d-%H%M%S')}{suffix}"
    if fmt == "onnx":
        from .onnx_export import export_onnx

        return export_onnx(checkpoint, tokenizer, out, ctx)
    try:
        meta = read_meta(project)
    except EncodingError:  # the corpus was removed or re-made since, so the card shows "unknown"
        meta = {}
    card = {
        "name": f"{project.name} run {run_id}",
        "project": project.name,
        "documents": meta["train_documents"] + meta["val_documents"] if meta else "unknown",
        "train_tokens": meta.get("train_tokens", "unknown"),
        "val_tokens": meta.get("val_tokens", "unknown"),
        "tokenizer_kind": tokenizer_kind(project.tokenizer_path) or "unknown",
    }
    return export_hf(checkpoint, tokenizer, out, card, ctx)
