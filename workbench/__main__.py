"""Entry point: no arguments (or ``open [DIR]``) opens the window, anything else is the CLI."""

from __future__ import annotations

import argparse
import sys


def open_parser() -> argparse.ArgumentParser:
    """Return the parser of ``workbench open``; it lives here so ``--help`` needs no Qt."""
    parser = argparse.ArgumentParser(prog="workbench open", description="Open the LM Workbench window.")
    parser.add_argument("dir", nargs="?", help="project folder to open")
    parser.add_argument("--quit-after", type=float, metavar="SECONDS",
                        help="close the window after SECONDS and print one line (a start-up check for bundles)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] == "open":
        open_parser().parse_args(argv[1:])  # prints help or a usage error before Qt loads
        from .gui.app import main as gui_main

        return gui_main(argv[1:])
    from .cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
