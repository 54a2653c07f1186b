"""The document creation time (DCT): parsing it and exposing it as an anchor."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from desktop_app.core.model import Interval
from desktop_app.core.timex.values import to_interval

_RE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_RE_ISO_TAIL = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$")


def parse_dct(text: str) -> tuple[str, Interval]:
    """Normalise a DCT string to a TIMEX3 value and the interval it covers.

    Accepts any TIMEX3 date value at any precision ("2007", "2007-11",
    "1998-02-06", "1998-02-06T22:19:00", "2007-W45", "2007-Q3"), also
    "19980206" and ISO datetimes with a time zone (the zone is dropped: the
    DCT is read as local time of the publication). Raises ValueError with a
    message fit for a user when the string is not a date.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("document creation time is empty")
    s = text.strip()
    m = _RE_COMPACT.match(s)
    if m:
        s = f"{m[1]}-{m[2]}-{m[3]}"
    m = _RE_ISO_TAIL.match(s)
    if m:
        s = f"{m[1]}T{m[2]}"
    iv = to_interval(s)
    if iv is None or "T" in s and iv.precision == "hour" and not re.search(r"T\d{2}", s):
        raise ValueError(f"document creation time {text!r} is not a date such as 2007-11-02, 2007-11 or 2007")
    return s, iv


@dataclass(frozen=True)
class Anchor:
    """What relative expressions are resolved against."""

    value: str
    interval: Interval

    @property
    def first_day(self) -> date:
        return self.interval.start.date()

    @property
    def last_day(self) -> date:
        # For sub-day precisions the interval ends inside the same day.
        end = self.interval.end - timedelta(microseconds=1)
        return end.date()

    @property
    def day_known(self) -> bool:
        return self.first_day == self.last_day

    @property
    def year(self) -> int:
        return self.interval.start.year

    @property
    def month_known(self) -> bool:
        s, e = self.first_day, self.last_day
        return (s.year, s.month) == (e.year, e.month)

    @property
    def year_known(self) -> bool:
        return self.first_day.year == self.last_day.year


def make_anchor(dct: Optional[str]) -> Optional[Anchor]:
    if dct is None or (isinstance(dct, str) and not dct.strip()):
        return None
    value, iv = parse_dct(dct)
    return Anchor(value, iv)
