"""Short clean summary lines from report sentences: no wire headers, bylines or datelines.

A news sentence often carries what is not news: "WASHINGTON (Reuters) - ", "By Jane Doe,
Staff Writer", "Posted 12:05 GMT", a headline and a photo caption run into the first sentence
("Haiti quake aid effort hampered Makeshift camps are sprouting up The UN says ..."), a live
page's "0810" time, a reader's comment. A summary line keeps the sentence itself, or nothing
when too little is left or when it is not a report of what happened (a question, a first-person
opinion, a sentence cut off).

``content_words`` is the one word list the chronology compares sentences by: light stems
(``action.stem``) of the words that carry content.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Optional

from ..text.quotes import speaks_in_first_person
from .action import stem

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
# Where a glued headline or caption ends and the sentence proper begins: a word that closes no
# sentence (no punctuation after it) followed by a capitalised word that is capitalised only
# because it opens a sentence ("The", "Thousands", "Another": the gazetteer's list of such
# words, days and months left out). Proper names that open with "The" ("in The Hague") follow
# a preposition, so those are left alone.
_GLUED = re.compile(r"([A-Za-z0-9'’]+)\s+(?=([A-Z][a-z]*)\s+[A-Za-z0-9])")
_LINKS = {"in", "at", "of", "to", "on", "by", "from", "for", "with", "and", "or", "the", "into", "than"}
_NOT_OPENERS = {"I", "God", "Internet", "May", "March"}


@lru_cache(maxsize=1)
def _openers() -> frozenset:
    from desktop_app.core.actors.gazetteer import load
    from desktop_app.core.timex.lexicon import MONTHS, WEEKDAYS
    calendar = {w.capitalize() for w in (*MONTHS, *WEEKDAYS)}
    return frozenset(w for w in load().stopwords if w.isalpha() and w not in calendar and w not in _NOT_OPENERS)
# A live page's clock time ("0810 The scale of ...", "... from shops 2149 Mrs Clinton says").
_CLOCK = re.compile(r"(?:^|\s)(?:[01]\d|2[0-3])[0-5]\d(?: GMT| BST| UK| ET)?\s+(?=[A-Z])")
# A reader's comment: "At 11:35 am on 18 Jan 2010, Nikolas wrote:".
_COMMENT = re.compile(r"\b(?:wrote|writes|commented|said)\s*:", re.I)
MIN_WORDS = 6
MAX_WORDS = 35


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
    if _COMMENT.search(t[:80]):
        return None
    clocks = list(_CLOCK.finditer(t))
    if clocks and len(t) - clocks[-1].end() > 20:
        t = t[clocks[-1].end():]
    openers = _openers()
    glued = [m.end() for m in _GLUED.finditer(t) if m.group(2) in openers and m.group(1).lower() not in _LINKS
             and len(t) - m.end() > 40]
    if glued:
        t = t[glued[-1]:]
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
    if "?" in t or t.rstrip(".").endswith((",", ";", ":", "-")):
        return None                      # a question, or a sentence cut off
    if speaks_in_first_person(t):
        return None                      # a first-person view (a comment, a diary), not a report
    if t[-1] not in ".!?\"'”)":
        t += "."
    return t


# Function words and the calendar: they say nothing about which happening a sentence tells.
STOPWORDS = frozenset("""a about after again against all also am an and any are as at be because been before being
between both but by can could did do does doing down during each even few for from further get got had has have
having he her here hers him his how i if in into is it its just like many may me might more most much must my new no
nor not now of off on once one only or other our out over own said same say says she should since so some still
such than that the their them then there these they this those through to too two under until up us very was we
were what when where which while who whom why will with would year years you your day days week weeks month months
time today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday mr mrs ms last next first""".split())


def content_words(text: str) -> Counter:
    """Stem -> count over the words of ``text`` that carry content (no function words, no calendar)."""
    return Counter(stem(w) for w in re.findall(r"[a-z][a-z'-]+|\d+", text.lower()) if w not in STOPWORDS and len(w) > 1)


def word_set(text: str) -> frozenset:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2)


def near_duplicate(a: frozenset, b: frozenset, threshold: float = 0.5) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= threshold
