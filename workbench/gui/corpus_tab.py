"""Corpus tab: import text, train the tokenizer and encode (first page), or run the
preprocessing pipeline (second page, :class:`~workbench.gui.preprocess_panel.PreprocessPanel`)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.encoding import encode_project
from ..core.importing import ImportFailed, import_files
from ..core.tokenizer import MIN_VOCAB, load_tokenizer, token_labels, train_project_tokenizer
from .jobs import JobRunner
from .preprocess_panel import PreprocessPanel

log = logging.getLogger(__name__)


class CorpusTab(QWidget):
    """Signals: ``sigImported(dict)`` after an import, ``sigTokenizerTrained(dict)``,
    ``sigEncoded(dict)``, ``sigError(str)`` after an error is shown."""

    sigImported = Signal(dict)
    sigTokenizerTrained = Signal(dict)
    sigEncoded = Signal(dict)
    sigError = Signal(str)

    def __init__(self, window):
        super().__init__()
        self.window = window
        self.project = None
        self.runner = JobRunner(self, "corpus")
        self.runner.sigEvents.connect(self._on_events)
        self.runner.sigFinished.connect(self._on_finished)
        self.runner.sigFailed.connect(self._on_failed)
        self.runner.sigCancelled.connect(lambda: self._set_busy(False, self.tr("Cancelled.")))
        self._job_kind = ""

        self.summary = QLabel()
        self.summary.setWordWrap(True)

        import_box = QGroupBox(self.tr("Import text"))
        self.mode = QComboBox()
        self.mode.addItem(self.tr("One document per line"), "line")
        self.mode.addItem(self.tr("One document per paragraph"), "paragraph")
        self.mode.addItem(self.tr("One document per file"), "file")
        self.import_files_button = QPushButton(self.tr("Import files…"))
        self.import_files_button.clicked.connect(self.choose_files)
        self.import_folder_button = QPushButton(self.tr("Import folder…"))
        self.import_folder_button.clicked.connect(self.choose_folder)
        row = QHBoxLayout(import_box)
        row.addWidget(QLabel(self.tr("Split:")))
        row.addWidget(self.mode)
        row.addWidget(self.import_files_button)
        row.addWidget(self.import_folder_button)
        row.addStretch()

        tokenizer_box = QGroupBox(self.tr("Tokenizer"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Byte-level BPE"), "bytebpe")
        self.kind.addItem(self.tr("Character"), "char")
        self.kind.addItem(self.tr("BPE with Chinese words"), "cjkbpe")
        self.kind.addItem(self.tr("WordPiece"), "wordpiece")
        self.kind.addItem(self.tr("Unigram"), "unigram")
        self.vocab_size = QSpinBox()
        self.vocab_size.setRange(259, 1_000_000)
        self.vocab_size.setValue(4000)
        self.train_tokenizer_button = QPushButton(self.tr("Train tokenizer"))
        self.train_tokenizer_button.clicked.connect(self.train_tokenizer)
        form = QFormLayout(tokenizer_box)
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Vocabulary size:"), self.vocab_size)
        form.addRow(self.train_tokenizer_button)
        self.kind.currentIndexChanged.connect(self._kind_changed)

        encode_box = QGroupBox(self.tr("Encode"))
        self.encode_button = QPushButton(self.tr("Encode corpus"))
        self.encode_button.clicked.connect(self.encode)
        encode_layout = QHBoxLayout(encode_box)
        encode_layout.addWidget(QLabel(self.tr("Splits documents 90 / 10 into training and validation.")))
        encode_layout.addStretch()
        encode_layout.addWidget(self.encode_button)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.runner.request_stop)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText(self.tr("Tokens of a sample document appear here after the tokenizer is trained."))

        basic = QWidget()
        layout = QVBoxLayout(basic)
        layout.addWidget(self.summary)
        layout.addWidget(import_box)
        layout.addWidget(tokenizer_box)
        layout.addWidget(encode_box)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        self.preprocess = PreprocessPanel(window)
        self.pages = QTabWidget()
        self.pages.addTab(basic, self.tr("Import and tokenizer"))
        self.pages.addTab(self.preprocess, self.tr("Preprocessing pipeline"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        self.set_project(None)

    def _kind_changed(self) -> None:
        self.vocab_size.setMinimum(MIN_VOCAB.get(self.kind.currentData(), 4))

    def set_project(self, project) -> None:
        self.project = project
        for widget in (self.import_files_button, self.import_folder_button, self.train_tokenizer_button, self.encode_button):
            widget.setEnabled(project is not None)
        self.preprocess.set_project(project)
        self.refresh()

    def refresh(self) -> None:
        if self.project is None:
            self.summary.setText(self.tr("No project open. Use File ▸ New project or File ▸ Open project."))
            return
        s = self.project.summary()
        info_path = self.project.tokenizer_dir / "info.json"
        if info_path.is_file() and not self.runner.is_running():
            info = json.loads(info_path.read_text(encoding="utf-8"))
            index = self.kind.findData(info.get("kind"))
            if index >= 0:
                self.kind.setCurrentIndex(index)
            self.vocab_size.setValue(int(info.get("requested_vocab_size", info.get("vocab_size", 4000))))
        self.summary.setText(
            self.tr("{documents} documents, {characters} characters. Tokenizer: {tokenizer}. Encoded: {encoded}.").format(
                documents=s["documents"], characters=s["characters"],
                tokenizer=self.tr("yes") if s["tokenizer"] else self.tr("no"),
                encoded=self.tr("yes") if s["encoded"] else self.tr("no"),
            )
        )

    # Import ---------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import text"), "", self.tr("Text (*.txt *.jsonl *.ndjson);;All files (*)")
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Import a folder of .txt files"))
        if path:
            self.import_paths([Path(path)])

    def import_paths(self, paths: list[Path], mode: str | None = None) -> dict | None:
        """Import ``paths`` now; the split mode defaults to the combo box's choice."""
        mode = mode or self.mode.currentData()
        try:
            report = import_files(self.project, paths, mode=mode)
        except ImportFailed as exc:
            self.window.show_error(self.tr("Import failed"), str(exc))
            self.sigError.emit(str(exc))
            return None
        self.status.setText(
            self.tr("Imported {documents} documents from {files} file(s); skipped {blank} blank line(s).").format(
                documents=report.documents, files=len(report.files), blank=report.blank_skipped
            )
        )
        self.refresh()
        self.window.documents_changed()
        self.sigImported.emit(report.as_dict())
        return report.as_dict()

    # Background jobs ------------------------------------------------------------------

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.train_tokenizer_button.setEnabled(not busy and self.project is not None)
        self.encode_button.setEnabled(not busy and self.project is not None)
        if busy:
            self.progress.setRange(0, 0)
        if message:
            self.status.setText(message)

    def train_tokenizer(self) -> None:
        if self.project is None or self.runner.is_running():
            return
        project, kind, size = self.project, self.kind.currentData(), self.vocab_size.value()
        self._job_kind = "tokenizer"
        self._set_busy(True, self.tr("Training tokenizer…"))
        self.runner.start(lambda ctx: train_project_tokenizer(project, kind, size, ctx))

    def encode(self) -> None:
        if self.project is None or self.runner.is_running():
            return
        project = self.project
        self._job_kind = "encode"
        self._set_busy(True, self.tr("Encoding…"))
        self.runner.start(lambda ctx: encode_project(project, ctx=ctx))

    def _on_events(self, events) -> None:
        for event in events:
            if event.kind == "progress" and event.data["total"]:
                self.progress.setRange(0, event.data["total"])
                self.progress.setValue(event.data["done"])

    def _on_finished(self, result) -> None:
        self._set_busy(False)
        self.refresh()
        if self._job_kind == "tokenizer":
            self.status.setText(self.tr("Trained a tokenizer with a vocabulary of {size} tokens.").format(size=result["vocab_size"]))
            self._show_sample()
            self.sigTokenizerTrained.emit(result)
        else:
            self.status.setText(
                self.tr("Encoded {train} training and {val} validation tokens ({dtype}).").format(
                    train=result["train_tokens"], val=result["val_tokens"], dtype=result["dtype"]
                )
            )
            self.sigEncoded.emit(result)

    def _on_failed(self, message: str, details: str) -> None:
        self._set_busy(False, message)
        self.window.show_error(self.tr("The job failed"), message, details)
        self.sigError.emit(message)

    def _show_sample(self) -> None:
        tokenizer = load_tokenizer(self.project.tokenizer_path)
        first = next(self.project.iter_texts(batch=1), None)
        if first is None:
            return
        sample = first[1][:400]
        _, labels = token_labels(tokenizer, sample)
        self.preview.setPlainText(sample + "\n\n" + " | ".join(labels))
