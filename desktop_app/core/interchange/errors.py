"""The exception interchange raises, and how it writes files."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from desktop_app.core import atomic


class InterchangeError(Exception):
    """A user-facing message: what is wrong with the file, and where in it."""


def write_atomic(path: str | os.PathLike, write: Callable[[Path], None]) -> None:
    """``core.atomic.write_atomic`` with its errors as ``InterchangeError``."""
    try:
        atomic.write_atomic(path, write)
    except atomic.WriteError as exc:
        raise InterchangeError(str(exc)) from None
