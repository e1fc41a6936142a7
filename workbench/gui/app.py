"""Start the window: logging, exception hooks, fonts, translations."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from ..core.logs import configure_logging

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


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


def _excepthook(exc_type, exc, tb) -> None:
    logging.getLogger("workbench").error("Uncaught exception", exc_info=(exc_type, exc, tb))
    sys.__stderr__.write("".join(traceback.format_exception(exc_type, exc, tb)))


def main(argv: list[str] | None = None) -> int:
    from .main_window import MainWindow

    argv = list(argv or [])
    configure_logging()
    sys.excepthook = _excepthook
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("LM Workbench")
    app.setOrganizationName("workbench")
    install_translators(app)
    prepare_runtime()
    if not has_cjk_font():
        log.warning("No font with Chinese glyphs found; Chinese text may show as boxes. Install one (e.g. WenQuanYi Micro Hei or Noto Sans CJK).")
    window = MainWindow()
    window.show()
    if argv:
        window.open_project(argv[0])
    return app.exec()
