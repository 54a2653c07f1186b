"""A ``Corpus`` whose events, mentions and time expressions are columns.

``CorpusBuilder`` takes documents one at a time with their extraction (the
merge step, a workspace being read, the synthetic generator) and never holds
more than one document's objects; ``compact(corpus)`` turns a corpus of lists
into the same corpus held as columns.  Everything downstream reads a compact
corpus through the ordinary ``Corpus`` fields.
"""
from __future__ import annotations

from typing import Iterable, Optional

from desktop_app.core.memory import release_free_memory
from desktop_app.core.model import Corpus, Document, Event, Mention, Tie, Timex
from desktop_app.core.store.documents import pack
from desktop_app.core.store.events import EventStore, EventStoreBuilder
from desktop_app.core.store.evidence import pack_ties, ties_from_store
from desktop_app.core.store.spans import MentionStore, MentionStoreBuilder, TimexStore, TimexStoreBuilder


class CorpusBuilder:
    def __init__(self):
        self.documents: list[Document] = []
        self._by_id: dict[str, Document] = {}
        self.codes: dict = {}
        self.events = EventStoreBuilder(self._by_id, self.codes)
        self.mentions = MentionStoreBuilder(self._by_id, self.codes)
        self.timexes = TimexStoreBuilder(self._by_id, self.codes)

    def add_document(self, doc: Document) -> None:
        doc = pack(doc)
        self.documents.append(doc)
        self._by_id[doc.id] = doc

    def add(self, doc: Optional[Document] = None, events: Iterable[Event] = (), mentions: Iterable[Mention] = (),
            timexes: Iterable[Timex] = ()) -> None:
        if doc is not None:
            self.add_document(doc)
        self.events.extend(events)
        self.mentions.extend(mentions)
        self.timexes.extend(timexes)

    def build(self, actors=(), ties: Optional[Iterable[Tie]] = None, errors=(), types: Optional[dict] = None) -> Corpus:
        """The corpus; with ``ties=None`` the ties are computed from the events (``types`` weakens place pairs)."""
        events = self.events.build()
        actors = list(actors)
        if ties is None:
            ties = ties_from_store(events, types if types is not None else {a.id: a.type for a in actors})
        else:
            ties = pack_ties(ties, events)
        corpus = Corpus(documents=self.documents, timexes=self.timexes.build(), actors=actors,
                        mentions=self.mentions.build(), events=events, ties=ties, errors=list(errors))
        release_free_memory()   # the build's growing buffers and per-document objects are garbage now
        return corpus


def is_compact(corpus: Corpus) -> bool:
    return isinstance(corpus.events, EventStore)


def compact(corpus: Corpus) -> Corpus:
    """The same corpus with its events, mentions and timexes as columns (a compact one is returned as is)."""
    if is_compact(corpus) and isinstance(corpus.mentions, MentionStore) and isinstance(corpus.timexes, TimexStore):
        # Ties whose evidence rows belong to another store (an edit made a new one) are looked up again.
        ties = pack_ties(corpus.ties, corpus.events)
        if ties is corpus.ties:
            return corpus
        return Corpus(corpus.documents, corpus.timexes, corpus.actors, corpus.mentions, corpus.events,
                      ties, corpus.errors)
    b = CorpusBuilder()
    for d in corpus.documents:
        b.add_document(d)
    b.add(events=corpus.events, mentions=corpus.mentions, timexes=corpus.timexes)
    return b.build(corpus.actors, ties=corpus.ties, errors=corpus.errors)
