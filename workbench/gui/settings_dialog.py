"""The Settings dialog: edits a copy of the user's :class:`Settings` and hands it back on OK or Apply."""

from __future__ import annotations

import copy
from dataclasses import fields

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
)

from ..core.settings import MAX_ANNOTATOR_LENGTH, Settings, settings_path


def _limits(name: str) -> tuple[int, int]:
    meta = next(spec.metadata for spec in fields(Settings) if spec.name == name)
    return meta["minimum"], meta["maximum"]


def _select(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class SettingsDialog(QDialog):
    """Signals: ``sigApplied(object)`` with the edited :class:`Settings` on OK or Apply."""

    sigApplied = Signal(object)

    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.original = copy.deepcopy(settings)

        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "system")
        # Each language is named in itself, so a user can find theirs whatever the current language is.
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language_note = QLabel(self.tr("A new language takes effect when LM Workbench restarts."))
        self.language_note.setWordWrap(True)
        self.language_note.setVisible(False)
        self.language.currentIndexChanged.connect(self._language_changed)

        self.theme = QComboBox()
        self.theme.addItem(self.tr("Follow the system (light or dark)"), "system")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")

        self.annotator = QLineEdit()
        self.annotator.setMaxLength(MAX_ANNOTATOR_LENGTH)
        self.annotator.setPlaceholderText(self.tr("Your name, stored with the labels you make"))

        self.device = QComboBox()
        self.device.addItem(self.tr("Automatic (CUDA, then MPS, then CPU)"), "auto")
        self.device.addItem(self.tr("CPU"), "cpu")
        self.device.addItem(self.tr("CUDA (NVIDIA GPU)"), "cuda")
        self.device.addItem(self.tr("MPS (Apple GPU)"), "mps")
        self._mark_unavailable_devices()
        self.precision = QComboBox()
        self.precision.addItem(self.tr("Automatic (bfloat16 where the device supports it)"), "auto")
        self.precision.addItem("float32", "float32")
        self.precision.addItem("bfloat16", "bfloat16")
        self.precision.addItem("float16", "float16")

        self.autosave = QSpinBox()
        self.autosave.setRange(*_limits("autosave_seconds"))
        self.autosave.setSuffix(self.tr(" s"))
        self.checkpoint = QSpinBox()
        self.checkpoint.setRange(*_limits("checkpoint_interval"))
        self.checkpoint.setSingleStep(100)
        self.checkpoint.setSuffix(self.tr(" steps"))

        general = QGroupBox(self.tr("General"))
        form = QFormLayout(general)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", self.language_note)
        form.addRow(self.tr("Theme:"), self.theme)
        form.addRow(self.tr("Annotator name:"), self.annotator)
        form.addRow(self.tr("Autosave every:"), self.autosave)
        training = QGroupBox(self.tr("Training defaults"))
        form = QFormLayout(training)
        form.addRow(self.tr("Device:"), self.device)
        form.addRow(self.tr("Precision:"), self.precision)
        form.addRow(self.tr("Checkpoint every:"), self.checkpoint)

        location = QLabel(self.tr("Stored in {path}").format(path=settings_path()))
        location.setWordWrap(True)
        location.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.Ok | QDialogButtonBox.Cancel | QDialogButtonBox.Apply | QDialogButtonBox.RestoreDefaults
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.Apply).clicked.connect(self.apply)
        self.buttons.button(QDialogButtonBox.RestoreDefaults).clicked.connect(self.restore_defaults)

        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(training)
        layout.addWidget(location)
        layout.addWidget(self.buttons)
        self.show_settings(settings)

    def _mark_unavailable_devices(self) -> None:
        """Say which devices torch cannot use here; they stay selectable for a settings file shared between machines."""
        import torch

        available = {"cuda": torch.cuda.is_available(), "mps": torch.backends.mps.is_available()}
        for device, usable in available.items():
            index = self.device.findData(device)
            if not usable:
                label = self.tr("{device} – not available on this computer").format(device=self.device.itemText(index))
                self.device.setItemText(index, label)

    def show_settings(self, settings: Settings) -> None:
        _select(self.language, settings.language)
        _select(self.theme, settings.theme)
        _select(self.device, settings.device)
        _select(self.precision, settings.precision)
        self.annotator.setText(settings.annotator)
        self.autosave.setValue(settings.autosave_seconds)
        self.checkpoint.setValue(settings.checkpoint_interval)

    def edited(self) -> Settings:
        """Return the original settings with the dialog's values."""
        settings = copy.deepcopy(self.original)
        settings.language = self.language.currentData()
        settings.theme = self.theme.currentData()
        settings.device = self.device.currentData()
        settings.precision = self.precision.currentData()
        settings.annotator = self.annotator.text().strip()
        settings.autosave_seconds = self.autosave.value()
        settings.checkpoint_interval = self.checkpoint.value()
        return settings

    def restore_defaults(self) -> None:
        self.show_settings(Settings())

    def _language_changed(self) -> None:
        self.language_note.setVisible(self.language.currentData() != self.original.language)

    def apply(self) -> None:
        settings = self.edited()
        self.sigApplied.emit(settings)

    def accept(self) -> None:
        language_changed = self.language.currentData() != self.original.language
        self.apply()
        super().accept()
        window = self.parent()
        if language_changed and window is not None and hasattr(window, "project"):
            self.offer_restart(window)

    def offer_restart(self, window) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Question, self.tr("Restart now?"),
            self.tr("The new language takes effect when LM Workbench restarts. Restart now?"),
            QMessageBox.Yes | QMessageBox.No, window,
        )
        box.setDefaultButton(QMessageBox.No)

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.Yes:
                from .app import restart

                restart(window)

        box.buttonClicked.connect(answered)
        box.open()
        window.restart_box = box
        return box
