"""TIMEX3 value strings: building them from calendar parts and mapping them to intervals.

Everything here is pure calendar arithmetic on explicit inputs; nothing
reads the clock, so a value means the same thing whenever it is computed.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Optional

from desktop_app.core.model import Interval

SEASON_MONTHS = {"SP": (3, 6), "SU": (6, 9), "FA": (9, 12), "WI": (12, 15)}
# Parts of the day as TimeBank writes them; the hours are conventional, not exact.
PART_OF_DAY_HOURS = {"MO": (6, 12), "MI": (12, 13), "AF": (12, 18), "EV": (18, 22), "NI": (20, 28), "DT": (8, 18)}

_RE_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2})(?::(\d{2})(?::(\d{2}))?)?$")
_RE_POD = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(MO|MI|AF|EV|NI|DT)$")
_RE_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_RE_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_RE_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RE_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_RE_HALF = re.compile(r"^(\d{4})-H([12])$")
_RE_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_RE_YEAR = re.compile(r"^(\d{4})$")
_RE_DECADE = re.compile(r"^(\d{3})X?$")
_RE_CENTURY = re.compile(r"^(\d{2})(?:XX)?$")


def day_value(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def month_value(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def add_months_date(d: date, n: int) -> date:
    y, m = add_months(d.year, d.month, n)
    return date(y, m, min(d.day, days_in_month(y, m)))


def days_in_month(y: int, m: int) -> int:
    ny, nm = add_months(y, m, 1)
    return (date(ny, nm, 1) - date(y, m, 1)).days


def nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) ISO weekday of a month."""
    if n > 0:
        d = date(y, month, 1)
        d += timedelta(days=(weekday - d.isoweekday()) % 7)
        return d + timedelta(weeks=n - 1)
    ny, nm = (y + 1, 1) if month == 12 else (y, month + 1)
    d = date(ny, nm, 1) - timedelta(days=1)
    return d - timedelta(days=(d.isoweekday() - weekday) % 7)


def quarter_of(m: int) -> int:
    return (m - 1) // 3 + 1


def add_quarters(y: int, q: int, n: int) -> tuple[int, int]:
    k = y * 4 + (q - 1) + n
    return k // 4, k % 4 + 1


def safe_date(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _dt(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


def _ym(y: int, m: int) -> Optional[datetime]:
    y, m = add_months(y, m, 0)
    if not 1 <= y <= 9998:
        return None
    return datetime(y, m, 1)


def to_interval(value: str) -> Optional[Interval]:
    """The stretch of time a TIMEX3 value denotes, or None when it is not on the time line.

    Also None at the calendar's ends, where the interval's end would fall
    outside what ``datetime`` can hold (December 9999).
    """
    try:
        iv = _to_interval(value)
    except (ValueError, OverflowError):
        return None
    if iv is None or iv.start is None or iv.end is None:
        return None
    return iv


def _to_interval(v: str) -> Optional[Interval]:
    m = _RE_DAY.match(v)
    if m:
        s = datetime(int(m[1]), int(m[2]), int(m[3]))
        return Interval(s, s + timedelta(days=1), "day")
    m = _RE_TIME.match(v)
    if m:
        y, mo, d, h = (int(m[i]) for i in range(1, 5))
        if m[6] is not None:
            s = datetime(y, mo, d, h, int(m[5]), int(m[6]))
            return Interval(s, s + timedelta(seconds=1), "second")
        if m[5] is not None:
            s = datetime(y, mo, d, h, int(m[5]))
            return Interval(s, s + timedelta(minutes=1), "minute")
        s = datetime(y, mo, d, h)
        return Interval(s, s + timedelta(hours=1), "hour")
    m = _RE_POD.match(v)
    if m:
        base = datetime(int(m[1]), int(m[2]), int(m[3]))
        a, b = PART_OF_DAY_HOURS[m[4]]
        return Interval(base + timedelta(hours=a), base + timedelta(hours=b), "hour")
    m = _RE_WEEK.match(v)
    if m:
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            sat = _dt(monday) + timedelta(days=5)
            return Interval(sat, sat + timedelta(days=2), "day")
        return Interval(_dt(monday), _dt(monday) + timedelta(days=7), "week")
    m = _RE_MONTH.match(v)
    if m:
        y, mo = int(m[1]), int(m[2])
        return Interval(datetime(y, mo, 1), _ym(y, mo + 1), "month")
    m = _RE_QUARTER.match(v)
    if m:
        y, q = int(m[1]), int(m[2])
        return Interval(datetime(y, 3 * q - 2, 1), _ym(y, 3 * q + 1), "quarter")
    m = _RE_HALF.match(v)
    if m:
        y, h = int(m[1]), int(m[2])
        # No "half" precision exists in the model; a half-year is styled like a quarter.
        return Interval(datetime(y, 6 * h - 5, 1), _ym(y, 6 * h + 1), "quarter")
    m = _RE_SEASON.match(v)
    if m:
        y = int(m[1])
        a, b = SEASON_MONTHS[m[2]]
        return Interval(_ym(y, a), _ym(y, b), "season")
    m = _RE_YEAR.match(v)
    if m:
        y = int(m[1])
        return Interval(datetime(y, 1, 1), datetime(y + 1, 1, 1), "year")
    m = _RE_DECADE.match(v)
    if m:
        y = int(m[1]) * 10
        if y == 0:
            return None
        return Interval(datetime(y, 1, 1), datetime(y + 10, 1, 1), "decade")
    m = _RE_CENTURY.match(v)
    if m:
        y = int(m[1]) * 100
        if y == 0:
            return None
        return Interval(datetime(y, 1, 1), datetime(y + 100, 1, 1), "century")
    return None


def union(a: Interval, b: Interval) -> Interval:
    """The smallest interval covering both, at the coarser of their precisions."""
    from desktop_app.core.model import PRECISIONS
    p = a.precision if PRECISIONS.index(a.precision) >= PRECISIONS.index(b.precision) else b.precision
    return Interval(min(a.start, b.start), max(a.end, b.end), p)
