"""Train tab: settings, Start and Stop, a live loss plot and a tokens/s readout."""

from __future__ import annotations

import gc
import logging
import math

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.training import TrainConfig, pick_device, train
from .jobs import JobRunner

log = logging.getLogger(__name__)


def _spin(minimum: int, maximum: int, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setValue(value)
    return box


class TrainTab(QWidget):
    """Signals: ``sigPlotUpdated(int)`` after the plot is redrawn (number of train-loss points),
    ``sigRunFinished(dict)`` after a run ends and its result is shown, ``sigError(str)``."""

    sigPlotUpdated = Signal(int)
    sigRunFinished = Signal(dict)
    sigError = Signal(str)

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.project = None
        self.runner = JobRunner(self, "training")
        self.runner.sigEvents.connect(self._on_events)
        self.runner.sigFinished.connect(self._on_finished)
        self.runner.sigFailed.connect(self._on_failed)
        self.last_result: dict | None = None
        self._train = ([], [])
        self._val = ([], [])

        defaults = TrainConfig()
        self.steps = _spin(1, 10_000_000, defaults.steps)
        self.batch_size = _spin(1, 4096, defaults.batch_size)
        self.seq_len = _spin(2, 65_536, defaults.seq_len)
        self.hidden_size = _spin(8, 8192, defaults.hidden_size)
        self.num_layers = _spin(1, 128, defaults.num_layers)
        self.num_heads = _spin(1, 128, defaults.num_heads)
        self.learning_rate = QDoubleSpinBox()
        self.learning_rate.setDecimals(6)
        self.learning_rate.setRange(1e-6, 1.0)
        self.learning_rate.setSingleStep(1e-4)
        self.learning_rate.setValue(defaults.learning_rate)
        self.log_interval = _spin(1, 100_000, defaults.log_interval)
        self.eval_interval = _spin(1, 1_000_000, defaults.eval_interval)

        form = QFormLayout()
        form.addRow(self.tr("Steps:"), self.steps)
        form.addRow(self.tr("Batch size:"), self.batch_size)
        form.addRow(self.tr("Context length:"), self.seq_len)
        form.addRow(self.tr("Hidden size:"), self.hidden_size)
        form.addRow(self.tr("Layers:"), self.num_layers)
        form.addRow(self.tr("Heads:"), self.num_heads)
        form.addRow(self.tr("Learning rate:"), self.learning_rate)
        form.addRow(self.tr("Log every (steps):"), self.log_interval)
        form.addRow(self.tr("Validate every (steps):"), self.eval_interval)

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.device_label = QLabel(self.tr("Device: {device}").format(device=pick_device().type))
        self.speed_label = QLabel(self.tr("Tokens/s: –"))
        self.step_label = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)

        side = QVBoxLayout()
        side.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        side.addLayout(buttons)
        side.addWidget(self.device_label)
        side.addWidget(self.speed_label)
        side.addWidget(self.step_label)
        side.addWidget(self.status)
        side.addStretch()

        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=True, alpha=0.3)
        self.plot.setLabel("bottom", self.tr("step"))
        self.plot.setLabel("left", self.tr("loss"))
        self.plot.addLegend()
        self.train_curve = self.plot.plot([], [], pen=pg.mkPen("#4e79a7", width=2), name=self.tr("training"))
        self.val_curve = self.plot.plot(
            [], [], pen=pg.mkPen("#e15759", width=2), symbol="o", symbolSize=6,
            symbolBrush="#e15759", name=self.tr("validation"),
        )

        layout = QHBoxLayout(self)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMaximumWidth(320)
        layout.addWidget(side_widget)
        layout.addWidget(self.plot, 1)

    def set_project(self, project) -> None:
        self.project = project
        self.start_button.setEnabled(project is not None and not self.runner.is_running())

    def config(self) -> TrainConfig:
        return TrainConfig(
            steps=self.steps.value(),
            batch_size=self.batch_size.value(),
            seq_len=self.seq_len.value(),
            hidden_size=self.hidden_size.value(),
            num_layers=self.num_layers.value(),
            num_heads=self.num_heads.value(),
            learning_rate=self.learning_rate.value(),
            min_learning_rate=self.learning_rate.value() / 10,
            warmup_steps=min(50, self.steps.value() // 10),
            log_interval=self.log_interval.value(),
            eval_interval=self.eval_interval.value(),
        )

    def start(self) -> None:
        if self.project is None or self.runner.is_running():
            return
        config = self.config()
        try:
            config.validate()
            if not (self.project.corpus_dir / "meta.json").is_file():
                raise ValueError(self.tr("The corpus is not encoded yet. Encode it in the Corpus tab first."))
            if config.hidden_size % config.num_heads:
                raise ValueError(
                    self.tr("Hidden size {hidden} is not divisible by {heads} heads; change one of them.").format(
                        hidden=config.hidden_size, heads=config.num_heads
                    )
                )
        except ValueError as exc:
            self.status.setText(str(exc))
            self.sigError.emit(str(exc))
            return
        self._train = ([], [])
        self._val = ([], [])
        self.train_curve.setData([], [])
        self.val_curve.setData([], [])
        self.last_result = None
        self.start_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.status.setText(self.tr("Training…"))
        project = self.project
        # Objects alive now (widgets, data) stay alive through the run: keep the garbage
        # collector from rescanning them while the GUI thread waits for the GIL.
        gc.freeze()
        self.runner.start(lambda ctx: train(project, config, ctx))

    def stop(self) -> None:
        self.runner.request_stop()
        self.stop_button.setEnabled(False)
        self.status.setText(self.tr("Stopping after the current step…"))

    def _on_events(self, events) -> None:
        changed = False
        for event in events:
            data = event.data
            if event.kind == "started":
                self.device_label.setText(self.tr("Device: {device}").format(device=data["device"]))
                self.status.setText(
                    self.tr("Run {run}: {parameters} parameters.").format(
                        run=data["run_id"], parameters=f"{data['parameters']:,}"
                    )
                )
            elif event.kind == "warning":
                self.status.setText(data["message"])
            elif event.kind == "metrics":
                step = data["step"]
                if "train_loss" in data and math.isfinite(data["train_loss"]):
                    self._train[0].append(step)
                    self._train[1].append(data["train_loss"])
                    changed = True
                if "val_loss" in data and math.isfinite(data["val_loss"]):
                    self._val[0].append(step)
                    self._val[1].append(data["val_loss"])
                    changed = True
                if "tokens_per_second" in data:
                    self.speed_label.setText(self.tr("Tokens/s: {rate}").format(rate=f"{data['tokens_per_second']:,.0f}"))
                self.step_label.setText(self.tr("Step {step} of {total}").format(step=step, total=data["total"]))
        if changed:
            # One setData per curve per batch of events: at most ten redraws a second.
            self.train_curve.setData(self._train[0], self._train[1])
            self.val_curve.setData(self._val[0], self._val[1])
            self.sigPlotUpdated.emit(len(self._train[0]))

    def _on_finished(self, result: dict) -> None:
        self.last_result = result
        self.start_button.setEnabled(self.project is not None)
        self.stop_button.setEnabled(False)
        if result["status"] == "stopped":
            template = self.tr("Run {run} stopped at step {step}: validation loss {loss:.4f}. Checkpoint: {path}")
        else:
            template = self.tr("Run {run} finished at step {step}: validation loss {loss:.4f}. Checkpoint: {path}")
        self.status.setText(
            template.format(run=result["run_id"], step=result["steps"], loss=result["val_loss"], path=result["checkpoint"])
        )
        self.window.runs_changed()
        self.sigRunFinished.emit(result)

    def _on_failed(self, message: str, details: str) -> None:
        self.start_button.setEnabled(self.project is not None)
        self.stop_button.setEnabled(False)
        self.status.setText(message)
        self.window.show_error(self.tr("Training failed"), message, details)
        self.sigError.emit(message)

    def shutdown(self) -> None:
        """Stop a running job and wait for its checkpoint (called when the window closes)."""
        if self.runner.is_running():
            self.runner.shutdown()
