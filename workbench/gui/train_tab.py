"""Train tab: every setting, Start, Pause and Stop, live curves, the run list and text generation."""

from __future__ import annotations

import gc
import logging
import sys

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.run_records import METRIC_NAMES
from ..core.training import pick_device, resume, run_metrics, train
from .jobs import JobRunner
from .train_generate import GeneratePanel
from .train_plots import TrainPlots
from .train_runs import RunsPanel
from .train_settings import TrainSettingsForm

log = logging.getLogger(__name__)

# While training, the worker thread holds the GIL between torch calls. A GUI thread that
# waits for the GIL requests it after this many seconds instead of Python's default 5 ms,
# which shortens each wait inside a repaint.
TRAINING_SWITCH_INTERVAL_S = 0.001


def format_duration(seconds: float) -> str:
    seconds = max(int(seconds), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class TrainTab(QWidget):
    """Signals: ``sigPlotUpdated(int)`` after the curves are redrawn with points (number of
    training-loss points), ``sigRunFinished(dict)`` after a run ends and its result is shown,
    ``sigError(str)``."""

    sigPlotUpdated = Signal(int)
    sigRunFinished = Signal(dict)
    sigError = Signal(str)

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.project = None
        self.current_run_id: int | None = None
        self.runner = JobRunner(self, "training")
        self.runner.sigEvents.connect(self._on_events)
        self.runner.sigFinished.connect(self._on_finished)
        self.runner.sigFailed.connect(self._on_failed)
        self.last_result: dict | None = None
        self._default_switch_interval: float | None = None

        device = pick_device()
        self.form = TrainSettingsForm(device.type)
        fields = self.form.fields
        self.steps = fields["steps"]
        self.batch_size = fields["batch_size"]
        self.seq_len = fields["seq_len"]
        self.hidden_size = fields["hidden_size"]
        self.num_layers = fields["num_layers"]
        self.num_heads = fields["num_heads"]
        self.learning_rate = fields["learning_rate"]
        self.log_interval = fields["log_interval"]
        self.eval_interval = fields["eval_interval"]

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.clicked.connect(self.start)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setEnabled(False)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.device_label = QLabel(self.tr("Device: {device}").format(device=device.type))
        self.speed_label = QLabel(self.tr("Tokens/s: –"))
        self.step_label = QLabel()
        self.eta_label = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)

        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        side_widget = QWidget()
        side = QVBoxLayout(side_widget)
        side.addWidget(scroll, 1)
        side.addLayout(buttons)
        for label in (self.device_label, self.speed_label, self.step_label, self.eta_label, self.status):
            side.addWidget(label)
        side_widget.setMaximumWidth(380)

        self.plots = TrainPlots()
        self.plots.sigRedrawn.connect(self._plots_redrawn)
        self.train_curve = self.plots.curves["train_loss"]
        self.val_curve = self.plots.curves["val_loss"]
        self.runs = RunsPanel()
        self.runs.sigCompareChanged.connect(self._compare_changed)
        self.runs.sigResume.connect(self.resume_run)
        self.runs.sigLoadSettings.connect(self.form.load)
        self.generate = GeneratePanel()
        self.messages = QPlainTextEdit()
        self.messages.setReadOnly(True)
        self.messages.setMaximumBlockCount(2000)
        self.lower_tabs = QTabWidget()
        self.lower_tabs.addTab(self.runs, self.tr("Runs"))
        self.lower_tabs.addTab(self.generate, self.tr("Generate"))
        self.lower_tabs.addTab(self.messages, self.tr("Messages"))
        right = QSplitter(Qt.Vertical)
        right.addWidget(self.plots)
        right.addWidget(self.lower_tabs)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)

        layout = QHBoxLayout(self)
        layout.addWidget(side_widget)
        layout.addWidget(right, 1)
        self.start_button.setEnabled(False)

    # Project and state ------------------------------------------------------------------

    def set_project(self, project) -> None:
        self.project = project
        self.current_run_id = None
        self.plots.clear()
        self.plots.set_overlays({})
        self.runs.set_project(project)
        self.generate.set_project(project)
        self._set_running(False)

    def config(self):
        return self.form.config()

    def _set_running(self, running: bool) -> None:
        if running and self._default_switch_interval is None:
            self._default_switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(TRAINING_SWITCH_INTERVAL_S)
        elif not running and self._default_switch_interval is not None:
            sys.setswitchinterval(self._default_switch_interval)
            self._default_switch_interval = None
        self.start_button.setEnabled(self.project is not None and not running)
        self.pause_button.setEnabled(running)
        self.pause_button.setText(self.tr("Pause"))
        self.stop_button.setEnabled(running)
        self.form.set_editable(not running)
        self.runs.set_training(running)

    def _fail_to_start(self, message: str) -> None:
        self.status.setText(message)
        self.sigError.emit(message)

    # Starting, pausing, stopping -----------------------------------------------------------

    def start(self) -> None:
        if self.project is None or self.runner.is_running():
            return
        try:
            config = self.form.config()
        except ValueError as exc:
            self._fail_to_start(str(exc))
            return
        if not (self.project.corpus_dir / "meta.json").is_file():
            self._fail_to_start(self.tr("The corpus is not encoded yet. Encode it in the Corpus tab first."))
            return
        project = self.project
        self._begin(self.tr("Training…"))
        self.runner.start(lambda ctx: train(project, config, ctx))

    def resume_run(self, run_id: int) -> None:
        if self.project is None or self.runner.is_running():
            return
        project = self.project
        self._begin(self.tr("Resuming run {run}…").format(run=run_id))
        self.runner.start(lambda ctx: resume(project, run_id, ctx))

    def _begin(self, message: str) -> None:
        self.plots.clear()
        self.last_result = None
        self.current_run_id = None
        self.messages.clear()
        self.eta_label.setText("")
        self._set_running(True)
        self.status.setText(message)
        # Objects alive now (widgets, data) stay alive through the run: keep the garbage
        # collector from rescanning them while the GUI thread waits for the GIL.
        gc.freeze()

    def toggle_pause(self) -> None:
        context = self.runner.context
        if context is None or not self.runner.is_running():
            return
        if context.pause_requested:
            context.request_resume()
            self.pause_button.setText(self.tr("Pause"))
            self.status.setText(self.tr("Continuing…"))
        else:
            context.request_pause()
            self.pause_button.setText(self.tr("Continue"))
            self.status.setText(self.tr("Pausing after the current step…"))

    def stop(self) -> None:
        self.runner.request_stop()
        self.stop_button.setEnabled(False)
        self.pause_button.setEnabled(False)
        self.status.setText(self.tr("Stopping after the current step…"))

    # Events from the worker -----------------------------------------------------------------

    def _on_events(self, events) -> None:
        latest_metrics = None
        for event in events:
            data = event.data
            if event.kind == "metrics":
                self.plots.add_metrics(data["step"], data)
                latest_metrics = data
            elif event.kind == "started":
                self._on_started(data)
            elif event.kind == "warning":
                self.status.setText(data["message"])
                self.messages.appendPlainText(data["message"])
                if data.get("nonfinite"):
                    self.plots.mark_nonfinite(data["step"])
            elif event.kind == "paused":
                self.status.setText(self.tr("Paused at step {step}.").format(step=data["step"]))
            elif event.kind == "resumed":
                self.status.setText(self.tr("Training…"))
            elif event.kind == "checkpoint":
                self.messages.appendPlainText(
                    self.tr("Step {step}: checkpoint saved to {path}").format(step=data["step"], path=data["path"])
                )
        if latest_metrics is not None:
            # Labels change once per batch of events, not once per event.
            self._show_progress(latest_metrics)

    def _on_started(self, data: dict) -> None:
        self.current_run_id = data["run_id"]
        self.device_label.setText(
            self.tr("Device: {device} ({precision})").format(device=data["device"], precision=data["precision"])
        )
        self.status.setText(
            self.tr("Run {run}: {parameters} parameters.").format(run=data["run_id"], parameters=f"{data['parameters']:,}")
        )
        if data["resumed"]:
            # The curves up to the checkpoint come from SQLite. Later steps arrive as events,
            # so rows the worker has already written past the checkpoint are skipped here.
            for name in METRIC_NAMES:
                steps, values = run_metrics(self.project, data["run_id"], name)
                kept = steps <= data["step"]
                self.plots.buffers[name].extend(steps[kept], values[kept])
            self.plots.schedule_redraw()
        self.runs.reload()
        self._compare_changed(self.runs.compared_ids())

    def _show_progress(self, data: dict) -> None:
        if "tokens_per_second" in data:
            self.speed_label.setText(self.tr("Tokens/s: {rate}").format(rate=f"{data['tokens_per_second']:,.0f}"))
        self.step_label.setText(self.tr("Step {step} of {total}").format(step=data["step"], total=data["total"]))
        if "eta_seconds" in data:
            self.eta_label.setText(self.tr("Time left: about {eta}").format(eta=format_duration(data["eta_seconds"])))

    def _plots_redrawn(self, points: int) -> None:
        if points:
            self.sigPlotUpdated.emit(points)

    def _compare_changed(self, run_ids: list) -> None:
        if self.project is None:
            return
        overlays = {}
        for run_id in run_ids:
            if run_id == self.current_run_id and self.runner.is_running():
                continue
            overlays[run_id] = {name: run_metrics(self.project, run_id, name) for name in METRIC_NAMES}
        self.plots.set_overlays(overlays)

    def _on_finished(self, result: dict) -> None:
        self.last_result = result
        self._set_running(False)
        self.plots.redraw()
        templates = {
            "completed": self.tr("Run {run} finished at step {step}: validation loss {loss:.4f}."),
            "early_stopping": self.tr("Run {run} stopped early at step {step}: validation loss {loss:.4f}."),
            "user": self.tr("Run {run} stopped at step {step}: validation loss {loss:.4f}. Resume it from the run list."),
            "nonfinite": self.tr("Run {run} stopped at step {step} on a NaN/inf loss; the last good checkpoint is kept."),
        }
        self.status.setText(templates[result["reason"]].format(
            run=result["run_id"], step=result["steps"], loss=result["val_loss"]))
        self.eta_label.setText("")
        self.runs.reload()
        self.runs.select_run(result["run_id"])
        self.generate.refresh()
        self.window.runs_changed()
        self.sigRunFinished.emit(result)

    def _on_failed(self, message: str, details: str) -> None:
        self._set_running(False)
        self.status.setText(message)
        self.runs.reload()
        self.window.show_error(self.tr("Training failed"), message, details)
        self.sigError.emit(message)

    def shutdown(self) -> None:
        """Stop a running job and wait for its checkpoint (called when the window closes)."""
        if self.runner.is_running():
            self.runner.shutdown()
        self.generate.shutdown()
