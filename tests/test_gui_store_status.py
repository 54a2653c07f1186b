"""Status bar counts and the document view's spans from the columns agree with the per-object readings."""
from __future__ import annotations

from datetime import datetime

import pytest

from desktop_app.core.filtering import FilterIndex
from desktop_app.core.selection import SelectionModel
from desktop_app.core.store import compact
from desktop_app.core.synthetic import make_corpus
from desktop_app.gui.document_view import DocumentView
from desktop_app.gui.event_table import EventTable
from desktop_app.gui.shared_index import filter_index, filter_index_for
from desktop_app.gui.state import AppState
from desktop_app.gui.status import Counts, StatusPanel, shown_count, summary, year_unknown_count


@pytest.fixture(scope="module")
def corpus():
    return make_corpus(1200, 30, seed=7)


def test_counts_are_the_per_event_counts(corpus):
    counts = Counts(corpus)
    assert counts.dated == sum(1 for e in corpus.events if e.dated)
    from_timexes = sum(1 for t in corpus.timexes if t.year_unknown)
    unplaced = sum(1 for e in corpus.events if e.date is not None and e.date.interval is None)
    assert counts.year_unknown == max(from_timexes, unplaced) == year_unknown_count(compact(corpus))
    assert from_timexes > 0     # the synthetic corpus has year-unknown dates: the warning is exercised


@pytest.mark.parametrize("mode", ["any", "all"])
def test_shown_count_is_the_filtered_event_count(corpus, mode):
    index = FilterIndex(corpus)
    sel = SelectionModel()
    actors = [a.id for a in corpus.actors[:3]]
    sel.set_actors(actors)
    sel.update(mode=mode)
    assert shown_count(index, sel) == len(index.filter(actors, mode, with_network=False).events)
    window = (datetime(2005, 1, 1), datetime(2010, 6, 1))
    sel.set_window(window)
    assert shown_count(index, sel) == len(index.filter(actors, mode, window, with_network=False).events)
    text, warning = summary(corpus, sel, index)
    assert f"{shown_count(index, sel):,} of {Counts(corpus).dated:,} events" in text and "year unknown" in warning


def test_table_and_status_share_one_index(qapp, corpus):
    state = AppState(corpus)
    table = EventTable(state)
    panel = StatusPanel()
    state.selection.set_actors([corpus.actors[0].id])
    panel.refresh(state.corpus, state.selection)
    assert table.index is filter_index(state) is filter_index_for(corpus)
    n = shown_count(table.index, state.selection)
    assert f"{n} of" in panel.counts.text()


def test_document_view_spans_are_the_documents_own_in_order(qapp, corpus):
    state = AppState(corpus)
    view = DocumentView(state)
    for doc in corpus.documents[:5]:
        assert view.show_document(doc.id)
        expected_m = sorted((m for m in corpus.mentions if m.doc == doc.id), key=lambda s: (s.start, -s.end))
        expected_t = sorted((t for t in corpus.timexes if t.doc == doc.id), key=lambda s: (s.start, -s.end))
        assert view._mentions == expected_m and view._timexes == expected_t
    ev = corpus.events[17]
    assert view.show_event(ev.id) and view.doc.id == ev.doc and view.sentence_span == (ev.start, ev.end)
    assert not view.show_event("no such event")
