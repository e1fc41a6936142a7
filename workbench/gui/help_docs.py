"""Help ▸ User guide: the Markdown pages in resources/docs/<language>/, shown in a browser with a topic list."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QListWidgetItem, QTextBrowser

from .app import RESOURCES, current_language

log = logging.getLogger(__name__)

DOCS = RESOURCES / "docs"
# The pages in reading order; every language folder has one file per topic.
TOPICS = ("getting-started", "labelling-shortcuts", "training-presets", "export")


def docs_folder(language: str) -> Path:
    """Return the docs folder for ``language`` (``zh_CN``, ``zh``, ``en_US``...), falling back to English."""
    for name in (language, language.split("_")[0]):
        if name.startswith("zh"):
            name = "zh_CN"
        folder = DOCS / name
        if folder.is_dir():
            return folder
    return DOCS / "en"


def page_title(path: Path) -> str:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# "):
                return line[2:].strip()
    return path.stem


class DocsDialog(QDialog):
    def __init__(self, parent=None, topic: str = TOPICS[0], language: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("LM Workbench user guide"))
        self.resize(900, 640)
        self.folder = docs_folder(language or current_language())
        self.topics = QListWidget()
        self.topics.setMaximumWidth(220)
        for name in TOPICS:
            path = self.folder / f"{name}.md"
            if not path.is_file():
                log.warning("User guide page %s is missing", path)
                continue
            item = QListWidgetItem(page_title(path))
            item.setData(Qt.UserRole, name)
            self.topics.addItem(item)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.topics.currentRowChanged.connect(self._show_row)
        layout = QHBoxLayout(self)
        layout.addWidget(self.topics)
        layout.addWidget(self.browser, 1)
        self.show_topic(topic)

    def show_topic(self, name: str) -> None:
        for row in range(self.topics.count()):
            if self.topics.item(row).data(Qt.UserRole) == name:
                self.topics.setCurrentRow(row)
                return
        if self.topics.count():
            self.topics.setCurrentRow(0)

    def current_topic(self) -> str | None:
        item = self.topics.currentItem()
        return item.data(Qt.UserRole) if item else None

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        path = self.folder / f"{self.topics.item(row).data(Qt.UserRole)}.md"
        with open(path, encoding="utf-8") as handle:
            self.browser.setMarkdown(handle.read())

    def _follow(self, url: QUrl) -> None:
        """Open links to other pages of the guide here, and web links in the system browser."""
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        name = Path(url.path()).stem
        if name in TOPICS:
            self.show_topic(name)
