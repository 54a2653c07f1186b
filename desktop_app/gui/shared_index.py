"""One ``FilterIndex`` per corpus, shared by the views that filter (table, status bar).

At a million events an index costs seconds and tens of megabytes; each
view building its own doubled both.  ``AppState.filter_index()``, when the
state offers it, is the one to use; otherwise the last corpus's index is
kept here, keyed by the corpus object (a new corpus always is a new object).
"""
from __future__ import annotations

from desktop_app.core.filtering import FilterIndex
from desktop_app.core.model import Corpus

_last: tuple = (None, None)


def filter_index_for(corpus: Corpus) -> FilterIndex:
    global _last
    cached_corpus, index = _last
    if cached_corpus is not corpus or index is None or len(index.dated) != len(corpus.events):
        index = FilterIndex(corpus)
        _last = (corpus, index)
    return index


def filter_index(state) -> FilterIndex:
    """The index of ``state.corpus``: the state's own when it keeps one, else the shared one."""
    own = getattr(state, "filter_index", None)
    return own() if callable(own) else filter_index_for(state.corpus)
