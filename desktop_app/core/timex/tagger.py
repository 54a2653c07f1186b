"""Running every rule over a text and turning the winning matches into ``Timex`` objects.

Rules propose candidates; overlaps are settled longest-first (then by rule
order), the way HeidelTime and SUTime keep the most complete reading. Rules
are applied in text order so that discourse state such as "the quarter just
named" flows forwards.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from desktop_app.core.model import PRECISIONS, Interval, Timex
from desktop_app.core.text.folding import lowered
from desktop_app.core.timex import (
    heads, rules_calendar, rules_clock, rules_day_of_month, rules_duration, rules_fiscal, rules_holidays, rules_periods,
    rules_relative,
)
from desktop_app.core.timex.dct import Anchor, make_anchor
from desktop_app.core.timex.resolve import Ctx, Hit
from desktop_app.core.timex.values import to_interval, union

RULES = (rules_calendar.RULES + rules_holidays.RULES + rules_day_of_month.RULES + rules_fiscal.RULES + rules_relative.RULES + rules_periods.RULES + rules_clock.RULES
         + rules_duration.RULES)
if any(r.name not in heads.RULE_GROUPS for r in RULES):  # a rule without keywords would never run
    raise RuntimeError("every timex rule needs an entry in heads.RULE_GROUPS")
# Per rule, the words a window must hold to be worth scanning (heads.window_needs).
_NEEDS = [heads.window_needs(r.name, r.pattern) for r in RULES]
_RE_BAD_YEAR = re.compile(r"^(?:-|0000|\d{5})")
_RE_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RE_MONTH_VALUE = re.compile(r"^\d{4}-\d{2}(?:-|$)")
_RE_YEAR_VALUE = re.compile(r"^\d{4}(?:-|$)")


def _as_list(res) -> list[Hit]:
    if res is None:
        return []
    return res if isinstance(res, list) else [res]


def _common_value(a: str, b: str) -> str:
    """The finest TIMEX3 value both readings agree on ("2007-10-31" & "2007-11-29" -> "2007").

    Cuts fall only at component boundaries, so a week or quarter is never
    truncated into something malformed; with nothing in common, "XXXX".
    """
    best = ""
    for i in range(1, min(len(a), len(b)) + 1):
        if a[:i] != b[:i]:
            break
        at_end_a = i == len(a) or a[i] in "-T"
        at_end_b = i == len(b) or b[i] in "-T"
        if at_end_a and at_end_b:
            best = a[:i]
    return best if len(best) >= 4 else "XXXX"


def _interval_of(hit: Hit) -> Optional[Interval]:
    if hit.no_interval:
        return None
    if hit.interval is not None:
        return hit.interval
    if hit.type in ("DURATION", "SET"):
        return None
    return to_interval(hit.value)


def _merge(h1: Hit, h2: Hit, anchor: Anchor) -> Hit:
    """One reading per end of a coarse DCT: keep what both agree on, cover both on the time line.

    "yesterday" under a DCT of "2007-11" is some day from Oct 31 to Nov 29: the
    interval covers them all, and the value is the DCT's own ("2007-11") when
    the readings span about one DCT period, else what the readings share.
    """
    if h1.value == h2.value and h1.interval == h2.interval:
        return h1
    i1, i2 = _interval_of(h1), _interval_of(h2)
    value = h1.value if h1.value == h2.value else _common_value(h1.value, h2.value)
    merged = Hit(h1.type, value, mod=h1.mod, anchored=h1.anchored, start=h1.start, end=h1.end)
    if i1 is not None and i2 is not None:
        u = union(i1, i2)
        # The answer is only as precise as the DCT it was computed from.
        p = max(u.precision, anchor.interval.precision, key=PRECISIONS.index)
        merged.interval = Interval(u.start, u.end, p)
        dct = anchor.interval
        if h1.value != h2.value and h1.type in ("DATE", "TIME") and (u.end - u.start) <= 1.5 * (dct.end - dct.start):
            merged.value = anchor.value
            merged.type = "DATE"
    return merged


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return s, e


def _non_overlapping(cands: list) -> list:
    """Longest first (then the earlier rule, then the earlier start), skipping what overlaps."""
    cands = sorted(cands, key=lambda c: (-(c[1] - c[0]), c[3], c[0]))
    # Taken spans never overlap, so sorted by start they are sorted by end too:
    # one bisection finds the only neighbours a candidate could collide with.
    starts: list[int] = []
    ends: list[int] = []
    chosen = []
    for s, e, h, idx in cands:
        i = bisect.bisect_right(starts, s)
        if (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        chosen.append((s, e, h, idx))
    return chosen


def find(text: str, anchor: Optional[Anchor], windowed: bool = True) -> list[tuple[int, int, Hit, int]]:
    """All accepted, non-overlapping (start, end, hit, rule index) in text order.

    ``windowed=False`` scans every pattern over the whole text; it exists so
    tests can prove the keyword windows lose nothing.
    """
    raw = []
    kw = heads.keyword_windows(text)
    n = len(text)
    windows = heads.WindowCache(kw, n)     # rules with the same keywords and reach share their windows
    low = lowered(text) if windowed else None
    for idx, r in enumerate(RULES):
        need = _NEEDS[idx]
        for ws, we in (windows.of(r.name) if windowed else [(0, n)]):
            if need is not None and not heads.may_hold(low, need, ws, we):
                continue    # holds no word every match needs: nothing to find here
            for m in r.pattern.finditer(text, ws, we):
                # A match touching a window's end may owe its success to the cut (a
                # lookahead seeing nothing); real matches sit well inside the window.
                if m.end() == we and we < n:
                    continue
                raw.append((m.start(), idx, m))
    raw.sort(key=lambda t: (t[0], t[1]))
    if anchor is None:
        refs = [None]
    elif anchor.day_known:
        refs = [anchor.first_day]
    else:
        refs = [anchor.first_day, anchor.last_day]
    ctxs = [Ctx(text, anchor, ref) for ref in refs]
    # One tense cache shared by every reading of the same text.
    for c in ctxs[1:]:
        c._tense, c._cues = ctxs[0]._tense, ctxs[0]._cues
    cands = []
    for _, idx, m in raw:
        r = RULES[idx]
        used = ctxs if r.relative else ctxs[:1]
        try:
            readings = [_as_list(r.handler(m, c)) for c in used]
        except (ValueError, OverflowError):
            # Arithmetic that leaves the calendar ("3000 years ago" in year 900):
            # no reading is better than a crash or a malformed value.
            continue
        for c, rd in zip(ctxs, readings if len(readings) == len(ctxs) else readings * len(ctxs)):
            for h in rd:
                # Narrative references for "the next day", "later that year".
                if h.type == "DATE" and _RE_YEAR_VALUE.match(h.value):
                    at = h.start if h.start is not None else m.start()
                    end = h.end if h.end is not None else m.end()
                    last = c.discourse.get("_span")
                    if last is not None and last[0] <= at and end <= last[1] and (at, end) != last:
                        # A shorter reading inside the one that set the discourse ("25 June" of
                        # "25 June 2009", its year guessed) loses the overlap and must not set it.
                        continue
                    c.discourse["_span"] = (at, end)
                    c.discourse["year"] = h.value[:4]
                    if not h.anchored or len(h.value) == 4 or h.year_firm:
                        # Only a year the text says ("in 2006", "last year") dates what follows in
                        # its sentence; a year guessed for "Jan. 2" must not spread.
                        c.discourse["said_year"] = h.value[:4]
                        c.discourse["said_year_at"] = at
                    if _RE_MONTH_VALUE.match(h.value):
                        c.discourse["month"] = h.value[:7]
                        c.discourse["month_at"] = at
                    if _RE_DAY_VALUE.match(h.value):
                        c.discourse["day"] = h.value
                        c.discourse["day_at"] = at
        hits = readings[0]
        if len(readings) > 1 and len(readings[1]) == len(hits):
            hits = [_merge(a, b, anchor) for a, b in zip(hits, readings[1])]
        for h in hits:
            if not h.value or _RE_BAD_YEAR.match(h.value):
                continue
            s = h.start if h.start is not None else m.start()
            e = h.end if h.end is not None else m.end()
            s, e = _trim(text, s, e)
            if s < e:
                cands.append((s, e, h, idx))
    # Longest first, then the earlier rule, then the earlier start, among candidates that overlap.
    # Only overlapping candidates compete, so each run of overlapping ones is decided on its own
    # (one sorted list of every taken span, grown by insertion, was quadratic on a book).
    cands.sort(key=lambda c: c[0])
    chosen = []
    i = 0
    while i < len(cands):
        j, hi = i, cands[i][1]
        while j + 1 < len(cands) and cands[j + 1][0] < hi:
            j += 1
            hi = max(hi, cands[j][1])
        if j == i:
            chosen.append(cands[i])
        else:
            chosen.extend(_non_overlapping(cands[i:j + 1]))
        i = j + 1
    chosen.sort(key=lambda c: c[0])
    return chosen


def tag(text: str, dct: Optional[str], doc_id: str = "") -> list[Timex]:
    """Every time expression in ``text``, normalised against ``dct`` (a TIMEX3 value or None).

    Raises ValueError with a readable message when ``dct`` is not a date or
    ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise ValueError(f"text to tag must be a string, not {type(text).__name__}")
    anchor = make_anchor(dct)
    out = []
    for s, e, h, _ in find(text, anchor):
        out.append(Timex(
            doc=doc_id, start=s, end=e, text=text[s:e], type=h.type, value=h.value,
            interval=_interval_of(h), mod=h.mod, year_unknown=h.year_unknown, anchored=h.anchored,
            quant=h.quant, freq=h.freq,
        ))
    return out
