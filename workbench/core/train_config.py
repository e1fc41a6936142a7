"""Training settings: the :class:`TrainConfig` fields, presets, TOML files and ``key=value`` overrides.

Every field is saved with the run (``runs.config`` and ``run_config.json``), so a run can be
repeated or resumed from its record alone.
"""

from __future__ import annotations

import os
import sys
from dataclasses import asdict, dataclass, fields
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 reads TOML through the tomli backport
    import tomli as tomllib

PRECISIONS = ("auto", "fp32", "bf16", "fp16")
NONFINITE_ACTIONS = ("skip", "stop")

# Model and batch sizes per preset. ``tiny`` trains at several thousand tokens/s on a
# laptop CPU; ``small`` suits a GPU with a few GiB; ``base`` suits one with 8 GiB or more.
PRESETS: dict[str, dict] = {
    "tiny": dict(hidden_size=128, num_layers=4, num_heads=4, seq_len=64, batch_size=12,
                 learning_rate=1e-3, min_learning_rate=1e-4),
    "small": dict(hidden_size=256, num_layers=6, num_heads=8, seq_len=128, batch_size=16,
                  learning_rate=6e-4, min_learning_rate=6e-5),
    "base": dict(hidden_size=512, num_layers=8, num_heads=8, seq_len=256, batch_size=32,
                 learning_rate=3e-4, min_learning_rate=3e-5),
}

GIB = 1024**3


@dataclass
class TrainConfig:
    preset: str = "tiny"
    steps: int = 500
    batch_size: int = 12
    grad_accum_steps: int = 1
    seq_len: int = 64
    hidden_size: int = 128
    num_layers: int = 4
    num_heads: int = 4
    learning_rate: float = 1e-3
    min_learning_rate: float = 1e-4
    warmup_steps: int = 50
    weight_decay: float = 0.1
    beta1: float = 0.9
    beta2: float = 0.95
    grad_clip: float = 1.0  # 0 turns clipping off
    log_interval: int = 10
    eval_interval: int = 100
    eval_batches: int = 40  # 0 evaluates every window of the validation split
    checkpoint_interval: int = 0  # 0 saves a checkpoint at every evaluation
    keep_best: int = 3
    early_stopping_patience: int = 0  # evaluations without improvement; 0 turns it off
    early_stopping_min_delta: float = 0.0
    nonfinite_action: str = "skip"
    max_skipped_steps: int = 10  # consecutive non-finite steps before a "skip" run stops
    precision: str = "auto"
    compile: bool = False
    seed: int = 1337
    device: str = "auto"

    @classmethod
    def from_dict(cls, data: dict) -> "TrainConfig":
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"Unknown training setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}.")
        return cls(**data)

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def tokens_per_step(self) -> int:
        return self.batch_size * self.grad_accum_steps * self.seq_len

    def validate(self) -> None:
        positive = ["steps", "batch_size", "grad_accum_steps", "seq_len", "hidden_size", "num_layers",
                    "num_heads", "log_interval", "eval_interval", "max_skipped_steps"]
        for name in positive:
            value = getattr(self, name)
            if value <= 0:
                raise ValueError(f"Training setting {name}={value} is invalid; it must be a positive whole number.")
        not_negative = ["warmup_steps", "eval_batches", "checkpoint_interval", "keep_best",
                        "early_stopping_patience", "early_stopping_min_delta", "weight_decay",
                        "grad_clip", "min_learning_rate"]
        for name in not_negative:
            value = getattr(self, name)
            if value < 0:
                raise ValueError(f"Training setting {name}={value} is invalid; it must be 0 or more.")
        if self.learning_rate <= 0:
            raise ValueError(f"learning_rate={self.learning_rate} is invalid; it must be positive.")
        for name in ("beta1", "beta2"):
            value = getattr(self, name)
            if not 0 <= value < 1:
                raise ValueError(f"{name}={value} is invalid; it must be at least 0 and below 1.")
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision={self.precision!r} is invalid; use one of {', '.join(PRECISIONS)}.")
        if self.nonfinite_action not in NONFINITE_ACTIONS:
            raise ValueError(
                f"nonfinite_action={self.nonfinite_action!r} is invalid; use one of {', '.join(NONFINITE_ACTIONS)}."
            )
        if self.preset not in PRESETS and self.preset != "custom":
            raise ValueError(f"preset={self.preset!r} is invalid; use one of {', '.join(PRESETS)} or custom.")
        if self.hidden_size % self.num_heads:
            raise ValueError(
                f"hidden_size={self.hidden_size} is not divisible by num_heads={self.num_heads}; change one of them."
            )
        if (self.hidden_size // self.num_heads) % 2:
            raise ValueError(
                f"The head size hidden_size/num_heads = {self.hidden_size // self.num_heads} must be even "
                "for rotary embeddings; change hidden_size or num_heads."
            )


def preset_config(name: str, **overrides) -> TrainConfig:
    """Return the defaults with preset ``name`` applied, then ``overrides``."""
    if name not in PRESETS:
        raise ValueError(f"Preset {name!r} not found; use one of {', '.join(PRESETS)}.")
    settings = {**PRESETS[name], "preset": name, **overrides}
    return TrainConfig.from_dict(settings)


def system_memory_bytes() -> int:
    """Return the machine's physical memory, or 0 where the platform does not report it."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0


def recommend_preset(device_type: str, memory_bytes: int) -> str:
    """Pick a preset for a device type (``cpu``, ``cuda``, ``mps``) with ``memory_bytes`` to spend."""
    if device_type == "cuda":
        return "base" if memory_bytes >= 8 * GIB else "small"
    if device_type == "mps":
        return "small" if memory_bytes >= 16 * GIB else "tiny"
    return "tiny"


def device_memory_bytes(device_type: str) -> int:
    import torch

    if device_type == "cuda" and torch.cuda.is_available():
        return torch.cuda.get_device_properties(0).total_memory
    return system_memory_bytes()


def parse_value(key: str, text: str, config_class: type = TrainConfig, kind_name: str = "training"):
    """Convert ``text`` to the type of field ``key`` of ``config_class``; raise ValueError naming both."""
    types = {f.name: type(f.default) for f in fields(config_class)}
    if key not in types:
        raise ValueError(f"{key}: unknown {kind_name} setting; known: {', '.join(sorted(types))}.")
    kind = types[key]
    if kind is bool:
        lowered = text.strip().lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"{key}={text}: expected true or false.")
    try:
        if kind is int:
            number = float(text)
            if not number.is_integer():
                raise ValueError
            return int(number)
        return kind(text)
    except ValueError:
        raise ValueError(f"{key}={text}: expected a {kind.__name__}.") from None


def parse_assignments(pairs: list[str], config_class: type = TrainConfig, kind_name: str = "training") -> dict:
    """Parse ``key=value`` strings into settings typed like the fields of ``config_class``."""
    settings = {}
    for pair in pairs:
        if "=" not in pair:
            raise ValueError(f"{pair!r} is invalid; write it as key=value, for example steps=200.")
        key, value = pair.split("=", 1)
        key = key.strip()
        settings[key] = parse_value(key, value.strip(), config_class, kind_name)
    return settings


def read_toml(path: Path) -> dict:
    """Read training settings from a TOML file: top-level keys, or the keys of a ``[train]`` table."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ValueError(f"Config file {path} not found.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"Config file {path} is not valid TOML: {exc}.") from None
    if "train" in data and isinstance(data["train"], dict):
        data = {**{k: v for k, v in data.items() if k != "train"}, **data["train"]}
    types = {f.name: type(f.default) for f in fields(TrainConfig)}
    for key, value in data.items():
        if key not in types:
            raise ValueError(f"{path}: {key} is not a training setting; known: {', '.join(sorted(types))}.")
        expected = types[key]
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            data[key] = float(value)
        elif not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ValueError(f"{path}: {key} = {value!r} is invalid; expected a {expected.__name__}.")
    return data


def build_config(file_settings: dict | None = None, overrides: dict | None = None) -> TrainConfig:
    """Combine, in order, the preset named by either source, the file's settings and ``overrides``."""
    merged = {**(file_settings or {}), **(overrides or {})}
    preset = merged.get("preset", "tiny")
    base = dict(PRESETS.get(preset, {}))
    config = TrainConfig.from_dict({**base, **merged})
    config.validate()
    return config
