"""Rules for expressions that name calendar dates: days, months, years, decades, centuries, seasons.

A month or day said without a year takes the year of the DCT closest to it
on the side the sentence's tense points to; with no DCT it stays XXXX.
"""
from __future__ import annotations

import re
from typing import Optional

from desktop_app.core.timex.lexicon import (
    MONTH, ORDINAL, SEASON, SEASONS, TIME_ZONES, WEEKDAY, month_number, ordinal_number, weekday_number,
)
from desktop_app.core.timex.resolve import Ctx, Hit, choose_year, safe_day
from desktop_app.core.timex.rule import MOD_PREFIX, capitalised, mod_of, rule
from desktop_app.core.timex.values import month_value, safe_date

YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})(?![\d])(?!,\d)(?!\.\d)"
DAYNUM = r"(?P<day>[0-2]?[0-9]|3[01])(?:st|nd|rd|th)?"
_WDPRE = rf"(?:(?P<wd>{WEEKDAY}),?\s+)?"


def _month_ok(m: re.Match) -> bool:
    """Month names must be capitalised: "may", "march" and "sun" are words first."""
    return capitalised(m.group("mon"))


_RE_ZONE_AFTER = re.compile(r"\s*(?:" + TIME_ZONES + r")\b")


def _date_hit(ctx: Ctx, m: re.Match, month: int, day: int, year: Optional[int]) -> Optional[Hit]:
    if not 1 <= day <= 31:
        return None
    if year is not None and _RE_ZONE_AFTER.match(ctx.text, m.end()):
        return None     # "19 JANUARY, 1300 GMT": a day and a clock; the day alone is read by the yearless rules
    if year is not None:
        v = safe_day(year, month, day)
        return Hit("DATE", v) if v else None
    if ctx.anchor is None:
        if day > 31:
            return None
        return Hit("DATE", f"XXXX-{month:02d}-{day:02d}", year_unknown=True)
    wd = _named_weekday(m)
    if wd is not None:
        # "Thursday, Jan. 9": the weekday says which nearby year is meant.
        base = ctx.anchor.year
        fits = [y for y in (base - 1, base, base + 1) if (d := safe_date(y, month, day)) and d.isoweekday() == wd]
        if len(fits) == 1:
            return Hit("DATE", safe_day(fits[0], month, day), anchored=True, year_firm=True)
    if _is_citation(ctx.text, m.start(), m.end()):
        # "(Interfax, December 28)": a source's date is on or before the article's own.
        v = choose_year(ctx, lambda y: safe_day(y, month, day), "past", slack_days=0)
    else:
        v = choose_year(ctx, lambda y: safe_day(y, month, day), ctx.tense(m.start(), m.end()), at=m.start())
    return Hit("DATE", v, anchored=True) if v else None


_RE_CITATION_BEFORE = re.compile(r"(?:\([^()\n]{1,80},|;)\s*$")
_RE_CITATION_AFTER = re.compile(r"\s*(?:\)|;)")


def _is_citation(text: str, start: int, end: int) -> bool:
    """A date closing a bracketed source reference: "(Karavan, November 2)", "(AP, May 3; Reuters, May 4)"."""
    if not _RE_CITATION_AFTER.match(text, end):
        return False
    before = _RE_CITATION_BEFORE.search(text, max(0, start - 90), start)
    if before is None:
        return False
    # A ";" must itself sit inside a bracket opened before it on the same line.
    if before.group().lstrip().startswith(";"):
        return text.rfind("(", max(0, start - 200), start) > max(text.rfind(")", max(0, start - 200), start),
                                                               text.rfind("\n", max(0, start - 200), start))
    return True


def _named_weekday(m: re.Match) -> Optional[int]:
    try:
        word = m.group("wd")
    except IndexError:
        return None
    return weekday_number(word) if word and capitalised(word) else None


@rule("month-day-year", rf"{_WDPRE}(?P<mon>{MONTH})\s+{DAYNUM}(?:,\s*|\s+)(?:of\s+)?{YEAR}")
def month_day_year(m, ctx):
    if not _month_ok(m):
        return None
    return _date_hit(ctx, m, month_number(m["mon"]), int(m["day"]), int(m["year"]))


@rule("day-month-year", rf"{_WDPRE}(?:the\s+)?{DAYNUM}\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+{YEAR}")
def day_month_year(m, ctx):
    if not _month_ok(m):
        return None
    return _date_hit(ctx, m, month_number(m["mon"]), int(m["day"]), int(m["year"]))


@rule("month-day", rf"{_WDPRE}(?P<mon>{MONTH})\s+{DAYNUM}(?!\s*(?:%|percent|:\d|,\d|\.\d|\d))")
def month_day(m, ctx):
    if not _month_ok(m):
        return None
    return _date_hit(ctx, m, month_number(m["mon"]), int(m["day"]), None)


def _range_partner(written: Hit, mon: int, day: int, anchored: bool) -> Optional[Hit]:
    """The bare day of a range ("3-4 November"), in the year its written partner resolved to."""
    if written.value.startswith("XXXX"):
        return Hit("DATE", f"XXXX-{mon:02d}-{day:02d}", year_unknown=True)
    v = safe_day(int(written.value[:4]), mon, day)
    return None if v is None else Hit("DATE", v, anchored=anchored)


@rule("month-day-range", rf"(?P<mon>{MONTH})\s+(?P<d1>[0-2]?[0-9]|3[01])\s*(?:-|–|to|through|and)\s*(?P<d2>[0-2]?[0-9]|3[01])(?:(?:,\s*|\s+){YEAR})?(?![\d:])")
def month_day_range(m, ctx):
    """'November 3-4': two dates, the second one written as a bare day number."""
    if not _month_ok(m):
        return None
    mon = month_number(m["mon"])
    d1, d2 = int(m["d1"]), int(m["d2"])
    if not d1 < d2:
        return None
    first = _date_hit(ctx, m, mon, d1, int(m["year"]) if m["year"] else None)
    if first is None:
        return None
    first.start, first.end = m.start(), m.end("d1")
    second = _range_partner(first, mon, d2, anchored=True)
    if second is None:
        return None
    second.start, second.end = m.start("d2"), m.end()
    return [first, second]


@rule("day-range-month", rf"(?P<d1>[0-2]?[0-9]|3[01])(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*(?P<d2>[0-2]?[0-9]|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+{YEAR})?")
def day_range_month(m, ctx):
    """'6-7 November 2007': two dates, the first written as a bare day number."""
    if not _month_ok(m):
        return None
    mon = month_number(m["mon"])
    d1, d2 = int(m["d1"]), int(m["d2"])
    if not d1 < d2:
        return None
    second = _date_hit(ctx, m, mon, d2, int(m["year"]) if m["year"] else None)
    if second is None:
        return None
    second.start, second.end = m.start("d2"), m.end()
    first = _range_partner(second, mon, d1, anchored=second.anchored)
    if first is None:
        return None
    first.start, first.end = m.start("d1"), m.end("d1")
    return [first, second]


@rule("month-range", rf"(?P<m1>{MONTH})\s*(?:-|–|to|through|until|and)\s*(?P<m2>{MONTH}),?\s+{YEAR}")
def month_range(m, ctx):
    """'from January to March 2007': the first month shares the year written after the second."""
    if not (capitalised(m["m1"]) and capitalised(m["m2"])):
        return None
    y = int(m["year"])
    first = Hit("DATE", month_value(y, month_number(m["m1"])))
    first.start, first.end = m.start("m1"), m.end("m1")
    second = Hit("DATE", month_value(y, month_number(m["m2"])))
    second.start, second.end = m.start("m2"), m.end()
    return [first, second]


@rule("day-month", rf"{_WDPRE}(?:the\s+)?{DAYNUM}\s+(?:of\s+)?(?P<mon>{MONTH})")
def day_month(m, ctx):
    if not _month_ok(m):
        return None
    return _date_hit(ctx, m, month_number(m["mon"]), int(m["day"]), None)


@rule("iso-date", r"(?P<year>1[0-9]{3}|20[0-9]{2})-(?P<mo>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])(?:T(?P<h>[01][0-9]|2[0-3]):(?P<mi>[0-5][0-9]))?")
def iso_date(m, ctx):
    v = safe_day(int(m["year"]), int(m["mo"]), int(m["day"]))
    if v is None:
        return None
    if m["h"]:
        return Hit("TIME", f"{v}T{m['h']}:{m['mi']}")
    return Hit("DATE", v)


@rule("slash-date", r"(?P<mo>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12][0-9]|3[01])/(?P<year>(?:19|20)?[0-9]{2})(?![/\d])")
def slash_date(m, ctx):
    y = int(m["year"])
    if y < 100:
        y = century_for(ctx, y)
    v = safe_day(y, int(m["mo"]), int(m["day"]))
    return Hit("DATE", v) if v else None


def century_for(ctx: Ctx, yy: int) -> int:
    """A two-digit year in full: within 90 years before to 10 after the DCT, else the 1900s/2000s split at 50."""
    if ctx.anchor is not None:
        base = ctx.anchor.year
        for c in (base // 100 - 1, base // 100, base // 100 + 1):
            if base - 90 < c * 100 + yy <= base + 10:
                return c * 100 + yy
    return yy + (1900 if yy >= 50 else 2000)


@rule("dmy-slash-date", r"(?<![\d/])(?P<day>1[3-9]|2[0-9]|3[01])/(?P<mo>0?[1-9]|1[0-2])/(?P<year>(?:19|20)[0-9]{2})(?![/\d])")
def dmy_slash_date(m, ctx):
    """'25/12/2001': day first, which only a day above 12 makes certain; '4/3/2001' stays month first."""
    v = safe_day(int(m["year"]), int(m["mo"]), int(m["day"]))
    return Hit("DATE", v) if v else None


@rule("ymd-slash-date", r"(?<![\d/])(?P<year>(?:19|20)[0-9]{2})/(?P<mo>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12][0-9]|3[01])(?![/\d])")
def ymd_slash_date(m, ctx):
    v = safe_day(int(m["year"]), int(m["mo"]), int(m["day"]))
    return Hit("DATE", v) if v else None


_RE_NUMBERED_BEFORE = re.compile(r"\b(?:version|v|release|rel|no|nr|section|sec|article|art|paragraph|para|rule|chapter|clause|item|step)\.?\s*$", re.I)


@rule("dotted-date", r"(?<![\d.])(?P<day>0?[1-9]|[12][0-9]|3[01])\.(?P<mo>0?[1-9]|1[0-2])\.(?P<year>(?:19|20)[0-9]{2})(?!\.?\d)")
def dotted_date(m, ctx):
    """'04.03.2001' is day.month.year, the convention wherever dots separate a date (DIN 5008 and most of Europe)."""
    if _RE_NUMBERED_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
        return None  # "version 1.2.2003", "section 3.1.2001": a numbering, not a date
    v = safe_day(int(m["year"]), int(m["mo"]), int(m["day"]))
    return Hit("DATE", v) if v else None


# What must come before an apostrophe year; read backwards from the match so
# the rule's pattern can start at the rare apostrophe and stay cheap.
_RE_TWO_DIGIT_LEAD = re.compile(
    rf"(?<![\w'’])(?:(?P<pre>in|since|from|until|till|by|of|to|and|through|before|after|during)"
    rf"|(?P<mon>{MONTH})|(?P<s>{SEASON})(?:\s+of)?)\s+$", re.I)


@rule("two-digit-year", r"['’](?P<yy>[0-9]{2})(?![\d'’%]|s\b|\s*(?:percent|per\s+cent)\b)")
def two_digit_year(m, ctx):
    """'elected in '98', 'June '04', 'spring '99': an apostrophe standing for the century."""
    lead = _RE_TWO_DIGIT_LEAD.search(ctx.text, max(0, m.start() - 24), m.start())
    if lead is None:
        return None
    y = century_for(ctx, int(m["yy"]))
    if lead["mon"]:
        if not capitalised(lead["mon"]):
            return None
        return Hit("DATE", month_value(y, month_number(lead["mon"])), start=lead.start())
    if lead["s"]:
        return Hit("DATE", f"{y:04d}-{SEASONS[lead['s'].lower()]}", start=lead.start())
    return Hit("DATE", f"{y:04d}")


@rule("month-year", rf"{MOD_PREFIX}(?P<mon>{MONTH}),?\s+(?:of\s+)?{YEAR}")
def month_year(m, ctx):
    if not _month_ok(m) or _RE_ZONE_AFTER.match(ctx.text, m.end()):
        return None
    return Hit("DATE", month_value(int(m["year"]), month_number(m["mon"])), mod=mod_of(m))


_FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"}
_MAY_CONTEXT = re.compile(r"(?:\b(?:in|since|until|till|by|from|through|during|before|after|of|last|next|this|early|late|mid|between|and|or|to|each|every)\s+|mid-)$", re.I)


@rule("month", rf"{MOD_PREFIX}(?P<mon>{MONTH})(?:\s+(?P<rel>this\s+year|last\s+year|next\s+year|of\s+this\s+year|of\s+last\s+year|of\s+next\s+year))?(?!\s+\d)")
def month_alone(m, ctx):
    word = m["mon"]
    low = word.lower().rstrip(".")
    if not capitalised(word) or (low not in _FULL_MONTHS and not word.endswith(".")):
        # Bare abbreviations without a period ("Mar", "Dec") are too often names or words.
        return None
    before = ctx.text[max(0, m.start() - 20):m.start()]
    if word.lower() in ("may", "march") and not m["mod"] and not m["rel"] and not _MAY_CONTEXT.search(before):
        return None
    mon = month_number(word)
    rel = (m["rel"] or "").lower()
    if rel:
        if ctx.anchor is None:
            return Hit("DATE", f"XXXX-{mon:02d}", mod=mod_of(m), year_unknown=True)
        shift = -1 if "last" in rel else 1 if "next" in rel else 0
        return Hit("DATE", month_value(ctx.anchor.year + shift, mon), mod=mod_of(m), anchored=True)
    if ctx.anchor is None:
        return Hit("DATE", f"XXXX-{mon:02d}", mod=mod_of(m), year_unknown=True)
    v = choose_year(ctx, lambda y: month_value(y, mon), ctx.tense(m.start(), m.end()), at=m.start())
    return Hit("DATE", v, mod=mod_of(m), anchored=True)


_YEAR_JUNK_AFTER = re.compile(r"\s*(?:%|percent|per\s*cent|(?:" + TIME_ZONES + r")\b|local\s+time\b|hrs\b|[-–]?(?:member|strong|point|page|mile|acre|foot|feet|meter|metre|ton|pound|kilo|kg|km|lb|mph|yard)s?\b)", re.I)
_YEAR_JUNK_BEFORE = re.compile(r"(?:[$£€¥#]\s*|\bNo\.\s*|\bnumber\s+|\b(?:about|some|nearly|almost|over|than|around|approximately|roughly|only|just|least|most|total\s+of|estimated|Flight|flight|Route|route|Highway|Interstate|Room|room|Suite|suite|Model|model|"
    r"Resolution|resolution|Article|article|Section|section|Chapter|chapter|Paragraph|paragraph|Clause|clause|"
    r"Item|Volume|Vol\.|Issue|Page|page|Pages|pp?\.|Unit|Box|Code|Form|Grade|Level|Number|Order|Decree|decree|"
    r"Bill|bill|Protocol|Regulation|Directive|Case|case|Docket|Rule|Gate|Terminal|Platform|Row|Seat|"
    r"Station|Channel|Block|Building|Plot|Batch|Lot|Serial|Ticket|Account|Index|Dow|Nasdaq)\s+)$")


# "555-1998", "v1.2.2003": the tail of a phone number or a numbering, not a year ("1998-2001" still is one).
_RE_NUMBER_PART_BEFORE = re.compile(r"(?:(?<!\d)\d{1,3}|\d{5,})[-.]$|\d\.\d+\.$")


# Words that make a bare number far in the past a year ("in 1066", "since 1347", "AD 1000"); not "to" or
# "about", which as often carry counts ("from 297 to 1051").
_RE_TIME_WORD_BEFORE = re.compile(r"\b(?:in|since|until|till|before|after|during|of|year|AD|A\.D\.|circa|c\.)\s+$", re.I)
_RE_RATIO_BEFORE = re.compile(r"(?:\b\d[\d,]*|\bone)\s+in\s+$", re.I)     # "1 in 1000": odds, not a year
_RE_CLOCK_LINE = re.compile(r"^(?:[01]\d|2[0-3])[0-5]\d\s+[A-Z]", re.M)


def _far_bare_year(y: int, before: str, ctx: Ctx) -> bool:
    """A bare number three centuries before the report ("1005 UN spokeswoman says", "hopes 1000 jerrycans"):
    news names a year that old with a word that makes it one ("in 1066", "AD 1000")."""
    return ctx.ref is not None and y < ctx.ref.year - 300 and (
        not _RE_TIME_WORD_BEFORE.search(before) or bool(_RE_RATIO_BEFORE.search(before)))


def _live_blog_clock(m: re.Match, ctx: Ctx) -> bool:
    """A live page's entry time ("1815 The death toll rises ..."): a number opening a line, shaped as a
    24-hour clock and followed by a capital, in a text where at least three lines open that way."""
    at = m.start("year")
    if at != m.start() or (at and ctx.text[at - 1] != "\n") or not _RE_CLOCK_LINE.match(ctx.text, at):
        return False
    key = "live_blog_lines"
    if key not in ctx.discourse:
        ctx.discourse[key] = len(_RE_CLOCK_LINE.findall(ctx.text, 0)) >= 3
    return ctx.discourse[key]


@rule("year", rf"{MOD_PREFIX}(?:(?P<pre>(?:the\s+)?(?:fiscal|calendar|model|school|financial)(?:\s+year)?|the\s+year|FY)\s*)?{YEAR}(?:-(?P<y2>\d{{2}})(?!\d))?")
def year(m, ctx):
    before = ctx.text[max(0, m.start() - 25):m.start()]
    after = ctx.text[m.end():m.end() + 12]
    if not m["pre"] and not m["mod"]:
        if _YEAR_JUNK_BEFORE.search(before) or _YEAR_JUNK_AFTER.match(after) or _RE_NUMBER_PART_BEFORE.search(before):
            return None
        if re.match(r"\s+[a-z]+s\b", after) and not re.match(r"\s+(?:was|has|is|as|its|this|thus|plus|saw|levels?|results?|figures?|sales|earnings|elections?)\b", after):
            # "carried 1500 passengers": a count before a plural noun, unless a
            # preposition says it is a time ("in 1990 prices rose").
            if not re.search(r"\b(?:in|since|by|until|till|from|before|after|during|through|to|and|or|of|early|late|mid|fiscal|calendar|year|between|around|circa|for)\s+$", before, re.I):
                return None
    y = int(m["year"])
    if not m["pre"] and not 1000 <= y <= 2099:
        return None
    if not m["pre"] and not m["mod"] and (_far_bare_year(y, before, ctx) or _live_blog_clock(m, ctx)):
        return None
    hit = Hit("DATE", f"{y:04d}", mod=mod_of(m))
    if m["y2"]:
        # "1988-89": keep only the first year in this timex; the range is a separate concern.
        hit.end = m.end("year")
    return hit


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


@rule("decade", rf"(?:the\s+)?{MOD_PREFIX}(?:(?P<dec>1[0-9]{{2}}0|20[0-9]0)'?s|'(?P<yy>[0-9]0)'?s|(?P<w>(?:nineteen[- ])?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))")
def decade(m, ctx):
    if m["dec"]:
        d = int(m["dec"]) // 10
    elif m["yy"]:
        d = 190 + int(m["yy"]) // 10
    else:
        w = m["w"].lower()
        if not w.startswith("nineteen") and not m.group(0).lower().startswith("the"):
            return None  # "in her forties" is an age, not a decade
        d = 190 + _DECADE_WORDS[re.sub(r"^nineteen[- ]", "", w)]
    return Hit("DATE", f"{d:03d}X", mod=mod_of(m))


@rule("century", rf"(?:the\s+)?{MOD_PREFIX}(?P<ord>{ORDINAL})[- ]century")
def century(m, ctx):
    n = ordinal_number(m["ord"])
    if not n or n > 30:
        return None
    return Hit("DATE", f"{n - 1:02d}", mod=mod_of(m))


@rule("season-year", rf"(?:the\s+)?{MOD_PREFIX}(?P<s>{SEASON})\s+(?:of\s+)?{YEAR}")
def season_year(m, ctx):
    return Hit("DATE", f"{int(m['year']):04d}-{SEASONS[m['s'].lower()]}", mod=mod_of(m))


RULES = [month_day_year, day_month_year, month_day_range, day_range_month, month_range, month_day, day_month, iso_date, slash_date,
         dmy_slash_date, ymd_slash_date, dotted_date, two_digit_year,
         month_year, month_alone, year, decade, century, season_year]
