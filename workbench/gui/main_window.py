"""The main window: menus, project state, the tabs, the log pane and the user's settings."""

from __future__ import annotations

import base64
import copy
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QPushButton, QTabWidget

from ..core.logs import user_dir
from ..core.project import ProjectError, create_project, open_project
from ..core.settings import LoadResult, Settings, load_settings, save_settings
from .annotate_tab import AnnotateTab
from .attention_tab import AttentionTab
from .corpus_tab import CorpusTab
from .finetune_tab import FinetuneTab
from .log_pane import LogPane
from .train_tab import TrainTab

log = logging.getLogger(__name__)


def app_settings() -> QSettings:
    """Return the app's QSettings, stored under the user config folder (``WORKBENCH_HOME`` relocates it).

    The typed settings (``self.user_settings``) hold everything the user chooses; this INI file is
    for free-form widget state such as the last folder of a file dialog.
    """
    return QSettings(str(user_dir("config") / "workbench.ini"), QSettings.IniFormat)


class MainWindow(QMainWindow):
    """Signals: ``sigProjectChanged(str)`` after a project is opened and every tab shows it;
    ``sigSettingsChanged(object)`` with the new :class:`Settings` after the user changes them;
    ``sigAutosave()`` every ``autosave_seconds``, for panels that keep unsaved edits."""

    sigProjectChanged = Signal(str)
    sigSettingsChanged = Signal(object)
    sigAutosave = Signal()

    def __init__(self, settings: LoadResult | Settings | None = None):
        super().__init__()
        self.project = None
        self.last_error: tuple[str, str, str] | None = None
        self.settings = app_settings()
        if settings is None:
            settings = load_settings(legacy=self.legacy_values())
        needs_save = isinstance(settings, LoadResult) and settings.needs_save
        self.settings_problems = settings.problems if isinstance(settings, LoadResult) else []
        self.user_settings: Settings = settings.settings if isinstance(settings, LoadResult) else settings
        self.resize(1100, 720)

        self.tabs = QTabWidget()
        self.corpus_tab = CorpusTab(self)
        self.annotate_tab = AnnotateTab(self)
        self.train_tab = TrainTab(self)
        self.attention_tab = AttentionTab(self)
        self.finetune_tab = FinetuneTab(self)
        self.tabs.addTab(self.corpus_tab, self.tr("Corpus"))
        self.tabs.addTab(self.annotate_tab, self.tr("Annotate"))
        self.tabs.addTab(self.train_tab, self.tr("Train"))
        self.tabs.addTab(self.attention_tab, self.tr("Attention"))
        self.tabs.insertTab(self.tabs.indexOf(self.train_tab) + 1, self.finetune_tab, self.tr("Fine-tune"))
        self.setCentralWidget(self.tabs)
        self.log_pane = LogPane(self)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.log_pane)
        self.log_pane.hide()
        self._build_menus()
        self._build_error_indicator()
        self._update_title()
        self._restore_window()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start(self.user_settings.autosave_seconds * 1000)
        self.statusBar().showMessage(self.tr("Open or create a project to begin."))
        if self.settings_problems:
            self.statusBar().showMessage(
                self.tr("Some settings were invalid and were reset; see the log (View ▸ Log) for details.")
            )
        if needs_save:
            self.save_user_settings()
        self.apply_user_defaults(self.user_settings)
        self.sigSettingsChanged.connect(self.apply_user_defaults)

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
        self.import_action = QAction(self.tr("&Import…"), self)
        self.import_action.triggered.connect(self.open_import_dialog)
        self.import_action.setEnabled(False)
        file_menu.addAction(self.import_action)
        self.export_annotations_action = QAction(self.tr("Export &annotations…"), self)
        self.export_annotations_action.triggered.connect(self.open_export_annotations_dialog)
        self.export_annotations_action.setEnabled(False)
        file_menu.addAction(self.export_annotations_action)
        self.export_action = QAction(self.tr("&Export model…"), self)
        self.export_action.triggered.connect(self.choose_export)
        self.export_action.setEnabled(False)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))  # Cmd+, on macOS
        self.settings_action.setMenuRole(QAction.PreferencesRole)
        self.settings_action.triggered.connect(self.show_settings)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.log_action = self.log_pane.toggleViewAction()
        self.log_action.setText(self.tr("&Log"))
        self.log_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.view_menu.addAction(self.log_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        docs_action = QAction(self.tr("&User guide"), self)
        docs_action.setShortcut(QKeySequence.HelpContents)
        docs_action.triggered.connect(lambda: self.show_docs())
        help_menu.addAction(docs_action)
        shortcuts_action = QAction(self.tr("&Keyboard shortcuts"), self)
        shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        shortcuts_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(shortcuts_action)
        help_menu.addSeparator()
        about_action = QAction(self.tr("&About LM Workbench"), self)
        about_action.setMenuRole(QAction.AboutRole)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)
        self.help_menu = help_menu

    # Projects -------------------------------------------------------------------------

    def recent_projects(self) -> list[str]:
        return list(self.user_settings.recent_projects)

    def _remember(self, path: Path) -> None:
        self.user_settings.add_recent_project(path)
        self.save_user_settings()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_projects()
        if not recent:
            action = self.recent_menu.addAction(self.tr("No recent projects"))
            action.setEnabled(False)
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))
        if recent:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Clear the list"))
            clear.triggered.connect(self.clear_recent_projects)

    def clear_recent_projects(self) -> None:
        self.user_settings.recent_projects = []
        self.save_user_settings()

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
        if self.finetune_tab.runner.is_running():
            self.finetune_tab.shutdown()
        self.project = project
        self._remember(project.root)
        for tab in (self.corpus_tab, self.annotate_tab, self.train_tab, self.attention_tab, self.finetune_tab):
            tab.set_project(project)
        self.export_action.setEnabled(True)
        self.import_action.setEnabled(True)
        self.export_annotations_action.setEnabled(True)
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
        """Open the Export model dialog, which exports on a background thread with progress."""
        from .export_model_dialog import ExportModelDialog

        if self.project is None:
            return
        self.export_dialog = ExportModelDialog(self.project, self)
        self.export_dialog.sigExported.connect(
            lambda out: self.statusBar().showMessage(self.tr("Exported to {path}").format(path=out))
        )
        self.export_dialog.open()

    def open_import_dialog(self, paths=None):
        """Open File ▸ Import… (window-modal, so the project cannot change under it) and return it."""
        from .import_dialog import ImportDialog

        return self._open_dialog("_import_dialog", lambda: ImportDialog(self, self.project, paths or None))

    def open_export_annotations_dialog(self):
        """Open File ▸ Export annotations… (window-modal) and return it."""
        from .export_dialog import ExportAnnotationsDialog

        return self._open_dialog("_export_annotations_dialog", lambda: ExportAnnotationsDialog(self, self.project))

    def _open_dialog(self, attribute: str, create):
        """Show the dialog stored in ``attribute`` if it is open, else replace it with a new one."""
        if self.project is None:
            return None
        dialog = getattr(self, attribute, None)
        if dialog is not None and dialog.isVisible():
            dialog.raise_()
            return dialog
        if dialog is not None:
            dialog.deleteLater()
        dialog = create()
        setattr(self, attribute, dialog)
        dialog.open()
        return dialog

    def show_error(self, title: str, message: str, details: str = "") -> QMessageBox:
        """Show an error without blocking (the box is window-modal, opened with ``open()``).

        ``details`` (usually a traceback) goes behind the box's "Show Details" button and into the log.
        """
        self.last_error = (title, message, details)
        if details:
            log.error("%s: %s\n%s", title, message, details.rstrip())
        else:
            log.error("%s: %s", title, message)
        box = QMessageBox(QMessageBox.Warning, title, message, QMessageBox.Ok, self)
        box.setAttribute(Qt.WA_DeleteOnClose)
        if details:
            box.setDetailedText(details)
        box.open()
        return box

    def _build_error_indicator(self) -> None:
        """Add a status-bar button that counts logged errors and opens the log pane."""
        self.error_button = QPushButton()
        self.error_button.setFlat(True)
        self.error_button.hide()
        self.error_button.clicked.connect(self.log_pane.show)
        self.statusBar().addPermanentWidget(self.error_button)
        self.log_pane.sigErrorCount.connect(self._show_error_count)

    def _show_error_count(self, count: int) -> None:
        self.error_button.setText(self.tr("⚠ %n error(s) in the log", "", count))
        self.error_button.setVisible(count > 0)

    def show_about(self) -> None:
        from .help_about import AboutDialog

        AboutDialog(self).open()

    def show_docs(self, topic: str = "getting-started") -> None:
        from .help_docs import DocsDialog

        self._docs = DocsDialog(self, topic)
        self._docs.show()

    def show_shortcuts(self) -> None:
        from .help_shortcuts import ShortcutSheet

        ShortcutSheet(self).open()

    # Settings -------------------------------------------------------------------------

    @staticmethod
    def legacy_values() -> dict:
        """Return the values that LM Workbench 0.1 kept in ``workbench.ini``, for the settings migration."""
        ini = app_settings()
        values = {}
        for key in ("recent_projects", "window/geometry"):
            value = ini.value(key)
            if isinstance(value, QByteArray):
                value = bytes(value.data())
            if value is not None:
                values[key] = value
        return values

    def save_user_settings(self) -> None:
        try:
            save_settings(self.user_settings)
        except OSError as exc:
            log.error("Cannot save the settings: %s", exc)
            self.statusBar().showMessage(self.tr("Cannot save the settings: {error}").format(error=exc))

    def show_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        self._settings_dialog = SettingsDialog(self.user_settings, self)
        self._settings_dialog.sigApplied.connect(self.apply_settings)
        self._settings_dialog.open()

    def apply_settings(self, settings: Settings) -> None:
        """Use and save ``settings``; the theme changes now, the language on the next start."""
        from PySide6.QtWidgets import QApplication

        from .theme import apply_theme

        previous = self.user_settings
        settings = copy.deepcopy(settings)
        # The window, not the dialog, owns these.
        settings.window_geometry = previous.window_geometry
        settings.window_state = previous.window_state
        settings.recent_projects = list(previous.recent_projects)
        self.user_settings = settings
        self.save_user_settings()
        if settings.theme != previous.theme:
            apply_theme(QApplication.instance(), settings.theme)
        self.autosave_timer.setInterval(settings.autosave_seconds * 1000)
        log.info("Settings saved to the settings file")
        self.sigSettingsChanged.emit(settings)

    def apply_user_defaults(self, settings) -> None:
        """Carry the user's defaults into the tabs: annotator, training device, precision, checkpoint interval."""
        if settings.annotator:
            self.annotate_tab.annotator_field.setText(settings.annotator)
        form = self.train_tab.form
        precision = {"float32": "fp32", "bfloat16": "bf16", "float16": "fp16"}.get(settings.precision, "auto")
        for name, value in (("device", settings.device), ("precision", precision)):
            box = form.fields.get(name)
            index = box.findData(value) if box is not None else -1
            if index >= 0:
                box.setCurrentIndex(index)
        interval = form.fields.get("checkpoint_interval")
        if interval is not None:
            interval.setValue(settings.checkpoint_interval)

    def autosave(self) -> None:
        self._store_window_layout()
        self.save_user_settings()
        self.sigAutosave.emit()

    def _store_window_layout(self) -> None:
        self.user_settings.window_geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode("ascii")
        self.user_settings.window_state = base64.b64encode(bytes(self.saveState().data())).decode("ascii")

    def _restore_window(self) -> None:
        if self.user_settings.window_geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(self.user_settings.window_geometry)))
        if self.user_settings.window_state:
            self.restoreState(QByteArray(base64.b64decode(self.user_settings.window_state)))

    def notify_fonts(self, cjk_font: bool, fell_back: bool) -> QMessageBox | None:
        """Warn when no font has Chinese glyphs: in the log at every start, in a box only the first time."""
        if cjk_font:
            return None
        log.warning(
            "No font with Chinese glyphs found; Chinese text shows as boxes%s. Install one, for example"
            " fonts-noto-cjk or fonts-wqy-microhei on Debian and Ubuntu.",
            ", so the interface is in English" if fell_back else "",
        )
        if self.user_settings.cjk_font_notice_shown:
            return None
        self.user_settings.cjk_font_notice_shown = True
        self.save_user_settings()
        message = self.tr(
            "No font with Chinese glyphs is installed, so Chinese text shows as empty boxes. "
            "Install one, for example Noto Sans CJK (fonts-noto-cjk) or WenQuanYi Micro Hei "
            "(fonts-wqy-microhei) on Linux, then restart LM Workbench. This notice is shown once."
        )
        if fell_back:
            message += "\n\n" + self.tr("Until then the interface is in English.")
        box = QMessageBox(QMessageBox.Information, self.tr("Chinese font missing"), message, QMessageBox.Ok, self)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()
        return box

    def closeEvent(self, event) -> None:
        # Stop workers and wait for them, so a running training saves its checkpoint.
        self.train_tab.shutdown()
        self.finetune_tab.shutdown()
        self.attention_tab.shutdown()
        if self.corpus_tab.runner.is_running():
            self.corpus_tab.runner.shutdown()
        self.corpus_tab.preprocess.shutdown()
        self.autosave_timer.stop()
        self._store_window_layout()
        self.save_user_settings()
        self.settings.sync()
        super().closeEvent(event)
