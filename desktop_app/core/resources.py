"""Where the files Eventscope ships (fonts, word lists) are, however it was installed.

One lookup for every kind of install, so no module guesses paths of its own:
a source checkout keeps them in the top-level ``resources/``; a wheel (and
so the offline wheelhouse) carries the same folder inside the package as
``desktop_app/resources`` (see setup.py); a PyInstaller bundle unpacks it
next to the executable. ``EVENTSCOPE_RESOURCES`` overrides all of them.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

_HERE = Path(__file__).resolve()


def _candidates() -> list[Path]:
    found = []
    if os.environ.get("EVENTSCOPE_RESOURCES"):
        found.append(Path(os.environ["EVENTSCOPE_RESOURCES"]))
    found.append(_HERE.parents[1] / "resources")          # installed wheel
    found.append(_HERE.parents[2] / "resources")          # source checkout / editable install
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "resources")
        found.append(Path(bundle) / "desktop_app" / "resources")
    return found


def resource_dir(*parts: str) -> Path:
    """The first shipped folder ``resources/<parts>`` that exists (else the checkout's path)."""
    for base in _candidates():
        path = base.joinpath(*parts)
        if path.is_dir():
            return path
    return _HERE.parents[2].joinpath("resources", *parts)


def gazetteer_dir() -> Path:
    """The word lists' folder (``resources/gazetteer``); ``EVENTSCOPE_GAZETTEER`` overrides it."""
    override = os.environ.get("EVENTSCOPE_GAZETTEER")
    if override:
        return Path(override)
    return resource_dir("gazetteer")


def word_list(path: Path) -> list[str]:
    """A shipped word list's entries, one a line; blank lines and ``#`` comments left out. A
    missing file gives none: extraction degrades, never crashes."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        return []
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
