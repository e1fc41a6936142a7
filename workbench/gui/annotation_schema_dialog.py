"""Label schema dialog: create tasks (label sets) and add, edit, rename, merge or delete their labels.

Every change shows how many annotations it touches and can be undone from the Annotate
tab, because the core functions store it in the undo history.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ..core import annotations


class LabelSchemaDialog(QDialog):
    """Signals: ``sigSchemaChanged(int)`` with the label set id after any change is stored."""

    sigSchemaChanged = Signal(int)

    def __init__(self, tab):
        super().__init__(tab)
        self.tab = tab
        self.labels: list[annotations.Label] = []
        self.setWindowTitle(self.tr("Label schema"))
        self.resize(640, 520)

        self.task_name = QLineEdit()
        self.task_name.setPlaceholderText(self.tr("New task name"))
        self.task_kind = QComboBox()
        self.task_kind.addItem(self.tr("Document classification (one label)"), "classify")
        self.task_kind.addItem(self.tr("Document classification (several labels)"), "multilabel")
        self.task_kind.addItem(self.tr("Span labelling (entities)"), "spans")
        self.create_task_button = QPushButton(self.tr("Create task"))
        self.create_task_button.clicked.connect(self.create_task)
        task_row = QHBoxLayout()
        task_row.addWidget(self.task_name, 1)
        task_row.addWidget(self.task_kind)
        task_row.addWidget(self.create_task_button)

        self.task_title = QLabel()
        self.label_list = QListWidget()
        self.label_list.currentRowChanged.connect(self._show_label)
        self.new_label = QLineEdit()
        self.new_label.setPlaceholderText(self.tr("New label name"))
        self.new_label.returnPressed.connect(self.add_label)
        self.add_button = QPushButton(self.tr("Add label"))
        self.add_button.clicked.connect(self.add_label)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_label, 1)
        add_row.addWidget(self.add_button)

        self.name = QLineEdit()
        self.shortcut = QLineEdit()
        self.shortcut.setMaxLength(1)
        self.color = QLineEdit()
        self.color.setPlaceholderText("#4e79a7")
        self.color_button = QPushButton(self.tr("Choose…"))
        self.color_button.clicked.connect(self.choose_color)
        color_row = QHBoxLayout()
        color_row.addWidget(self.color, 1)
        color_row.addWidget(self.color_button)
        self.description = QLineEdit()
        self.save_button = QPushButton(self.tr("Save changes"))
        self.save_button.clicked.connect(self.save_label)
        self.usage = QLabel()
        self.merge_target = QComboBox()
        self.merge_button = QPushButton(self.tr("Merge into"))
        self.merge_button.clicked.connect(self.merge_label)
        self.delete_button = QPushButton(self.tr("Delete label"))
        self.delete_button.clicked.connect(self.delete_label)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Key"), self.shortcut)
        form.addRow(self.tr("Colour"), color_row)
        form.addRow(self.tr("Description"), self.description)
        merge_row = QHBoxLayout()
        merge_row.addWidget(self.merge_button)
        merge_row.addWidget(self.merge_target, 1)
        edit_box = QGroupBox(self.tr("Selected label"))
        edit_layout = QVBoxLayout(edit_box)
        edit_layout.addLayout(form)
        edit_layout.addWidget(self.save_button)
        edit_layout.addWidget(self.usage)
        edit_layout.addLayout(merge_row)
        edit_layout.addWidget(self.delete_button)

        labels_row = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.label_list, 1)
        left.addLayout(add_row)
        labels_row.addLayout(left, 1)
        labels_row.addWidget(edit_box, 1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(task_row)
        layout.addWidget(self.task_title)
        layout.addLayout(labels_row, 1)
        layout.addWidget(self.message)
        self.refresh()

    @property
    def project(self):
        return self.tab.project

    @property
    def label_set_id(self) -> int | None:
        return self.tab.label_set_id

    def refresh(self, select_label: int | None = None) -> None:
        """Re-read the current task's labels with their usage counts."""
        keep = select_label
        current = self.current_label()
        if keep is None and current is not None:
            keep = current.id
        self.label_list.blockSignals(True)
        self.label_list.clear()
        self.merge_target.clear()
        self.labels = []
        if self.project is not None and self.label_set_id is not None:
            label_set = annotations.label_set(self.project, self.label_set_id)
            self.task_title.setText(self.tr("Labels of task {name}").format(name=label_set.name))
            self.labels = annotations.labels(self.project, self.label_set_id)
        for label in self.labels:
            counts = annotations.label_usage(self.project, label.id)
            used = counts["document_labels"] + counts["spans"]
            item = QListWidgetItem(self.tr("{key}  {name}  ({count} used)").format(
                key=label.shortcut or "-", name=label.name, count=used))
            item.setForeground(QColor(label.color).darker(130))
            item.setData(Qt.UserRole, label.id)
            self.label_list.addItem(item)
        self.label_list.blockSignals(False)
        rows = [i for i, label in enumerate(self.labels) if label.id == keep]
        if rows:
            self.label_list.setCurrentRow(rows[0])
        elif self.labels:
            self.label_list.setCurrentRow(0)
        self._show_label(self.label_list.currentRow())

    def current_label(self) -> annotations.Label | None:
        row = self.label_list.currentRow()
        return self.labels[row] if 0 <= row < len(self.labels) else None

    def select_label(self, name: str) -> None:
        for row, label in enumerate(self.labels):
            if label.name == name:
                self.label_list.setCurrentRow(row)
                return

    def _show_label(self, _row: int) -> None:
        label = self.current_label()
        for widget in (self.name, self.shortcut, self.color, self.color_button, self.description, self.save_button,
                       self.merge_button, self.merge_target, self.delete_button):
            widget.setEnabled(label is not None)
        self.merge_target.clear()
        if label is None:
            self.usage.setText("")
            for field in (self.name, self.shortcut, self.color, self.description):
                field.clear()
            return
        self.name.setText(label.name)
        self.shortcut.setText(label.shortcut)
        self.color.setText(label.color)
        self.description.setText(label.description)
        counts = annotations.label_usage(self.project, label.id)
        self.usage.setText(self.tr("Used by {documents} document label(s) and {spans} span(s).").format(
            documents=counts["document_labels"], spans=counts["spans"]))
        self.delete_button.setText(self.tr("Delete label and its {count} annotation(s)").format(
            count=counts["document_labels"] + counts["spans"]))
        for other in self.labels:
            if other.id != label.id:
                self.merge_target.addItem(other.name, other.id)
        self.merge_button.setEnabled(self.merge_target.count() > 0)

    def choose_color(self) -> None:
        """Open a colour picker (window-modal, not blocking); the chosen colour fills the field until saved."""
        dialog = QColorDialog(QColor(self.color.text().strip() or "#4e79a7"), self)
        dialog.colorSelected.connect(lambda color: self.color.setText(color.name()))
        dialog.open()
        self.color_dialog = dialog

    def _run(self, action, label_set_id: int | None = None) -> bool:
        """Run one schema change; show its error instead of raising, and report the change."""
        try:
            result = action()
        except annotations.AnnotationError as exc:
            self.message.setText(str(exc))
            return False
        if isinstance(result, str):
            self.message.setText(result)
        self.sigSchemaChanged.emit(label_set_id if label_set_id is not None else self.label_set_id)
        return True

    def create_task(self) -> None:
        if self.project is None:
            return
        name, kind = self.task_name.text().strip(), self.task_kind.currentData()

        def create() -> str:
            if any(s.name == name for s in annotations.label_sets(self.project)):
                raise annotations.AnnotationError(
                    self.tr("Task {name} already exists; choose it in the Task list or pick another name.").format(name=name))
            self.created_id = annotations.ensure_label_set(self.project, name, kind)
            return self.tr("Created task {name}.").format(name=name)

        self.created_id = None
        if self._run(create, None):
            self.task_name.clear()
            self.tab.choose_label_set(self.created_id)
            self.refresh()

    def add_label(self) -> None:
        if self.project is None or self.label_set_id is None:
            return
        name = self.new_label.text()

        def add() -> str:
            label = annotations.add_label(self.project, self.label_set_id, name, annotator=self.tab.annotator())
            self.added_id = label.id
            return self.tr("Added label {name} on key {key}.").format(name=label.name, key=label.shortcut or "-")

        if self._run(add):
            self.new_label.clear()
            self.refresh(self.added_id)

    def save_label(self) -> None:
        label = self.current_label()
        if label is None:
            return
        counts = annotations.label_usage(self.project, label.id)

        def save() -> str:
            annotations.update_label(self.project, label.id, name=self.name.text(), shortcut=self.shortcut.text(),
                                     color=self.color.text().strip(), description=self.description.text(),
                                     annotator=self.tab.annotator())
            return self.tr("Saved label {name}; {count} annotation(s) use it.").format(
                name=self.name.text().strip(), count=counts["document_labels"] + counts["spans"])

        if not QColor.isValidColorName(self.color.text().strip()):
            self.message.setText(self.tr("Colour {color} is invalid; use a name such as teal or a hex code such as #4e79a7.").format(
                color=self.color.text()))
            return
        if self._run(save):
            self.refresh(label.id)

    def merge_label(self) -> None:
        label = self.current_label()
        target_id = self.merge_target.currentData()
        if label is None or target_id is None:
            return

        def merge() -> str:
            counts = annotations.merge_labels(self.project, label.id, target_id, annotator=self.tab.annotator())
            return self.tr("Merged {source} into {target}: moved {documents} document label(s) and {spans} span(s).").format(
                source=label.name, target=self.merge_target.currentText(), documents=counts["document_labels"],
                spans=counts["spans"])

        if self._run(merge):
            self.refresh(target_id)

    def delete_label(self) -> None:
        label = self.current_label()
        if label is None:
            return

        def delete() -> str:
            counts = annotations.delete_label(self.project, label.id, annotator=self.tab.annotator())
            return self.tr("Deleted {name} with {documents} document label(s) and {spans} span(s); "
                           "press Ctrl+Z in the Annotate tab to restore them.").format(
                name=label.name, documents=counts["document_labels"], spans=counts["spans"])

        if self._run(delete):
            self.refresh()
