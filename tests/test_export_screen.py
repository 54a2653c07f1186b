"""Figures show what the screen shows: its lanes, a sensible extent, whole footnotes, labels that are never dropped."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest

from desktop_app.core import timeaxis
from desktop_app.core.model import Actor, Corpus, Document, Event, EventDate, Interval, Participant, Tie
from desktop_app.figures import decorations
from desktop_app.figures.compose import compose
from desktop_app.figures.export import ensure_gui_app, export_figure
from desktop_app.figures.metrics import TextMeasure
from desktop_app.figures.spec import FigureSpec
from export_fixtures import realistic_corpus

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def corpus():
    ensure_gui_app()
    return realistic_corpus()


def _texts(scene, role):
    return [t.text for t in scene.texts() if t.role == role]


def _day(y, m, d):
    start = datetime(y, m, d)
    return EventDate(start.date().isoformat(), Interval(start, start + timedelta(days=1), "day"))


def _outlier_corpus() -> Corpus:
    """Eleven events of one leader in August 1990 and one in 1998: the one far outlier of the issue."""
    actors = [Actor("p:leader", "Leader", "person"), Actor("l:capital", "Capital", "location")]
    docs = [Document("d1", "/d/a.txt", "", title="A", dct="1990-08-20")]
    events = [Event(f"e{k}", "d1", 0, 5, "S.", f"leader acted {k}", _day(1990, 8, 1 + 2 * k),
                    [Participant("p:leader"), Participant("l:capital")]) for k in range(11)]
    events.append(Event("late", "d1", 0, 5, "S.", "leader spoke again", _day(1998, 2, 20),
                        [Participant("p:leader")]))
    ties = [Tie("l:capital", "p:leader", 11.0, [e.id for e in events[:11]])]
    return Corpus(documents=docs, actors=actors, events=events, ties=ties)


def test_current_view_figure_has_exactly_the_screens_lanes(corpus):
    screen = ("p1", "o1", "l1")
    scene, _ = compose(corpus, FigureSpec(view="timeline", width=1600, height=900, lane_ids=screen))
    names = {a.id: a.name for a in corpus.actors}
    lanes = [t for t in _texts(scene, "lane") if "other actors" not in t]
    assert lanes == [names[a] for a in screen]


def test_a_selection_gives_one_lane_per_selected_actor_as_on_screen(corpus):
    scene, _ = compose(corpus, FigureSpec(view="timeline", width=1600, height=900, actors=frozenset({"p1"})))
    assert _texts(scene, "lane") == ["Amara Okonkwo"]


def test_select_extent_is_robust_to_one_far_outlier_which_is_flagged():
    corpus = _outlier_corpus()
    scene, info = compose(corpus, FigureSpec(view="timeline", width=1600, height=900,
                                             actors=frozenset({"p:leader"})))
    axis = _texts(scene, "axis")
    assert not any("1998" in t or "1994" in t for t in axis), axis
    assert _texts(scene, "outliers") == ["1 later event ▸"]
    assert any("outside the time range" in m for m in info.messages)


def test_whole_corpus_extent_leaves_a_thin_historical_trickle_out():
    ensure_gui_app()
    corpus = realistic_corpus(200)
    # Six events of history cited once each, as news does: the figure still frames 2007-2008.
    extra = [Event(f"h{y}", "d1", 0, 5, "S.", f"history {y}", _day(y, 6, 1), [Participant("p1")])
             for y in range(1950, 1956)]
    corpus = Corpus(documents=corpus.documents, actors=corpus.actors, events=list(corpus.events) + extra,
                    ties=corpus.ties)
    scene, _ = compose(corpus, FigureSpec(view="timeline", width=1600, height=900))
    years = [int(t) for t in _texts(scene, "axis") if t.isdigit()]
    assert years and min(years) >= 2006, years
    assert _texts(scene, "outliers")[0].startswith("◂ 6 earlier")


def test_footnote_wraps_and_is_never_cut_mid_word():
    ensure_gui_app()
    measure = TextMeasure()
    entries = [f"DOC{k:05d}.2000{k:04d}.txt (2000-01-{k % 28 + 1:02d})" for k in range(300)]
    text = "Documents: " + "; ".join(entries) + "."
    lines = decorations.fit_lines(text, 11, 700, 3, measure)
    assert len(lines) == 3
    assert lines[-1].endswith(decorations.MORE)
    words = set(text.split())
    shown = " ".join(lines)[:-len(decorations.MORE)].split()
    assert all(w in words or w.rstrip(";:") + ";" in words or w in (w.rstrip(";:"),) and w + ";" in words
               for w in shown), shown
    # The cut falls after a whole entry: the last shown entry carries its date.
    assert shown[-1].endswith(")")
    assert all(measure.width(line, 11) <= 700 for line in lines)


def test_timeline_marks_carry_event_labels_as_svg_text(tmp_path):
    corpus = _outlier_corpus()
    out = tmp_path / "labels.svg"
    export_figure(corpus, FigureSpec(view="timeline", width=1600, height=900, actors=frozenset({"p:leader"})), out)
    texts = [el.text or "" for el in ET.parse(out).getroot().iter(f"{SVG}text")]
    labelled = [t for t in texts if t.startswith("leader acted")]
    assert len(labelled) >= 6        # room for most of eleven in one tall lane


def test_event_labels_never_overlap_each_other(corpus):
    scene, info = compose(corpus, FigureSpec(view="timeline", width=1600, height=900))
    assert info.event_labels > 0
    boxes = []
    measure = TextMeasure()
    for t in scene.texts():
        if t.role == "event":
            w = measure.width(t.text, t.size)
            boxes.append((t.x, t.y - t.size, t.x + w, t.y))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5)


def test_selected_actor_and_its_neighbours_are_labelled_in_a_crowded_network():
    ensure_gui_app()
    # A hub with many partners squeezed into a small panel: every name must still be there.
    actors = [Actor("hub", "Central Hub", "location")] + [Actor(f"a{k}", f"Partner number {k}", "person")
                                                         for k in range(30)]
    docs = [Document("d1", "/d/a.txt", "", title="A", dct="2000-01-01")]
    events, ties = [], []
    for k in range(30):
        events.append(Event(f"e{k}", "d1", 0, 5, "S.", f"met {k}", _day(2000, 1, 1 + k % 28),
                            [Participant("hub"), Participant(f"a{k}")]))
        ties.append(Tie("hub", f"a{k}", 1.0, [f"e{k}"]))
    corpus = Corpus(documents=docs, actors=actors, events=events, ties=ties)
    scene, _ = compose(corpus, FigureSpec(view="both", width=900, height=500, actors=frozenset({"hub"})))
    named = set(_texts(scene, "node"))
    assert "Central Hub" in named
    assert {a.name for a in actors[1:]} <= named


def test_subset_layout_frames_the_filtered_network_on_its_own(corpus):
    whole, _ = compose(corpus, FigureSpec(view="network", width=1200, height=800, actors=frozenset({"p1"})))
    fresh, _ = compose(corpus, FigureSpec(view="network", width=1200, height=800, actors=frozenset({"p1"}),
                                          network_layout="subset"))
    assert set(_texts(whole, "node")) and set(_texts(fresh, "node"))
    pos = lambda s: sorted((round(c.cx), round(c.cy)) for c in s.walk() if type(c).__name__ == "Circle")
    assert pos(whole) != pos(fresh)


@pytest.mark.parametrize("size", [(1600, 900), (420, 220)])
def test_the_selected_events_label_is_never_left_out(size):
    ensure_gui_app()
    corpus = _outlier_corpus()
    for chosen in ("e0", "e5", "e10"):
        scene, _ = compose(corpus, FigureSpec(view="timeline", width=size[0], height=size[1], event=chosen,
                                              actors=frozenset({"p:leader"}), footnote=False, legend=False))
        bold = [t.text for t in scene.texts() if t.role == "event" and t.bold]
        assert len(bold) == 1 and f"leader acted {chosen[1:]}".startswith(bold[0].rstrip("…")), bold
