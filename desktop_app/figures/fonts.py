"""The font every figure uses, registered from the files shipped with Eventscope.

Exports must look the same on every machine and offline, so figures never
rely on whatever "sans-serif" the system resolves to: the DejaVu Sans files
in ``resources/fonts`` are added to Qt's font database (this works with the
offscreen platform too) and the SVG names the same family with a generic
fallback.
"""
from __future__ import annotations

from pathlib import Path

from desktop_app.core.resources import resource_dir

FAMILY = "DejaVu Sans"
# What the SVG writes: the shipped family first, then what a viewer without it should use.
CSS_FAMILY = "'DejaVu Sans', 'Bitstream Vera Sans', Verdana, sans-serif"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")

_registered: str | None = None


def font_dir() -> Path:
    """Where the shipped font files are.

    ``core.resources`` knows where each kind of install keeps them.
    """
    return resource_dir("fonts")


def ensure_fonts() -> str:
    """Register the shipped fonts once (needs a QGuiApplication); return the family to use.

    Falls back to whatever Qt already knows as ``FAMILY`` (the system copy), and
    failing that to Qt's default sans-serif, rather than failing an export:
    a figure in another sans-serif is still better than no figure.
    """
    global _registered
    if _registered is not None:
        return _registered
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    if QGuiApplication.instance() is None:
        raise RuntimeError("ensure_fonts() needs a QGuiApplication; create one first")
    families: set[str] = set()
    for name in FONT_FILES:
        path = font_dir() / name
        if path.is_file():
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families.update(QFontDatabase.applicationFontFamilies(font_id))
    if FAMILY in families or FAMILY in QFontDatabase.families():
        _registered = FAMILY
    else:
        _registered = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    return _registered
