"""Statistics plots of a preprocessing run (pyqtgraph): lengths, tokens, frequencies, labels, counts."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget


def _bars(plot: pg.PlotItem, values: list[float], offset: float, width: float, colour: str, name: str) -> None:
    plot.addItem(pg.BarGraphItem(x=np.arange(len(values)) + offset, height=values, width=width,
                                 brush=colour, name=name))


class StatsView(QWidget):
    """Five plots filled from a run's ``stats`` and ``steps``; :meth:`show_run` redraws them all."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lengths = pg.PlotWidget()
        self.tokens = pg.PlotWidget()
        self.frequency = pg.PlotWidget()
        self.labels = pg.PlotWidget()
        self.counts = pg.PlotWidget()
        self.empty = QLabel(self.tr("Run the pipeline to see statistics."))
        titles = [
            (self.lengths, self.tr("Document length (characters, log scale)")),
            (self.tokens, self.tr("Tokens per document (log scale)")),
            (self.frequency, self.tr("Token rank / frequency (log-log)")),
            (self.labels, self.tr("Labels before / after")),
            (self.counts, self.tr("Documents before / after each step")),
        ]
        for widget, title in titles:
            widget.setTitle(title)
            widget.setBackground("w")
            widget.setMinimumHeight(220)
            widget.addLegend()
        layout = QGridLayout(self)
        layout.addWidget(self.empty, 0, 0, 1, 2)
        layout.addWidget(self.lengths, 1, 0)
        layout.addWidget(self.tokens, 1, 1)
        layout.addWidget(self.frequency, 2, 0)
        layout.addWidget(self.labels, 2, 1)
        layout.addWidget(self.counts, 3, 0, 1, 2)

    def show_run(self, stats: dict, steps: list[dict]) -> None:
        self.empty.setVisible(not stats)
        for widget in (self.lengths, self.tokens, self.frequency, self.labels, self.counts):
            widget.clear()
        self._histogram(self.lengths, stats.get("document_chars_before"), "#9bb7d4", self.tr("before"))
        self._histogram(self.lengths, stats.get("document_chars_after"), "#d4793b", self.tr("after"))
        self._histogram(self.tokens, stats.get("document_tokens"), "#5a9e6f", self.tr("documents"))
        frequency = stats.get("token_rank_frequency") or {}
        if frequency.get("ranks"):
            self.frequency.setLogMode(True, True)
            self.frequency.plot(frequency["ranks"], frequency["counts"], pen=pg.mkPen("#4063a8", width=2),
                                name=self.tr("{n} distinct tokens").format(n=frequency["distinct"]))
        self._labels(stats.get("labels") or {})
        if steps:
            names = [s["step"] for s in steps]
            _bars(self.counts.getPlotItem(), [s["documents_in"] for s in steps], -0.2, 0.4, "#9bb7d4", self.tr("in"))
            _bars(self.counts.getPlotItem(), [s["documents_out"] for s in steps], 0.2, 0.4, "#d4793b", self.tr("out"))
            self.counts.getAxis("bottom").setTicks([list(enumerate(names))])

    def _histogram(self, widget: pg.PlotWidget, histogram: dict | None, colour: str, name: str) -> None:
        if not histogram or not histogram.get("counts"):
            return
        edges = np.log10(np.asarray(histogram["edges"], dtype=float))
        widget.plot(edges, histogram["counts"], stepMode="center", fillLevel=0, brush=colour + "88",
                    pen=pg.mkPen(colour), name=name)
        widget.getAxis("bottom").setLabel(self.tr("log10"))

    def _labels(self, labels: dict) -> None:
        names, before, after = [], [], []
        for label_set, counts in labels.items():
            for label, (count_before, count_after) in counts.items():
                names.append(f"{label_set}:{label}")
                before.append(count_before)
                after.append(count_after)
        if names:
            _bars(self.labels.getPlotItem(), before, -0.2, 0.4, "#9bb7d4", self.tr("before"))
            _bars(self.labels.getPlotItem(), after, 0.2, 0.4, "#d4793b", self.tr("after"))
            self.labels.getAxis("bottom").setTicks([list(enumerate(names))])
