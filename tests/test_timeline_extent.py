"""Issue 15, item 1: the timeline opens where the events are, Fit follows the selection, and the view is steerable."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop_app.core import timeaxis
from desktop_app.core.extent import padded, robust_extent
from desktop_app.core.model import Actor, Corpus, Document, Event, EventDate, Interval, Participant

from timeline_corpus import shown_timeline

YEAR = timeaxis.YEAR


def _day_event(i, when: datetime, actors):
    iv = Interval(when, when.replace(hour=0) + (datetime(2000, 1, 2) - datetime(2000, 1, 1)), "day")
    return Event(id=f"e{i}", doc="d1", start=i * 10, end=i * 10 + 5, text=f"Sentence {i}.", label=f"happening {i}",
                 date=EventDate(when.date().isoformat(), iv, "on", when.date().isoformat()),
                 actors=[Participant(a) for a in actors])


def outlier_corpus() -> Corpus:
    """40 events in 1990-1999 (a few with actor "k" in 1998), and one misdated in the year 1050."""
    rng = np.random.default_rng(3)
    events = []
    for i in range(40):
        year = 1990 + int(rng.integers(0, 10))
        actors = ["a"] + (["k"] if i % 8 == 0 else [])
        if i % 8 == 0:
            year = 1998
        events.append(_day_event(i, datetime(year, 1 + int(rng.integers(0, 12)), 1 + int(rng.integers(0, 28))), actors))
    events.append(_day_event(99, datetime(1050, 6, 1), ["a"]))
    actors = [Actor("a", "Alpha", "organization"), Actor("k", "Kenya", "location")]
    return Corpus(documents=[Document("d1", "d1.txt", "x" * 500)], actors=actors, events=events)


@pytest.fixture
def view(qtbot):
    v = shown_timeline(qtbot)
    v.state.set_corpus(outlier_corpus())
    qtbot.wait(80)    # the header and edge flags follow the view on a short timer
    return v


def _years(v):
    lo, hi = v.visible_range()
    return timeaxis.from_seconds(lo).year, timeaxis.from_seconds(hi).year


def test_robust_extent_leaves_out_a_far_outlier_and_counts_it():
    start = np.r_[np.linspace(20 * YEAR, 30 * YEAR, 915), [-920 * YEAR]]
    ext = robust_extent(start)
    assert (ext.before, ext.after) == (1, 0)
    assert ext.lo == pytest.approx(20 * YEAR) and ext.hi == pytest.approx(30 * YEAR)


def test_robust_extent_keeps_an_even_spread_and_two_busy_periods_whole():
    even = np.linspace(0, 30 * YEAR, 1000)
    assert robust_extent(even)[2:] == (0, 0)
    two = np.r_[np.linspace(0, YEAR, 500), np.linspace(20 * YEAR, 21 * YEAR, 500)]
    assert robust_extent(two)[2:] == (0, 0)


def test_robust_extent_cuts_a_lone_late_event_from_a_tight_cluster():
    start = np.r_[np.full(11, 20.6 * YEAR), [28.5 * YEAR]]
    ext = robust_extent(start)
    assert ext.after == 1 and ext.hi < 21 * YEAR


def test_robust_extent_cuts_a_historical_tail_holding_a_third_of_the_events():
    # A news story over three years, and a third as many events citing the past: centuries, decades, years.
    rng = np.random.default_rng(5)
    story = 39 * YEAR + rng.uniform(0, 3 * YEAR, 2000)
    years = (rng.integers(-200, 39, 700) * YEAR).astype(float)
    centuries = np.repeat([-170.0 * YEAR, -70.0 * YEAR], 150)
    start = np.r_[story, years, centuries]
    end = np.r_[story, years + YEAR, centuries + 100 * YEAR]
    ext = robust_extent(start, end)
    assert 38 * YEAR <= ext.lo <= 39.1 * YEAR and 41.9 * YEAR <= ext.hi <= 43 * YEAR
    assert ext.before >= 950


def test_robust_extent_keeps_a_second_period_only_when_it_is_busy():
    story = np.linspace(40 * YEAR, 41 * YEAR, 900)
    side = np.linspace(30 * YEAR, 30.2 * YEAR, 20)          # 2%: a side story, cut and flagged
    assert robust_extent(np.r_[story, side]).before == 20
    busy = np.linspace(30 * YEAR, 30.2 * YEAR, 300)         # 25%: a second busy period, kept
    assert robust_extent(np.r_[story, busy])[2:] == (0, 0)


def test_default_view_is_where_the_events_are_and_the_outlier_is_flagged(view):
    lo, hi = _years(view)
    assert 1989 <= lo <= 1990 and 1999 <= hi <= 2000
    assert view.earlier_flag.isVisible() and view.earlier_flag.text() == "◂ 1 earlier event"
    assert not view.later_flag.isVisible()
    # the overview strip is scaled to the same core range
    assert timeaxis.from_seconds(float(view.overview.edges[0])).year >= 1989


def test_the_outlier_stays_reachable_from_its_flag(view, qtbot):
    span = np.subtract(*view.visible_range()[::-1])
    view.earlier_flag.click()
    lo, hi = view.visible_range()
    assert lo <= timeaxis.to_seconds(datetime(1050, 6, 1)) <= hi
    assert hi - lo == pytest.approx(span)               # same zoom, panned
    qtbot.wait(80)
    assert view.later_flag.isVisible() and view.later_flag.text().startswith("40 later events")


def test_fit_fits_the_window_then_the_selection_then_everything(view):
    view.state.selection.set_actors(["k"])
    view.zoom_to_fit()
    assert _years(view) == (1998, 1998)
    view.state.selection.set_window((datetime(1993, 3, 1), datetime(1993, 4, 1)))
    view.zoom_to_fit()
    lo, hi = view.visible_range()
    assert (lo, hi) == (timeaxis.to_seconds(datetime(1993, 3, 1)), timeaxis.to_seconds(datetime(1993, 4, 1)))
    view.state.selection.clear()
    view.zoom_to_fit()
    assert _years(view)[0] in (1989, 1990)


def test_go_to_date_shows_the_unit_written(view):
    assert view.go_to("Aug 1990")
    lo, hi = view.visible_range()
    mid = timeaxis.from_seconds((lo + hi) / 2)
    assert (mid.year, mid.month) == (1990, 8) and 28 * timeaxis.DAY < hi - lo < 40 * timeaxis.DAY
    assert not view.go_to("the day after")
    assert "not a date" in view.context_label.text()


def test_zoom_presets_and_keyboard_pan_and_zoom(view, qtbot):
    view.go_to("1995")
    view.zoom_preset("month")
    lo, hi = view.visible_range()
    assert hi - lo == pytest.approx(timeaxis.MONTH)
    view.plot.setFocus()
    QTest.keyClick(view.plot, Qt.Key.Key_Right)
    lo2, hi2 = view.visible_range()
    assert lo2 - lo == pytest.approx(0.2 * (hi - lo))
    QTest.keyClick(view.plot, Qt.Key.Key_Plus)
    assert view.visible_range()[1] - view.visible_range()[0] < (hi - lo) * 0.7
    QTest.keyClick(view.plot, Qt.Key.Key_Minus)
    assert view.visible_range()[1] - view.visible_range()[0] == pytest.approx(hi - lo)
    QTest.keyClick(view.plot, Qt.Key.Key_Y)
    assert view.visible_range()[1] - view.visible_range()[0] == pytest.approx(timeaxis.YEAR)
    QTest.keyClick(view.plot, Qt.Key.Key_A)     # all: the outlier included
    assert view.visible_range()[0] < timeaxis.to_seconds(datetime(1050, 1, 1))


def test_a_correction_keeps_the_zoom_and_the_window(view):
    view.go_to("Aug 1994")
    view.state.selection.set_window((datetime(1994, 8, 1), datetime(1994, 9, 1)))
    before = view.visible_range()
    corrected = outlier_corpus()
    corrected.actors[0].name = "Alpha (renamed)"      # same documents: a correction, as a rename re-publishes
    view.state.set_corpus(corrected)
    assert view.visible_range() == before
    assert view.state.selection.window == (datetime(1994, 8, 1), datetime(1994, 9, 1))
    # a different set of documents is a new corpus: fitted afresh, window gone
    other = outlier_corpus()
    other.documents = [Document("d2", "d2.txt", "y" * 500)]
    view.state.set_corpus(other)
    assert view.visible_range() != before and view.state.selection.window is None


def test_padded_widens_by_a_fraction_or_a_minimum():
    assert padded(0.0, 100.0 * 86400) == (-4 * 86400, 104 * 86400)
    assert padded(0.0, 0.0) == (-86400.0, 86400.0)


@pytest.mark.parametrize("text, shown", [("1990", "1990"), ("1990-08", "1990-08"), ("Aug 1990", "1990-08"),
                                         ("August 1990", "1990-08"), ("1990-08-02", "1990-08-02"),
                                         ("2 Aug 1990", "1990-08-02"), ("Aug 2, 1990", "1990-08-02"),
                                         (" 1990/08 ", "1990-08")])
def test_go_to_date_reads_years_months_and_days(text, shown):
    assert timeaxis.describe_range(*timeaxis.parse_date_range(text)) == shown


@pytest.mark.parametrize("text", ["", "yesterday", "1990-13", "32 Aug 1990"])
def test_go_to_date_refuses_what_it_cannot_read_with_a_one_line_message(text):
    with pytest.raises(ValueError) as err:
        timeaxis.parse_date_range(text)
    assert "\n" not in str(err.value) and "1990-08" in str(err.value)


def test_describe_range_names_a_half_open_window_by_its_last_day():
    lo, hi = timeaxis.to_seconds(datetime(1990, 7, 3)), timeaxis.to_seconds(datetime(1990, 8, 16))
    assert timeaxis.describe_range(lo, hi) == "1990-07-03 – 1990-08-15"


def test_selecting_actors_refits_a_view_still_where_fit_put_it_and_clearing_refits_to_all(view):
    assert view.at_fit()
    view.state.selection.set_actors(["k"])     # Kenya's events are all in 1998, the corpus runs 1990-1999
    assert _years(view) == (1998, 1998)
    view.state.selection.clear()
    assert _years(view)[0] in (1989, 1990) and _years(view)[1] in (1999, 2000)


def test_a_view_the_analyst_moved_stays_when_the_selection_changes(view):
    view.pan(0.25)
    moved = view.visible_range()
    assert not view.at_fit()
    view.state.selection.set_actors(["k"])
    assert view.visible_range() == pytest.approx(moved)
