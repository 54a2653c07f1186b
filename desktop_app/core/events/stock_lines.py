"""Stock lines: a sentence printed word for word in reports of different days.

A site repeats its page furniture on every page ("Transmission details ... are not updated after
publication.", "Views expressed in the comments do not represent those of Reuters.") and its
background paragraph in every story of a running news ("At least 75,000 bodies have so far been
buried in mass graves, Haiti's government has said.", "Dr Murray has pleaded not guilty."). Read
one document at a time, each copy takes its own report's day or the date told before it, so one
line becomes marks on many days, none of them the day it tells of. A line that three documents
or more print verbatim, on two report days or more, is such a stock line: only its own words may
date it. Its copies dated only by the story around them become undated facts (they still tie
their actors), and a copy that names no actor gives nothing. Syndicated copies of one report
(the same day) and lines with their own date are untouched.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

MIN_DOCUMENTS = 3
MIN_DAYS = 2
_SPACE = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def stock_lines(extractions: Iterable) -> set[str]:
    """The sentences (whitespace folded) that are stock lines across these document extractions
    (``pipeline.DocumentExtraction``: ``doc`` with ``id``, ``dct``, ``text``; ``events`` with
    ``sentences``)."""
    docs: dict[str, set[str]] = {}
    days: dict[str, set[str]] = {}
    for ex in extractions:
        text, day = ex.doc.text or "", (ex.doc.dct or "")[:10]
        for key in {_key(text[s:e]) for ev in ex.events for s, e in ev.sentences[:1]}:
            docs.setdefault(key, set()).add(ex.doc.id)
            days.setdefault(key, set()).add(day)
    return {k for k, d in docs.items() if len(d) >= MIN_DOCUMENTS and len(days[k]) >= MIN_DAYS and len(k) > 20}


def unstock(ev, text: str, stock: set[str]):
    """The event of one document with a stock line's story-given date taken away; None when it
    then names no actor (nothing to place or to tie)."""
    if not stock or not ev.inferred or not ev.sentences or _key(text[ev.sentences[0][0]:ev.sentences[0][1]]) not in stock:
        return ev
    if not ev.participants:
        return None
    return replace(ev, date=None, inferred=False, basis="stock")
