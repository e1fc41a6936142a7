"""The document view of the Annotate tab: read-only text with spans drawn in their labels' colours.

Every conversion between Qt cursor positions (UTF-16 units, CRLF shown as one break) and
stored code point offsets goes through :class:`workbench.core.offsets.TextOffsets`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from ..core.offsets import TextOffsets

# Span backgrounds are translucent, so where spans nest or overlap their colours add up
# and the inner span shows darker than the outer one.
SPAN_ALPHA = 70
SELECTED_ALPHA = 150


class SpanTextView(QPlainTextEdit):
    """Signals: ``sigClicked(int)`` with the stored offset of a click that selected no text."""

    sigClicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.offsets = TextOffsets("")
        self.spans: list[dict] = []
        self.colors: dict[int, str] = {}
        self.selected_span_id: int | None = None

    def set_document(self, text: str, spans: list[dict], colors: dict[int, str]) -> None:
        self.offsets = TextOffsets(text)
        self.setPlainText(self.offsets.display)
        self.set_spans(spans, colors)

    def set_spans(self, spans: list[dict], colors: dict[int, str], selected: int | None = None) -> None:
        self.spans = spans
        self.colors = colors
        self.selected_span_id = selected
        self._draw()

    def select_span(self, span_id: int | None, scroll: bool = True) -> None:
        self.selected_span_id = span_id
        self._draw()
        span = self.span(span_id)
        if span is not None and scroll:
            cursor = self.textCursor()
            cursor.setPosition(self.offsets.to_qt(span["start"]))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def span(self, span_id: int | None) -> dict | None:
        return next((s for s in self.spans if s["id"] == span_id), None)

    def spans_at(self, offset: int) -> list[dict]:
        """Return the spans that contain code point ``offset``, shortest first."""
        inside = [s for s in self.spans if s["start"] <= offset < s["end"]]
        return sorted(inside, key=lambda s: (s["end"] - s["start"], s["id"]))

    def _draw(self) -> None:
        selections = []
        on_top = []
        document = self.document()
        for span in self.spans:
            base = QColor(self.colors.get(span["label_id"], "#888888"))
            color = QColor(base)
            selected = span["id"] == self.selected_span_id
            color.setAlpha(SELECTED_ALPHA if selected else SPAN_ALPHA)
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            if selected:
                fmt.setUnderlineStyle(QTextCharFormat.SingleUnderline)
                fmt.setUnderlineColor(base.darker(150))
            cursor = QTextCursor(document)
            cursor.setPosition(self.offsets.to_qt(span["start"]))
            cursor.setPosition(self.offsets.to_qt(span["end"]), QTextCursor.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            # The selected span is drawn last, so its stronger colour is on top.
            (on_top if selected else selections).append(selection)
        self.setExtraSelections(selections + on_top)

    def selected_range(self, snap_tokens: bool = False) -> tuple[int, int] | None:
        """Return the selection as stored ``(start, end)`` on grapheme (or token) edges, or ``None``."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self.offsets.selection_from_qt(cursor.anchor(), cursor.position())
        if snap_tokens:
            start, end = self.offsets.snap_to_tokens(start, end)
        if start == end:
            return None
        return start, end

    def select_range(self, start: int, end: int) -> None:
        """Select stored code points ``[start, end)`` as the user would with the mouse."""
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def cursor_offset(self) -> int:
        return self.offsets.from_qt(self.textCursor().position(), "start")

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.LeftButton and not self.textCursor().hasSelection():
            self.sigClicked.emit(self.cursor_offset())
