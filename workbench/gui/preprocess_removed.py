"""Browser of the documents a preprocessing run set aside, by reason, with duplicate clusters."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.preprocess import store

# Rows shown at once; the summary line gives the full count.
PAGE = 500


class RemovedView(QWidget):
    """Lists ``preprocess_removed`` rows of one run; the selected document's full text shows below."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project = None
        self.run_id: int | None = None
        self.reason = QComboBox()
        self.reason.currentIndexChanged.connect(self.reload)
        self.summary = QLabel()
        self.clusters = QCheckBox(self.tr("Group duplicates by cluster"))
        self.clusters.toggled.connect(self.reload)
        self.table = QTableWidget(0, 5)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Reason:")))
        top.addWidget(self.reason)
        top.addWidget(self.clusters)
        top.addWidget(self.summary, 1)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def show_run(self, project, run_id: int | None) -> None:
        self.project, self.run_id = project, run_id
        self.reason.blockSignals(True)
        self.reason.clear()
        self.reason.addItem(self.tr("All reasons"), None)
        reasons = store.removal_reasons(project, run_id) if project is not None and run_id else {}
        for reason, count in reasons.items():
            self.reason.addItem(f"{reason} ({count})", reason)
        self.reason.blockSignals(False)
        self.summary.setText(self.tr("{count} document(s) set aside; none was deleted.").format(count=sum(reasons.values())))
        self.reload()

    def reload(self) -> None:
        self.table.setRowCount(0)
        self.text.clear()
        self.reason.setEnabled(not self.clusters.isChecked())
        if self.clusters.isChecked():
            self._show_clusters()
            return
        self.table.setColumnCount(5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Document"), self.tr("Step"), self.tr("Reason"), self.tr("Details"), self.tr("Text")]
        )
        if self.project is None or not self.run_id:
            return
        reason = self.reason.currentData()
        rows = store.removed_documents(self.project, self.run_id, limit=PAGE, reason=reason)
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            detail = dict(row["detail"])
            if row["duplicate_of"] is not None:
                detail["duplicate_of"] = row["duplicate_of"]
            values = [str(row["document_id"]), row["step"], row["reason"],
                      json.dumps(detail, ensure_ascii=False), row["preview"].replace("\n", " ⏎ ")]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.UserRole, row["document_id"])
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()

    def _show_clusters(self) -> None:
        """One row per cluster: the kept document, its text and the ids set aside as its copies."""
        self.table.setColumnCount(3)
        self.table.setHorizontalHeaderLabels([self.tr("Kept document"), self.tr("Copies set aside"), self.tr("Text")])
        if self.project is None or not self.run_id:
            return
        clusters = store.duplicate_clusters(self.project, self.run_id, limit=PAGE)
        previews = self.project.document_previews([c["kept"] for c in clusters], 120)
        self.table.setRowCount(len(clusters))
        for index, cluster in enumerate(clusters):
            values = [str(cluster["kept"]), ", ".join(str(i) for i in cluster["removed"]),
                      previews.get(cluster["kept"], "").replace("\n", " ⏎ ")]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.UserRole, cluster["kept"])
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()

    def _show_selected(self) -> None:
        items = self.table.selectedItems()
        if not items or self.project is None:
            return
        document = self.project.document(items[0].data(Qt.UserRole))
        self.text.setPlainText(document["text"][:100_000])
