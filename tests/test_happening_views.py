"""Happenings in the views: one timeline mark per happening, sized and badged by its sources, expandable to
its reports; the table grouped by happening; selecting a happening selects its reports everywhere;
"since" / "until" dates drawn open on the timeline and in figures."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from desktop_app.core.happenings import event_features
from desktop_app.core.happenings.features import event_columns
from desktop_app.core.happenings.records import Happenings
from desktop_app.core.model import Actor, Corpus, Document, Event, EventDate, Interval, Participant
from desktop_app.core.selection import SelectionModel
from desktop_app.gui.event_cells import SOURCE
from desktop_app.gui.event_table import EventTable
from desktop_app.gui.state import AppState

from timeline_corpus import shown_timeline

ACTORS = [Actor("location:kenya", "Kenya", "location"), Actor("location:tanzania", "Tanzania", "location"),
          Actor("person:kamau", "John Kamau", "person")]


def _day(y, m, d, relation="on", end=None, precision="day"):
    start = datetime(y, m, d)
    stop = end or datetime.fromordinal(start.toordinal() + 1)
    return EventDate(start.date().isoformat(), Interval(start, stop, precision), relation, "written")


def _ev(doc, n, label, date, *actors):
    return Event(f"{doc}#e{n}", doc, 0, len(label), label + ".", label, date, [Participant(a) for a in actors])


def _corpus(events, groups):
    """``events`` with happenings given explicitly (``groups``: happening number per event), so these
    tests guard the views whatever the grouping rules decide."""
    docs = {}
    for e in events:
        docs.setdefault(e.doc, Document(e.doc, f"{e.doc}.txt", e.text, publication=f"Paper {e.doc}",
                                        dct="1998-08-09"))
    corpus = Corpus(documents=list(docs.values()), actors=ACTORS, events=list(events))
    store = event_columns(corpus)
    h = Happenings(np.array(groups), [f"h{k}" for k in range(max(groups) + 1)], store.ids, store.labels,
                   event_features(corpus, store))
    h.events = corpus.events
    corpus.happenings = h
    return corpus


def bombing_corpus():
    """One happening told by three papers (two name Kenya, one Tanzania), and a single-source one."""
    return _corpus([
        _ev("a", 1, "Bomb exploded outside embassy", _day(1998, 8, 7), "location:kenya", "location:tanzania"),
        _ev("b", 1, "Embassy bombed", _day(1998, 8, 7), "location:kenya"),
        _ev("c", 1, "Blast hit embassy", _day(1998, 8, 7), "location:tanzania"),
        _ev("d", 1, "Police arrested John Kamau", _day(1998, 8, 20), "person:kamau", "location:kenya"),
    ], [0, 0, 0, 1])


def _marks(view, lane_name):
    lane = view.layout.lane_labels.index(lane_name)
    return [view.data.event_id(r) for r, ln in zip(view.layout.mark_row, view.layout.mark_lane) if ln == lane]


@pytest.fixture
def grouped_view(qtbot):
    v = shown_timeline(qtbot, grouped=True)
    v.state.set_corpus(bombing_corpus())
    return v


def test_a_happening_is_one_mark_in_each_lane_its_reports_name_and_expands_to_its_reports(grouped_view):
    v = grouped_view
    assert len(_marks(v, "Kenya")) == 2            # the bombing and the arrest
    assert len(_marks(v, "Tanzania")) == 1         # the bombing again, from a report naming Tanzania only
    assert v.data.n == 2
    v.set_grouped(False)
    assert len(_marks(v, "Kenya")) == 3 and len(_marks(v, "Tanzania")) == 2
    assert v.group_button.text() == "Reports: expanded"


def test_hover_says_how_many_reports_from_how_many_sources(grouped_view):
    v = grouped_view
    v.viewbox.setXRange(*v.fit_range(default=True), padding=0)
    kenya = v.layout.lane_labels.index("Kenya")
    bombing = v.data.row_for("a#e1")
    text = v.hover(QPointF(float(v.data.mid[bombing]), float(kenya)))
    assert "3 reports from 3 sources" in text
    arrest = v.data.row_for("d#e1")
    assert "1 report, single source" in v.hover(QPointF(float(v.data.mid[arrest]), float(kenya)))


def test_more_sources_draw_a_bigger_mark_and_single_source_the_plain_one(grouped_view):
    v = grouped_view
    rows = np.array([v.data.row_for("a#e1"), v.data.row_for("d#e1")])
    big, plain = v.marks.point_sizes(rows)
    assert big > plain
    assert list(v.data.sources[rows]) == [3, 1]


def test_clicking_a_happening_selects_all_its_reports_and_the_table_follows(grouped_view, qtbot):
    v = grouped_view
    table = EventTable(v.state)
    qtbot.addWidget(table)
    v.viewbox.setXRange(*v.fit_range(default=True), padding=0)
    row = v.data.row_for("b#e1")
    v._clicked(QPointF(float(v.data.mid[row]), float(v.layout.lane_labels.index("Kenya"))))
    sel = v.state.selection
    assert set(sel.reports) == {"a#e1", "b#e1", "c#e1"}
    assert sel.event in sel.reports
    assert set(table.selected_event_ids()) == {"a#e1", "b#e1", "c#e1"}
    # Expanded, every report of the selected happening is highlighted.
    v.set_grouped(False)
    assert set(v.marks.selected_rows.tolist()) == {v.data.row_for(e) for e in ("a#e1", "b#e1", "c#e1")}


def test_the_selection_keeps_a_happening_while_stepping_through_its_reports_and_drops_it_for_another_event():
    sel = SelectionModel()
    changes = []
    sel.connect(changes.append)
    sel.set_happening(["x1", "x2", "x3"])
    assert sel.event == "x1" and sel.reports == ("x1", "x2", "x3")
    assert len(changes) == 1 and changes[0].fields == {"event", "reports"}
    sel.set_event("x2")
    assert sel.reports == ("x1", "x2", "x3")
    sel.set_event("y")
    assert sel.reports == ()
    sel.set_happening(["x1", "x2"])
    sel.clear_one()
    assert sel.event is None and sel.reports == ()


def test_table_grouped_by_happening_has_one_row_each_with_report_and_source_counts(qtbot):
    state = AppState()
    table = EventTable(state)
    qtbot.addWidget(table)
    state.set_corpus(bombing_corpus())
    assert table.model.rowCount() == 4
    table.set_grouped(True)
    assert table.model.rowCount() == 2
    cells = {table.model.index(r, SOURCE).data() for r in range(2)}
    assert cells == {"3 reports from 3 sources", "1 report, single source"}
    table.model.sort(SOURCE)
    assert table.model.index(0, SOURCE).data() == "1 report, single source"
    # A row chosen selects its happening's reports; a report chosen elsewhere finds its happening's row.
    bombing = next(r for r in range(2) if table.model.index(r, SOURCE).data().startswith("3"))
    table.select_row(bombing)
    assert set(state.selection.reports) == {"a#e1", "b#e1", "c#e1"}
    state.selection.set_event("c#e1")
    assert table.view.selectionModel().selectedRows()[0].row() == bombing
    # An actor filter shows a happening when any of its reports has the actor.
    state.selection.set_actors(["location:tanzania"])
    assert table.model.rowCount() == 1


def open_corpus():
    since = _day(1985, 1, 1, "from", end=datetime(1998, 8, 9), precision="year")
    until = _day(1998, 8, 7, "until")
    return _corpus([_ev("a", 1, "Israel occupied the zone", since, "location:kenya"),
                    _ev("a", 2, "The curfew held", until, "location:kenya")], [0, 1])


def test_since_and_until_are_drawn_as_spans_open_on_their_unknown_side(qtbot):
    v = shown_timeline(qtbot)
    v.state.set_corpus(open_corpus())
    d = v.data
    since, until = d.row_for("a#e1"), d.row_for("a#e2")
    assert not d.is_point(np.array([since, until])).any()     # "until Friday" is a span, not a dot
    v.viewbox.setXRange(*v.fit_range(default=True), padding=0)
    px_w, _ = v.viewbox.viewPixelSize()
    marks = {int(v.layout.mark_row[i]): i for i in range(len(v.layout.mark_row))}
    left, right = v.marks.extents(np.array([marks[since], marks[until]]), px_w)
    assert right[0] > d.end[since] + 10 * px_w          # fades out past the report toward the present
    assert left[0] == pytest.approx(d.start[since])     # closed at its known start
    assert left[1] < d.start[until] - 10 * px_w         # fades in from the past
    img = v.plot.grab().toImage()
    assert not img.isNull()


def test_figures_draw_since_and_until_open_the_same_way():
    from desktop_app.core import palette
    from desktop_app.figures.scene import Group, Rect
    from desktop_app.figures.timeline_marks import draw_bar
    for relation, side in (("from", "end"), ("until", "start")):
        style = palette.mark_style("year", relation)
        assert style.kind == "bar" and style.fade == side
        g = Group()
        draw_bar(g, 100.0, 200.0, 10.0, 8.0, "#000000", style)
        rects = [i for i in g.items if isinstance(i, Rect)]
        outside = [r for r in rects if (r.x >= 200.0 if side == "end" else r.x + r.w <= 100.0)]
        assert len(outside) == palette.FADE_STEPS
        alphas = [r.fill_alpha for r in sorted(outside, key=lambda r: r.x if side == "end" else -r.x)]
        assert alphas == sorted(alphas, reverse=True)          # fading away from the known part
    assert palette.mark_style("day", "until").kind == "bar"


def test_the_document_view_steps_through_every_report_of_a_selected_happening(qtbot):
    from desktop_app.gui.document_view import DocumentView
    state = AppState()
    doc = DocumentView(state)
    qtbot.addWidget(doc)
    state.set_corpus(bombing_corpus())
    state.selection.set_happening(["a#e1", "b#e1", "c#e1"])
    assert not doc.next_report.isHidden()
    assert doc.doc.id == "a" and doc.info.text().startswith("Report 1 of 3")
    seen = [doc.step_report(), doc.step_report(), doc.step_report()]
    assert seen == ["b#e1", "c#e1", "a#e1"]
    assert doc.doc.id == "a" and state.selection.reports == ("a#e1", "b#e1", "c#e1")
    state.selection.set_event("d#e1")
    assert doc.next_report.isHidden()


def test_a_corpus_published_without_happenings_is_grouped_off_the_ui_thread_and_then_drawn_per_happening(qtbot):
    v = shown_timeline(qtbot, grouped=True)
    corpus = bombing_corpus()
    corpus.happenings = None         # as an older workspace or a correction publishes it
    with qtbot.waitSignal(v.state.happenings_changed, timeout=20000):
        v.state.set_corpus(corpus)
    assert v.data.group is not None
    # One row per happening the grouping found (every event here is dated), whatever its rules decide.
    assert v.data.n == len(set(v.state.corpus.happenings.of_event.tolist()))


def test_a_selected_happening_opens_up_to_its_reports_dates_in_place(grouped_view):
    v = grouped_view
    v.state.selection.set_event("c#e1")          # one report, chosen in the table say
    assert v.marks.expanded_dates is not None and len(v.marks.expanded_dates) == 3
    v.grab()
    v.state.selection.set_event("d#e1")          # a single-report happening has nothing to open
    assert v.marks.expanded_dates is None


def test_a_stack_of_happenings_is_named_after_its_best_reported_one(qtbot):
    corpus = _corpus([
        _ev("a", 1, "Bomb exploded outside embassy", _day(1998, 8, 7), "location:kenya"),
        _ev("b", 1, "Embassy bombed", _day(1998, 8, 7), "location:kenya"),
        _ev("c", 1, "Kenya declared national mourning", _day(1998, 8, 7), "location:kenya"),
        _ev("d", 1, "Markets closed early", _day(1998, 8, 7), "location:kenya"),
        _ev("f", 1, "Embassy blast", _day(1998, 8, 7), "location:kenya"),
    ] + [_ev(p, k, f"Aftermath {k}", _day(1998, 8, 7), "location:kenya") for k in range(10) for p in "eg"],
        # Ten aftermaths told by two papers each: more on that day than the lane labels side by side.
        [1, 1, 0, 2, 1] + [g for g in range(3, 13) for _ in "eg"])
    v = shown_timeline(qtbot, grouped=True)
    v.state.set_corpus(corpus)
    from desktop_app.core import timeaxis
    lo, hi = timeaxis.parse_date_range("1998")        # a year: one day is a pixel or two, the day stacks
    v.viewbox.setXRange(lo, hi, padding=0)
    v.grab()
    bombing = v.data.row_for("a#e1")
    texts = [p.text for p in v.marks.labels]
    assert any(" +" in t and t.startswith(v.data.label(bombing)[:10]) for t in texts), texts


def test_views_grouping_one_corpus_at_once_group_it_only_once(monkeypatch):
    import threading
    import desktop_app.core.happenings as core_happenings
    from desktop_app.gui.happening_task import group_once
    calls = []
    real = core_happenings.group_happenings

    def counting(corpus):
        calls.append(1)
        return real(corpus)
    monkeypatch.setattr(core_happenings, "group_happenings", counting)
    corpus = bombing_corpus()
    corpus.happenings = None
    threads = [threading.Thread(target=group_once, args=(corpus,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and corpus.happenings is not None


def test_a_grouped_timeline_names_each_happenings_actors_once_in_32_bit_pairs():
    from desktop_app.core.happenings.heads import happening_marks
    from desktop_app.gui.timeline.data import from_corpus
    from desktop_app.gui.timeline.grouped import grouped
    corpus = bombing_corpus()
    data = from_corpus(corpus)
    data.happenings = happening_marks(corpus, data.store)
    g = grouped(data)
    pairs = list(zip(g.pair_row.tolist(), g.pair_actor.tolist()))
    want = {(int(g.group.row_of_report[r]), a) for r, a in zip(data.pair_row.tolist(), data.pair_actor.tolist())}
    assert pairs == sorted(want)            # one pair per (happening, actor), in row order
    assert g.n == 2 and {g.actor_names[a] for r, a in pairs if r == g.row_for("a#e1")} == {"Kenya", "Tanzania"}
    # Kept as long as the window shows the corpus: 32-bit, as the report-per-row data's.
    assert g.pair_row.dtype == g.pair_actor.dtype == g.group.row_of_report.dtype == np.int32
