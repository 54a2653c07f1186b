"""What a format reader found in a file, before the sidecar and ``--dct`` have their say.

Each reader (``pdf_text``, ``docx_text``, ``odt_text``, ``email_messages``,
``event_tables``) returns ``Found`` records; ``formats`` turns them into
``Document`` objects in one place, so every kind gets the same precedence of
creation times (``--dct`` > sidecar > the file's own metadata) and the same
ids, hashes and messages.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


class FormatError(ValueError):
    """A file of a known kind that cannot be read; the message is one line for the user."""


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
