"""Rules for calendar periods named by a determiner rather than a number: "the year", "the weekend",
"year-earlier" results, and years spoken in words ("nineteen ninety-six", "the year two thousand").
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from desktop_app.core.timex.lexicon import MONTH, ONES, ORDINAL, TENS, month_number, ordinal_number
from desktop_app.core.timex.resolve import Hit, choose_year, shift_value
from desktop_app.core.timex.rule import MOD_PREFIX, mod_of, rule
from desktop_app.core.timex.values import add_months, day_value, month_value, safe_date, to_interval, week_value


@rule("the-year", r"(?P<the>the)\s+(?:(?P<adj>full|fiscal|current|whole|entire|calendar)\s+)?year(?P<ended>\s+(?:ended|ending|to\s+date|through))?(?![-'’]|\s+(?:ago|earlier|before|after|later|two|of\s+the|\d))", relative=True)
def the_year(m, ctx):
    if m["ended"] or (m["adj"] or "").lower() == "fiscal":
        # "the year ended Sept. 30", "the fiscal year": a twelve-month period, not the calendar year.
        hit = Hit("DURATION", "P1Y")
        hit.end = m.end("ended") - len(m["ended"]) if m["ended"] else m.end()
        return hit
    if ctx.ref is None:
        return Hit("DATE", "PRESENT_REF")
    return Hit("DATE", f"{ctx.ref.year:04d}", anchored=True)


@rule("weekend", r"(?:(?P<lead>over|during|on|at|this|last|next|ahead\s+of|before|until|by|after)\s+)?(?P<span>the\s+weekend)", relative=True)
def weekend(m, ctx):
    if ctx.ref is None:
        hit = Hit("DATE", "XXXX-WXX-WE")
    else:
        lead = (m["lead"] or "").lower()
        future = lead in ("ahead of", "before", "until", "by", "next") or (
            lead != "last" and ctx.tense(m.start(), m.end()) == "future")
        wd = ctx.ref.isoweekday()
        if wd >= 6:
            day = ctx.ref  # written on the weekend itself
        elif future:
            day = ctx.ref + timedelta(days=6 - wd)
        else:
            day = ctx.ref - timedelta(days=wd + 1)
        hit = Hit("DATE", week_value(day) + "-WE", anchored=True)
    hit.start, hit.end = m.start("span"), m.end("span")
    return hit


@rule("year-earlier", r"year[- ](?P<w>earlier|ago)(?=\s+[a-z])(?!\s+(?:quarter|period|results?\s+of))", relative=True)
def year_earlier(m, ctx):
    """'year-earlier results': the same period a year back; the quarter under discussion if there is one."""
    q = ctx.discourse.get("quarter")
    if q:
        return Hit("DATE", f"{int(q[:4]) - 1:04d}{q[4:]}", anchored=True)
    if ctx.ref is None:
        return Hit("DATE", "PAST_REF")
    return Hit("DATE", f"{ctx.ref.year - 1:04d}", anchored=True)


_ONES_ALT = "|".join(sorted((w for w in ONES if ONES[w] < 10 and ONES[w] > 0), key=len, reverse=True))
_TEENS_ALT = "|".join(sorted((w for w in ONES if ONES[w] >= 10), key=len, reverse=True))
_TENS_ALT = "|".join(TENS)
SPOKEN_YEAR = (rf"(?:(?:nineteen|eighteen|twenty)[- ](?:(?:{_TENS_ALT})(?:[- ](?:{_ONES_ALT}))?|{_TEENS_ALT}|hundred|o[- ](?:{_ONES_ALT}))"
               rf"|two\s+thousand(?:\s+and)?(?:[- ](?:{_ONES_ALT}|{_TEENS_ALT}|(?:{_TENS_ALT})(?:[- ](?:{_ONES_ALT}))?))?)")


def spoken_year(text: str):
    """1996 for "nineteen ninety-six", 2000 for "two thousand", 1905 for "nineteen o five"."""
    t = re.sub(r"[\s-]+", " ", text.lower()).replace(" and", "")
    words = t.split()
    if words[:2] == ["two", "thousand"]:
        rest = words[2:]
        return 2000 + sum(ONES.get(w, 0) + TENS.get(w, 0) for w in rest)
    head = {"nineteen": 1900, "eighteen": 1800, "twenty": 2000}[words[0]]
    rest = words[1:]
    if rest == ["hundred"]:
        return head
    if rest and rest[0] == "o":
        rest = rest[1:]
    return head + sum(ONES.get(w, 0) + TENS.get(w, 0) for w in rest)


@rule("spoken-year", rf"{MOD_PREFIX}(?:(?P<pre>the\s+year|in\s+the\s+year)\s+)?(?:(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december)\s+)?(?P<y>{SPOKEN_YEAR})(?!\s+(?:years?|days?|months?|people|dollars|troops|miles|men|women|of)\b)")
def spoken_year_rule(m, ctx):
    y = spoken_year(m["y"])
    if not 1000 <= y <= 2099:
        return None
    if m["y"].lower().startswith("twenty") and not (m["pre"] or m["mon"]):
        return None  # "twenty twenty" is rarely a year in news text; "twenty-five" never
    hit = Hit("DATE", f"{y:04d}", mod=mod_of(m))
    if m["mon"]:
        if not m["mon"][0].isupper():
            return None
        from desktop_app.core.timex.lexicon import month_number
        hit.value = f"{y:04d}-{month_number(m['mon']):02d}"
    if m["pre"] and m["pre"].lower().startswith("in "):
        hit.start = m.start("pre") + 3
    return hit


_NARRATIVE_SHIFT = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1,
                    "that": 0, "the same": 0, "that same": 0}


@rule("narrative-day", r"(?P<rel>the\s+next|the\s+following|the\s+previous|the\s+preceding|that\s+same|the\s+same|that)\s+(?P<u>day|morning|afternoon|evening|night)", relative=True)
def narrative_day(m, ctx):
    """'the next day', 'that morning': counted from the last day the story named.

    News narrates from a date it has just given ("On Monday ... The next day ..."),
    so the reference is the most recent day-precise date before the phrase, else the DCT.
    """
    shift = _NARRATIVE_SHIFT[re.sub(r"\s+", " ", m["rel"].lower())]
    base = ctx.discourse.get("day")
    if base is None:
        if ctx.ref is None or shift == 0:
            return None  # "that day" with no day before it refers to something we cannot see
        base = ctx.ref
    else:
        base = date.fromisoformat(base)
    # "the next morning" is written as its day, as TimeBank does for "Friday night".
    return Hit("DATE", (base + timedelta(days=shift)).isoformat(), anchored=True)


_PERIOD_SHIFT = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1, "the prior": -1,
                 "that": 0, "that same": 0, "the same": 0}


@rule("narrative-period", r"(?:(?P<pre>earlier|later)\s+(?:in\s+)?)?(?P<rel>the\s+following|the\s+previous|the\s+preceding|the\s+prior|that\s+same|the\s+same|that)\s+(?P<u>year|month|week)(?![-'’]|\s+(?:of|in|as|when|that|which)\b)", relative=True)
def narrative_period(m, ctx):
    """'the following year', 'later that month': counted from the last year/month/day the text named.

    With nothing named before, "the following/previous" falls back to the DCT and
    "that year" is left alone rather than guessed.
    """
    shift = _PERIOD_SHIFT[re.sub(r"\s+", " ", m["rel"].lower())]
    unit = m["u"].lower()
    day = ctx.discourse.get("day")
    if unit == "year":
        base = ctx.discourse.get("year")
        if base is None and (shift == 0 or ctx.ref is None):
            return None
        y = (int(base) if base else ctx.ref.year) + shift
        return Hit("DATE", f"{y:04d}", anchored=True)
    if unit == "month":
        base = ctx.discourse.get("month")
        if base is None and (shift == 0 or ctx.ref is None):
            return None
        y, mo = (int(base[:4]), int(base[5:7])) if base else (ctx.ref.year, ctx.ref.month)
        return Hit("DATE", month_value(*add_months(y, mo, shift)), anchored=True)
    if day is None and (shift == 0 or ctx.ref is None):
        return None
    d = date.fromisoformat(day) if day else ctx.ref
    return Hit("DATE", week_value(d + timedelta(weeks=shift)), anchored=True)


@rule("year-end", r"(?:(?:around|at|by|before|until|after|near)\s+)?(?P<span>(?:the\s+)?(?:(?P<which>this|last|next)\s+)?year[- ]end|(?:the\s+)?year['’]s\s+end|the\s+end\s+of\s+(?:the|this|(?P<which2>last|next))\s+year)", relative=True)
def year_end(m, ctx):
    which = (m["which"] or m["which2"] or "").lower()
    # "year-end" in business text is the closing day of the year; "the end of the
    # year" is vaguer, the year itself with mod END (as TimeBank writes both).
    vague = m["span"].lower().startswith("the end")
    y = None if ctx.ref is None else ctx.ref.year + {"last": -1, "next": 1}.get(which, 0)
    if vague:
        hit = Hit("DATE", "XXXX" if y is None else f"{y:04d}", mod="END", anchored=y is not None)
    else:
        hit = Hit("DATE", "XXXX-12-31" if y is None else f"{y:04d}-12-31", anchored=y is not None)
    hit.start, hit.end = m.start("span"), m.end("span")
    return hit


@rule("period-ahead", r"the\s+(?P<u>days|weeks|months|years|decades)\s+(?:ahead|to\s+come)|the\s+(?P<term>near|short)\s+term")
def period_ahead(m, ctx):
    if m["term"]:
        return Hit("DATE", "FUTURE_REF")
    code = {"days": "D", "weeks": "W", "months": "M", "years": "Y", "decades": "DE"}[m["u"].lower()]
    return Hit("DURATION", f"PX{code}")


@rule("unit-before", r"the\s+(?P<u>day|week|month|year)\s+(?P<dir>before|after|earlier)(?=\s*(?:[.,;:)!?\"”’]|$)|\s+(?:and|or|but|when|as|while|at|in|on|to|with|by)\b)", relative=True)
def unit_before(m, ctx):
    """'had resigned the year before': one unit before/after the time the story was at, else the DCT."""
    shift = 1 if m["dir"].lower() == "after" else -1
    unit = m["u"].lower()
    key = {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]
    base = ctx.discourse.get(key)
    if base is None and ctx.ref is None:
        return None
    if unit == "year":
        y = int(base) if base else ctx.ref.year
        return Hit("DATE", f"{y + shift:04d}", anchored=True)
    if unit == "month":
        y, mo = (int(base[:4]), int(base[5:7])) if base else (ctx.ref.year, ctx.ref.month)
        return Hit("DATE", month_value(*add_months(y, mo, shift)), anchored=True)
    d = date.fromisoformat(base) if base else ctx.ref
    step = timedelta(days=1) if unit == "day" else timedelta(weeks=1)
    v = (d + shift * step).isoformat() if unit == "day" else week_value(d + shift * step)
    return Hit("DATE", v, anchored=True)


@rule("this-time-last-year", r"(?:this|that|the\s+same)\s+time\s+(?:(?P<rel>last|next)\s+year|a\s+year\s+(?P<ago>ago|earlier))", relative=True)
def this_time_last_year(m, ctx):
    """'up from this time last year': the DCT's own day (or coarser) one year away."""
    shift = 1 if (m["rel"] or "").lower() == "next" else -1
    if ctx.ref is None:
        return Hit("DATE", "FUTURE_REF" if shift > 0 else "PAST_REF")
    if not ctx.anchor.day_known:
        # A month- or week-precise DCT: the same month or week, a year away.
        v = f"{ctx.anchor.year + shift:04d}{ctx.anchor.value[4:]}"
        return Hit("DATE", v, anchored=True) if to_interval(v) is not None else None
    try:
        d = ctx.ref.replace(year=ctx.ref.year + shift)
    except ValueError:  # February 29th
        d = ctx.ref.replace(year=ctx.ref.year + shift, day=28)
    return Hit("DATE", d.isoformat(), anchored=True)


@rule("week-of", rf"the\s+week\s+of\s+(?P<mon>{MONTH})\s+(?P<d>[0-2]?[0-9]|3[01])(?:st|nd|rd|th)?(?:,?\s+(?P<year>1[0-9]{{3}}|20[0-9]{{2}}))?(?![\d:])", relative=True)
def week_of(m, ctx):
    """'the week of March 6': the ISO week holding that day."""
    if not m["mon"][0].isupper():
        return None
    mon, d = month_number(m["mon"]), int(m["d"])

    def make(y):
        dd = safe_date(y, mon, d)
        return week_value(dd) if dd else None

    if m["year"]:
        v = make(int(m["year"]))
        return Hit("DATE", v) if v else None
    if ctx.anchor is None:
        return Hit("DATE", "XXXX-WXX", year_unknown=True)
    day_v = choose_year(ctx, lambda y: day_value(safe_date(y, mon, d)) if safe_date(y, mon, d) else None,
                        ctx.tense(m.start(), m.end()), at=m.start())
    return Hit("DATE", week_value(date.fromisoformat(day_v)), anchored=True) if day_v else None


_PART_MOD = {"end": "END", "close": "END", "beginning": "START", "start": "START", "middle": "MID"}


@rule("unit-part", r"the\s+(?P<part>end|close|beginning|start|middle)\s+of\s+the\s+(?P<u>week|month|year)(?![-'’]|\s+(?:of|in|before|after|when|that)\b)", relative=True)
def unit_part(m, ctx):
    """'by the end of the month': the current week or month, with a START/MID/END mod.

    "the end of the year" stays with year_end, which also reads "year-end".
    """
    part, unit = m["part"].lower(), m["u"].lower()
    if unit == "year" and part in ("end", "close"):
        return None
    if ctx.ref is None:
        return Hit("DATE", "PRESENT_REF", mod=_PART_MOD[part])
    v = shift_value(ctx.ref, {"week": "W", "month": "M", "year": "Y"}[unit], 0)
    return Hit("DATE", v, mod=_PART_MOD[part], anchored=True)


@rule("new-year", r"(?<!Lunar\s)(?<!Chinese\s)(?P<the>the\s+)new\s+year(?!['’]|\s+(?:resolution|message|address|speech|honou?rs?)s?\b)", relative=True)
def new_year(m, ctx):
    """'until the new year': the coming calendar year, or the current one early in it."""
    if ctx.ref is None:
        return Hit("DATE", "FUTURE_REF")
    y = ctx.ref.year + (1 if ctx.ref.month >= 7 else 0)
    return Hit("DATE", f"{y:04d}", anchored=True)


@rule("turn-of-century", rf"the\s+turn\s+of\s+the\s+(?:(?P<ord>{ORDINAL})\s+)?century")
def turn_of_century(m, ctx):
    """'the turn of the century': the century's first year, approximately; the nearest one to the DCT when unnamed."""
    if m["ord"]:
        n = ordinal_number(m["ord"])
        if not n or n > 30:
            return None
        y = (n - 1) * 100
    elif ctx.anchor is not None:
        y = round(ctx.anchor.year / 100) * 100
    else:
        return None
    if y <= 0:
        return None
    return Hit("DATE", f"{y:04d}", mod="APPROX", anchored=not m["ord"])


RULES = [the_year, weekend, year_earlier, spoken_year_rule, narrative_day, narrative_period, year_end,
         period_ahead, unit_part, new_year, turn_of_century, unit_before, this_time_last_year, week_of]
