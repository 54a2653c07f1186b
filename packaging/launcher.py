"""Entry point of the frozen (PyInstaller) build: the same ``eventscope`` CLI as the wheel."""
import multiprocessing
import sys

from desktop_app.cli.main import main

if __name__ == "__main__":
    # A frozen executable re-runs itself for each spawned worker process; without
    # this the workers would start a second app instead of running their task.
    multiprocessing.freeze_support()
    sys.exit(main())
