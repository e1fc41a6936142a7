"""Exported classifiers load in transformers with no missing keys and give the workbench's logits."""

from __future__ import annotations

import json

import pytest
import torch

from workbench.cli import main
from workbench.core import annotations
from workbench.core.export import ExportError
from workbench.core.export_heads import export_head_run, is_head_run
from workbench.core.finetune import FinetuneConfig, finetune, load_run_model
from workbench.core.jobs import JobContext

transformers = pytest.importorskip("transformers")

TEXTS = ["我住在北京。", "Hello 🙂, how are you today?", "床前明月光", "举头望明月，低头思故乡。"]


def _finetune(project, kind: str, names: list[str]) -> int:
    label_set = annotations.ensure_label_set(project, "标签", kind)
    ids = [annotations.add_label(project, label_set, name).id for name in names]
    for doc_id, text in project.iter_texts():
        chinese = any("\u4e00" <= c <= "\u9fff" for c in text)
        if kind == "spans":
            annotations.add_span(project, doc_id, label_set, ids[0 if chinese else 1], 0, 2)
        else:
            annotations.set_document_label(project, doc_id, label_set, ids[0 if chinese else 1])
    config = FinetuneConfig(task="ner" if kind == "spans" else "classify", label_set="标签", steps=5, batch_size=4,
                            seq_len=32, hidden_size=32, num_layers=2, num_heads=4, eval_interval=5, device="cpu")
    return finetune(project, config, JobContext())["run_id"]


def _padded(tokenizer, pad_id: int, side: str) -> tuple[torch.Tensor, torch.Tensor]:
    rows = [tokenizer.encode(text).ids for text in TEXTS]
    width = max(map(len, rows)) + 1
    ids = torch.full((len(rows), width), pad_id)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        columns = slice(0, len(row)) if side == "right" else slice(width - len(row), width)
        ids[i, columns] = torch.tensor(row)
        mask[i, columns] = 1
    return ids, mask


def _load(auto_class, folder):
    model, info = auto_class.from_pretrained(str(folder), output_loading_info=True, attn_implementation="eager")
    assert info["missing_keys"] in ([], set()), info
    assert info["unexpected_keys"] in ([], set()), info
    return model.float().eval()


@pytest.mark.parametrize("side", ["right", "left"])
def test_sequence_classifier_parity(mixed_project, tmp_path, side):
    run_id = _finetune(mixed_project, "classify", ["中文", "English", "其他"])
    out = export_head_run(mixed_project, run_id, tmp_path / "export")
    ours, _, space, tokenizer = load_run_model(mixed_project, mixed_project.runs_dir / f"run-{run_id}" / "checkpoint")
    theirs = _load(transformers.AutoModelForSequenceClassification, out)
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert config["architectures"] == ["LlamaForSequenceClassification"]
    assert theirs.config.id2label == {0: "中文", 1: "English", 2: "其他"}
    assert theirs.config.label2id["中文"] == 0
    assert theirs.config.pad_token_id == ours.config.pad_token_id is not None

    ids, mask = _padded(tokenizer, ours.config.pad_token_id, side)
    with torch.no_grad():
        expected = ours(ids, mask)
        # transformers numbers positions from the first column even with left padding; rotary
        # attention depends only on the distance between positions, so the logits still agree.
        got = theirs(input_ids=ids, attention_mask=mask).logits
        alone = torch.cat([ours(ids[i:i + 1, mask[i].bool()]) for i in range(len(TEXTS))])
    assert got.shape == (len(TEXTS), 3)
    assert torch.allclose(got, expected, atol=1e-4), (got - expected).abs().max()
    assert torch.allclose(alone, expected, atol=1e-4)
    assert "text-classification" in (out / "README.md").read_text(encoding="utf-8")
    assert not (out / "generation_config.json").exists()


def test_token_classifier_parity(mixed_project, tmp_path):
    run_id = _finetune(mixed_project, "spans", ["中文", "English"])
    out = export_head_run(mixed_project, run_id, tmp_path / "export")
    ours, _, space, tokenizer = load_run_model(mixed_project, mixed_project.runs_dir / f"run-{run_id}" / "checkpoint")
    theirs = _load(transformers.AutoModelForTokenClassification, out)
    assert theirs.config.id2label == dict(enumerate(["O", "B-中文", "I-中文", "B-English", "I-English"]))
    assert theirs.score.bias is not None

    ids, mask = _padded(tokenizer, ours.config.pad_token_id, "left")
    with torch.no_grad():
        expected = ours(ids, mask)
        got = theirs(input_ids=ids, attention_mask=mask).logits
    real = mask.bool()
    assert torch.allclose(got[real], expected[real], atol=1e-4), (got[real] - expected[real]).abs().max()

    hf_tokenizer = transformers.AutoTokenizer.from_pretrained(str(out))
    for text in TEXTS:
        assert hf_tokenizer(text)["input_ids"] == tokenizer.encode(text).ids


def test_export_model_command_picks_head(mixed_project, tmp_path, capsys):
    run_id = _finetune(mixed_project, "classify", ["中文", "English"])
    assert is_head_run(mixed_project, run_id)
    assert is_head_run(mixed_project, None)
    code = main(["export-model", str(mixed_project.root), "--run", str(run_id), "--out", str(tmp_path / "cli")])
    assert code == 0
    config = json.loads((tmp_path / "cli" / "config.json").read_text(encoding="utf-8"))
    assert config["architectures"] == ["LlamaForSequenceClassification"]
    assert config["problem_type"] == "single_label_classification"
    with pytest.raises(ExportError, match="not empty"):
        export_head_run(mixed_project, run_id, tmp_path / "cli")
