"""The synthetic corpus generator: deterministic, shaped like news, and consistent with the model."""
from collections import Counter
from itertools import combinations

import numpy as np
import pytest

from desktop_app.core import timeaxis
from desktop_app.core.model import PRECISIONS
from desktop_app.core.synthetic import from_corpus, make_corpus, make_event_columns
from desktop_app.core.synthetic.calendar import interval_days


def _arrays(cols):
    return {k: v for k, v in vars(cols).items() if isinstance(v, np.ndarray)}


def test_same_seed_same_columns_and_other_seed_differs():
    a, b, c = (make_event_columns(5000, 300, seed=s) for s in (7, 7, 8))
    for name, arr in _arrays(a).items():
        assert np.array_equal(arr, _arrays(b)[name], equal_nan=True), name
    assert a.actor_names == b.actor_names and a.doc_ids == b.doc_ids
    assert not np.array_equal(a.start, c.start, equal_nan=True)


def test_same_seed_same_corpus_objects():
    assert make_corpus(400, 60, seed=3).to_json() == make_corpus(400, 60, seed=3).to_json()
    assert make_corpus(400, 60, seed=3).to_json() != make_corpus(400, 60, seed=4).to_json()


def test_actor_frequencies_are_zipf_like():
    cols = make_event_columns(200_000, 2000, seed=1)
    counts = cols.actor_event_counts()
    assert counts[0] > counts[9] > counts[99] > np.mean(counts[1000:])
    # The ten most frequent actors take part in more events than the bottom half together.
    assert counts[:10].sum() > counts[1000:].sum()
    # Log-log slope of rank/frequency near -1.1 in the body of the distribution.
    ranks = np.arange(10, 500)
    slope = np.polyfit(np.log(ranks + 1), np.log(counts[ranks]), 1)[0]
    assert -1.35 < slope < -0.85


def test_participants_are_one_to_four_distinct_actors():
    cols = make_event_columns(50_000, 200, seed=2)
    sizes = np.diff(cols.actor_ptr)
    assert sizes.min() >= 1 and sizes.max() <= 4
    assert set(np.unique(sizes)) == {1, 2, 3, 4}
    for i in range(0, 50_000, 997):
        row = cols.actors_of(i)
        assert len(set(row.tolist())) == len(row)


def test_precision_mix_within_tolerance():
    n = 200_000
    cols = make_event_columns(n, 500, seed=4)
    share = {p: float(np.mean(cols.precision == PRECISIONS.index(p))) for p in
             ("day", "week", "month", "quarter", "season", "year", "decade")}
    assert share["day"] == pytest.approx(0.60, abs=0.01)
    assert share["month"] == pytest.approx(0.15, abs=0.01)
    assert share["year"] == pytest.approx(0.10, abs=0.01)
    assert share["decade"] == pytest.approx(0.05, abs=0.005)
    assert share["week"] + share["quarter"] + share["season"] == pytest.approx(0.05, abs=0.005)
    assert cols.year_unknown.mean() == pytest.approx(0.04, abs=0.005)
    assert np.isnan(cols.start[cols.precision < 0]).all()
    assert cols.relation.mean() == pytest.approx(0.08, abs=0.01)


def test_events_come_in_bursts_over_decades():
    cols = make_event_columns(100_000, 100, seed=5, first_year=1960, last_year=2020)
    days = cols.true_day
    years = days.astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970
    assert years.min() <= 1962
    assert years.max() >= 2018
    per_week = np.bincount((days - days.min()) // 7)
    # Bursty: the busiest week holds far more than an even spread would give.
    assert per_week.max() > 20 * per_week.mean()


def test_intervals_match_calendar_conventions_of_the_tagger():
    values = pytest.importorskip("desktop_app.core.timex.values")
    corpus = make_corpus(3000, 100, seed=6, spans=False)
    checked = Counter()
    for ev in corpus.events:
        if ev.date is not None and ev.date.interval is not None:
            assert values.to_interval(ev.date.value) == ev.date.interval, ev.date.value
            checked[ev.date.interval.precision] += 1
    assert {"day", "week", "month", "quarter", "season", "year", "decade"} <= set(checked)


def test_calendar_handles_winter_across_years_and_pre_1970_days():
    days = np.array([np.datetime64("1959-01-15"), np.datetime64("1999-12-31"), np.datetime64("1965-02-28")])
    days = days.astype("datetime64[D]").astype(np.int64)
    season = np.full(3, PRECISIONS.index("season"))
    s, e = interval_days(days, season)
    as_dates = [str(np.datetime64(int(x), "D")) for x in (*s, *e)]
    assert as_dates == ["1958-12-01", "1999-12-01", "1964-12-01", "1959-03-01", "2000-03-01", "1965-03-01"]


def test_provenance_spans_point_at_their_words():
    corpus = make_corpus(1500, 120, seed=7)
    docs = {d.id: d for d in corpus.documents}
    assert all(docs[e.doc].text[e.start:e.end] == e.text for e in corpus.events)
    assert all(docs[m.doc].text[m.start:m.end] == m.text for m in corpus.mentions)
    assert all(docs[t.doc].text[t.start:t.end] == t.text for t in corpus.timexes)
    names = {a.id: a.name for a in corpus.actors}
    assert all(m.text == names[m.actor] for m in corpus.mentions)
    for ev in corpus.events:
        if ev.date is not None and ev.date.timex_start is not None:
            t = ev.date.timex_start
            assert docs[ev.doc].text[t:t + len(ev.date.text)] == ev.date.text


def test_documents_are_news_length_and_written_after_their_reports():
    corpus = make_corpus(2000, 150, seed=8)
    words = [len(d.text.split()) for d in corpus.documents]
    assert min(words) >= 380 and np.median(words) <= 950
    dct = {d.id: d.dct for d in corpus.documents}
    reported = [e for e in corpus.events if e.report is not None]
    assert len(reported) > 0.6 * len(corpus.events)
    for ev in reported:
        assert ev.report.date <= dct[ev.doc]
        if ev.date is not None and ev.date.interval is not None:
            # A report never precedes the start of what it reports.
            assert ev.report.interval.start >= ev.date.interval.start
        if ev.date is not None and ev.date.relation == "on_or_before":
            assert ev.date.value == ev.report.date


def test_ties_count_co_participation():
    corpus = make_corpus(3000, 80, seed=9, spans=False)
    expected = Counter()
    for ev in corpus.events:
        for a, b in combinations(sorted(ev.actor_ids()), 2):
            expected[(a, b)] += 1
    got = {(t.source, t.target): t for t in corpus.ties}
    assert {k: t.weight for k, t in got.items()} == {k: float(v) for k, v in expected.items()}
    by_id = {e.id: e for e in corpus.events}
    some = corpus.ties[0]
    assert all({some.source, some.target} <= set(by_id[e].actor_ids()) for e in some.events)


def test_columns_of_an_object_corpus_agree_with_the_generator():
    cols = make_event_columns(2500, 90, seed=10)
    from desktop_app.core.synthetic import corpus_from_columns
    corpus = corpus_from_columns(cols, 10, spans=False)
    back = from_corpus(corpus)
    order = np.array([int(e.id[2:]) for e in corpus.events])
    assert np.array_equal(back.start, cols.start[order], equal_nan=True)
    assert np.array_equal(back.precision, cols.precision[order])
    assert np.array_equal(back.year_unknown, cols.year_unknown[order])
    ev = corpus.events[5]
    assert timeaxis.from_seconds(back.start[5]) == ev.date.interval.start if ev.dated else np.isnan(back.start[5])


def test_bad_arguments_give_clear_errors():
    with pytest.raises(ValueError, match="actor"):
        make_event_columns(10, 0)
    with pytest.raises(ValueError, match="year range"):
        make_event_columns(10, 5, first_year=2000, last_year=1990)
    with pytest.raises(ValueError, match="unknown precision"):
        make_event_columns(10, 5, precision_mix={"fortnight": 1.0})


def test_empty_corpus_is_fine():
    corpus = make_corpus(0, 5, seed=0)
    assert corpus.events == [] and corpus.ties == [] and len(corpus.actors) == 5
