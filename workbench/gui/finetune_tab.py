"""Fine-tune tab: train a classifier on the annotations, watch its loss, read its evaluation.

The user picks the task (document classification or span labelling), a label set of the
matching kind and an optional base run, then starts the job on a :class:`JobRunner`.
When it ends, the tab shows the headline figures, a per-label table and, for single-label
classification, the confusion matrix as a heatmap with the label names on both axes.
"Pre-annotate" writes the run's predictions into the project for review.
"""

from __future__ import annotations

import logging
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.evaluation import evaluate_run, load_report
from ..core.finetune import FinetuneConfig, finetune
from ..core.finetune_data import task_for_kind
from ..core.predict import predict_documents, uncertainty_queue
from .jobs import JobRunner

log = logging.getLogger(__name__)

HEADLINE = ("accuracy", "baseline_accuracy", "macro_f1", "micro_f1", "exact_match", "precision", "recall", "f1",
            "loss", "perplexity", "examples", "tokens")
HEAD_TASKS = ("classify", "ner")


def _spin(minimum: int, maximum: int, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setValue(value)
    return box


def _read_only_table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
    return table


class FinetuneTab(QWidget):
    """Signals: ``sigPlotUpdated(int)`` after the loss plot is redrawn (number of training points),
    ``sigRunFinished(dict)`` after a run's evaluation is shown, ``sigEvaluated(dict)`` after
    an evaluation asked for with the Evaluate button is shown, ``sigPredicted(dict)`` after
    pre-annotation is written, ``sigError(str)``."""

    sigPlotUpdated = Signal(int)
    sigRunFinished = Signal(dict)
    sigPredicted = Signal(dict)
    sigEvaluated = Signal(dict)
    sigError = Signal(str)

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.project = None
        self.last_result: dict | None = None
        self.report: dict | None = None
        self._job = ""  # "finetune", "evaluate" or "predict": what the runner is doing
        self._run_tasks: dict[int, str] = {}
        self._train = ([], [])
        self._val = ([], [])
        self.runner = JobRunner(self, "fine-tuning")
        self.runner.sigEvents.connect(self._on_events)
        self.runner.sigFinished.connect(self._on_finished)
        self.runner.sigFailed.connect(self._on_failed)
        self.runner.sigCancelled.connect(self._on_cancelled)

        defaults = FinetuneConfig()
        self.task = QComboBox()
        self.task.addItem(self.tr("Document classification"), "classify")
        self.task.addItem(self.tr("Span labelling (token classification)"), "ner")
        self.task.currentIndexChanged.connect(self.refresh_choices)
        self.label_set = QComboBox()
        self.base_run = QComboBox()
        self.base_run.currentIndexChanged.connect(self._update_size_fields)
        self.steps = _spin(1, 1_000_000, defaults.steps)
        self.batch_size = _spin(1, 4096, defaults.batch_size)
        self.seq_len = _spin(2, 65_536, defaults.seq_len)
        self.hidden_size = _spin(8, 8192, defaults.hidden_size)
        self.num_layers = _spin(1, 128, defaults.num_layers)
        self.num_heads = _spin(1, 128, defaults.num_heads)
        self.learning_rate = QDoubleSpinBox()
        self.learning_rate.setDecimals(6)
        self.learning_rate.setRange(1e-6, 1.0)
        self.learning_rate.setSingleStep(1e-4)
        self.learning_rate.setValue(defaults.learning_rate)
        self.val_fraction = QDoubleSpinBox()
        self.val_fraction.setRange(0.01, 0.9)
        self.val_fraction.setSingleStep(0.05)
        self.val_fraction.setValue(defaults.val_fraction)
        self.eval_interval = _spin(1, 1_000_000, defaults.eval_interval)
        self.keep_weights = QComboBox()
        self.keep_weights.addItem(self.tr("Last step"), "last")
        self.keep_weights.addItem(self.tr("Lowest validation loss"), "best_loss")
        self.keep_weights.addItem(self.tr("Best validation score"), "best_score")
        self.keep_weights.setToolTip(
            self.tr("Which weights the run saves: the last ones, or those of the best validation "
                    "(score: accuracy, macro F1 for multi-label sets, entity F1 for spans)")
        )

        form = QFormLayout()
        form.addRow(self.tr("Task:"), self.task)
        form.addRow(self.tr("Label set:"), self.label_set)
        form.addRow(self.tr("Start from:"), self.base_run)
        form.addRow(self.tr("Steps:"), self.steps)
        form.addRow(self.tr("Batch size:"), self.batch_size)
        form.addRow(self.tr("Max tokens per text:"), self.seq_len)
        form.addRow(self.tr("Hidden size:"), self.hidden_size)
        form.addRow(self.tr("Layers:"), self.num_layers)
        form.addRow(self.tr("Heads:"), self.num_heads)
        form.addRow(self.tr("Learning rate:"), self.learning_rate)
        form.addRow(self.tr("Validation share:"), self.val_fraction)
        form.addRow(self.tr("Validate every (steps):"), self.eval_interval)
        form.addRow(self.tr("Keep weights of:"), self.keep_weights)

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.result_run = QComboBox()
        self.result_run.setToolTip(self.tr("Run whose evaluation is shown, evaluated or used to pre-annotate"))
        self.result_run.currentIndexChanged.connect(self._show_stored_report)
        self.evaluate_button = QPushButton(self.tr("Evaluate"))
        self.evaluate_button.setToolTip(
            self.tr("Evaluate the chosen run on its validation split: perplexity for language models, "
                    "accuracy and F1 for classifiers")
        )
        self.evaluate_button.setEnabled(False)
        self.evaluate_button.clicked.connect(self.evaluate)
        self.predict_button = QPushButton(self.tr("Pre-annotate documents"))
        self.predict_button.setToolTip(self.tr("Write the chosen run's predictions beside the human labels for review"))
        self.predict_button.setEnabled(False)
        self.predict_button.clicked.connect(self.predict)
        self.status = QLabel()
        self.status.setWordWrap(True)

        side = QVBoxLayout()
        side.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        side.addLayout(buttons)
        results_form = QFormLayout()
        results_form.addRow(self.tr("Results of:"), self.result_run)
        side.addLayout(results_form)
        result_buttons = QHBoxLayout()
        result_buttons.addWidget(self.evaluate_button)
        result_buttons.addWidget(self.predict_button)
        side.addLayout(result_buttons)
        side.addWidget(self.status)
        self.queue_title = QLabel(self.tr("Label next (most uncertain first):"))
        self.queue_list = QListWidget()
        self.queue_list.setToolTip(self.tr("Double-click a document to open it in the Annotate tab"))
        self.queue_list.itemActivated.connect(self._open_queued_document)
        side.addWidget(self.queue_title)
        side.addWidget(self.queue_list, 1)
        side.addStretch()
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMaximumWidth(340)

        self.plot = pg.PlotWidget()
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=True, alpha=0.3)
        self.plot.setLabel("bottom", self.tr("step"))
        self.plot.setLabel("left", self.tr("loss"))
        self.plot.addLegend()
        self.train_curve = self.plot.plot([], [], pen=pg.mkPen("#4e79a7", width=2), name=self.tr("training"))
        self.val_curve = self.plot.plot(
            [], [], pen=pg.mkPen("#e15759", width=2), symbol="o", symbolSize=6,
            symbolBrush="#e15759", name=self.tr("validation"),
        )

        self.metrics_table = _read_only_table([self.tr("Metric"), self.tr("Value")])
        self.label_table = _read_only_table(
            [self.tr("Label"), self.tr("Precision"), self.tr("Recall"), self.tr("F1"), self.tr("Support")]
        )
        self.confusion_plot = pg.PlotWidget()
        self.confusion_plot.setBackground("w")
        self.confusion_plot.invertY(True)
        self.confusion_plot.setAspectLocked(True)
        self.confusion_plot.setLabel("left", self.tr("true label"))
        self.confusion_plot.setLabel("bottom", self.tr("predicted label"))
        self.confusion_image = pg.ImageItem(axisOrder="row-major")
        self.confusion_image.setColorMap(pg.colormap.get("viridis"))
        self.confusion_plot.addItem(self.confusion_image)
        self._cell_texts: list[pg.TextItem] = []

        tables = QSplitter(Qt.Vertical)
        tables.addWidget(self.metrics_table)
        tables.addWidget(self.label_table)
        results = QSplitter(Qt.Horizontal)
        results.addWidget(tables)
        results.addWidget(self.confusion_plot)
        main = QSplitter(Qt.Vertical)
        main.addWidget(self.plot)
        main.addWidget(results)

        layout = QHBoxLayout(self)
        layout.addWidget(side_widget)
        layout.addWidget(main, 1)
        self._update_size_fields()

    # Choices ------------------------------------------------------------------------------

    def set_project(self, project) -> None:
        self.project = project
        self.last_result = None
        self.refresh_choices()
        self._show_stored_report()

    def showEvent(self, event) -> None:
        # Label sets and runs change in other tabs; list them afresh whenever this tab shows.
        self.refresh_choices()
        super().showEvent(event)

    def refresh_choices(self) -> None:
        """List the label sets that suit the chosen task, and the runs to start from."""
        chosen_set = self.label_set.currentText()
        chosen_run = self.base_run.currentData()
        shown_run = self.result_run.currentData()

        self.label_set.clear()
        self.base_run.clear()
        self.base_run.addItem(self.tr("Nothing (train from scratch)"), 0)
        self.result_run.blockSignals(True)
        self.result_run.clear()
        self._run_tasks = {}
        if self.project is not None:
            db = self.project.db()
            for name, kind in db.execute("SELECT name, kind FROM label_sets ORDER BY name"):
                if task_for_kind(kind) == self.task.currentData():
                    self.label_set.addItem(name)
            rows = db.execute(
                "SELECT id, task, step FROM runs WHERE checkpoint IS NOT NULL ORDER BY id DESC"
            ).fetchall()
            for run_id, task, step in rows:
                title = self.tr("Run {run} ({task}, {steps} steps)").format(run=run_id, task=task, steps=step)
                self.base_run.addItem(title, run_id)
                self.result_run.addItem(title, run_id)
                self._run_tasks[run_id] = task

        # Keep the user's choices where they still exist.
        if chosen_set:
            self.label_set.setCurrentIndex(max(self.label_set.findText(chosen_set), 0))
        if chosen_run is not None:
            self.base_run.setCurrentIndex(max(self.base_run.findData(chosen_run), 0))
        if shown_run is not None and self.result_run.findData(shown_run) >= 0:
            self.result_run.setCurrentIndex(self.result_run.findData(shown_run))
        self.result_run.blockSignals(False)
        if self.result_run.currentData() != shown_run:
            self._show_stored_report()
        self._set_running(self.runner.is_running())

    def select_run(self, run_id: int) -> None:
        """Show the stored evaluation of fine-tuned run ``run_id``."""
        index = self.result_run.findData(run_id)
        if index >= 0:
            self.result_run.setCurrentIndex(index)

    def _show_stored_report(self) -> None:
        self._set_running(self.runner.is_running())
        run_id = self.result_run.currentData()
        report = load_report(self.project, run_id) if self.project is not None and run_id else None
        if report is None:
            self.clear_report()
        else:
            self.show_report(report)
        self.fill_queue()

    def _update_size_fields(self) -> None:
        # A base run fixes the model's sizes, so only training from scratch uses these.
        from_scratch = not self.base_run.currentData()
        for box in (self.hidden_size, self.num_layers, self.num_heads):
            box.setEnabled(from_scratch)

    def config(self) -> FinetuneConfig:
        steps = self.steps.value()
        return FinetuneConfig(
            task=self.task.currentData(),
            label_set=self.label_set.currentText(),
            from_run=int(self.base_run.currentData() or 0),
            steps=steps,
            batch_size=self.batch_size.value(),
            seq_len=self.seq_len.value(),
            hidden_size=self.hidden_size.value(),
            num_layers=self.num_layers.value(),
            num_heads=self.num_heads.value(),
            learning_rate=self.learning_rate.value(),
            min_learning_rate=self.learning_rate.value() / 10,
            warmup_steps=min(20, steps // 10),
            val_fraction=self.val_fraction.value(),
            log_interval=max(1, min(10, steps // 20)),
            eval_interval=self.eval_interval.value(),
            keep_weights=self.keep_weights.currentData(),
        )

    # Training -----------------------------------------------------------------------------

    def start(self) -> None:
        if self.project is None or self.runner.is_running():
            return
        config = self.config()
        try:
            if not config.label_set:
                raise ValueError(self.tr("No label set fits this task. Create one and annotate documents in the Annotate tab."))
            config.validate()
            if not config.from_run and config.hidden_size % config.num_heads:
                raise ValueError(
                    self.tr("Hidden size {hidden} is not divisible by {heads} heads; change one of them.").format(
                        hidden=config.hidden_size, heads=config.num_heads
                    )
                )
        except ValueError as exc:
            self._fail(str(exc))
            return
        self._train = ([], [])
        self._val = ([], [])
        self.train_curve.setData([], [])
        self.val_curve.setData([], [])
        self.last_result = None
        self._set_running(True)
        self.status.setText(self.tr("Fine-tuning…"))
        project = self.project
        self._job = "finetune"
        self.runner.start(lambda ctx: finetune(project, config, ctx))

    def stop(self) -> None:
        self.runner.request_stop()
        self.stop_button.setEnabled(False)
        self.status.setText(self.tr("Stopping after the current step…"))

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running and self.project is not None)
        self.stop_button.setEnabled(running)
        chosen = self.result_run.currentData()
        self.evaluate_button.setEnabled(not running and bool(chosen))
        self.predict_button.setEnabled(not running and self._run_tasks.get(chosen) in HEAD_TASKS)

    def _on_events(self, events) -> None:
        changed = False
        for event in events:
            data = event.data
            if event.kind == "started":
                self.status.setText(
                    self.tr("Run {run}: {train} training and {val} validation examples, {parameters} parameters.").format(
                        run=data["run_id"], train=data["train_examples"], val=data["val_examples"],
                        parameters=f"{data['parameters']:,}",
                    )
                )
            elif event.kind == "warning":
                self.status.setText(data["message"])
            elif event.kind == "metrics":
                for key, series in (("train_loss", self._train), ("val_loss", self._val)):
                    if key in data and math.isfinite(data[key]):
                        series[0].append(data["step"])
                        series[1].append(data[key])
                        changed = True
            elif event.kind == "progress" and self._job == "predict":
                self.status.setText(self.tr("Pre-annotating: {done} of {total} documents").format(
                    done=data["done"], total=data["total"]))
        if changed:
            self.train_curve.setData(*self._train)
            self.val_curve.setData(*self._val)
            self.sigPlotUpdated.emit(len(self._train[0]))

    def _on_finished(self, result: dict) -> None:
        if self._job == "evaluate":
            self._set_running(False)
            self.status.setText(self.tr("Evaluated run {run}.").format(run=self.result_run.currentData()))
            self.show_report(result)
            self.sigEvaluated.emit(result)
            return
        if self._job == "predict":
            self._set_running(False)
            self.status.setText(self._predicted_message(result))
            self.window.documents_changed()
            self.fill_queue()
            self.sigPredicted.emit(result)
            return
        self.last_result = result
        self._set_running(False)
        template = (self.tr("Run {run} stopped at step {step}. Checkpoint: {path}") if result["status"] == "stopped"
                    else self.tr("Run {run} finished at step {step}. Checkpoint: {path}"))
        self.status.setText(template.format(run=result["run_id"], step=result["steps"], path=result["checkpoint"]))
        self.window.runs_changed()
        self.refresh_choices()
        self.select_run(result["run_id"])
        self.show_report(result["evaluation"])
        self.sigRunFinished.emit(result)

    def _on_failed(self, message: str, details: str) -> None:
        self._set_running(False)
        titles = {"evaluate": self.tr("Evaluation failed"), "predict": self.tr("Pre-annotation failed")}
        self.window.show_error(titles.get(self._job, self.tr("Fine-tuning failed")), message, details)
        self._fail(message)

    def _on_cancelled(self) -> None:
        self._set_running(False)
        self.status.setText(self.tr("Stopped."))

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        self.sigError.emit(message)

    def shutdown(self) -> None:
        """Stop a running job and wait for it (called when the window closes)."""
        if self.runner.is_running():
            self.runner.shutdown()

    # Evaluation and pre-annotation ---------------------------------------------------------

    def evaluate(self) -> None:
        run_id = self.result_run.currentData()
        if self.project is None or not run_id or self.runner.is_running():
            return
        project = self.project
        self._set_running(True)
        self.status.setText(self.tr("Evaluating run {run}…").format(run=run_id))
        self._job = "evaluate"
        self.runner.start(lambda ctx: evaluate_run(project, run_id, ctx))

    def predict(self) -> None:
        run_id = self.result_run.currentData()
        if self.project is None or not run_id or self.runner.is_running():
            return
        project = self.project
        self._set_running(True)
        self.stop_button.setEnabled(True)
        self.status.setText(self.tr("Pre-annotating with run {run}…").format(run=run_id))
        self._job = "predict"
        self.runner.start(lambda ctx: predict_documents(project, run_id, ctx=ctx))

    def fill_queue(self, limit: int = 50) -> None:
        """List the chosen run's label set's unlabelled documents by the uncertainty of their latest prediction."""
        self.queue_list.clear()
        run_id = self.result_run.currentData()
        if self.project is None or self._run_tasks.get(run_id) not in HEAD_TASKS:
            return
        row = self.project.db().execute(
            "SELECT label_sets.id FROM runs JOIN label_sets ON label_sets.name = json_extract(runs.config, '$.label_set') "
            "WHERE runs.id = ?",
            [run_id],
        ).fetchone()
        if row is None:
            return
        queue = uncertainty_queue(self.project, row[0], limit=limit)
        previews = self.project.document_previews([doc_id for doc_id, _ in queue], length=40)
        for doc_id, uncertainty in queue:
            text = self.tr("{uncertainty:.2f}  #{doc}  {preview}").format(
                uncertainty=uncertainty, doc=doc_id, preview=previews.get(doc_id, "").replace("\n", " ")
            )
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, doc_id)
            self.queue_list.addItem(item)

    def _open_queued_document(self, item: QListWidgetItem) -> None:
        annotate = self.window.annotate_tab
        annotate.select_document(item.data(Qt.UserRole))
        self.window.tabs.setCurrentWidget(annotate)

    def _predicted_message(self, summary: dict) -> str:
        if summary["kind"] == "spans":
            written = self.tr("{count} predicted spans").format(count=summary["spans"])
        else:
            written = self.tr("{count} predicted labels").format(count=summary["labels"])
        return self.tr("Pre-annotated {documents} documents with {written}; the Annotate tab shows them for review.").format(
            documents=summary["documents"], written=written
        )

    # Evaluation display -------------------------------------------------------------------

    def clear_report(self) -> None:
        self.report = None
        self.metrics_table.setRowCount(0)
        self.label_table.setRowCount(0)
        self._draw_confusion({})

    def show_report(self, report: dict) -> None:
        """Fill the metrics and per-label tables and draw the confusion matrix of ``report``."""
        self.report = report
        names = {
            "accuracy": self.tr("Accuracy"), "baseline_accuracy": self.tr("Majority-label accuracy"),
            "macro_f1": self.tr("Macro F1"), "micro_f1": self.tr("Micro F1"), "exact_match": self.tr("Exact match"),
            "precision": self.tr("Precision (entities)"), "recall": self.tr("Recall (entities)"),
            "f1": self.tr("F1 (entities)"), "loss": self.tr("Validation loss"), "examples": self.tr("Validation examples"),
            "perplexity": self.tr("Perplexity"), "tokens": self.tr("Validation tokens"),
        }
        rows = [(names[key], report[key]) for key in HEADLINE if isinstance(report.get(key), (int, float))]
        self.metrics_table.setRowCount(len(rows))
        for i, (name, value) in enumerate(rows):
            self.metrics_table.setItem(i, 0, QTableWidgetItem(name))
            text = str(value) if isinstance(value, int) else f"{value:.4f}"
            self.metrics_table.setItem(i, 1, QTableWidgetItem(text))

        per_label = report.get("per_label", [])
        self.label_table.setRowCount(len(per_label))
        for i, row in enumerate(per_label):
            cells = [row["label"], f"{row['precision']:.4f}", f"{row['recall']:.4f}", f"{row['f1']:.4f}",
                     str(row["support"])]
            for column, text in enumerate(cells):
                self.label_table.setItem(i, column, QTableWidgetItem(text))
        self._draw_confusion(report)

    def _draw_confusion(self, report: dict) -> None:
        for item in self._cell_texts:
            self.confusion_plot.removeItem(item)
        self._cell_texts = []
        confusion = report.get("confusion")
        if not confusion:
            self.confusion_image.clear()
            self.confusion_plot.setTitle(self.tr("No confusion matrix for this task") if report else "")
            return
        matrix = np.asarray(confusion, dtype=float)
        # Colour by the share of each true label's examples, so rare labels stay readable.
        totals = matrix.sum(1, keepdims=True)
        shares = np.divide(matrix, totals, out=np.zeros_like(matrix), where=totals > 0)
        self.confusion_image.setImage(shares, levels=(0.0, 1.0))
        self.confusion_plot.setTitle(self.tr("Confusion matrix (colour: share of the true label)"))
        ticks = [(i + 0.5, name) for i, name in enumerate(report["labels"])]
        font = self.font()  # the application font, which has Chinese glyphs
        for axis_name in ("left", "bottom"):
            axis = self.confusion_plot.getAxis(axis_name)
            axis.setTicks([ticks])
            axis.setStyle(tickFont=font)
        for (row, column), count in np.ndenumerate(matrix):
            colour = "k" if shares[row, column] > 0.6 else "w"
            text = pg.TextItem(str(int(count)), color=colour, anchor=(0.5, 0.5))
            text.setPos(column + 0.5, row + 0.5)
            self.confusion_plot.addItem(text)
            self._cell_texts.append(text)
        size = len(matrix)
        self.confusion_plot.setRange(xRange=(0, size), yRange=(0, size), padding=0.02)
