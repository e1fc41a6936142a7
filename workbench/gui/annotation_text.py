"""The document view of the Annotate tab: read-only text with spans drawn in their labels' colours.

Every conversion between Qt cursor positions (UTF-16 units, CRLF shown as one break) and
stored code point offsets goes through :class:`workbench.core.offsets.TextOffsets`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

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
        self.label_names: dict[int, str] = {}
        self.selected_span_id: int | None = None

    def set_document(self, text: str, spans: list[dict], labels: list) -> None:
        self.offsets = TextOffsets(text)
        self.setPlainText(self.offsets.display)
        self.set_spans(spans, labels)

    def set_spans(self, spans: list[dict], labels: list, selected: int | None = None) -> None:
        """Show ``spans`` in the colours of ``labels`` (:class:`workbench.core.annotations.Label`)."""
        self.spans = spans
        self.colors = {label.id: label.color for label in labels}
        self.label_names = {label.id: label.name for label in labels}
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

    def tooltip_at(self, offset: int) -> str:
        """Return one line per span containing ``offset``, innermost first: label name and text."""
        lines = []
        for span in self.spans_at(offset):
            piece = self.offsets.text[span["start"]:span["end"]]
            if len(piece) > 40:
                piece = piece[:40] + "…"
            lines.append(f"{self.label_names.get(span['label_id'], '?')}: {piece}")
        return "\n".join(lines)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.ToolTip:
            position = self.cursorForPosition(event.pos()).position()
            text = self.tooltip_at(self.offsets.from_qt(position, "start"))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.LeftButton and not self.textCursor().hasSelection():
            self.sigClicked.emit(self.cursor_offset())
