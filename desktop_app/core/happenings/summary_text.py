"""Short clean summary lines from report sentences: no wire headers, bylines or datelines.

A news sentence often carries what is not news: "WASHINGTON (Reuters) - ", "By Jane Doe,
Staff Writer", "Posted 12:05 GMT", a headline run into the first sentence. A summary line
keeps the sentence itself, or nothing when too little is left.
"""
from __future__ import annotations

import re
from typing import Optional

_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.'-]*(?:[ ,]+[A-Z][A-Za-z.'-]*){0,4}\s*)?"       # PLACE, Country
    r"(?:\([A-Za-z .&-]{1,30}\)\s*)?"                                     # (AP) (Reuters)
    r"(?:[,]?\s*[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?\s*)?"               # , Aug. 7
    r"(?:--|—|–|-|_|:)\s+")
_WIRE = re.compile(r"\((?:AP|AFP|Reuters|UPI|CNN|BBC|PA|dpa|Xinhua|IANS|PTI)\)\s*[-—–:]*\s*", re.I)
_BYLINE = re.compile(r"^\s*(?:By|BY|From)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}(?:\s*,\s*[^.]{0,40}?)?\s*"
                     r"(?=[A-Z])")
_STAMP = re.compile(r"\b(?:Posted|Updated|Last updated|Published)\b[^A-Za-z]{0,40}(?:GMT|UTC|ET|EST|EDT|BST|am|pm)?"
                    r"[^A-Za-z]{0,10}", re.I)
_SPACE = re.compile(r"\s+")
# "22:29 UK time, Wednesday, 13 January 2010": a blog or page stamp; what precedes it is page furniture.
_TIMESTAMP = re.compile(r"\d{1,2}:\d{2}\s*(?:[A-Z]{2,4}|UK time|local time)?,?\s*(?:[A-Z][a-z]+day,?\s*)?"
                        r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*")
# A line that opens with one of these leans on the sentence before it ("He said", "But it").
_DEPENDENT = {"he", "she", "it", "they", "this", "that", "these", "those", "but", "and", "or", "so", "his",
              "her", "its", "their", "we", "i", "you", "there", "here", "also", "however", "meanwhile"}
MIN_WORDS = 6
MAX_WORDS = 45


def clean_sentence(text: str) -> Optional[str]:
    """The sentence without headers and bylines; None when what is left is no sentence."""
    t = _SPACE.sub(" ", text or "").strip()
    if "\n" in (text or "").strip():
        # A headline or byline glued on by a line break: keep the last line, the sentence proper.
        lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
        t = _SPACE.sub(" ", lines[-1])
    stamps = list(_TIMESTAMP.finditer(t))
    if stamps:
        t = t[stamps[-1].end():]
    for rx in (_BYLINE, _DATELINE):
        m = rx.match(t)
        if m and len(t) - m.end() > 20:
            t = t[m.end():]
    t = _WIRE.sub("", t)
    t = _STAMP.sub("", t).strip()
    t = t.strip(" -—–:|\"'")
    words = t.split()
    if len(words) < MIN_WORDS or len(words) > MAX_WORDS:
        return None
    if sum(w.isupper() and len(w) > 1 for w in words) > len(words) / 3:
        return None                      # a shouted headline
    if not t[0].isupper() and not t[0].isdigit():
        return None
    if words[0].lower().strip(",") in _DEPENDENT or "|" in t:
        return None
    if t.count('"') % 2 or t.count("“") != t.count("”"):
        return None                      # a quotation cut in half
    if t[-1] not in ".!?\"'”)":
        t += "."
    return t


def word_set(text: str) -> frozenset:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2)


def near_duplicate(a: frozenset, b: frozenset, threshold: float = 0.5) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= threshold
