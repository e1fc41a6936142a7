"""Help ▸ Keyboard shortcuts: a sheet built from the window's actions, so it lists what the keys really do.

Rows come from three places: every ``QAction`` of the window that has a shortcut (menus and
any action a tab adds), every ``QShortcut`` whose ``whatsThis`` describes it, and the fixed
keys of the Annotate tab with the current project's label keys.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)


MNEMONIC_IN_BRACKETS = re.compile(r"\(&\w\)")


def _plain(text: str) -> str:
    """Remove the mnemonic ("&File", "文件(&F)") and a trailing ellipsis from a menu text."""
    text = MNEMONIC_IN_BRACKETS.sub("", text)
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip("…").strip()


def _keys(sequences) -> str:
    return ", ".join(s.toString(QKeySequence.NativeText) for s in sequences if not s.isEmpty())


class ShortcutSheet(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(620, 520)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        for row in self.rows():
            self._add(*row)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        copy_button = buttons.addButton(self.tr("Copy as text"), QDialogButtonBox.ActionRole)
        copy_button.clicked.connect(self.copy_text)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str, str]]:
        rows: list[tuple[str, str, str]] = []
        seen: set[int] = set()
        for menu_action in self.window.menuBar().actions():
            menu = menu_action.menu()
            if menu is not None:
                self._menu_rows(_plain(menu_action.text()), menu, rows, seen)
        for action in self.window.findChildren(QAction):
            if id(action) not in seen and _keys(action.shortcuts()) and action.text():
                rows.append((self.tr("Window"), _plain(action.text()), _keys(action.shortcuts())))
        for shortcut in self.window.findChildren(QShortcut):
            if shortcut.whatsThis():
                rows.append((self.tr("Window"), shortcut.whatsThis(), _keys([shortcut.key()])))
        rows.extend(self._annotate_rows())
        return rows

    def _menu_rows(self, title: str, menu, rows, seen) -> None:
        for action in menu.actions():
            seen.add(id(action))
            if action.menu() is not None:
                self._menu_rows(f"{title} ▸ {_plain(action.text())}", action.menu(), rows, seen)
            elif _keys(action.shortcuts()):
                rows.append((title, _plain(action.text()), _keys(action.shortcuts())))

    def _annotate_rows(self) -> list[tuple[str, str, str]]:
        where = self.tr("Annotate")
        rows = [
            (where, self.tr("Apply the label with that key to the current document"), "1 – 9"),
            (where, self.tr("Previous / next document (with the text focused)"), self.tr("Up / Down")),
            (where, self.tr("Add the label typed in the new-label field"), self.tr("Enter")),
        ]
        tab = getattr(self.window, "annotate_tab", None)
        for label in getattr(tab, "labels", []) or []:
            if label.shortcut:
                rows.append((where, self.tr("Label “{name}”").format(name=label.name), label.shortcut))
        return rows

    def _add(self, where: str, action: str, keys: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((where, action, keys)):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def text(self) -> str:
        lines = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, column).text() for column in range(3)]
            lines.append(f"{cells[2]:<24} {cells[0]}: {cells[1]}")
        return "\n".join(lines)

    def copy_text(self) -> None:
        QApplication.clipboard().setText(self.text())
