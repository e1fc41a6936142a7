"""Every training setting as an editable field, grouped, with presets by device and memory."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.train_config import (
    NONFINITE_ACTIONS,
    PRECISIONS,
    PRESETS,
    TrainConfig,
    device_memory_bytes,
    recommend_preset,
)

DEVICES = ("auto", "cpu", "cuda", "mps")
# Decimals per float setting; learning rates need more than the rest.
FLOAT_DECIMALS = {"learning_rate": 6, "min_learning_rate": 7, "early_stopping_min_delta": 4}
INT_RANGES = {"seed": (0, 2**31 - 1), "warmup_steps": (0, 10_000_000), "eval_batches": (0, 1_000_000),
              "checkpoint_interval": (0, 10_000_000), "keep_best": (0, 1000),
              "early_stopping_patience": (0, 100_000)}


class TrainSettingsForm(QWidget):
    """Fields for all :class:`TrainConfig` settings; ``config()`` reads them, ``load()`` fills them."""

    def __init__(self, device_type: str, parent=None):
        super().__init__(parent)
        labels = {
            "preset": self.tr("Preset:"),
            "hidden_size": self.tr("Hidden size:"),
            "num_layers": self.tr("Layers:"),
            "num_heads": self.tr("Heads:"),
            "seq_len": self.tr("Context length:"),
            "steps": self.tr("Steps:"),
            "batch_size": self.tr("Batch size:"),
            "grad_accum_steps": self.tr("Gradient accumulation:"),
            "learning_rate": self.tr("Learning rate:"),
            "min_learning_rate": self.tr("Final learning rate:"),
            "warmup_steps": self.tr("Warm-up steps:"),
            "weight_decay": self.tr("Weight decay:"),
            "beta1": self.tr("Adam β1:"),
            "beta2": self.tr("Adam β2:"),
            "grad_clip": self.tr("Gradient clipping (0 = off):"),
            "log_interval": self.tr("Log every (steps):"),
            "eval_interval": self.tr("Validate every (steps):"),
            "eval_batches": self.tr("Validation batches (0 = all):"),
            "checkpoint_interval": self.tr("Checkpoint every (0 = at validation):"),
            "keep_best": self.tr("Keep best checkpoints:"),
            "early_stopping_patience": self.tr("Early-stopping patience (0 = off):"),
            "early_stopping_min_delta": self.tr("Minimum improvement:"),
            "nonfinite_action": self.tr("On NaN/inf loss:"),
            "max_skipped_steps": self.tr("Stop after skipped steps in a row:"),
            "precision": self.tr("Precision:"),
            "compile": self.tr("torch.compile"),
            "seed": self.tr("Seed:"),
            "device": self.tr("Device:"),
        }

        groups = [
            (self.tr("Model"), ["preset", "hidden_size", "num_layers", "num_heads", "seq_len"]),
            (self.tr("Optimization"), ["steps", "batch_size", "grad_accum_steps", "learning_rate",
                                        "min_learning_rate", "warmup_steps", "weight_decay", "beta1", "beta2",
                                        "grad_clip"]),
            (self.tr("Validation and checkpoints"), ["log_interval", "eval_interval", "eval_batches",
                                                     "checkpoint_interval", "keep_best",
                                                     "early_stopping_patience", "early_stopping_min_delta"]),
            (self.tr("Engine"), ["precision", "compile", "nonfinite_action", "max_skipped_steps", "seed", "device"]),
        ]

        defaults = TrainConfig()
        self.fields: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for title, names in groups:
            box = QGroupBox(title)
            form = QFormLayout(box)
            for name in names:
                widget = self._make_field(name, getattr(defaults, name))
                self.fields[name] = widget
                if isinstance(widget, QCheckBox):
                    widget.setText(labels[name])
                    form.addRow(widget)
                else:
                    form.addRow(labels[name], widget)
            layout.addWidget(box)
        layout.addStretch()

        self.fields["preset"].currentIndexChanged.connect(self._preset_chosen)
        self.recommended = recommend_preset(device_type, device_memory_bytes(device_type))
        self.apply_preset(self.recommended)

    def _make_field(self, name: str, default) -> QWidget:
        choices = {"preset": [*PRESETS, "custom"], "precision": PRECISIONS,
                   "nonfinite_action": NONFINITE_ACTIONS, "device": DEVICES}
        if name in choices:
            box = QComboBox()
            for choice in choices[name]:
                box.addItem(self._choice_text(name, choice), choice)
            box.setCurrentIndex(box.findData(default))
            return box
        if isinstance(default, bool):
            check = QCheckBox()
            check.setChecked(default)
            return check
        if isinstance(default, int):
            spin = QSpinBox()
            spin.setRange(*INT_RANGES.get(name, (1, 10_000_000)))
            spin.setValue(default)
            return spin
        spin = QDoubleSpinBox()
        spin.setDecimals(FLOAT_DECIMALS.get(name, 3))
        spin.setRange(0.0, 1e6 if name in ("grad_clip", "early_stopping_min_delta", "weight_decay") else 1.0)
        if name in ("beta1", "beta2"):
            spin.setMaximum(0.9999)
            spin.setDecimals(4)
        spin.setSingleStep(10 ** -FLOAT_DECIMALS.get(name, 2))
        spin.setValue(default)
        return spin

    def _choice_text(self, name: str, choice: str) -> str:
        texts = {
            ("preset", "tiny"): self.tr("tiny (CPU)"),
            ("preset", "small"): self.tr("small (GPU, under 8 GiB)"),
            ("preset", "base"): self.tr("base (GPU, 8 GiB or more)"),
            ("preset", "custom"): self.tr("custom"),
            ("precision", "auto"): self.tr("auto (bf16/fp16 on CUDA, else fp32)"),
            ("nonfinite_action", "skip"): self.tr("skip the step"),
            ("nonfinite_action", "stop"): self.tr("stop training"),
            ("device", "auto"): self.tr("auto"),
        }
        return texts.get((name, choice), choice)

    def _preset_chosen(self) -> None:
        name = self.fields["preset"].currentData()
        if name in PRESETS:
            self.apply_preset(name)

    def apply_preset(self, name: str) -> None:
        self.load({**TrainConfig().to_dict(), **{k: v for k, v in self._values().items()
                                                 if k not in PRESETS[name]}, **PRESETS[name], "preset": name})

    def _values(self) -> dict:
        values = {}
        for name, widget in self.fields.items():
            if isinstance(widget, QComboBox):
                values[name] = widget.currentData()
            elif isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
            else:
                values[name] = widget.value()
        return values

    def config(self) -> TrainConfig:
        """Return the settings shown; raise ValueError naming an invalid one."""
        config = TrainConfig.from_dict(self._values())
        config.validate()
        return config

    def load(self, settings: dict) -> None:
        """Show ``settings`` (a run's saved config); settings this version does not know are ignored."""
        known = {f.name for f in fields(TrainConfig)}
        preset = self.fields["preset"]
        preset.blockSignals(True)
        try:
            for name, value in settings.items():
                if name not in known or name not in self.fields:
                    continue
                widget = self.fields[name]
                if isinstance(widget, QComboBox):
                    index = widget.findData(value)
                    if index >= 0:
                        widget.setCurrentIndex(index)
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
                else:
                    widget.setValue(value)
        finally:
            preset.blockSignals(False)

    def set_editable(self, editable: bool) -> None:
        for widget in self.fields.values():
            widget.setEnabled(editable)
