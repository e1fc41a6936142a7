"""The attention inspector's views: a query × key heatmap, a layers × heads grid, a statistics table
and the panel with a fine-tuned run's prediction."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QImage, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGraphicsRectItem,
    QGridLayout,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

COLORMAP = "viridis"
THUMBNAIL_PIXELS = 96


def colour_table() -> np.ndarray:
    """Return the heatmap's 256-entry RGBA lookup table as uint8."""
    return pg.colormap.get(COLORMAP).getLookupTable(0.0, 1.0, 256, alpha=True).astype(np.uint8)


def matrix_pixmap(matrix: np.ndarray, size: int, table: np.ndarray) -> QPixmap:
    """Render weights in [0, 1] as a square pixmap of ``size`` pixels, one block per weight."""
    indices = np.clip(np.nan_to_num(matrix) * 255.0, 0, 255).astype(np.uint8)
    rgba = np.ascontiguousarray(table[indices])  # (T, T, 4)
    height, width = rgba.shape[:2]
    image = QImage(rgba.data, width, height, 4 * width, QImage.Format_RGBA8888).copy()
    return QPixmap.fromImage(image.scaled(size, size, Qt.IgnoreAspectRatio, Qt.FastTransformation))


class HeatmapView(QWidget):
    """A query × key heatmap with the tokens on both axes.

    Moving the mouse over a cell shows its weight and token pair. Clicking a cell or a
    token label selects that token and outlines its row (what it attends to) and its
    column (what attends to it); clicking it again clears the outline.

    Signals: ``sigHovered(int, int)`` (query, key) and ``sigTokenSelected(int)`` (-1 when cleared).
    """

    sigHovered = Signal(int, int)
    sigTokenSelected = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tokens: list[str] = []
        self.matrix: np.ndarray | None = None
        self.selected: int | None = None

        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self.plot.setAspectLocked(True)
        self.plot.invertY(True)
        self.plot.setMenuEnabled(False)
        self.plot.setLabel("left", self.tr("query"))
        self.plot.setLabel("bottom", self.tr("key"))
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(pg.colormap.get(COLORMAP))
        self.plot.addItem(self.image)
        pen = QPen(QColor(230, 30, 60))
        pen.setWidthF(0.08)
        brush = QBrush(QColor(230, 30, 60, 40))
        self.row_outline = QGraphicsRectItem()
        self.column_outline = QGraphicsRectItem()
        for outline in (self.row_outline, self.column_outline):
            outline.setPen(pen)
            outline.setBrush(brush)
            outline.setVisible(False)
            outline.setZValue(10)
            self.plot.addItem(outline)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._on_mouse_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def set_matrix(self, tokens: list[str], matrix: np.ndarray) -> None:
        """Draw ``matrix`` (query × key) with ``tokens`` on both axes; keep the selection if it still fits."""
        same_tokens = tokens == self.tokens
        self.tokens = list(tokens)
        self.matrix = matrix
        self.image.setImage(matrix, levels=(0.0, 1.0))
        count = len(tokens)
        ticks = [(i + 0.5, token) for i, token in enumerate(tokens)]
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setTicks([ticks])
            axis.setStyle(tickFont=self.font())
        if not same_tokens:
            self.plot.setRange(xRange=(0, count), yRange=(0, count), padding=0.02)
            self.select_token(None)
        else:
            self._place_outlines()

    def cell_at(self, scene_position: QPointF) -> tuple[int, int]:
        """Return the (query, key) cell under a scene position; either may be out of range."""
        point = self.plot.getViewBox().mapSceneToView(scene_position)
        return int(np.floor(point.y())), int(np.floor(point.x()))

    def select_token(self, index: int | None) -> None:
        """Outline the row and column of token ``index``, or clear the outline for None."""
        if index is not None and not 0 <= index < len(self.tokens):
            index = None
        self.selected = index
        self._place_outlines()
        self.sigTokenSelected.emit(-1 if index is None else index)

    def _place_outlines(self) -> None:
        index = self.selected
        visible = index is not None
        self.row_outline.setVisible(visible)
        self.column_outline.setVisible(visible)
        if visible:
            count = len(self.tokens)
            self.row_outline.setRect(QRectF(0, index, count, 1))
            self.column_outline.setRect(QRectF(index, 0, 1, count))

    def _on_mouse_moved(self, position: QPointF) -> None:
        if self.matrix is None:
            return
        query, key = self.cell_at(position)
        if 0 <= query < self.matrix.shape[0] and 0 <= key < self.matrix.shape[1]:
            self.sigHovered.emit(query, key)

    def _on_mouse_clicked(self, event) -> None:
        if self.matrix is None or event.button() != Qt.LeftButton:
            return
        query, key = self.cell_at(event.scenePos())
        count = len(self.tokens)
        if 0 <= query < count and (key < count):
            # A cell or a query label on the left: the query token.
            index = query
        elif 0 <= key < count and query >= count:
            # A key label below the map: the key token.
            index = key
        else:
            return
        self.select_token(None if index == self.selected else index)


class ModelView(QWidget):
    """A grid of thumbnails, one per layer (rows) and head (columns); clicking one opens it.

    Signals: ``sigHeadChosen(int, int)`` (layer, head).
    """

    sigHeadChosen = Signal(int, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = colour_table()
        self.buttons: dict[tuple[int, int], QToolButton] = {}
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def set_weights(self, weights: np.ndarray) -> None:
        """Show one thumbnail per head of ``weights`` shaped (layers, heads, T, T)."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.buttons = {}
        layers, heads = weights.shape[:2]
        for head in range(heads):
            label = QLabel(self.tr("Head {head}").format(head=head))
            label.setAlignment(Qt.AlignCenter)
            self.grid.addWidget(label, 0, head + 1)
        for layer in range(layers):
            self.grid.addWidget(QLabel(self.tr("Layer {layer}").format(layer=layer)), layer + 1, 0)
            for head in range(heads):
                button = QToolButton()
                button.setIcon(QIcon(matrix_pixmap(weights[layer, head], THUMBNAIL_PIXELS, self.table)))
                button.setIconSize(QSize(THUMBNAIL_PIXELS, THUMBNAIL_PIXELS))
                button.setAutoRaise(True)
                button.setToolTip(self.tr("Layer {layer}, head {head}: click to open it in the head view").format(
                    layer=layer, head=head))
                button.clicked.connect(lambda _=False, l=layer, h=head: self.sigHeadChosen.emit(l, h))
                self.grid.addWidget(button, layer + 1, head + 1)
                self.buttons[(layer, head)] = button


class StatisticsTable(QTableWidget):
    """Per-head statistics, sortable by any column; double-click a row to open that head.

    Signals: ``sigHeadChosen(int, int)`` (layer, head).
    """

    sigHeadChosen = Signal(int, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 5, parent)
        self.setHorizontalHeaderLabels([
            self.tr("Layer"), self.tr("Head"), self.tr("Entropy (nats)"),
            self.tr("Mean distance from diagonal"), self.tr("Share on first token"),
        ])
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setVisible(False)
        self.cellDoubleClicked.connect(self._on_double_clicked)

    def set_rows(self, rows: list[tuple[int, int, float, float, float]]) -> None:
        self.setSortingEnabled(False)
        self.setRowCount(len(rows))
        for index, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem()
                # Numbers go in as display data, so sorting compares them as numbers.
                item.setData(Qt.DisplayRole, value if column < 2 else round(value, 4))
                self.setItem(index, column, item)
        self.setSortingEnabled(True)
        self.resizeColumnsToContents()

    def _on_double_clicked(self, row: int, _column: int) -> None:
        self.sigHeadChosen.emit(int(self.item(row, 0).data(Qt.DisplayRole)), int(self.item(row, 1).data(Qt.DisplayRole)))


class PredictionPanel(QWidget):
    """A fine-tuned run's prediction for the inspected text: labels with probabilities, or spans.

    A classification shows every label, most probable first, with the predicted ones marked;
    NER shows each span's text, label, code-point offsets (end-exclusive) and score.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Prediction of the fine-tuned run"))
        title.setStyleSheet("font-weight: bold")
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.setMinimumWidth(220)

    def clear(self) -> None:
        self.summary.clear()
        self.table.setRowCount(0)

    def show_error(self, message: str) -> None:
        self.clear()
        self.summary.setText(self.tr("No prediction: {error}").format(error=message))

    def set_prediction(self, prediction: dict) -> None:
        """Fill the panel from :func:`~workbench.core.predict.predict_text`'s result."""
        if "spans" in prediction:
            self._set_spans(prediction["spans"])
        else:
            self._set_labels(prediction["labels"])

    def _set_rows(self, headers: list[str], rows: list[list]) -> None:
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        for index, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem()
                item.setData(Qt.DisplayRole, value)
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()

    def _set_labels(self, labels: list[dict]) -> None:
        chosen = [row for row in labels if row["chosen"]]
        if chosen:
            self.summary.setText(self.tr("Predicted: {labels}").format(
                labels=", ".join(f"{row['label']} ({row['probability']:.3f})" for row in chosen)))
        else:
            self.summary.setText(self.tr("No label reaches a probability of 0.5."))
        self._set_rows(
            [self.tr("Label"), self.tr("Probability"), self.tr("Predicted")],
            [[row["label"], round(row["probability"], 4), "✓" if row["chosen"] else ""] for row in labels],
        )

    def _set_spans(self, spans: list[dict]) -> None:
        if spans:
            self.summary.setText(self.tr("{count} spans found; offsets count code points, the end excluded.").format(
                count=len(spans)))
        else:
            self.summary.setText(self.tr("No spans found in this text."))
        self._set_rows(
            [self.tr("Text"), self.tr("Label"), self.tr("Start"), self.tr("End"), self.tr("Score")],
            [[span["text"], span["label"], span["start"], span["end"], round(span["score"], 4)] for span in spans],
        )
