"""Writing a file so that a failure never leaves half of it, nor costs the good copy.

Every file Eventscope writes for the user (figures, JSON, CSV, GraphML, GEXF)
goes through here: the content is written to a temporary file in the same
folder, flushed to disk, and renamed over the target. Errors come back as
one sentence that says what to do.
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Callable


class WriteError(Exception):
    """A file could not be written; the message is meant for the user."""


def _message(path: str, exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"cannot write {path}: permission denied — choose another folder"
    if exc.errno == errno.ENOSPC:
        return f"cannot write {path}: the disk is full — free space or choose another folder"
    return f"cannot write {path}: {exc.strerror or exc} — choose another folder or file name"


def current_umask() -> int:
    """The process's umask, read without changing it where the OS allows.

    ``os.umask`` can only be read by setting it, and setting it to 0 even for
    an instant lets another thread create a world-writable file; Linux shows
    it in /proc instead.
    """
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` to fill a temporary file, then move it over ``path``."""
    target = Path(path)
    shown = os.fspath(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(f"cannot write {shown}: folder '{folder}' does not exist — "
                         f"create it or choose another folder")
    try:
        # The name is cut so ``.NAME.xxxxxxxx.part`` fits a 255-byte limit when NAME itself just does.
        short = os.fsencode(target.name)[:200].decode("utf-8", "ignore")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{short}.", suffix=".part", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise WriteError(_message(shown, exc)) from None
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); the user's files get what any new file gets (0666 less the
        # umask), or keep the mode of the file they replace.
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise WriteError(_message(shown, exc)) from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~current_umask()


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    write_atomic(path, lambda tmp: tmp.write_bytes(data))


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))
