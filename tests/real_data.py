"""Location of the real corpora that some tests train on (never copied into the repository).

``WORKBENCH_DATA`` overrides it; otherwise the first of the checkout's sibling folder
``../shared/data`` and ``/work/shared/data`` that exists is used.
"""

from __future__ import annotations

import os
from pathlib import Path


def find_data_dir() -> Path:
    if os.environ.get("WORKBENCH_DATA"):
        return Path(os.environ["WORKBENCH_DATA"])
    sibling = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    for candidate in (sibling, Path("/work/shared/data")):
        if candidate.is_dir():
            return candidate
    return sibling


DATA_DIR = find_data_dir()
