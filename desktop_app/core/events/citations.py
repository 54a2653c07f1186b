"""Who reported a sentence, and when: "(Karavan, November 2)", "X reported on November 2".

The report date is kept apart from the event date: a citation bounds the
happening from above ("on or before"), it does not date it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..model import Timex

_REPORT_VERBS = r"(?:reported|reports|said|says|announced|wrote|writes|stated|quoted|cited|claimed|published|broadcast)"
# Compiled once: find_citation reads every sentence of every document.
_PAREN = re.compile(r"\(([^()]{2,120})\)")
_REPORT_AFTER = re.compile(r"\s+(?:[a-z]+\s+){0,2}?" + _REPORT_VERBS + r"\b(\s+(?:on|in|last|this|earlier)?\s*)?")
_ACCORDING = re.compile(r"\b[Aa]ccording to (?:information (?:received by|from) |reports? (?:by|in|from) )?")
_COMMA_PHRASE_END = re.compile(r",\s+(?:(?:the|a)\s+)?(?:[a-z]+\s+){0,2}$")


@dataclass(slots=True)
class Citation:
    source: Optional[tuple[int, int]]   # span of the source name
    timex: Optional[Timex]              # report date, if written
    start: int                          # span of the citation text
    end: int
    in_text: bool                       # "X reported on …" (the report is itself the happening)
    trailing: bool = False              # "…, the ministry said on Friday." closing the sentence
    nominal: Optional[str] = None       # "the agency" in a trailing attribution: resolved by the caller


def find_citation(text: str, s_start: int, s_end: int, timexes: list[Timex],
                  names: list[tuple[int, int, str]]) -> Optional[Citation]:
    """The citation of one sentence; ``names`` are (start, end, type) of actor mentions in it."""
    sent = text[s_start:s_end]
    # Parenthesised source and date, usually closing the sentence.
    for m in _PAREN.finditer(sent):
        ps, pe = s_start + m.start(1), s_start + m.end(1)
        inner = m.group(1)
        if "," not in inner:
            continue
        tx = [t for t in timexes if ps <= t.start and t.end <= pe]
        if not tx:
            continue
        comma = ps + inner.index(",")
        src = [n for n in names if ps <= n[0] and n[1] <= comma]
        return Citation((src[0][0], src[0][1]) if src else None, tx[0], s_start + m.start(), s_start + m.end(), False)
    # "X [newspaper] reported on November 2"
    for n in names:
        if not (s_start <= n[0] < s_end) or n[2] not in ("media", "organization", "person"):
            continue
        after = text[n[1]:min(s_end, n[1] + 80)]
        m = _REPORT_AFTER.match(after)
        if not m:
            continue
        vend = n[1] + m.end()
        tx = [t for t in timexes if vend - 1 <= t.start <= vend + 12 and t.interval is not None]
        if tx and n[2] == "media" or tx and re.search(r"newspaper|agency|television|radio|daily|weekly", after[:m.end()]):
            return Citation((n[0], n[1]), tx[0], n[0], tx[0].end, True)
    trailing = _trailing(text, s_start, s_end, timexes, names)
    if trailing is not None:
        return trailing
    # "according to X" gives a source without a date.
    m = _ACCORDING.search(sent)
    if m:
        pos = s_start + m.end()
        src = [n for n in names if pos <= n[0] <= pos + 5 and n[2] in ("media", "organization", "person")]
        if src:
            return Citation((src[0][0], src[0][1]), None, s_start + m.start(), src[0][1], False)
    return None


_SAY = r"(?:said|says|reported|reports|announced|stated|added|told\s+\w+|wrote|confirmed|claimed)"
# What may follow the verb up to the end of the sentence: a date, "in a statement", "on its website".
_SAY_TAIL = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:has\s+|had\s+)?" + _SAY + r"\b([^,;]{0,50})[.!]?[\"”’']?\s*$")
# A quotation closed by its attribution: ",'' said X[, his title]." or ",\" X said (on Friday)."
_QUOTE_SAY = re.compile(r"[,?!](?:''|\"|”|’)\s+(?P<tail>(?:" + _SAY + r"|added|asked|insisted|warned|explained)\s+"
                        r"[^\"“”`]{1,90}?|[A-Z][^\"“”`,;]{0,60}?\s+(?:has\s+|had\s+)?(?:" + _SAY +
                        r"|added|asked|insisted|warned|explained)\b[^\"“”`;]{0,60}?)[.!]?\s*$")
_NOMINAL_SAY = re.compile(r",\s+(?:the|a)\s+(agency|ministry|company|firm|group|newspaper|commission|"
                          r"court|party|police|army|broadcaster|carrier|airline|bank)\s+" + _SAY +
                          r"\b([^,;]{0,50})[.!]?[\"”’']?\s*$")


def _trailing(text: str, s_start: int, s_end: int, timexes: list[Timex],
              names: list[tuple[int, int, str]]) -> Optional[Citation]:
    """A closing attribution: "..., the Health Ministry reported on Friday." or "..., the agency said"."""
    for n in sorted(names, key=lambda n: -n[0]):
        if n[2] not in ("media", "organization", "person") or not (s_start <= n[0] < s_end):
            continue
        before = text[max(s_start, n[0] - 40):n[0]]
        if not _COMMA_PHRASE_END.search(before):
            continue
        m = _SAY_TAIL.match(text[n[1]:s_end])
        if not m:
            continue
        tail_start = n[1] + m.start(1)
        tx = [t for t in timexes if tail_start <= t.start < s_end and t.interval is not None]
        return Citation((n[0], n[1]), tx[0] if tx else None, n[0], s_end, True, trailing=True)
    quoted = _QUOTE_SAY.search(text, s_start, s_end)
    if quoted is not None:
        # "``We will defend our north,'' said Eitan, the science minister.": the quote is what
        # was said, and the closing words name who said it (and maybe when).
        at = quoted.start("tail")
        src = [n for n in names if at <= n[0] < s_end and n[2] in ("media", "organization", "person")]
        tx = [t for t in timexes if at <= t.start < s_end and t.interval is not None]
        return Citation((src[0][0], src[0][1]) if src else None, tx[0] if tx else None, at, s_end, True,
                        trailing=True)
    m = _NOMINAL_SAY.search(text, s_start, s_end)
    if m:
        tail_start = m.start(2)
        tx = [t for t in timexes if tail_start <= t.start < s_end and t.interval is not None]
        return Citation(None, tx[0] if tx else None, m.start(), s_end, True, trailing=True, nominal=m.group(1))
    return None
