"""ONNX export, checked against onnxruntime at several lengths, batch sizes and paddings."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

pytest.importorskip("onnxscript", reason="ONNX export needs onnxscript (installed by the test extra)")
onnx = pytest.importorskip("onnx", reason="ONNX export needs onnx (installed by the test extra)")
pytest.importorskip("onnxruntime", reason="ONNX parity needs onnxruntime (installed by the test extra)")

from workbench.cli import main  # noqa: E402
from workbench.core import checkpoints  # noqa: E402
from workbench.core.export import ExportError, export_project_run  # noqa: E402
from workbench.core.jobs import JobContext  # noqa: E402
from workbench.core.onnx_export import ONNX_FILE, OnnxLanguageModel, OnnxUnavailable, export_onnx  # noqa: E402
from workbench.core.tokenizer import PAD, load_tokenizer  # noqa: E402
from workbench.core.training import train  # noqa: E402

CONTEXT = 24


@pytest.fixture(scope="module")
def project(tmp_path_factory, build_project, mixed_lines):
    return build_project(tmp_path_factory.mktemp("onnx"), mixed_lines * 5, kind="char", vocab_size=300)


@pytest.fixture(scope="module")
def sharp_onnx(project, tmp_path_factory, sharp_model):
    """A grouped-query model with sharp attention, exported to ONNX: (model, folder, events)."""
    vocab = load_tokenizer(project.tokenizer_path).get_vocab_size()
    model = sharp_model(vocab_size=vocab, hidden_size=32, num_layers=2, num_heads=4, num_kv_heads=2,
                        max_seq_len=CONTEXT)
    root = tmp_path_factory.mktemp("sharp")
    checkpoints.save(root / "checkpoint", model, None, {"step": 0})
    ctx = JobContext()
    out = export_onnx(root / "checkpoint", project.tokenizer_path, root / "onnx", ctx)
    model, _ = checkpoints.load_model(root / "checkpoint")
    return model, out, ctx.drain()


def padded(rows: list[list[int]], side: str, pad_id: int) -> tuple[np.ndarray, np.ndarray]:
    width = max(len(row) for row in rows)
    ids = np.full((len(rows), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for index, row in enumerate(rows):
        span = slice(width - len(row), width) if side == "left" else slice(0, len(row))
        ids[index, span] = row
        mask[index, span] = 1
    return ids, mask


def test_onnx_inputs_are_symbolic(sharp_onnx):
    _, out, _ = sharp_onnx

    graph = onnx.load(str(out / ONNX_FILE)).graph

    for tensor in graph.input:
        dims = tensor.type.tensor_type.shape.dim
        assert len(dims) == 2
        assert all(dim.dim_param and not dim.dim_value for dim in dims), (tensor.name, dims)
    assert [tensor.name for tensor in graph.input] == ["input_ids", "attention_mask"]
    assert [tensor.name for tensor in graph.output] == ["logits"]


def test_onnx_folder_contents(sharp_onnx):
    _, out, events = sharp_onnx

    config = json.loads((out / "config.json").read_text(encoding="utf-8"))

    assert sorted(p.name for p in out.iterdir()) == ["config.json", "model.onnx", "tokenizer.json"]
    assert config["model"]["max_seq_len"] == CONTEXT
    progress = [event.data["done"] for event in events if event.kind == "progress"]
    assert progress == sorted(progress)
    assert progress[-1] == 4


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("lengths", [[1], [5, 3], [CONTEXT, 1, 11, 7]], ids=["b1", "b2", "b4"])
def test_onnx_matches_pytorch(sharp_onnx, side, lengths):
    model, out, _ = sharp_onnx
    runner = OnnxLanguageModel(out)
    generator = torch.Generator().manual_seed(len(lengths))
    rows = [torch.randint(0, model.config.vocab_size, (n,), generator=generator).tolist() for n in lengths]
    ids, mask = padded(rows, side, pad_id=0)

    actual = runner.logits(ids, mask)
    with torch.no_grad():
        expected = model(torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)).numpy()

    assert actual.shape == expected.shape
    assert not np.isnan(actual).any()
    real = mask.astype(bool)
    assert np.abs(actual[real] - expected[real]).max() <= 1e-4
    for index, row in enumerate(rows):
        # Each padded row gives the logits of the unpadded text.
        alone = runner.logits(np.array([row]))[0]
        assert np.abs(actual[index][real[index]] - alone).max() <= 1e-4


def test_onnx_fully_padded_row_has_no_nan(sharp_onnx):
    _, out, _ = sharp_onnx
    runner = OnnxLanguageModel(out)
    ids = np.array([[5, 6, 7], [0, 0, 0]], dtype=np.int64)
    mask = np.array([[1, 1, 1], [0, 0, 0]], dtype=np.int64)

    logits = runner.logits(ids, mask)

    assert not np.isnan(logits).any()


def test_onnx_too_long_input_raises(sharp_onnx):
    _, out, _ = sharp_onnx
    runner = OnnxLanguageModel(out)

    with pytest.raises(ValueError) as info:
        runner.logits(np.zeros((1, CONTEXT + 1), dtype=np.int64))

    assert f"{CONTEXT + 1} tokens" in str(info.value)
    assert f"context of {CONTEXT}" in str(info.value)


def test_onnx_mask_shape_mismatch_raises(sharp_onnx):
    _, out, _ = sharp_onnx
    runner = OnnxLanguageModel(out)

    with pytest.raises(ValueError) as info:
        runner.logits(np.zeros((2, 4), dtype=np.int64), np.ones((2, 3), dtype=np.int64))

    assert "does not match" in str(info.value)


def test_onnx_export_into_non_empty_folder_raises(sharp_onnx, tmp_path):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "keep.txt").write_text("user file", encoding="utf-8")

    with pytest.raises(ExportError):
        export_onnx(Path("unused"), Path("unused"), target)

    assert sorted(p.name for p in target.iterdir()) == ["keep.txt"]


def test_onnx_missing_runtime_names_package(sharp_onnx, monkeypatch):
    _, out, _ = sharp_onnx
    monkeypatch.setitem(sys.modules, "onnxruntime", None)

    with pytest.raises(OnnxUnavailable) as info:
        OnnxLanguageModel(out)

    assert "onnxruntime" in str(info.value)
    assert "pip install" in str(info.value)


def test_cli_exports_trained_run_as_onnx(project, tiny_train_config, tmp_path, capsys):
    result = train(project, tiny_train_config(seq_len=16), JobContext())
    out = tmp_path / "cli-onnx"

    code = main(["export-model", str(project.root), "--run", str(result["run_id"]), "--format", "onnx",
                 "--out", str(out)])

    assert code == 0
    assert str(out) in capsys.readouterr().out
    model, _ = checkpoints.load_model(Path(result["checkpoint"]))
    tokenizer = load_tokenizer(project.tokenizer_path)
    texts = ["床前明月光", "To be 🙂"]
    rows = [tokenizer.encode(text).ids for text in texts]
    ids, mask = padded(rows, "left", tokenizer.token_to_id(PAD))
    actual = OnnxLanguageModel(out).logits(ids, mask)
    with torch.no_grad():
        expected = model(torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)).numpy()
    real = mask.astype(bool)
    assert np.abs(actual[real] - expected[real]).max() <= 1e-4


def test_unknown_export_format_raises(project):
    with pytest.raises(ExportError) as info:
        export_project_run(project, None, None, fmt="gguf")

    assert "'gguf'" in str(info.value)
