"""File ▸ Import…: choose files, see the detected format and encoding, preview records, check, import.

The preview reads the first records on the GUI thread (it stops after
:data:`PREVIEW_RECORDS`). Checking and importing run as background jobs: the check is a
dry run that reads every record and rolls back, so its report shows every bad row before
the user chooses to import the valid records or nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget, QPushButton, QRadioButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout,
)

from ..core.formats import FormatError, InputError, Options, format_names, get_format, import_paths, preview
from .jobs import JobRunner

log = logging.getLogger(__name__)

PREVIEW_RECORDS = 20
REPORT_ROWS = 500
PREVIEW_CHARACTERS = 120


def fill_report(table: QTableWidget, problems) -> None:
    """Show report rows (severity, location, reason) in ``table``, at most :data:`REPORT_ROWS`."""
    table.setRowCount(0)
    for problem in list(problems)[:REPORT_ROWS]:
        row = table.rowCount()
        table.insertRow(row)
        for column, value in enumerate((problem.severity, problem.location(), problem.reason)):
            table.setItem(row, column, QTableWidgetItem(value))


def report_table(headers: list[str]) -> QTableWidget:
    """Return an empty read-only table for report rows; ``headers`` are the translated column titles."""
    table = QTableWidget(0, 3)
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    return table


class ImportDialog(QDialog):
    """Signals: ``sigPreviewed()`` after the preview shows; ``sigChecked(dict)`` after a check;
    ``sigImported(dict)`` after an import finished (committed or not), with the report as a dict."""

    sigPreviewed = Signal()
    sigChecked = Signal(dict)
    sigImported = Signal(dict)

    def __init__(self, window, project, paths: list[Path] | None = None):
        super().__init__(window)
        self.window = window
        self.project = project
        self.paths: list[Path] = []
        self.summary = None
        self.detected_format: str | None = None
        self.runner = JobRunner(self, name="import")
        self.runner.sigFinished.connect(self._job_finished)
        self.runner.sigFailed.connect(self._job_failed)
        self.runner.sigEvents.connect(self._job_events)
        self.runner.sigCancelled.connect(self._job_cancelled)
        self._job = ""
        self.setWindowTitle(self.tr("Import"))
        self.resize(900, 680)
        self._build()
        if paths:
            self.set_paths(paths)

    # Layout -----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        files_row = QHBoxLayout()
        self.file_list = QListWidget()
        self.file_list.setMaximumHeight(70)
        files_row.addWidget(self.file_list, 1)
        buttons = QVBoxLayout()
        add_files = QPushButton(self.tr("Add files…"))
        add_files.clicked.connect(self.choose_files)
        add_folder = QPushButton(self.tr("Add folder…"))
        add_folder.clicked.connect(self.choose_folder)
        buttons.addWidget(add_files)
        buttons.addWidget(add_folder)
        files_row.addLayout(buttons)
        layout.addLayout(files_row)

        options = QGroupBox(self.tr("Format and options"))
        form = QFormLayout(options)
        self.format_combo = QComboBox()
        self.format_combo.addItem(self.tr("Detect automatically"), None)
        for name in format_names():
            self.format_combo.addItem(get_format(name).title, name)
        self.format_combo.currentIndexChanged.connect(self.refresh_preview)
        form.addRow(self.tr("Format:"), self.format_combo)
        self.detected = QLabel()
        form.addRow(self.tr("Detected:"), self.detected)
        self.text_field = QLineEdit()
        self.text_field.setPlaceholderText(self.tr("text"))
        self.label_field = QLineEdit()
        self.label_field.setPlaceholderText(self.tr("none: every other field is metadata"))
        self.label_separator = QLineEdit()
        self.label_separator.setPlaceholderText(self.tr("none: one label per cell"))
        for widget in (self.text_field, self.label_field, self.label_separator):
            widget.editingFinished.connect(self.refresh_preview)
        form.addRow(self.tr("Text field or column:"), self.text_field)
        form.addRow(self.tr("Label field or column:"), self.label_field)
        form.addRow(self.tr("Label separator:"), self.label_separator)
        self.delimiter = QLineEdit()
        self.delimiter.setPlaceholderText(self.tr(", for CSV, tab for TSV"))
        self.delimiter.editingFinished.connect(self.refresh_preview)
        form.addRow(self.tr("CSV/TSV delimiter:"), self.delimiter)
        self.header = self._combo([(self.tr("Detect"), None), (self.tr("First row is a header"), True),
                                   (self.tr("No header row"), False)])
        form.addRow(self.tr("CSV/TSV header:"), self.header)
        self.split = self._combo([(self.tr("One document per line"), "line"),
                                  (self.tr("One per blank-line-separated paragraph"), "paragraph"),
                                  (self.tr("One per file"), "file")])
        form.addRow(self.tr("Plain text:"), self.split)
        self.join = self._combo([(self.tr("By script (no spaces for Chinese)"), "auto"),
                                 (self.tr("With spaces"), "space"), (self.tr("Without spaces"), "none")])
        form.addRow(self.tr("CoNLL tokens joined:"), self.join)
        self.offsets = self._combo([(self.tr("UTF-16 code units (doccano default)"), "utf16"),
                                    (self.tr("Code points"), "codepoints")])
        form.addRow(self.tr("doccano offsets:"), self.offsets)
        self.label_set = QLineEdit()
        self.label_set.setPlaceholderText("default")
        self.span_label_set = QLineEdit()
        self.span_label_set.setPlaceholderText("entities")
        form.addRow(self.tr("Label set for document labels:"), self.label_set)
        form.addRow(self.tr("Label set for spans:"), self.span_label_set)
        self.duplicates = self._combo([(self.tr("Format default"), None), (self.tr("Merge into the stored document"),
                                                                          "merge"), (self.tr("Store again"), "keep")])
        form.addRow(self.tr("Duplicate texts:"), self.duplicates)
        layout.addWidget(options)

        layout.addWidget(QLabel(self.tr("Preview of the first records:")))
        self.preview_table = QTableWidget(0, 3)
        self.preview_table.setHorizontalHeaderLabels([self.tr("Text"), self.tr("Labels"), self.tr("Spans")])
        self.preview_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.preview_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        layout.addWidget(self.preview_table, 2)

        layout.addWidget(QLabel(self.tr("Report:")))
        self.report = report_table([self.tr("Severity"), self.tr("Where"), self.tr("Reason")])
        layout.addWidget(self.report, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        policy = QHBoxLayout()
        self.policy_group = QButtonGroup(self)
        self.nothing_button = QRadioButton(self.tr("If any record is invalid, import nothing"))
        self.valid_button = QRadioButton(self.tr("Import the valid records (one transaction)"))
        self.nothing_button.setChecked(True)
        for button in (self.nothing_button, self.valid_button):
            self.policy_group.addButton(button)
            policy.addWidget(button)
        layout.addLayout(policy)

        self.buttons = QDialogButtonBox()
        self.check_button = self.buttons.addButton(self.tr("Check"), QDialogButtonBox.ActionRole)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.AcceptRole)
        self.stop_button = self.buttons.addButton(self.tr("Stop"), QDialogButtonBox.ActionRole)
        self.stop_button.clicked.connect(self.runner.request_stop)
        self.close_button = self.buttons.addButton(QDialogButtonBox.Close)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_buttons()

    def _combo(self, items) -> QComboBox:
        combo = QComboBox()
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self.refresh_preview)
        return combo

    # Files and preview ------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import files"))
        if paths:
            self.set_paths(self.paths + [Path(p) for p in paths])

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Import a folder"))
        if path:
            self.set_paths(self.paths + [Path(path)])

    def set_paths(self, paths: list[Path]) -> None:
        self.paths = [Path(p) for p in paths]
        self.file_list.clear()
        self.file_list.addItems([str(p) for p in self.paths])
        self.refresh_preview()

    def set_format(self, name: str | None) -> None:
        self.format_combo.setCurrentIndex(max(self.format_combo.findData(name), 0))

    def options(self) -> Options:
        return Options(
            text_field=self.text_field.text().strip() or None,
            label_field=self.label_field.text().strip() or None,
            label_separator=self.label_separator.text() or None,
            delimiter=self.delimiter.text() or None, header=self.header.currentData(),
            split=self.split.currentData(), join=self.join.currentData(), offsets=self.offsets.currentData(),
            label_set=self.label_set.text().strip() or None,
            span_label_set=self.span_label_set.text().strip() or None,
        )

    def refresh_preview(self) -> None:
        """Show the detected format and encoding of the first file and its first records."""
        self.summary = None
        self.preview_table.setRowCount(0)
        self.report.setRowCount(0)
        if not self.paths:
            self.detected.setText("")
            self._update_buttons()
            return
        try:
            source, fmt, records, problems = preview(self.paths[0], self.format_combo.currentData(), self.options(),
                                                     PREVIEW_RECORDS)
        except (FormatError, InputError) as exc:
            self.detected.setText(str(exc))
            self._update_buttons()
            self.sigPreviewed.emit()
            return

        self.detected_format = fmt.name
        self.detected.setText(self.tr("{format}; {encoding}").format(format=fmt.title,
                                                                      encoding=source.encoding.describe()))
        for record in records:
            row = self.preview_table.rowCount()
            self.preview_table.insertRow(row)
            labels = ", ".join(f"{label.name}" + ("?" if label.origin != "human" else "") for label in record.labels)
            spans = ", ".join(f"{record.text[s.start:s.end]}→{s.label}" for s in record.spans)
            for column, value in enumerate((record.text[:PREVIEW_CHARACTERS], labels, spans)):
                self.preview_table.setItem(row, column, QTableWidgetItem(value))

        fill_report(self.report, problems)
        self.status.setText(self.tr("Showing the first {count} records of {path}. Press Check to read every "
                                    "record.").format(count=len(records), path=self.paths[0].name))
        self._update_buttons()
        self.sigPreviewed.emit()

    # Jobs -----------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        busy = self.runner.is_running()
        ready = bool(self.paths) and self.project is not None and not busy
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.stop_button.setEnabled(busy)

    def _run(self, kind: str, dry_run: bool) -> None:
        if self.runner.is_running() or not self.paths:
            return
        project, paths, options = self.project, list(self.paths), self.options()
        format_name, duplicates = self.format_combo.currentData(), self.duplicates.currentData()
        on_error = "valid" if self.valid_button.isChecked() else "nothing"
        self._job = kind

        def job(ctx):
            try:
                return import_paths(project, paths, format_name, options, on_error=on_error,
                                    duplicates=duplicates, dry_run=dry_run, ctx=ctx)
            finally:
                project.close()

        self.status.setText(self.tr("Checking every record…") if dry_run else self.tr("Importing…"))
        self.runner.start(job)
        self._update_buttons()

    def check(self) -> None:
        self._run("check", dry_run=True)

    def start_import(self) -> None:
        self._run("import", dry_run=False)

    def _job_events(self, events) -> None:
        progress = [e for e in events if e.kind == "progress"]
        if progress:
            self.status.setText(progress[-1].data.get("message", ""))

    def _job_finished(self, summary) -> None:
        self.summary = summary
        fill_report(self.report, summary.problems)
        text = self.tr(
            "{records} records: {documents} new documents, {merged} merged duplicates, {labels} document labels, "
            "{spans} spans, {blank} blank lines skipped, {errors} errors."
        ).format(records=summary.records, documents=summary.documents, merged=summary.merged,
                 labels=summary.labels, spans=summary.spans, blank=summary.blank_skipped, errors=summary.errors)
        if self._job == "check":
            self.status.setText(self.tr("Check: {summary} Nothing was stored.").format(summary=text))
            self._update_buttons()
            self.sigChecked.emit(summary.as_dict())
            return
        if summary.committed:
            self.status.setText(self.tr("Imported: {summary}").format(summary=text))
            self.window.documents_changed()
            self.window.corpus_tab.refresh()
        else:
            self.status.setText(self.tr("Nothing was imported because {errors} records or annotations are "
                                        "invalid (listed above). Fix them, or choose to import the valid records.")
                                .format(errors=summary.errors))
        self._update_buttons()
        self.sigImported.emit(summary.as_dict())

    def _job_cancelled(self) -> None:
        self.status.setText(self.tr("Stopped; nothing was stored."))
        self._update_buttons()
        if self._job == "import":
            self.sigImported.emit({"committed": False, "cancelled": True})

    def _job_failed(self, message: str, details: str) -> None:
        self.status.setText(message)
        self._update_buttons()
        self.window.show_error(self.tr("Import failed"), message, details)
        if self._job == "import":
            self.sigImported.emit({"committed": False, "error": message})

    def done(self, result: int) -> None:
        if self.runner.is_running():
            self.runner.shutdown()
        super().done(result)
