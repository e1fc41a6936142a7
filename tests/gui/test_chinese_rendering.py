"""Chinese text renders as glyphs, not as boxes, in the offscreen window."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from workbench.gui.app import has_cjk_font


def render_text(text: str, font) -> QImage:
    image = QImage(64, 64, QImage.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignCenter, text)
    painter.end()
    return image


def ink(image: QImage) -> int:
    """Count non-white pixels."""
    return sum(
        1 for y in range(image.height()) for x in range(image.width()) if image.pixelColor(x, y) != QColor("white")
    )


def test_chinese_font_is_installed(qapp):
    assert has_cjk_font(), "no font with Simplified Chinese glyphs; install fonts-wqy-microhei or Noto Sans CJK"


def test_distinct_chinese_glyphs_drawn(window):
    font = window.annotate_tab.text.font()
    first = render_text("北", font)
    second = render_text("京", font)
    # Missing glyphs all draw the same box, so two different characters must differ.
    assert ink(first) > 20
    assert ink(second) > 20
    assert first != second


def test_main_window_screenshot_chinese(window, qtbot, tmp_path):
    source = tmp_path / "poems.txt"
    source.write_text("春眠不觉晓，处处闻啼鸟。\n夜来风雨声，花落知多少。\n🙂 我住在北京。\n", encoding="utf-8")
    window.new_project(tmp_path / "中文项目")
    window.corpus_tab.import_paths([source], mode="line")
    window.tabs.setCurrentWidget(window.annotate_tab)
    qtbot.waitExposed(window)
    assert window.annotate_tab.text.toPlainText() == "春眠不觉晓，处处闻啼鸟。"
    target_dir = Path(os.environ.get("WORKBENCH_SCREENSHOT_DIR", tmp_path))
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / "main_window_chinese.png"
    assert window.grab().save(str(target))
    assert target.stat().st_size > 10_000
