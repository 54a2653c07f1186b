"""A big network opens on its most connected actors, says so, and shows more on request; the chosen actors
are always shown; the exported figure does the same.  A hairball of thousands helps nobody."""
from __future__ import annotations

import numpy as np
import pytest

from desktop_app.core import top_actors
from desktop_app.core.model import Actor, Corpus, Document, Event, Participant, Tie
from desktop_app.gui.network.view import MAX_PLAIN_LABELS, NetworkView
from desktop_app.gui.state import AppState

N_CLIQUE, N_FRINGE = 40, 360


def _clubs_and_fringe():
    """A busy core (40 actors, each pair tied by three events) and 360 fringe actors each met once by a
    core member: 400 actors, the core plainly the most connected."""
    core = [Actor(f"c{k:03d}", f"Core member {k}", "person") for k in range(N_CLIQUE)]
    fringe = [Actor(f"f{k:03d}", f"Fringe actor {k}", "organization") for k in range(N_FRINGE)]
    events, ties = [], []
    for i in range(N_CLIQUE):
        for j in range(i + 1, N_CLIQUE):
            ids = [f"e{i}-{j}-{r}" for r in range(3)]
            events += [Event(e, "d1", 0, 5, "S.", "met", None, [Participant(core[i].id), Participant(core[j].id)])
                       for e in ids]
            ties.append(Tie(core[i].id, core[j].id, 3.0, ids))
    for k, f in enumerate(fringe):
        c = core[k % N_CLIQUE]
        events.append(Event(f"x{k}", "d1", 0, 5, "S.", "met once", None, [Participant(c.id), Participant(f.id)]))
        ties.append(Tie(*sorted((c.id, f.id)), 1.0, [f"x{k}"]))
    return Corpus(documents=[Document("d1", "/d.txt", "", title="D")], actors=core + fringe, events=events,
                  ties=ties)


def test_top_mask_keeps_the_strongest_and_whoever_is_chosen():
    src, dst = np.array([0, 0, 1, 2]), np.array([1, 2, 2, 3])
    weight = np.array([5.0, 5.0, 5.0, 1.0])
    keep = top_actors.top_mask(5, src, dst, weight, 3)
    assert keep.tolist() == [True, True, True, False, False]
    always = np.array([False, False, False, False, True])
    assert top_actors.top_mask(5, src, dst, weight, 3, always).tolist() == [True, True, True, False, True]
    assert top_actors.top_mask(5, src, dst, weight, 5) is None      # small enough: everyone
    assert top_actors.top_mask(5, src, dst, weight, 0) is None      # "All actors"
    assert [top_actors.next_step(s) for s in (50, 150, 2000)] == [150, 500, 0]


@pytest.fixture
def view(qtbot):
    v = NetworkView(AppState(_clubs_and_fringe()))
    qtbot.addWidget(v)
    v.resize(900, 700)
    v.show()
    qtbot.waitExposed(v)
    qtbot.waitUntil(lambda: v.pos is not None and not v._handles, timeout=30000)
    return v


def test_a_big_network_opens_on_its_most_connected_actors_and_says_so(view):
    top = top_actors.DEFAULT_TOP
    assert view.data.n_nodes == top and view._full[0].n_nodes == N_CLIQUE + N_FRINGE
    assert {f"c{k:03d}" for k in range(N_CLIQUE)} <= set(view.data.ids)
    assert view.top_note.isVisibleTo(view) and view.more_button.isVisibleTo(view)
    assert view.top_note.text() == f"Showing the {top} most connected of {N_CLIQUE + N_FRINGE} actors"
    assert f"{top} of {N_CLIQUE + N_FRINGE} actors" in view.status.text()
    # A few ties per actor shown, the strongest: the 780 core ties are cut to 600, weak ones first.
    drawn = np.flatnonzero(view.in_budget)
    assert len(drawn) <= top_actors.TIES_PER_SHOWN_ACTOR * top < view.data.n_edges
    assert view.data.weight[drawn].min() >= view.data.weight[~view.in_budget].max()
    # Nothing selected: only the biggest nodes are named.
    view._place_labels()
    assert 0 < len(view.labelled()) <= MAX_PLAIN_LABELS


def test_show_more_and_all_actors_bring_everyone_back(view, qtbot):
    view.more_button.click()                              # 150 -> 500: more than the network holds
    qtbot.waitUntil(lambda: view._full is None, timeout=30000)
    assert view.top == 500 and view.data.n_nodes == N_CLIQUE + N_FRINGE
    assert not view.top_note.isVisibleTo(view)
    view.set_top(50)
    assert view.data.n_nodes == 50 and view.top_combo.currentData() == 50
    view.set_top(0)
    assert view.data.n_nodes == N_CLIQUE + N_FRINGE and view.top_combo.currentText() == "All actors"


def test_a_chosen_actor_outside_the_top_is_shown_and_selected(view):
    outsider = "f359"
    assert outsider not in view.data.ids
    view.state.selection.set_actors([outsider])
    assert outsider in view.data.ids
    assert outsider in view.actors_at_level(3)            # FOCUS: drawn as the selection
    # Clearing the selection goes back to the plain top.
    view.state.selection.set_actors([])
    assert outsider not in view.data.ids and view.data.n_nodes == top_actors.DEFAULT_TOP


def test_only_active_still_shows_the_selection_and_all_its_neighbours(view):
    view.state.selection.set_actors(["c000"])
    view.set_only_active(True)
    mine = {"c000"} | {f"c{k:03d}" for k in range(1, N_CLIQUE)} | {f"f{k:03d}" for k in range(0, N_FRINGE, N_CLIQUE)}
    assert set(view.data.ids) == mine
    assert not view.top_note.isVisibleTo(view)
    view.set_only_active(False)                           # back to the top, the selection in it
    assert view.data.n_nodes == top_actors.DEFAULT_TOP and "c000" in view.data.ids
    assert view.top_note.isVisibleTo(view)


def test_the_exported_network_shows_the_same_top_and_says_so():
    from desktop_app.figures.compose import compose
    from desktop_app.figures.export import ensure_gui_app
    from desktop_app.figures.spec import FigureSpec
    ensure_gui_app()
    corpus = _clubs_and_fringe()
    scene, info = compose(corpus, FigureSpec(view="network", width=1200, height=900))
    texts = [t.text for t in scene.texts()]
    assert any(t.startswith(f"Showing the {top_actors.DEFAULT_TOP} most connected of {N_CLIQUE + N_FRINGE} actors")
               for t in texts)
    names = set(texts)
    assert not any(f"Fringe actor {k}" in names for k in range(N_FRINGE - 100, N_FRINGE))
    scene, _ = compose(corpus, FigureSpec(view="network", width=1200, height=900, network_top=0))
    assert not any("most connected" in t.text for t in scene.texts())


def test_a_current_view_figure_of_the_top_frames_its_own_actors_not_the_screens_box(qtbot):
    from timeline_corpus import shown_window
    w = shown_window(qtbot, _clubs_and_fringe())
    network = w.views["NetworkView"]
    qtbot.waitUntil(lambda: network.shown_by == "top" and not network._handles, timeout=30000)
    view = w.current_view()
    # The screen's box is in the top's own layout: meaningless in the corpus's, so it is not passed on.
    assert "view_box" not in view and view["network_top"] == top_actors.DEFAULT_TOP
    network.set_top(0)
    qtbot.waitUntil(lambda: network.shown_by == "" and not network._handles, timeout=30000)
    assert "view_box" in w.current_view()
    # The Key events panel scores on a worker: let it finish before the window goes.
    key_events = w.views["KeyEventsView"]
    qtbot.waitUntil(lambda: key_events.note.text().endswith(" happenings")
                    and not key_events.note.text().startswith("Grouping"), timeout=60000)
