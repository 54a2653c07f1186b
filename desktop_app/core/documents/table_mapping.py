"""Which column of an event table holds what: the mapping, known layouts, a first guess.

A ``TableMap`` names the columns for date, end date, actors (one or several
columns; the first the agent, the second the target), place, label, source
and notes. Known layouts are recognised from the header alone (``PRESETS``:
ACLED, UCDP GED, GDELT), so such a table needs no question; for any other,
``guess_mapping`` proposes a mapping from the column names for the user to
confirm (the app's import dialog), and the CLI takes one as options or a
small JSON file (``load_table_map``).
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from .found import FormatError

FIELDS = ("date", "end_date", "actors", "place", "label", "source", "notes")


@dataclass
class TableMap:
    """Which column holds what; ``actors`` may name several columns, the first the agent, the second the target."""

    date: str
    actors: list[str] = field(default_factory=list)
    end_date: Optional[str] = None
    place: Optional[str] = None
    label: Optional[str] = None
    source: Optional[str] = None
    notes: Optional[str] = None

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v}

    @classmethod
    def from_json(cls, data, where: str = "mapping") -> "TableMap":
        if not isinstance(data, dict):
            raise FormatError(f"{where}: a table mapping is a JSON object like "
                              '{"date": "event_date", "actors": ["actor1", "actor2"], "place": "location"}')
        unknown = set(data) - set(FIELDS)
        if unknown:
            raise FormatError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; use {', '.join(FIELDS)}")
        if not isinstance(data.get("date"), str) or not data["date"].strip():
            raise FormatError(f'{where}: "date" must name the date column')
        actors = data.get("actors") or []
        if isinstance(actors, str):
            actors = [actors]
        if not isinstance(actors, list) or not all(isinstance(a, str) for a in actors):
            raise FormatError(f'{where}: "actors" must be a column name or a list of them')
        kw = {}
        for k in ("end_date", "place", "label", "source", "notes"):
            v = data.get(k)
            if v is not None and not isinstance(v, str):
                raise FormatError(f'{where}: "{k}" must be a column name')
            kw[k] = v or None
        return cls(date=data["date"], actors=list(actors), **kw)

    def columns(self) -> list[str]:
        return [c for c in [self.date, self.end_date, *self.actors, self.place, self.label, self.source, self.notes] if c]


@dataclass(frozen=True)
class Preset:
    name: str
    required: tuple[str, ...]
    mapping: dict                      # may name optional columns, used when present


PRESETS = (
    Preset("ACLED", ("event_date", "actor1", "actor2", "location", "notes", "source"),
           {"date": "event_date", "actors": ["actor1", "actor2", "assoc_actor_1", "assoc_actor_2"],
            "place": "location", "label": ["sub_event_type", "event_type"], "source": "source", "notes": "notes"}),
    # The UCDP Georeferenced Event Dataset.
    Preset("UCDP GED", ("date_start", "side_a", "side_b", "where_coordinates"),
           {"date": "date_start", "end_date": "date_end", "actors": ["side_a", "side_b"],
            "place": "where_coordinates", "label": ["conflict_name"], "source": "source_office",
            "notes": "source_headline"}),
    # GDELT 2.0 event exports with their header.
    Preset("GDELT", ("SQLDATE", "Actor1Name", "Actor2Name"),
           {"date": "SQLDATE", "actors": ["Actor1Name", "Actor2Name"], "place": "ActionGeo_FullName",
            "label": ["EventCode"], "source": "SOURCEURL"}),
)


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", str(name).lower())


def header_signature(header: Sequence[str]) -> str:
    """A key for remembering the mapping chosen for tables with this header."""
    return hashlib.sha1("\x1f".join(_fold(h) for h in header).encode()).hexdigest()[:16]


def preset_for(header: Sequence[str]) -> Optional[tuple[str, TableMap]]:
    """The known layout this header is, with its mapping; None for an unknown layout."""
    by_fold = {_fold(h): h for h in header}
    for p in PRESETS:
        if all(_fold(c) in by_fold for c in p.required):
            m = {}
            for k, v in p.mapping.items():
                if k == "actors":
                    m[k] = [by_fold[_fold(c)] for c in v if _fold(c) in by_fold]
                elif isinstance(v, list):
                    m[k] = next((by_fold[_fold(c)] for c in v if _fold(c) in by_fold), None)
                else:
                    m[k] = by_fold.get(_fold(v))
            return p.name, TableMap.from_json({k: v for k, v in m.items() if v})
    return None


_GUESS = {
    "date": ("eventdate", "date", "datestart", "startdate", "when", "day", "time", "timestamp"),
    "end_date": ("enddate", "dateend", "until", "to"),
    "actors": ("actor", "actors", "party", "side", "participant", "perpetrator", "target", "who", "against", "victim",
               "initiator",
               "organisation", "organization", "group", "person"),
    "place": ("location", "place", "city", "where", "town", "village", "district", "region", "country"),
    "label": ("eventtype", "subeventtype", "type", "event", "what", "label", "title", "category", "action"),
    "source": ("source", "sources", "reportedby", "outlet", "url", "reference"),
    "notes": ("notes", "note", "description", "summary", "details", "text", "comment", "comments"),
}


def guess_mapping(header: Sequence[str]) -> Optional[TableMap]:
    """A proposed mapping from header words, for the user to confirm; None when no column looks like a date."""
    known = preset_for(header)
    if known:
        return known[1]
    folded = [(_fold(h), h) for h in header]
    used: set[str] = set()

    def pick(keys, many=False):
        hits = []
        for key in keys:
            for f, h in folded:
                if h in used:
                    continue
                if f == key or (len(key) > 3 and f.startswith(key)) or (many and key in f and len(key) > 3):
                    hits.append(h)
                    used.add(h)
                    if not many:
                        return h
        return hits if many else None

    date = pick(_GUESS["date"])
    if date is None:
        return None
    end = pick(_GUESS["end_date"])
    actors = pick(_GUESS["actors"], many=True)
    m = TableMap(date=date, end_date=end, actors=actors)
    for k in ("place", "label", "source", "notes"):
        setattr(m, k, pick(_GUESS[k]))
    return m



def load_table_map(path: str) -> TableMap:
    """A mapping file: ``{"date": "...", "actors": ["...", "..."], "place": "...", ...}``."""
    p = Path(path)
    try:
        if p.stat().st_size > 100_000:
            raise FormatError(f"{p.name}: too large for a table mapping")
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FormatError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormatError(f"{p.name}: not a JSON table mapping ({exc})") from None
    return TableMap.from_json(data, p.name)
