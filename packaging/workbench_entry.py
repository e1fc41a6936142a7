"""Entry point of the PyInstaller bundle: the same as the ``workbench`` command."""

import multiprocessing
import sys

from workbench.__main__ import main

if __name__ == "__main__":
    # Lets a frozen child process (a DataLoader worker, for example) start without re-running the app.
    multiprocessing.freeze_support()
    sys.exit(main())
