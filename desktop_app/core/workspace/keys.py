"""Stable keys: how an edit names the item it corrects so re-extraction cannot lose it.

Extraction ids (``Actor.id``, ``Event.id``) are whatever the pipeline numbers
them this run; adding one document or changing a DCT may renumber them.  So
an edit never stores an id.  It stores a key derived from what the analyst
saw, which the next extraction reproduces:

* **document** -> the SHA-256 of its text (``Document.sha256``; computed when
  missing).  The text never changes inside a workspace, and offsets are
  indices into it, so the hash pins the offsets too.  A workspace never holds
  two documents with the same hash.
* **actor** -> ``name_key(name)``: the name case-folded, accents stripped,
  punctuation dropped, whitespace collapsed and a leading "the" removed.  It
  resolves to the actor whose name has that key, else to the one whose alias
  has it (names win over aliases so an alias shared by two actors cannot
  steal an edit meant for the one named so).  Edits also record each named
  actor's type (``payload["types"]``) as a hint: when two actors share a
  name ("Georgia" the person and the place) the one of that type is meant.
* **event** -> ``(document key, sentence start, sentence end, label, n)``:
  events are sentences, and a sentence's span is fixed by the text.  ``n``
  tells apart several events extracted from the same sentence, and the label
  breaks ties when their order changes.  If the sentence splitter moves a
  boundary, the event whose span overlaps the old one most (at least half of
  the shorter span) takes the edit.
* **tie** -> the unordered pair of its actors' keys.

Edits are replayed in log order on the evolving corpus, so a key is resolved
against the corpus as the earlier edits left it: after "rename A to B", a
later edit that says "B" finds the renamed actor.  An edit whose key matches
nothing is skipped and reported, never guessed.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
import re
import unicodedata
from typing import Iterable, Optional

import numpy as np

from desktop_app.core.model import Actor, Corpus, Document, Event
from desktop_app.core.store import EventStore

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_LEADING_ARTICLE = re.compile(r"^the\s+")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The comparison form of an actor name; equal keys mean the same actor.

    Cached: every replayed edit indexes all actor names again, and the
    Unicode folding costs far more than a dictionary lookup.
    """
    folded = unicodedata.normalize("NFKD", name or "").casefold()
    no_marks = "".join(c for c in folded if not unicodedata.combining(c))
    words = _NON_WORD.sub(" ", no_marks).replace("_", " ").strip()
    words = re.sub(r"\s+", " ", words)
    return _LEADING_ARTICLE.sub("", words)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def doc_key(doc: Document) -> str:
    return doc.sha256 or text_sha256(doc.text)


def event_key(event: Event, corpus: Corpus, doc_keys: Optional[dict] = None) -> dict:
    """The key an edit stores for ``event``, given the corpus it was seen in."""
    doc_keys = doc_keys if doc_keys is not None else {d.id: doc_key(d) for d in corpus.documents}
    n = next((i for i, e in enumerate(_same_span(corpus, event)) if e == event.id), 0)
    return {"doc": doc_keys.get(event.doc, event.doc), "start": event.start, "end": event.end,
            "label": event.label, "n": n}


def _same_span(corpus: Corpus, event: Event) -> list[str]:
    """Ids of the events of ``event``'s sentence, in corpus order.

    A columnar corpus answers from its columns: building a million events to
    find the two of one sentence would make every event edit take seconds.
    """
    events = corpus.events
    if isinstance(events, EventStore):
        c = events.c
        code = events.codes["doc"].find(event.doc)
        rows = np.flatnonzero((c["doc"] == code) & (c["start"] == event.start) & (c["end"] == event.end))
        return [events.ids[int(r)] for r in rows] if code >= 0 else []
    return [e.id for e in events if e.doc == event.doc and e.start == event.start and e.end == event.end]


class KeyIndex:
    """Lookups from stable keys to the current items of one corpus state.

    Each table is built on first use: a replay builds a fresh index after
    every edit, and most edits only look up one kind of item.
    """

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._docs: Optional[dict[str, Document]] = None
        self._names: Optional[tuple[dict, dict]] = None
        self._events: Optional[dict[str, list[Event]]] = None

    @property
    def doc_by_key(self) -> dict[str, Document]:
        if self._docs is None:
            self._docs = {}
            for d in self.corpus.documents:
                self._docs.setdefault(doc_key(d), d)
            # A key may also be a bare document id (an edit made on a
            # hand-built corpus without hashes); hashes are tried first.
            for d in self.corpus.documents:
                self._docs.setdefault(d.id, d)
        return self._docs

    def _name_tables(self) -> tuple[dict, dict]:
        if self._names is None:
            by_name: dict[str, list[Actor]] = {}
            by_alias: dict[str, list[Actor]] = {}
            for a in self.corpus.actors:
                by_name.setdefault(name_key(a.name), []).append(a)
            for a in self.corpus.actors:
                for alias in a.aliases:
                    by_alias.setdefault(name_key(alias), []).append(a)
            self._names = (by_name, by_alias)
        return self._names

    def _events_of(self, doc_id: str) -> list[Event]:
        # One scan per document asked about: an edit names one or two events,
        # and a scan is far cheaper than grouping a large corpus by document.
        if self._events is None:
            self._events = {}
        found = self._events.get(doc_id)
        if found is None:
            events = self.corpus.events
            rows_of_doc = getattr(events, "rows_of_doc", None)
            if rows_of_doc is not None:      # columnar: build only this document's events
                found = [events[int(i)] for i in rows_of_doc(doc_id)]
            else:
                found = [e for e in events if e.doc == doc_id]
            self._events[doc_id] = found
        return found

    def actor(self, key: str, type_hint: Optional[str] = None) -> Optional[Actor]:
        key = name_key(key)
        by_name, by_alias = self._name_tables()
        for table in (by_name, by_alias):
            found = table.get(key)
            if found:
                return next((a for a in found if a.type == type_hint), found[0])
        return None

    def document(self, key: str) -> Optional[Document]:
        return self.doc_by_key.get(key)

    def event(self, key: dict) -> Optional[Event]:
        doc = self.document(key.get("doc", ""))
        if doc is None:
            return None
        candidates = self._events_of(doc.id)
        start, end = int(key["start"]), int(key["end"])
        exact = [e for e in candidates if e.start == start and e.end == end]
        if exact:
            labelled = [e for e in exact if e.label == key.get("label")]
            pool = labelled or exact
            n = int(key.get("n", 0))
            if not labelled:
                return pool[min(n, len(pool) - 1)]
            # ``n`` counted all events of the span; among same-label ones the
            # one nearest that position is the best guess at the same event.
            ranked = sorted(pool, key=lambda e: abs(exact.index(e) - n))
            return ranked[0]
        return _best_overlap(candidates, start, end, key.get("label"))


def _best_overlap(events: Iterable[Event], start: int, end: int, label) -> Optional[Event]:
    best, best_score = None, 0.0
    for e in events:
        overlap = min(end, e.end) - max(start, e.start)
        shorter = min(end - start, e.end - e.start)
        if overlap <= 0 or shorter <= 0 or overlap < shorter / 2:
            continue
        score = overlap / max(end - start, e.end - e.start) + (0.01 if e.label == label else 0)
        if score > best_score:
            best, best_score = e, score
    return best
