"""The document model every part of Eventscope shares.

Plain dataclasses with no behaviour beyond conversion, so that the core,
the CLI, the GUI and the exporters agree on one vocabulary and none of them
has to import another to understand a result.

Offsets are 0-based Python string indices into ``Document.text``, end
exclusive. Intervals are half-open ``[start, end)`` in naive datetimes; the
JSON form writes the inclusive *latest* instant at the interval's precision
because that is what an analyst reads ("2007-11-01 .. 2007-11-30").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Optional

# Ordered finest to coarsest; the timeline styles marks by this.
PRECISIONS = (
    "second", "minute", "hour", "day", "week", "month", "quarter",
    "season", "year", "decade", "century", "millennium",
)
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
ACTOR_TYPES = ("person", "organization", "group", "media", "location")


@dataclass(frozen=True, slots=True)
class Interval:
    """A half-open span of time ``[start, end)`` with the precision it is known to."""

    start: datetime
    end: datetime
    precision: str

    def latest(self) -> datetime:
        """The last instant inside the interval, at its own resolution."""
        if self.precision in ("second",):
            return self.end - timedelta(seconds=1)
        if self.precision in ("minute",):
            return self.end - timedelta(minutes=1)
        if self.precision in ("hour",):
            return self.end - timedelta(hours=1)
        return self.end - timedelta(days=1)

    @property
    def is_point(self) -> bool:
        return self.precision in ("second", "minute", "hour", "day")

    def to_json(self) -> dict:
        fine = self.precision in ("second", "minute", "hour")
        fmt = (lambda d: d.isoformat(timespec="minutes" if self.precision != "second" else "seconds")) if fine else (lambda d: d.date().isoformat())
        return {"start": fmt(self.start), "end": fmt(self.latest()), "precision": self.precision}


@dataclass(slots=True)
class Document:
    id: str
    path: str
    text: str
    title: Optional[str] = None
    publication: Optional[str] = None
    # The document creation time as a TIMEX3 value at the precision known
    # ("2007-11", "2007-11-09"); None when unknown.
    dct: Optional[str] = None
    dct_precision: Optional[str] = None
    # where dct/title came from: "sidecar", "html-meta", "cli", "user"; "pdf-meta", "first-date-line",
    # "docx-core", "odt-meta", "email-date", "message-date" (core/documents/formats.py)
    source: Optional[str] = None
    sha256: Optional[str] = None
    # What the text was read from and how it is laid out (core/documents/formats.py):
    # kind "pdf", "docx", "odt", "email", "table", "network" (None: plain text, Markdown, HTML);
    # pages: the offset where each page starts (PDF); parent: the message an
    # attachment came with; layout: per-kind details the document view shows
    # (e-mail headers, table rows, pages without a text layer).
    kind: Optional[str] = None
    pages: Optional[list[int]] = None
    parent: Optional[str] = None
    layout: Optional[dict] = None

    def page_at(self, offset: int) -> Optional[int]:
        """The 1-based page an offset falls on, or None for a document without pages."""
        if not self.pages:
            return None
        from bisect import bisect_right
        return max(1, bisect_right(self.pages, offset))

    def to_json(self) -> dict:
        d = {
            "id": self.id, "path": self.path, "title": self.title,
            "publication": self.publication, "dct": self.dct,
            "dct_precision": self.dct_precision,
        }
        if self.kind:
            d["kind"] = self.kind
        if self.pages:
            d["pages"] = list(self.pages)
        if self.parent:
            d["parent"] = self.parent
        return d


@dataclass(slots=True)
class Timex:
    doc: str
    start: int
    end: int
    text: str
    type: str            # DATE, TIME, DURATION, SET
    value: str           # TIMEX3 value: 2007-11-02, 199X, P1W, PAST_REF, XXXX-11-02 ...
    interval: Optional[Interval] = None  # where the expression sits on the time line, if it does
    mod: Optional[str] = None            # TIMEX3 mod: BEFORE, AFTER, APPROX, START, END, ...
    year_unknown: bool = False           # a month/day with no year and no DCT to anchor it
    anchored: bool = False               # resolved relative to the DCT (or another timex)
    quant: Optional[str] = None          # SET only, TIMEX3 quant: "EVERY", "EACH"
    freq: Optional[str] = None           # SET only, TIMEX3 freq: "2X" for "twice a week"

    @property
    def precision(self) -> Optional[str]:
        return self.interval.precision if self.interval else None

    def to_json(self) -> dict:
        d = {
            "doc": self.doc, "start": self.start, "end": self.end, "text": self.text,
            "type": self.type, "value": self.value,
            "interval": self.interval.to_json() if self.interval else None,
            "precision": self.precision,
        }
        if self.mod:
            d["mod"] = self.mod
        if self.year_unknown:
            d["year_unknown"] = True
        if self.quant:
            d["quant"] = self.quant
        if self.freq:
            d["freq"] = self.freq
        return d


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    type: str                      # one of ACTOR_TYPES
    aliases: list[str] = field(default_factory=list)
    # Why the identity step made its documents' actors one (and the roles written before it).
    evidence: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases),
                "evidence": list(self.evidence)}


@dataclass(slots=True)
class Mention:
    doc: str
    start: int
    end: int
    text: str
    actor: str  # Actor.id
    # What this mention does where it is written: "agent", "participant" or "location"
    # (one actor may be a place in one sentence and the state acting in another).
    role: Optional[str] = None

    def to_json(self) -> dict:
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text, "actor": self.actor,
                "role": self.role}


@dataclass(slots=True)
class EventDate:
    value: str
    interval: Optional[Interval]
    # "on" when the sentence dates the happening itself; "on_or_before" when
    # only a citation dates it, so the report date bounds it from above.
    relation: str = "on"
    text: Optional[str] = None     # the date as written
    timex_start: Optional[int] = None

    def to_json(self) -> dict:
        iv = self.interval.to_json() if self.interval else {"start": None, "end": None, "precision": None}
        return {"value": self.value, **iv, "relation": self.relation, "text": self.text}


@dataclass(slots=True)
class Report:
    source: Optional[str]          # Actor.id of the reporting source
    date: Optional[str]            # TIMEX3 value of the report date
    interval: Optional[Interval] = None
    text: Optional[str] = None

    def to_json(self) -> dict:
        return {"source": self.source, "date": self.date, "text": self.text}


@dataclass(slots=True)
class Participant:
    actor: str
    role: Optional[str] = None     # "agent", "target", or None when it cannot be told

    def to_json(self) -> dict:
        return {"actor": self.actor, "role": self.role}


@dataclass(slots=True)
class Event:
    id: str
    doc: str
    start: int                     # sentence span
    end: int
    text: str
    label: str
    date: Optional[EventDate]      # None: an undated fact (ties actors, not on the timeline)
    actors: list[Participant] = field(default_factory=list)
    report: Optional[Report] = None

    @property
    def dated(self) -> bool:
        return self.date is not None and self.date.interval is not None

    def actor_ids(self) -> list[str]:
        return [p.actor for p in self.actors]

    def to_json(self) -> dict:
        return {
            "id": self.id, "doc": self.doc, "start": self.start, "end": self.end,
            "text": self.text, "label": self.label,
            "date": self.date.to_json() if self.date else None,
            "report": self.report.to_json() if self.report else None,
            "actors": [p.to_json() for p in self.actors],
        }


@dataclass(slots=True)
class Tie:
    source: str
    target: str
    weight: float
    events: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"source": self.source, "target": self.target, "weight": self.weight, "events": list(self.events)}


@dataclass(slots=True)
class Corpus:
    """Everything extracted from a set of documents."""

    documents: list[Document] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)   # {"path", "message"} per skipped file
    # core.happenings.Happenings over these events, once grouped (a corpus-level step after extraction).
    happenings: Optional[object] = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict:
        out = {
            "documents": [d.to_json() for d in self.documents],
            "timexes": [t.to_json() for t in self.timexes],
            "actors": [a.to_json() for a in self.actors],
            "mentions": [m.to_json() for m in self.mentions],
            "events": [e.to_json() for e in self.events],
            "ties": [t.to_json() for t in self.ties],
            "errors": list(self.errors),
        }
        if self.happenings is not None:
            out.update(self.happenings.json_fields(out["events"]))
        return out
