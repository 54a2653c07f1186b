"""The actor search box above the network: any alias, any case, any accents, selects the actor."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.gui.actor_search import ActorSearch, NameIndex, search_key
from desktop_app.gui.network_view import NetworkView
from desktop_app.gui.state import AppState

from views_corpus import ACTORS, NAMES, make_corpus


@pytest.fixture
def state():
    return AppState(make_corpus())


@pytest.fixture
def box(qtbot, state):
    b = ActorSearch(state)
    qtbot.addWidget(b)
    b.show()
    qtbot.waitExposed(b)
    return b


def test_search_key_folds_case_accents_quotes_and_undecomposed_letters():
    assert search_key("Écluse  MEDIA") == "ecluse media"
    assert search_key("Ana Sørensen") == search_key("ana sorensen")
    assert search_key("The Blues") == "blues"
    assert search_key("Straße") == "strasse"


def test_name_index_finds_by_any_alias_prefix_first():
    idx = NameIndex(ACTORS)
    assert idx.exact("the blues") == [NAMES["Blue Party"]]
    assert idx.exact("hu") == [NAMES["Harbour Union"]]
    found = idx.search("east")
    assert found[0] == (NAMES["Eastbank"], "Eastbank")
    # Substring matches come after prefix matches.
    ids = [a for a, _ in idx.search("ban")]
    assert NAMES["Eastbank"] in ids
    assert idx.search("") == []


def test_typing_an_alias_offers_its_actor_and_choosing_selects_it(box, state, qtbot):
    qtbot.keyClicks(box.edit, "a. soren")
    shown = box.model.stringList()
    assert len(shown) == 1 and "Ana Sørensen" in shown[0] and "A. Sorensen" in shown[0]
    box.choose(shown[0])
    assert state.selection.actors == {NAMES["Ana Sørensen"]}


def test_enter_on_a_typed_alias_selects_without_the_popup(box, state, qtbot):
    box.edit.setText("EAST BANK holdings")
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert state.selection.actors == {NAMES["Eastbank"]}


def test_completer_popup_lists_suggestions(box, qtbot):
    qtbot.keyClicks(box.edit, "ecl")
    assert box.completer.completionModel().rowCount() == 1
    assert box.completer.popup().isVisible()


def test_unknown_name_says_so_and_keeps_the_selection(box, state, qtbot):
    state.selection.set_actors([NAMES["Northport"]])
    assert box.choose("Zanzibar Trading") is None
    assert "no actor" in box.message.text()
    assert state.selection.actors == {NAMES["Northport"]}
    qtbot.keyClicks(box.edit, "zzz")
    assert box.model.stringList() == [] and box.message.text() == "no actor matches"


def test_search_box_sits_above_the_network_and_selection_reaches_the_view(qtbot, state):
    view = NetworkView(state)
    qtbot.addWidget(view)
    view.search.choose("hu")
    assert state.selection.actors == {NAMES["Harbour Union"]}
    assert view.actors_at_level(3) == {NAMES["Harbour Union"]}
    assert view.search.geometry().top() < view.plot.geometry().top() or not view.isVisible()


def test_new_corpus_refreshes_the_names(box, state):
    corpus = make_corpus()
    corpus.actors = [a for a in corpus.actors if a.id != NAMES["Eastbank"]]
    state.set_corpus(corpus)
    assert box.choose("Eastbank") is None
