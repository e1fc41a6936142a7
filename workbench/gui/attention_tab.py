"""Attention tab: inspect a text's attention in a saved checkpoint or in a model while it trains.

Three views share one forward pass. The head view is a query × key heatmap of one head,
of the mean over heads or of the rollout up to a layer. The model view is a layers × heads
grid of thumbnails, and the statistics view is a table of per-head figures.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import checkpoints, snapshots
from ..core.attention import (
    inspect_text,
    mean_over_heads,
    save_npy,
    write_csv,
)
from ..core.tokenizer import load_tokenizer
from .attention_views import HeatmapView, ModelView, PredictionPanel, StatisticsTable
from .jobs import JobRunner

log = logging.getLogger(__name__)

SNAPSHOT_POLL_MS = 150
HEAD, MEAN, ROLLOUT = "head", "mean", "rollout"
HEAD_VIEW, MODEL_VIEW, STATISTICS_VIEW = 0, 1, 2
FINETUNED_TASKS = ("classify", "ner")


class AttentionTab(QWidget):
    """Signals: ``sigHeatmapShown(int)`` after a text's attention is drawn (its token count),
    ``sigSnapshotShown(int)`` after a training snapshot is drawn (its step), ``sigError(str)``.

    The forward pass, and for a fine-tuned run its prediction, run on a background job.
    """

    sigHeatmapShown = Signal(int)
    sigSnapshotShown = Signal(int)
    sigError = Signal(str)

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.project = None
        self.model = None
        self.model_key = None  # ("checkpoint", path) or ("snapshot", run_id, step)
        self.tokenizer = None
        self.tokens: list[str] = []
        self.weights: np.ndarray | None = None  # (layers, heads, T, T)
        self.rollout: np.ndarray | None = None  # (layers, T, T)
        self.snapshot_run: int | None = None
        self.checkpoint_runs: dict[str, tuple[int, str]] = {}  # checkpoint path -> (run id, task)
        self.prediction: dict | None = None
        self.prediction_run: int | None = None  # the run whose prediction the panel shows
        self.runner = JobRunner(self, "attention")
        self.runner.sigFinished.connect(self._on_inspected)
        self.runner.sigFailed.connect(self._on_inspection_failed)
        self._pending = False  # a request arrived while a pass was running
        self._request: dict | None = None

        self.checkpoint = QComboBox()
        self.checkpoint.setToolTip(self.tr("A saved checkpoint, or a snapshot of a model that is training now"))
        self.checkpoint.currentIndexChanged.connect(self._on_source_changed)
        self.sources_button = QPushButton(self.tr("Update list"))
        self.sources_button.setToolTip(self.tr("List new checkpoints and runs that started training"))
        self.sources_button.clicked.connect(self.refresh_checkpoints)
        self.snapshot_button = QPushButton(self.tr("Refresh snapshot"))
        self.snapshot_button.setToolTip(self.tr("Copy the training model's current weights and show them; training goes on"))
        self.snapshot_button.clicked.connect(self.refresh_snapshot)
        self.auto_refresh = QCheckBox(self.tr("Refresh every"))
        self.auto_refresh.toggled.connect(self._apply_interval)
        self.interval = QSpinBox()
        self.interval.setRange(1, 1_000_000)
        self.interval.setValue(100)
        self.interval.setSuffix(self.tr(" steps"))
        self.interval.valueChanged.connect(self._apply_interval)

        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Type a text to inspect, e.g. 春眠不觉晓，处处闻啼鸟。"))
        self.text.returnPressed.connect(self.show_attention)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.show_attention)
        self.document_button = QPushButton(self.tr("Use the current document"))
        self.document_button.setToolTip(self.tr("Copy the document open in the Annotate tab into the text field"))
        self.document_button.clicked.connect(self.use_current_document)

        self.view = QComboBox()
        self.view.addItems([self.tr("Head view"), self.tr("Model view"), self.tr("Head statistics")])
        self.view.currentIndexChanged.connect(self._on_view_changed)
        self.aggregate = QComboBox()
        self.aggregate.addItem(self.tr("One head"), HEAD)
        self.aggregate.addItem(self.tr("Mean over heads"), MEAN)
        self.aggregate.addItem(self.tr("Rollout up to the layer"), ROLLOUT)
        self.aggregate.setToolTip(self.tr(
            "Rollout multiplies the layers' head means, each mixed half and half with the identity "
            "for the residual connection: how much each token feeds each position after that layer."))
        self.aggregate.currentIndexChanged.connect(self._draw)
        self.layer = QSpinBox()
        self.head = QSpinBox()
        self.layer.valueChanged.connect(self._draw)
        self.head.valueChanged.connect(self._draw)
        self.save_image_button = QPushButton(self.tr("Save image…"))
        self.save_image_button.clicked.connect(self.choose_image_file)
        self.save_weights_button = QPushButton(self.tr("Save weights…"))
        self.save_weights_button.setToolTip(self.tr("All layers and heads as a NumPy .npy array or a CSV table"))
        self.save_weights_button.clicked.connect(self.choose_weights_file)

        self.heatmap = HeatmapView()
        self.heatmap.sigHovered.connect(self._on_hovered)
        self.heatmap.sigTokenSelected.connect(self._on_token_selected)
        self.plot = self.heatmap.plot
        self.image = self.heatmap.image
        self.model_view = ModelView()
        self.model_view.sigHeadChosen.connect(self.open_head)
        self.statistics = StatisticsTable()
        self.statistics.sigHeadChosen.connect(self.open_head)
        self.pages = QStackedWidget()
        for page in (self.heatmap, self.model_view, self.statistics):
            self.pages.addWidget(page)
        self.prediction_panel = PredictionPanel()
        self.prediction_panel.hide()
        self.hover = QLabel(self.tr("Move the mouse over the heatmap to read a weight; click a token to outline its row and column."))
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(SNAPSHOT_POLL_MS)
        self.poll_timer.timeout.connect(self._poll_snapshot)

        self._build_layout()
        self._update_controls()

    def _build_layout(self) -> None:
        source_row = QHBoxLayout()
        source_row.addWidget(QLabel(self.tr("Model:")))
        source_row.addWidget(self.checkpoint, 1)
        source_row.addWidget(self.sources_button)
        source_row.addWidget(self.snapshot_button)
        source_row.addWidget(self.auto_refresh)
        source_row.addWidget(self.interval)
        text_row = QHBoxLayout()
        text_row.addWidget(self.text, 1)
        text_row.addWidget(self.document_button)
        text_row.addWidget(self.show_button)
        view_row = QHBoxLayout()
        view_row.addWidget(self.view)
        view_row.addWidget(self.aggregate)
        view_row.addWidget(QLabel(self.tr("Layer:")))
        view_row.addWidget(self.layer)
        view_row.addWidget(QLabel(self.tr("Head:")))
        view_row.addWidget(self.head)
        view_row.addStretch(1)
        view_row.addWidget(self.save_image_button)
        view_row.addWidget(self.save_weights_button)
        layout = QVBoxLayout(self)
        layout.addLayout(source_row)
        layout.addLayout(text_row)
        layout.addLayout(view_row)
        views_row = QHBoxLayout()
        views_row.addWidget(self.pages, 3)
        views_row.addWidget(self.prediction_panel, 1)
        layout.addLayout(views_row, 1)
        layout.addWidget(self.hover)
        layout.addWidget(self.status)

    # Sources ------------------------------------------------------------------------------

    def set_project(self, project) -> None:
        self.project = project
        self.model = None
        self.model_key = None
        self.refresh_checkpoints()

    def showEvent(self, event) -> None:
        # A run started in the Train tab becomes a source without a click on "Update list".
        self.refresh_checkpoints()
        super().showEvent(event)

    def refresh_checkpoints(self) -> None:
        """List the training runs of this process first, then every run with a checkpoint."""
        previous = self.checkpoint.currentData()
        self.checkpoint.blockSignals(True)
        self.checkpoint.clear()
        self.checkpoint_runs = {}
        if self.project is not None:
            db = self.project.db()
            running = {row[0] for row in db.execute("SELECT id FROM runs WHERE status = 'running'").fetchall()}
            for run_id in snapshots.live_runs():
                if run_id in running:
                    self.checkpoint.addItem(
                        self.tr("Run {run}, training now (snapshot)").format(run=run_id), f"snapshot:{run_id}"
                    )
            rows = db.execute(
                "SELECT id, checkpoint, step, val_loss, task FROM runs WHERE checkpoint IS NOT NULL ORDER BY id DESC"
            ).fetchall()
            for run_id, path, step, val_loss, task in rows:
                label = self.tr("Run {run}, step {step}, validation loss {loss}").format(
                    run=run_id, step=step, loss="–" if val_loss is None else f"{val_loss:.3f}"
                )
                if task in FINETUNED_TASKS:
                    label += " " + self.tr("(fine-tuned: {task})").format(task=task)
                self.checkpoint_runs[path] = (run_id, task)
                self.checkpoint.addItem(label, f"checkpoint:{path}")
        index = self.checkpoint.findData(previous) if previous is not None else -1
        self.checkpoint.setCurrentIndex(max(index, 0) if self.checkpoint.count() else -1)
        self.checkpoint.blockSignals(False)
        self._on_source_changed()

    def source(self):
        """Return the chosen source: ("checkpoint", path), ("snapshot", run_id) or None."""
        data = self.checkpoint.currentData()
        if not data:
            return None
        kind, _, value = data.partition(":")
        return (kind, int(value)) if kind == "snapshot" else (kind, value)

    def _on_source_changed(self, *_args) -> None:
        source = self.source()
        run_id = source[1] if source and source[0] == "snapshot" else None
        if run_id != self.snapshot_run:
            if self.snapshot_run is not None:
                snapshots.set_interval(self.snapshot_run, 0)
            self.snapshot_run = run_id
            self.auto_refresh.setChecked(False)
        if run_id is None:
            self.poll_timer.stop()
        else:
            self.poll_timer.start()
        if self.finetuned_run() != self.prediction_run:
            # The shown prediction belongs to another source; the next pass fills the panel again.
            self.prediction_panel.clear()
            self.prediction_panel.hide()
        self._update_controls()

    def finetuned_run(self) -> int | None:
        """Return the run id when the chosen source is a fine-tuned (classify or ner) run, else None."""
        source = self.source()
        if source is None or source[0] != "checkpoint":
            return None
        run_id, task = self.checkpoint_runs.get(source[1], (None, ""))
        return run_id if task in FINETUNED_TASKS else None

    def _update_controls(self) -> None:
        live = self.snapshot_run is not None
        for widget in (self.snapshot_button, self.auto_refresh, self.interval):
            widget.setEnabled(live)
        has_weights = self.weights is not None
        self.save_image_button.setEnabled(has_weights)
        self.save_weights_button.setEnabled(has_weights)
        mode = self.aggregate.currentData()
        self.head.setEnabled(mode == HEAD and self.view.currentIndex() == HEAD_VIEW)

    def refresh_snapshot(self) -> None:
        """Ask the training run for a snapshot; it is drawn when it arrives."""
        if self.snapshot_run is None:
            return
        snapshots.request_snapshot(self.snapshot_run)
        self.status.setText(self.tr("Waiting for the next training step of run {run}…").format(run=self.snapshot_run))
        self.poll_timer.start()

    def _apply_interval(self, *_args) -> None:
        if self.snapshot_run is None:
            return
        every = self.interval.value() if self.auto_refresh.isChecked() else 0
        snapshots.set_interval(self.snapshot_run, every)

    def _poll_snapshot(self) -> None:
        if self.snapshot_run is None:
            self.poll_timer.stop()
            return
        snapshot = snapshots.latest_snapshot(self.snapshot_run)
        if snapshot is None or self.model_key == ("snapshot", snapshot.run_id, snapshot.step):
            return
        if self.runner.is_running():
            return  # the next poll takes the snapshot once the running pass is drawn
        self._load_snapshot(snapshot)
        if self.text.text().strip():
            self.show_attention(snapshot_step=snapshot.step)
        else:
            self.status.setText(self.tr("Snapshot of run {run} at step {step} loaded; type a text to inspect.").format(
                run=snapshot.run_id, step=snapshot.step))

    def _load_snapshot(self, snapshot) -> None:
        self.model = snapshot.build_model()
        self.model_key = ("snapshot", snapshot.run_id, snapshot.step)
        self.tokenizer = load_tokenizer(self.project.tokenizer_path)

    def _ensure_model(self) -> bool:
        """Load the chosen source's model if it is not loaded yet; return False when there is none."""
        source = self.source()
        if source is None:
            self._fail(self.tr("No checkpoint yet. Train a model in the Train tab first."))
            return False
        if source[0] == "checkpoint":
            path = Path(source[1])
            if self.model_key != ("checkpoint", str(path)):
                self.model, _ = checkpoints.load_model(path)
                self.model_key = ("checkpoint", str(path))
                self.tokenizer = load_tokenizer(checkpoints.tokenizer_path(path, self.project.tokenizer_path))
            return True
        if self.model_key is None or self.model_key[:2] != ("snapshot", source[1]):
            snapshot = snapshots.latest_snapshot(source[1])
            if snapshot is None:
                self.refresh_snapshot()
                return False
            self._load_snapshot(snapshot)
        return True

    # Inspection ---------------------------------------------------------------------------

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

    def show_attention(self, snapshot_step: int | None = None) -> bool:
        """Start one inspection forward pass on the typed text; every view is drawn when it ends.

        For a fine-tuned run the same background job predicts the text's labels or spans.
        Return False when nothing could start (no text, no model); a request made while a
        pass is running is run once that pass ends.
        """
        text = self.text.text()
        if not text.strip():
            self._fail(self.tr("Type a text to inspect first."))
            return False
        if self.runner.is_running():
            self._pending = True
            return True
        try:
            if not self._ensure_model():
                return False
        except (ValueError, checkpoints.CheckpointError, OSError) as exc:
            self._fail(str(exc))
            return False
        model, tokenizer, project, run_id = self.model, self.tokenizer, self.project, self.finetuned_run()
        self._request = {"model_key": self.model_key, "snapshot_step": snapshot_step, "project": project}

        def inspect(_ctx):
            try:
                return inspect_text(model, tokenizer, text, project, run_id)
            except ValueError as exc:
                return str(exc)

        self.status.setText(self.tr("Computing the attention…"))
        self.runner.start(inspect)
        return True

    def _on_inspected(self, inspection) -> None:
        request, self._request = self._request, None
        if self._pending:
            self._pending = False
            self.show_attention(request["snapshot_step"] if request else None)
            return
        if request is None or request["project"] is not self.project:
            return  # the project changed while the pass ran
        if isinstance(inspection, str):
            self._fail(inspection)
            return
        result = inspection.attention
        self.tokens, self.weights, self.rollout = result.tokens, result.weights, inspection.rollout
        layers, heads = self.weights.shape[:2]
        self.layer.setRange(0, layers - 1)
        self.head.setRange(0, heads - 1)
        message = self.tr("{tokens} tokens; {layers} layers × {heads} heads (counted from 0).").format(
            tokens=len(self.tokens), layers=layers, heads=heads
        )
        model_key = request["model_key"]
        if model_key[0] == "snapshot":
            message += " " + self.tr("Snapshot of run {run} at step {step}.").format(
                run=model_key[1], step=model_key[2])
        if result.truncated_from:
            message += " " + self.tr("The text has {total} tokens; the model's context shows the first {shown}.").format(
                total=result.truncated_from, shown=len(self.tokens)
            )
        self.status.setText(message)
        self._show_prediction(inspection)
        self.model_view.set_weights(self.weights)
        self.statistics.set_rows(inspection.statistics)
        self._update_controls()
        self._draw()
        if request["snapshot_step"] is not None:
            self.sigSnapshotShown.emit(request["snapshot_step"])

    def _on_inspection_failed(self, message: str, _trace: str) -> None:
        self._request = None
        self._pending = False
        self._fail(message)

    def _show_prediction(self, inspection) -> None:
        self.prediction = inspection.prediction
        self.prediction_run = inspection.run_id
        if inspection.prediction is not None:
            self.prediction_panel.set_prediction(inspection.prediction)
        elif inspection.prediction_error is not None:
            self.prediction_panel.show_error(inspection.prediction_error)
        else:
            self.prediction_panel.clear()
            self.prediction_panel.hide()
            return
        self.prediction_panel.show()

    def current_matrix(self) -> np.ndarray | None:
        """Return the drawn (query, key) weights: one head, the mean over heads or the rollout."""
        if self.weights is None:
            return None
        layer = self.layer.value()
        mode = self.aggregate.currentData()
        if mode == MEAN:
            return mean_over_heads(self.weights[layer : layer + 1])[0]
        if mode == ROLLOUT:
            return self.rollout[layer]
        return self.weights[layer, self.head.value()]

    def open_head(self, layer: int, head: int) -> None:
        """Show one head of one layer in the head view."""
        self.aggregate.setCurrentIndex(self.aggregate.findData(HEAD))
        self.layer.setValue(layer)
        self.head.setValue(head)
        self.view.setCurrentIndex(HEAD_VIEW)
        self._draw()

    def _on_view_changed(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self._update_controls()

    def _draw(self, *_args) -> None:
        self._update_controls()
        matrix = self.current_matrix()
        if matrix is None:
            return
        self.heatmap.set_matrix(self.tokens, matrix)
        self.sigHeatmapShown.emit(len(self.tokens))

    def _on_hovered(self, query: int, key: int) -> None:
        matrix = self.current_matrix()
        self.hover.setText(
            self.tr("query {q} “{qt}” → key {k} “{kt}”: {weight:.4f}").format(
                q=query, qt=self.tokens[query], k=key, kt=self.tokens[key], weight=matrix[query, key]
            )
        )

    def _on_token_selected(self, index: int) -> None:
        if index < 0:
            self.hover.setText(self.tr("Selection cleared."))
            return
        matrix = self.current_matrix()
        strongest = int(np.argmax(matrix[index]))
        self.hover.setText(
            self.tr("Token {i} “{token}”: its row shows what it attends to (most: “{top}”, {weight:.4f}); "
                    "its column shows which later tokens attend to it.").format(
                i=index, token=self.tokens[index], top=self.tokens[strongest], weight=matrix[index, strongest])
        )

    # Export -------------------------------------------------------------------------------

    def choose_image_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the view as an image"), "attention.png",
                                              self.tr("PNG image (*.png)"))
        if path:
            self.save_image(Path(path))

    def save_image(self, path: Path) -> Path:
        """Save the visible view (heatmap, grid or table) as a PNG file."""
        path = Path(path)
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        if not self.pages.currentWidget().grab().save(str(path), "PNG"):
            self._fail(self.tr("Could not write {path}; choose a folder you can write to.").format(path=path))
        else:
            self.status.setText(self.tr("Saved the view to {path}").format(path=path))
        return path

    def choose_weights_file(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save the attention weights"), "attention.npy",
            self.tr("NumPy array (*.npy);;CSV table (*.csv)"),
        )
        if path:
            self.save_weights(Path(path))

    def save_weights(self, path: Path) -> Path | None:
        """Save every layer's and head's weights: ``.csv`` as a table with tokens, otherwise ``.npy``."""
        if self.weights is None:
            return None
        path = Path(path)
        try:
            if path.suffix.lower() == ".csv":
                write_csv(path, self.tokens, self.weights)
            else:
                path = save_npy(path.with_suffix(".npy"), self.weights)
        except OSError as exc:
            self._fail(self.tr("Could not write {path}: {error}").format(path=path, error=exc))
            return None
        self.status.setText(self.tr("Saved weights of shape {shape} (layer, head, query, key) to {path}").format(
            shape=tuple(self.weights.shape), path=path))
        return path

    def shutdown(self) -> None:
        """Stop polling and switch off automatic snapshots, e.g. when the window closes."""
        self.poll_timer.stop()
        if self.snapshot_run is not None:
            snapshots.set_interval(self.snapshot_run, 0)
        self._pending = False
        self.runner.shutdown()

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        self.sigError.emit(message)
