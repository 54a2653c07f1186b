"""Rules for lengths of time ("three days", "the past 24 hours", "a two-year term") and recurrences ("weekly").

A duration gets an interval only when the text anchors it ("the past week"
ends at the DCT); otherwise it floats and has none.
"""
from __future__ import annotations

import re

from desktop_app.core.timex.lexicon import (
    MONTH, NUMBER, SEASON, SEASONS, UNITS, WEEKDAY, month_number, parse_number, weekday_number,
)
from desktop_app.core.timex.resolve import Hit, span_before
from desktop_app.core.timex.rule import rule

# Only the modifiers TimeBank keeps inside the extent; "about", "only", "over the" stay outside.
_QUANT = (r"nearly|almost|more\s+than|less\s+than|fewer\s+than|over(?=\s+(?:an?|\d|one|two|three|four|five|six|seven|eight|nine|ten)\b)|"
          r"at\s+least|at\s+most|up\s+to|no\s+more\s+than|well\s+over|upwards\s+of|"
          r"the\s+better\s+part\s+of|another|an\s+additional")
_QMOD = {"about": "APPROX", "nearly": "APPROX", "almost": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
         "around": "APPROX", "some": "APPROX", "close to": "APPROX", "more than": "MORE_THAN", "over": "MORE_THAN",
         "well over": "MORE_THAN", "upwards of": "MORE_THAN", "less than": "LESS_THAN", "fewer than": "LESS_THAN",
         "under": "LESS_THAN", "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
         "no more than": "EQUAL_OR_LESS", "as many as": "EQUAL_OR_LESS", "as much as": "EQUAL_OR_LESS"}
_UNIT_WORD = r"second|minute|hour|day|week|fortnight|month|year|decade|centurie|century|millennium|millennia"


_NOT_PLURAL_NOUNS = {"was", "has", "is", "as", "this", "its", "his", "us", "less", "across", "unless", "perhaps",
                     "always", "sometimes", "besides", "thus", "plus", "towards", "afterwards", "yes", "whereas",
                     "series", "means", "news", "process", "access", "success", "bus", "gas", "status", "crisis"}


def _rate_noun(before: str) -> bool:
    """'four flights a week', '700 seats a week': a plural count noun right before 'a <unit>' makes a rate."""
    m = re.search(r"\b([a-z]+s)\s+$", before)
    return bool(m) and m.group(1) not in _NOT_PLURAL_NOUNS and not m.group(1).endswith("ss")


def duration_value(n, unit: str):
    """TIMEX3 duration for n units; n None means unspecified (X). Fractions move to the next smaller unit."""
    unit = unit.lower().rstrip("s") if unit.lower() not in ("centuries", "millennia") else unit.lower()
    unit = {"centurie": "century", "centuries": "century", "millennia": "millennium"}.get(unit, unit)
    letter, clock, mult = UNITS[unit]
    t = "T" if clock else ""
    if n is None:
        code = {"decade": "DE", "century": "CE", "millennium": "ML"}.get(unit, letter)
        return f"P{t}X{code}"
    n = n * mult
    if n == int(n):
        return f"P{t}{int(n)}{letter}"
    whole, frac = int(n), n - int(n)
    smaller = {("Y", False): ("M", 12, ""), ("M", False): ("D", 30, ""), ("W", False): ("D", 7, ""),
               ("D", False): ("H", 24, "T"), ("H", True): ("M", 60, ""), ("M", True): ("S", 60, "")}.get((letter, clock))
    if smaller is None or (frac * smaller[1]) != int(frac * smaller[1]):
        return f"P{t}{n:g}{letter}"
    sl, k, st = smaller
    head = f"{whole}{letter}" if whole else ""
    if clock or st:
        return f"P{'T' if clock else ''}{head}{'T' if st and not clock else ''}{int(frac * k)}{sl}"
    return f"P{head}{int(frac * k)}{sl}"


@rule("duration", rf"(?:(?P<q>{_QUANT})\s+)?(?:(?P<the>the|these|those|its|their|his|her)\s+)?(?:(?P<rel>past|last|next|first|coming|previous|following|final|remaining|initial|other|preceding|ensuing|latest)\s+)?(?P<n>{NUMBER})(?:\s+(?P<more>more|additional|full|straight|consecutive|long|whole|entire|extra|short|successive|further|trading|business|working|calendar|school))?\s+(?P<u>{_UNIT_WORD})s?(?P<half>\s+and\s+a\s+half)?(?!-|\s+(?:old|of\s+age)\b)", relative=True)
def duration(m, ctx):
    raw_n = m["n"].lower()
    n = parse_number(m["n"])
    if m["half"]:
        n = (n or 0) + 0.5
    unit = m["u"].lower()
    before = ctx.text[max(0, m.start() - 12):m.start()]
    after = ctx.text[m.end():m.end() + 15]
    # "an hour" after money or a count is a rate ("$5 an hour"), a SET.
    if raw_n in ("a", "an") and not m["q"] and not m["the"] and not m["rel"] and not m["more"]:
        if re.search(r"(?:\d|cents?|dollars?|percent|%|times|once|twice)\s*$", before, re.I) or _rate_noun(before):
            return Hit("SET", duration_value(1, unit))
        if re.match(r"\s+(?:ago|earlier|later)", after):
            return None
    if re.match(r"\s*(?:['’]s?\s|-)", after) and raw_n in ("a", "an"):
        return None
    if unit == "second" and raw_n in ("a", "one") and not m["q"] and re.match(r"\s+[a-z]", after):
        return None  # "a second term": the ordinal, not the unit
    if m["u"][0].isupper() and not m.group(0)[0].isupper():
        return None  # "60 Minutes": a title
    if (not m["q"] and not m["the"] and not m["rel"] and re.fullmatch(r"1[0-9]{3}|20[0-9]{2}", m["n"])
            and re.search(r"\b(?:in|since|by|until|of|from|during)\s+$", before, re.I)):
        return None  # "in 2005 hours worked rose": a year before a plural noun, not 2005 hours
    if n is not None and n == 0:
        return None
    hit = Hit("DURATION", duration_value(n, unit), mod=_QMOD.get(re.sub(r"\s+", " ", (m["q"] or "").lower())))
    rel = (m["rel"] or "").lower()
    if rel in ("past", "last", "previous", "preceding") and ctx.ref is not None and n is not None:
        letter, clock, mult = UNITS[unit.rstrip("s") if unit != "centuries" else "century"]
        hit.interval = span_before(ctx.ref, letter, n * mult, clock, instant=_instant(ctx))
        hit.anchored = hit.interval is not None
    elif rel in ("next", "coming", "following") and ctx.ref is not None and n is not None:
        letter, clock, mult = UNITS[unit.rstrip("s") if unit != "centuries" else "century"]
        hit.interval = span_before(ctx.ref, letter, n * mult, clock, forward=True, instant=_instant(ctx))
        hit.anchored = hit.interval is not None
    return hit


def _instant(ctx):
    a = ctx.anchor
    if a is not None and a.interval.precision in ("hour", "minute", "second"):
        return a.interval.start
    return None


@rule("duration-adjective", rf"(?P<n>{NUMBER})[- ](?P<u>second|minute|hour|day|week|month|year|decade|century)(?:-long)?(?=[- ]\w)(?!-old)|(?P<u2>day|week|month|year|decade|hour|minute)-long")
def duration_adjective(m, ctx):
    if m["u2"]:
        return Hit("DURATION", duration_value(1, m["u2"]))
    raw = m.group(0)
    if " " in raw.split("-")[0] and "-" not in raw:
        return None  # "five year" without a hyphen is a plain duration, left to that rule
    n = parse_number(m["n"])
    if n is None or n == 0:
        return None
    return Hit("DURATION", duration_value(n, m["u"]))


@rule("half-unit", r"(?:(?P<a>a|an)\s+)?half(?:\s+(?:an?|a))?[\s-](?P<u>hour|day|year|month|century|decade|minute)")
def half_unit(m, ctx):
    return Hit("DURATION", duration_value(0.5, m["u"]))


@rule("vague-duration", r"(?:for|in|over|within|after|take|took|takes|spent|spend|lasted|last)\s+(?P<span>(?P<u>years|months|weeks|days|decades|centuries|hours|minutes))(?!\s+(?:ago|earlier|later|old))")
def vague_duration(m, ctx):
    u = m["u"].lower()
    hit = Hit("DURATION", duration_value(None, u))
    hit.start, hit.end = m.start("span"), m.end("span")
    return hit


_SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
                "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "bimonthly": "P2M",
                "semiannually": "P6M", "semi-annually": "P6M", "biannually": "P6M", "biennially": "P2Y"}


# "quarterly" is left out: in news it nearly always describes reports and dividends.
@rule("set-adverb", r"(?P<w>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|bimonthly|semi-?annually|biannually|biennially)")
def set_adverb(m, ctx):
    w = m["w"].lower()
    if m["w"][0].isupper() and not _sentence_initial(ctx.text, m.start()):
        return None  # "Eurasia Daily Monitor": part of a name
    return Hit("SET", _SET_ADVERBS[w])


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n:"


@rule("set-every", rf"(?P<q>every|each|per)\s+(?:(?P<other>other|single)\s+)?(?:(?P<n>{NUMBER})\s+)?(?:(?P<u>second|minute|hour|day|week|month|year|decade|morning|evening|night|afternoon|weekend)|(?P<wd>{WEEKDAY})|(?P<s>{SEASON})|(?P<mon>{MONTH}))s?")
def set_every(m, ctx):
    hit = _set_every(m)
    if hit is not None and m["q"].lower() != "per":
        hit.quant = m["q"].upper()
    return hit


def _set_every(m):
    if m["s"] and not m["n"]:
        return Hit("SET", f"XXXX-{SEASONS[m['s'].lower()]}")  # "every spring"
    if m["mon"] and not m["n"]:
        if not m["mon"][0].isupper():
            return None
        return Hit("SET", f"XXXX-{month_number(m['mon']):02d}")  # "each July"
    if m["s"] or m["mon"]:
        return None
    if m["wd"]:
        return Hit("SET", f"XXXX-WXX-{weekday_number(m['wd'])}")
    u = m["u"].lower()
    if u in ("morning", "evening", "night", "afternoon"):
        return Hit("SET", "XXXX-XX-XXT" + {"morning": "MO", "evening": "EV", "night": "NI", "afternoon": "AF"}[u])
    if u == "weekend":
        return Hit("SET", "XXXX-WXX-WE")
    n = parse_number(m["n"]) if m["n"] else 1
    if m["other"] and m["other"].lower() == "other":
        n = 2
    return Hit("SET", duration_value(n, u))


@rule("set-times-a", rf"(?:(?P<w>once|twice|thrice)|(?P<n>{NUMBER})\s+times)\s+(?:a|an|per|each|every)\s+(?P<u>second|minute|hour|day|week|month|year|decade)")
def set_times_a(m, ctx):
    if m["w"]:
        k = {"once": 1, "twice": 2, "thrice": 3}[m["w"].lower()]
    else:
        k = parse_number(m["n"])
    hit = Hit("SET", duration_value(1, m["u"]))
    if k is not None and k == int(k):
        hit.freq = f"{int(k)}X"
    return hit


RULES = [duration, duration_adjective, half_unit, vague_duration, set_adverb, set_every, set_times_a]
