"""Happenings: the real-world happenings behind a corpus's events, each with all its reports.

A corpus-level step after extraction (``group_happenings``); nothing in extraction depends on
it. ``grouping`` decides which events tell one happening, ``records`` describes a happening,
``salience`` and ``chronology`` pick the key events of a corpus.
"""
from __future__ import annotations

from typing import Optional

from desktop_app.core.memory import release_free_memory
from desktop_app.core.model import Corpus

from .features import EventFeatures, event_columns, event_features
from .grouping import HappeningIndex
from .records import FounderIds, Happening, HappeningDate, Happenings


def group_happenings(corpus: Corpus) -> Happenings:
    """Every event of ``corpus`` in exactly one happening (a lone report is a happening of one)."""
    from .batched import group_rows
    store = event_columns(corpus)
    f = event_features(corpus, store)
    of_event, founders = group_rows(f, store.ids)     # a few action keys at a time: the peak stays small
    ids = store.ids
    h = Happenings(of_event, FounderIds(ids, founders), ids, store.labels, f.grouped())
    h.events = corpus.events        # what they were grouped from: an edit that replaces the events makes them stale
    h.founders = founders           # kept so documents added later extend this grouping (added.py)
    return h


def with_happenings(corpus: Corpus, previous: Optional[Corpus] = None) -> Corpus:
    """``corpus`` carrying its happenings (``Corpus.happenings``), grouped if it has none yet.

    ``previous``: the grouped corpus ``corpus`` was extracted from by adding documents; its
    happenings are kept and only the new events grouped into them (``added.py``, which says when
    it falls back to grouping everything).
    """
    h = getattr(corpus, "happenings", None)
    if h is None or getattr(h, "events", None) is not corpus.events:
        from .added import added_happenings
        corpus.happenings = added_happenings(corpus, previous) or group_happenings(corpus)
        # Grouping runs on a worker thread, whose freed heap glibc keeps in that thread's arena: the
        # views then regroup on the UI thread on top of it (at a million events the window's peak).
        release_free_memory()
    return corpus


__all__ = ["EventFeatures", "Happening", "HappeningDate", "HappeningIndex", "Happenings", "event_features",
           "group_happenings", "with_happenings"]
