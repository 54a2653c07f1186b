"""Rules for clock times ("10 a.m.", "10:35 p.m. EST Tuesday", "noon", "midnight")."""
from __future__ import annotations

import re
from datetime import timedelta

from desktop_app.core.timex.lexicon import MONTH, TIME_ZONES, WEEKDAY, month_number, weekday_number
from desktop_app.core.timex.resolve import Hit, choose_year, safe_day, weekday_date
from desktop_app.core.timex.rule import rule
from desktop_app.core.timex.values import day_value

_TZ = rf"(?:{TIME_ZONES}|UT|local\s+time)"
_DAYREF = (rf"(?:(?P<dw>today|yesterday|tomorrow|tonight)|(?:on\s+)?(?P<wd>{WEEKDAY})(?:,?\s+(?P<wmon>{MONTH})\s+(?P<wday>[0-2]?[0-9]|3[01])(?!\d))?"
           rf"|(?:on\s+)?(?P<mon>{MONTH})\s+(?P<mday>[0-2]?[0-9]|3[01])(?:st|nd|rd|th)?(?![\d:]))")


_RE_AFTER_ASIDE = re.compile(
    rf"(?:\s*\([^()]{{1,30}}\)|\s+(?-i:in\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,2}}))\s*,?\s*{_DAYREF}", re.I)


def _day_of(m, ctx):
    """The date part of a time: its own day word or date, the day just named in its sentence, else the DCT's day.

    A day written after a parenthesis or a place ("10:35 a.m. (0735 GMT) Friday",
    "10:30 a.m. in London on Wednesday") still dates the time, though it stays
    outside the time's span.
    """
    if not (m["dw"] or m["wd"] or m["mon"]):
        aside = _RE_AFTER_ASIDE.match(ctx.text, m.end(), min(len(ctx.text), m.end() + 80))
        if aside is not None:
            m = aside
    mon, mday = (m["mon"], m["mday"]) if m["mon"] else (m["wmon"], m["wday"])
    if mon:
        if not mon[0].isupper():
            return "XXXX-XX-XX"
        mo, d = month_number(mon), int(mday)
        if ctx.anchor is None:
            return f"XXXX-{mo:02d}-{d:02d}"
        v = choose_year(ctx, lambda y: safe_day(y, mo, d), ctx.tense(m.start(), m.end()))
        return v or "XXXX-XX-XX"
    if m["dw"] and ctx.ref is not None:
        off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m["dw"].lower()]
        return day_value(ctx.ref + timedelta(days=off))
    if m["wd"]:
        if ctx.ref is None:
            return f"XXXX-WXX-{weekday_number(m['wd'])}"
        return day_value(weekday_date(ctx.ref, weekday_number(m["wd"]), ctx.tense(m.start(), m.end())))
    named = ctx.named_in_sentence("day", m.start())
    if named is not None:
        return named
    if ctx.ref is not None and ctx.anchor is not None and ctx.anchor.day_known:
        return day_value(ctx.ref)
    return "XXXX-XX-XX"


def _time_hit(m, ctx, h: int, mi: int) -> Hit:
    day = _day_of(m, ctx)
    typ = "TIME"
    return Hit(typ, f"{day}T{h:02d}:{mi:02d}", anchored=not day.startswith("X"))


@rule("clock-ampm", rf"(?P<h>[01]?[0-9])(?:[:.](?P<mi>[0-5][0-9]))?\s*(?P<ap>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|AM\b|PM\b)(?:\s+(?P<tz>{_TZ}))?(?:,?\s+{_DAYREF})?", relative=True, flags=re.I)
def clock_ampm(m, ctx):
    h = int(m["h"])
    mi = int(m["mi"] or 0)
    if not 1 <= h <= 12:
        return None
    pm = m["ap"].lower().startswith("p")
    h = (h % 12) + (12 if pm else 0)
    return _time_hit(m, ctx, h, mi)


@rule("clock-24h", rf"(?P<h>[01]?[0-9]|2[0-3]):(?P<mi>[0-5][0-9])(?:\s+(?P<tz>{_TZ}))(?:,?\s+{_DAYREF})?", relative=True)
def clock_24h(m, ctx):
    return _time_hit(m, ctx, int(m["h"]), int(m["mi"]))


@rule("clock-oclock", rf"(?P<h>[01]?[0-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['’]clock(?:\s+(?P<pod>in\s+the\s+(?:morning|afternoon|evening)|at\s+night))?(?:,?\s+{_DAYREF})?", relative=True)
def clock_oclock(m, ctx):
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
    h = int(m["h"]) if m["h"].isdigit() else words[m["h"].lower()]
    pod = (m["pod"] or "").lower()
    if ("afternoon" in pod or "evening" in pod or "night" in pod) and h < 12:
        h += 12
    return _time_hit(m, ctx, h, 0)


@rule("clock-in-the", rf"(?P<h>[01]?[0-9])\s+in\s+the\s+(?P<pod>morning|afternoon|evening)(?:,?\s+{_DAYREF})?", relative=True)
def clock_in_the(m, ctx):
    h = int(m["h"])
    if not 1 <= h <= 12:
        return None
    if m["pod"].lower() != "morning" and h < 12:
        h += 12
    return _time_hit(m, ctx, h, 0)


@rule("clock-noon", rf"(?P<w>noon|midnight|midday)(?:\s+(?P<tz>{_TZ}))?(?:,?\s+{_DAYREF})?", relative=True)
def clock_noon(m, ctx):
    w = m["w"].lower()
    return _time_hit(m, ctx, 0 if w == "midnight" else 12, 0)


@rule("clock-at", rf"(?:at|by|until|till|before|after|around|from|since)\s+(?P<h>[01]?[0-9]|2[0-3]):(?P<mi>[0-5][0-9])(?![\d:.,]\d|\s*(?:[ap]\.?\s?m\b|[ECMP][SD]T|GMT|UTC))(?:,?\s+{_DAYREF})?", relative=True)
def clock_at(m, ctx):
    """'at 14:30': a 24-hour time needs a preposition to tell it from a score or a ratio."""
    hit = _time_hit(m, ctx, int(m["h"]), int(m["mi"]))
    hit.start = m.start("h")
    return hit


_RE_RESTATED = re.compile(r"(?:[ap]\.?\s?m\.?|[0-9]{2}:?[0-9]{2}|noon|midnight|GMT|UTC|local\s+time|[ECMP][SD]T)\s*\(\s*$", re.I)


@rule("clock-wire", r"(?P<h>[01][0-9]|2[0-3])(?P<mi>[0-5][0-9])\s*(?:GMT|UTC|Z|hrs|local\s+time)\b(?:,?\s+{_DAYREF})?".replace("{_DAYREF}", _DAYREF), relative=True)
def clock_wire(m, ctx):
    """'0735 GMT', '1430 local time': the four-digit clock of wire copy and military style.

    "10:35 a.m. (0735 GMT)" restates the time just given in another zone; it
    is not a second time, so a bracketed clock right after a clock is skipped.
    """
    if _RE_RESTATED.search(ctx.text, max(0, m.start() - 30), m.start()):
        return None
    return _time_hit(m, ctx, int(m["h"]), int(m["mi"]))


RULES = [clock_ampm, clock_24h, clock_oclock, clock_in_the, clock_noon, clock_at, clock_wire]
