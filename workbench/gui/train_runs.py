"""The run list: each run's status, final metrics, settings and notes, with compare, resume and CSV export."""

from __future__ import annotations

import json
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.run_records import list_runs, set_notes, write_metrics_csv

log = logging.getLogger(__name__)

COMPARE_COLUMN = 0


def _format_loss(value) -> str:
    return f"{value:.4f}" if isinstance(value, (int, float)) else "–"


class RunsPanel(QWidget):
    """Signals: ``sigCompareChanged(list)`` run ids ticked for comparison; ``sigResume(int)``;
    ``sigLoadSettings(dict)`` a run's settings to show in the form."""

    sigCompareChanged = Signal(list)
    sigResume = Signal(int)
    sigLoadSettings = Signal(dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project = None
        self.runs: list[dict] = []
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels([
            self.tr("Compare"), self.tr("Run"), self.tr("Status"), self.tr("Step"), self.tr("Training loss"),
            self.tr("Validation loss"), self.tr("Best validation"), self.tr("Created"),
        ])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemChanged.connect(self._item_changed)

        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("Notes on the selected run"))
        self.save_notes_button = QPushButton(self.tr("Save notes"))
        self.save_notes_button.clicked.connect(self.save_notes)
        self.resume_button = QPushButton(self.tr("Resume run"))
        self.resume_button.setToolTip(self.tr("Continue the selected run from its latest checkpoint"))
        self.resume_button.clicked.connect(self._resume_clicked)
        self.load_button = QPushButton(self.tr("Use its settings"))
        self.load_button.clicked.connect(self._load_clicked)
        self.export_button = QPushButton(self.tr("Export metrics as CSV…"))
        self.export_button.clicked.connect(self.choose_export)
        self.message = QLabel()
        self.message.setWordWrap(True)

        buttons = QHBoxLayout()
        for button in (self.resume_button, self.load_button, self.export_button, self.save_notes_button):
            buttons.addWidget(button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("Settings and result:")))
        side_layout.addWidget(self.details, 2)
        side_layout.addWidget(QLabel(self.tr("Notes:")))
        side_layout.addWidget(self.notes, 1)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._update_buttons()

    def set_project(self, project) -> None:
        self.project = project
        self.reload()

    def reload(self) -> None:
        """Read the runs from the project again, keeping the selection and the ticked runs."""
        selected = self.selected_run_id()
        ticked = set(self.compared_ids())
        self.runs = list_runs(self.project) if self.project is not None else []
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(len(self.runs))
            for row, run in enumerate(self.runs):
                compare = QTableWidgetItem()
                compare.setFlags(Qt.ItemIsUserCheckable | Qt.ItemIsEnabled | Qt.ItemIsSelectable)
                compare.setCheckState(Qt.Checked if run["id"] in ticked else Qt.Unchecked)
                compare.setData(Qt.UserRole, run["id"])
                self.table.setItem(row, COMPARE_COLUMN, compare)
                cells = [run["name"], run["status"], str(run["step"] or 0), _format_loss(run["train_loss"]),
                         _format_loss(run["val_loss"]), _format_loss(run["best_val_loss"]),
                         (run["created_at"] or "")[:19].replace("T", " ")]
                for column, text in enumerate(cells, start=1):
                    self.table.setItem(row, column, QTableWidgetItem(text))
        finally:
            self.table.blockSignals(False)
        if selected is not None:
            self.select_run(selected)
        self._selection_changed()

    def select_run(self, run_id: int) -> None:
        for row, run in enumerate(self.runs):
            if run["id"] == run_id:
                self.table.selectRow(row)
                return

    def selected_run(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.runs[rows[0].row()]

    def selected_run_id(self) -> int | None:
        run = self.selected_run()
        return run["id"] if run else None

    def compared_ids(self) -> list[int]:
        ids = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COMPARE_COLUMN)
            if item is not None and item.checkState() == Qt.Checked:
                ids.append(item.data(Qt.UserRole))
        return ids

    def set_compared(self, run_id: int, compared: bool) -> None:
        for row, run in enumerate(self.runs):
            if run["id"] == run_id:
                self.table.item(row, COMPARE_COLUMN).setCheckState(Qt.Checked if compared else Qt.Unchecked)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == COMPARE_COLUMN:
            self.sigCompareChanged.emit(self.compared_ids())

    def _selection_changed(self) -> None:
        run = self.selected_run()
        if run is None:
            self.details.setPlainText("")
            self.notes.setPlainText("")
        else:
            summary = {key: run[key] for key in ("id", "task", "status", "device", "step", "train_loss",
                                                  "val_loss", "best_val_loss", "checkpoint", "best_checkpoint",
                                                  "created_at", "finished_at")}
            self.details.setPlainText(json.dumps({**summary, "config": run["config"]}, indent=2, ensure_ascii=False))
            self.notes.setPlainText(run["notes"])
        self._update_buttons()

    def _update_buttons(self, training: bool = False) -> None:
        run = self.selected_run()
        self._training = training
        has_run = run is not None
        self.save_notes_button.setEnabled(has_run)
        self.load_button.setEnabled(has_run and run["task"] == "lm")
        self.export_button.setEnabled(has_run or bool(self.compared_ids()))
        resumable = has_run and run["task"] == "lm" and run["status"] in ("stopped", "failed", "running") and not training
        self.resume_button.setEnabled(resumable)

    def set_training(self, training: bool) -> None:
        self._update_buttons(training)

    def save_notes(self) -> None:
        run = self.selected_run()
        if run is None or self.project is None:
            return
        set_notes(self.project, run["id"], self.notes.toPlainText())
        run["notes"] = self.notes.toPlainText()
        self.message.setText(self.tr("Notes saved for run {run}.").format(run=run["id"]))

    def _resume_clicked(self) -> None:
        run_id = self.selected_run_id()
        if run_id is not None:
            self.sigResume.emit(run_id)

    def _load_clicked(self) -> None:
        run = self.selected_run()
        if run is not None:
            self.sigLoadSettings.emit(run["config"])

    def export_ids(self) -> list[int]:
        """Return the ticked runs, or the selected run when none is ticked."""
        ids = self.compared_ids()
        selected = self.selected_run_id()
        if not ids and selected is not None:
            ids = [selected]
        return ids

    def choose_export(self) -> None:
        ids = self.export_ids()
        if not ids or self.project is None:
            return
        default = str(self.project.root / f"metrics-run-{'-'.join(map(str, ids))}.csv")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export metrics"), default, self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(ids, path)

    def export_csv(self, ids: list[int], path: str) -> int:
        try:
            count = write_metrics_csv(self.project, ids, path)
        except (OSError, KeyError) as exc:
            log.error("Metrics export to %s failed: %s", path, exc)
            self.message.setText(self.tr("Export failed: {error}").format(error=exc))
            return 0
        self.message.setText(self.tr("Wrote {count} metric rows to {path}.").format(count=count, path=path))
        return count
