"""A hand-built two-document corpus for the network, document and table view tests.

Spans are found in the text rather than typed as numbers, so the offsets
are right by construction; the first document holds an emoji (a UTF-16
surrogate pair) and Windows line ends before most spans, which is where a
naive str-index/Qt-position mix-up would show.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from desktop_app.core.model import (Actor, Corpus, Document, Event, EventDate, Interval, Mention, Participant,
                                    Report, Timex)
from desktop_app.core.network import ties_from_events

DOC1 = ("Harbour notes \U0001F6A2 from the coast.\r\n"
        "On 3 March 2020 the Blue Party met the Harbour Union in Northport.\r\n"
        "Later, Ana Sørensen criticised the Blue Party.\r\n"
        "Écluse Media reported the meeting on 4 March 2020.\r\n")
DOC2 = ("In 2019 the Harbour Union signed a deal with Eastbank. "
        "The Blue Party praised the River Guild. "
        "By May 2020 Eastbank had left Northport.")

ACTORS = [
    Actor("party:blue", "Blue Party", "organization", ["Blue Party", "the Blues", "BP"]),
    Actor("union:harbour", "Harbour Union", "group", ["Harbour Union", "HU"]),
    Actor("place:northport", "Northport", "location", ["Northport"]),
    Actor("person:ana", "Ana Sørensen", "person", ["Ana Sørensen", "A. Sorensen"]),
    Actor("media:ecluse", "Écluse Media", "media", ["Écluse Media"]),
    Actor("bank:east", "Eastbank", "organization", ["Eastbank", "East Bank Holdings"]),
    Actor("guild:river", "River Guild", "group", ["River Guild"]),
    Actor("person:lone", "Quiet Observer", "person", ["Quiet Observer"]),   # in no event
]
NAMES = {a.name: a.id for a in ACTORS}


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _sentence(text: str, first_words: str) -> tuple[int, int, str]:
    start = text.index(first_words)
    end = text.index(".", start) + 1
    return start, end, text[start:end]


def _day(y, m, d) -> Interval:
    start = datetime(y, m, d)
    return Interval(start, start + timedelta(days=1), "day")


def make_corpus() -> Corpus:
    docs = [Document("d1", "/corpus/harbour_notes.txt", DOC1, title="Harbour notes", publication="Coast Post",
                     dct="2020-03-05"),
            Document("d2", "/corpus/bank_report.txt", DOC2, title="Bank report", dct="2020-06-01")]
    mentions = []
    for doc in docs:
        for actor in ACTORS:
            for name in actor.aliases:
                pos = 0
                while (i := doc.text.find(name, pos)) >= 0:
                    mentions.append(Mention(doc.id, i, i + len(name), name, actor.id))
                    pos = i + len(name)
    timexes = []
    s, e = _span(DOC1, "3 March 2020")
    timexes.append(Timex("d1", s, e, DOC1[s:e], "DATE", "2020-03-03", _day(2020, 3, 3), anchored=False))
    s, e = _span(DOC1, "4 March 2020")
    timexes.append(Timex("d1", s, e, DOC1[s:e], "DATE", "2020-03-04", _day(2020, 3, 4)))
    s, e = _span(DOC1, "Later")
    timexes.append(Timex("d1", s, e, DOC1[s:e], "DATE", "FUTURE_REF", None))
    s, e = _span(DOC2, "2019")
    timexes.append(Timex("d2", s, e, "2019", "DATE", "2019",
                         Interval(datetime(2019, 1, 1), datetime(2020, 1, 1), "year")))
    s, e = _span(DOC2, "May 2020")
    timexes.append(Timex("d2", s, e, "May 2020", "DATE", "2020-05",
                         Interval(datetime(2020, 5, 1), datetime(2020, 6, 1), "month")))

    def event(eid, doc, text, first_words, label, actors, date=None, report=None):
        start, end, sentence = _sentence(text, first_words)
        return Event(eid, doc, start, end, sentence, label, date,
                     [Participant(NAMES[a]) for a in actors], report)

    events = [
        event("ev-meet", "d1", DOC1, "On 3 March", "Blue Party met Harbour Union",
              ["Blue Party", "Harbour Union", "Northport"],
              EventDate("2020-03-03", _day(2020, 3, 3), "on", "3 March 2020"),
              Report(NAMES["Écluse Media"], "2020-03-04", _day(2020, 3, 4), "4 March 2020")),
        event("ev-criticise", "d1", DOC1, "Later, Ana", "Ana Sørensen criticised Blue Party",
              ["Ana Sørensen", "Blue Party"],
              EventDate("2020-03-04", _day(2020, 3, 4), "on_or_before", "4 March 2020")),
        event("ev-deal", "d2", DOC2, "In 2019", "Harbour Union signed deal with Eastbank",
              ["Harbour Union", "Eastbank"],
              EventDate("2019", Interval(datetime(2019, 1, 1), datetime(2020, 1, 1), "year"), "on", "2019")),
        event("ev-praise", "d2", DOC2, "The Blue Party praised", "Blue Party praised River Guild",
              ["Blue Party", "River Guild"], None),
        event("ev-left", "d2", DOC2, "By May 2020", "Eastbank left Northport",
              ["Eastbank", "Northport"],
              EventDate("2020-05", Interval(datetime(2020, 5, 1), datetime(2020, 6, 1), "month"), "on", "May 2020")),
    ]
    # Fresh Actor objects: tests edit them (renames) and must not leak into the next test.
    actors = [Actor(a.id, a.name, a.type, list(a.aliases)) for a in ACTORS]
    return Corpus(documents=docs, timexes=timexes, actors=actors, mentions=mentions, events=events,
                  ties=ties_from_events(events))
