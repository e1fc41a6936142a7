"""Help ▸ About: the app's version and those of Python, torch (with CUDA and MPS) and Qt, copyable for bug reports."""

from __future__ import annotations

import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from .. import __version__
from ..core.logs import user_dir
from ..core.settings import settings_path


def torch_summary() -> dict[str, str]:
    """Return torch's version and whether CUDA and MPS are available, with the CUDA device names."""
    import torch

    if torch.cuda.is_available():
        names = ", ".join(torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count()))
        cuda = QCoreApplication.translate("About", "available: CUDA {version}, {devices}")
        cuda = cuda.format(version=torch.version.cuda, devices=names)
    elif torch.version.cuda:
        cuda = QCoreApplication.translate("About", "not available (built for CUDA {version}, but no GPU or driver found)")
        cuda = cuda.format(version=torch.version.cuda)
    else:
        cuda = QCoreApplication.translate("About", "not available (a CPU-only build of torch)")
    mps_backend = getattr(torch.backends, "mps", None)
    if mps_backend is not None and mps_backend.is_available():
        mps = QCoreApplication.translate("About", "available")
    else:
        mps = QCoreApplication.translate("About", "not available")
    return {"torch": torch.__version__, "CUDA": cuda, "MPS": mps}


def version_rows() -> list[tuple[str, str]]:
    """Return ``(name, value)`` rows for the About box and bug reports."""
    torch = torch_summary()
    return [
        ("LM Workbench", __version__),
        ("Python", f"{sys.version.split()[0]} ({platform.python_implementation()})"),
        ("torch", torch["torch"]),
        ("CUDA", torch["CUDA"]),
        ("MPS", torch["MPS"]),
        ("Qt", qVersion()),
        ("PySide6", pyside_version),
        (QCoreApplication.translate("About", "Operating system"), platform.platform()),
        (QCoreApplication.translate("About", "Settings file"), str(settings_path())),
        (QCoreApplication.translate("About", "Log folder"), str(user_dir("log"))),
    ]


def versions_text() -> str:
    return "\n".join(f"{name}: {value}" for name, value in version_rows())


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About LM Workbench"))
        title = QLabel(self.tr("<h2>LM Workbench {version}</h2>"
                               "<p>Label text, prepare a corpus, train a small Transformer and look inside it, offline.</p>"
                               "<p>MIT licence.</p>").format(version=__version__))
        title.setWordWrap(True)
        self.details = QPlainTextEdit(versions_text())
        self.details.setReadOnly(True)
        self.details.setMinimumSize(560, 220)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        copy_button = buttons.addButton(self.tr("Copy versions"), QDialogButtonBox.ActionRole)
        copy_button.clicked.connect(self.copy_versions)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.details)
        layout.addWidget(buttons)

    def copy_versions(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())
