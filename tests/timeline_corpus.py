"""A small hand-built corpus for the timeline and shell tests: every precision, relation and oddity once."""
from __future__ import annotations

from datetime import datetime, timedelta

from desktop_app.core.model import (Actor, Corpus, Document, Event, EventDate, Interval, Participant,
                                    Report)


def _iv(start, precision):
    ends = {"day": timedelta(days=1), "week": timedelta(days=7), "hour": timedelta(hours=1)}
    if precision in ends:
        return Interval(start, start + ends[precision], precision)
    if precision == "month":
        nxt = datetime(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return Interval(start, nxt, precision)
    if precision == "year":
        return Interval(start, datetime(start.year + 1, 1, 1), precision)
    if precision == "decade":
        return Interval(start, datetime(start.year + 10, 1, 1), precision)
    raise ValueError(precision)


def _ev(i, actors, when=None, precision="day", relation="on", text_date=None, value=None, report=None):
    date = None
    if when is not None or value is not None:
        iv = _iv(when, precision) if when is not None else None
        date = EventDate(value or (when.date().isoformat() if when else ""), iv, relation, text_date)
    return Event(id=f"e{i}", doc="d1", start=i * 100, end=i * 100 + 80, text=f"Sentence number {i} of the story.",
                 label=f"event {i}", date=date, actors=[Participant(a) for a in actors], report=report)


def make_corpus() -> Corpus:
    actors = [Actor("a1", "Alpha Person", "person"), Actor("a2", "Beta Ministry", "organization"),
              Actor("a3", "Gamma Group", "group"), Actor("a4", "Delta News", "media")]
    nov = lambda d: datetime(2007, 11, d)  # noqa: E731
    rep = Report("a4", "2007-11-09", Interval(nov(9), nov(10), "day"), "Friday")
    events = [
        _ev(1, ["a1", "a2"], nov(2), text_date="November 2", value="2007-11-02", report=rep),
        _ev(2, ["a1"], nov(5), text_date="Monday", value="2007-11-05"),
        _ev(3, ["a2", "a3"], datetime(2007, 11, 1), "month", text_date="this month", value="2007-11"),
        _ev(4, ["a3"], datetime(2007, 1, 1), "year", text_date="this year", value="2007"),
        _ev(5, ["a2"], nov(9), "day", "on_or_before", text_date="Friday", value="2007-11-09", report=rep),
        _ev(6, ["a3"], datetime(2007, 10, 29), "week", text_date="last week", value="2007-W44"),
        _ev(7, ["a2"], datetime(1990, 1, 1), "decade", text_date="the 1990s", value="199X"),
        _ev(8, ["a1"], value="XXXX-11-02", text_date="November 2"),      # year unknown: not placed
        _ev(9, ["a3"]),                                                   # undated fact: ties only
    ]
    doc = Document("d1", "/tmp/d1.txt", "x" * 1000, title="A test story", dct="2007-11-09", dct_precision="day")
    return Corpus(documents=[doc], actors=actors, events=events)


def shown_timeline(qtbot, state=None, grouped=False):
    """A ``TimelineView`` of ``state`` (a fresh ``AppState`` if None) at 1200x520, shown and exposed:
    the size the layout and packing assertions are written for.  One mark per report unless ``grouped``
    (one per happening, as the app opens): most tests here are about how one event is drawn."""
    from desktop_app.gui.state import AppState
    from desktop_app.gui.timeline import TimelineView
    v = TimelineView(state if state is not None else AppState(), grouped=grouped)
    qtbot.addWidget(v)
    v.resize(1200, 520)
    v.show()
    qtbot.waitExposed(v)
    return v


def shown_window(qtbot, corpus, size=(1400, 800)):
    """The whole ``MainWindow`` (no workspace, nothing restored) on ``corpus``, shown and exposed."""
    from desktop_app.gui.main_window import MainWindow
    w = MainWindow(restore=False, workspaces=False)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.state.set_corpus(corpus)
    return w
