"""The network follows a selected happening: every actor any of its reports names is in focus."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

from desktop_app.core.model import Tie
from desktop_app.gui.network.edges import HIGHLIGHT
from desktop_app.gui.network.emphasis import FOCUS, levels
from desktop_app.gui.network.view import NetworkView
from desktop_app.gui.state import AppState

from test_happening_views import bombing_corpus

KENYA, TANZANIA, KAMAU = "location:kenya", "location:tanzania", "person:kamau"


def _corpus():
    corpus = bombing_corpus()
    # The ties the events make: a names Kenya and Tanzania, d John Kamau and Kenya.
    corpus.ties = [Tie(KENYA, TANZANIA, 1.0, ["a#e1"]), Tie(KAMAU, KENYA, 1.0, ["d#e1"])]
    return corpus


def _view(qtbot):
    state = AppState()
    view = NetworkView(state)
    qtbot.addWidget(view)
    view.resize(600, 400)
    state.set_corpus(_corpus())
    return state, view


def _focus(view):
    return {view.data.ids[i] for i in np.flatnonzero(view.node_level == FOCUS)}


def _hot(view):
    return {frozenset((view.data.ids[view.data.src[k]], view.data.ids[view.data.dst[k]]))
            for k in np.flatnonzero(view.edge_level == HIGHLIGHT)}


def test_a_selected_happening_puts_every_actor_its_reports_name_in_focus(qtbot):
    state, view = _view(qtbot)
    state.selection.set_event("b#e1")                    # one report alone: Kenya only
    assert _focus(view) == {KENYA}
    state.selection.set_happening(["a#e1", "b#e1", "c#e1"], "b#e1")   # the same report, as its happening
    assert _focus(view) == {KENYA, TANZANIA}
    # The tie one of its reports names is highlighted; Kamau's tie (another happening) is not.
    assert _hot(view) == {frozenset((KENYA, TANZANIA))}


def test_stepping_to_another_report_of_the_happening_keeps_the_focus(qtbot):
    state, view = _view(qtbot)
    state.selection.set_happening(["a#e1", "b#e1", "c#e1"], "c#e1")
    before = _focus(view)
    state.selection.set_event("b#e1")                    # stepping through its reports keeps the happening
    assert state.selection.reports and _focus(view) == before == {KENYA, TANZANIA}


def test_levels_without_reports_focus_the_shown_event_only(qtbot):
    _, view = _view(qtbot)
    level, _ = levels(view.data, (), None, "c#e1")
    assert {view.data.ids[i] for i in np.flatnonzero(level == FOCUS)} == {TANZANIA}


def test_an_aggregate_bringing_forward_many_actors_names_a_bounded_few_the_selected_actor_first(qtbot):
    from desktop_app.core.model import Actor, Participant
    from desktop_app.gui.network.view import MAX_STRONG_LABELS
    from test_happening_views import _corpus as grouped_corpus, _day, _ev
    n = MAX_STRONG_LABELS + 30
    extra = [Actor(f"person:p{k}", f"Person {k}", "person") for k in range(n)]
    events = [_ev(f"d{k}", 1, f"statement {k}", _day(1998, 8, 10), KENYA, f"person:p{k}") for k in range(n)]
    corpus = grouped_corpus(events, list(range(n)))
    corpus.actors = corpus.actors + extra
    corpus.ties = [Tie(KENYA, f"person:p{k}", 1.0, [f"d{k}#e1"]) for k in range(n)]
    state = AppState()
    view = NetworkView(state)
    qtbot.addWidget(view)
    view.resize(900, 700)
    state.set_corpus(corpus)
    state.selection.set_actors([KENYA])
    state.selection.set_happening([e.id for e in events])       # an aggregate of n happenings
    assert len(_focus(view)) == n + 1
    view._place_labels()
    bold = [i for i, item in enumerate(view.labels._items) if item.isVisible() and item.textItem.font().bold()]
    assert len(bold) <= MAX_STRONG_LABELS
    assert view.labels.shown.get(view.data.index[KENYA]) is not None
