"""File names as they come from the disk: any length the OS allows, any bytes.

On POSIX a file name is bytes.  Python hands a name that is not UTF-8 to us
with "surrogate escapes" (``caf\\xe9.txt`` becomes ``'caf\\udce9.txt'``),
which opens the file fine but cannot be encoded as UTF-8: SQLite, JSON, Qt
and the string columns all refuse it.  So what a document *shows and stores*
(its id and path) is ``shown_name``: the same name with each undecodable byte
written as ``\\xNN``, valid Unicode everywhere, while the ``Path`` used to read
the file stays the real one.
"""
from __future__ import annotations

import os

DEFAULT_NAME_MAX = 255      # bytes per name on ext4, XFS, btrfs, APFS, NTFS (UTF-16 units there)


def shown_name(name: str | os.PathLike) -> str:
    """``name`` (a path or a file name) as valid Unicode: undecodable bytes become ``\\xNN``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def name_bytes(name: str) -> int:
    """How many bytes ``name`` takes on disk (what the OS's name limit counts)."""
    return len(os.fsencode(name))


def name_max(folder: str | os.PathLike) -> int:
    """The longest file name (in bytes) ``folder``'s file system accepts."""
    try:
        value = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return DEFAULT_NAME_MAX
    return value if isinstance(value, int) and value > 0 else DEFAULT_NAME_MAX


def truncate_name(name: str, limit: int) -> str:
    """A prefix of ``name`` that fits in ``limit`` bytes on disk, as valid Unicode (partial characters dropped)."""
    return os.fsencode(name)[:max(0, limit)].decode("utf-8", "ignore")
