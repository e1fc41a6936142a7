"""Export a fine-tuned classifier as a Hugging Face Llama folder.

:func:`workbench.core.export.export_hf` writes the folder for the decoder (tokenizer files,
explicit config), since a head checkpoint's ``model.safetensors`` is a language-model
checkpoint's decoder. This module then replaces the weights with the full classifier's and
turns the config into ``LlamaForSequenceClassification`` (document labels) or
``LlamaForTokenClassification`` (BIO tags), with ``id2label``, ``label2id`` and
``pad_token_id`` set, so a padded batch pools the right token.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from safetensors.torch import save_file

from . import checkpoints
from .evaluation import load_report
from .export import ExportError, export_hf, run_checkpoint
from .heads import TOKEN_KIND, load_head_checkpoint
from .project import Project

log = logging.getLogger(__name__)

HEAD_TASKS = ("classify", "ner")
ARCHITECTURES = {
    "classify": "LlamaForSequenceClassification",
    "multilabel": "LlamaForSequenceClassification",
    TOKEN_KIND: "LlamaForTokenClassification",
}
PIPELINES = {"classify": "text-classification", "multilabel": "text-classification", TOKEN_KIND: "token-classification"}
AUTO_CLASSES = {
    "LlamaForSequenceClassification": "AutoModelForSequenceClassification",
    "LlamaForTokenClassification": "AutoModelForTokenClassification",
}


def head_config(base: dict, head: dict) -> dict:
    """Return the transformers config of a classifier from the decoder's config and the checkpoint's head."""
    kind = head["kind"]
    labels = head["labels"]
    config = dict(base)
    config.update(
        architectures=[ARCHITECTURES[kind]],
        id2label={str(i): name for i, name in enumerate(labels)},
        label2id={name: i for i, name in enumerate(labels)},
        # A classifier has no output matrix to tie to the embeddings.
        tie_word_embeddings=False,
        use_cache=False,
    )
    if kind == TOKEN_KIND:
        config["classifier_dropout"] = head.get("classifier_dropout", 0.1)
    else:
        config["problem_type"] = "multi_label_classification" if kind == "multilabel" else "single_label_classification"
    return config


def export_head(checkpoint_dir: Path, tokenizer_path: Path, out: Path, card: dict | None = None) -> Path:
    """Write a Hugging Face folder for the fine-tuned checkpoint ``checkpoint_dir`` to ``out``; return ``out``."""
    checkpoint_dir, out = Path(checkpoint_dir), Path(out)
    model, config = load_head_checkpoint(checkpoint_dir)
    if model.config.pad_token_id is None:
        raise ExportError(f"{checkpoint_dir} has no pad_token_id, so a padded batch would pool the wrong token.")
    export_hf(checkpoint_dir, tokenizer_path, out, card)
    head = config["head"]
    base = json.loads((out / "config.json").read_text(encoding="utf-8"))
    if base.get("pad_token_id") != model.config.pad_token_id:
        raise ExportError(
            f"The tokenizer {tokenizer_path} pads with id {base.get('pad_token_id')} but the classifier was "
            f"trained with {model.config.pad_token_id}; export with the tokenizer it was trained with."
        )
    hf = head_config(base, head)
    tensors = {k: v.detach().contiguous().cpu() for k, v in model.state_dict().items()}
    save_file(tensors, str(out / "model.safetensors"), metadata={"format": "pt"})
    _write_json(out / "config.json", hf)
    # Classifiers do not generate text.
    (out / "generation_config.json").unlink(missing_ok=True)
    (out / "README.md").write_text(classifier_card(config, hf, card or {}), encoding="utf-8")
    log.info("Exported classifier %s to %s", checkpoint_dir, out)
    return out


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _figure(value) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def classifier_card(config: dict, hf: dict, card: dict) -> str:
    """Return the model card of an exported classifier: data, labels, training and validation figures."""
    head, model = config["head"], config["model"]
    architecture = hf["architectures"][0]
    report = card.get("evaluation") or {}
    lines = [
        "---",
        "library_name: transformers",
        f"pipeline_tag: {PIPELINES[head['kind']]}",
        "tags: [llama, lm-workbench]",
        "---",
        "",
        f"# {card.get('name', 'LM Workbench classifier')}",
        "",
        f"A small decoder-only Transformer in the Llama layout with a {architecture} head, fine-tuned with "
        "LM Workbench.",
        "",
        "## Training data",
        "",
        f"- Project: {card.get('project', 'unknown')}",
        f"- Label set: {head['label_set']} ({head['kind']})",
        f"- Labels: {', '.join(head['names'])}",
        f"- Training examples: {report.get('train_examples', 'unknown')}; "
        f"validation documents: {report.get('val_documents', 'unknown')}",
        "",
        "## Model",
        "",
        f"- {model['num_layers']} layers, {model['num_heads']} heads, hidden size {model['hidden_size']}, "
        f"context {model['max_seq_len']} tokens; longer texts are cut to the first "
        f"{config.get('seq_len', model['max_seq_len'])} tokens"
        + (" or, for span labelling, tagged in consecutive pieces of that length." if head["kind"] == TOKEN_KIND else "."),
        f"- Base run: {config.get('finetune_config', {}).get('from_run') or 'none (trained from scratch)'}",
        "",
        "## Training and evaluation",
        "",
        f"- Steps: {config.get('step')}",
        f"- Final training loss: {_figure(config.get('train_loss'))}; validation loss: {_figure(config.get('val_loss'))}",
    ]
    for name in ("accuracy", "baseline_accuracy", "macro_f1", "micro_f1", "exact_match", "precision", "recall", "f1"):
        if isinstance(report.get(name), (int, float)):
            lines.append(f"- Validation {name.replace('_', ' ')}: {report[name]:.4f}")
    lines += [
        "",
        "## Intended use",
        "",
        "Pre-annotating text for a person to review, and experiments. A model this small makes many",
        "mistakes; check its output before relying on it.",
        "",
        "## Loading",
        "",
        "Pass `attention_mask` with padded batches. Left and right padding give the same logits with",
        "transformers releases made after January 2025, which pool the rightmost token that is not `pad_token_id`.",
        "Older releases pool the token before the first pad token, so pad on the right with them.",
        "",
        "```python",
        f"from transformers import {AUTO_CLASSES[architecture]}, AutoTokenizer",
        f"model = {AUTO_CLASSES[architecture]}.from_pretrained('PATH')",
        "tokenizer = AutoTokenizer.from_pretrained('PATH')",
        "```",
        "",
    ]
    return "\n".join(lines)


def _run_task(project: Project, run_id: int) -> str:
    row = project.db().execute("SELECT task FROM runs WHERE id = ?", [run_id]).fetchone()
    return row[0] if row else ""


def is_head_run(project: Project, run_id: int | None) -> bool:
    """Return whether run ``run_id`` (default: the latest with a checkpoint) is a fine-tuned classifier."""
    run_id, _ = run_checkpoint(project, run_id)
    return _run_task(project, run_id) in HEAD_TASKS


def export_head_run(project: Project, run_id: int | None, out: Path | None) -> Path:
    """Export fine-tuned run ``run_id`` (default: the latest run with a checkpoint) of ``project``."""
    run_id, checkpoint = run_checkpoint(project, run_id)
    if _run_task(project, run_id) not in HEAD_TASKS:
        raise ExportError(f"Run {run_id} is not a fine-tuned classifier; export it as a language model.")
    if out is None:
        out = project.exports_dir / f"run-{run_id}-{time.strftime('%Y%m%d-%H%M%S')}"
    card = {"name": f"{project.name} run {run_id}", "project": project.name,
            "evaluation": load_report(project, run_id)}
    return export_head(checkpoint, checkpoints.tokenizer_path(checkpoint, project.tokenizer_path), out, card)
