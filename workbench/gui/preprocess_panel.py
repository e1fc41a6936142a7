"""The preprocessing panel: switch steps on, set them, preview, run in the background, inspect.

The form is built from the pipeline dataclasses in :mod:`workbench.core.preprocess.config`;
labels and help come from :meth:`PreprocessPanel._field_texts`, so every setting in
``pipeline.toml`` has a control. The run goes through a :class:`JobRunner`; the panel shows
progress with an estimate of the time left, and a Cancel button.
"""

from __future__ import annotations

import html
import logging
from dataclasses import fields

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.preprocess import PipelineConfig, PipelineConfigError, load_project_config, run_pipeline, save_project_config
from ..core.preprocess import store
from ..core.preprocess.config import SECTIONS
from ..core.preprocess.pipeline import preview
from ..core.tokenizer import KINDS, load_tokenizer, vocabulary
from .jobs import JobRunner
from .preprocess_removed import RemovedView
from .preprocess_stats import StatsView

log = logging.getLogger(__name__)

CHOICES = {("normalise", "form"): ["NFC", "NFKC"], ("split", "mode"): ["fraction", "count"],
           ("tokenizer", "kind"): list(KINDS)}
TOKEN_COLOURS = ["#fde2b8", "#c9e4f6", "#d6f0c9", "#f3cde0", "#e4dcf7"]


class PreprocessPanel(QWidget):
    """Signals: ``sigPreviewReady(list)`` after the preview table is filled, ``sigRunFinished(dict)``
    after a run's results are shown, ``sigRunFailed(str)``, ``sigCancelled()`` and
    ``sigRestored(int)`` after normalised texts were put back (with their count)."""

    sigPreviewReady = Signal(list)
    sigRunFinished = Signal(dict)
    sigRunFailed = Signal(str)
    sigCancelled = Signal()
    sigRestored = Signal(int)

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.project = None
        self.run_id: int | None = None
        # The phase being reported and when its first progress event came, for the ETA.
        self._phase = ""
        self._phase_started = 0.0
        self.controls: dict[tuple[str, str], QWidget] = {}
        self.runner = JobRunner(self, "preprocess")
        self.runner.sigEvents.connect(self._on_events)
        self.runner.sigFinished.connect(self._on_finished)
        self.runner.sigFailed.connect(self._on_failed)
        self.runner.sigCancelled.connect(self._on_cancelled)

        self.steps = QListWidget()
        self.pages = QStackedWidget()
        for section in SECTIONS:
            item = QListWidgetItem(self._step_names()[section])
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            item.setData(Qt.UserRole, section)
            self.steps.addItem(item)
            self.pages.addWidget(self._build_page(section))
        self.steps.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.steps.setCurrentRow(0)
        self.steps.setMaximumWidth(200)

        self.save_button = QPushButton(self.tr("Save pipeline"))
        self.save_button.clicked.connect(self.save)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.show_preview)
        self.run_button = QPushButton(self.tr("Run pipeline"))
        self.run_button.clicked.connect(self.run)
        self.undo_button = QPushButton(self.tr("Undo normalisation"))
        self.undo_button.setToolTip(self.tr("Put back the texts and span offsets that the shown run normalised."))
        self.undo_button.clicked.connect(self.undo_normalisation)
        self.undo_button.setEnabled(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.runner.request_stop)
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.preview_table = self._table([self.tr("Document"), self.tr("Before"), self.tr("After"), self.tr("Result")])
        self.report_table = self._table(
            [self.tr("Step"), self.tr("Documents in"), self.tr("Documents out"), self.tr("Removed"),
             self.tr("Changed"), self.tr("Characters in"), self.tr("Characters out"), self.tr("Notes")]
        )
        self.removed = RemovedView()
        self.stats = StatsView()
        stats_scroll = QScrollArea()
        stats_scroll.setWidget(self.stats)
        stats_scroll.setWidgetResizable(True)
        self.tokenizer_view = self._build_tokenizer_view()
        self.results = QTabWidget()
        self.results.addTab(self.preview_table, self.tr("Preview"))
        self.results.addTab(self.report_table, self.tr("Report"))
        self.results.addTab(self.removed, self.tr("Removed documents"))
        self.results.addTab(stats_scroll, self.tr("Statistics"))
        self.results.addTab(self.tokenizer_view, self.tr("Tokenizer"))

        settings = QWidget()
        settings_row = QHBoxLayout(settings)
        settings_row.setContentsMargins(0, 0, 0, 0)
        settings_row.addWidget(self.steps)
        scroll = QScrollArea()
        scroll.setWidget(self.pages)
        scroll.setWidgetResizable(True)
        settings_row.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        for widget in (self.save_button, self.preview_button, self.run_button, self.undo_button, self.progress,
                       self.cancel_button):
            buttons.addWidget(widget)
        buttons.addStretch()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(settings, 1)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.status)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.results)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.set_project(None)

    # Form -------------------------------------------------------------------------------

    def _step_names(self) -> dict[str, str]:
        return {
            "normalise": self.tr("1. Normalise"),
            "filter": self.tr("2. Filter"),
            "dedup": self.tr("3. Deduplicate"),
            "split": self.tr("4. Split"),
            "tokenizer": self.tr("5. Tokenizer"),
            "encode": self.tr("6. Encode"),
        }

    def _field_texts(self) -> dict[tuple[str, str], tuple[str, str]]:
        """Label and tooltip of every setting, by (section, field)."""
        return {
            ("normalise", "form"): (self.tr("Unicode form"), self.tr(
                "NFC composes accents only. NFKC also folds compatibility forms: full-width letters, digits "
                "and punctuation (Ａ１！ becomes A1!, ，becomes ,), ligatures and circled numbers.")),
            ("normalise", "fix_mojibake"): (self.tr("Repair mojibake"), self.tr(
                "Repair UTF-8 text that was decoded as Latin-1 or Windows-1252 (ftfy).")),
            ("normalise", "remove_control"): (self.tr("Remove control characters"), self.tr(
                "Remove C0/C1 control characters, the byte-order mark and zero-width spaces.")),
            ("normalise", "normalise_line_endings"): (self.tr("Unify line endings"), self.tr(
                "Turn CRLF, CR and Unicode line separators into LF.")),
            ("normalise", "collapse_whitespace"): (self.tr("Collapse white space"), self.tr(
                "Collapse runs of spaces and tabs, strip line ends, keep at most one blank line.")),
            ("filter", "min_chars"): (self.tr("Minimum characters"), ""),
            ("filter", "max_chars"): (self.tr("Maximum characters (0: none)"), ""),
            ("filter", "min_words"): (self.tr("Minimum words"), self.tr("In Chinese text each ideograph is a word.")),
            ("filter", "max_words"): (self.tr("Maximum words (0: none)"), ""),
            ("filter", "min_tokens"): (self.tr("Minimum tokens"), self.tr("Uses the project's current tokenizer.")),
            ("filter", "max_tokens"): (self.tr("Maximum tokens (0: none)"), ""),
            ("filter", "languages"): (self.tr("Languages to keep"), self.tr(
                "ISO 639-1 codes separated by commas, for example zh, en. Empty keeps every language. "
                "The model (fastText lid.176, lite) ships with the app and never downloads.")),
            ("filter", "min_language_score"): (self.tr("Minimum language score"), ""),
            ("filter", "quality"): (self.tr("Heuristic quality rules"), self.tr(
                "Gopher, C4 and FineWeb rules; Chinese text is measured in characters and CJK punctuation counts.")),
            ("filter", "min_mean_word_length"): (self.tr("Minimum mean word length"), self.tr("Spaced text only.")),
            ("filter", "max_mean_word_length"): (self.tr("Maximum mean word length"), self.tr("Spaced text only.")),
            ("filter", "max_symbol_ratio"): (self.tr("Maximum symbols per word"), self.tr("'#' and ellipses.")),
            ("filter", "min_punctuation_line_ratio"): (self.tr("Minimum share of lines ending in punctuation"),
                                                       self.tr("ASCII and CJK sentence punctuation (。！？…) count.")),
            ("filter", "max_duplicate_line_ratio"): (self.tr("Maximum share of repeated lines"), ""),
            ("filter", "max_duplicate_line_char_ratio"): (self.tr("Maximum share of characters in repeated lines"), ""),
            ("filter", "max_top_ngram_ratio"): (self.tr("Maximum share of the top 2-4-gram"), ""),
            ("filter", "max_duplicate_ngram_ratio"): (self.tr("Maximum share of repeated 5-grams"),
                                                      self.tr("10-character n-grams in Chinese text.")),
            ("filter", "max_bullet_line_ratio"): (self.tr("Maximum share of bullet lines"), ""),
            ("filter", "max_ellipsis_line_ratio"): (self.tr("Maximum share of lines ending in an ellipsis"), ""),
            ("filter", "min_alphabetic_word_ratio"): (self.tr("Minimum share of words with a letter"), ""),
            ("dedup", "exact"): (self.tr("Exact duplicates"), self.tr("Same text after collapsing white space.")),
            ("dedup", "near"): (self.tr("Near duplicates (MinHash LSH)"), ""),
            ("dedup", "shingle_size"): (self.tr("Word shingle size"), self.tr("For spaced text.")),
            ("dedup", "char_shingle_size"): (self.tr("Character shingle size"), self.tr("For Chinese and other unspaced text.")),
            ("dedup", "num_perm"): (self.tr("Permutations"), self.tr("Must equal bands × rows.")),
            ("dedup", "bands"): (self.tr("Bands"), ""),
            ("dedup", "rows"): (self.tr("Rows per band"), ""),
            ("dedup", "threshold"): (self.tr("Jaccard threshold"), ""),
            ("dedup", "seed"): (self.tr("Seed"), ""),
            ("split", "mode"): (self.tr("Validation and test as"), self.tr("fraction: shares of documents; count: numbers of documents.")),
            ("split", "val"): (self.tr("Validation"), ""),
            ("split", "test"): (self.tr("Test"), ""),
            ("split", "seed"): (self.tr("Seed"), self.tr("The split depends only on the seed and each document's id.")),
            ("tokenizer", "kind"): (self.tr("Kind"), self.tr(
                "bytebpe: byte-level BPE; cjkbpe: BPE that learns multi-character Chinese words; "
                "wordpiece: BERT-style; unigram: SentencePiece-style; char: one token per character.")),
            ("tokenizer", "vocab_size"): (self.tr("Vocabulary size"), ""),
            ("tokenizer", "min_frequency"): (self.tr("Minimum frequency"), ""),
            ("tokenizer", "special_tokens"): (self.tr("Extra special tokens"), self.tr("Separated by commas.")),
            ("tokenizer", "max_token_length"): (self.tr("Maximum token length"), ""),
            ("tokenizer", "sample_chars"): (self.tr("Training sample (characters, 0: all)"), self.tr(
                "A larger training split is sampled down to this many characters; the report says so.")),
        }

    def _build_page(self, section: str) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        texts = self._field_texts()
        defaults = SECTIONS[section]()
        for f in fields(defaults):
            if f.name == "enabled":
                continue
            value = getattr(defaults, f.name)
            key = (section, f.name)
            if key in CHOICES:
                control = QComboBox()
                control.addItems(CHOICES[key])
            elif isinstance(value, bool):
                control = QCheckBox()
            elif isinstance(value, int):
                control = QSpinBox()
                control.setRange(0, 2_000_000_000)
            elif isinstance(value, float):
                control = QDoubleSpinBox()
                control.setDecimals(3)
                control.setRange(0.0, 1_000_000.0)
                control.setSingleStep(0.01)
            else:
                control = QLineEdit()
            label, tip = texts.get(key, (f.name, ""))
            control.setToolTip(tip)
            control.setObjectName(f"{section}.{f.name}")
            self.controls[key] = control
            form.addRow(label, control)
        if section == "normalise":
            note = QLabel(texts[("normalise", "form")][1])
            note.setWordWrap(True)
            form.addRow(note)
        if section == "encode":
            form.addRow(QLabel(self.tr("Writes train.bin, val.bin and test.bin for the trainer; memory does not "
                                       "grow with the corpus.")))
        return page

    def set_config(self, config: PipelineConfig) -> None:
        for index in range(self.steps.count()):
            item = self.steps.item(index)
            section = item.data(Qt.UserRole)
            item.setCheckState(Qt.Checked if getattr(config, section).enabled else Qt.Unchecked)
        for (section, name), control in self.controls.items():
            value = getattr(getattr(config, section), name)
            if isinstance(control, QComboBox):
                control.setCurrentText(str(value))
            elif isinstance(control, QCheckBox):
                control.setChecked(bool(value))
            elif isinstance(control, (QSpinBox, QDoubleSpinBox)):
                control.setValue(value)
            else:
                control.setText(", ".join(value))

    def config(self) -> PipelineConfig:
        """Return the form's pipeline; raise PipelineConfigError naming a bad setting."""
        data: dict[str, dict] = {section: {} for section in SECTIONS}
        for index in range(self.steps.count()):
            item = self.steps.item(index)
            data[item.data(Qt.UserRole)]["enabled"] = item.checkState() == Qt.Checked
        for (section, name), control in self.controls.items():
            if isinstance(control, QComboBox):
                value = control.currentText()
            elif isinstance(control, QCheckBox):
                value = control.isChecked()
            elif isinstance(control, (QSpinBox, QDoubleSpinBox)):
                value = control.value()
            else:
                value = [part.strip() for part in control.text().split(",") if part.strip()]
            data[section][name] = value
        return PipelineConfig.from_dict(data)

    # Project ------------------------------------------------------------------------------

    def set_project(self, project) -> None:
        # A run belongs to the project it started on: stop it before showing another one.
        self.shutdown()
        self.project = project
        self.run_id = None
        self.undo_button.setEnabled(False)
        for widget in (self.save_button, self.preview_button, self.run_button):
            widget.setEnabled(project is not None)
        if project is None:
            self.status.setText(self.tr("Open a project to prepare its corpus."))
            return
        try:
            self.set_config(load_project_config(project))
        except PipelineConfigError as exc:
            self.window.show_error(self.tr("The saved pipeline is invalid"), str(exc))
            self.set_config(PipelineConfig())
        latest = store.latest_finished_run(project)
        if latest is not None:
            self._show_run(latest["id"], latest["counts"], latest["stats"])
        else:
            self.status.setText(self.tr("No run yet. Set the steps, preview, then run the pipeline."))

    def _checked_config(self) -> PipelineConfig | None:
        try:
            return self.config()
        except PipelineConfigError as exc:
            self.window.show_error(self.tr("Invalid pipeline setting"), str(exc))
            self.sigRunFailed.emit(str(exc))
            return None

    def save(self) -> None:
        config = self._checked_config()
        if config is not None and self.project is not None:
            path = save_project_config(self.project, config)
            self.status.setText(self.tr("Saved the pipeline to {path}.").format(path=path))

    # Preview ------------------------------------------------------------------------------

    def show_preview(self) -> None:
        config = self._checked_config()
        if config is None or self.project is None:
            return
        rows = preview(self.project, config, limit=30)
        self.preview_table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            result = row["reason"] or (self.tr("changed: {steps}").format(steps=", ".join(row["changed_by"]))
                                       if row["changed_by"] else self.tr("unchanged"))
            if row["note"]:
                result += f" ({row['note']})"
            values = [str(row["id"]), row["before"][:300], row["after"][:300], result]
            for column, value in enumerate(values):
                self.preview_table.setItem(index, column, QTableWidgetItem(value.replace("\n", " ⏎ ")))
        self.preview_table.resizeColumnsToContents()
        self.results.setCurrentWidget(self.preview_table)
        self.status.setText(self.tr("Preview of {count} sample documents; nothing was changed.").format(count=len(rows)))
        self.sigPreviewReady.emit(rows)

    # Run ----------------------------------------------------------------------------------

    def run(self) -> None:
        if self.project is None or self.runner.is_running():
            return
        config = self._checked_config()
        if config is None:
            return
        save_project_config(self.project, config)
        project = self.project
        self._set_busy(True)
        self.status.setText(self.tr("Running the pipeline…"))
        self.runner.start(lambda ctx: run_pipeline(project, config, ctx))

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        for widget in (self.save_button, self.preview_button, self.run_button):
            widget.setEnabled(not busy and self.project is not None)
        if busy:
            self.undo_button.setEnabled(False)
            self.progress.setRange(0, 0)

    def _on_events(self, events) -> None:
        for event in events:
            if event.kind != "progress":
                continue
            message, done, total = event.data.get("message", ""), event.data["done"], event.data["total"]
            if message != self._phase:
                self._phase, self._phase_started = message, event.time
            if not total:
                self.status.setText(message)
                continue
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            text = self.tr("{step}: {done} of {total}").format(step=message, done=done, total=total)
            elapsed = event.time - self._phase_started
            if 0 < done < total and elapsed > 1.0:
                seconds = elapsed / done * (total - done)
                text += " " + self.tr("(about {seconds} s left)").format(seconds=round(seconds))
            self.status.setText(text)

    def _on_finished(self, result: dict) -> None:
        self._set_busy(False)
        self._show_run(result["run_id"], result, result.get("stats", {}))
        self.window.documents_changed()
        corpus_tab = getattr(self.window, "corpus_tab", None)
        if corpus_tab is not None:
            corpus_tab.refresh()
        self.sigRunFinished.emit(result)

    def _on_failed(self, message: str, details: str) -> None:
        self._set_busy(False)
        self.status.setText(message)
        self.window.show_error(self.tr("The pipeline failed"), message, details)
        self.sigRunFailed.emit(message)

    def _on_cancelled(self) -> None:
        self._set_busy(False)
        self.status.setText(self.tr("Cancelled. No document was deleted; normalised texts can be restored."))
        self.sigCancelled.emit()

    # Results ------------------------------------------------------------------------------

    def undo_normalisation(self) -> None:
        if self.project is None or self.run_id is None or self.runner.is_running():
            return
        restored = store.undo_normalisation(self.project, self.run_id)
        self.undo_button.setEnabled(False)
        self.status.setText(self.tr("Put back the text of {count} document(s). Run the pipeline again to "
                                    "encode them.").format(count=restored))
        self.window.documents_changed()
        self.sigRestored.emit(restored)

    def _show_run(self, run_id: int, counts: dict, stats: dict) -> None:
        self.run_id = run_id
        self.undo_button.setEnabled(store.revision_count(self.project, run_id) > 0)
        steps = counts.get("steps", [])
        self.report_table.setRowCount(len(steps))
        for index, step in enumerate(steps):
            values = [step["step"], step["documents_in"], step["documents_out"], step["removed"], step["changed"],
                      step["characters_in"], step["characters_out"], "; ".join(step["notes"])]
            for column, value in enumerate(values):
                self.report_table.setItem(index, column, QTableWidgetItem(str(value)))
        self.report_table.resizeColumnsToContents()
        self.removed.show_run(self.project, run_id)
        self.stats.show_run(stats, steps)
        self._show_tokenizer(counts.get("tokenizer"))
        if "kept" in counts:
            self.status.setText(self.tr("Run {run}: kept {kept} of {total} documents.").format(
                run=run_id, kept=counts["kept"], total=counts.get("documents", counts["kept"])))
        self.results.setCurrentWidget(self.report_table)

    def _build_tokenizer_view(self) -> QWidget:
        widget = QWidget()
        self.tokenizer_summary = QLabel()
        self.tokenizer_summary.setWordWrap(True)
        self.vocabulary_list = QListWidget()
        self.token_sample = QTextBrowser()
        row = QHBoxLayout()
        row.addWidget(self.vocabulary_list, 1)
        row.addWidget(self.token_sample, 2)
        layout = QVBoxLayout(widget)
        layout.addWidget(self.tokenizer_summary)
        layout.addLayout(row, 1)
        return widget

    def _show_tokenizer(self, info: dict | None) -> None:
        self.vocabulary_list.clear()
        self.token_sample.clear()
        if self.project is None or not self.project.tokenizer_path.is_file():
            self.tokenizer_summary.setText(self.tr("No tokenizer yet."))
            return
        tokenizer = load_tokenizer(self.project.tokenizer_path)
        if info:
            validation = info.get("validation", {})
            self.tokenizer_summary.setText(self.tr(
                "{kind}, {size} tokens, trained on {sample} characters of {train}. On validation: "
                "{unknown:.2%} unknown tokens, {compression:.2f} characters per token.").format(
                kind=info["kind"], size=info["vocab_size"], sample=info.get("sample_characters", 0),
                train=info.get("train_characters", 0), unknown=validation.get("unknown_rate", 0.0),
                compression=validation.get("chars_per_token", 0.0)))
        for token_id, token, readable in vocabulary(tokenizer)[:5000]:
            shown = readable.replace("\n", "⏎").replace(" ", "␣").replace("\t", "⇥")
            self.vocabulary_list.addItem(f"{token_id}\t{shown}")
        first = next(self.project.iter_texts(batch=1), None)
        if first is None:
            return
        sample = first[1][:600]
        encoding = tokenizer.encode(sample)
        parts = []
        for index, (start, end) in enumerate(encoding.offsets):
            piece = sample[start:end] or encoding.tokens[index]
            colour = TOKEN_COLOURS[index % len(TOKEN_COLOURS)]
            parts.append(f'<span style="background:{colour}" title="{encoding.ids[index]}">'
                         f"{html.escape(piece).replace(chr(10), '⏎<br>')}</span>")
        self.token_sample.setHtml("<p>" + "".join(parts) + "</p>")

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def shutdown(self) -> None:
        if self.runner.is_running():
            self.runner.shutdown()
