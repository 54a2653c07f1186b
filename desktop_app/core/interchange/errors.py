"""The exception interchange raises, and the one safe way it writes files."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable


class InterchangeError(Exception):
    """A user-facing message: what is wrong with the file, and where in it."""


def write_atomic(path: str | os.PathLike, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` then rename over ``path``: a failed export never leaves half a file
    where a good one was. Errors name the folder and say what to do."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InterchangeError(f"cannot write {path}: folder '{folder}' does not exist — "
                               f"create it or choose another folder")
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise InterchangeError(f"cannot write {path}: {exc.strerror or exc} — choose another folder "
                               f"or file name") from None
