"""Level of detail: at a coarse zoom the happenings of one lane in one calendar bucket fold into one mark
named after the most salient with "+N"; zooming in unfolds them; the selection is never folded; a figure
of the current view folds exactly as the screen does."""
from __future__ import annotations

import os
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime

import numpy as np
import pytest

from desktop_app.core import folding, timeaxis
from desktop_app.figures.compose import compose
from desktop_app.figures.export import ensure_gui_app
from desktop_app.figures.scene import Text
from desktop_app.figures.spec import FigureSpec

from test_figure_happenings import _points
from test_happening_views import _corpus, _day, _ev
from timeline_corpus import shown_timeline

DAY = timeaxis.DAY


def _s(y, m, d, h=12):
    return timeaxis.to_seconds(datetime(y, m, d, h))


def test_the_fold_unit_is_the_finest_calendar_bucket_wide_enough_and_none_once_a_day_is_wide():
    assert folding.fold_unit(DAY / 60) is None                   # 60 px a day: every mark on its own
    assert folding.fold_unit(DAY / 45) == "2 days"               # 90 px per 2 days
    assert folding.fold_unit(DAY / 20) == "week"                 # 40 px per 2 days is too narrow
    assert folding.fold_unit(DAY / 1) == "quarter"               # 30 px a month, 91 a quarter
    assert folding.fold_unit(400 * DAY) == "century"


def test_buckets_follow_the_calendar_mondays_and_month_ends():
    mon, sun, prev_sun = _s(1998, 8, 10), _s(1998, 8, 16), _s(1998, 8, 9)
    week = folding.buckets(np.array([mon, sun, prev_sun]), "week")
    assert week[0] == week[1] != week[2]
    month = folding.buckets(np.array([_s(1998, 8, 31), _s(1998, 9, 1), _s(1998, 8, 1)]), "month")
    assert month[0] == month[2] != month[1]
    years = folding.buckets(np.array([_s(1050, 6, 1), _s(1998, 8, 7)]), "decade")
    assert years[0] < years[1]


def test_fold_keeps_the_most_salient_as_head_and_the_selection_alone():
    lane = np.zeros(4, np.int64)
    bucket = np.array([5, 5, 5, 6])
    head, size = folding.fold(lane, bucket, np.array([1.0, 9.0, 3.0, 0.0]))
    assert size.tolist() == [0, 3, 0, 1] and head.tolist() == [1, 1, 1, 3]
    head, size = folding.fold(lane, bucket, np.array([1.0, 9.0, 3.0, 0.0]), alone=np.array([0, 1, 0, 0], bool))
    # The selected (most salient) one on its own; the other two fold under the next most salient.
    assert size.tolist() == [0, 1, 2, 1] and head[0] == 2


def week_corpus():
    """Kenya in August 1998: ten happenings in the week of 10-16 August (one told by three papers), one on the 26th."""
    events = [_ev(p, 0, "Security Council condemned the bombing", _day(1998, 8, 13), "location:kenya")
              for p in ("a", "b", "c")]
    groups = [0, 0, 0]
    for k in range(9):
        events.append(_ev("d", k + 1, f"statement number {k}", _day(1998, 8, 10 + k % 7), "location:kenya"))
        groups.append(k + 1)
    events.append(_ev("e", 1, "Aid arrived", _day(1998, 8, 26), "location:kenya"))
    groups.append(10)
    return _corpus(events, groups)


@pytest.fixture
def month_view(qtbot):
    v = shown_timeline(qtbot, grouped=True)
    v.state.set_corpus(week_corpus())
    v.viewbox.setXRange(_s(1998, 8, 1, 0), _s(1998, 9, 1, 0), padding=0)   # about 35 px a day
    v.plot.grab()
    return v


def _drawn(v):
    return [eid for eid, *_ in v.marks_in_view()]


def test_at_month_zoom_a_weeks_happenings_are_one_mark_named_after_the_best_reported(month_view):
    v = month_view
    assert v.marks.current_fold() == "week"
    texts = [p.text for p in v.marks.labels]
    assert any(t.startswith("Security Council") and t.endswith(" +9") for t in texts), texts
    assert len(_drawn(v)) == 2          # the week's aggregate and the lone 26 August one


def test_zooming_in_unfolds_every_mark(month_view):
    v = month_view
    v.viewbox.setXRange(_s(1998, 8, 10, 0), _s(1998, 8, 17, 0), padding=0)   # a week: ~150 px a day
    v.plot.grab()
    assert v.marks.current_fold() == ""
    assert len(_drawn(v)) == 10
    assert not any(p.text.endswith(" +9") for p in v.marks.labels)


def test_the_selected_happening_is_drawn_on_its_own(month_view):
    v = month_view
    statement = next(e for e in v.state.corpus.events if e.label == "statement number 4")
    v.state.selection.set_happening([statement.id])
    v.plot.grab()
    drawn = _drawn(v)
    assert statement.id in drawn and len(drawn) == 3
    assert any(p.text.endswith(" +8") for p in v.marks.labels)


def _figure_points_and_labels(scene):
    return _points(scene), [t.text for t in scene.texts() if isinstance(t, Text) and t.role == "event"]


def test_a_current_view_figure_folds_as_the_screen_does(month_view):
    ensure_gui_app()
    v = month_view
    lo, hi = v.visible_range()
    spec = FigureSpec(view="timeline", width=1600, height=600, time_range=(timeaxis.from_seconds(lo),
                      timeaxis.from_seconds(hi)), fold=v.marks.current_fold(), legend=False, footnote=False)
    points, labels = _figure_points_and_labels(compose(v.state.corpus, spec)[0])
    assert len(points) == len(_drawn(v)) == 2
    assert any(t.startswith("Security Council") and t.endswith(" +9") for t in labels), labels
    # Told to fold nothing, the same figure draws every happening's own mark.
    assert len(_figure_points_and_labels(compose(v.state.corpus, replace(spec, fold=""))[0])[0]) == 11


def test_the_export_dialog_keeps_the_screens_fold_and_drops_junk():
    from desktop_app.gui.export_dialog import normalise_view
    assert normalise_view({"fold": "week"})["fold"] == "week"
    assert normalise_view({"fold": ""})["fold"] == ""
    assert "fold" not in normalise_view({"fold": "fortnight"}) and "fold" not in normalise_view({"fold": 3})
