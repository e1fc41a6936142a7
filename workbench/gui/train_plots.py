"""Live training curves: loss, learning rate, gradient norm and throughput, with earlier runs overlaid.

Points go into growing numpy buffers; the curves are redrawn from them at most a few times
a second. Each curve downsamples to the view's pixel width and clips to the visible range,
so a series of hundreds of thousands of points redraws in milliseconds. NaN and inf values
are drawn as gaps (``connect="finite"``), so one bad value never hides the rest of a curve.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from ..core.run_records import METRIC_NAMES

# Each tick redraws one plot, so a plot refreshes every 4 x 100 ms. Painting one plot at a
# time keeps each blocking paint on the GUI thread short while training competes for the GIL.
REDRAW_INTERVAL_MS = 100
PLOT_GROUPS = (("train_loss", "val_loss"), ("learning_rate",), ("grad_norm",), ("tokens_per_second",))
OVERLAY_COLOURS = ["#59a14f", "#b07aa1", "#f28e2b", "#76b7b2", "#edc948", "#9c755f", "#bab0ac"]
MAX_MARKERS = 50


class SeriesBuffer:
    """Steps and values of one metric, in arrays that double their capacity when full."""

    def __init__(self, capacity: int = 1024):
        self.steps = np.empty(capacity)
        self.values = np.empty(capacity)
        self.size = 0

    def append(self, step: float, value: float) -> None:
        if self.size == len(self.steps):
            self.steps = np.resize(self.steps, 2 * self.size)
            self.values = np.resize(self.values, 2 * self.size)
        self.steps[self.size] = step
        self.values[self.size] = value
        self.size += 1

    def extend(self, steps: np.ndarray, values: np.ndarray) -> None:
        needed = self.size + len(steps)
        if needed > len(self.steps):
            capacity = max(needed, 2 * len(self.steps))
            self.steps = np.resize(self.steps, capacity)
            self.values = np.resize(self.values, capacity)
        self.steps[self.size : needed] = steps
        self.values[self.size : needed] = values
        self.size = needed

    def clear(self) -> None:
        self.size = 0

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        return self.steps[: self.size], self.values[: self.size]


def finite_or_nan(values: np.ndarray) -> np.ndarray:
    """Return ``values`` with inf replaced by NaN, so plots draw a gap instead of an infinite range."""
    return np.where(np.isfinite(values), values, np.nan)


def smooth(values: np.ndarray, weight: float) -> np.ndarray:
    """Exponential moving average with bias correction, skipping non-finite values.

    ``weight`` in [0, 1) is the share of the previous average kept at each point, as in
    TensorBoard's smoothing slider; 0 returns the values unchanged.
    """
    if weight <= 0 or len(values) == 0:
        return values
    out = np.empty_like(values)
    average = 0.0
    count = 0
    for i, value in enumerate(values.tolist()):
        if math.isfinite(value):
            average = weight * average + (1 - weight) * value
            count += 1
        out[i] = average / (1 - weight**count) if count else math.nan
    return out


def _curve(plot: pg.PlotItem, colour: str, name: str | None, dashed: bool = False, symbol: str | None = None):
    pen = pg.mkPen(colour, width=1 if dashed else 2, style=Qt.DashLine if dashed else Qt.SolidLine)
    item = plot.plot([], [], pen=pen, name=name, connect="finite", symbol=symbol, symbolSize=5,
                     symbolBrush=colour, symbolPen=None)
    # Set after construction: pyqtgraph 0.14 ignores these two as constructor keywords.
    item.setDownsampling(auto=True, method="peak")
    item.setClipToView(True)
    # One QPainterPath per curve: drawing downsampled 200,000-point series as separate line
    # segments took 100-150 ms per repaint instead of 25-50 ms (offscreen platform, shared 2-core machine).
    item.curve.setSegmentedLineMode("off")
    return item


class TrainPlots(QWidget):
    """Four plots of the current run's five series, plus any earlier runs chosen for comparison.

    ``sigRedrawn(int)`` is emitted after each redraw with the number of training-loss points.
    """

    sigRedrawn = Signal(int)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.buffers = {name: SeriesBuffer() for name in METRIC_NAMES}
        self.nonfinite_steps: list[int] = []
        self._overlays: dict[int, list] = {}
        self._dirty_groups: set[int] = set()
        self._next_group = 0
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setInterval(REDRAW_INTERVAL_MS)
        self._redraw_timer.timeout.connect(self._redraw_next_group)

        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        titles = {
            "loss": self.tr("loss"),
            "learning_rate": self.tr("learning rate"),
            "grad_norm": self.tr("gradient norm"),
            "tokens_per_second": self.tr("tokens/s"),
        }
        self.loss_plot = self.view.addPlot(row=0, col=0, colspan=3, title=titles["loss"])
        self.lr_plot = self.view.addPlot(row=1, col=0, title=titles["learning_rate"])
        self.grad_plot = self.view.addPlot(row=1, col=1, title=titles["grad_norm"])
        self.speed_plot = self.view.addPlot(row=1, col=2, title=titles["tokens_per_second"])
        self.view.ci.layout.setRowStretchFactor(0, 2)
        self.plots = [self.loss_plot, self.lr_plot, self.grad_plot, self.speed_plot]
        for plot in self.plots:
            plot.setLabel("bottom", self.tr("step"))
        self.loss_plot.addLegend(offset=(-10, 10))
        self.curves = {
            "train_loss": _curve(self.loss_plot, "#4e79a7", self.tr("training")),
            "val_loss": _curve(self.loss_plot, "#e15759", self.tr("validation"), symbol="o"),
            "learning_rate": _curve(self.lr_plot, "#4e79a7", None),
            "grad_norm": _curve(self.grad_plot, "#4e79a7", None),
            "tokens_per_second": _curve(self.speed_plot, "#4e79a7", None),
        }
        self.raw_train_curve = _curve(self.loss_plot, "#a0b8d4", None)
        self.raw_train_curve.setZValue(-1)
        self._markers: list[pg.InfiniteLine] = []

        self.smoothing = QSlider(Qt.Horizontal)
        self.smoothing.setRange(0, 99)
        self.smoothing.setValue(60)
        self.smoothing.setToolTip(self.tr("Exponential moving average of the training loss, as in TensorBoard"))
        self.smoothing_label = QLabel()
        self.smoothing.valueChanged.connect(self._smoothing_changed)
        self.log_scale = QCheckBox(self.tr("Log scale"))
        self.log_scale.toggled.connect(self._log_scale_changed)
        # Off by default: pyqtgraph draws grid lines into each axis picture, and replaying
        # those made a repaint of the loss plot about five times slower (3 ms to 14 ms).
        self.grid = QCheckBox(self.tr("Grid"))
        self.grid.toggled.connect(self._grid_changed)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Smoothing:")))
        controls.addWidget(self.smoothing, 1)
        controls.addWidget(self.smoothing_label)
        controls.addWidget(self.log_scale)
        controls.addWidget(self.grid)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.view, 1)
        self._smoothing_changed(self.smoothing.value())
        self._smoothed_size = 0
        self._smoothed = np.empty(0)
        self._smooth_state = (0.0, 0)

    # Data of the current run --------------------------------------------------------------

    def clear(self) -> None:
        for buffer in self.buffers.values():
            buffer.clear()
        self.nonfinite_steps = []
        for marker in self._markers:
            self.loss_plot.removeItem(marker)
        self._markers = []
        self._reset_smoothing()
        self.redraw()

    def add_metrics(self, step: int, values: dict) -> None:
        """Buffer one metrics event's values; the plots redraw on the next timer tick."""
        for name, buffer in self.buffers.items():
            if name in values:
                buffer.append(step, values[name])
        self.schedule_redraw()

    def mark_nonfinite(self, step: int) -> None:
        self.nonfinite_steps.append(step)
        if len(self._markers) < MAX_MARKERS:
            marker = pg.InfiniteLine(step, angle=90, pen=pg.mkPen("#e15759", width=1, style=Qt.DotLine))
            self.loss_plot.addItem(marker)
            self._markers.append(marker)

    def schedule_redraw(self) -> None:
        self._dirty_groups.update(range(len(PLOT_GROUPS)))
        if not self._redraw_timer.isActive():
            self._redraw_timer.start()

    def _redraw_next_group(self) -> None:
        """Redraw the next plot with new points; stop the timer when none is left."""
        for _ in range(len(PLOT_GROUPS)):
            group = self._next_group
            self._next_group = (group + 1) % len(PLOT_GROUPS)
            if group in self._dirty_groups:
                self._dirty_groups.discard(group)
                self._redraw_group(group)
                return
        self._redraw_timer.stop()

    def smoothing_weight(self) -> float:
        return self.smoothing.value() / 100

    def _reset_smoothing(self) -> None:
        self._smoothed_size = 0
        self._smoothed = np.empty(0)
        self._smooth_state = (0.0, 0)

    def _smoothed_train_loss(self, values: np.ndarray) -> np.ndarray:
        """Extend the cached moving average to the new points only, so a redraw costs O(new points)."""
        weight = self.smoothing_weight()
        if weight <= 0:
            return values
        if len(self._smoothed) < len(values):
            self._smoothed = np.resize(self._smoothed, max(2 * len(values), 1024))
        average, count = self._smooth_state
        for i in range(self._smoothed_size, len(values)):
            value = float(values[i])
            if math.isfinite(value):
                average = weight * average + (1 - weight) * value
                count += 1
            self._smoothed[i] = average / (1 - weight**count) if count else math.nan
        self._smooth_state = (average, count)
        self._smoothed_size = len(values)
        return self._smoothed[: len(values)]

    def redraw(self) -> None:
        """Redraw every plot now."""
        self._dirty_groups.clear()
        for group in range(len(PLOT_GROUPS)):
            self._redraw_group(group)

    def _redraw_group(self, group: int) -> None:
        for name in PLOT_GROUPS[group]:
            steps, values = self.buffers[name].arrays()
            if name == "train_loss":
                self.raw_train_curve.setData(steps, finite_or_nan(values))
                values = self._smoothed_train_loss(values)
            self.curves[name].setData(steps, finite_or_nan(values))
        # Fit the range now: left to the paint, the range change and the axes that follow it
        # each cause another full paint of the plot (three per redraw instead of one).
        self.plots[group].getViewBox().updateAutoRange()
        if group == 0:
            self.sigRedrawn.emit(self.buffers["train_loss"].size)

    def _smoothing_changed(self, value: int) -> None:
        self.smoothing_label.setText(f"{value / 100:.2f}")
        self._reset_smoothing()
        self.raw_train_curve.setVisible(value > 0)
        for items in self._overlays.values():
            self._draw_overlay(items)
        self.redraw()

    def _grid_changed(self, checked: bool) -> None:
        for plot in self.plots:
            plot.showGrid(x=checked, y=checked, alpha=0.3)

    def _log_scale_changed(self, checked: bool) -> None:
        for plot in (self.loss_plot, self.lr_plot, self.grad_plot):
            plot.setLogMode(y=checked)

    # Earlier runs ----------------------------------------------------------------------

    def set_overlays(self, runs: dict[int, dict[str, tuple[np.ndarray, np.ndarray]]]) -> None:
        """Show the given runs' series dashed, one colour per run; ``runs`` maps run id to metric arrays."""
        for run_id in list(self._overlays):
            if run_id not in runs:
                _, items = self._overlays.pop(run_id)
                for plot, item in zip(self._overlay_plots(), items):
                    plot.removeItem(item)
        for index, (run_id, series) in enumerate(sorted(runs.items())):
            if run_id in self._overlays:
                continue
            colour = OVERLAY_COLOURS[index % len(OVERLAY_COLOURS)]
            label = self.tr("run {run}").format(run=run_id)
            items = [
                _curve(self.loss_plot, colour, label + " " + self.tr("training"), dashed=True),
                _curve(self.loss_plot, colour, label + " " + self.tr("validation"), dashed=True, symbol="t"),
                _curve(self.lr_plot, colour, None, dashed=True),
                _curve(self.grad_plot, colour, None, dashed=True),
                _curve(self.speed_plot, colour, None, dashed=True),
            ]
            self._overlays[run_id] = [series, items]
            self._draw_overlay(self._overlays[run_id])

    def _overlay_plots(self) -> list[pg.PlotItem]:
        """Return the plot of each overlay item, in the order of METRIC_NAMES."""
        return [self.loss_plot, self.loss_plot, self.lr_plot, self.grad_plot, self.speed_plot]

    def overlay_ids(self) -> list[int]:
        return sorted(self._overlays)

    def _draw_overlay(self, entry) -> None:
        series, items = entry
        for name, item in zip(METRIC_NAMES, items):
            steps, values = series.get(name, (np.zeros(0), np.zeros(0)))
            if name == "train_loss":
                values = smooth(values, self.smoothing_weight())
            item.setData(steps, finite_or_nan(values))
