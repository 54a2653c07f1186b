"""Happenings: the real-world happenings behind a corpus's events, each with all its reports.

A corpus-level step after extraction (``group_happenings``); nothing in extraction depends on
it. ``grouping`` decides which events tell one happening, ``records`` describes a happening,
``salience`` and ``chronology`` pick the key events of a corpus.
"""
from __future__ import annotations

from desktop_app.core.model import Corpus

from .features import EventFeatures, event_columns, event_features
from .grouping import HappeningIndex
from .records import Happening, HappeningDate, Happenings


def group_happenings(corpus: Corpus) -> Happenings:
    """Every event of ``corpus`` in exactly one happening (a lone report is a happening of one)."""
    store = event_columns(corpus)
    f = event_features(corpus, store)
    index = HappeningIndex(f, store.ids)
    index.add()
    return Happenings(index.of_event, index.happening_ids(), store.ids, store.labels, f)


def with_happenings(corpus: Corpus) -> Corpus:
    """``corpus`` carrying its happenings (``Corpus.happenings``), grouped if it has none yet."""
    if getattr(corpus, "happenings", None) is None or len(corpus.happenings.of_event) != len(corpus.events):
        corpus.happenings = group_happenings(corpus)
    return corpus


__all__ = ["EventFeatures", "Happening", "HappeningDate", "HappeningIndex", "Happenings", "event_features",
           "group_happenings", "with_happenings"]
