"""Columnar storage for large corpora: events, mentions and timexes as numpy columns, objects on demand."""
from desktop_app.core.store.corpus import CorpusBuilder, compact, is_compact
from desktop_app.core.store.events import EventStore, EventStoreBuilder, event_store
from desktop_app.core.store.evidence import EvidenceIds, ties_from_store
from desktop_app.core.store.spans import MentionStore, TimexStore
from desktop_app.core.store.strings import Codes, StringColumn

__all__ = ["CorpusBuilder", "compact", "is_compact", "EventStore", "EventStoreBuilder", "event_store",
           "EvidenceIds", "ties_from_store", "MentionStore", "TimexStore", "Codes", "StringColumn"]
