"""The three views on the seed article, extracted by the real pipeline and linked through one selection.

Nothing here names the seed's actors: the test takes whatever the pipeline
extracts and checks that each view shows it faithfully and in step.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QTextCursor

from desktop_app.core.documents import load_paths
from desktop_app.core.pipeline import extract_corpus
from desktop_app.gui.document_view import SENTENCE_BACKGROUND, DocumentView
from desktop_app.gui.event_table import EventTable
from desktop_app.gui.network.view import FOCUS, NetworkView
from desktop_app.gui.state import AppState

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_54cc48f895b22f49.txt"


@pytest.fixture(scope="module")
def corpus():
    docs, errors = load_paths([SEED])
    assert not errors
    return extract_corpus(docs)


@pytest.fixture
def views(qtbot, corpus):
    state = AppState(corpus)
    net, doc, table = NetworkView(state), DocumentView(state), EventTable(state)
    for w in (net, doc, table):
        qtbot.addWidget(w)
        w.resize(900, 600)
        w.show()
        qtbot.waitExposed(w)
    return state, net, doc, table


def _qt_text(doc, start, end):
    c = QTextCursor(doc.text.document())
    c.setPosition(doc.offsets.to_qt(start))
    c.setPosition(doc.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    return c.selectedText().replace("\u2029", "\n")


def test_seed_has_something_to_show(corpus):
    assert corpus.actors and corpus.events and corpus.ties and corpus.mentions


def test_every_seed_event_leads_to_its_sentence_and_its_actors(views, corpus):
    state, net, doc, table = views
    text = corpus.documents[0].text
    for ev in corpus.events:
        counts = (net.redraw_count, doc.redraw_count, table.redraw_count)
        state.selection.set_event(ev.id)
        assert (net.redraw_count, doc.redraw_count, table.redraw_count) == tuple(c + 1 for c in counts)
        assert doc.sentence_span == (ev.start, ev.end)
        marks = [(s, e) for s, e, c in doc.highlighted() if c == SENTENCE_BACKGROUND.name()]
        assert marks == [(ev.start, ev.end)]
        assert _qt_text(doc, ev.start, ev.end) == text[ev.start:ev.end]
        assert net.actors_at_level(FOCUS) == set(ev.actor_ids())
        assert table.selected_event_ids() == [ev.id]


def test_every_seed_mention_is_marked_and_clicking_it_links_all_views(views, corpus):
    state, net, doc, table = views
    text = corpus.documents[0].text
    marked = {(s, e) for s, e, _ in doc.mark_spans()}
    drawn = {(s, e) for s, e, _ in doc.highlighted()}
    assert drawn and drawn <= marked
    for m in corpus.mentions:
        assert (m.start, m.end) in marked
        assert _qt_text(doc, m.start, m.end) == text[m.start:m.end] == m.text
    # The most connected actor: click one of its mentions.
    degree = dict(net.data.graph.degree())
    hub = max(sorted(degree), key=degree.get)
    mention = next(m for m in corpus.mentions if m.actor == hub)
    assert doc.click_offset(mention.start) == hub
    assert state.selection.actors == {hub}
    assert net.actors_at_level(FOCUS) == {hub}
    assert net.actors_at_level(2) == set(net.data.graph.neighbors(hub))
    shown = set(table.shown_event_ids())
    assert shown == {e.id for e in corpus.events if hub in e.actor_ids()}


def test_seed_table_sorted_chronologically(views, corpus):
    _, _, _, table = views
    by_id = {e.id: e for e in corpus.events}
    dated = [by_id[i] for i in table.shown_event_ids() if by_id[i].dated]
    starts = [e.date.interval.start for e in dated]
    assert starts == sorted(starts)
    undated = [i for i in table.shown_event_ids() if not by_id[i].dated]
    assert table.shown_event_ids()[len(dated):] == undated


def test_seed_network_labels_the_hubs_without_overlap(views):
    _, net, _, _ = views
    labelled = set(net.labelled())
    top = net.data.ids[int(np.argmax(net.data.degree))]
    assert top in labelled
    rects = [it.sceneBoundingRect() for it in net.labels._items if it.isVisible()]
    assert all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
