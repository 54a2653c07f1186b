"""Export a figure to a PNG or SVG file: the one entry point the dialog and the CLI call.

``export_figure`` is a plain function taking a ``TaskState`` so the GUI can
run it on a worker thread with a progress bar and the CLI can call it
directly.  Files are written to a temporary file in the target folder and
renamed into place, so a failed or cancelled export never leaves half a file
and never clobbers a good one.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from desktop_app.core import atomic
from desktop_app.core.model import Corpus
from desktop_app.core.tasks import TaskState, report
from desktop_app.figures.compose import FigureInfo, compose
from desktop_app.figures.spec import FigureSpec

FORMATS = {".png": "png", ".svg": "svg"}


class ExportError(Exception):
    """An export the user can fix; the message says what to do."""


def ensure_gui_app():
    """A Qt application for font metrics and painting; offscreen when there is no display."""
    import sys

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QGuiApplication.instance()
    if app is None:
        # A QApplication, not just a QGuiApplication: a process that later opens
        # a dialog (or a test session with widgets) cannot upgrade it.
        app = QApplication(["eventscope-export"])
    return app


def format_for(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    fmt = FORMATS.get(suffix)
    if fmt is None:
        shown = suffix or "no extension"
        raise ExportError(f"cannot export to {os.fspath(path)!r} ({shown}): "
                          "name the file .png for an image or .svg for an editable vector figure")
    return fmt


def check_writable(path: str | os.PathLike) -> None:
    """Fail early, before any rendering, when the target cannot be written."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {os.fspath(path)}: folder {os.fspath(folder)!r} does not exist "
                          "— choose another folder")
    if target.is_dir():
        raise ExportError(f"cannot write {os.fspath(path)}: it is a folder — give a file name")
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise ExportError(f"cannot write {os.fspath(path)}: permission denied — choose another folder")


def render_bytes(corpus: Corpus, spec: FigureSpec, fmt: str,
                 task: Optional[TaskState] = None) -> tuple[bytes, FigureInfo]:
    """The figure as PNG or SVG bytes (no file involved)."""
    ensure_gui_app()
    scene, info = compose(corpus, spec, task=task)
    report(task, 0.92, f"writing {fmt.upper()}")
    if fmt == "svg":
        from desktop_app.figures.svg_backend import render_svg
        return render_svg(scene).encode("utf-8"), info
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from desktop_app.figures.png_backend import render_image

    image = render_image(scene, spec.scale, spec.dpi)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buf, "PNG"):
        raise ExportError("the PNG encoder failed; try a smaller size or scale")
    buf.close()
    return bytes(data.data()), info


def write_atomically(path: str | os.PathLike, data: bytes) -> None:
    try:
        atomic.write_bytes_atomic(path, data)
    except atomic.WriteError as exc:
        raise ExportError(str(exc)) from None


def export_figure(corpus: Corpus, spec: FigureSpec, path: str | os.PathLike,
                  task: Optional[TaskState] = None) -> FigureInfo:
    """Render ``spec`` of ``corpus`` to ``path`` (.png or .svg); raises ExportError or SpecError.

    Cancelling through ``task`` raises ``tasks.Cancelled`` before anything is written.
    """
    fmt = format_for(path)
    check_writable(path)
    report(task, 0.0, "composing the figure")
    data, info = render_bytes(corpus, spec, fmt, task)
    report(task, 0.97, "saving")
    write_atomically(path, data)
    report(task, 1.0, "exported")
    return info
