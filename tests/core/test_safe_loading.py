"""Opening files from someone else never runs code: a source audit and hostile-file checks."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
import torch

import workbench
from workbench.core import checkpoints
from workbench.core.model import DecoderLM, ModelConfig

PACKAGE = Path(workbench.__file__).parent
# Modules that deserialise arbitrary Python objects when they load data.
UNSAFE_MODULES = {"pickle", "cPickle", "dill", "cloudpickle", "shelve", "marshal", "joblib", "yaml"}


def python_files() -> list[Path]:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 10
    return files


def keyword(call: ast.Call, name: str):
    for item in call.keywords:
        if item.arg == name:
            return item.value
    return None


def is_true(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def call_name(call: ast.Call) -> str:
    return ast.unparse(call.func)


def audit(path: Path) -> list[str]:
    """Return the unsafe loading calls and imports in one source file."""
    problems = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        where = f"{path.name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import):
            problems += [f"{where} imports {a.name}" for a in node.names if a.name.split(".")[0] in UNSAFE_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in UNSAFE_MODULES:
            problems.append(f"{where} imports from {node.module}")
        elif isinstance(node, ast.Call):
            name = call_name(node)
            if name == "torch.load" and not is_true(keyword(node, "weights_only")):
                problems.append(f"{where} calls torch.load without weights_only=True")
            if name in ("eval", "exec"):
                problems.append(f"{where} calls {name}")
            if name.endswith("load") and is_true(keyword(node, "allow_pickle")):
                problems.append(f"{where} calls {name} with allow_pickle=True")
            if is_true(keyword(node, "trust_remote_code")):
                problems.append(f"{where} passes trust_remote_code=True")
    return problems


def test_source_has_no_unsafe_loading():
    problems = [problem for path in python_files() for problem in audit(path)]

    assert problems == []


def test_audit_finds_unsafe_calls(tmp_path):
    # The audit itself must catch what it looks for.
    bad = tmp_path / "probe.py"
    bad.write_text(
        "import pickle\nimport torch\nimport numpy as np\n"
        "torch.load('x')\nnp.load('y', allow_pickle=True)\neval('1')\n",
        encoding="utf-8",
    )

    problems = audit(bad)

    assert len(problems) == 4
    assert "imports pickle" in problems[0]
    assert "weights_only" in problems[1]


class _Planted:
    """An object whose unpickling writes a marker file: what a hostile checkpoint would do."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return (_plant, (self.marker,))


def _plant(marker: str) -> None:
    Path(marker).write_text("code ran", encoding="utf-8")


@pytest.fixture
def checkpoint(tmp_path) -> Path:
    torch.manual_seed(0)
    model = DecoderLM(ModelConfig(vocab_size=20, hidden_size=16, num_layers=1, num_heads=2, num_kv_heads=2))
    folder = tmp_path / "checkpoint"
    checkpoints.save(folder, model, None, {"step": 1})
    return folder


def test_hostile_optimizer_state_is_rejected(checkpoint, tmp_path):
    marker = tmp_path / "marker.txt"
    torch.save({"state": _Planted(marker)}, checkpoint / "optimizer.pt")

    with pytest.raises(Exception) as info:
        checkpoints.load_optimizer_state(checkpoint)

    assert not marker.exists()
    assert "weights_only" in str(info.value) or "Unsupported" in str(info.value)


def test_pickled_weights_file_is_not_loaded(checkpoint, tmp_path):
    marker = tmp_path / "marker.txt"
    torch.save({"model.norm.weight": _Planted(marker)}, checkpoint / "model.safetensors")

    with pytest.raises(Exception):
        checkpoints.load_model(checkpoint)

    assert not marker.exists()


def test_checkpoint_config_is_plain_json(checkpoint):
    config = json.loads((checkpoint / "config.json").read_text(encoding="utf-8"))

    assert config["model"]["vocab_size"] == 20
    assert config["step"] == 1
