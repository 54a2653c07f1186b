"""Level of detail: at a coarse zoom the happenings of one lane that would crowd one another's labels on
screen fold into one mark named after the most salient with "+N"; a quiet stretch keeps every mark; zooming
in unfolds them; the selection is never folded; a figure of the current view folds exactly as the screen
does, and a figure of its own scale folds by the same rule at that scale."""
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


def test_a_mark_folds_only_when_its_labels_room_already_holds_as_many_marks_as_the_lane_has_lines():
    lane = np.zeros(6, np.int64)
    x = np.array([0.0, 10.0, 20.0, 30.0, 200.0, 95.0])
    rank = np.array([1.0, 9.0, 3.0, 2.0, 0.0, 0.5])
    key = folding.room_keys(lane, x, rank, lines=1, room_px=80)
    # The most salient (x=10) is drawn; 0, 20 and 30 lie in its room and join it; 95 is 85 px away: drawn.
    assert key.tolist() == [1, 1, 1, 1, 4, 5]
    key = folding.room_keys(lane, x, rank, lines=2, room_px=80)
    # Two lines: the two most salient of the crowd are drawn, the others join the nearer of them.
    assert key.tolist() == [1, 1, 2, 2, 4, 5]
    # Other lanes never meet; a lone crowd no bigger than the lines is left alone.
    assert folding.room_keys(np.arange(6), x, rank, lines=1, room_px=80).tolist() == list(range(6))
    assert folding.room_keys(lane[:2], x[:2], rank[:2], lines=2, room_px=80).tolist() == [0, 1]


def test_the_selected_mark_stays_alone_and_heads_nothing():
    lane = np.zeros(3, np.int64)
    key = folding.room_keys(lane, np.array([0.0, 5.0, 10.0]), np.array([9.0, 1.0, 0.0]), lines=1, room_px=80,
                            alone=np.array([True, False, False]))
    assert key[0] == 0 and key[1] == key[2] == 1


def test_marks_at_one_spot_join_the_most_salient_drawn_there():
    lane = np.zeros(4, np.int64)
    key = folding.room_keys(lane, np.zeros(4), np.array([1.0, 4.0, 3.0, 2.0]), lines=2, room_px=80)
    assert key.tolist() == [1, 1, 2, 1]


def test_single_source_marks_of_a_crowded_stretch_fold_only_among_themselves_one_per_room():
    lane = np.zeros(9, np.int64)
    # Four multi-source marks and five single-source ones within one room; lines=3.
    x = np.array([0.0, 5.0, 10.0, 15.0, 1.0, 2.0, 3.0, 4.0, 300.0])
    rank = np.array([900.0, 800.0, 700.0, 600.0, 150.0, 140.0, 130.0, 120.0, 110.0])
    single = np.array([False] * 4 + [True] * 5)
    key = folding.room_keys(lane, x, rank, lines=3, room_px=100, single=single)
    # The multi-source ones keep two lines (one is the single-source aggregate's): the third and fourth
    # join the nearest drawn multi-source mark, never a single-source one.
    assert key[:4].tolist() == [0, 1, 1, 1]
    # The four single-source ones in the crowd fold into one of them; the far one stays on its own.
    assert len(set(key[4:8].tolist())) == 1 and key[4] in (4, 5, 6, 7) and key[8] == 8
    # Without sources (reports, plain events) every mark competes for the lines as before.
    assert len(set(folding.room_keys(lane, x, rank, lines=3, room_px=100).tolist())) == 4


def test_a_single_source_aggregate_stands_amid_the_reports_it_folds():
    lane = np.zeros(7, np.int64)
    x = np.array([0.0, 20.0, 40.0, 60.0, 80.0, 100.0, 120.0])
    # The most salient single-source mark is at one end; the aggregate must not stand there.
    rank = np.array([190.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0])
    key = folding.room_keys(lane, x, rank, lines=1, room_px=200, single=np.ones(7, bool))
    (head,) = set(key.tolist())
    assert head == 3
    # ``fold`` then makes that mark the head, whatever its salience.
    bucket = key.astype(np.int64)
    head_of, size = folding.fold(lane, bucket, folding.lead_heads(rank, bucket))
    assert set(head_of.tolist()) == {3} and size[3] == 7


def test_a_labels_room_is_counted_in_the_label_fonts_characters_and_travels_in_the_fold_text():
    assert folding.label_room(6.0) == 6.0 * folding.LABEL_ROOM_CHARS and folding.label_room(9.0) > folding.label_room(6.0)
    text = folding.fold_text(5, folding.label_room(5.58))
    assert folding.fold_lines(text) == 5 and folding.fold_room(text) == folding.label_room(5.58)
    assert folding.fold_room("5 lines") is None and folding.is_fold_text(text)


def test_the_level_of_detail_text_round_trips_and_reads_old_calendar_units_as_folded():
    assert folding.fold_lines(folding.fold_text(3)) == 3 and folding.fold_text(0) == ""
    assert folding.fold_lines("") == 0 and folding.fold_lines("week") is None
    assert folding.is_fold_text("week") and folding.is_fold_text("2 lines") and not folding.is_fold_text("fortnight")
    assert folding.label_lines(40, 14) == 2 and folding.label_lines(500, 14) == folding.MAX_FOLD_LINES
    assert not folding.folds_at(DAY / 60) and folding.folds_at(DAY / 20)


def week_corpus():
    """Kenya in August 1998: six happenings in the week of 10-16 August (one told by three papers), no more
    than the lane's text lines, and one on the 26th."""
    events = [_ev(p, 0, "Security Council condemned the bombing", _day(1998, 8, 13), "location:kenya")
              for p in ("a", "b", "c")]
    groups = [0, 0, 0]
    for k in range(5):
        events.append(_ev("d", k + 1, f"statement number {k}", _day(1998, 8, 10 + k), "location:kenya"))
        groups.append(k + 1)
    events.append(_ev("e", 1, "Aid arrived", _day(1998, 8, 26), "location:kenya"))
    groups.append(6)
    return _corpus(events, groups)


def burst_corpus():
    """Kenya in August 1998: a burst of 24 happenings on 7-9 August (the first told by three papers, eight
    reactions of the 7th by two, fifteen by one paper each), and a quiet tail: one single-source happening
    on each of the 20th, 24th and 28th."""
    events = [_ev(p, 0, "Suspected bombs exploded", _day(1998, 8, 7), "location:kenya") for p in ("a", "b", "c")]
    groups = [0, 0, 0]
    for k in range(23):
        events.append(_ev("d", k + 1, f"reaction number {k}", _day(1998, 8, 7 + k % 3), "location:kenya"))
        groups.append(k + 1)
        if k % 3 == 0:      # a second paper tells it
            events.append(_ev("g", k + 1, f"reaction number {k} again", _day(1998, 8, 7), "location:kenya"))
            groups.append(k + 1)
    for k, day in enumerate((20, 24, 28)):
        events.append(_ev("e", k + 1, f"quiet day {day}", _day(1998, 8, day), "location:kenya"))
        groups.append(24 + k)
    return _corpus(events, groups)


@pytest.fixture
def month_view(qtbot):
    """The burst at month zoom (about 35 px a day): the burst folds, the quiet tail does not."""
    v = shown_timeline(qtbot, grouped=True)
    v.state.set_corpus(burst_corpus())
    v.viewbox.setXRange(_s(1998, 8, 1, 0), _s(1998, 9, 1, 0), padding=0)
    v.plot.grab()
    return v


def _drawn(v):
    return [eid for eid, *_ in v.marks_in_view()]


def _aggregates(v):
    """{head row: rows it stands for} of the drawn marks standing for more than one."""
    lane = v.layout.lane_labels.index("Kenya")
    out = {}
    for eid, *_ in v.marks_in_view():
        row = v.data.row_for(eid)
        rows = v.marks.folded_with(row, lane)
        if len(rows) > 1:
            out[row] = rows
    return out


def test_a_quiet_week_keeps_every_happening_as_its_own_labelled_mark_at_month_zoom(qtbot):
    v = shown_timeline(qtbot, grouped=True)
    v.state.set_corpus(week_corpus())
    v.viewbox.setXRange(_s(1998, 8, 1, 0), _s(1998, 9, 1, 0), padding=0)
    v.plot.grab()
    lines = folding.fold_lines(v.marks.current_fold())     # a day is too narrow to unstack, yet nothing crowds
    assert lines and lines >= 6
    assert len(_drawn(v)) == 7 and not _aggregates(v)
    assert sum(1 for p in v.marks.labels if not p.text.endswith("…")) >= 5


def test_a_burst_folds_only_what_crowds_a_labels_room_and_the_quiet_tail_stays(month_view):
    v = month_view
    lines = folding.fold_lines(v.marks.current_fold())
    assert lines and lines > 1
    drawn = _drawn(v)
    aggregates = _aggregates(v)
    quiet = {e.id for e in v.state.corpus.events if e.label.startswith("quiet")}
    assert quiet <= set(drawn)                                 # the tail: each on its own
    # The burst: its multi-source happenings on the lane's lines less one, its single-source ones as one mark.
    assert aggregates and 3 + lines <= len(drawn) < 27
    px = v.marks.view_geometry()[2]
    best = v.data.row_for(next(e.id for e in v.state.corpus.events if e.label == "Suspected bombs exploded"))
    assert best in aggregates                                  # the best-reported heads an aggregate
    rank = v.marks.importance()
    single = v.data.sources < 2
    for head, rows in aggregates.items():
        # Every mark folded into an aggregate would have crowded its head's label room, and is of its kind:
        # single-source ones only with single-source ones, the others below a head that outranks them.
        assert np.all(np.abs(v.data.mid[rows] - v.data.mid[head]) < v.marks.fold_room() * px)
        assert np.all(single[rows] == single[head])
        assert single[head] or rank[head] >= rank[rows].max()
    assert sum(not single[v.data.row_for(e)] for e in drawn) == lines - 1
    texts = [p.text for p in v.marks.labels]
    n = len(aggregates[best]) - 1
    assert any(t.startswith("Suspected bombs") and t.endswith(f" +{n}") for t in texts), texts
    (lone,) = [len(rows) for head, rows in aggregates.items() if single[head]]
    assert lone == 15 and f"{lone} single-source happenings" in texts, texts


def test_a_bigger_label_font_gives_each_label_more_room_so_more_folds(month_view):
    from PySide6.QtGui import QFontMetricsF
    v = month_view
    at_default = len(_drawn(v))
    room = v.marks.fold_room()
    assert room == folding.label_room(v.marks._metrics.averageCharWidth())
    font = v.marks.label_font
    font.setPointSizeF(font.pointSizeF() * 3)
    v.marks._metrics = QFontMetricsF(font)
    v.marks._pack_key = v.marks._pack_view = None
    v.plot.grab()
    assert v.marks.fold_room() > 2 * room and str(int(v.marks.fold_room())) in v.marks.current_fold()
    assert len(_drawn(v)) < at_default


def test_zooming_out_folds_more_and_zooming_in_unfolds_every_mark(month_view):
    v = month_view
    at_month = len(_drawn(v))
    v.viewbox.setXRange(_s(1998, 1, 1, 0), _s(1999, 1, 1, 0), padding=0)
    v.plot.grab()
    assert len(_drawn(v)) < at_month
    v.viewbox.setXRange(_s(1998, 8, 6, 0), _s(1998, 8, 11, 0), padding=0)   # five days: ~240 px a day
    v.plot.grab()
    assert v.marks.current_fold() == ""
    assert len(_drawn(v)) == 24 and not _aggregates(v)


def test_the_selected_happening_is_drawn_on_its_own(month_view):
    v = month_view
    before = _aggregates(v)
    folded = next(r for rows in before.values() for r in rows[1:])
    event = v.data.event_id(int(folded))
    v.state.selection.set_happening([event])
    v.plot.grab()
    assert event in _drawn(v)
    assert int(folded) not in {int(r) for rows in _aggregates(v).values() for r in rows}


def _figure_points_and_labels(scene):
    return _points(scene), [t.text for t in scene.texts() if isinstance(t, Text) and t.role == "event"]


def _current_view_spec(v, **extra):
    lo, hi = v.visible_range()
    return FigureSpec(view="timeline", width=1600, height=600, time_range=(timeaxis.from_seconds(lo),
                      timeaxis.from_seconds(hi)), fold=v.marks.current_fold(), fold_px=v.marks.view_geometry()[2],
                      legend=False, footnote=False, **extra)


def test_a_current_view_figure_draws_the_screens_marks_and_counts(month_view):
    ensure_gui_app()
    v = month_view
    spec = _current_view_spec(v)
    points, labels = _figure_points_and_labels(compose(v.state.corpus, spec)[0])
    assert len(points) == len(_drawn(v))
    screen_counts = sorted(len(rows) - 1 for rows in _aggregates(v).values())
    # "Suspected bombs… +3" and "15 single-source happenings" (the head and 14 others), as on screen.
    figure_counts = sorted([int(t.rsplit(" +", 1)[1]) for t in labels if " +" in t]
                           + [int(t.split(" ")[0]) - 1 for t in labels if " single-source" in t])
    assert figure_counts == screen_counts, (labels, screen_counts)
    # Told to fold nothing, the same figure draws every happening's own mark.
    assert len(_figure_points_and_labels(compose(v.state.corpus, replace(spec, fold=""))[0])[0]) == 27


def test_a_figure_at_its_own_scale_folds_by_the_same_rule_and_loses_no_happening():
    ensure_gui_app()
    corpus = burst_corpus()
    whole = FigureSpec(view="timeline", width=1600, height=600, legend=False, footnote=False,
                       time_range=(datetime(1998, 1, 1), datetime(1999, 1, 1)))
    wide, wide_labels = _figure_points_and_labels(compose(corpus, whole)[0])
    narrow, _ = _figure_points_and_labels(compose(corpus, replace(whole, width=700))[0])
    assert 1 < len(wide) < 27 and len(narrow) <= len(wide)
    # Each aggregate's "+N" and the marks drawn account for every happening, none twice.
    shown = len(wide) + sum(int(t.rsplit(" +", 1)[1]) for t in wide_labels if " +" in t)
    assert shown <= 27 and any(" +" in t for t in wide_labels)


def test_the_export_dialog_keeps_the_screens_fold_and_drops_junk():
    from desktop_app.gui.export_dialog import normalise_view
    assert normalise_view({"fold": "3 lines"})["fold"] == "3 lines"
    assert normalise_view({"fold": "week"})["fold"] == "week"         # a view saved before: still folded
    assert normalise_view({"fold": ""})["fold"] == ""
    assert "fold" not in normalise_view({"fold": "fortnight"}) and "fold" not in normalise_view({"fold": 3})


def test_a_figure_puts_a_days_happenings_drawn_on_their_own_on_sub_rows_not_on_one_spot():
    ensure_gui_app()
    corpus = burst_corpus()
    spec = FigureSpec(view="timeline", width=1600, height=600, legend=False, footnote=False, fold="",
                      time_range=(datetime(1998, 8, 1), datetime(1998, 9, 1)))
    points, _ = _figure_points_and_labels(compose(corpus, spec)[0])
    spots = {(round(c.cx, 1), round(c.cy, 1)) for c in points}
    assert len(points) == 27 and len(spots) == len(points)
    # A dot with no neighbour keeps the lane's centre line: the quiet tail's three share one y.
    by_x = sorted(points, key=lambda c: c.cx)
    assert len({round(c.cy, 1) for c in by_x[-3:]}) == 1


def test_hovering_a_single_source_aggregate_says_what_it_folds(month_view):
    from PySide6.QtCore import QPointF
    v = month_view
    single = v.data.sources < 2
    (head, rows), = [(h, r) for h, r in _aggregates(v).items() if single[h]]
    y = next(y for eid, _, _, y in v.marks_in_view() if v.data.row_for(eid) == head)
    text = v.hover(QPointF(float(v.data.mid[head]), y))
    assert text.startswith(f"<i>{len(rows)} single-source happenings folded into this mark"), text
