"""The timeline's arrays from the store's columns agree with the per-event reading they replaced."""
from __future__ import annotations

import math

import numpy as np
import pytest

from desktop_app.core import timeaxis
from desktop_app.core.model import PRECISIONS, Corpus, Document, Event, EventDate, Interval, Participant, Timex
from desktop_app.core.store import compact
from desktop_app.core.synthetic import make_corpus
from desktop_app.gui.timeline.data import UNKNOWN_PRECISION, from_corpus, year_unknown_events
from tests.timeline_corpus import make_corpus as timeline_corpus


def reference(corpus: Corpus):
    """The old per-event reading: placed events by start, pairs, and the unplaced with their words."""
    index = {a.id: i for i, a in enumerate(corpus.actors)}
    placed = sorted((e for e in corpus.events if e.date is not None and e.date.interval is not None),
                    key=lambda e: timeaxis.to_seconds(e.date.interval.start))
    pairs = []
    for row, e in enumerate(placed):
        for aid in dict.fromkeys(e.actor_ids()):
            if aid in index:
                pairs.append((row, index[aid]))
    by_doc: dict = {}
    for t in corpus.timexes:
        if t.year_unknown:
            by_doc.setdefault(t.doc, []).append(t)
    unplaced = []
    for e in corpus.events:
        if e.date is not None and e.date.interval is None:
            unplaced.append((e.id, e.date.text or e.date.value))
        elif e.date is None:
            inside = [t for t in by_doc.get(e.doc, ()) if e.start <= t.start and t.end <= e.end]
            if inside:
                unplaced.append((e.id, ", ".join(t.text for t in inside)))
    return placed, pairs, unplaced


def report_x(e: Event) -> float:
    rep = e.report
    if rep is None or rep.interval is None:
        return math.nan
    return (timeaxis.to_seconds(rep.interval.start) + timeaxis.to_seconds(rep.interval.end)) / 2


def check(corpus: Corpus) -> None:
    data = from_corpus(corpus)
    placed, pairs, unplaced = reference(corpus)
    assert data.n == len(placed)
    assert [data.event_id(r) for r in range(data.n)] == [e.id for e in placed]
    assert np.array_equal(data.start, [timeaxis.to_seconds(e.date.interval.start) for e in placed])
    assert np.array_equal(data.end, [timeaxis.to_seconds(e.date.interval.end) for e in placed])
    assert data.precision.tolist() == [PRECISIONS.index(e.date.interval.precision) for e in placed]
    assert data.relation.tolist() == [int(e.date.relation == "on_or_before") for e in placed]
    assert np.allclose(data.report, [report_x(e) for e in placed], equal_nan=True)
    assert list(zip(data.pair_row.tolist(), data.pair_actor.tolist())) == pairs
    assert [(e.id, w) for e, w in zip(data.unplaced, data.unplaced_text)] == unplaced
    for row in range(0, data.n, max(1, data.n // 25)):
        assert data.event(row) == placed[row] and data.events[row] == placed[row]
        assert data.row_for(placed[row].id) == row
    for eid, _ in unplaced[:5]:
        assert data.row_for(eid) is None
    assert data.row_for("no such event") is None and data.row_for(None) is None


def test_hand_built_corpus_reads_as_before():
    check(timeline_corpus())


@pytest.mark.parametrize("seed", [0, 3])
def test_synthetic_list_corpus_reads_as_before(seed):
    corpus = make_corpus(3000, 40, seed=seed)
    assert isinstance(corpus.events, list)
    check(corpus)


def test_compact_corpus_gives_the_same_arrays_as_its_list_form():
    corpus = make_corpus(2000, 30, seed=5)
    a, b = from_corpus(corpus), from_corpus(compact(corpus))
    for name in ("start", "end", "precision", "relation", "pair_row", "pair_actor", "actor_ptr", "actor_rows"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert np.allclose(a.report, b.report, equal_nan=True)
    assert list(a.unplaced_text) == list(b.unplaced_text)


def test_year_unknown_timex_must_lie_inside_the_sentence_and_keeps_corpus_order():
    doc = Document("d", "/d.txt", "x" * 400)
    events = [Event("in", "d", 100, 200, "x" * 100, "inside", None, [Participant("a")]),
              Event("edge", "d", 200, 260, "x" * 60, "crosses", None),
              Event("dated", "d", 300, 360, "x" * 60, "has date", EventDate("XXXX-11-02", None, "on", "Nov 2"))]
    timexes = [Timex("d", 150, 160, "x" * 10, "DATE", "XXXX-11-03", None, year_unknown=True),
               Timex("d", 110, 120, "y" * 10, "DATE", "XXXX-11-01", None, year_unknown=True),
               Timex("d", 250, 270, "z" * 20, "DATE", "XXXX-11-04", None, year_unknown=True),
               Timex("d", 120, 130, "w" * 10, "DATE", "2007-11-01", None, year_unknown=False)]
    corpus = Corpus(documents=[doc], events=events, timexes=timexes)
    unplaced, texts = year_unknown_events(corpus)
    assert [e.id for e in unplaced] == ["in", "dated"]
    assert list(texts) == ["x" * 10 + ", " + "y" * 10, "Nov 2"]


def test_an_interval_with_an_unknown_precision_is_still_placed():
    iv = Interval(timeaxis.from_seconds(0.0), timeaxis.from_seconds(86400.0), "fortnight")
    ev = Event("e", "d", 0, 1, "x", "x", EventDate("1970-01-01", iv, "on", None))
    data = from_corpus(Corpus(documents=[Document("d", "/d", "x")], events=[ev]))
    assert data.n == 1 and data.precision[0] == UNKNOWN_PRECISION


def test_empty_corpus():
    data = from_corpus(Corpus())
    assert data.n == 0 and len(data.unplaced) == 0 and data.extent() is None


def test_a_mark_named_by_the_timeline_is_found_again_without_the_id_index():
    corpus = make_corpus(600, 12, seed=9, compact=True)
    data = from_corpus(corpus)
    eid = data.event_id(33)
    assert data.row_for(eid) == 33 and corpus.events._index is None
    other = corpus.events.ids[int(data.ids[34])]
    assert data.row_for(other) == 34
