"""What a format reader found in a file, before the sidecar and ``--dct`` have their say.

Each reader (``pdf_text``, ``docx_text``, ``odt_text``, ``email_messages``,
``event_tables``) returns ``Found`` records; ``formats`` turns them into
``Document`` objects in one place, so every kind gets the same precedence of
creation times (``--dct`` > sidecar > the file's own metadata) and the same
ids, hashes and messages.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional


class FormatError(ValueError):
    """A file of a known kind that cannot be read; the message is one line for the user."""


def checked_size(path: Path, limit: int, kind: str = "") -> int:
    """The file's size in bytes, or a one-line ``FormatError`` when it cannot be read or passes ``limit``.

    ``kind`` names the format in the message ("the limit for a PDF is ..."); every reader checks
    before it opens the file, so a huge file costs one stat, never a read.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FormatError(f"{path.name}: cannot read ({exc.strerror or exc})") from None
    if size > limit:
        what = f"the limit for {kind} is" if kind else "the limit is"
        raise FormatError(f"{path.name}: too large ({size / 2**20:.0f} MB; {what} {limit // 2**20} MB)")
    return size


@dataclass
class Found:
    text: str
    kind: str
    title: Optional[str] = None
    publication: Optional[str] = None
    dct: Optional[tuple[str, str]] = None       # (TIMEX3 value, precision) read from the file
    dct_source: Optional[str] = None            # where that came from, e.g. "pdf-meta", "first-date-line"
    pages: Optional[list[int]] = None
    layout: dict = field(default_factory=dict)
    part: Optional[str] = None                  # id suffix inside a container ("m2", "m2-a1")
    parent_part: Optional[str] = None           # the part this one is attached to
    sha256: Optional[str] = None                # of the bytes it was read from
    warnings: list[str] = field(default_factory=list)   # read, but with something missing
