"""Days of a month named by their rank rather than by a full date: "on the 28th", "the first Tuesday of November".

"The 28th" leans on the story: it is a day of the month the text named last
(within a few sentences), else of the DCT's month, moved a month back or
forward when the tense says the day is already past or still to come.
"""
from __future__ import annotations

import re
from typing import Optional

from desktop_app.core.timex.lexicon import MONTH, WEEKDAY, month_number, weekday_number
from desktop_app.core.timex.resolve import Ctx, Hit, choose_year, safe_day
from desktop_app.core.timex.rule import capitalised, rule
from desktop_app.core.timex.rules_calendar import YEAR
from desktop_app.core.timex.values import add_months, day_value, nth_weekday

# How far back (characters) a named month still lends itself to "the 28th".
MONTH_REACH = 400

# What may follow "the 28th" when it is a date: punctuation, a clause word or
# another time word, never a noun it would modify ("the 28th floor").
_FOLLOW = (r"(?=\s*(?:[.,;:)!?\"”’]|$)|\s+(?:and|or|at|when|in|to|but|as|after|before|with|for|from|until|till|"
           r"through|this|that|last|next|if|because|while|morning|afternoon|evening|night)\b)")


@rule("ordinal-day", r"(?:on|by|until|till|from|since|before|after|through|to|between|and)\s+(?P<span>the\s+(?P<d>[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th))" + _FOLLOW, relative=True)
def ordinal_day(m, ctx):
    d = int(m["d"])
    suffix = m["span"][-2:].lower()
    if suffix != {1: "st", 2: "nd", 3: "rd"}.get(d % 10 if d // 10 != 1 else 0, "th"):
        return None  # "the 21th" is a typo or not a day
    hit = _ordinal_value(ctx, m, d)
    if hit is not None:
        hit.start, hit.end = m.start("span"), m.end("span")
    return hit


def _ordinal_value(ctx: Ctx, m: re.Match, d: int) -> Optional[Hit]:
    named = ctx.named_in_sentence("month", m.start(), within=MONTH_REACH, same_sentence=False)
    if named is not None:
        v = safe_day(int(named[:4]), int(named[5:7]), d)
        return Hit("DATE", v, anchored=True) if v else None
    if ctx.ref is None:
        return Hit("DATE", f"XXXX-XX-{d:02d}", year_unknown=True)
    ref = ctx.ref
    shift = 0
    tense = ctx.tense(m.start("span"), m.end("span"))
    if tense == "past" and d > ref.day:
        shift = -1
    elif tense == "future" and d < ref.day:
        shift = 1
    y, mo = add_months(ref.year, ref.month, shift)
    v = safe_day(y, mo, d)
    return Hit("DATE", v, anchored=True) if v else None


_RANK = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1,
         "final": -1}


@rule("nth-weekday", rf"the\s+(?P<n>first|1st|second|2nd|third|3rd|fourth|4th|last|final)\s+(?P<wd>{WEEKDAY})\s+(?:of|in)\s+(?P<mon>{MONTH})(?:,?\s+{YEAR})?")
def nth_weekday_of_month(m, ctx):
    """'the first Tuesday of November': one day, computed in the year said or the one the tense points to."""
    if not (capitalised(m["wd"]) and capitalised(m["mon"])):
        return None
    n, wd, mon = _RANK[m["n"].lower()], weekday_number(m["wd"]), month_number(m["mon"])

    def make(y: int) -> Optional[str]:
        if not 1 <= y <= 9998:
            return None
        return day_value(nth_weekday(y, mon, wd, n))

    if m["year"]:
        return Hit("DATE", make(int(m["year"])))
    if ctx.anchor is None:
        return Hit("DATE", f"XXXX-{mon:02d}-XX", year_unknown=True)
    v = choose_year(ctx, make, ctx.tense(m.start(), m.end()), at=m.start())
    return Hit("DATE", v, anchored=True) if v else None


RULES = [ordinal_day, nth_weekday_of_month]
