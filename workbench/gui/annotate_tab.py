"""Annotate tab: a lazy document list, the document text, and single-choice labels on keys 1-9."""

from __future__ import annotations

import logging

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core import annotations

log = logging.getLogger(__name__)

PAGE = 200


class DocumentListModel(QAbstractListModel):
    """Document ids in memory; previews and labels fetched a page at a time when first shown."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project = None
        self.label_set_id: int | None = None
        self.ids: list[int] = []
        self._previews: dict[int, str] = {}
        self._labels: dict[int, int] = {}
        self._label_names: dict[int, tuple[str, str]] = {}
        self._loaded_pages: set[int] = set()

    def reset(self, project, label_set_id: int | None) -> None:
        self.beginResetModel()
        self.project = project
        self.label_set_id = label_set_id
        self.ids = project.document_ids() if project is not None else []
        self._previews.clear()
        self._labels.clear()
        self._loaded_pages.clear()
        self.refresh_label_names()
        self.endResetModel()

    def refresh_label_names(self) -> None:
        if self.project is None or self.label_set_id is None:
            self._label_names = {}
            return
        self._label_names = {
            label.id: (label.name, label.color) for label in annotations.labels(self.project, self.label_set_id)
        }

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def _load_page(self, page: int) -> None:
        ids = self.ids[page * PAGE : (page + 1) * PAGE]
        self._previews.update(self.project.document_previews(ids))
        if self.label_set_id is not None:
            self._labels.update(annotations.document_labels_for(self.project, ids, self.label_set_id))
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
            preview = self._previews.get(doc_id, "").replace("\n", " ")
            prefix = f"[{label[0]}] " if label else ""
            return f"{doc_id}. {prefix}{preview}"
        if role == Qt.ForegroundRole and label:
            return QBrush(QColor(label[1]).darker(130))
        if role == Qt.UserRole:
            return doc_id
        return None

    def set_label(self, row: int, label_id: int | None) -> None:
        doc_id = self.ids[row]
        if label_id is None:
            self._labels.pop(doc_id, None)
        else:
            self._labels[doc_id] = label_id
        index = self.index(row)
        self.dataChanged.emit(index, index)


class AnnotateTab(QWidget):
    """Signals: ``sigLabelSaved(int, int)`` (document id, label id) after the label is stored and shown."""

    sigLabelSaved = Signal(int, int)
    sigError = Signal(str)

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.project = None
        self.label_set_id: int | None = None
        self.labels: list[annotations.Label] = []

        self.model = DocumentListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)

        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.current_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m labelled"))
        self.auto_advance = QCheckBox(self.tr("Go to the next document after labelling"))
        self.auto_advance.setChecked(True)

        self.new_label = QLineEdit()
        self.new_label.setPlaceholderText(self.tr("New label name"))
        self.new_label.returnPressed.connect(self.add_label_from_field)
        self.add_button = QPushButton(self.tr("Add label"))
        self.add_button.clicked.connect(self.add_label_from_field)
        self.label_buttons = QHBoxLayout()

        right = QVBoxLayout()
        right.addWidget(self.progress)
        right.addWidget(self.text, 1)
        right.addWidget(self.current_label)
        right.addLayout(self.label_buttons)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_label)
        add_row.addWidget(self.add_button)
        right.addLayout(add_row)
        right.addWidget(self.auto_advance)
        right_widget = QWidget()
        right_widget.setLayout(right)

        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right_widget)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        for digit in range(1, 10):
            shortcut = QShortcut(QKeySequence(str(digit)), self)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=digit: self.label_with_key(str(d)))
        for key, step in ((Qt.Key_Down, 1), (Qt.Key_Up, -1)):
            shortcut = QShortcut(QKeySequence(key), self.text)
            shortcut.activated.connect(lambda s=step: self.move(s))

    def set_project(self, project) -> None:
        self.project = project
        self.label_set_id = annotations.ensure_label_set(project) if project is not None else None
        self.reload()

    def reload(self) -> None:
        """Re-read documents and labels; keep the current document, or resume at the first unlabelled one."""
        current = self.current_document_id()
        self.model.reset(self.project, self.label_set_id)
        self._rebuild_label_buttons()
        self._update_progress()
        if self.project is None:
            self.text.clear()
            return
        if current is not None and current in self.model.ids:
            self.select_document(current)
            return
        first = annotations.first_unlabelled(self.project, self.label_set_id)
        if first is not None:
            self.select_document(first)
        elif self.model.ids:
            self.list.setCurrentIndex(self.model.index(0))

    def select_document(self, doc_id: int) -> None:
        try:
            row = self.model.ids.index(doc_id)
        except ValueError:
            return
        self.list.setCurrentIndex(self.model.index(row))

    def current_document_id(self) -> int | None:
        index = self.list.currentIndex()
        return self.model.ids[index.row()] if index.isValid() else None

    def _on_current_changed(self, current: QModelIndex, _previous) -> None:
        if not current.isValid() or self.project is None:
            self.text.clear()
            return
        doc_id = self.model.ids[current.row()]
        self.text.setPlainText(self.project.document(doc_id)["text"])
        self._show_current_label()

    def _show_current_label(self) -> None:
        doc_id = self.current_document_id()
        if doc_id is None or self.label_set_id is None:
            self.current_label.setText("")
            return
        label_id = annotations.document_label(self.project, doc_id, self.label_set_id)
        names = {label.id: label.name for label in self.labels}
        self.current_label.setText(
            self.tr("Label: {name}").format(name=names.get(label_id, self.tr("none")))
        )

    def _rebuild_label_buttons(self) -> None:
        while self.label_buttons.count():
            item = self.label_buttons.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.labels = annotations.labels(self.project, self.label_set_id) if self.project else []
        for label in self.labels:
            button = QPushButton(f"{label.shortcut}  {label.name}" if label.shortcut else label.name)
            button.setStyleSheet(f"border-left: 6px solid {label.color}; padding: 4px 8px;")
            button.clicked.connect(lambda _=False, lid=label.id: self.apply_label(lid))
            self.label_buttons.addWidget(button)
        self.label_buttons.addStretch()

    def add_label_from_field(self) -> None:
        if self.project is None:
            return
        try:
            annotations.add_label(self.project, self.label_set_id, self.new_label.text())
        except annotations.AnnotationError as exc:
            self.current_label.setText(str(exc))
            self.sigError.emit(str(exc))
            return
        self.new_label.clear()
        self.model.refresh_label_names()
        self._rebuild_label_buttons()

    def label_with_key(self, key: str) -> None:
        for label in self.labels:
            if label.shortcut == key:
                self.apply_label(label.id)
                return

    def apply_label(self, label_id: int) -> None:
        """Store the label (committed before returning), then show it and maybe advance."""
        index = self.list.currentIndex()
        if self.project is None or not index.isValid():
            return
        doc_id = self.model.ids[index.row()]
        annotations.set_document_label(self.project, doc_id, self.label_set_id, label_id)
        self.model.set_label(index.row(), label_id)
        self._update_progress()
        if self.auto_advance.isChecked() and index.row() + 1 < len(self.model.ids):
            self.list.setCurrentIndex(self.model.index(index.row() + 1))
        else:
            self._show_current_label()
        self.sigLabelSaved.emit(doc_id, label_id)

    def move(self, step: int) -> None:
        row = self.list.currentIndex().row() + step
        if 0 <= row < len(self.model.ids):
            self.list.setCurrentIndex(self.model.index(row))

    def _update_progress(self) -> None:
        total = len(self.model.ids)
        done = annotations.labelled_count(self.project, self.label_set_id) if self.project else 0
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
