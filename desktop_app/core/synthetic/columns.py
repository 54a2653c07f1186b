"""Events as parallel numpy arrays: the form that holds a million events in tens of megabytes.

One row per event. Times are float seconds on the ``timeaxis`` scale (the
scale the timeline and exporters draw on), so a view can use the arrays
directly; participants are stored compressed-sparse-row style
(``actor_idx[actor_ptr[i]:actor_ptr[i + 1]]`` are event ``i``'s actors, agent
first).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..model import ACTOR_TYPES, PRECISIONS, Corpus
from .. import timeaxis

RELATIONS = ("on", "on_or_before")
NO_PRECISION = -1


def actor_id(index: int) -> str:
    return f"actor{index:05d}"


def event_id(index: int) -> str:
    return f"ev{index:07d}"


@dataclass
class EventColumns:
    start: np.ndarray            # float64 seconds, NaN when the event is not on the time line
    end: np.ndarray              # float64 seconds, exclusive
    precision: np.ndarray        # int8 index into model.PRECISIONS, -1 when not on the time line
    relation: np.ndarray         # int8 index into RELATIONS
    year_unknown: np.ndarray     # bool: month/day known, year not
    doc: np.ndarray              # int32 index into doc_ids
    actor_ptr: np.ndarray        # int64, n_events + 1
    actor_idx: np.ndarray        # int32 index into actor_names
    report_source: np.ndarray    # int32 actor index, -1 when the event has no report
    actor_names: list[str] = field(default_factory=list)
    actor_types: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))  # index into ACTOR_TYPES
    doc_ids: list[str] = field(default_factory=list)
    # Generator-only detail kept so the object form can be written from the arrays.
    true_day: np.ndarray | None = None      # int64 day the event really happened
    report_day: np.ndarray | None = None    # int64 day of the report, valid where report_source >= 0
    label: np.ndarray | None = None         # int16 index into the generator's verb list
    doc_dct_day: np.ndarray | None = None   # int64 creation day of each document

    def __len__(self) -> int:
        return int(self.start.shape[0])

    @property
    def n_actors(self) -> int:
        return len(self.actor_names)

    def actors_of(self, i: int) -> np.ndarray:
        return self.actor_idx[self.actor_ptr[i]:self.actor_ptr[i + 1]]

    def actor_ids(self) -> list[str]:
        """The ids ``corpus_from_columns`` gives these actors, so both forms name them alike."""
        return [actor_id(i) for i in range(self.n_actors)]

    def dated(self) -> np.ndarray:
        return self.precision >= 0

    def actor_event_counts(self) -> np.ndarray:
        return np.bincount(self.actor_idx, minlength=self.n_actors)

    def nbytes(self) -> int:
        """Bytes held by the arrays (names and ids not counted: they are shared with the object form)."""
        return sum(v.nbytes for v in vars(self).values() if isinstance(v, np.ndarray))


def from_corpus(corpus: Corpus) -> EventColumns:
    """Columns for an extracted corpus, so real results and synthetic ones share one fast form."""
    n = len(corpus.events)
    actor_pos = {a.id: i for i, a in enumerate(corpus.actors)}
    doc_pos = {d.id: i for i, d in enumerate(corpus.documents)}
    start = np.full(n, np.nan)
    end = np.full(n, np.nan)
    precision = np.full(n, NO_PRECISION, np.int8)
    relation = np.zeros(n, np.int8)
    year_unknown = np.zeros(n, bool)
    doc = np.full(n, -1, np.int32)
    report_source = np.full(n, -1, np.int32)
    ptr = np.zeros(n + 1, np.int64)
    idx: list[int] = []
    for i, ev in enumerate(corpus.events):
        d = ev.date
        if d is not None:
            relation[i] = RELATIONS.index(d.relation) if d.relation in RELATIONS else 0
            if d.interval is not None:
                start[i] = timeaxis.to_seconds(d.interval.start)
                end[i] = timeaxis.to_seconds(d.interval.end)
                precision[i] = PRECISIONS.index(d.interval.precision)
            elif d.value.startswith("XXXX"):
                year_unknown[i] = True
        doc[i] = doc_pos.get(ev.doc, -1)
        if ev.report is not None and ev.report.source in actor_pos:
            report_source[i] = actor_pos[ev.report.source]
        idx.extend(actor_pos[p.actor] for p in ev.actors if p.actor in actor_pos)
        ptr[i + 1] = len(idx)
    types = np.array([ACTOR_TYPES.index(a.type) if a.type in ACTOR_TYPES else 0 for a in corpus.actors], np.int8)
    return EventColumns(
        start=start, end=end, precision=precision, relation=relation, year_unknown=year_unknown, doc=doc,
        actor_ptr=ptr, actor_idx=np.asarray(idx, np.int32), report_source=report_source,
        actor_names=[a.name for a in corpus.actors], actor_types=types,
        doc_ids=[d.id for d in corpus.documents],
    )
