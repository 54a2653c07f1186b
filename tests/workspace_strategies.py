"""Hypothesis strategies for whole corpora, shared by the workspace and interchange round-trip tests."""
from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import strategies as st

from desktop_app.core.model import (
    ACTOR_TYPES, Actor, Corpus, Document, Event, EventDate, Interval, Mention, Participant, Report, Tie, Timex,
)

# Any text, including quotes, commas, newlines, RTL and astral characters.
texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=40)
names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)


@st.composite
def intervals(draw):
    precision = draw(st.sampled_from(["second", "minute", "hour", "day", "month", "year"]))
    base = datetime(1900, 1, 1) + timedelta(days=draw(st.integers(0, 60000)))
    if precision == "second":
        start = base + timedelta(seconds=draw(st.integers(0, 86399)))
        return Interval(start, start + timedelta(seconds=1), precision)
    if precision == "minute":
        start = base + timedelta(minutes=draw(st.integers(0, 1439)))
        return Interval(start, start + timedelta(minutes=1), precision)
    if precision == "hour":
        start = base + timedelta(hours=draw(st.integers(0, 23)))
        return Interval(start, start + timedelta(hours=1), precision)
    if precision == "day":
        return Interval(base, base + timedelta(days=1), precision)
    if precision == "month":
        start = base.replace(day=1)
        nxt = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return Interval(start, nxt, precision)
    start = base.replace(month=1, day=1)
    return Interval(start, start.replace(year=start.year + 1), precision)


@st.composite
def corpora(draw, max_docs=3):
    n_docs = draw(st.integers(1, max_docs))
    docs = []
    for i in range(n_docs):
        text = draw(st.text(min_size=5, max_size=120).filter(lambda t: "\x00" not in t)) + "."
        docs.append(Document(f"d{i}", f"/p/{i}.txt", text, draw(st.none() | names), draw(st.none() | names),
                             draw(st.none() | st.just("2001-02-03")), draw(st.none() | st.just("day")),
                             draw(st.none() | st.sampled_from(["sidecar", "user"])), f"{i:064x}"))
    actors = [Actor(f"a{i}", draw(names), draw(st.sampled_from(ACTOR_TYPES)), draw(st.lists(names, max_size=3)))
              for i in range(draw(st.integers(0, 4)))]
    ids = [a.id for a in actors]

    def span(doc):
        s = draw(st.integers(0, len(doc.text) - 1))
        return s, draw(st.integers(s, len(doc.text)))

    timexes, mentions, events = [], [], []
    for doc in docs:
        for _ in range(draw(st.integers(0, 2))):
            s, e = span(doc)
            timexes.append(Timex(doc.id, s, e, doc.text[s:e], "DATE", draw(names), draw(st.none() | intervals()),
                                 draw(st.none() | st.just("APPROX")), draw(st.booleans()), draw(st.booleans())))
        if ids:
            for _ in range(draw(st.integers(0, 3))):
                s, e = span(doc)
                mentions.append(Mention(doc.id, s, e, doc.text[s:e], draw(st.sampled_from(ids))))
        for k in range(draw(st.integers(0, 2))):
            s, e = span(doc)
            date = draw(st.none() | st.builds(EventDate, names, st.none() | intervals(),
                                              st.sampled_from(["on", "on_or_before"]), st.none() | texts,
                                              st.none() | st.integers(0, len(doc.text))))
            report = None
            if ids and draw(st.booleans()):
                report = Report(draw(st.none() | st.sampled_from(ids)), draw(st.none() | names),
                                draw(st.none() | intervals()), draw(st.none() | texts))
            parts = [Participant(a, draw(st.sampled_from([None, "agent", "target"])))
                     for a in draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))] if ids else []
            events.append(Event(f"{doc.id}e{k}", doc.id, s, e, doc.text[s:e], draw(names), date, parts, report))
    ties = []
    if len(ids) >= 2:
        for _ in range(draw(st.integers(0, 3))):
            a, b = draw(st.lists(st.sampled_from(ids), unique=True, min_size=2, max_size=2))
            evs = draw(st.lists(st.sampled_from([e.id for e in events]), unique=True, max_size=2)) if events else []
            ties.append(Tie(a, b, draw(st.floats(0.1, 100, allow_nan=False)), evs))
    errors = draw(st.lists(st.fixed_dictionaries({"path": names, "message": texts}), max_size=2))
    return Corpus(docs, timexes, actors, mentions, events, ties, errors)
