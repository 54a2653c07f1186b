"""Rules for expressions whose date depends on the DCT: today, last week, Friday, two years ago, the quarter.

Without a DCT they keep TimeML's unanchored values (PAST_REF, FUTURE_REF,
PRESENT_REF, XXXX-WXX-5) and no interval.
"""
from __future__ import annotations

import re
from datetime import timedelta

from desktop_app.core.timex.lexicon import MONTH, NUMBER, SEASON, SEASONS, UNITS, WEEKDAY, month_number, parse_number, weekday_number
from desktop_app.core.timex.resolve import Hit, ago_value, choose_year, shift_value, weekday_date
from desktop_app.core.timex.rule import MOD_PREFIX, capitalised, mod_of, rule
from desktop_app.core.timex.rules_duration import duration_value
from desktop_app.core.timex.values import add_quarters, day_value, month_value, quarter_of, to_interval

_POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
_REF_BY_DIRECTION = {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}


def _unanchored(direction: int, typ: str = "DATE") -> Hit:
    return Hit(typ, _REF_BY_DIRECTION[direction])


# "yesterday's announcement", "tomorrow's vote" name a day (TimeBank tags them); "today's youth",
# "today's world" mean the present era and are left alone.
@rule("deictic-day", r"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+(?P<pod>morning|afternoon|evening|night))?(?!['’]s\s+(?:world|society|youth|standards|children|generation|young|economy|market|technology|music|culture|kids|families|teenagers|consumers|students|politics|media)\b)", relative=True)
def deictic_day(m, ctx):
    w = re.sub(r"\s+", " ", m["w"].lower())
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}[w]
    pod = _POD.get((m["pod"] or "").lower()) or ("NI" if w == "tonight" else None)
    if ctx.ref is None:
        return _unanchored((offset > 0) - (offset < 0))
    v = day_value(ctx.ref + timedelta(days=offset))
    if m["pod"]:
        return Hit("TIME", f"{v}T{pod}", anchored=True)
    mod = {"early": "START", "late": "END"}.get((m["mod"] or "").lower())
    start = None
    if mod and m["pod"]:
        mod, start = None, m.start("rel") if m["rel"] else m.start("wd")  # "early Friday morning": early in the morning
    return Hit("DATE", v, mod=mod, anchored=True)


@rule("this-part-of-day", r"(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>morning|afternoon|evening|night)", relative=True)
def this_part_of_day(m, ctx):
    rel = m["rel"].lower()
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if ctx.ref is None:
        return _unanchored((offset > 0) - (offset < 0), "TIME")
    return Hit("TIME", f"{day_value(ctx.ref + timedelta(days=offset))}T{_POD[m['pod'].lower()]}", anchored=True)


_REL = (r"this|last|next|the\s+coming|the\s+following|the\s+previous|the\s+current|this\s+past|this\s+coming|"
        r"coming|past|previous|current|the\s+next|the\s+last|the\s+past|the\s+same|that|the\s+prior|prior")
_SHIFT = {"this": 0, "the current": 0, "current": 0, "the same": 0, "that": 0, "this coming": 1,
          "last": -1, "the previous": -1, "previous": -1, "this past": -1, "past": -1, "the prior": -1, "prior": -1,
          "next": 1, "the coming": 1, "the following": 1, "coming": 1, "the next": 1,
          "the past": -1, "the last": -1}
_NARRATIVE_RELS = ("that", "the same", "the following", "the previous", "the prior")
_UNIT_LETTER = {"week": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "DE", "century": "CE",
                "weekend": "WE", "fiscal year": "Y", "day": "D"}


@rule("rel-unit", rf"{MOD_PREFIX}(?:(?P<pre>earlier|later)\s+)?(?P<rel>{_REL})\s+(?P<u>week|month|year|quarter|decade|century|weekend|fortnight|fiscal\s+year)(?!-|\s+(?:old|of\s+\w))", relative=True)
def rel_unit(m, ctx):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = re.sub(r"\s+", " ", m["u"].lower())
    if unit == "fortnight":
        return _fortnight(m, ctx, rel)
    letter = _UNIT_LETTER[unit]
    shift = _SHIFT[rel]
    mod = mod_of(m) or {"earlier": None, "later": None}.get((m["pre"] or "").lower())
    if rel in _NARRATIVE_RELS and unit in ("year", "month", "week"):
        return None  # "the following year" counts from the story's time: rules_periods.narrative_period
    if rel in ("the past", "the last", "the next", "past") and letter not in ("Q", "WE"):
        # "the past week": a duration TimeBank writes as P1W, placed just before the DCT.
        n = {"DE": 10, "CE": 100}.get(letter, 1)
        code = "Y" if letter in ("DE", "CE") else letter
        hit = Hit("DURATION", f"P{n}{code}")
        if ctx.ref is not None:
            from desktop_app.core.timex.resolve import span_before
            hit.interval = span_before(ctx.ref, code, n, False, forward=(rel == "the next"))
            hit.anchored = hit.interval is not None
        return hit
    if ctx.ref is None:
        return _unanchored(shift)
    if letter == "Q" and rel in ("this", "the current", "current") :
        v = shift_value(ctx.ref, "Q", 0)
    elif letter == "Q" and shift == -1:
        v = shift_value(ctx.ref, "Q", -1)
    elif letter == "WE":
        v = shift_value(ctx.ref, "WE", shift)
    else:
        v = shift_value(ctx.ref, letter, shift)
    if letter == "Q" and shift < 0:
        ctx.discourse["quarter"] = v
    return Hit("DATE", v, mod=mod, anchored=True) if v else None


def _fortnight(m, ctx, rel):
    """'the past fortnight': two weeks up to the DCT, the way "the past two weeks" is read."""
    if rel not in ("the past", "the last", "past", "last", "the next", "the coming", "next", "coming"):
        return None
    hit = Hit("DURATION", "P2W")
    if ctx.ref is not None:
        from desktop_app.core.timex.resolve import span_before
        hit.interval = span_before(ctx.ref, "W", 2, False, forward=rel in ("the next", "the coming", "next", "coming"))
        hit.anchored = hit.interval is not None
    return hit


@rule("rel-month-season", rf"{MOD_PREFIX}(?P<rel>last|next|this|this\s+past|this\s+coming|the\s+coming|the\s+past)\s+(?:(?P<mon>{MONTH})|(?P<s>{SEASON}))", relative=True)
def rel_month_season(m, ctx):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    if m["mon"] and not capitalised(m["mon"]):
        return None
    shift = {"last": -1, "this past": -1, "the past": -1, "next": 1, "this coming": 1, "the coming": 1}.get(rel, 0)
    if m["mon"]:
        mon = month_number(m["mon"])
        make = lambda y: month_value(y, mon)
    else:
        code = SEASONS[m["s"].lower()]
        make = lambda y: f"{y:04d}-{code}"
    if ctx.anchor is None:
        if m["mon"]:
            return Hit("DATE", f"XXXX-{mon:02d}", mod=mod_of(m), year_unknown=True)
        return _unanchored(shift)
    tense = "past" if shift < 0 else "future" if shift > 0 else ctx.tense(m.start(), m.end())
    if rel == "this":
        v = make(ctx.anchor.year)  # "this September": the DCT's year, whichever side of the DCT
    elif shift == 0:
        v = choose_year(ctx, make, tense)
    else:
        # "last April" is the latest April wholly before the DCT; "next April" the first wholly after it.
        dct = ctx.anchor.interval
        years = range(dct.start.year - 2, dct.end.year + 3)
        ivs = [(make(y), to_interval(make(y))) for y in years]
        if shift < 0:
            before = [v for v, iv in ivs if iv is not None and iv.end <= dct.start]
            v = before[-1] if before else None
        else:
            after = [v for v, iv in ivs if iv is not None and iv.start >= dct.end]
            v = after[0] if after else None
    return Hit("DATE", v, mod=mod_of(m), anchored=True) if v else None


@rule("season", rf"(?:the\s+)?{MOD_PREFIX}(?P<s>{SEASON})(?:\s+of\s+(?P<rel>this|last|next)\s+year)?", relative=True)
def season(m, ctx):
    s = m["s"]
    pre = ctx.text[max(0, m.start() - 12):m.start()].lower()
    has_the = m.group(0).lower().startswith("the")
    # A bare "fall"/"spring" is usually a verb or a noun; require a determiner, preposition or modifier.
    if not (has_the or m["mod"] or m["rel"] or re.search(r"\b(?:in|during|by|until|till|since|over|before|through|throughout|this|last|next|early|late)\s+$", pre)):
        return None
    if s.lower() in ("fall", "spring") and not has_the and not m["mod"] and not re.search(r"\b(?:in|during|by|until|till|since|over|before|through|throughout|this|last|next)\s+$", pre):
        return None
    if re.match(r"\s+of\s+(?!this|last|next|\d)", ctx.text[m.end():m.end() + 12], re.I):
        return None  # "the fall of the Soviet Union", "the spring of discontent"
    code = SEASONS[s.lower()]
    if ctx.anchor is None:
        return Hit("DATE", f"XXXX-{code}", mod=mod_of(m), year_unknown=True)
    rel = (m["rel"] or "").lower()
    if rel:
        y = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[rel]
        return Hit("DATE", f"{y:04d}-{code}", mod=mod_of(m), anchored=True)
    v = choose_year(ctx, lambda y: f"{y:04d}-{code}", ctx.tense(m.start(), m.end()), at=m.start())
    return Hit("DATE", v, mod=mod_of(m), anchored=True) if v else None


# What is prepared or waited for lies ahead of the report.
_RE_AHEAD_OF = re.compile(r"\b(?:ahead\s+of|in\s+advance\s+of|in\s+the\s+run[\s-]up\s+to|(?:preparations?(?:\s+(?:are|were|is)\s+(?:well\s+)?under\s*way)?|build[\s-]up|countdown|run[\s-]up)\s+(?:for|to))\s+(?:the\s+)?(?:next\s+)?$", re.I)

_RE_WILL_AFTER = re.compile(r"['’]s(?:\s+[\w-]+){1,4}?,?(?:\s+which)?\s+(?:will|is\s+to|is\s+due|is\s+expected)\b")


@rule("weekday", rf"(?:(?P<mod>early|late)\s+(?:on\s+)?)?(?:(?P<rel>last|next|this|this\s+past|this\s+coming)\s+)?(?P<wd>{WEEKDAY})(?P<pl>s)?(?:\s+(?P<pod>morning|afternoon|evening|night|overnight)(?P<pl2>s)?)?", relative=True)
def weekday(m, ctx):
    if not capitalised(m["wd"]):
        return None
    wd = weekday_number(m["wd"])
    pod = _POD.get((m["pod"] or "").lower())
    if m["pl"] or m["pl2"]:
        # "on Mondays", "Tuesday nights": a recurring day, not one date.
        return Hit("SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""))
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    shift = {"last": -1, "this past": -1, "next": 1, "this coming": 1}.get(rel, 0)
    mod = {"early": "START", "late": "END"}.get((m["mod"] or "").lower())
    start = None
    if mod and m["pod"]:
        mod, start = None, m.start("rel") if m["rel"] else m.start("wd")  # "early Friday morning": early in the morning
    if ctx.ref is None:
        return Hit("DATE" if not pod else "TIME", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""))
    tense = ctx.tense(m.start(), m.end())
    if _RE_AHEAD_OF.search(ctx.text, max(0, m.start() - 40), m.start()):
        tense = "future"  # "ahead of Saturday's concert", "preparations for Sunday's vote"
    elif re.match(r"['’]s\b", ctx.text[m.end():m.end() + 3]):
        # "Tuesday's declaration": a possessive day names something already done, unless the
        # phrase it opens will still happen ("Saturday's concert, which will be broadcast").
        tense = "future" if _RE_WILL_AFTER.match(ctx.text, m.end()) else "past"
    d = weekday_date(ctx.ref, wd, tense, shift)
    v = day_value(d)
    if pod and (WEEKDAY_PART_OF_DAY_IN_VALUE or pod in _PART_IN_VALUE):
        return Hit("TIME", f"{v}T{pod}", anchored=True, start=start)
    return Hit("DATE", v, mod=mod, anchored=True, start=start)


# TimeBank writes "Wednesday night" as the day alone about as often as with TNI;
# the day alone scores better and the interval (the whole day) stays true.
WEEKDAY_PART_OF_DAY_IN_VALUE = False
# "Thursday evening", "Friday afternoon" keep their part, as "this afternoon" already does: TimeBank
# writes them so every time, and measured on TBAQ it raised timex value F1 80.90 -> 81.07 and anchor
# F1 81.07 -> 81.18 ("morning" too lowered both: TimeBank writes the day alone as often).
_PART_IN_VALUE = {"EV", "AF"}


_AGO_DIR = {"ago": -1, "earlier": -1, "before": -1, "back": -1, "previously": -1,
            "later": 1, "from now": 1, "hence": 1, "after": 1, "on": 1}


@rule("ago", rf"(?:(?P<q>about|nearly|almost|more\s+than|less\s+than|over|some|roughly|approximately|around|just|only|at\s+least|barely|fully|exactly)\s+)?(?P<n>{NUMBER})\s+(?P<u>second|minute|hour|day|week|month|year|decade|centurie|century)s?\s+(?P<dir>ago|earlier|later|from\s+now|hence|back)(?!\s+than\b)", relative=True)
def ago(m, ctx):
    n = parse_number(m["n"])
    unit = m["u"].lower()
    letter, clock, mult = UNITS[unit]
    direction = _AGO_DIR[re.sub(r"\s+", " ", m["dir"].lower())]
    if m["dir"].lower() == "later" and n is not None:
        # "Three days later, ..." counts from the happening just told, not from the report:
        # the span between the two, as TimeBank writes it, and no calendar date of its own.
        return Hit("DURATION", duration_value(n, unit), no_interval=True)
    if ctx.ref is None or n is None or clock:
        return _unanchored(direction)
    n *= mult
    if letter == "Y" and n == 1 and ctx.discourse.get("quarter"):
        # In results reporting "a year ago" means the same quarter of the previous year.
        y, q = ctx.discourse["quarter"].split("-Q")
        return Hit("DATE", f"{int(y) - 1:04d}-Q{q}", anchored=True)
    v = ago_value(ctx.ref, letter, n, direction)
    if v is None:
        return _unanchored(direction)
    return Hit("DATE", v, anchored=True, mod={"about": "APPROX", "nearly": "APPROX", "almost": "APPROX", "more than": "BEFORE", "over": "BEFORE"}.get((m["q"] or "").lower()))


# TimeBank marks "previously", "soon", "formerly" and a bare attributive "future" or "recent" too
# rarely for them to pay (measured on TBAQ: most hits were false), so they are left out.
@rule("ref-word", r"(?:(?:right|just|more|most)\s+(?=now\b|recently\b))?(?P<w>now|currently|current|recently|lately|nowadays|these\s+days|the\s+past|the\s+future|the\s+near\s+future|the\s+present|present-day)(?![-'’])")
def ref_word(m, ctx):
    w = re.sub(r"\s+", " ", m["w"].lower())
    after = ctx.text[m.end():m.end() + 20]
    before = ctx.text[max(0, m.start() - 15):m.start()].lower()
    if w in ("so far", "to date", "once"):
        return None
    if w == "now" and re.match(r"\s*that\b", after) and not re.search(r"\b(?:is|are|was|were|by|until|till|for|from|right|just)\s+$", before):
        return None  # "now that ..." is a conjunction
    if w == "present-day":
        w = "now"
    if w in ("current", "future", "recent") and re.match(r"\s+(?:account|accounts|assets|liabilit|events|affairs|generation|tense|value|generations|wife|husband|husbands|wives)", after):
        return None
    if w == "recent" and re.match(r"\s+(?:years|months|weeks|days|decades)\b", after):
        return None  # handled as a whole by the vague-period rule
    if w == "the past" and re.match(r"\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|couple)", after, re.I):
        return None
    value = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "nowadays": "PRESENT_REF",
             "these days": "PRESENT_REF", "the present": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF",
             "lately": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF", "the past": "PAST_REF",
             "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "future": "FUTURE_REF",
             "soon": "FUTURE_REF"}[w]
    return Hit("DATE", value)


@rule("recent-period", r"(?P<w>recent|coming|past|previous|following)\s+(?P<u>years|months|weeks|days|decades|hours)")
def recent_period(m, ctx):
    w, u = m["w"].lower(), m["u"].lower()
    if w == "recent" and u == "years":
        return Hit("DATE", "PAST_REF")
    letter = {"years": "Y", "months": "M", "weeks": "W", "days": "D", "decades": "DE", "hours": "H"}[u]
    return Hit("DURATION", "PTXH" if letter == "H" else f"PX{letter}")


_ORD_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4, "last": 4}


@rule("quarter", rf"(?:(?P<the>the)\s+)?(?:(?P<ry>this|last|next)\s+year['’]s\s+|(?P<yr>1[0-9]{{3}}|20[0-9]{{2}})['’]?s?\s+)?(?:(?P<f1>fiscal)[\s-]+)?(?:(?P<rel>latest|last|past|current|next|year-ago|year-earlier|previous|prior|comparable|same|recent|just-ended|just-completed|first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+)?(?:(?P<f2>fiscal)[\s-]+)?(?:(?P<unit>quarter|period)|(?P<half>half))(?:\s+of\s+(?:(?P<ofrel>this|last|next|the|the\s+current|the\s+same)\s+(?:fiscal\s+)?year|(?:fiscal\s+)?(?P<ofy>1[0-9]{{3}}|20[0-9]{{2}})))?(?![-\w])", relative=True)
def quarter(m, ctx):
    rel = (m["rel"] or "").lower()
    if m["half"] and rel not in ("first", "second", "1st", "2nd"):
        return None
    if m["unit"] and m["unit"].lower() == "period" and rel not in ("latest", "year-ago", "year-earlier", "comparable", "same"):
        return None
    if not (m["the"] or rel or m["yr"] or m["ry"] or m["f1"] or m["f2"]):
        return None
    if rel == "last" and not (m["yr"] or m["ofy"] or m["ofrel"] or m["ry"]):
        rel = "previous"
    hit = _quarter_hit(m, ctx, rel)
    if hit is not None and m["the"] and m["rel"] and ctx.text[m.end("rel")] == "-":
        # "the third-quarter results": the article belongs to the noun, not to the date.
        hit.start = m.start("f1") if m["f1"] else m.start("rel")
    return hit


def _quarter_hit(m, ctx, rel):
    year = None
    if m["yr"] or m["ofy"]:
        year = int(m["yr"] or m["ofy"])
    elif (m["ry"] or m["ofrel"]) and ctx.anchor is not None:
        rel_year = re.sub(r"\s+", " ", (m["ry"] or m["ofrel"]).lower())
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(rel_year, 0)
    n = _ORD_Q.get(rel)
    if m["half"]:
        n = 1 if rel in ("first", "1st") else 2
        if year is None and ctx.anchor is None:
            return Hit("DATE", f"XXXX-H{n}")
        if year is None:
            year = int(choose_year(ctx, lambda y: f"{y:04d}-H{n}", ctx.tense(m.start(), m.end()) or "past")[:4])
        return Hit("DATE", f"{year:04d}-H{n}", anchored=m["yr"] is None and m["ofy"] is None)
    if n is not None and rel not in ("last",):
        if year is None:
            if ctx.anchor is None:
                return Hit("DATE", f"XXXX-Q{n}")
            year = int(choose_year(ctx, lambda y: f"{y:04d}-Q{n}", ctx.tense(m.start(), m.end()) or "past")[:4])
        v = f"{year:04d}-Q{n}"
        if ctx.ref is not None and (year, n) < (ctx.ref.year, quarter_of(ctx.ref.month)):
            # Only a finished quarter can be "the quarter" results talk about later.
            ctx.discourse["quarter"] = v
        return Hit("DATE", v)
    if ctx.ref is None:
        return Hit("DATE", "PRESENT_REF" if rel in ("current", "") else "PAST_REF")
    cur_y, cur_q = ctx.ref.year, quarter_of(ctx.ref.month)
    last = ctx.discourse.get("quarter") or "%04d-Q%d" % add_quarters(cur_y, cur_q, -1)
    ly, lq = int(last[:4]), int(last[-1])
    if rel in ("current", "this"):
        v = f"{cur_y:04d}-Q{cur_q}"
    elif rel == "next":
        v = "%04d-Q%d" % add_quarters(cur_y, cur_q, 1)
    elif rel in ("previous", "prior", "past") and not ctx.discourse.get("quarter"):
        v = "%04d-Q%d" % add_quarters(cur_y, cur_q, -1)
    elif rel in ("year-ago", "year-earlier", "comparable"):
        v = f"{ly - 1:04d}-Q{lq}"
    else:
        v = last
    return Hit("DATE", v, anchored=True)


RULES = [deictic_day, this_part_of_day, rel_unit, rel_month_season, season, weekday, ago, ref_word,
         recent_period, quarter]
