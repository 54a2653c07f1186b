"""A hand-built, realistic corpus for export tests: ~20 actors, ~60 events of mixed precision.

Deterministic (seeded) so figures are reproducible; fictional names so no
test depends on any real article.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from desktop_app.core.model import (Actor, Corpus, Document, Event, EventDate, Interval, Participant,
                                    Report, Tie)

ACTORS = [
    ("p1", "Amara Okonkwo", "person"), ("p2", "Lukas Brenner", "person"),
    ("p3", "Sofia Marchetti", "person"), ("p4", "Hiroshi Tanaka", "person"),
    ("p5", "Elena Petrova", "person"), ("p6", "Daniel O'Connor", "person"),
    ("o1", "Northern Grain Cooperative", "organization"), ("o2", "Ministry of Water & Ports", "organization"),
    ("o3", "Baltic Freight Union", "organization"), ("o4", "Helios Energy Ltd.", "organization"),
    ("g1", "Riverside Tenants Committee", "group"), ("g2", "Coastal Fishers' Alliance", "group"),
    ("g3", "Valley Farmers", "group"), ("m1", "The Harbour Gazette", "media"),
    ("m2", "Radio Meridian", "media"), ("m3", "Weekly <Signal>", "media"),
    ("l1", "Port Aldwin", "location"), ("l2", "Kestrel Valley", "location"),
    ("l3", "Greyfield", "location"), ("l4", "Upper Marsh District", "location"),
]
PRECISION_DAYS = {"hour": None, "day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365, "decade": 3652}


def interval(start: datetime, precision: str) -> Interval:
    if precision == "hour":
        return Interval(start, start + timedelta(hours=1), "hour")
    if precision == "month":
        end = datetime(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return Interval(datetime(start.year, start.month, 1), end, "month")
    if precision == "year":
        return Interval(datetime(start.year, 1, 1), datetime(start.year + 1, 1, 1), "year")
    if precision == "decade":
        d = start.year - start.year % 10
        return Interval(datetime(d, 1, 1), datetime(d + 10, 1, 1), "decade")
    day = datetime(start.year, start.month, start.day)
    return Interval(day, day + timedelta(days=PRECISION_DAYS[precision]), precision)


def realistic_corpus(n_events: int = 60, seed: int = 3) -> Corpus:
    rng = random.Random(seed)
    actors = [Actor(i, n, t) for i, n, t in ACTORS]
    docs = [
        Document("d1", "/data/harbour_dispute.txt", "", title="Harbour dispute deepens",
                 publication="The Harbour Gazette", dct="2007-11-09", dct_precision="day"),
        Document("d2", "/data/valley_water.txt", "", title="Water rights in Kestrel Valley",
                 dct="2008-03", dct_precision="month"),
        Document("d3", "/data/freight_notes.html", "", title=None, dct=None),
    ]
    precisions = ["day"] * 6 + ["hour", "week", "month", "month", "quarter", "year", "decade"]
    sources = [a for a in actors if a.type in ("media", "person")]
    events = []
    base = datetime(2007, 1, 1)
    for k in range(n_events):
        start = base + timedelta(days=rng.randrange(0, 520), hours=rng.randrange(0, 24))
        precision = rng.choice(precisions)
        iv = interval(start, precision)
        relation = "on_or_before" if k % 9 == 4 else "on"
        who = rng.sample(actors, rng.choice([1, 2, 2, 3]))
        rep = None
        if k % 3 == 0:
            src = rng.choice(sources)
            rday = iv.end + timedelta(days=rng.randrange(3, 60))
            rep = Report(src.id, rday.date().isoformat(), Interval(rday, rday + timedelta(days=1), "day"),
                         f"{src.name} said")
        doc = docs[k % len(docs)]
        events.append(Event(f"e{k}", doc.id, 0, 10, f"Sentence {k}.", f"event {k}",
                            EventDate(iv.start.date().isoformat(), iv, relation),
                            [Participant(a.id, "agent" if i == 0 else "target") for i, a in enumerate(who)],
                            rep))
    # Two undated facts: they tie actors but must not appear on the timeline.
    events.append(Event("u1", "d1", 0, 5, "Undated.", "undated tie", None,
                        [Participant("p1"), Participant("o1")]))
    events.append(Event("u2", "d2", 0, 5, "Undated.", "undated tie", None,
                        [Participant("g3"), Participant("l2")]))
    pairs: dict[tuple[str, str], list[str]] = {}
    for e in events:
        ids = sorted(set(e.actor_ids()))
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                pairs.setdefault((ids[i], ids[j]), []).append(e.id)
    ties = [Tie(a, b, float(len(ev)), ev) for (a, b), ev in sorted(pairs.items())]
    return Corpus(documents=docs, actors=actors, events=events, ties=ties)


def big_corpus(n_events: int, n_actors: int = 40, seed: int = 11) -> Corpus:
    """Many events over few actors, for density and benchmark runs."""
    rng = random.Random(seed)
    types = ("person", "organization", "group", "media", "location")
    actors = [Actor(f"a{i}", f"Actor {i:03d}", types[i % 5]) for i in range(n_actors)]
    docs = [Document("d1", "/data/bulk.txt", "", title="Bulk feed")]
    events = []
    base = datetime(1990, 1, 1)
    for k in range(n_events):
        start = base + timedelta(days=rng.randrange(0, 365 * 30))
        precision = rng.choice(("day", "day", "day", "month", "year"))
        iv = interval(start, precision)
        who = rng.sample(actors, rng.choice((1, 2)))
        events.append(Event(f"e{k}", "d1", 0, 1, "", "", EventDate(iv.start.date().isoformat(), iv),
                            [Participant(a.id) for a in who]))
    return Corpus(documents=docs, actors=actors, events=events)
