"""Entry point: no arguments (or ``open DIR``) opens the window, anything else is the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["open"] and any(arg in ("-h", "--help") for arg in argv[1:]):
        print("usage: workbench open DIR\n\nOpen the project in DIR in the window.")
        return 0
    if not argv or argv[0] == "open":
        from .gui.app import main as gui_main

        return gui_main(argv[1:2] if argv else [])
    from .cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
