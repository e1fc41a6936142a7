"""The Export model dialog: a run, a format and a folder, exported on a background thread with progress."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from ..core.export import export_project_run
from ..core.onnx_export import INSTALL_HINT
from .jobs import JobRunner

log = logging.getLogger(__name__)

ONNX_PACKAGES = ("onnx", "onnxscript", "onnxruntime")


def missing_onnx_packages() -> list[str]:
    return [name for name in ONNX_PACKAGES if importlib.util.find_spec(name) is None]


class ExportModelDialog(QDialog):
    """Signals: ``sigExported(str)`` with the output folder, ``sigFailed(str)`` with the error message."""

    sigExported = Signal(str)
    sigFailed = Signal(str)

    def __init__(self, project, parent=None):
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(self.tr("Export model"))
        self.runner = JobRunner(self, "export")
        self.runner.sigEvents.connect(self._on_events)
        self.runner.sigFinished.connect(self._on_finished)
        self.runner.sigFailed.connect(self._on_failed)

        self.run = QComboBox()
        rows = project.db().execute(
            "SELECT id, step, val_loss FROM runs WHERE checkpoint IS NOT NULL ORDER BY id DESC"
        ).fetchall()
        for run_id, step, val_loss in rows:
            self.run.addItem(self.tr("Run {run}, step {step}, validation loss {loss}").format(
                run=run_id, step=step, loss="–" if val_loss is None else f"{val_loss:.3f}"), run_id)
        self.format = QComboBox()
        self.format.addItem(self.tr("Hugging Face folder (transformers)"), "hf")
        self.format.addItem(self.tr("ONNX (onnxruntime)"), "onnx")
        self.format.currentIndexChanged.connect(self._update_state)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("A new or empty folder"))
        self.folder.textChanged.connect(self._update_state)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.AcceptRole)
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Run:"), self.run)
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("Folder:"), folder_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._update_state()

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose an empty folder for the export"))
        if path:
            self.folder.setText(path)

    def _update_state(self, *_args) -> None:
        running = self.runner.is_running()
        problem = ""
        if self.run.count() == 0:
            problem = self.tr("This project has no run with a checkpoint yet. Train a model first.")
        elif self.format.currentData() == "onnx" and missing_onnx_packages():
            problem = self.tr("ONNX export needs the packages {names}. Install them with: {hint}").format(
                names=", ".join(missing_onnx_packages()), hint=INSTALL_HINT)
        if not running:
            self.message.setText(problem)
        ready = not problem and bool(self.folder.text().strip()) and not running
        self.export_button.setEnabled(ready)
        for widget in (self.run, self.format, self.folder):
            widget.setEnabled(not running)

    def start(self) -> None:
        """Export the chosen run on a background thread."""
        if self.runner.is_running() or not self.export_button.isEnabled():
            return
        out = Path(self.folder.text().strip()).expanduser()
        if out.exists() and (not out.is_dir() or any(out.iterdir())):
            self._show_failure(self.tr("{path} exists and is not an empty folder. Choose a new folder or empty it first.").format(path=out))
            return
        project, run_id, fmt = self.project, self.run.currentData(), self.format.currentData()
        self.progress.setRange(0, 0)  # busy until the first progress event
        self.message.setText(self.tr("Exporting…"))
        self.runner.start(lambda ctx: export_project_run(project, run_id, out, fmt, ctx))
        self._update_state()

    def _on_events(self, events) -> None:
        for event in events:
            if event.kind == "progress" and event.data["total"]:
                self.progress.setRange(0, event.data["total"])
                self.progress.setValue(event.data["done"])
                if event.data.get("message"):
                    self.message.setText(event.data["message"])

    def _on_finished(self, out) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._update_state()
        self.message.setText(self.tr("Exported to {path}").format(path=out))
        log.info("Exported run %s to %s", self.run.currentData(), out)
        self.sigExported.emit(str(out))

    def _on_failed(self, message: str, _details: str) -> None:
        self._update_state()
        self._show_failure(message)

    def _show_failure(self, message: str) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.message.setText(self.tr("Export failed: {message}").format(message=message))
        self.sigFailed.emit(message)

    def reject(self) -> None:
        # An export cannot be cut short safely, so closing waits for it to finish.
        if self.runner.is_running():
            self.message.setText(self.tr("Finishing the export before closing…"))
            self.runner.wait()
        super().reject()
