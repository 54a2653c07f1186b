"""Hand-built corpora for the workspace, edit and interchange tests.

``sample_corpus(renumber=...)`` stands in for two runs of extraction over the
same documents: the items are the same but ids and order differ, which is
exactly what edits keyed on stable keys must survive.
"""
from __future__ import annotations

import hashlib
from datetime import datetime

from desktop_app.core.model import (
    Actor, Corpus, Document, Event, EventDate, Interval, Mention, Participant, Report, Tie, Timex,
)

TEXT_A = ("The Harbour Council met the Fishers Union on 3 March 2021. "
          "Council chair Mara Velk said talks would resume. "
          "On 10 March 2021 the union accused the council of delay, Velk said.")
TEXT_B = ("Mara Velk resigned in April 2021. "
          "The Fishers Union welcomed the move.")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return i, i + len(needle)


def _sentence(text: str, needle: str) -> tuple[int, int, str]:
    s, _ = _span(text, needle)
    e = text.find(". ", s)
    e = len(text) if e < 0 else e + 1
    return s, e, text[s:e]


def day(y, m, d) -> Interval:
    return Interval(datetime(y, m, d), datetime(y, m, d + 1), "day")


def sample_corpus(renumber: bool = False) -> Corpus:
    p = "x" if renumber else "a"
    docs = [
        Document("doc-a", "/corpus/a.txt", TEXT_A, "Harbour talks", "Coast Times", "2021-03-12", "day", "sidecar", _sha(TEXT_A)),
        Document("doc-b", "/corpus/b.txt", TEXT_B, "Chair resigns", None, None, None, None, _sha(TEXT_B)),
    ]
    actors = [
        Actor(f"{p}1", "Harbour Council", "organization", ["the council"]),
        Actor(f"{p}2", "Fishers Union", "organization", ["the union"]),
        Actor(f"{p}3", "Mara Velk", "person", ["Velk"]),
    ]
    if renumber:
        actors = actors[::-1]
    ids = {a.name: a.id for a in actors}
    mentions = []
    for doc, text in (("doc-a", TEXT_A), ("doc-b", TEXT_B)):
        for surface, name in (("Harbour Council", "Harbour Council"), ("Fishers Union", "Fishers Union"),
                              ("Mara Velk", "Mara Velk"), ("Velk said", "Mara Velk"), ("the council", "Harbour Council"),
                              ("the union", "Fishers Union")):
            pos = 0
            while (i := text.find(surface, pos)) >= 0:
                word = surface.replace(" said", "")
                mentions.append(Mention(doc, i, i + len(word), word, ids[name]))
                pos = i + 1
    mentions.sort(key=lambda m: (m.doc, m.start, -m.end))
    # A shorter hit inside a longer one ("Velk" in "Mara Velk") is the same mention.
    kept = []
    for m in mentions:
        if kept and kept[-1].doc == m.doc and m.start < kept[-1].end:
            continue
        kept.append(m)
    mentions = kept
    s1, e1, t1 = _sentence(TEXT_A, "The Harbour Council met")
    s2, e2, t2 = _sentence(TEXT_A, "On 10 March")
    s3, e3, t3 = _sentence(TEXT_B, "Mara Velk resigned")
    ts, te = _span(TEXT_A, "3 March 2021")
    events = [
        Event(f"{p}e1", "doc-a", s1, e1, t1, "meet",
              EventDate("2021-03-03", day(2021, 3, 3), "on", "3 March 2021", ts),
              [Participant(ids["Harbour Council"], "agent"), Participant(ids["Fishers Union"], "target")]),
        Event(f"{p}e2", "doc-a", s2, e2, t2, "accuse",
              EventDate("2021-03-10", day(2021, 3, 10), "on", "10 March 2021"),
              [Participant(ids["Fishers Union"], "agent"), Participant(ids["Harbour Council"], "target")],
              Report(ids["Mara Velk"], "2021-03-12", day(2021, 3, 12), "Velk said")),
        Event(f"{p}e3", "doc-b", s3, e3, t3, "resign",
              EventDate("2021-04", Interval(datetime(2021, 4, 1), datetime(2021, 5, 1), "month"), "on", "April 2021"),
              [Participant(ids["Mara Velk"], "agent")]),
    ]
    if renumber:
        events = events[::-1]
    ties = [Tie(ids["Harbour Council"], ids["Fishers Union"], 2.0, [f"{p}e1", f"{p}e2"]),
            Tie(ids["Mara Velk"], ids["Fishers Union"], 1.0, [f"{p}e2"])]
    timexes = [Timex("doc-a", ts, te, "3 March 2021", "DATE", "2021-03-03", day(2021, 3, 3)),
               Timex("doc-b", *_span(TEXT_B, "April 2021"), "April 2021", "DATE", "2021-04",
                     Interval(datetime(2021, 4, 1), datetime(2021, 5, 1), "month"), anchored=False)]
    return Corpus(docs, timexes, actors, mentions, events, ties, [{"path": "/corpus/bad.bin", "message": "binary"}])


def by_name(corpus: Corpus, name: str) -> Actor:
    return next(a for a in corpus.actors if a.name == name)


def by_label(corpus: Corpus, label: str) -> Event:
    return next(e for e in corpus.events if e.label == label)


def canonical(corpus: Corpus) -> dict:
    """A comparison form that ignores extraction ids and order: what the analyst sees."""
    names = {a.id: a.name for a in corpus.actors}
    return {
        "actors": sorted((a.name, a.type, tuple(sorted(a.aliases))) for a in corpus.actors),
        "mentions": sorted((m.doc, m.start, m.end, names.get(m.actor)) for m in corpus.mentions),
        "events": sorted((e.doc, e.start, e.end, e.label, e.date.value if e.date else None,
                          tuple(sorted((names.get(p.actor), p.role or "") for p in e.actors)))
                         for e in corpus.events),
        "ties": sorted((tuple(sorted((names.get(t.source), names.get(t.target)))), round(t.weight, 6)) for t in corpus.ties),
        "documents": sorted((d.id, d.dct) for d in corpus.documents),
    }
