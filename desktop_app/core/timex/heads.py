"""Keywords every match of a rule must contain, so rules only run near them.

Scanning ~35 long patterns with optional prefixes over a whole article is
what dominates tagging time. One cheap tokenising pass finds the words that
can anchor a time expression; each rule's full pattern then runs only in
windows around the keywords it needs. A rule whose keywords missed a real
match would silently lose it, so tests compare windowed with full-text runs.
"""
from __future__ import annotations

import re

from desktop_app.core.timex.lexicon import MONTHS, SEASONS, WEEKDAYS

_TOKEN = re.compile(r"\d+|[A-Za-z]+")

_GROUP_WORDS = {
    "month": set(MONTHS),
    "weekday": set(WEEKDAYS) | {w + "s" for w in WEEKDAYS},
    "season": set(SEASONS),
    "unit": {u + s for u in ("second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade")
             for s in ("", "s")} | {"century", "centuries", "millennium", "millennia"},
    "part": {"morning", "afternoon", "evening", "night", "overnight", "mornings", "nights", "evenings"},
    "holiday": {"christmas", "year", "halloween", "valentine", "independence", "july", "thanksgiving", "labor",
                "memorial", "easter", "friday", "boxing", "election", "martin", "veterans", "may", "bastille"},
    "deictic": {"today", "yesterday", "tomorrow", "tonight"},
    "relunit": {"week", "month", "year", "quarter", "decade", "century", "weekend"},
    "ago": {"ago", "earlier", "later", "now", "hence", "back"},
    "ref": {"now", "current", "currently", "recent", "recently", "lately", "nowadays", "days", "past", "future", "present"},
    "quarter": {"quarter", "quarters", "period", "half"},
    "clock": {"noon", "midnight", "midday", "clock"},
    "half": {"half"},
    "setadv": {"daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "biweekly", "bimonthly",
               "semiannually", "semi", "biannually", "biennially"},
    "every": {"every", "each", "per"},
    "times": {"once", "twice", "thrice", "times"},
    "decadeword": {"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"},
    "century": {"century"},
    "plural": {"years", "months", "weeks", "days", "decades", "centuries", "hours", "minutes"},
    "yearword": {"year"},
    "weekend": {"weekend"},
    "spoken": {"nineteen", "eighteen", "twenty", "thousand"},
    "day": {"day"},
}

# rule name -> keyword groups any of which must occur in a match
RULE_GROUPS = {
    "month-day-year": ("month",), "day-month-year": ("month",), "month-day": ("month",),
    "month-day-range": ("month",), "month-range": ("month",), "day-month": ("month",), "iso-date": ("digit",), "slash-date": ("digit",),
    "month-year": ("month",), "month": ("month",), "year": ("digit",), "decade": ("digit", "decadeword"),
    "century": ("century",), "season-year": ("digit",), "holiday": ("holiday",),
    "deictic-day": ("deictic",), "this-part-of-day": ("part",), "rel-unit": ("relunit",),
    "rel-month-season": ("month", "season"), "season": ("season",), "weekday": ("weekday",),
    "ago": ("ago",), "ref-word": ("ref",), "recent-period": ("plural",), "quarter": ("quarter",),
    "clock-ampm": ("digit",), "clock-24h": ("digit",), "clock-oclock": ("clock",), "clock-in-the": ("digit",),
    "clock-noon": ("clock",), "duration": ("unit",), "duration-adjective": ("unit",), "half-unit": ("half",),
    "vague-duration": ("plural",), "set-adverb": ("setadv",), "set-every": ("every",), "set-times-a": ("times",),
    "the-year": ("yearword",), "weekend": ("weekend",), "year-earlier": ("yearword",), "spoken-year": ("spoken",),
    "narrative-day": ("day", "part"),
}

# How far a match may reach before/after its keyword ("the beginning of this past week").
BACK, AHEAD = 80, 80

_MEMO: dict[str, tuple[str, ...]] = {}


def _groups_of(token: str) -> tuple[str, ...]:
    g = _MEMO.get(token)
    if g is None:
        if token[0].isdigit():
            g = ("digit",)
        else:
            low = token.lower()
            g = tuple(name for name, words in _GROUP_WORDS.items() if low in words)
        if len(_MEMO) < 50000:
            _MEMO[token] = g
    return g


def keyword_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each keyword group, the merged [start, end) spans around its occurrences."""
    n = len(text)
    out: dict[str, list[list[int]]] = {}
    for m in _TOKEN.finditer(text):
        groups = _groups_of(m.group())
        if not groups:
            continue
        s, e = max(0, m.start() - BACK), min(n, m.end() + AHEAD)
        for g in groups:
            spans = out.setdefault(g, [])
            if spans and s <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], e)
            else:
                spans.append([s, e])
    return {g: [(s, e) for s, e in v] for g, v in out.items()}


def rule_windows(kw: dict[str, list[tuple[int, int]]], rule_name: str) -> list[tuple[int, int]]:
    groups = RULE_GROUPS[rule_name]
    if len(groups) == 1:
        return kw.get(groups[0], [])
    spans = sorted(s for g in groups for s in kw.get(g, []))
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]
