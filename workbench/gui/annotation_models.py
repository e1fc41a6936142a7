"""The Annotate tab's document list: ids in memory, previews and states fetched a page at a time."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..core import annotations

PAGE = 200
# Markers in front of a document's preview: finished, skipped, flagged for review.
DONE_MARK = "✓"
SKIP_MARK = "↷"
FLAG_MARK = "⚑"


class DocumentListModel(QAbstractListModel):
    """Document ids matching the current filters; rows load their preview and state on first display.

    Show it in a QTableView with fixed row heights: a QListView lays out every row again on
    each reset and each ``dataChanged`` (Qt 6.11), which took about 0.7 s with 100,000 rows.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project = None
        self.label_set_id: int | None = None
        self.ids: list[int] = []
        self._rows: dict[int, int] = {}
        self._previews: dict[int, str] = {}
        self._labels: dict[int, int] = {}
        self._finished: set[int] = set()
        self._marks: dict[int, set[str]] = {}
        self._label_names: dict[int, tuple[str, str]] = {}
        self._loaded_pages: set[int] = set()

    def reset(self, project, label_set_id: int | None, ids: list[int] | None = None) -> None:
        self.beginResetModel()
        self.project = project
        self.label_set_id = label_set_id
        if ids is None:
            ids = project.document_ids() if project is not None else []
        self.ids = ids
        self._rows = {doc_id: row for row, doc_id in enumerate(ids)}
        self._forget_pages()
        self.refresh_label_names()
        self.endResetModel()

    def _forget_pages(self) -> None:
        self._previews.clear()
        self._labels.clear()
        self._finished.clear()
        self._marks.clear()
        self._loaded_pages.clear()

    def refresh_label_names(self) -> None:
        if self.project is None or self.label_set_id is None:
            self._label_names = {}
            return
        self._label_names = {
            label.id: (label.name, label.color) for label in annotations.labels(self.project, self.label_set_id)
        }

    def row_of(self, doc_id: int) -> int | None:
        return self._rows.get(doc_id)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def _load_page(self, page: int) -> None:
        ids = self.ids[page * PAGE : (page + 1) * PAGE]
        self._previews.update(self.project.document_previews(ids))
        if self.label_set_id is not None:
            self._labels.update(annotations.document_labels_for(self.project, ids, self.label_set_id))
            self._finished.update(annotations.finished_ids(self.project, ids, self.label_set_id))
            self._marks.update(annotations.marks_for(self.project, ids, self.label_set_id))
        self._loaded_pages.add(page)

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = index.row()
        page = row // PAGE
        if page not in self._loaded_pages:
            self._load_page(page)
        doc_id = self.ids[row]
        label = self._label_names.get(self._labels.get(doc_id, -1))
        if role == Qt.DisplayRole:
            preview = self._previews.get(doc_id, "").replace("\r", " ").replace("\n", " ")
            marks = self._marks.get(doc_id, set())
            prefix = DONE_MARK if doc_id in self._finished else " "
            prefix += SKIP_MARK if "skipped" in marks else ""
            prefix += FLAG_MARK if "flagged" in marks else ""
            name = f"[{label[0]}] " if label else ""
            return f"{prefix} {doc_id}. {name}{preview}"
        if role == Qt.ForegroundRole and label:
            return QBrush(QColor(label[1]).darker(130))
        if role == Qt.UserRole:
            return doc_id
        return None

    def refresh_document(self, doc_id: int) -> None:
        """Re-read one document's state after it changed, and repaint its row."""
        row = self.row_of(doc_id)
        if row is None or self.project is None or self.label_set_id is None:
            return
        ids = [doc_id]
        self._labels.pop(doc_id, None)
        self._labels.update(annotations.document_labels_for(self.project, ids, self.label_set_id))
        self._finished.discard(doc_id)
        self._finished.update(annotations.finished_ids(self.project, ids, self.label_set_id))
        self._marks[doc_id] = annotations.marks_for(self.project, ids, self.label_set_id).get(doc_id, set())
        index = self.index(row)
        self.dataChanged.emit(index, index)
