"""'Only active': the selection (or time window) and its neighbours as a sub-network of their own, and back."""
from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from desktop_app.gui.network.view import NetworkView
from desktop_app.gui.state import AppState

from views_corpus import NAMES, make_corpus

BLUE, HARBOUR, NORTH = NAMES["Blue Party"], NAMES["Harbour Union"], NAMES["Northport"]


@pytest.fixture
def view(qtbot):
    v = NetworkView(AppState(make_corpus()))
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.show()
    qtbot.waitExposed(v)
    qtbot.wait(20)
    return v


def _neighbours(view, actor):
    d = view._full[0] if view._full is not None else view.data
    i = d.index[actor]
    return {d.ids[j] for j in np.concatenate([d.dst[d.src == i], d.src[d.dst == i]]).tolist()}


def test_only_active_shows_the_selection_and_its_neighbours_laid_out_afresh_and_back(view):
    everyone = set(view.data.ids)
    expected = {BLUE} | _neighbours(view, BLUE)
    assert expected < everyone          # the corpus has actors the selection leaves out
    view.state.selection.set_actors([BLUE])
    full_pos = view.pos.copy()
    view.set_only_active(True)
    assert view.only_button.isChecked()
    assert set(view.data.ids) == expected
    # A layout of its own: not the whole network's positions picked out.
    picked = full_pos[[view._full[0].index[a] for a in view.data.ids]]
    assert not np.allclose(view.pos, picked)
    assert "only the" in view.status.text()
    view.set_only_active(False)
    assert set(view.data.ids) == everyone
    assert np.allclose(view.pos, full_pos)


def test_only_active_labels_every_actor_of_the_selection_and_its_neighbours(view):
    view.state.selection.set_actors([BLUE])
    view.set_only_active(True)
    view._place_labels()
    assert set(view.labelled()) == set(view.data.ids)


def test_only_active_follows_the_selection(view):
    view.set_only_active(True)
    view.state.selection.set_actors([BLUE])
    first = set(view.data.ids)
    view.state.selection.set_actors([NORTH])
    assert set(view.data.ids) == {NORTH} | _neighbours(view, NORTH) != first


def test_only_active_with_a_time_window_keeps_the_actors_active_in_it(view):
    full = view.data
    window = (datetime(2020, 3, 3), datetime(2020, 3, 4))
    view.state.selection.set_window(window)
    live = view.shown_actors()
    assert 0 < len(live) < full.n_nodes
    view.set_only_active(True)
    assert set(view.data.ids) == live


def test_only_active_without_a_selection_says_what_to_do_and_shows_everyone(view):
    n = view.data.n_nodes
    view.set_only_active(True)
    assert view.data.n_nodes == n
    assert "select actors" in view.status.text()


def _star_corpus(n=70):
    from desktop_app.core.model import Actor, Corpus, Document, Event, Participant, Tie
    actors = [Actor("hub", "Central Hub", "location")] + [Actor(f"a{k:02d}", f"Partner number {k}", "person")
                                                         for k in range(n)]
    events = [Event(f"e{k}", "d1", 0, 5, "S.", f"met {k}", None, [Participant("hub"), Participant(f"a{k:02d}")])
              for k in range(n)]
    ties = [Tie("hub", f"a{k:02d}", 1.0, [f"e{k}"]) for k in range(n)]
    return Corpus(documents=[Document("d1", "/d.txt", "", title="D")], actors=actors, events=events, ties=ties)


def test_neighbours_without_room_are_counted_and_only_active_names_them_all(qtbot):
    v = NetworkView(AppState(_star_corpus()))
    qtbot.addWidget(v)
    v.resize(420, 360)
    v.show()
    qtbot.waitExposed(v)
    v.zoom_to_fit()
    qtbot.wait(20)
    v.state.selection.set_actors(["hub"])
    v._place_labels()
    named = set(v.labelled())
    assert "hub" in named and len(named) < 71
    assert "neighbours unnamed here" in v.status.text()
    v.set_only_active(True)
    v.resize(1400, 1000)
    qtbot.wait(20)
    v.zoom_to_fit()
    qtbot.wait(20)
    v._place_labels()
    assert len(v.labelled()) > len(named)
    assert "unnamed" not in v.status.text()


def test_only_active_keeps_its_picture_while_the_same_actors_stay_active(view):
    view.state.selection.set_actors([BLUE])
    view.set_only_active(True)
    data = view.data
    view.pos[0] += (0.1, 0.1)                 # the analyst dragged a node
    moved = view.pos.copy()
    view._refresh_only()                      # e.g. a window brushed that leaves the same actors active
    assert view.data is data and np.allclose(view.pos, moved)
