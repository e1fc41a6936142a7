"""Shared builders for the core tests: real projects in tmp folders, nothing mocked.

Builders are session-scoped fixtures that return a function, so module-scoped fixtures
can use them too and test files need no import from this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from workbench.core.encoding import encode_project
from workbench.core.importing import import_files
from workbench.core.model import DecoderLM, ModelConfig
from workbench.core.project import Project, create_project
from workbench.core.tokenizer import train_project_tokenizer
from workbench.core.training import TrainConfig

MIXED_LINES = [
    "The quick brown fox jumps over the lazy dog.",
    "我住在北京。北京是中国的首都。",
    "Hello 🙂, how are you today?",
    "床前明月光，疑是地上霜。",
    "To be, or not to be, that is the question.",
    "举头望明月，低头思故乡。",
    "She sells sea shells by the sea shore 🌊.",
    "我爱学习，学习使我快乐。",
]


@pytest.fixture(scope="session", autouse=True)
def _torch_threads():
    """Run torch on one thread: these models are too small to gain much from a second one.

    With 2 threads, the 300-step training tests took about 10 s each on an idle 2-core
    machine but over 60 s while other processes kept both cores busy. With 1 thread they
    take 9 to 15 s on the idle machine.
    """
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


def _write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _build_project(
    root: Path, lines: list[str], kind: str = "char", vocab_size: int = 300, encode: bool = True
) -> Project:
    """Create a project with one document per line, a trained tokenizer and, if asked, an encoded corpus."""
    project = create_project(root / "project")
    source = _write_text(root / "corpus.txt", "\n".join(lines) + "\n")
    import_files(project, [source], mode="line")
    train_project_tokenizer(project, kind, vocab_size)
    if encode:
        encode_project(project, val_fraction=0.2, seed=0)
    return project


def _tiny_train_config(**overrides) -> TrainConfig:
    """Return settings for a 2-layer model of hidden size 32 that trains 30 steps in about a second."""
    settings = dict(
        steps=30, batch_size=8, seq_len=32, hidden_size=32, num_layers=2, num_heads=4,
        learning_rate=3e-3, min_learning_rate=3e-4, warmup_steps=5,
        log_interval=5, eval_interval=10, eval_batches=2, device="cpu",
    )
    settings.update(overrides)
    return TrainConfig(**settings)


@pytest.fixture(scope="session")
def mixed_lines() -> list[str]:
    """Eight short documents of English, Chinese and emoji."""
    return list(MIXED_LINES)


@pytest.fixture(scope="session")
def write_text():
    return _write_text


@pytest.fixture(scope="session")
def build_project():
    return _build_project


@pytest.fixture(scope="session")
def tiny_train_config():
    return _tiny_train_config


@pytest.fixture
def mixed_project(tmp_path) -> Project:
    """A project of the mixed lines repeated 5 times, with a char tokenizer and an encoded corpus."""
    return _build_project(tmp_path, MIXED_LINES * 5)


def _sharp_model(seed: int = 0, **sizes) -> DecoderLM:
    """Return a float32 model in eval mode whose large random weights make attention far from uniform."""
    torch.manual_seed(seed)
    model = DecoderLM(ModelConfig(**sizes)).eval()
    with torch.no_grad():
        for parameter in model.parameters():
            if parameter.dim() >= 2:
                parameter.normal_(0.0, 0.3)
    return model


@pytest.fixture(scope="session")
def sharp_model():
    return _sharp_model
