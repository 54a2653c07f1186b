"""The event table: dates, chronological sort, search, undated toggle, two-way selection sync."""
from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from desktop_app.gui.event_table import ACTORS, DATE, DOCUMENT, LABEL, SOURCE, WRITTEN, EventTable
from desktop_app.gui.state import AppState

from views_corpus import NAMES, make_corpus

CHRONOLOGICAL = ["ev-deal", "ev-meet", "ev-criticise", "ev-left"]


@pytest.fixture
def state():
    return AppState(make_corpus())


@pytest.fixture
def table(qtbot, state):
    t = EventTable(state)
    qtbot.addWidget(t)
    t.resize(1200, 400)
    t.show()
    qtbot.waitExposed(t)
    return t


def _row_text(table, event_id):
    row = table.shown_event_ids().index(event_id)
    return [table.model.index(row, c).data() for c in range(table.model.columnCount())]


def test_rows_in_chronological_order_with_undated_last(table):
    assert table.shown_event_ids() == CHRONOLOGICAL + ["ev-praise"]
    assert table.count.text() == "5 of 5 events"


def test_date_column_shows_precision_relation_and_undated(table):
    assert _row_text(table, "ev-deal")[DATE] == "2019 (year)"
    assert _row_text(table, "ev-meet")[DATE] == "2020-03-03"
    assert _row_text(table, "ev-criticise")[DATE] == "on or before 2020-03-04"
    assert _row_text(table, "ev-left")[DATE] == "2020-05 (month)"
    assert _row_text(table, "ev-praise")[DATE] == "undated"


def test_other_columns(table):
    row = _row_text(table, "ev-meet")
    assert row[WRITTEN] == "3 March 2020"
    assert row[LABEL] == "Blue Party met Harbour Union"
    assert row[ACTORS] == "Blue Party; Harbour Union; Northport"
    assert row[SOURCE] == "Écluse Media, 2020-03-04"
    assert row[DOCUMENT] == "Harbour notes"


def test_sorting_by_date_descending_and_by_label(table):
    table.view.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
    dated = [e for e in table.shown_event_ids() if e != "ev-praise"]
    assert dated == list(reversed(CHRONOLOGICAL))
    table.view.sortByColumn(LABEL, Qt.SortOrder.AscendingOrder)
    labels = [table.model.index(r, LABEL).data() for r in range(table.model.rowCount())]
    assert labels == sorted(labels, key=str.casefold)


def test_undated_toggle_hides_facts(table):
    table.show_undated.setChecked(False)
    assert table.shown_event_ids() == CHRONOLOGICAL
    table.show_undated.setChecked(True)
    assert "ev-praise" in table.shown_event_ids()


def test_search_filters_across_columns_ignoring_case_and_accents(table, qtbot):
    qtbot.keyClicks(table.search, "sorensen")
    assert table.shown_event_ids() == ["ev-criticise"]
    table.search.setText("ECLUSE")            # the source column
    assert table.shown_event_ids() == ["ev-meet"]
    table.search.setText("bank report")        # the document column
    assert set(table.shown_event_ids()) == {"ev-deal", "ev-praise", "ev-left"}
    table.search.setText("2020-05")            # the normalized date
    assert table.shown_event_ids() == ["ev-left"]
    table.search.setText("no such words")
    assert table.shown_event_ids() == []
    assert table.count.text() == "0 of 5 events"


def test_rows_follow_selected_actors_mode_and_window(table, state):
    state.selection.set_actors([NAMES["Eastbank"]])
    assert table.shown_event_ids() == ["ev-deal", "ev-left"]
    state.selection.update(actors=[NAMES["Eastbank"], NAMES["Blue Party"]])
    assert table.shown_event_ids() == CHRONOLOGICAL + ["ev-praise"]
    state.selection.update(mode="all", actors=[NAMES["Blue Party"], NAMES["Harbour Union"]])
    assert table.shown_event_ids() == ["ev-meet"]
    state.selection.update(mode="any", actors=[], window=(datetime(2020, 3, 1), datetime(2020, 3, 31)))
    # A window keeps only dated events inside it; undated facts have no place in time.
    assert table.shown_event_ids() == ["ev-meet", "ev-criticise"]


def test_selecting_a_row_writes_the_event_once(table, state):
    changes = []
    state.selection_changed.connect(changes.append)
    assert table.select_row(1) == "ev-meet"
    assert state.selection.event == "ev-meet"
    assert len(changes) == 1 and changes[0].fields == {"event"}
    assert table.selected_event_ids() == ["ev-meet"]


def test_event_selected_elsewhere_selects_and_reveals_its_row_without_echo(table, state):
    changes = []
    state.selection_changed.connect(changes.append)
    count = table.redraw_count
    state.selection.set_event("ev-left")
    assert table.selected_event_ids() == ["ev-left"]
    assert table.view.currentIndex().row() == table.shown_event_ids().index("ev-left")
    assert len(changes) == 1 and table.redraw_count == count + 1
    state.selection.set_event(None)
    assert table.selected_event_ids() == []
    assert state.selection.event is None


def test_a_real_click_on_a_row_selects_its_event(table, state, qtbot):
    row = table.shown_event_ids().index("ev-deal")
    rect = table.view.visualRect(table.model.index(row, LABEL))
    qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert state.selection.event == "ev-deal"


def test_one_redraw_per_selection_change(table, state):
    count = table.redraw_count
    state.selection.update(actors=[NAMES["Blue Party"]], mode="all", event="ev-meet")
    assert table.redraw_count == count + 1
    state.selection.update(actors=[NAMES["Blue Party"]])
    assert table.redraw_count == count + 1


def test_empty_corpus_is_an_empty_table(qtbot):
    t = EventTable(AppState())
    qtbot.addWidget(t)
    assert t.shown_event_ids() == [] and t.count.text() == "0 of 0 events"
    assert t.select_row(0) is None


def test_a_date_spanning_parts_of_two_months_is_shown_as_its_span():
    from datetime import datetime

    from desktop_app.core.model import Event, EventDate, Interval
    from desktop_app.gui.event_table import format_date

    def ev(start, end, precision):
        return Event("e", "d", 0, 1, "x", "x", EventDate("v", Interval(start, end, precision)))

    assert format_date(ev(datetime(2007, 11, 1), datetime(2007, 12, 1), "month")) == "2007-11 (month)"
    assert format_date(ev(datetime(2007, 10, 1), datetime(2008, 1, 1), "quarter")) == "2007-Q4 (quarter)"
    assert format_date(ev(datetime(1990, 1, 1), datetime(2000, 1, 1), "decade")) == "1990s (decade)"
    assert format_date(ev(datetime(2007, 10, 26), datetime(2007, 12, 1), "month")) == "2007-10-26 – 2007-11-30 (month)"


def test_choosing_an_event_highlights_its_row_without_filtering_and_sorting_every_row_again(table, state):
    resets = []
    table.model.modelReset.connect(lambda: resets.append(1))
    redrawn = []
    table.redrawn.connect(lambda: redrawn.append(1))
    state.selection.set_event("ev-left")
    # The same rows in the same order, the chosen one highlighted; the table still says it redrew.
    assert not resets and redrawn
    assert table.selected_event_ids() == ["ev-left"]
    assert table.shown_event_ids() == CHRONOLOGICAL + ["ev-praise"]
    state.selection.set_happening(["ev-meet", "ev-deal"])
    assert not resets and set(table.selected_event_ids()) == {"ev-meet", "ev-deal"}
    # Choosing actors changes which rows show: that filters again.
    state.selection.set_actors([next(iter(NAMES.values()))])
    assert resets
