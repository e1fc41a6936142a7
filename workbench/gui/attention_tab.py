"""Attention tab: a query × key heatmap of one layer and head for a typed text."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core import checkpoints
from ..core.attention import attention_for_text
from ..core.tokenizer import load_tokenizer

log = logging.getLogger(__name__)


class AttentionTab(QWidget):
    """Signals: ``sigHeatmapShown(int)`` after a heatmap is drawn (its token count), ``sigError(str)``."""

    sigHeatmapShown = Signal(int)
    sigError = Signal(str)

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.project = None
        self.model = None
        self.model_path: Path | None = None
        self.tokenizer = None
        self.tokens: list[str] = []
        self.weights: np.ndarray | None = None  # (layers, heads, T, T)

        self.checkpoint = QComboBox()
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Type a text to inspect, e.g. 春眠不觉晓，处处闻啼鸟。"))
        self.text.returnPressed.connect(self.show_attention)
        self.layer = QSpinBox()
        self.head = QSpinBox()
        self.layer.valueChanged.connect(self._draw)
        self.head.valueChanged.connect(self._draw)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.show_attention)
        self.document_button = QPushButton(self.tr("Use the current document"))
        self.document_button.setToolTip(self.tr("Copy the document open in the Annotate tab into the text field"))
        self.document_button.clicked.connect(self.use_current_document)
        self.hover = QLabel(self.tr("Move the mouse over the heatmap to read a weight."))
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self.plot.setAspectLocked(True)
        self.plot.invertY(True)
        self.plot.setLabel("left", self.tr("query"))
        self.plot.setLabel("bottom", self.tr("key"))
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.plot.addItem(self.image)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)

        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Checkpoint:")))
        controls.addWidget(self.checkpoint, 1)
        controls.addWidget(QLabel(self.tr("Layer:")))
        controls.addWidget(self.layer)
        controls.addWidget(QLabel(self.tr("Head:")))
        controls.addWidget(self.head)
        text_row = QHBoxLayout()
        text_row.addWidget(self.text, 1)
        text_row.addWidget(self.document_button)
        text_row.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(text_row)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.hover)
        layout.addWidget(self.status)

    def set_project(self, project) -> None:
        self.project = project
        self.model = None
        self.model_path = None
        self.refresh_checkpoints()

    def refresh_checkpoints(self) -> None:
        self.checkpoint.clear()
        if self.project is None:
            return
        rows = self.project.db().execute(
            "SELECT id, checkpoint, step, val_loss FROM runs WHERE checkpoint IS NOT NULL ORDER BY id DESC"
        ).fetchall()
        for run_id, path, step, val_loss in rows:
            label = self.tr("Run {run}, step {step}, validation loss {loss}").format(
                run=run_id, step=step, loss="–" if val_loss is None else f"{val_loss:.3f}"
            )
            self.checkpoint.addItem(label, path)

    def use_current_document(self) -> None:
        """Put the start of the Annotate tab's current document in the text field and show it."""
        doc_id = self.window.annotate_tab.current_document_id()
        if doc_id is None or self.project is None:
            self._fail(self.tr("No document is open in the Annotate tab."))
            return
        # The model's context bounds the tokens shown; a character is at least one token.
        limit = self.model.config.max_seq_len if self.model is not None else 256
        self.text.setText(self.project.document(doc_id)["text"][:limit])
        self.show_attention()

    def show_attention(self) -> None:
        """Run one inspection forward pass on the typed text and draw the heatmap."""
        path = self.checkpoint.currentData()
        if not path:
            self._fail(self.tr("No checkpoint yet. Train a model in the Train tab first."))
            return
        text = self.text.text()
        if not text.strip():
            self._fail(self.tr("Type a text to inspect first."))
            return
        try:
            if self.model is None or self.model_path != Path(path):
                self.model, _ = checkpoints.load_model(Path(path))
                self.model_path = Path(path)
                self.tokenizer = load_tokenizer(checkpoints.tokenizer_path(Path(path), self.project.tokenizer_path))
            self.tokens, self.weights = attention_for_text(self.model, self.tokenizer, text)
        except (ValueError, checkpoints.CheckpointError, OSError) as exc:
            self._fail(str(exc))
            return
        layers, heads = self.weights.shape[:2]
        self.layer.setRange(0, layers - 1)
        self.head.setRange(0, heads - 1)
        message = self.tr("{tokens} tokens; {layers} layers × {heads} heads (counted from 0).").format(
            tokens=len(self.tokens), layers=layers, heads=heads
        )
        total = len(self.tokenizer.encode(text).ids)
        if total > len(self.tokens):
            message += " " + self.tr("The text has {total} tokens; the model's context shows the first {shown}.").format(
                total=total, shown=len(self.tokens)
            )
        self.status.setText(message)
        self._draw()

    def current_matrix(self) -> np.ndarray | None:
        """Return the drawn (query, key) weights of the chosen layer and head."""
        if self.weights is None:
            return None
        return self.weights[self.layer.value(), self.head.value()]

    def _draw(self) -> None:
        matrix = self.current_matrix()
        if matrix is None:
            return
        self.image.setImage(matrix, levels=(0.0, 1.0))
        count = len(self.tokens)
        ticks = [(i + 0.5, token) for i, token in enumerate(self.tokens)]
        font = self.font()
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setTicks([ticks])
            axis.setStyle(tickFont=font)
        self.plot.setRange(xRange=(0, count), yRange=(0, count), padding=0.02)
        self.sigHeatmapShown.emit(count)

    def _on_mouse_moved(self, position: QPointF) -> None:
        matrix = self.current_matrix()
        if matrix is None:
            return
        point = self.plot.getViewBox().mapSceneToView(position)
        key, query = int(np.floor(point.x())), int(np.floor(point.y()))
        if 0 <= query < matrix.shape[0] and 0 <= key < matrix.shape[1]:
            self.hover.setText(
                self.tr("query {q} “{qt}” → key {k} “{kt}”: {weight:.4f}").format(
                    q=query, qt=self.tokens[query], k=key, kt=self.tokens[key], weight=matrix[query, key]
                )
            )

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        self.sigError.emit(message)
