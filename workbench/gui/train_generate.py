"""Generate text from a run's language-model checkpoint, with temperature and top-k, off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.generation import generate_text
from .jobs import JobRunner


class GeneratePanel(QWidget):
    """Signals: ``sigGenerated(dict)`` after the output is shown; ``sigError(str)``."""

    sigGenerated = Signal(dict)
    sigError = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project = None
        self.runner = JobRunner(self, "generation")
        self.runner.sigFinished.connect(self._on_finished)
        self.runner.sigFailed.connect(self._on_failed)
        self.checkpoint = QComboBox()
        self.prompt = QPlainTextEdit()
        self.prompt.setPlaceholderText(self.tr("Prompt (empty: start a new document)"))
        self.prompt.setMaximumHeight(80)
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(0.0, 5.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setValue(0.8)
        self.temperature.setToolTip(self.tr("0 always picks the most likely token"))
        self.top_k = QSpinBox()
        self.top_k.setRange(0, 1_000_000)
        self.top_k.setValue(40)
        self.top_k.setToolTip(self.tr("Sample among the k most likely tokens; 0 for all"))
        self.max_tokens = QSpinBox()
        self.max_tokens.setRange(1, 100_000)
        self.max_tokens.setValue(200)
        self.generate_button = QPushButton(self.tr("Generate"))
        self.generate_button.clicked.connect(self.generate)
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.status = QLabel()
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Checkpoint:"), self.checkpoint)
        form.addRow(self.tr("Temperature:"), self.temperature)
        form.addRow(self.tr("Top-k:"), self.top_k)
        form.addRow(self.tr("New tokens:"), self.max_tokens)
        top = QHBoxLayout()
        top.addLayout(form)
        top.addWidget(self.prompt, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.generate_button)
        layout.addWidget(self.output, 1)
        layout.addWidget(self.status)

    def set_project(self, project) -> None:
        self.project = project
        self.refresh()

    def refresh(self) -> None:
        """List the language-model checkpoints of the project's runs: latest and best of each."""
        current = self.checkpoint.currentData()
        self.checkpoint.clear()
        if self.project is not None:
            rows = self.project.db().execute(
                "SELECT id, checkpoint, best_checkpoint, step, best_val_loss FROM runs "
                "WHERE task = 'lm' AND checkpoint IS NOT NULL ORDER BY id DESC"
            ).fetchall()
            for run_id, latest, best, step, best_loss in rows:
                self.checkpoint.addItem(self.tr("run {run}: latest (step {step})").format(run=run_id, step=step), latest)
                if best:
                    self.checkpoint.addItem(
                        self.tr("run {run}: best (validation loss {loss:.4f})").format(run=run_id, loss=best_loss), best
                    )
        index = self.checkpoint.findData(current)
        if index >= 0:
            self.checkpoint.setCurrentIndex(index)
        self.generate_button.setEnabled(self.checkpoint.count() > 0 and not self.runner.is_running())

    def generate(self) -> None:
        folder = self.checkpoint.currentData()
        if self.project is None or not folder or self.runner.is_running():
            if not folder:
                self.status.setText(self.tr("No checkpoint yet. Train a model first."))
            return
        prompt = self.prompt.toPlainText()
        settings = dict(max_new_tokens=self.max_tokens.value(), temperature=self.temperature.value(),
                        top_k=self.top_k.value())
        fallback = self.project.tokenizer_path
        self.generate_button.setEnabled(False)
        self.status.setText(self.tr("Generating…"))
        self.runner.start(lambda ctx: generate_text(Path(folder), fallback, prompt, **settings))

    def _on_finished(self, result: dict) -> None:
        self.output.setPlainText(result["prompt"] + result["text"])
        self.status.setText(self.tr("{count} new tokens.").format(count=result["new_tokens"]))
        self.generate_button.setEnabled(True)
        self.sigGenerated.emit(result)

    def _on_failed(self, message: str, details: str) -> None:
        self.status.setText(message)
        self.generate_button.setEnabled(True)
        self.sigError.emit(message)

    def shutdown(self) -> None:
        if self.runner.is_running():
            self.runner.shutdown()
