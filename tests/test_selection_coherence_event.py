"""Issue 15, item 3: a selected event that a new actor selection, mode or time window hides is cleared."""
from __future__ import annotations

from datetime import datetime

from desktop_app.core.filtering import FilterIndex
from desktop_app.core.selection import SelectionModel
from desktop_app.gui.state import AppState

from views_corpus import NAMES, make_corpus

BLUE, HARBOUR, EAST, ANA = NAMES["Blue Party"], NAMES["Harbour Union"], NAMES["Eastbank"], NAMES["Ana Sørensen"]
MARCH_2020 = (datetime(2020, 3, 1), datetime(2020, 3, 31))
YEAR_2019 = (datetime(2019, 1, 1), datetime(2019, 12, 31))


def _changes(state):
    seen = []
    state.selection_changed.connect(seen.append)
    return seen


def test_selecting_actors_who_are_not_in_the_selected_event_clears_it_in_the_same_change():
    state = AppState(make_corpus())
    state.selection.set_event("ev-meet")            # Blue Party, Harbour Union, Northport
    seen = _changes(state)
    state.selection.set_actors([EAST])
    assert state.selection.event is None
    assert len(seen) == 1 and seen[0].fields == {"actors", "event"}   # one gesture, one redraw


def test_an_event_the_new_actors_take_part_in_stays_selected():
    state = AppState(make_corpus())
    state.selection.set_event("ev-meet")
    state.selection.set_actors([HARBOUR, EAST])      # "any": Harbour Union is in it
    assert state.selection.event == "ev-meet"
    state.selection.update(mode="all")               # both must take part: it is hidden now
    assert state.selection.event is None


def test_a_time_window_that_excludes_the_selected_event_clears_it_and_one_that_covers_it_keeps_it():
    state = AppState(make_corpus())
    state.selection.set_event("ev-meet")             # 3 March 2020
    state.selection.set_window(MARCH_2020)
    assert state.selection.event == "ev-meet"
    state.selection.set_window(YEAR_2019)
    assert state.selection.event is None
    state.selection.set_event("ev-praise")           # an undated fact: no place in any window
    state.selection.set_window(MARCH_2020)
    assert state.selection.event is None


def test_a_gesture_that_names_the_event_itself_is_obeyed():
    state = AppState(make_corpus())
    state.selection.update(actors=[EAST], event="ev-meet")    # e.g. a saved view restoring everything at once
    assert state.selection.event == "ev-meet"


def test_filter_index_shows_agrees_with_filter():
    corpus = make_corpus()
    idx = FilterIndex(corpus)
    for actors in ((), (BLUE,), (EAST,), (BLUE, ANA)):
        for mode in ("any", "all"):
            for window in (None, MARCH_2020, YEAR_2019):
                res = idx.filter(actors, mode, window, with_network=False)
                shown = set(res.events) | set(res.facts)
                for ev in corpus.events:
                    assert idx.shows(ev.id, actors, mode, window) == (ev.id in shown), (ev.id, actors, mode, window)


def test_a_bare_selection_model_never_drops_the_event():
    sel = SelectionModel()            # no corpus to judge by
    sel.set_event("x")
    sel.set_actors(["a"])
    assert sel.event == "x"
