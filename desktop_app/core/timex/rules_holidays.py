"""Holidays named in news ("Christmas", "Thanksgiving", "Easter", "New Year's Day") and their dates in a given year.

Fixed-date holidays keep their month and day without a DCT; movable ones
(Easter, Thanksgiving) need a year, so without one they stay XXXX-XX-XX.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from desktop_app.core.timex.resolve import Hit, choose_year
from desktop_app.core.timex.rule import capitalised, rule
from desktop_app.core.timex.rules_calendar import YEAR
from desktop_app.core.timex.values import day_value, nth_weekday


def _easter(y: int) -> date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    mm = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * mm + 114) // 31
    day = (h + l - 7 * mm + 114) % 31 + 1
    return date(y, month, day)


HOLIDAYS = {
    "christmas day": lambda y: date(y, 12, 25), "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25), "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31), "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14), "independence day": lambda y: date(y, 7, 4),
    "the fourth of july": lambda y: date(y, 7, 4), "thanksgiving day": lambda y: nth_weekday(y, 11, 4, 4),
    "thanksgiving": lambda y: nth_weekday(y, 11, 4, 4), "labor day": lambda y: nth_weekday(y, 9, 1, 1),
    "memorial day": lambda y: nth_weekday(y, 5, 1, -1), "easter sunday": _easter, "easter": _easter,
    "good friday": lambda y: _easter(y) - timedelta(days=2), "boxing day": lambda y: date(y, 12, 26),
    "election day": lambda y: nth_weekday(y, 11, 1, 1) + timedelta(days=1),
    "martin luther king day": lambda y: nth_weekday(y, 1, 1, 3), "veterans day": lambda y: date(y, 11, 11),
    "may day": lambda y: date(y, 5, 1), "bastille day": lambda y: date(y, 7, 14),
}
_HOL = "|".join(sorted((re.escape(h).replace(r"\ ", r"\s+").replace("'", "['’]") for h in HOLIDAYS), key=len, reverse=True))


@rule("holiday", rf"(?:(?P<rel>last|next|this)\s+)?(?P<h>{_HOL})(?:,?\s+{YEAR})?")
def holiday(m, ctx):
    name = re.sub(r"\s+", " ", m["h"].lower()).replace("’", "'")
    if not capitalised(m["h"]) and not m["h"].lower().startswith("the"):
        return None
    fn = HOLIDAYS[name]
    if m["year"]:
        return Hit("DATE", day_value(fn(int(m["year"]))))
    if ctx.anchor is None:
        d = fn(2000)
        fixed = all(fn(y).strftime("%m-%d") == d.strftime("%m-%d") for y in (2001, 2002))
        return Hit("DATE", f"XXXX-{d:%m-%d}" if fixed else "XXXX-XX-XX", year_unknown=True)
    rel = (m["rel"] or "").lower()
    tense = "past" if rel == "last" else "future" if rel == "next" else ctx.tense(m.start(), m.end())
    v = choose_year(ctx, lambda y: day_value(fn(y)), tense)
    return Hit("DATE", v, anchored=True) if v else None


RULES = [holiday]
