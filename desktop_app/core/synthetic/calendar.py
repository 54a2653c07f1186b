"""Vectorised calendar arithmetic on day numbers (days since 1970-01-01).

Turns a true day plus a precision into the interval a writer at that
precision would give, for a million events at once, with the same interval
conventions as ``timex.values.to_interval`` (ISO weeks from Monday, seasons
of three months with winter starting in December, decades from a year ending
in 0).
"""
from __future__ import annotations

import numpy as np

from ..model import PRECISIONS

P_DAY, P_WEEK, P_MONTH, P_QUARTER, P_SEASON, P_YEAR, P_DECADE = (
    PRECISIONS.index(p) for p in ("day", "week", "month", "quarter", "season", "year", "decade"))
DAY_SECONDS = 86400.0


def _month_to_day(months: np.ndarray) -> np.ndarray:
    return months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month (1-12) and day of month of each day number."""
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    months = d.astype("datetime64[M]")
    year = months.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    dom = (d - months.astype("datetime64[D]")).astype(np.int64) + 1
    return year, month, dom


def iso_week(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Monday of the ISO week, ISO year and ISO week number of each day number."""
    days = np.asarray(days, dtype=np.int64)
    monday = days - (days + 3) % 7          # 1970-01-01 was a Thursday
    thursday = monday + 3
    iso_year = thursday.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    jan1 = (iso_year - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    week = (thursday - jan1) // 7 + 1
    return monday, iso_year, week


def interval_days(days: np.ndarray, precision: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Half-open ``[start, end)`` day numbers of the interval each day falls in at its precision."""
    days = np.asarray(days, dtype=np.int64)
    start = days.copy()
    end = days + 1
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    years = months // 12

    sel = precision == P_WEEK
    monday, _, _ = iso_week(days[sel])
    start[sel], end[sel] = monday, monday + 7

    sel = precision == P_MONTH
    start[sel], end[sel] = _month_to_day(months[sel]), _month_to_day(months[sel] + 1)

    sel = precision == P_QUARTER
    q0 = months[sel] - months[sel] % 3
    start[sel], end[sel] = _month_to_day(q0), _month_to_day(q0 + 3)

    sel = precision == P_SEASON
    moy = months[sel] % 12
    s0 = months[sel] - (moy - 2) % 3       # Mar-May, Jun-Aug, Sep-Nov, Dec-Feb
    start[sel], end[sel] = _month_to_day(s0), _month_to_day(s0 + 3)

    sel = precision == P_YEAR
    start[sel], end[sel] = _month_to_day(years[sel] * 12), _month_to_day(years[sel] * 12 + 12)

    sel = precision == P_DECADE
    y = years[sel] + 1970
    d0 = (y - y % 10 - 1970) * 12
    start[sel], end[sel] = _month_to_day(d0), _month_to_day(d0 + 120)
    return start, end
