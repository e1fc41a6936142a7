"""The core and the CLI stay free of Qt, checked by import-linter and by a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

CORE_MODULES = sorted(
    f"workbench.core.{path.stem}" for path in (REPO / "workbench" / "core").glob("*.py") if path.stem != "__init__"
)


def test_import_contracts_kept():
    # The contract in pyproject.toml forbids PySide6, shiboken6, pyqtgraph and
    # workbench.gui in workbench.core and workbench.cli.
    assert LINT_IMPORTS.is_file(), f"{LINT_IMPORTS} not found; install the test extra"

    completed = subprocess.run(
        [str(LINT_IMPORTS)], cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=120
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "1 kept, 0 broken" in completed.stdout


def test_core_import_loads_no_qt():
    modules = ["workbench.cli", *CORE_MODULES]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(','.join(loaded))\n"
    )

    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=120
    )

    assert completed.returncode == 0, completed.stderr
    assert len(CORE_MODULES) >= 10
    assert completed.stdout.strip() == ""
