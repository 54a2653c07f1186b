"""Time as plain float seconds, and tick marks that adapt to the visible span.

The timeline and the exporters both place dates on a float axis; this module
is the one place that knows how.  Seconds are counted from the naive
1970-01-01 00:00 on the proleptic Gregorian calendar, so dates before 1970 are
negative and every year from 1 to 9999 that ``datetime`` allows works (no
platform ``time`` functions are involved, which is why this is not
``datetime.timestamp()``: that one assumes local time and fails before 1970 on
some platforms).

``ticks(t0, t1)`` picks a step from a ladder running from seconds to
millennia so that at most ``max_major`` labelled (major) ticks fit, plus
unlabelled minor ticks one rung finer.  A major tick that falls on a coarser
calendar boundary carries that boundary as context ("Nov 2007" on the 1st,
then "2", "3" ...), and ``context_label`` names the coarser unit around the
left edge for views that keep it visible while panning.
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Iterable, NamedTuple

import numpy as np

EPOCH = datetime(1970, 1, 1)
MIN_SECONDS = (datetime(1, 1, 1) - EPOCH).total_seconds()
MAX_SECONDS = (datetime(9999, 12, 31, 23, 59, 59) - EPOCH).total_seconds()

MINUTE = 60.0
HOUR = 3600.0
DAY = 86400.0
WEEK = 7 * DAY
MONTH = 30.436875 * DAY     # mean Gregorian month, used only to rank steps
YEAR = 365.2425 * DAY

MAJOR = 0
MINOR = 1

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# 1970-01-01 was a Thursday; weeks start on Monday (ISO), four days later.
_MONDAY_OFFSET = 4 * DAY


class Step(NamedTuple):
    unit: str       # "second", "minute", "hour", "day", "week", "halfmonth", "month", "year"
    count: int
    seconds: float  # nominal length, for ranking only


# The words a reader expects for a length of time.  "halfmonth" is only a rung of the ladder (ticks on
# the 1st and the 16th); spoken, that length is "15 days".
_SPOKEN = {"halfmonth": ("day", 15)}
_UNIT_SECONDS = {"second": 1.0, "minute": MINUTE, "hour": HOUR, "day": DAY, "week": WEEK,
                 "month": MONTH, "year": YEAR}


def scale_length(step: Step) -> tuple[float, str]:
    """The length a scale bar for ``step`` draws (seconds) and the words under it ("15 days", "3 months").

    Words and length agree: a bar reading "15 days" is 15 days long.  Months vary by a few days, so a
    bar of months draws the mean month and says so ("≈ 3 months"); every other unit is exact enough.
    """
    unit, count = _SPOKEN.get(step.unit, (step.unit, 1))
    count *= step.count
    words = f"{count} {unit}{'s' if count != 1 else ''}"
    return count * _UNIT_SECONDS[unit], ("≈ " if unit == "month" else "") + words


def _ladder() -> tuple[Step, ...]:
    steps = [Step("second", n, float(n)) for n in (1, 5, 15, 30)]
    steps += [Step("minute", n, n * MINUTE) for n in (1, 5, 15, 30)]
    steps += [Step("hour", n, n * HOUR) for n in (1, 3, 6, 12)]
    steps += [Step("day", n, n * DAY) for n in (1, 2)]
    steps += [Step("week", 1, WEEK), Step("halfmonth", 1, MONTH / 2)]
    steps += [Step("month", n, n * MONTH) for n in (1, 3, 6)]
    steps += [Step("year", n, n * YEAR) for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)]
    return tuple(steps)


LADDER = _ladder()


class Tick(NamedTuple):
    seconds: float
    label: str
    level: int      # MAJOR (labelled) or MINOR (label is "")


# -- conversion -------------------------------------------------------------
def to_seconds(dt: datetime) -> float:
    """Seconds from 1970-01-01 (naive); a timezone-aware datetime is read as its wall time."""
    if dt.tzinfo is not None:
        dt = dt.replace(tzinfo=None)
    return (dt - EPOCH).total_seconds()


def from_seconds(seconds: float) -> datetime:
    """The naive datetime at ``seconds``, clamped to the years 1..9999."""
    if not math.isfinite(seconds):
        raise ValueError(f"cannot turn {seconds!r} seconds into a date")
    s = min(max(float(seconds), MIN_SECONDS), MAX_SECONDS)
    # Whole and fractional parts separately keep microseconds exact far from 1970.
    whole = math.floor(s)
    micro = round((s - whole) * 1e6)
    return EPOCH + timedelta(seconds=whole, microseconds=micro)


def to_seconds_array(dts: Iterable[datetime | None]) -> np.ndarray:
    """Many datetimes at once; None becomes NaN so arrays stay aligned with their events."""
    return np.array([np.nan if d is None else to_seconds(d) for d in dts], dtype=np.float64)


def clamp(seconds: float) -> float:
    return min(max(seconds, MIN_SECONDS), MAX_SECONDS)


# -- choosing a step --------------------------------------------------------
def choose_step(span: float, max_major: int = 8) -> Step:
    """The finest step that puts at most ``max_major`` ticks on ``span`` seconds."""
    # n ticks cover n - 1 intervals, both ends included.
    intervals = max(1, int(max_major) - 1)
    for step in LADDER:
        if span / step.seconds <= intervals:
            return step
    return LADDER[-1]


def _minor_for(step: Step) -> Step | None:
    """A finer step that divides ``step`` evenly, roughly 2-6 per major interval."""
    by_key = {(s.unit, s.count): s for s in LADDER}
    subdivisions = {
        ("second", 5): ("second", 1), ("second", 15): ("second", 5), ("second", 30): ("second", 5),
        ("minute", 1): ("second", 15), ("minute", 5): ("minute", 1), ("minute", 15): ("minute", 5),
        ("minute", 30): ("minute", 5), ("hour", 1): ("minute", 15), ("hour", 3): ("hour", 1),
        ("hour", 6): ("hour", 1), ("hour", 12): ("hour", 3), ("day", 1): ("hour", 6),
        ("day", 2): ("hour", 12), ("week", 1): ("day", 1), ("halfmonth", 1): ("day", 1), ("month", 1): ("day", 1),
        ("month", 3): ("month", 1), ("month", 6): ("month", 1), ("year", 1): ("month", 3),
        ("year", 2): ("month", 6), ("year", 5): ("year", 1), ("year", 10): ("year", 2),
        ("year", 20): ("year", 5), ("year", 50): ("year", 10), ("year", 100): ("year", 20),
        ("year", 200): ("year", 50), ("year", 500): ("year", 100), ("year", 1000): ("year", 200),
    }
    key = subdivisions.get((step.unit, step.count))
    return by_key[key] if key else None


# -- generating aligned instants --------------------------------------------
def _fixed_instants(t0: float, t1: float, length: float, offset: float = 0.0) -> list[float]:
    first = math.ceil((t0 - offset) / length) * length + offset
    n = int(math.floor((t1 - first) / length)) + 1
    return [first + i * length for i in range(max(0, n))]


def _month_instants(t0: float, t1: float, count: int) -> list[float]:
    start = from_seconds(t0)
    index = start.year * 12 + start.month - 1
    index -= index % count
    out = []
    while True:
        year, month0 = divmod(index, 12)
        if year > 9999:
            break
        if year >= 1:
            s = to_seconds(datetime(year, month0 + 1, 1))
            if s > t1:
                break
            if s >= t0:
                out.append(s)
        index += count
    return out


def _halfmonth_instants(t0: float, t1: float) -> list[float]:
    """The 1st and the 16th of every month: evenly enough spaced, and always on the calendar."""
    out = []
    for s in _month_instants(t0 - 16 * DAY, t1, 1):
        mid = s + 15 * DAY
        out += [x for x in (s, mid) if t0 <= x <= t1]
    return out


def _year_instants(t0: float, t1: float, count: int) -> list[float]:
    year = from_seconds(t0).year
    year -= year % count
    out = []
    while year <= 9999:
        if year >= 1:
            s = to_seconds(datetime(year, 1, 1))
            if s > t1:
                break
            if s >= t0:
                out.append(s)
        year += count
    return out


def instants(step: Step, t0: float, t1: float) -> list[float]:
    """Calendar-aligned instants of ``step`` inside ``[t0, t1]``."""
    if step.unit == "year":
        return _year_instants(t0, t1, step.count)
    if step.unit == "month":
        return _month_instants(t0, t1, step.count)
    if step.unit == "week":
        return _fixed_instants(t0, t1, WEEK, _MONDAY_OFFSET)
    if step.unit == "halfmonth":
        return _halfmonth_instants(t0, t1)
    length = {"second": 1.0, "minute": MINUTE, "hour": HOUR, "day": DAY}[step.unit] * step.count
    return _fixed_instants(t0, t1, length)


# -- labels -----------------------------------------------------------------
def label(seconds: float, step: Step) -> str:
    """The label of a major tick; calendar boundaries coarser than the step add context."""
    d = from_seconds(seconds)
    unit = step.unit
    if unit == "year":
        return str(d.year)
    if unit == "month":
        return str(d.year) if d.month == 1 else _MONTHS[d.month - 1]
    if unit == "week":
        return f"{d.day} {_MONTHS[d.month - 1]}" if d.month != 1 or d.day > 7 else f"{d.day} Jan {d.year}"
    if unit == "halfmonth":
        if d.day == 1:
            return str(d.year) if d.month == 1 else _MONTHS[d.month - 1]
        return f"{d.day} {_MONTHS[d.month - 1]}"
    if unit == "day":
        return f"{_MONTHS[d.month - 1]} {d.year}" if d.day == 1 else str(d.day)
    midnight = d.hour == 0 and d.minute == 0 and d.second == 0
    if midnight:
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    if unit == "second":
        return f"{d.hour:02d}:{d.minute:02d}:{d.second:02d}"
    return f"{d.hour:02d}:{d.minute:02d}"


def context_label(t0: float, t1: float, max_major: int = 8) -> str:
    """The coarser unit around ``t0`` that the major labels leave implicit ("Nov 2007")."""
    t0, t1 = _ordered(t0, t1)
    step = choose_step(t1 - t0, max_major)
    d = from_seconds(t0)
    if step.unit == "year":
        return ""
    if step.unit in ("month", "halfmonth"):
        return str(d.year)
    if step.unit in ("week", "day"):
        return f"{_MONTHS[d.month - 1]} {d.year}"
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _ordered(t0: float, t1: float) -> tuple[float, float]:
    if not (math.isfinite(t0) and math.isfinite(t1)):
        raise ValueError(f"tick range must be finite, got {t0!r}..{t1!r}")
    if t1 < t0:
        t0, t1 = t1, t0
    return clamp(t0), clamp(t1)


def ticks(t0: float, t1: float, max_major: int = 8) -> list[Tick]:
    """Major (labelled) and minor ticks for the span ``[t0, t1]`` in seconds, sorted by time.

    An empty or zero-width span yields no ticks rather than an error, because
    views ask for ticks before they know their range.
    """
    t0, t1 = _ordered(t0, t1)
    if t1 <= t0:
        return []
    step = choose_step(t1 - t0, max_major)
    majors = instants(step, t0, t1)
    # A span that falls between two boundaries of the chosen step would show one label or none;
    # one rung finer usually gives two or more without crowding.
    rung = LADDER.index(step)
    while len(majors) < 2 and rung > 0:
        finer = LADDER[rung - 1]
        more = instants(finer, t0, t1)
        if len(more) > max(2, max_major) + 2:
            break
        step, majors, rung = finer, more, rung - 1
    out = [Tick(s, label(s, step), MAJOR) for s in majors]
    minor = _minor_for(step)
    if minor is not None:
        taken = set(majors)
        out += [Tick(s, "", MINOR) for s in instants(minor, t0, t1) if s not in taken]
    out.sort(key=lambda t: (t.seconds, t.level))
    return out


# -- snapping, presets and going to a date ------------------------------------
# Zoom presets: the span each shows, centred on the view's middle.
PRESETS = {"day": DAY, "week": WEEK, "month": MONTH, "year": YEAR}


def snap_unit(span: float, max_major: int = 8) -> str:
    """The calendar unit a brush snaps to when ``span`` seconds are in view: "year", "month", "day" or "hour".

    The unit of the minor ticks (the finest the axis marks): a year-wide view
    snaps to months, a decade to years, a month to days.
    """
    step = choose_step(span, max_major)
    unit = (_minor_for(step) or step).unit
    if unit == "year":
        return "year"
    if unit in ("month", "halfmonth"):
        return "month"
    if unit in ("week", "day"):
        return "day"
    return "hour"


def floor_to(seconds: float, unit: str) -> float:
    """The start of the ``unit`` ("year", "month", "day", "hour") holding ``seconds``."""
    d = from_seconds(seconds)
    if unit == "year":
        d = datetime(d.year, 1, 1)
    elif unit == "month":
        d = datetime(d.year, d.month, 1)
    elif unit == "day":
        d = datetime(d.year, d.month, d.day)
    else:
        d = datetime(d.year, d.month, d.day, d.hour)
    return to_seconds(d)


def next_boundary(seconds: float, unit: str) -> float:
    """The start of the ``unit`` after the one holding ``seconds``."""
    d = from_seconds(floor_to(seconds, unit))
    if unit == "year":
        return to_seconds(datetime(min(d.year + 1, 9999), 1, 1)) if d.year < 9999 else MAX_SECONDS
    if unit == "month":
        y, m = divmod(d.year * 12 + d.month, 12)
        return to_seconds(datetime(y, m + 1, 1)) if y <= 9999 else MAX_SECONDS
    return min(to_seconds(d) + (DAY if unit == "day" else HOUR), MAX_SECONDS)


def snap(lo: float, hi: float, unit: str) -> tuple[float, float]:
    """Each edge of ``[lo, hi]`` moved to the nearest ``unit`` boundary (never empty).

    A brush reads "1990-07-01 – 1990-08-01", never "1990-07-31 22:31".
    """
    def nearest(x: float) -> float:
        a = floor_to(x, unit)
        b = next_boundary(x, unit)
        return a if x - a <= b - x else b
    a, b = nearest(lo), nearest(hi)
    if b <= a:
        b = next_boundary(a, unit)
    return a, b


def describe_range(lo: float, hi: float) -> str:
    """A window in the fewest words: "1990", "1990-08", "1990-08-02", or "1990-07-01 – 1990-08-15"."""
    a, b = from_seconds(lo), from_seconds(hi)
    if floor_to(lo, "year") == lo and next_boundary(lo, "year") == hi:
        return str(a.year)
    if floor_to(lo, "month") == lo and next_boundary(lo, "month") == hi:
        return f"{a.year:04d}-{a.month:02d}"
    if floor_to(lo, "day") == lo and next_boundary(lo, "day") == hi:
        return a.date().isoformat()

    def one(d: datetime) -> str:
        return d.date().isoformat() if (d.hour, d.minute, d.second) == (0, 0, 0) else d.isoformat(sep=" ", timespec="minutes")
    # A half-open window ends at midnight: show the last day it covers.
    last = b - timedelta(days=1) if (b.hour, b.minute, b.second) == (0, 0, 0) and b - a >= timedelta(days=1) else b
    return f"{one(a)} – {one(last)}"


def parse_date_range(text: str) -> tuple[float, float]:
    """What "go to date" shows for what the user typed: "1990", "1990-08", "Aug 1990", "1990-08-02", "2 Aug 1990".

    Returns the unit written (a year, a month, a day) as ``(lo, hi)``
    seconds; raises ValueError with a one-line message otherwise.
    """
    t = " ".join(text.strip().replace("/", "-").split())
    if not t:
        raise ValueError("type a date such as 1990, 1990-08, Aug 1990 or 1990-08-02")
    for fmt, unit in (("%Y", "year"), ("%Y-%m", "month"), ("%b %Y", "month"), ("%B %Y", "month"),
                      ("%Y-%m-%d", "day"), ("%d %b %Y", "day"), ("%d %B %Y", "day"), ("%b %d %Y", "day"),
                      ("%B %d %Y", "day"), ("%b %d, %Y", "day"), ("%B %d, %Y", "day")):
        try:
            d = datetime.strptime(t, fmt)
        except ValueError:
            continue
        lo = to_seconds(d)
        return lo, next_boundary(lo, unit)
    raise ValueError(f"not a date: {text.strip()!r} (try 1990, 1990-08, Aug 1990 or 1990-08-02)")
