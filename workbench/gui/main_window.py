"""The main window: File menu, project state and the four tabs."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QTabWidget

from .. import __version__
from ..core.logs import user_dir
from ..core.project import ProjectError, create_project, open_project
from .annotate_tab import AnnotateTab
from .attention_tab import AttentionTab
from .corpus_tab import CorpusTab
from .train_tab import TrainTab

log = logging.getLogger(__name__)

MAX_RECENT = 10


def app_settings() -> QSettings:
    """Return the app's QSettings, stored under the user config folder (``WORKBENCH_HOME`` relocates it)."""
    return QSettings(str(user_dir("config") / "workbench.ini"), QSettings.IniFormat)


class MainWindow(QMainWindow):
    """Signals: ``sigProjectChanged(str)`` after a project is opened and every tab shows it."""

    sigProjectChanged = Signal(str)

    def __init__(self):
        super().__init__()
        self.project = None
        self.last_error: tuple[str, str, str] | None = None
        self.settings = app_settings()
        self.resize(1100, 720)

        self.tabs = QTabWidget()
        self.corpus_tab = CorpusTab(self)
        self.annotate_tab = AnnotateTab(self)
        self.train_tab = TrainTab(self)
        self.attention_tab = AttentionTab(self)
        self.tabs.addTab(self.corpus_tab, self.tr("Corpus"))
        self.tabs.addTab(self.annotate_tab, self.tr("Annotate"))
        self.tabs.addTab(self.train_tab, self.tr("Train"))
        self.tabs.addTab(self.attention_tab, self.tr("Attention"))
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self._update_title()
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.statusBar().showMessage(self.tr("Open or create a project to begin."))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        new_action = QAction(self.tr("&New project…"), self)
        new_action.setShortcut(QKeySequence.New)
        new_action.triggered.connect(self.choose_new_project)
        open_action = QAction(self.tr("&Open project…"), self)
        open_action.setShortcut(QKeySequence.Open)
        open_action.triggered.connect(self.choose_open_project)
        file_menu.addAction(new_action)
        file_menu.addAction(open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.export_action = QAction(self.tr("&Export model…"), self)
        self.export_action.triggered.connect(self.choose_export)
        self.export_action.setEnabled(False)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about_action = QAction(self.tr("&About LM Workbench"), self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    # Projects -------------------------------------------------------------------------

    def recent_projects(self) -> list[str]:
        value = self.settings.value("recent_projects", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def _remember(self, path: Path) -> None:
        recent = [p for p in self.recent_projects() if p != str(path)]
        recent.insert(0, str(path))
        self.settings.setValue("recent_projects", recent[:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_projects()
        if not recent:
            action = self.recent_menu.addAction(self.tr("No recent projects"))
            action.setEnabled(False)
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))

    def choose_new_project(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose an empty folder for the new project"))
        if path:
            self.new_project(path)

    def choose_open_project(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Open a project folder"))
        if path:
            self.open_project(path)

    def new_project(self, path) -> bool:
        try:
            project = create_project(path)
        except ProjectError as exc:
            self.show_error(self.tr("Cannot create the project"), str(exc))
            return False
        self._set_project(project)
        return True

    def open_project(self, path) -> bool:
        try:
            project = open_project(path)
        except ProjectError as exc:
            self.show_error(self.tr("Cannot open the project"), str(exc))
            return False
        self._set_project(project)
        return True

    def _set_project(self, project) -> None:
        if self.train_tab.runner.is_running():
            self.train_tab.shutdown()
        self.project = project
        self._remember(project.root)
        for tab in (self.corpus_tab, self.annotate_tab, self.train_tab, self.attention_tab):
            tab.set_project(project)
        self.export_action.setEnabled(True)
        self._update_title()
        self.statusBar().showMessage(self.tr("Opened {path}").format(path=project.root))
        log.info("Opened project %s", project.root)
        self.sigProjectChanged.emit(str(project.root))

    def _update_title(self) -> None:
        name = self.project.name if self.project else self.tr("no project")
        self.setWindowTitle(self.tr("LM Workbench — {name}").format(name=name))

    # Called by tabs when shared state changes -------------------------------------------

    def documents_changed(self) -> None:
        self.annotate_tab.reload()

    def runs_changed(self) -> None:
        self.attention_tab.refresh_checkpoints()

    # Export, errors, about ------------------------------------------------------------

    def choose_export(self) -> None:
        from ..core.export import export_project_run

        if self.project is None:
            return
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose an empty folder for the export"))
        if not path:
            return
        try:
            out = export_project_run(self.project, None, Path(path))
        except Exception as exc:  # shown to the user with details
            log.exception("Export failed")
            self.show_error(self.tr("Export failed"), str(exc))
            return
        self.statusBar().showMessage(self.tr("Exported to {path}").format(path=out))

    def show_error(self, title: str, message: str, details: str = "") -> None:
        """Show an error without blocking (the box is window-modal, opened with ``open()``)."""
        self.last_error = (title, message, details)
        log.error("%s: %s", title, message)
        box = QMessageBox(QMessageBox.Warning, title, message, QMessageBox.Ok, self)
        if details:
            box.setDetailedText(details)
        box.open()

    def show_about(self) -> None:
        import torch
        from PySide6 import __version__ as pyside_version

        accelerators = []
        if torch.cuda.is_available():
            accelerators.append(f"CUDA {torch.version.cuda}")
        if torch.backends.mps.is_available():
            accelerators.append("MPS")
        QMessageBox.about(
            self,
            self.tr("About LM Workbench"),
            self.tr("LM Workbench {version}\nPython {python}\ntorch {torch} ({accelerators})\nQt (PySide6) {qt}").format(
                version=__version__, python=sys.version.split()[0], torch=torch.__version__,
                accelerators=", ".join(accelerators) or self.tr("CPU only"), qt=pyside_version,
            ),
        )

    def closeEvent(self, event) -> None:
        # Stop workers and wait for them, so a running training saves its checkpoint.
        self.train_tab.shutdown()
        if self.corpus_tab.runner.is_running():
            self.corpus_tab.runner.shutdown()
        self.corpus_tab.preprocess.shutdown()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
