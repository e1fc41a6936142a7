"""Annotate tab: keyboard-first labelling of documents and spans, with undo kept in the project.

Each action is a committed transaction (see :mod:`workbench.core.annotations`) before the
tab shows its result or moves to the next document.
"""

from __future__ import annotations

import getpass
import logging

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import annotation_history, annotations
from .annotation_models import DocumentListModel
from .annotation_schema_dialog import LabelSchemaDialog
from .annotation_text import SpanTextView

log = logging.getLogger(__name__)


class _KeyFilter(QObject):
    """Send Return/Enter and Delete/Backspace in the text, list and span table to the tab."""

    def __init__(self, tab):
        super().__init__(tab)
        self.tab = tab

    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.KeyPress or event.modifiers() & (Qt.ControlModifier | Qt.AltModifier):
            return False
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.tab.finish_document()
            return True
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace):
            return self.tab.delete_selected_span()
        if event.key() == Qt.Key_Escape and self.tab.text.selected_span_id is not None:
            self.tab.select_span(None)
            return True
        return False


class AnnotateTab(QWidget):
    """Signals, each emitted after the change is stored and shown:

    ``sigLabelSaved(int, int)`` (document id, label id), ``sigSpansChanged(int)`` (document
    id), ``sigDocumentShown(int)``, ``sigMarked(int, str)`` (document id, mark) and
    ``sigHistoryApplied(str)`` (the undone or redone action's summary).
    """

    sigLabelSaved = Signal(int, int)
    sigSpansChanged = Signal(int)
    sigDocumentShown = Signal(int)
    sigMarked = Signal(int, str)
    sigHistoryApplied = Signal(str)
    sigError = Signal(str)

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.project = None
        self.label_set_id: int | None = None
        self.kind = "classify"
        self.labels: list[annotations.Label] = []
        self.schema_dialog: LabelSchemaDialog | None = None
        self._label_shortcuts: list[QShortcut] = []
        self._document_text = ""

        self._build_top_bar()
        self._build_list_pane()
        self._build_document_pane()
        self._build_span_pane()

        splitter = QSplitter()
        splitter.addWidget(self.list_pane)
        splitter.addWidget(self.document_pane)
        splitter.addWidget(self.span_pane)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 1)
        # Explicit minimum widths let the window shrink below the sum of the panes' button rows
        # (about 960 px), so it still fits a small laptop screen.
        for pane, width in ((self.list_pane, 160), (self.document_pane, 280), (self.span_pane, 120)):
            pane.setMinimumWidth(width)
        layout = QVBoxLayout(self)
        layout.addLayout(self.top_bar)
        layout.addWidget(splitter, 1)
        self._build_shortcuts()

    # Layout -------------------------------------------------------------------------------

    def _build_top_bar(self) -> None:
        self.task = QComboBox()
        self.task.setMinimumContentsLength(16)
        self.task.activated.connect(lambda _i: self.choose_label_set(self.task.currentData()))
        self.schema_button = QPushButton(self.tr("Labels and tasks…"))
        self.schema_button.clicked.connect(self.open_schema_dialog)
        self.annotator_field = QLineEdit()
        self.annotator_field.setPlaceholderText(self.tr("Your name"))
        self.annotator_field.setText(self._saved_annotator())
        self.annotator_field.editingFinished.connect(self._save_annotator)
        self.top_bar = QHBoxLayout()
        self.top_bar.addWidget(QLabel(self.tr("Task")))
        self.top_bar.addWidget(self.task)
        self.top_bar.addWidget(self.schema_button)
        self.top_bar.addStretch()
        self.top_bar.addWidget(QLabel(self.tr("Annotator")))
        self.top_bar.addWidget(self.annotator_field)

    def _build_list_pane(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search text"))
        self.search.returnPressed.connect(self.apply_filters)
        self.status_filter = QComboBox()
        for text, value in ((self.tr("All documents"), "all"), (self.tr("Not finished"), "unfinished"),
                            (self.tr("Finished"), "finished"), (self.tr("Skipped"), "skipped"),
                            (self.tr("Flagged for review"), "flagged")):
            self.status_filter.addItem(text, value)
        self.label_filter = QComboBox()
        self.annotator_filter = QComboBox()
        self.sort = QComboBox()
        for text, value in ((self.tr("Oldest first"), "oldest"), (self.tr("Newest first"), "newest"),
                            (self.tr("Shortest first"), "shortest"), (self.tr("Longest first"), "longest")):
            self.sort.addItem(text, value)
        for combo in (self.status_filter, self.label_filter, self.annotator_filter, self.sort):
            combo.activated.connect(lambda _i: self.apply_filters())
        self.list_count = QLabel()

        self.model = DocumentListModel(self)
        self.list = QTableView()
        self.list.setModel(self.model)
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.list.horizontalHeader().hide()
        self.list.horizontalHeader().setStretchLastSection(True)
        rows = self.list.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)

        self.list_pane = QWidget()
        layout = QVBoxLayout(self.list_pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.label_filter)
        layout.addLayout(filters)
        filters = QHBoxLayout()
        filters.addWidget(self.annotator_filter)
        filters.addWidget(self.sort)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.list_count)

    def _build_document_pane(self) -> None:
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m finished"))
        self.marks_label = QLabel()
        self.text = SpanTextView()
        self.text.sigClicked.connect(self._on_text_clicked)
        self.current_label = QLabel()
        self.current_label.setWordWrap(True)
        self.label_buttons = QHBoxLayout()

        self.previous_button = QPushButton(self.tr("Previous"))
        self.previous_button.setToolTip(self.tr("Ctrl+Up"))
        self.previous_button.clicked.connect(lambda: self.move(-1))
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setToolTip(self.tr("Ctrl+Down"))
        self.next_button.clicked.connect(lambda: self.move(1))
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setToolTip(self.tr("Enter: mark this document finished and go to the next"))
        self.done_button.clicked.connect(self.finish_document)
        self.skip_button = QPushButton(self.tr("Skip"))
        self.skip_button.setToolTip(self.tr("Space"))
        self.skip_button.clicked.connect(self.skip_document)
        self.flag_button = QPushButton(self.tr("Flag for review"))
        self.flag_button.setToolTip(self.tr("Ctrl+M"))
        self.flag_button.setCheckable(True)
        self.flag_button.clicked.connect(lambda: self.toggle_flag())
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Ctrl+Z"))
        self.undo_button.clicked.connect(self.undo)
        self.redo_button = QPushButton(self.tr("Redo"))
        self.redo_button.setToolTip(self.tr("Ctrl+Shift+Z"))
        self.redo_button.clicked.connect(self.redo)
        actions = QHBoxLayout()
        for button in (self.previous_button, self.next_button, self.done_button, self.skip_button,
                       self.flag_button, self.undo_button, self.redo_button):
            actions.addWidget(button)
        actions.addStretch()

        self.new_label = QLineEdit()
        self.new_label.setPlaceholderText(self.tr("New label name"))
        self.new_label.returnPressed.connect(self.add_label_from_field)
        self.add_button = QPushButton(self.tr("Add label"))
        self.add_button.clicked.connect(self.add_label_from_field)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_label)
        add_row.addWidget(self.add_button)
        self.auto_advance = QCheckBox(self.tr("Go to the next document after labelling"))
        self.auto_advance.setChecked(True)
        self.snap_tokens = QCheckBox(self.tr("Snap span edges to whole words"))
        for box, key in ((self.auto_advance, "annotation/auto_advance"), (self.snap_tokens, "annotation/snap_tokens")):
            box.setChecked(self._setting(key, box.isChecked()))
            box.toggled.connect(lambda on, k=key: self._store_setting(k, on))
        options = QHBoxLayout()
        options.addWidget(self.auto_advance)
        options.addWidget(self.snap_tokens)
        options.addStretch()

        self.document_pane = QWidget()
        layout = QVBoxLayout(self.document_pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.marks_label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.current_label)
        layout.addLayout(self.label_buttons)
        layout.addLayout(actions)
        layout.addLayout(add_row)
        layout.addLayout(options)

    def _build_span_pane(self) -> None:
        self.span_table = QTableWidget(0, 4)
        self.span_table.setHorizontalHeaderLabels([self.tr("Label"), self.tr("Text"), self.tr("Start"), self.tr("End")])
        self.span_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.span_table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.span_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.span_table.verticalHeader().setVisible(False)
        self.span_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.span_table.itemSelectionChanged.connect(self._on_span_row_selected)
        self.delete_span_button = QPushButton(self.tr("Delete span"))
        self.delete_span_button.setToolTip(self.tr("Delete or Backspace"))
        self.delete_span_button.clicked.connect(self.delete_selected_span)
        self.span_pane = QWidget()
        layout = QVBoxLayout(self.span_pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Spans")))
        layout.addWidget(self.span_table, 1)
        layout.addWidget(self.delete_span_button)

    def _build_shortcuts(self) -> None:
        bindings = (
            (QKeySequence.Undo, self.undo), ("Ctrl+Shift+Z", self.redo), ("Ctrl+Y", self.redo),
            ("Ctrl+Down", lambda: self.move(1)), ("Ctrl+Up", lambda: self.move(-1)),
            ("Space", self.skip_document), ("Ctrl+M", self.toggle_flag),
            ("Alt+Right", lambda: self.step_span(1)), ("Alt+Left", lambda: self.step_span(-1)),
        )
        for sequence, slot in bindings:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        # Plain Up and Down move between documents while the text is on show, except in span
        # tasks, where they move the text cursor to extend a selection.
        self._arrow_shortcuts = []
        for key, step in ((Qt.Key_Down, 1), (Qt.Key_Up, -1)):
            shortcut = QShortcut(QKeySequence(key), self.text)
            shortcut.setContext(Qt.WidgetShortcut)
            shortcut.activated.connect(lambda s=step: self.move(s))
            self._arrow_shortcuts.append(shortcut)
        self._key_filter = _KeyFilter(self)
        for widget in (self.text, self.list, self.span_table):
            widget.installEventFilter(self._key_filter)

    # Annotator ----------------------------------------------------------------------------

    def _setting(self, key: str, default: bool) -> bool:
        settings = getattr(self.window, "settings", None)
        if settings is None:
            return default
        return str(settings.value(key, default)).lower() == "true"

    def _store_setting(self, key: str, value: bool) -> None:
        settings = getattr(self.window, "settings", None)
        if settings is not None:
            settings.setValue(key, value)

    def _saved_annotator(self) -> str:
        settings = getattr(self.window, "settings", None)
        saved = settings.value("annotation/annotator", "") if settings is not None else ""
        if saved:
            return str(saved)
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return ""

    def _save_annotator(self) -> None:
        settings = getattr(self.window, "settings", None)
        if settings is not None:
            settings.setValue("annotation/annotator", self.annotator())
        user_settings = getattr(self.window, "user_settings", None)
        if user_settings is not None:
            user_settings.annotator = self.annotator()

    def annotator(self) -> str:
        return self.annotator_field.text().strip()

    # Project and task ---------------------------------------------------------------------

    def set_project(self, project) -> None:
        self.project = project
        self.label_set_id = None
        if project is not None:
            sets = annotations.label_sets(project)
            self.label_set_id = sets[0].id if sets else annotations.ensure_label_set(project)
        self._fill_task_combo()
        self._apply_label_set()

    def _fill_task_combo(self) -> None:
        self.task.clear()
        if self.project is None:
            return
        kinds = {"classify": self.tr("one label"), "multilabel": self.tr("several labels"), "spans": self.tr("spans")}
        for label_set in annotations.label_sets(self.project):
            self.task.addItem(f"{label_set.name} ({kinds[label_set.kind]})", label_set.id)
        self.task.setCurrentIndex(max(self.task.findData(self.label_set_id), 0))

    def choose_label_set(self, label_set_id: int | None) -> None:
        if label_set_id is None or self.project is None:
            return
        self.label_set_id = label_set_id
        self._fill_task_combo()
        self._apply_label_set()

    def _apply_label_set(self) -> None:
        self.kind = annotations.label_set(self.project, self.label_set_id).kind if self.project else "classify"
        spans = self.kind == "spans"
        for shortcut in self._arrow_shortcuts:
            shortcut.setEnabled(not spans)
        self.span_pane.setVisible(spans)
        self.snap_tokens.setVisible(spans)
        self.done_button.setVisible(self.kind != "classify")
        self._fill_filter_combos()
        if self.schema_dialog is not None:
            self.schema_dialog.refresh()
        self.reload(keep_current=False)

    def _fill_filter_combos(self) -> None:
        """Refill the label and annotator filters, keeping each choice that still exists."""
        chosen_label, chosen_annotator = self.label_filter.currentData(), self.annotator_filter.currentData()
        self.label_filter.clear()
        self.label_filter.addItem(self.tr("Any label"), None)
        self.annotator_filter.clear()
        self.annotator_filter.addItem(self.tr("Any annotator"), None)
        if self.project is None:
            return
        for label in annotations.labels(self.project, self.label_set_id):
            self.label_filter.addItem(label.name, label.id)
        for name in annotations.annotators(self.project):
            self.annotator_filter.addItem(name, name)
        self.label_filter.setCurrentIndex(max(self.label_filter.findData(chosen_label), 0))
        self.annotator_filter.setCurrentIndex(max(self.annotator_filter.findData(chosen_annotator), 0))

    def open_schema_dialog(self) -> LabelSchemaDialog:
        if self.schema_dialog is None:
            self.schema_dialog = LabelSchemaDialog(self)
            self.schema_dialog.sigSchemaChanged.connect(self._on_schema_changed)
        self.schema_dialog.refresh()
        self.schema_dialog.show()
        return self.schema_dialog

    def _on_schema_changed(self, label_set_id: int) -> None:
        if label_set_id == self.label_set_id:
            self._fill_task_combo()
            self._fill_filter_combos()
            self.reload()

    # Documents ----------------------------------------------------------------------------

    def reload(self, keep_current: bool = True) -> None:
        """Re-read documents and labels; keep the current document, or resume at the first unfinished one."""
        current = self.current_document_id() if keep_current else None
        self.model.reset(self.project, self.label_set_id, self._filtered_ids())
        self._rebuild_label_buttons()
        self._update_progress()
        if self.project is None:
            self.text.set_document("", [], [])
            return
        self.list_count.setText(self.tr("{count} document(s)").format(count=len(self.model.ids)))
        if current is not None and self.model.row_of(current) is not None:
            self.select_document(current)
            return
        first = annotations.first_unlabelled(self.project, self.label_set_id)
        if first is not None and self.model.row_of(first) is not None:
            self.select_document(first)
        elif self.model.ids:
            self.list.setCurrentIndex(self.model.index(0))
        else:
            self._show_document(None)

    def _filtered_ids(self) -> list[int]:
        if self.project is None:
            return []
        return annotations.find_documents(
            self.project, self.label_set_id, search=self.search.text().strip(),
            status=self.status_filter.currentData(), label_id=self.label_filter.currentData(),
            annotator=self.annotator_filter.currentData(), sort=self.sort.currentData(),
        )

    def apply_filters(self) -> None:
        self.reload()

    def select_document(self, doc_id: int) -> None:
        """Show document ``doc_id`` if the list contains it (again, if it is already the current one)."""
        row = self.model.row_of(doc_id)
        if row is None:
            return
        if row == self.list.currentIndex().row():
            self._show_document(doc_id)
        else:
            self.list.setCurrentIndex(self.model.index(row))

    def current_document_id(self) -> int | None:
        index = self.list.currentIndex()
        return self.model.ids[index.row()] if index.isValid() and index.row() < len(self.model.ids) else None

    def _on_current_changed(self, current: QModelIndex, _previous) -> None:
        doc_id = self.model.ids[current.row()] if current.isValid() and self.project is not None else None
        self._show_document(doc_id)

    def _show_document(self, doc_id: int | None) -> None:
        if doc_id is None or self.project is None:
            self._document_text = ""
            self.text.set_document("", [], [])
            self.span_table.setRowCount(0)
            self._show_current_label()
            return
        self._document_text = self.project.document(doc_id)["text"]
        self.text.set_document(self._document_text, self._spans(doc_id), self.labels)
        self._fill_span_table()
        self._show_current_label()
        self.sigDocumentShown.emit(doc_id)

    def _spans(self, doc_id: int) -> list[dict]:
        if self.kind != "spans":
            return []
        found = annotations.spans(self.project, doc_id, origin="human", label_set_id=self.label_set_id)
        return sorted(found, key=lambda span: (span["start"], -span["end"], span["id"]))  # outer spans first

    def _show_current_label(self) -> None:
        doc_id = self.current_document_id()
        self.flag_button.setChecked(False)
        if doc_id is None or self.label_set_id is None:
            self.current_label.setText("")
            self.marks_label.setText("")
            return
        marks = annotations.document_marks(self.project, doc_id, self.label_set_id)
        self.flag_button.setChecked("flagged" in marks)
        names = {label.id: label.name for label in self.labels}
        if self.kind == "spans":
            count = len(self.text.spans)
            self.current_label.setText(self.tr("{count} span(s). Select text and press a label key.").format(count=count))
        else:
            ids = annotations.document_label_ids(self.project, doc_id, self.label_set_id)
            shown = ", ".join(names.get(i, "?") for i in ids) or self.tr("none")
            text = self.tr("Label: {name}").format(name=shown)
            predicted = annotations.predicted_labels(self.project, doc_id, self.label_set_id)
            if predicted:
                guesses = ", ".join(
                    names.get(label_id, "?") + ("" if score is None else f" {score:.2f}") for label_id, score in predicted)
                text += "  ·  " + self.tr("Model prediction: {labels}").format(labels=guesses)
            self.current_label.setText(text)
        state = []
        if "done" in marks:
            state.append(self.tr("finished"))
        if "skipped" in marks:
            state.append(self.tr("skipped"))
        if "flagged" in marks:
            state.append(self.tr("flagged for review"))
        self.marks_label.setText(self.tr("Document {id}: {state}").format(
            id=doc_id, state=", ".join(state) if state else self.tr("open")))

    def move(self, step: int) -> None:
        row = self.list.currentIndex().row() + step
        if 0 <= row < len(self.model.ids):
            self.list.setCurrentIndex(self.model.index(row))

    def _advance(self, doc_id: int) -> None:
        """Go to the next document in the list after ``doc_id``, if auto-advance is on."""
        row = self.model.row_of(doc_id)
        if self.auto_advance.isChecked() and row is not None and row + 1 < len(self.model.ids):
            self.list.setCurrentIndex(self.model.index(row + 1))
        else:
            self._show_current_label()

    def _update_progress(self) -> None:
        total = self.project.document_count() if self.project else 0
        done = annotations.labelled_count(self.project, self.label_set_id) if self.project else 0
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        if self.project is not None and self.label_set_id is not None:
            counts = annotations.mark_counts(self.project, self.label_set_id)
            self.progress.setToolTip(self.tr("{skipped} skipped, {flagged} flagged for review").format(
                skipped=counts["skipped"], flagged=counts["flagged"]))

    # Labels -------------------------------------------------------------------------------

    def _rebuild_label_buttons(self) -> None:
        while self.label_buttons.count():
            item = self.label_buttons.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for shortcut in self._label_shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._label_shortcuts = []
        self.labels = annotations.labels(self.project, self.label_set_id) if self.project else []
        for label in self.labels:
            button = QPushButton(f"{label.shortcut}  {label.name}" if label.shortcut else label.name)
            button.setStyleSheet(f"border-left: 6px solid {label.color}; padding: 4px 8px;")
            button.setToolTip(label.description)
            button.clicked.connect(lambda _=False, lid=label.id: self.apply_label(lid))
            self.label_buttons.addWidget(button)
            if label.shortcut:
                shortcut = QShortcut(QKeySequence(label.shortcut), self)
                shortcut.setContext(Qt.WidgetWithChildrenShortcut)
                shortcut.activated.connect(lambda lid=label.id: self.apply_label(lid))
                self._label_shortcuts.append(shortcut)
        self.label_buttons.addStretch()

    def add_label_from_field(self) -> None:
        if self.project is None:
            return
        try:
            annotations.add_label(self.project, self.label_set_id, self.new_label.text(), annotator=self.annotator())
        except annotations.AnnotationError as exc:
            self._show_error(str(exc))
            return
        self.new_label.clear()
        self.model.refresh_label_names()
        self._rebuild_label_buttons()
        self._fill_filter_combos()

    def label_with_key(self, key: str) -> None:
        for label in self.labels:
            if label.shortcut == key:
                self.apply_label(label.id)
                return

    def _show_error(self, message: str) -> None:
        self.current_label.setText(message)
        self.sigError.emit(message)

    def apply_label(self, label_id: int) -> None:
        """Store the label (committed before returning), then show it and maybe advance.

        In a span task the label goes to the selected text as a new span, or to the
        selected span when no text is selected.
        """
        doc_id = self.current_document_id()
        if self.project is None or doc_id is None:
            return
        try:
            if self.kind == "spans":
                self._label_span(doc_id, label_id)
                return
            if self.kind == "multilabel":
                annotations.toggle_document_label(self.project, doc_id, self.label_set_id, label_id, self.annotator())
            else:
                annotations.set_document_label(self.project, doc_id, self.label_set_id, label_id, self.annotator())
        except annotations.AnnotationError as exc:
            self._show_error(str(exc))
            return
        self.model.refresh_document(doc_id)
        self._update_progress()
        if self.kind == "classify":
            self._advance(doc_id)
        else:
            self._show_current_label()
        self.sigLabelSaved.emit(doc_id, label_id)

    # Spans --------------------------------------------------------------------------------

    def _label_span(self, doc_id: int, label_id: int) -> None:
        selection = self.text.selected_range(self.snap_tokens.isChecked())
        if selection is None:
            if self.text.selected_span_id is None:
                self._show_error(self.tr("Select some text first, or click a span to relabel it."))
                return
            span_id = self.text.selected_span_id
            annotations.relabel_span(self.project, span_id, label_id, self.annotator())
        else:
            start, end = selection
            span_id = annotations.add_span(self.project, doc_id, self.label_set_id, label_id, start, end,
                                           annotator=self.annotator(), whole_graphemes=True)
            self.text.clear_selection()
        self._refresh_spans(doc_id, span_id)
        self.sigLabelSaved.emit(doc_id, label_id)

    def _refresh_spans(self, doc_id: int, selected: int | None = None) -> None:
        self.text.set_spans(self._spans(doc_id), self.labels, selected)
        self._fill_span_table()
        self.model.refresh_document(doc_id)
        self._update_progress()
        self._show_current_label()
        self.sigSpansChanged.emit(doc_id)

    def _fill_span_table(self) -> None:
        names = {label.id: label.name for label in self.labels}
        self.span_table.blockSignals(True)
        self.span_table.setRowCount(len(self.text.spans))
        selected_row = -1
        for row, span in enumerate(self.text.spans):
            piece = self._document_text[span["start"]:span["end"]].replace("\r", "").replace("\n", " ")
            values = (names.get(span["label_id"], "?"), piece, str(span["start"]), str(span["end"]))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.UserRole, span["id"])
                self.span_table.setItem(row, column, item)
            if span["id"] == self.text.selected_span_id:
                selected_row = row
        if selected_row >= 0:
            self.span_table.selectRow(selected_row)
        else:
            self.span_table.clearSelection()
        self.span_table.blockSignals(False)

    def _on_span_row_selected(self) -> None:
        rows = self.span_table.selectionModel().selectedRows()
        if rows:
            self.text.select_span(self.span_table.item(rows[0].row(), 0).data(Qt.UserRole))

    def select_span(self, span_id: int | None) -> None:
        """Select a span in the text and the span list, so a label key relabels it."""
        self.text.select_span(span_id, scroll=False)
        self._fill_span_table()

    def step_span(self, step: int) -> None:
        """Select the next (``step=1``) or previous span in text order, so the keyboard reaches every span."""
        spans = self.text.spans
        if self.kind != "spans" or not spans:
            return
        ids = [span["id"] for span in spans]
        current = self.text.selected_span_id
        if current in ids:
            index = (ids.index(current) + step) % len(ids)
        else:
            index = 0 if step > 0 else len(ids) - 1
        self.text.select_span(ids[index])
        self._fill_span_table()

    def _on_text_clicked(self, offset: int) -> None:
        """Select the innermost span under a click; clicking again in the same place selects the next one out."""
        inside = self.text.spans_at(offset)
        if not inside:
            self.select_span(None)
            return
        ids = [span["id"] for span in inside]
        current = self.text.selected_span_id
        span_id = ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]
        self.select_span(span_id)

    def delete_selected_span(self) -> bool:
        doc_id = self.current_document_id()
        span_id = self.text.selected_span_id
        if self.kind != "spans" or doc_id is None or span_id is None:
            return False
        try:
            annotations.delete_span(self.project, span_id, self.annotator())
        except annotations.AnnotationError as exc:
            self._show_error(str(exc))
            return True
        self._refresh_spans(doc_id)
        return True

    # Marks --------------------------------------------------------------------------------

    def finish_document(self) -> None:
        """Mark the document finished (span and multi-label tasks) and go to the next one."""
        self._mark_and_advance("done" if self.kind != "classify" else None)

    def skip_document(self) -> None:
        self._mark_and_advance("skipped")

    def _mark_and_advance(self, kind: str | None) -> None:
        doc_id = self.current_document_id()
        if doc_id is None:
            return
        if kind is not None:
            annotations.set_mark(self.project, doc_id, self.label_set_id, kind, annotator=self.annotator())
            self.model.refresh_document(doc_id)
            self._update_progress()
            self.sigMarked.emit(doc_id, kind)
        row = self.model.row_of(doc_id)
        if row is not None and row + 1 < len(self.model.ids):
            self.list.setCurrentIndex(self.model.index(row + 1))

    def toggle_flag(self) -> None:
        doc_id = self.current_document_id()
        if doc_id is None:
            return
        flagged = "flagged" in annotations.document_marks(self.project, doc_id, self.label_set_id)
        annotations.set_mark(self.project, doc_id, self.label_set_id, "flagged", on=not flagged,
                             annotator=self.annotator())
        self.model.refresh_document(doc_id)
        self._update_progress()
        self._show_current_label()
        self.sigMarked.emit(doc_id, "flagged")

    # Undo and redo ------------------------------------------------------------------------

    def undo(self) -> None:
        self._history_step(undo=True)

    def redo(self) -> None:
        self._history_step(undo=False)

    def _history_step(self, undo: bool) -> None:
        if self.project is None:
            return
        try:
            entry = annotation_history.undo(self.project) if undo else annotation_history.redo(self.project)
        except annotation_history.HistoryError as exc:
            self._show_error(str(exc))
            return
        if entry is None:
            self._show_error(self.tr("Nothing to undo.") if undo else self.tr("Nothing to redo."))
            return
        if entry.label_set_id is not None and entry.label_set_id != self.label_set_id:
            self.label_set_id = entry.label_set_id
            self._fill_task_combo()
            self._apply_label_set()
        else:
            self._fill_filter_combos()
            self.model.refresh_label_names()
            self._rebuild_label_buttons()
            self._update_progress()
        if entry.document_id is not None and self.model.row_of(entry.document_id) is not None:
            self.model.refresh_document(entry.document_id)
            if entry.document_id == self.current_document_id():
                self._show_document(entry.document_id)
            else:
                self.select_document(entry.document_id)
        else:
            current = self.current_document_id()
            self._show_document(current)
        if self.schema_dialog is not None and self.schema_dialog.isVisible():
            self.schema_dialog.refresh()
        verb = self.tr("Undid: {action}") if undo else self.tr("Redid: {action}")
        self.current_label.setText(verb.format(action=entry.summary))
        self.sigHistoryApplied.emit(entry.summary)
