"""The date a document's header line gives, for documents without a creation time.

News pages copied as plain text keep their header (``documents.header_line``): a line near the top that is nothing but a
date, with perhaps a clock time and a word like "Published:" ("May 2, 2013 | 5:03pm",
"Updated: January 6, 2011, 11:34 AM ET"). Without a creation time the extractor dates every
event of such a page with that line's date, carried over from the top, though the line tells
when the page was written, not when its happenings happened: a death on Friday is reported on
Monday. Grouping widens such a date to the few days before it (``features.HEADER_LAG``), so
two reports of one happening, one dated by its own words and one by its page's header, or two
pages written a day apart, are no date conflict. A document with a creation time is left alone
(its events were dated against it).
"""
from __future__ import annotations

import re
from typing import Iterable

import numpy as np

from desktop_app.core.documents.header_line import HEADER_LABELS, top_lines
from desktop_app.core.model import Corpus, Document, Timex
from desktop_app.core.timex.lexicon import TIME_ZONES, WEEKDAYS

HEADER_LINES = 5        # lines at the top of a document where a header date may stand
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# What a header line may hold besides its date and clock times: a label, weekdays, time zones.
_HEADER_WORDS = (HEADER_LABELS | {"on", "at", "am", "pm", "a", "p", "m", "et", "ct", "pt", "hrs", "h"}
                 | set(WEEKDAYS) | {z.lower() for z in TIME_ZONES.split("|")})
_WORD = re.compile(r"[A-Za-z]+")


def header_dates(documents: Iterable[Document], timexes: Iterable[Timex]) -> dict[str, tuple[str, frozenset]]:
    """Per document without a creation time whose header line has a date to the day: (the header
    date's value "YYYY-MM-DD", the texts of that line's day-precise date expressions)."""
    tops: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for d in documents:
        if d.dct or not d.text:
            continue
        lines = top_lines(d.text, HEADER_LINES, scan=2000)
        if lines:
            tops[d.id] = (d.text, lines)
    if not tops:
        return {}
    on_line: dict[tuple[str, int], list[Timex]] = {}
    for t in timexes:
        top = tops.get(t.doc)
        if top is None or t.start >= top[1][-1][1]:
            continue
        for k, (a, b) in enumerate(top[1]):
            if a <= t.start < b:
                on_line.setdefault((t.doc, k), []).append(t)
                break
    out: dict[str, tuple[str, frozenset]] = {}
    for (doc, k), ts in sorted(on_line.items()):
        if doc in out:
            continue
        text, lines = tops[doc]
        a, b = lines[k]
        days = [t for t in ts if t.type == "DATE" and _DAY_VALUE.match(t.value or "") and not t.year_unknown]
        if not days:
            continue
        rest = text[a:b]
        for t in sorted(ts, key=lambda t: -t.start):       # the line without its date and time expressions
            rest = rest[:t.start - a] + " " + rest[t.end - a:]
        if all(w.lower() in _HEADER_WORDS for w in _WORD.findall(rest)):
            out[doc] = (days[0].value[:10], frozenset(t.text for t in days))
    return out


def from_header(corpus: Corpus, store) -> np.ndarray:
    """Per event of ``store``: its date is its document's header date, carried over from the top
    (dated by one of the header's date expressions, the same words)."""
    out = np.zeros(len(store), bool)
    if all(d.dct for d in corpus.documents):
        return out
    found = header_dates(corpus.documents, corpus.timexes)
    if not found:
        return out
    text_codes = store.codes["text"]
    width = len(text_codes) + 1
    pairs = [code * width + k for code, doc_id in enumerate(store.codes["doc"].values) if doc_id in found
             for k in map(text_codes.find, found[doc_id][1]) if k >= 0]
    c = store.c
    packed = c["doc"].astype(np.int64) * width + c["date_text"].astype(np.int64)
    return (c["date_text"] >= 0) & np.isin(packed, np.array(pairs, np.int64))
