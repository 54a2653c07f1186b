"""Anchoring underspecified and relative expressions to the document creation time.

Rules describe *what* was said (a weekday, a month without a year, "two
years ago"); the functions here decide *which* calendar date that is, given
the reference day and the tense of the sentence. They never look at the
clock: with no anchor they return the underspecified TIMEX3 value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Optional

from desktop_app.core.model import Interval
from desktop_app.core.timex.dct import Anchor
from desktop_app.core.timex.tense import sentence_bounds, tense_at
from desktop_app.core.timex.values import (
    add_months, add_months_date, add_quarters, day_value, month_value, quarter_of,
    safe_date, to_interval, week_value,
)


@dataclass
class Hit:
    """A normalised time expression found by one rule."""

    type: str
    value: str
    mod: Optional[str] = None
    interval: Optional[Interval] = None   # set only when it differs from the value's own interval
    year_unknown: bool = False
    anchored: bool = False
    start: Optional[int] = None           # a rule may trim its own match
    end: Optional[int] = None
    no_interval: bool = False             # e.g. a plain duration floats free of the time line
    quant: Optional[str] = None           # SET: "EVERY", "EACH"
    freq: Optional[str] = None            # SET: "2X"
    year_firm: bool = False               # inferred, yet as sure as a written year (a weekday fixed it)


@dataclass
class Ctx:
    text: str
    anchor: Optional[Anchor]
    ref: Optional[date] = None            # reference day (one end of a coarse DCT)
    discourse: dict = field(default_factory=dict)  # last mentioned quarter etc.
    _tense: dict = field(default_factory=dict)
    _cues: dict = field(default_factory=dict)

    def named_in_sentence(self, key: str, start: int, within: Optional[int] = None,
                          same_sentence: bool = True) -> Optional[str]:
        """The last day/month/year (``key``) the text named earlier in the sentence holding ``start``.

        "On Oct. 9 ... at 2 a.m." or "last year, the most recent in mid-December":
        the story has just fixed the date, and what follows in the sentence is read
        against it rather than against the DCT.
        """
        at = self.discourse.get(key + "_at")
        if at is None or at >= start or (within is not None and start - at > within):
            return None
        if not same_sentence:
            return self.discourse.get(key)
        s, _ = sentence_bounds(self.text, start, start)
        return self.discourse.get(key) if at >= s else None

    def tense(self, start: int, end: int) -> Optional[str]:
        key = (start, end)
        if key not in self._tense:
            self._tense[key] = tense_at(self.text, start, end, self._cues)
        return self._tense[key]


def _distance(iv: Interval, anchor: Interval) -> float:
    if iv.end <= anchor.start:
        return (anchor.start - iv.end).total_seconds()
    if iv.start >= anchor.end:
        return (iv.start - anchor.end).total_seconds()
    return 0.0


def choose_year(ctx: Ctx, make_value, tense: Optional[str], slack_days: int = 90,
                at: Optional[int] = None) -> Optional[str]:
    """Pick the year for a month/day/season said without one: near the DCT, on the side the tense says.

    ``make_value(year)`` builds the candidate value; returns None if no anchor.
    With ``at`` (the expression's offset), a year named just before it in the
    same sentence wins ("talks were held last year, the last in mid-December").
    """
    a = ctx.anchor
    if a is None:
        return None
    dct = a.interval
    if at is not None and ctx.discourse.get("said_year") and _RE_THAT_YEAR_AFTER.match(ctx.text, at):
        # "died on 25 June that year": the year the text said last, however far back.
        v = make_value(int(ctx.discourse["said_year"]))
        if v:
            return v
    if at is not None:
        named = ctx.named_in_sentence("said_year", at, within=SAME_YEAR_REACH)
        if named is not None and abs(int(named) - dct.start.year) <= 1:
            v = make_value(int(named))
            if v:
                return v
    cands = []
    for y in range(dct.start.year - 1, dct.end.year + 2):
        v = make_value(y)
        iv = to_interval(v) if v else None
        if iv is not None:
            cands.append((v, iv))
    if not cands:
        return None
    # The DCT's own year wins unless the tense clearly puts the date on the other
    # side of the DCT and farther than `slack` away (HeidelTime's rule, softened
    # because a guessed tense is often wrong for dates only weeks away).
    slack = timedelta(days=slack_days)
    own = [c for c in cands if c[1].start.year == dct.start.year]
    if not own:
        return min(cands, key=lambda c: _distance(c[1], dct))[0]
    v, iv = own[0]
    if tense is None:
        # No tense to go by: the reading nearest the DCT, the DCT's own year on ties.
        best = min(cands, key=lambda c: _distance(c[1], dct))
        return v if _distance(iv, dct) <= _distance(best[1], dct) else best[0]
    if tense == "past" and iv.start >= dct.end + slack:
        prev = [c for c in cands if c[1].start < dct.end]
        return max(prev, key=lambda c: c[1].start)[0] if prev else v
    if tense == "future" and iv.end <= dct.start - slack:
        nxt = [c for c in cands if c[1].end > dct.start]
        return min(nxt, key=lambda c: c[1].start)[0] if nxt else v
    best = min(cands, key=lambda c: _distance(c[1], dct))
    # A future cue ("will", "expect") is rarely a misreading; past cues (any -ed word) often are.
    against = tense == "future" and best[1].end <= dct.start or tense == "past" and best[1].start >= dct.end
    if not against and _distance(iv, dct) > FAR_DAYS * 86400 and _distance(best[1], dct) < NEAR_DAYS * 86400:
        # Ten months back against two ahead: the guessed tense loses to proximity.
        return best[0]
    return v


FAR_DAYS, NEAR_DAYS = 240, 100
# A day or month (its own words: numbers and capitalised names) followed by "that year" /
# "(of, in) the same year"; "in March he said that year ..." is not one.
_RE_THAT_YEAR_AFTER = re.compile(r"(?:[A-Z0-9][\w.]*,?\s+){1,3}(?:(?:of|in)\s+)?(?:that(?:\s+same)?|the\s+same)\s+year\b")
# How far back (characters) a year named in the sentence still dates a bare month or day.
SAME_YEAR_REACH = 80


def weekday_date(ref: date, weekday: int, tense: Optional[str], shift: int = 0) -> date:
    """The weekday (1=Monday) nearest ``ref`` in the tense's direction; same weekday = ref itself.

    ``shift`` is -1 for "last Friday", +1 for "next Friday", 0 for plain/this.
    """
    cur = ref.isoweekday()
    if shift == -1:
        back = (cur - weekday) % 7 or 7
        return ref - timedelta(days=back)
    if shift == 1:
        fwd = (weekday - cur) % 7 or 7
        return ref + timedelta(days=fwd)
    if tense == "future":
        return ref + timedelta(days=(weekday - cur) % 7)
    if tense is None:
        back, fwd = (cur - weekday) % 7, (weekday - cur) % 7
        # News reports the past more than it announces: ties go back.
        return ref - timedelta(days=back) if back <= fwd else ref + timedelta(days=fwd)
    return ref - timedelta(days=(cur - weekday) % 7)


def shift_value(ref: date, unit: str, n: int) -> Optional[str]:
    """The calendar unit containing ref, moved n units ("last month" = shift_value(ref, 'M', -1))."""
    if unit == "D":
        return day_value(ref + timedelta(days=n))
    if unit == "W":
        return week_value(ref + timedelta(weeks=n))
    if unit == "WE":
        return week_value(ref + timedelta(weeks=n)) + "-WE"
    if unit == "M":
        y, m = add_months(ref.year, ref.month, n)
        return month_value(y, m)
    if unit == "Q":
        y, q = add_quarters(ref.year, quarter_of(ref.month), n)
        return f"{y:04d}-Q{q}"
    if unit == "Y":
        return f"{ref.year + n:04d}"
    if unit == "DE":
        return f"{ref.year // 10 + n:03d}"
    if unit == "CE":
        return f"{ref.year // 100 + n:02d}"
    return None


def ago_value(ref: date, letter: str, n: float, direction: int) -> Optional[str]:
    """The date n units before (direction -1) or after (+1) ref, at the unit's granularity."""
    k = int(n)
    if k != n:
        return None
    k *= direction
    if letter == "D":
        return day_value(ref + timedelta(days=k))
    if letter == "W":
        return week_value(ref + timedelta(weeks=k))
    if letter == "M":
        return month_value(*add_months(ref.year, ref.month, k))
    if letter == "Y":
        return f"{ref.year + k:04d}"
    if letter == "DE":
        return f"{ref.year + 10 * k:04d}"
    return None


def span_before(ref: date, letter: str, n: float, clock: bool, forward: bool = False,
                instant: Optional[datetime] = None) -> Optional[Interval]:
    """[ref - n units, end of ref) for "the past n units" (or the mirror for "the next").

    ``instant`` is the DCT's own time when it is known to the hour or finer;
    clock units ("the past 24 hours") then count back from it.
    """
    end = datetime(ref.year, ref.month, ref.day) + timedelta(days=1)
    k = int(n) if n == int(n) else None
    if k is None:
        return None
    if clock:
        if instant is not None:
            end = instant
        delta = {"H": timedelta(hours=k), "M": timedelta(minutes=k), "S": timedelta(seconds=k)}[letter]
        prec = {"H": "hour", "M": "minute", "S": "second"}[letter]
        return Interval(end - delta, end, prec) if not forward else Interval(end, end + delta, prec)
    if letter in ("D", "W"):
        delta = timedelta(days=k * (7 if letter == "W" else 1))
        prec = "day" if letter == "D" else "week"
        start_day = datetime(ref.year, ref.month, ref.day)
        return Interval(end - delta, end, prec) if not forward else Interval(start_day, start_day + delta, prec)
    if letter in ("M", "Y"):
        months = k if letter == "M" else 12 * k
        prec = "month" if letter == "M" else "year"
        if forward:
            s = datetime(ref.year, ref.month, ref.day)
            e = add_months_date(ref, months)
            return Interval(s, datetime(e.year, e.month, e.day), prec)
        s = add_months_date(ref + timedelta(days=1), -months)
        return Interval(datetime(s.year, s.month, s.day), end, prec)
    return None


def safe_day(y: int, m: int, d: int) -> Optional[str]:
    dd = safe_date(y, m, d)
    return day_value(dd) if dd else None
