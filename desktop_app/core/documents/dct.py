"""Parsing a document creation time as it is written in metadata.

A DCT is kept as a TIMEX3 value at the precision that is actually known
("2007", "2007-11", "2007-11-09", "2007-11-09T14:30"), never padded to a day
it does not have: a month-precise DCT must stay a month so that dates
anchored to it carry the right uncertainty.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional, Tuple

_ISO = re.compile(
    r"^\s*(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?)?\s*$"
)
_COMPACT = re.compile(r"^\s*(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:T?(?P<H>\d{2})(?P<M>\d{2}))?\s*$")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_WORDY = re.compile(
    r"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:(?P<d1>\d{1,2})\s+(?P<mon1>[A-Za-z]{3,9})\.?,?\s+(?P<y1>\d{4})"
    r"|(?P<mon2>[A-Za-z]{3,9})\.?\s+(?:(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+)?(?P<y2>\d{4}))"
    r"(?:\s+\d{1,2}:\d{2}.*)?\s*$",
    re.I,
)


class DctError(ValueError):
    """A creation time that cannot be read; the message says which forms are accepted."""


ACCEPTED = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM (e.g. 2007, 2007-11, 2007-11-09)"


# The last year a creation time can name: dates in a document are read against the whole DCT interval
# and its neighbours ("next year"), and nothing after 9999-12-31 exists in Python's calendar.  A DCT of
# 9999 was accepted here and then every document failed extraction with "not a date".
LAST_DCT_YEAR = 9998


def _check(y: int, m: Optional[int], d: Optional[int]) -> None:
    if not 1 <= y <= LAST_DCT_YEAR:
        raise DctError(f"year {y} is out of range; a creation time falls in the years 0001 to {LAST_DCT_YEAR}")
    if m is not None and not 1 <= m <= 12:
        raise DctError(f"month {m} is out of range")
    if d is not None:
        date(y, m, d)  # raises ValueError for 2007-02-30


def parse_dct(text: str) -> Tuple[str, str]:
    """Return ``(timex3_value, precision)`` for a written creation time.

    Raises ``DctError`` with a message naming the accepted forms.
    """
    if text is None or not str(text).strip():
        raise DctError(f"no date given; use {ACCEPTED}")
    s = str(text).strip()
    try:
        m = _ISO.match(s) or _COMPACT.match(s)
        if m:
            g = m.groupdict()
            y = int(g["y"])
            mo = int(g["m"]) if g.get("m") else None
            d = int(g["d"]) if g.get("d") else None
            _check(y, mo, d)
            if mo is None:
                return f"{y:04d}", "year"
            if d is None:
                return f"{y:04d}-{mo:02d}", "month"
            if g.get("H"):
                hh, mm = int(g["H"]), int(g["M"])
                if hh > 23 or mm > 59:
                    raise DctError(f"time {hh}:{mm:02d} is out of range")
                # A timezone offset is dropped on purpose: the timeline is in
                # the document's own local time, as the text's dates are.
                return f"{y:04d}-{mo:02d}-{d:02d}T{hh:02d}:{mm:02d}", "minute"
            return f"{y:04d}-{mo:02d}-{d:02d}", "day"
        m = _WORDY.match(s)
        if m:
            g = m.groupdict()
            mon = (g["mon1"] or g["mon2"]).lower()[:3]
            if mon not in _MONTHS:
                raise DctError(f"unknown month name in {s!r}")
            y = int(g["y1"] or g["y2"])
            dd = g["d1"] or g["d2"]
            mo = _MONTHS[mon]
            _check(y, mo, int(dd) if dd else None)
            if dd:
                return f"{y:04d}-{mo:02d}-{int(dd):02d}", "day"
            return f"{y:04d}-{mo:02d}", "month"
    except ValueError as exc:
        if isinstance(exc, DctError):
            raise
        raise DctError(f"{s!r} is not a real date ({exc}); use {ACCEPTED}") from None
    parsed = _parse_other_language(s)
    if parsed:
        return parsed
    raise DctError(f"cannot read the date {s!r}; use {ACCEPTED}")


_DATEPARSER = None


def _parse_other_language(s: str) -> Optional[Tuple[str, str]]:
    """Dates written in words of other languages ("2 novembre 2007", "3 ноября 2007").

    dateparser knows some 200 locales; it is asked only for absolute dates
    that name their year, so it can never fill a gap from today's clock, and
    only the parts its reported period vouches for are kept.
    """
    global _DATEPARSER
    if len(s) > 100 or not re.search(r"\d{4}", s):
        return None
    if _DATEPARSER is None:
        from dateparser.date import DateDataParser
        _DATEPARSER = DateDataParser(settings={
            "REQUIRE_PARTS": ["year"], "PARSERS": ["absolute-time"], "RETURN_TIME_AS_PERIOD": True})
    try:
        data = _DATEPARSER.get_date_data(s)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        return None
    d = data.date_obj if data else None
    if d is None or not 1 <= d.year <= LAST_DCT_YEAR:
        return None
    if data.period == "year":
        return f"{d.year:04d}", "year"
    if data.period == "month":
        return f"{d.year:04d}-{d.month:02d}", "month"
    if data.period == "time":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{d.hour:02d}:{d.minute:02d}", "minute"
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}", "day"


def try_parse_dct(text: Optional[str]) -> Optional[Tuple[str, str]]:
    try:
        return parse_dct(text) if text else None
    except DctError:
        return None


def dct_interval(value: str):
    """The ``Interval`` a DCT value covers: ``2007-11`` is all of November 2007."""
    from datetime import datetime, timedelta

    from ..model import Interval
    v, precision = parse_dct(value)
    y = int(v[:4])
    if precision == "year":
        return Interval(datetime(y, 1, 1), datetime(y + 1, 1, 1) if y < 9999 else datetime(9999, 12, 31), "year")
    mo = int(v[5:7])
    if precision == "month":
        end = datetime(y + 1, 1, 1) if mo == 12 else datetime(y, mo + 1, 1)
        return Interval(datetime(y, mo, 1), end, "month")
    d = int(v[8:10])
    if precision == "day":
        start = datetime(y, mo, d)
        return Interval(start, start + timedelta(days=1), "day")
    start = datetime(y, mo, d, int(v[11:13]), int(v[14:16]))
    return Interval(start, start + timedelta(minutes=1), "minute")
