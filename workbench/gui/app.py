"""Start the window: logging, exception hooks, settings, theme, fonts and translations.

The interface language is chosen at start-up, from the settings (``system`` follows the
locale). A language changed in the Settings dialog takes effect on the next start, which
the dialog offers to do at once (see :func:`restart`).
"""

from __future__ import annotations

import logging
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QProcess,
    QtMsgType,
    QTimer,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from .. import __version__
from ..core.logs import configure_logging
from ..core.settings import load_settings
from . import gc_thread

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
ICONS = RESOURCES / "icons"

# Translators installed by apply_language, removed when it runs again.
_translators: list[QTranslator] = []
# Called with (title, message, details) for uncaught exceptions once a window exists.
_error_sink = None


def prepare_runtime() -> None:
    """Import torch and its lazily loaded optimizer machinery before any training starts.

    The first ``optimizer.step()`` imports ``torch._dynamo``, which holds the GIL for
    150-200 ms; doing it here keeps that stall out of a running UI.
    """
    import gc

    import torch
    import torch._dynamo  # noqa: F401

    # With torch, Qt and pyqtgraph loaded there are about 330,000 tracked objects, and a
    # full garbage collection of them holds the GIL for 60-200 ms (measured on 2 cores).
    # Freezing moves them out of the collector's view, so later collections stay short.
    gc.collect()
    gc.freeze()


def has_cjk_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.SimplifiedChinese))


def install_translators(app: QApplication, language: str | None = None) -> list[QTranslator]:
    """Load our ``.qm`` and Qt's own for ``language`` (default: the system locale)."""
    locale = QLocale(language) if language else QLocale.system()
    translators = []
    ours = QTranslator(app)
    if ours.load(locale, "workbench", "_", str(RESOURCES / "translations")):
        app.installTranslator(ours)
        translators.append(ours)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(qt)
        translators.append(qt)
    return translators


@dataclass
class LanguageChoice:
    language: str  # a locale name such as "zh_CN" or "en_US"
    # True when Chinese was requested but no font has Chinese glyphs, so English is used.
    fell_back: bool = False


def resolve_language(setting: str) -> str:
    """Return the locale name for a ``language`` setting: ``system`` gives the system locale's."""
    return QLocale.system().name() if setting == "system" else setting


def is_chinese(language: str) -> bool:
    return QLocale(language).language() == QLocale.Chinese


def apply_language(app: QApplication, setting: str, cjk_font: bool | None = None) -> LanguageChoice:
    """Install the translators for ``setting``, replacing those of an earlier call.

    Without a font that has Chinese glyphs a Chinese interface would show boxes, so English
    is used instead. Windows built before this call keep their texts.
    """
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    language = resolve_language(setting)
    choice = LanguageChoice(language)
    if is_chinese(language) and not (has_cjk_font() if cjk_font is None else cjk_font):
        choice = LanguageChoice("en", fell_back=True)
    _translators.extend(install_translators(app, choice.language))
    log.info("Interface language %s (setting %r)%s", choice.language, setting,
             ", English because no Chinese font is installed" if choice.fell_back else "")
    return choice


def current_language() -> str:
    """Return the language of the installed translation: ``zh_CN`` or ``en``."""
    for translator in _translators:
        if Path(translator.filePath()).name.startswith("workbench_"):
            return translator.language().replace("-", "_") or "en"
    return "en"


def restart_arguments(project: str | None) -> tuple[str, list[str]]:
    """Return the program and arguments that start the window again, opening ``project``."""
    extra = [project] if project else []
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable is the app
        return sys.executable, extra
    return sys.executable, ["-m", "workbench", *(["open", project] if project else [])]


def restart(window) -> bool:
    """Close ``window`` (which saves settings and stops jobs) and start a new process; False if it stayed open."""
    project = str(window.project.root) if window.project is not None else None
    if not window.close():
        return False
    program, arguments = restart_arguments(project)
    log.info("Restarting: %s %s", program, " ".join(arguments))
    if not QProcess.startDetached(program, arguments):
        log.error("Cannot restart with %s %s; start LM Workbench again by hand.", program, arguments)
        return False
    QApplication.instance().quit()
    return True


def app_icon() -> QIcon:
    """Return the window icon from the PNGs rendered from resources/icons/workbench.svg."""
    icon = QIcon()
    for path in sorted(ICONS.glob("workbench-*.png")):
        icon.addFile(str(path))
    return icon


def set_error_sink(sink) -> None:
    """Route uncaught exceptions to ``sink(title, message, details)``, e.g. a window's error box."""
    global _error_sink
    _error_sink = sink


QT_LOG_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message_handler(kind, context, message: str) -> None:
    """Send Qt's own warnings to the ``qt`` logger, so they reach the log file and the log pane."""
    logging.getLogger("qt").log(QT_LOG_LEVELS.get(kind, logging.WARNING), "%s", message)


def _excepthook(exc_type, exc, tb) -> None:
    logging.getLogger("workbench").error("Uncaught exception", exc_info=(exc_type, exc, tb))
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    sys.__stderr__.write(details)
    if _error_sink is not None:
        try:
            _error_sink(
                QCoreApplication.translate("App", "Unexpected error"), f"{exc_type.__name__}: {exc}", details
            )
        except Exception:  # the error box itself failed; the log above keeps the error
            sys.__stderr__.write(traceback.format_exc())


def main(argv: list[str] | None = None) -> int:
    from .main_window import MainWindow
    from .theme import apply_theme

    from ..__main__ import open_parser

    args = open_parser().parse_args(list(argv or []))
    configure_logging()
    sys.excepthook = _excepthook
    qInstallMessageHandler(_qt_message_handler)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("LM Workbench")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("workbench")
    app.setDesktopFileName("workbench")
    app.setWindowIcon(app_icon())
    loaded = load_settings(legacy=MainWindow.legacy_values())
    apply_theme(app, loaded.settings.theme)
    language = apply_language(app, loaded.settings.language)
    prepare_runtime()
    gc_thread.install(app)
    window = MainWindow(loaded)
    set_error_sink(window.show_error)
    window.show()
    window.notify_fonts(cjk_font=has_cjk_font(), fell_back=language.fell_back)
    if args.dir:
        window.open_project(args.dir)
    if args.quit_after is not None:
        def finish() -> None:
            window.close()
            print(f"LM Workbench {__version__}: the window opened ({window.windowTitle()}) and closed.", flush=True)
            app.quit()

        QTimer.singleShot(int(args.quit_after * 1000), finish)
    return app.exec()
