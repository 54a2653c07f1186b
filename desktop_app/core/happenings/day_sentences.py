"""The sentences that tell what happened on which day: what a chronology is written from.

One ``DaySentence`` per sentence that reports an event (the extractor finds an event in most
news sentences), with the days it is about: ``day``, the day its events are dated to (known to
the day), ``refs``, every day it names or dates an event to, and ``named``, the days its own date
expressions name (not a date its events carry over from another sentence). ``pub`` is the day its document
was published, ``pos`` its place among its document's event sentences (a lead sentence tells the news
of its day), ``rows`` the events it tells, so a line taken from it leads back to its reports.
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from desktop_app.core.model import Corpus

from .features import DAY, _dct_days, event_columns
from .records import Happenings
from .summary_text import clean_sentence, content_words


@dataclass(slots=True)
class DaySentence:
    doc: int                        # document code (as in the event columns)
    start: int                      # offset in its document
    end: int
    text: str
    pub: Optional[int]              # publication day of its document, None when not known to the day
    rows: list[int] = field(default_factory=list)        # event rows it tells
    pos: int = 0                    # index among its document's sentences that tell an event
    day: Optional[int] = None       # the day most of its events are dated to, None when not known to the day
    refs: set = field(default_factory=set)               # every day it names or dates an event to
    named: set = field(default_factory=set)              # days its own words name (a subset of refs)
    words: Counter = field(default_factory=Counter)      # content words -> count
    line: Optional[str] = None      # the sentence as a summary line (summary_text.clean_sentence), or None


def publication_days(corpus: Corpus, store) -> dict[int, int]:
    """Document code -> the day it was published, for documents whose creation time is known to the day."""
    lo, hi, _ = _dct_days(corpus, store)        # the same reading of creation times as grouping's
    return {code: int(lo[code]) for code in np.flatnonzero(hi - lo == 1).tolist()}


def day_sentences(corpus: Corpus, happenings: Happenings) -> list[DaySentence]:
    """Every sentence that tells an event, in document and text order."""
    from desktop_app.core.store.times import to_seconds
    store = event_columns(corpus)
    f = happenings.f
    doc_ids = store.codes["doc"].values
    pub = publication_days(corpus, store)
    starts, ends = store.c["start"], store.c["end"]
    by_key: dict[tuple[int, int], DaySentence] = {}
    dated: dict[tuple[int, int], Counter] = defaultdict(Counter)
    for r in range(len(store)):
        key = (int(f.doc[r]), int(starts[r]))
        s = by_key.get(key)
        if s is None:
            s = by_key[key] = DaySentence(key[0], key[1], int(ends[r]), store.text(r), pub.get(key[0]))
        s.rows.append(r)
        if f.precise[r] and f.hi[r] - f.lo[r] == 1:
            dated[key][int(f.lo[r])] += 1
    out = sorted(by_key.values(), key=lambda s: (s.doc, s.start))
    per_doc: dict[int, list[DaySentence]] = defaultdict(list)
    for s in out:
        s.pos = len(per_doc[s.doc])
        per_doc[s.doc].append(s)
        days = dated.get((s.doc, s.start))
        if days:
            s.day = min(days.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            s.refs.update(days)
        s.words = content_words(s.text)
        s.line = clean_sentence(s.text, opening=s.start == 0)
    # Days the sentence's own date expressions name, with or without an event dated to them
    # ("talks that began on 3 May"). An event can also carry a date over from an earlier sentence
    # ("on Friday ... He was taken to hospital."): that day is in refs, not in named.
    code_of = {v: i for i, v in enumerate(doc_ids)}
    sent_starts = {code: [s.start for s in ss] for code, ss in per_doc.items()}
    for t in corpus.timexes:
        iv = t.interval
        code = code_of.get(t.doc)
        if t.type != "DATE" or iv is None or iv.precision != "day" or code is None or code not in per_doc:
            continue
        i = bisect.bisect_right(sent_starts[code], t.start) - 1
        if i >= 0 and t.start < per_doc[code][i].end:
            day = to_seconds(iv.start) // DAY
            per_doc[code][i].refs.add(day)
            per_doc[code][i].named.add(day)
    return out
