"""Light and dark themes: follow the desktop's colour scheme, or force one with the Fusion style."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

log = logging.getLogger(__name__)

# The style and palette the platform gave the application, restored for the "system" theme.
_platform_look: dict[int, tuple[str, QPalette]] = {}


def dark_palette() -> QPalette:
    palette = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(230, 230, 230)
    disabled = QColor(130, 130, 130)
    palette.setColor(QPalette.Window, window)
    palette.setColor(QPalette.WindowText, text)
    palette.setColor(QPalette.Base, base)
    palette.setColor(QPalette.AlternateBase, window)
    palette.setColor(QPalette.ToolTipBase, base)
    palette.setColor(QPalette.ToolTipText, text)
    palette.setColor(QPalette.PlaceholderText, disabled)
    palette.setColor(QPalette.Text, text)
    palette.setColor(QPalette.Button, window)
    palette.setColor(QPalette.ButtonText, text)
    palette.setColor(QPalette.BrightText, QColor(255, 80, 80))
    palette.setColor(QPalette.Link, QColor(100, 160, 255))
    palette.setColor(QPalette.Highlight, QColor(42, 130, 218))
    palette.setColor(QPalette.HighlightedText, QColor(255, 255, 255))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        palette.setColor(QPalette.Disabled, role, disabled)
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply ``theme``: ``system`` (the platform's look, which follows its light/dark mode), ``light`` or ``dark``."""
    key = id(app)
    if key not in _platform_look:
        _platform_look[key] = (app.style().name(), QPalette(app.palette()))
    style_name, platform_palette = _platform_look[key]
    hints = app.styleHints()
    if theme == "system":
        if hasattr(hints, "unsetColorScheme"):  # Qt 6.8 and later
            hints.unsetColorScheme()
        app.setStyle(QStyleFactory.create(style_name) or app.style())
        app.setPalette(platform_palette)
    elif theme in ("light", "dark"):
        if hasattr(hints, "setColorScheme"):
            hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
        # Fusion draws with the palette on every platform, so a forced theme looks the same everywhere.
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette() if theme == "dark" else QStyleFactory.create("Fusion").standardPalette())
    else:
        log.warning("Unknown theme %r; keeping the current one.", theme)
        return
    log.info("Applied the %s theme", theme)


def is_dark(app: QApplication) -> bool:
    return app.palette().color(QPalette.Window).lightness() < 128
