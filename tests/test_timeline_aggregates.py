"""An aggregate mark (a lane's happenings folded into one at a coarse zoom) stands for all of them: clicking
it selects every one (the table and the document view follow), it stays one haloed mark, a double-click zooms
in to unfold it; and an exported figure puts the same happening, with the same label, at its head."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime

from PySide6.QtCore import QPointF

from desktop_app.core import timeaxis
from desktop_app.figures.compose import compose
from desktop_app.figures.export import ensure_gui_app
from desktop_app.figures.scene import Text
from desktop_app.figures.spec import FigureSpec
from desktop_app.gui.document_view import DocumentView
from desktop_app.gui.event_table import EventTable

from test_happening_views import _corpus, _day, _ev
from test_timeline_folding import burst_corpus, month_view  # noqa: F401  (the fixture and its corpus)
from timeline_corpus import shown_timeline


def _s(y, m, d, h=0):
    return timeaxis.to_seconds(datetime(y, m, d, h))


def _aggregate(v):
    """(row, lane y) of the drawn mark that stands for the most marks."""
    lane = v.layout.lane_labels.index("Kenya")
    best = max(v.marks_in_view(), key=lambda m: len(v.marks.folded_with(v.data.row_for(m[0]), lane)))
    return v.data.row_for(best[0]), best[3]


def _members(v, row):
    """Every report id of every happening the aggregate drawn for ``row`` stands for."""
    rows = v.marks.folded_with(row, v.layout.lane_labels.index("Kenya"))
    return rows, {e for r in rows.tolist() for e in v.data.group.report_ids(r)}


def test_clicking_an_aggregate_selects_every_happening_it_stands_for_and_the_table_and_document_follow(
        month_view, qtbot):
    v = month_view
    table = EventTable(v.state)
    qtbot.addWidget(table)
    doc = DocumentView(v.state)
    qtbot.addWidget(doc)
    row, y = _aggregate(v)
    rows, reports = _members(v, row)
    assert len(rows) > 2
    drawn = len(v.marks_in_view())
    v._clicked(QPointF(float(v.data.mid[row]), y))
    sel = v.state.selection
    assert set(sel.reports) == reports
    assert sel.event in v.data.group.report_ids(row)       # shown first: the head happening's report
    assert set(table.selected_event_ids()) == reports
    assert doc.info.text().startswith(f"Report 1 of {len(reports)} ({len(rows)} happenings)")
    assert not doc.next_report.isHidden()
    # It stays one mark (not split into its head and the rest), haloed as one.
    v.plot.grab()
    assert len(v.marks_in_view()) == drawn
    assert not v.marks.selected_alone


def test_the_table_grouped_by_happening_selects_each_happening_row_of_a_chosen_aggregate(month_view, qtbot):
    v = month_view
    table = EventTable(v.state)
    qtbot.addWidget(table)
    table.group_box.setChecked(True)
    row, y = _aggregate(v)
    rows, _ = _members(v, row)
    v._clicked(QPointF(float(v.data.mid[row]), y))
    assert len(table.view.selectionModel().selectedRows()) == len(rows)


def test_clicking_a_lone_mark_still_selects_only_its_happening(month_view):
    v = month_view
    quiet = next(e.id for e in v.state.corpus.events if e.label == "quiet day 20")
    row = v.data.row_for(quiet)
    v._clicked(QPointF(float(v.data.mid[row]), float(v.layout.lane_labels.index("Kenya"))))
    assert v.state.selection.event == quiet and set(v.state.selection.reports) <= {quiet}


def test_a_double_click_on_an_aggregate_zooms_in_until_it_unfolds(month_view):
    v = month_view
    row, y = _aggregate(v)
    rows, _ = _members(v, row)
    ids = {v.data.event_id(int(r)) for r in rows}
    v._double_clicked(QPointF(float(v.data.mid[row]), y))
    v.plot.grab()
    lo, hi = v.visible_range()
    assert hi - lo < 10 * timeaxis.DAY
    assert ids <= {eid for eid, *_ in v.marks_in_view()}
    assert all(len(v.marks.folded_with(int(r), v.layout.lane_labels.index("Kenya"))) == 1 for r in rows)


def _envoys_corpus():
    """One busy day of Kenya: happening A told by two papers, the second naming three actors (A's head, the
    first report, names Kenya alone and has a label of names only); happening B told by two papers, each
    naming two actors, the day before; a single-source C; and ten statements on A's day, each told by two
    papers, more than the lane labels side by side, so some fold."""
    events = [
        _ev("a", 1, "Kenya Nairobi Envoys", _day(1998, 8, 12), "location:kenya"),
        _ev("b", 1, "envoys met in the capital", _day(1998, 8, 12), "location:kenya", "location:tanzania",
            "person:kamau"),
        _ev("c", 1, "talks were held", _day(1998, 8, 11), "location:kenya", "location:tanzania"),
        _ev("d", 1, "talks were held again", _day(1998, 8, 11), "location:kenya", "location:tanzania"),
        _ev("e", 1, "a minor happening", _day(1998, 8, 12), "location:kenya"),
    ] + [_ev(p, k, f"statement {k}", _day(1998, 8, 12), "location:kenya") for k in range(10) for p in "fg"]
    return _corpus(events, [0, 0, 1, 1, 2] + [g for g in range(3, 13) for _ in "fg"])


def _figure_labels(corpus, v, **extra):
    ensure_gui_app()
    lo, hi = v.visible_range()
    extra.setdefault("fold_px", v.marks.view_geometry()[2])
    spec = FigureSpec(view="timeline", width=1600, height=600, time_range=(timeaxis.from_seconds(lo),
                      timeaxis.from_seconds(hi)), fold=v.marks.current_fold(), legend=False, footnote=False,
                      lane_ids=tuple(v.state.selection.actors) or ("location:kenya",), **extra)
    return [t.text for t in compose(corpus, spec)[0].texts() if isinstance(t, Text) and t.role == "event"]


def _counted(texts, start):
    return [t for t in texts if t.startswith(start) and " +" in t]


def test_the_figure_puts_the_screens_head_and_label_on_an_aggregate(qtbot):
    corpus = _envoys_corpus()
    v = shown_timeline(qtbot, grouped=True)
    v.state.set_corpus(corpus)
    v.state.selection.set_actors(["location:kenya"])
    v.viewbox.setXRange(_s(1998, 8, 1), _s(1998, 9, 1), padding=0)
    v.plot.grab()
    assert v.marks.current_fold()
    # A: the most sources (tied) and the most actors over all its reports, labelled by the happening; the
    # statements folded on its day join it.
    screen = _counted([p.text for p in v.marks.labels], "envoys met")
    assert screen, [p.text for p in v.marks.labels]
    figure = _counted(_figure_labels(corpus, v, actors=frozenset({"location:kenya"})), "envoys met")
    assert [t.rsplit(" +", 1)[1] for t in figure] == [t.rsplit(" +", 1)[1] for t in screen], (figure, screen)


def test_a_key_event_heads_its_aggregate_on_screen_and_in_the_figure(qtbot):
    corpus = _envoys_corpus()
    v = shown_timeline(qtbot, grouped=True)
    v.state.set_corpus(corpus)
    v.state.selection.set_actors(["location:kenya"])
    v.viewbox.setXRange(_s(1998, 8, 1), _s(1998, 9, 1), padding=0)
    v.set_key_reports(["e#e1"])
    v.plot.grab()
    screen = _counted([p.text for p in v.marks.labels], "a minor happening")
    assert screen, [p.text for p in v.marks.labels]
    figure = _counted(_figure_labels(corpus, v, key_events=("e#e1",), actors=frozenset({"location:kenya"})),
                      "a minor happening")
    assert [t.rsplit(" +", 1)[1] for t in figure] == [t.rsplit(" +", 1)[1] for t in screen], (figure, screen)


def test_the_table_highlights_the_other_reports_when_the_one_shown_is_filtered_out(qtbot):
    from test_happening_views import bombing_corpus
    v = shown_timeline(qtbot, grouped=True)
    v.state.set_corpus(bombing_corpus())
    table = EventTable(v.state)
    qtbot.addWidget(table)
    v.state.selection.set_actors(["location:tanzania"])
    # The report shown (b) names Kenya only; the table lists Tanzania's reports of the happening.
    v.state.selection.set_happening(["a#e1", "b#e1", "c#e1"], "b#e1")
    assert set(table.selected_event_ids()) == {"a#e1", "c#e1"}


def test_a_happenings_hover_names_every_actor_of_its_reports_and_then_its_head_report_as_it_is(qtbot):
    v = shown_timeline(qtbot, grouped=True)
    v.state.set_corpus(_envoys_corpus())
    v.viewbox.setXRange(_s(1998, 8, 11), _s(1998, 8, 13), padding=0)     # unfolded, on sub-rows
    v.plot.grab()
    row = v.data.row_for("a#e1")
    y = next(y for eid, _, _, y in v.marks_in_view() if v.data.row_for(eid) == row)     # its sub-row
    text = v.hover(QPointF(float(v.data.mid[row]), y))
    happening, report = text.split("<i>one report:</i>")
    assert "Tanzania" in happening and "John Kamau" in happening
    assert "Actors: Kenya<br>" in report and "Tanzania" not in report
    assert "Source: in a.txt" in report


def test_merge_joins_every_happening_of_a_chosen_aggregate(month_view):
    from desktop_app.gui.happening_actions import HappeningActions
    v = month_view
    actions = HappeningActions(None, v.state, push=lambda edit: None)
    row, y = _aggregate(v)
    rows, _ = _members(v, row)
    v._clicked(QPointF(float(v.data.mid[row]), y))
    assert len(actions.merge_targets()) == len(rows) > 2 and actions.merge.isEnabled()


def test_several_rows_chosen_in_the_grouped_table_select_all_their_reports(qtbot):
    from PySide6.QtCore import QItemSelectionModel
    from test_happening_views import bombing_corpus
    v = shown_timeline(qtbot, grouped=True)
    v.state.set_corpus(bombing_corpus())
    table = EventTable(v.state)
    qtbot.addWidget(table)
    table.group_box.setChecked(True)
    sm = table.view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for r in range(table.model.rowCount()):
        sm.select(table.model.index(r, 0), flags)
    assert set(v.state.selection.reports) == {"a#e1", "b#e1", "c#e1", "d#e1"}


def _spans_corpus():
    """Kenya: three happenings dated "August 1998" (month bars over the same pixels), two "since 3 August"
    (open spans), one day-precise."""
    aug = _day(1998, 8, 1, precision="month", end=datetime(1998, 9, 1))
    since = _day(1998, 8, 3, relation="from", end=datetime(1998, 8, 4))
    events = [_ev("a", 1, "talks went on all month", aug, "location:kenya"),
              _ev("b", 1, "aid flowed in all month", aug, "location:kenya"),
              _ev("c", 1, "curfew held all month", aug, "location:kenya"),
              _ev("d", 1, "schools stayed shut since", since, "location:kenya"),
              _ev("e", 1, "roads stayed closed since", since, "location:kenya"),
              _ev("f", 1, "a lone day", _day(1998, 8, 20), "location:kenya")]
    return _corpus(events, [0, 1, 2, 3, 4, 5])


def test_a_current_view_figure_folds_identical_spans_as_the_screen_does(qtbot):
    corpus = _spans_corpus()
    v = shown_timeline(qtbot, grouped=True)
    v.state.set_corpus(corpus)
    v.viewbox.setXRange(_s(1998, 7, 1), _s(1998, 10, 1), padding=0)
    v.plot.grab()
    assert v.marks.current_fold()
    screen = sorted(p.text for p in v.marks.labels)
    assert sum(t.endswith(" +2") for t in screen) == 1 and sum(t.endswith(" +1") for t in screen) == 1, screen
    px = v.marks.view_geometry()[2]
    figure = sorted(_figure_labels(corpus, v, fold_px=px))
    assert [t.rsplit(" +", 1)[-1] for t in figure if " +" in t] == \
        [t.rsplit(" +", 1)[-1] for t in screen if " +" in t], (figure, screen)
    assert {t.split(" ")[0] for t in figure} == {t.split(" ")[0] for t in screen}, (figure, screen)


def test_a_spans_label_starts_past_its_source_badge(qtbot):
    """A "since" span told by two papers: its number sits on the arrow's tip, its label after it."""
    since = _day(1998, 8, 3, relation="from", end=datetime(1998, 8, 4))
    corpus = _corpus([_ev("a", 1, "schools stayed shut since", since, "location:kenya"),
                      _ev("b", 1, "schools stayed shut", since, "location:kenya")], [0, 0])
    v = shown_timeline(qtbot, grouped=True)
    v.state.set_corpus(corpus)
    v.viewbox.setXRange(_s(1998, 7, 20), _s(1998, 8, 20), padding=0)
    v.plot.grab()
    row = v.data.row_for("a#e1")
    assert int(v.data.sources[row]) == 2
    (label,) = [p for p in v.marks.labels if p.text.startswith("schools")]
    vb = v.viewbox
    tip = v.plot.mapFromScene(vb.mapViewToScene(QPointF(float(v.data.end[row]), 0.0))).x()
    # The device pixels of the arrow's tip, then the fade and the badge (a one-digit badge reaches 9 px).
    px_ratio = v.plot.devicePixelRatioF()
    assert label.x >= (tip * px_ratio) + 36 + 9, (label.x, tip)


def test_an_aggregate_chosen_on_screen_stays_folded_in_the_current_view_figure(qtbot):
    from desktop_app.gui.export_dialog import ExportDialog
    from timeline_corpus import shown_window
    w = shown_window(qtbot, burst_corpus())
    v = w.timeline
    v.viewbox.setXRange(_s(1998, 8, 1), _s(1998, 9, 1), padding=0)
    v.plot.grab()
    row, y = _aggregate(v)
    v._clicked(QPointF(float(v.data.mid[row]), y))
    v.plot.grab()
    screen = sorted(p.text for p in v.marks.labels)
    dialog = ExportDialog(w.state, w.current_view(), w)
    qtbot.addWidget(dialog)
    try:
        spec = dialog.spec()
        assert spec.fold == v.marks.current_fold()
        labels = sorted(t.text for t in compose(w.state.corpus, spec)[0].texts()
                        if isinstance(t, Text) and t.role == "event")
        folded = [t.rsplit(" +", 1)[-1] for t in screen if " +" in t]
        assert folded and [t.rsplit(" +", 1)[-1] for t in labels if " +" in t] == folded, (labels, screen)
        assert spec.event is None
    finally:
        dialog.shutdown()
