"""Logging setup and per-user folders.

``WORKBENCH_HOME`` relocates settings and logs (tests and portable installs set it);
otherwise the platform's user folders are used. ``WORKBENCH_LOG_LEVEL`` sets the level.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
from pathlib import Path

import platformdirs

FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"


def user_dir(kind: str) -> Path:
    """Return the folder for ``kind`` (``config``, ``data`` or ``log``), creating it."""
    home = os.environ.get("WORKBENCH_HOME")
    if home:
        path = Path(home) / kind
    elif kind == "config":
        path = Path(platformdirs.user_config_dir("workbench", appauthor=False))
    elif kind == "log":
        path = Path(platformdirs.user_log_dir("workbench", appauthor=False))
    else:
        path = Path(platformdirs.user_data_dir("workbench", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def configure_logging(stderr_level: str | None = None) -> Path:
    """Configure the root logger once: a rotating file in the log folder, and stderr.

    Returns the log file's path. Uncaught exceptions in any thread are logged.
    """
    root = logging.getLogger()
    log_file = user_dir("log") / "workbench.log"
    if getattr(root, "_workbench_configured", False):
        return log_file
    level = os.environ.get("WORKBENCH_LOG_LEVEL", "INFO").upper()
    root.setLevel(level)
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(file_handler)
    stream = logging.StreamHandler(sys.stderr)
    stream.setLevel(stderr_level or "WARNING")
    stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(stream)
    root._workbench_configured = True  # type: ignore[attr-defined]

    def log_thread_exception(args: threading.ExceptHookArgs) -> None:
        logging.getLogger("workbench").error(
            "Uncaught exception in thread %s", args.thread.name if args.thread else "?",
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )

    threading.excepthook = log_thread_exception
    return log_file
