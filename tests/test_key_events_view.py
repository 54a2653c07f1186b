"""The Key events panel: top N live, single source at a glance, stepping through a happening's reports."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_corpus
from desktop_app.gui.key_events import KeyEventsView
from desktop_app.gui.state import AppState

TEXTS = [("Police in Bergen arrested Lena Ford on 2 April 2021.", "Bergen Post"),
         ("Lena Ford was arrested by police in Bergen on April 2.", "Oslo Daily"),
         ("Police in Oslo arrested Jon Berg on 5 April 2021.", "North News")]


def _view(qtbot):
    docs = [Document(f"d{i}", f"d{i}.txt", t, publication=p, dct="2021-04-06") for i, (t, p) in enumerate(TEXTS)]
    state = AppState(extract_corpus(docs))
    view = KeyEventsView(state)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() > 0, timeout=10000)
    return state, view


def test_the_most_reported_happening_comes_first_and_a_lone_report_says_single_source(qtbot):
    _, view = _view(qtbot)
    first = view.tree.topLevelItem(0)
    assert first.text(2) == "2" and first.text(3) == "2"
    texts = [view.tree.topLevelItem(i).text(2) for i in range(view.tree.topLevelItemCount())]
    assert "single source" in texts


def test_top_n_limits_the_rows_at_once(qtbot):
    _, view = _view(qtbot)
    view.top.setValue(1)
    assert view.tree.topLevelItemCount() == 1


def test_next_report_steps_through_every_report_of_the_selected_happening(qtbot):
    state, view = _view(qtbot)
    view.tree.setCurrentItem(view.tree.topLevelItem(0))
    first = state.selection.event
    second = view.step_report()
    assert state.selection.event == second != first
    assert view.step_report() == first           # wraps round
    assert {first, second} == set(view.current_row()["reports"])


def test_the_list_shows_in_bold_the_happening_selected_elsewhere_and_keeps_its_picks(qtbot):
    state, view = _view(qtbot)
    top = view.current_row() or view.rows[0]
    view.tree.setCurrentItem(view.tree.topLevelItem(1))         # picked here, for a merge say
    state.selection.set_event(top["reports"][1])                # a report clicked on the timeline
    assert view.followed_ids() == [top["id"]]
    assert view.tree.topLevelItem(0).font(1).bold() and not view.tree.topLevelItem(1).font(1).bold()
    assert view.picked_ids() == [view.tree.topLevelItem(1).data(0, 256)]
    state.selection.set_event(None)
    assert view.followed_ids() == [] and not view.tree.topLevelItem(0).font(1).bold()


def test_next_report_goes_on_from_the_report_shown_wherever_it_was_chosen(qtbot):
    state, view = _view(qtbot)
    view.tree.setCurrentItem(view.tree.topLevelItem(0))
    reports = view.current_row()["reports"]
    state.selection.set_event(reports[1])                      # the document view's Next report, say
    assert view.step_report() == reports[0]                    # on from there, wrapping round


def test_a_label_that_looks_like_markup_is_shown_as_text_in_its_tooltip(qtbot):
    state, view = _view(qtbot)
    view.rows[0]["label"] = "<img src='/tmp/x'> <b>bold</b>"
    view._fill()
    tip = view.tree.topLevelItem(0).toolTip(1)
    assert "&lt;img" in tip and "<img" not in tip and "<b>" not in tip


def test_a_grouping_that_fails_is_said_in_one_line_not_left_as_grouping(qtbot, monkeypatch):
    from dataclasses import replace

    from desktop_app.gui import happening_task

    def broken(corpus, task=None):
        raise MemoryError("not enough memory to group 3 events\nsecond line")
    monkeypatch.setattr(happening_task, "_group", broken)
    docs = [Document(f"d{i}", f"d{i}.txt", t, publication=p, dct="2021-04-06") for i, (t, p) in enumerate(TEXTS)]
    state = AppState(replace(extract_corpus(docs), happenings=None))
    view = KeyEventsView(state)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.note.text().startswith("Key events unavailable"), timeout=10000)
    assert view.note.text() == "Key events unavailable: not enough memory to group 3 events"
    assert view.tree.topLevelItemCount() == 0
