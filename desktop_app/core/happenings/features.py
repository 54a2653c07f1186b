"""What grouping needs to know about each event, read from the event columns in one pass.

Days are whole days since 1970-01-01 (the store's seconds // 86400); an interval is
``[lo, hi)`` in days. An event with no date of its own is bounded by its report: it happened
at most ``REPORT_WINDOW`` days before its document's creation time and not after it (news
reports what is recent), and is unbounded when the document has no creation time either.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from desktop_app.core.model import PRECISIONS, Corpus
from desktop_app.core.store.events import EventStore, event_store
from desktop_app.core.store.times import NONE, to_seconds

from .action import action_key

DAY = 86400
UNBOUNDED_LO = -(2 ** 40)
UNBOUNDED_HI = 2 ** 40
REPORT_WINDOW = 30      # days an undated event may lie before the report that tells it
_DAY_PREC = PRECISIONS.index("day")


@dataclass(slots=True)
class EventFeatures:
    """One row per event (arrays) plus the action keys and participants as Python lists."""

    key: list[str]          # action key per event ("" = no action: never grouped)
    lo: np.ndarray          # int64 days, inclusive
    hi: np.ndarray          # int64 days, exclusive
    precise: np.ndarray     # bool: the event's own date is known to the day (or finer)
    doc: np.ndarray         # int32 document code
    persons: list[frozenset]   # words of the people's names, as numbers
    others: list[frozenset]  # organizations, groups and places taking part (media and sources left out)
    source: list[str]        # who reported it: the report's source, else the publication, else the document
    reported: np.ndarray     # int64 day it was reported (report date, else the document's), UNBOUNDED_HI unknown

    def __len__(self) -> int:
        return len(self.key)

    def extended(self, more: "EventFeatures") -> "EventFeatures":
        """These events followed by ``more`` (a document added); document codes must share one table."""
        cat = np.concatenate
        return EventFeatures(self.key + more.key, cat([self.lo, more.lo]), cat([self.hi, more.hi]),
                             cat([self.precise, more.precise]), cat([self.doc, more.doc]),
                             self.persons + more.persons, self.others + more.others,
                             self.source + more.source, cat([self.reported, more.reported]))


def event_columns(corpus: Corpus) -> EventStore:
    ev = corpus.events
    return ev if isinstance(ev, EventStore) else event_store(ev, corpus.documents)


def _dct_days(corpus: Corpus, store: EventStore) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Per document code: the creation time's day interval (unbounded when unknown) and its source name."""
    from desktop_app.core.documents.dct import DctError, dct_interval
    docs = {d.id: d for d in corpus.documents}
    values = store.codes["doc"].values
    lo = np.full(len(values), UNBOUNDED_LO, np.int64)
    hi = np.full(len(values), UNBOUNDED_HI, np.int64)
    names: list[str] = []
    for code, doc_id in enumerate(values):
        d = docs.get(doc_id)
        names.append((d.publication if d is not None and d.publication else None) or doc_id)
        if d is None or not d.dct:
            continue
        try:
            iv = dct_interval(d.dct)
        except (DctError, ValueError):
            continue
        lo[code] = to_seconds(iv.start) // DAY
        hi[code] = -(-to_seconds(iv.end) // DAY)
    return lo, hi, names


def event_features(corpus: Corpus, store: EventStore | None = None) -> EventFeatures:
    store = store if store is not None else event_columns(corpus)
    c = store.c
    n = len(store)
    types = {a.id: a.type for a in corpus.actors}
    dct_lo, dct_hi, pub = _dct_days(corpus, store)
    doc = c["doc"].astype(np.int32)
    s, e = c["date_start"], c["date_end"]
    has = (s != NONE) & (c["date_prec"] >= 0)
    lo = np.where(has, s // DAY, 0)
    hi = np.where(has, -(-e // DAY), 0)
    d_hi = dct_hi[doc]
    d_lo = np.where(d_hi >= UNBOUNDED_HI, UNBOUNDED_LO, d_hi - REPORT_WINDOW)
    lo = np.where(has, lo, d_lo)
    hi = np.where(has, hi, d_hi)
    hi = np.maximum(hi, lo + 1)
    on = np.asarray([v == "on" for v in store.codes["relation"].values] or [True])
    rel = c["date_rel"].astype(np.int64)
    precise = has & (c["date_prec"] <= _DAY_PREC) & on[np.clip(rel, 0, len(on) - 1)]

    # Participants, split by type once per distinct actor code. A person is known by the words of
    # its name (as numbers), not its id: "Jamal Williams" and "Chargers' Jamal Williams" may be two
    # actors of one person, and reports of one happening name people differently.
    actor_values = store.codes["actor"].values
    kind = np.array([{"person": 0, "media": 2}.get(types.get(a, ""), 1) for a in actor_values] or [1], np.int8)
    words: dict[str, int] = {}
    name_words = [tuple(words.setdefault(w, len(words)) for w in _name_words(a)) if k == 0 else ()
                  for a, k in zip(actor_values, kind.tolist())]
    ptr = c["actor_ptr"].tolist()
    codes = c["actor"].tolist()
    persons: list[frozenset] = []
    others: list[frozenset] = []
    empty: frozenset = frozenset()
    for i in range(n):
        a, b = ptr[i], ptr[i + 1]
        if a == b:
            persons.append(empty)
            others.append(empty)
            continue
        p, o = [], []
        for code in codes[a:b]:
            k = kind[code]
            if k == 0:
                p.extend(name_words[code])
            elif k == 1:
                o.append(code)
        persons.append(frozenset(p) if p else empty)
        others.append(frozenset(o) if o else empty)
    # Independent sources: the cited source when a sentence names one, else the publication.
    rep_src = c["report_source"].tolist()
    docs_l = doc.tolist()
    source = [actor_values[r] if r >= 0 else pub[d] for r, d in zip(rep_src, docs_l)]
    keys = [action_key(lab) for lab in _labels(store)]
    rs = c["report_start"]
    reported = np.where((c["reported"] != 0) & (rs != NONE), rs // DAY,
                        np.where(dct_lo[doc] <= UNBOUNDED_LO, UNBOUNDED_HI, dct_lo[doc]))
    return EventFeatures(keys, lo.astype(np.int64), hi.astype(np.int64), precise, doc, persons, others, source,
                         reported.astype(np.int64))


_NAME_NOISE = {"mr", "mrs", "ms", "dr", "sir", "the", "of", "and", "jr", "sr", "president", "minister",
               "general", "chief", "coach", "police", "officer", "man", "woman", "people", "killed", "arrested"}


def _name_words(actor_id: str) -> list[str]:
    slug = actor_id.split(":", 1)[-1]
    return [w for w in slug.split("-") if len(w) >= 3 and w not in _NAME_NOISE and not w.isdigit()]


def _labels(store: EventStore) -> Sequence[str]:
    labels = store.labels
    try:
        return labels[0:len(labels)]       # one decode of the whole column when it supports slices
    except TypeError:
        return [labels[i] for i in range(len(labels))]
