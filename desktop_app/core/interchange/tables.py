"""Events, actors and ties as flat rows: the one place that decides the spreadsheet columns."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from desktop_app.core.interchange.columns import EventColumns, mention_counts
from desktop_app.core.tie_happenings import current_happenings, happenings_among
from desktop_app.core.model import Corpus, Interval


def _day(iv: Interval | None, latest: bool = False) -> str:
    if iv is None:
        return ""
    return iv.to_json()["end" if latest else "start"]


EVENT_COLUMNS = ("event_id", "document", "document_title", "sentence_start", "sentence_end", "label",
                 "date", "date_from", "date_to", "precision", "relation", "date_as_written",
                 "actors", "agents", "targets", "reported_by", "report_date", "sentence")


def event_rows(corpus: Corpus) -> Iterator[list]:
    """One row per event; a columnar corpus builds its events one at a time as the rows are written."""
    names = {a.id: a.name for a in corpus.actors}
    titles = {d.id: d.title or "" for d in corpus.documents}
    for e in corpus.events:
        iv = e.date.interval if e.date else None
        by_role = defaultdict(list)
        for p in e.actors:
            by_role[p.role].append(names.get(p.actor, p.actor))
        yield [e.id, e.doc, titles.get(e.doc, ""), e.start, e.end, e.label,
               e.date.value if e.date else "", _day(iv), _day(iv, latest=True), iv.precision if iv else "",
               e.date.relation if e.date else "", (e.date.text or "") if e.date else "",
               "; ".join(names.get(p.actor, p.actor) for p in e.actors),
               "; ".join(by_role["agent"]), "; ".join(by_role["target"]),
               names.get(e.report.source, "") if e.report and e.report.source else "",
               (e.report.date or "") if e.report else "", " ".join(e.text.split())]


ACTOR_COLUMNS = ("actor_id", "name", "type", "aliases", "mentions", "events", "documents")


def actor_rows(corpus: Corpus) -> Iterator[list]:
    mentions, docs = mention_counts(corpus)
    events = EventColumns(corpus).events_per_actor()
    for a in corpus.actors:
        yield [a.id, a.name, a.type, "; ".join(a.aliases), mentions[a.id], events[a.id], docs[a.id]]


# ``happenings`` last, so readers of the older eight columns keep working; empty when not grouped.
TIE_COLUMNS = ("source_id", "source", "target_id", "target", "weight", "events", "first", "last", "happenings")


def tie_rows(corpus: Corpus) -> Iterator[list]:
    names = {a.id: a.name for a in corpus.actors}
    cols = EventColumns(corpus)
    h = current_happenings(corpus, len(cols.store))
    for t in corpus.ties:
        rows = cols.rows(t.events)
        first, last = cols.span(rows)
        weight, happenings = t.weight, ""
        if h is not None:
            # As the network view and GraphML/GEXF count it: distinct happenings, reports in ``events``.
            happenings = happenings_among(h, rows)
            if len(rows):           # a tie without evidence (imported, hand-made) keeps its weight
                weight = happenings
        yield [t.source, names.get(t.source, ""), t.target, names.get(t.target, ""), weight, len(t.events),
               _day(first), _day(last, latest=True), happenings]
