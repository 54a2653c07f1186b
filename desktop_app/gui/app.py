"""Start the desktop application: ``run(paths, dct)`` is what the CLI and ``make run`` call."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app.core.resources import resource_dir

from . import settings as window_settings

FONT_DIR = resource_dir("fonts")


def register_fonts(font_dir: Path = FONT_DIR) -> list[str]:
    """Register every .ttf/.otf shipped under resources/fonts; return the families Qt now knows from them."""
    families: list[str] = []
    if not font_dir.is_dir():
        return families
    for path in sorted(font_dir.iterdir()):
        if path.suffix.lower() in (".ttf", ".otf"):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
    return families


def make_app(argv: Optional[list[str]] = None) -> QApplication:
    from desktop_app.core.memory import return_large_blocks_promptly
    return_large_blocks_promptly()    # freed numpy temporaries go back to the OS (core/memory.py)
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(window_settings.ORGANIZATION)
    app.setApplicationName(window_settings.APPLICATION)
    from desktop_app import __version__
    app.setApplicationVersion(__version__)
    families = register_fonts()
    if families:
        # The shipped font on screen too, so what the user sees is what an export writes.
        app.setFont(QFont(families[0], app.font().pointSize()))
    return app


def run(paths: list[str], dct: Optional[str] = None) -> int:
    """Create the application and window, start loading ``paths``, run the event loop; the exit code."""
    app = make_app()
    if dct is not None:
        from desktop_app.gui.dct_dialog import check_dct
        value, message = check_dct(dct)
        if value is None:
            print(f"eventscope: bad --dct: {message}", file=sys.stderr)
            return 2
        dct = value
    from .main_window import MainWindow
    from .workers import cancel_all

    window = MainWindow()
    window.show()
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        window.error_log.add([{"path": p, "message": "no such file or folder"} for p in missing])
    present = [p for p in paths if Path(p).exists()]
    if present:
        window.open_paths(present, dct)
    quit_after = os.environ.get("EVENTSCOPE_QUIT_AFTER_MS", "")
    if quit_after.isdigit():
        # Smoke tests of frozen builds. exit(), not quit(): quit() would stop at the
        # "save changes?" question, which nobody is there to answer.
        QTimer.singleShot(int(quit_after), lambda: app.exit(0))
    code = app.exec()
    cancel_all()
    return code
