"""File ▸ Export annotations…: write the project's documents, labels and spans in another tool's format.

The export runs as a background job. Its report lists every annotation that the format
cannot hold, such as a span that does not align to tokens or overlaps another in CoNLL,
or a prediction in a format for gold annotations only.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QVBoxLayout,
)

from ..core.formats import Options, export_project, format_names, get_format
from .import_dialog import fill_report, report_table
from .jobs import JobRunner

log = logging.getLogger(__name__)

SUFFIXES = {"text": ".txt", "csv": ".csv", "tsv": ".tsv", "jsonl": ".jsonl", "json": ".json", "doccano": ".jsonl",
            "labelstudio": ".json", "conll": ".conll", "spacy": ".jsonl"}


class ExportAnnotationsDialog(QDialog):
    """Signals: ``sigExported(dict)`` after an export finished, with its report as a dict."""

    sigExported = Signal(dict)

    def __init__(self, window, project):
        super().__init__(window)
        self.window = window
        self.project = project
        self.runner = JobRunner(self, name="export")
        self.runner.sigFinished.connect(self._finished)
        self.runner.sigFailed.connect(self._failed)
        self.setWindowTitle(self.tr("Export annotations"))
        self.resize(760, 520)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.format_combo = QComboBox()
        for name in format_names():
            self.format_combo.addItem(get_format(name).title, name)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        form.addRow(self.tr("Format:"), self.format_combo)
        path_row = QHBoxLayout()
        self.path_edit = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.choose_path)
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form.addRow(self.tr("Save to:"), path_row)
        self.label_set = QLineEdit()
        self.label_set.setPlaceholderText(self.tr("all label sets"))
        self.span_label_set = QLineEdit()
        self.span_label_set.setPlaceholderText(self.tr("all label sets"))
        form.addRow(self.tr("Document labels from:"), self.label_set)
        form.addRow(self.tr("Spans from:"), self.span_label_set)
        self.scheme = QComboBox()
        self.scheme.addItem("IOB2", "iob2")
        self.scheme.addItem("BIOES", "bioes")
        form.addRow(self.tr("CoNLL tags:"), self.scheme)
        self.offsets = QComboBox()
        self.offsets.addItem(self.tr("UTF-16 code units (doccano default)"), "utf16")
        self.offsets.addItem(self.tr("Code points"), "codepoints")
        form.addRow(self.tr("doccano offsets:"), self.offsets)
        self.label_separator = QLineEdit()
        self.label_separator.setPlaceholderText("|")
        form.addRow(self.tr("CSV/TSV label separator:"), self.label_separator)
        self.parquet = QCheckBox(self.tr("Write Parquet (needs pyarrow) instead of JSONL"))
        form.addRow(self.tr("Dataset folder:"), self.parquet)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Report:")))
        self.report = report_table([self.tr("Severity"), self.tr("Where"), self.tr("Reason")])
        layout.addWidget(self.report, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.Close).clicked.connect(self.reject)
        self.export_button.clicked.connect(self.start_export)
        layout.addWidget(self.buttons)
        self._format_changed()

    def format_name(self) -> str:
        return self.format_combo.currentData()

    def set_format(self, name: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(name))

    def _format_changed(self) -> None:
        name = self.format_name()
        folder = get_format(name).writes_folder
        current = self.path_edit.text().strip()
        base = Path(current).with_suffix("") if current else self.project.exports_dir / f"annotations-{name}"
        self.path_edit.setText(str(base) if folder else str(base) + SUFFIXES.get(name, ""))
        self.parquet.setEnabled(name == "datasets")

    def choose_path(self) -> None:
        if get_format(self.format_name()).writes_folder:
            path = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder for the export"))
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export annotations to"), self.path_edit.text())
        if path:
            self.path_edit.setText(path)

    def options(self) -> Options:
        return Options(label_set=self.label_set.text().strip() or None,
                       span_label_set=self.span_label_set.text().strip() or None,
                       scheme=self.scheme.currentData(), offsets=self.offsets.currentData(),
                       label_separator=self.label_separator.text() or None,
                       parquet=self.parquet.isChecked() and self.parquet.isEnabled())

    def start_export(self) -> None:
        if self.runner.is_running():
            return
        out = self.path_edit.text().strip()
        if not out:
            self.status.setText(self.tr("Choose where to save the export first."))
            return
        project, name, options = self.project, self.format_name(), self.options()

        def job(ctx):
            try:
                return export_project(project, name, Path(out), options, ctx=ctx)
            finally:
                project.close()

        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting…"))
        self.runner.start(job)

    def _finished(self, summary) -> None:
        self.export_button.setEnabled(True)
        fill_report(self.report, summary.problems)
        self.status.setText(self.tr("Exported {records} documents to {path}; {dropped} annotations could not be "
                                    "written (listed above).").format(records=summary.records, path=summary.path,
                                                                      dropped=summary.dropped))
        self.sigExported.emit(summary.as_dict())

    def _failed(self, message: str, details: str) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(message)
        self.window.show_error(self.tr("Export failed"), message, details)
        self.sigExported.emit({"error": message})

    def done(self, result: int) -> None:
        if self.runner.is_running():
            self.runner.shutdown()
        super().done(result)
