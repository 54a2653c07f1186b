"""Keywords every match of a rule must contain, so rules only run near them.

Scanning ~35 long patterns with optional prefixes over a whole article is
what dominates tagging time. One cheap tokenising pass finds the words that
can anchor a time expression; each rule's full pattern then runs only in
windows around the keywords it needs. A rule whose keywords missed a real
match would silently lose it, so tests compare windowed with full-text runs.
"""
from __future__ import annotations

import re
from itertools import compress
from typing import Optional

from desktop_app.core.timex.lexicon import MONTHS, SEASONS, WEEKDAYS

try:     # the parser of the standard ``re`` module (renamed in Python 3.11)
    from re import _constants as _sre_c, _parser as _sre_parse
except ImportError:     # pragma: no cover - Python 3.10
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_TOKEN = re.compile(r"\d+|[A-Za-z]+")

_GROUP_WORDS = {
    "month": set(MONTHS),
    "weekday": set(WEEKDAYS) | {w + "s" for w in WEEKDAYS},
    "season": set(SEASONS),
    "unit": {u + s for u in ("second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade")
             for s in ("", "s")} | {"century", "centuries", "millennium", "millennia"},
    "part": {"morning", "afternoon", "evening", "night", "overnight", "mornings", "nights", "evenings"},
    "holiday": {"new", "christmas", "halloween", "valentine", "independence", "july", "thanksgiving", "labor",
                "memorial", "easter", "friday", "boxing", "election", "martin", "veterans", "may", "bastille"},
    "deictic": {"today", "yesterday", "tomorrow", "tonight"},
    "relunit": {"week", "month", "year", "quarter", "decade", "century", "weekend", "fortnight"},
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
    "yearend": {"end"},
    "term": {"term"},
    "new": {"new"},
    "timeword": {"time"},
    "ordinal": {"st", "nd", "rd", "th"},
    "fiscal": {"q", "h", "fy"} | {f"{a}{b}" for a in "qh" for b in "1234"},
    "turn": {"turn"},
}

# rule name -> keyword groups any of which must occur in a match
RULE_GROUPS = {
    "month-day-year": ("month",), "day-month-year": ("month",), "month-day": ("month",),
    "month-day-range": ("month",), "month-range": ("month",), "day-range-month": ("month",), "day-month": ("month",), "iso-date": ("digit",), "slash-date": ("digit",),
    "dmy-slash-date": ("digit",), "ymd-slash-date": ("digit",), "dotted-date": ("digit",), "two-digit-year": ("digit",),
    "month-year": ("month",), "month": ("month",), "year": ("digit",), "decade": ("digit", "decadeword"),
    "century": ("century",), "season-year": ("digit",), "holiday": ("holiday",),
    "deictic-day": ("deictic",), "this-part-of-day": ("part",), "rel-unit": ("relunit",),
    "rel-month-season": ("month", "season"), "season": ("season",), "weekday": ("weekday",),
    "ago": ("ago",), "ref-word": ("ref",), "recent-period": ("plural",), "quarter": ("quarter",),
    "clock-ampm": ("digit",), "clock-24h": ("digit",), "clock-oclock": ("clock",), "clock-in-the": ("digit",),
    "clock-noon": ("clock",), "clock-at": ("digit",), "duration": ("unit",), "duration-adjective": ("unit",), "half-unit": ("half",),
    "vague-duration": ("plural",), "set-adverb": ("setadv",), "set-every": ("every",), "set-times-a": ("times",),
    "the-year": ("yearword",), "weekend": ("weekend",), "year-earlier": ("yearword",), "spoken-year": ("spoken",),
    "narrative-day": ("day", "part"), "narrative-period": ("relunit",),
    "year-end": ("yearword", "yearend"), "period-ahead": ("plural", "term"),
    "unit-part": ("relunit",), "new-year": ("new",), "turn-of-century": ("turn",),
    "ordinal-day": ("ordinal",), "nth-weekday": ("weekday",), "fiscal-period": ("fiscal",),
    "fiscal-year-short": ("fiscal",), "clock-wire": ("digit",),
    "unit-before": ("relunit", "day"), "this-time-last-year": ("timeword",), "week-of": ("month",),
}

# How far a match may reach before/after its keyword ("the beginning of this past week").
BACK, AHEAD = 80, 80
# Rules whose keyword sits at one end of every match get narrower windows; the
# numbers are generous bounds on the longest prefix/suffix their patterns allow.
REACH = {
    "ago": (90, 12), "duration": (90, 30), "duration-adjective": (40, 14), "vague-duration": (20, 12),
    "recent-period": (20, 12), "clock-ampm": (6, 70), "clock-at": (12, 70), "clock-24h": (6, 70), "clock-in-the": (6, 60),
    "decade": (50, 12), "century": (60, 12), "year": (70, 12), "season-year": (70, 12), "iso-date": (12, 20),
    "slash-date": (8, 12), "dmy-slash-date": (8, 12), "ymd-slash-date": (12, 8), "dotted-date": (8, 12),
    "two-digit-year": (4, 6), "clock-wire": (6, 70), "nth-weekday": (24, 32), "this-time-last-year": (20, 30),
    "unit-before": (8, 30), "unit-part": (32, 30), "week-of": (16, 24), "new-year": (12, 40),
    "turn-of-century": (6, 30), "fiscal-period": (6, 14), "fiscal-year-short": (4, 8), "ordinal-day": (24, 40),
    "set-adverb": (4, 14), "set-every": (4, 60), "set-times-a": (40, 30),
    "ref-word": (20, 30), "deictic-day": (40, 40), "holiday": (24, 40),
}

_KEYWORDS: dict[str, tuple[str, ...]] = {}
for _name, _words in _GROUP_WORDS.items():
    for _w in _words:
        _KEYWORDS[_w] = _KEYWORDS.get(_w, ()) + (_name,)
_DIGIT = ("digit",)


_ALPHA = re.compile(r"[A-Za-z]+")
_DIGITS = re.compile(r"\d+")
_GROUP = re.Match.group


def keyword_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each keyword group, the (start, end) of every keyword in the text.

    The tokens of ``\\d+|[A-Za-z]+`` are the digit runs and the letter runs, read apart; each
    letter run is looked up lower-cased, and only keywords are visited one by one."""
    out: dict[str, list[tuple[int, int]]] = {}
    # A run of other scripts' digits ("۰") is no ASCII digit window, as the token walk read it.
    digits = [m.span() for m in _DIGITS.finditer(text) if text[m.start()] <= "9"]
    if digits:
        out["digit"] = digits
    ms = list(_ALPHA.finditer(text))
    if not ms:
        return out
    # ASCII letters only, never a NUL: one lower() for all of them.
    low = "\0".join(map(_GROUP, ms)).lower().split("\0")
    found = list(map(_KEYWORDS.get, low))
    for k in compress(range(len(found)), found):
        span = ms[k].span()
        for g in found[k]:
            lst = out.get(g)
            if lst is None:
                out[g] = [span]
            else:
                lst.append(span)
    return out


def rule_windows(kw: dict[str, list[tuple[int, int]]], rule_name: str, n: int) -> list[tuple[int, int]]:
    """Merged [start, end) spans of a text of length n where ``rule_name`` can match."""
    groups = RULE_GROUPS[rule_name]
    back, ahead = REACH.get(rule_name, (BACK, AHEAD))
    hits = kw.get(groups[0], []) if len(groups) == 1 else sorted(p for g in groups for p in kw.get(g, []))
    merged: list[list[int]] = []
    for s, e in hits:
        s, e = max(0, s - back), min(n, e + ahead)
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1][1] = e
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


class WindowCache:
    """``rule_windows`` of one text, computed once per (keyword groups, reach): about sixty rules
    share a dozen such pairs (the month rules all read the same windows)."""

    def __init__(self, kw: dict[str, list[tuple[int, int]]], n: int):
        self.kw, self.n = kw, n
        self._got: dict[tuple, list[tuple[int, int]]] = {}

    def of(self, rule_name: str) -> list[tuple[int, int]]:
        key = (RULE_GROUPS[rule_name], REACH.get(rule_name, (BACK, AHEAD)))
        got = self._got.get(key)
        if got is None:
            got = self._got[key] = rule_windows(self.kw, rule_name, self.n)
        return got


# -- words a window must hold -------------------------------------------------------------------
# A rule keyed on digits ("season-year", "clock-ampm") opens a window at every number of the text,
# though it can only match where "summer" or "p.m." is written too. The words every match of a
# pattern must contain are read from the pattern itself, and a window holding none of them is not
# scanned: it could give no match, so what the rule finds is unchanged.


def _required_in_sequence(items) -> Optional[set]:
    """Strings (lower case) one of which every match of this sequence contains, or None."""
    found: list[set] = []
    run = ""
    for op, av in items:
        if op is _sre_c.LITERAL:
            run += chr(av).lower()
            continue
        if run:
            found.append({run})
            run = ""
        got = _required_in_item(op, av)
        if got is not None:
            found.append(got)
    if run:
        found.append({run})
    found = [f for f in found if all(w and w.isascii() for w in f)]
    if not found:
        return None
    # The most telling: the longest shortest word, then the fewest words.
    return max(found, key=lambda f: (min(map(len, f)), -len(f)))


def _required_in_item(op, av) -> Optional[set]:
    if op is _sre_c.SUBPATTERN:
        return _required_in_sequence(av[3].data)
    if op is _sre_c.BRANCH:
        out: set = set()
        for alternative in av[1]:
            got = _required_in_sequence(alternative.data)
            if got is None:
                return None
            out |= got
        return out
    if op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT, getattr(_sre_c, "POSSESSIVE_REPEAT", None)):
        return _required_in_sequence(av[2].data) if av[0] >= 1 else None
    if op is getattr(_sre_c, "ATOMIC_GROUP", None):
        return _required_in_sequence(av.data)
    return None     # classes, anchors, look-arounds, back-references: no word required


def required_words(pattern: re.Pattern) -> Optional[tuple[str, ...]]:
    """Lower-case strings one of which every match of ``pattern`` holds (consumed, not looked
    around), or None when the pattern requires none that can be told."""
    try:
        got = _required_in_sequence(_sre_parse.parse(pattern.pattern, pattern.flags).data)
    except Exception:      # noqa: BLE001 - an unreadable pattern just gets no shortcut
        return None
    return tuple(sorted(got)) if got else None


def window_needs(rule_name: str, pattern: re.Pattern) -> Optional[tuple[str, ...]]:
    """What a window of this rule must hold to be scanned, or None to scan every window: when a
    required word is a single character, or when every keyword that opens the rule's windows
    already holds a required word (the month rules), the test would never skip a window."""
    need = required_words(pattern)
    # (a lone letter or digit is in nearly every window; a lone ":" or "/" is rare)
    if need is None or any(len(w) < 2 and w.isalnum() for w in need):
        return None
    groups = RULE_GROUPS[rule_name]
    if "digit" not in groups and all(any(w in kw for w in need) for g in groups for kw in _GROUP_WORDS[g]):
        return None
    return need


def may_hold(low: Optional[str], need: Optional[tuple[str, ...]], start: int, end: int) -> bool:
    """Whether text[start:end] can hold a match that needs one of ``need``; ``low``: the text
    lower-cased by ``text.folding.lowered`` (None: it could not be, so every window may)."""
    if need is None or low is None:
        return True
    find = low.find
    for w in need:
        if find(w, start, end) >= 0:
            return True
    return False
