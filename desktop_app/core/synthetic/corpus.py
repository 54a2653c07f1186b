"""Synthetic corpora at the model level: ``Corpus`` objects written from ``EventColumns``.

Every event gets a real sentence inside a real document text, so provenance
holds exactly as for extracted corpora: ``doc.text[ev.start:ev.end] ==
ev.text``, and every mention and timex span points at its words.
"""
from __future__ import annotations

from array import array
from datetime import datetime, timedelta
from typing import Optional

import numpy as np

from ..model import (
    ACTOR_TYPES, PRECISIONS, Actor, Corpus, Document, Event, EventDate, Interval, Mention, Participant, Report,
    Tie, Timex,
)
from ..memory import gc_paused, release_free_memory
from ..store import CorpusBuilder
from .calendar import iso_week, ymd
from .columns import RELATIONS, EventColumns, actor_id, event_id
from .events import make_event_columns
from .phrases import FILLER, MONTHS, VERBS, date_phrase, date_value, join_names

_EPOCH = datetime(1970, 1, 1)
_DAY = timedelta(days=1)
WORDS_PER_DOC = (400, 900)


def make_corpus(n_events: int, n_actors: int, seed: int = 0, *, spans: bool = True, compact: bool = False,
                **options) -> Corpus:
    """A corpus of ``n_events`` events among ``n_actors`` actors, deterministic in ``seed``.

    ``spans=False`` leaves out mentions and timexes (events, actors, ties and
    documents stay) for callers that only need the timeline or the network.
    ``compact=True`` gives the columnar corpus (``core.store``), written one
    document at a time so a million events never exist as objects at once.
    Other keyword options go to ``make_event_columns``.
    """
    corpus = corpus_from_columns(make_event_columns(n_events, n_actors, seed, **options), seed, spans=spans,
                                 compact=compact)
    if compact:
        release_free_memory()   # the generator's columns are gone now
    return corpus


def corpus_from_columns(cols: EventColumns, seed: int = 0, *, spans: bool = True, compact: bool = False) -> Corpus:
    with gc_paused():      # about twice as fast: none of the millions of objects is cyclic garbage
        return _corpus_from_columns(cols, seed, spans, CorpusBuilder() if compact else None)


def _corpus_from_columns(cols: EventColumns, seed: int, spans: bool, builder: Optional[CorpusBuilder]) -> Corpus:
    if cols.true_day is None or cols.label is None or cols.doc_dct_day is None or cols.report_day is None:
        raise ValueError("these columns were not made by the generator; they lack the detail to write text")
    rng = np.random.default_rng([seed, 2])
    actors = [Actor(id=actor_id(i), name=name, type=ACTOR_TYPES[t])
              for i, (name, t) in enumerate(zip(cols.actor_names, cols.actor_types.tolist()))]
    writer = _SentenceWriter(cols, actors)
    docs, events, mentions, timexes = [], [], [], []
    order = np.argsort(cols.doc, kind="stable")
    bounds = np.searchsorted(cols.doc[order], np.arange(len(cols.doc_ids) + 1))
    n_words = rng.integers(WORDS_PER_DOC[0], WORDS_PER_DOC[1] + 1, len(cols.doc_ids))
    dct_y, dct_m, dct_d = (a.tolist() for a in ymd(cols.doc_dct_day))
    for j, doc_id in enumerate(cols.doc_ids):
        members = order[bounds[j]:bounds[j + 1]].tolist()
        sentences = [writer.sentence(i, doc_id, dct_y[j]) for i in members]
        words = sum(s.words for s in sentences)
        n_fill = max(0, int((n_words[j] - words) / 8))
        # Event sentences keep their order; filler goes between them at random places.
        slots = np.sort(rng.integers(0, len(sentences) + 1, n_fill)).tolist()
        fill = rng.integers(0, len(FILLER), n_fill).tolist()
        parts: list = []
        k = 0
        for pos in range(len(sentences) + 1):
            while k < n_fill and slots[k] == pos:
                parts.append(FILLER[fill[k]])
                k += 1
            if pos < len(sentences):
                parts.append(sentences[pos])
        text_parts, offset = [], 0
        for n, part in enumerate(parts):
            if n:
                sep = "\n\n" if n % 4 == 0 else " "
                text_parts.append(sep)
                offset += len(sep)
            s = part if isinstance(part, str) else part.text
            if not isinstance(part, str):
                events.append(part.event(doc_id, offset))
                if spans:
                    mentions.extend(part.mentions(doc_id, offset))
                    timexes.extend(part.timexes(doc_id, offset))
            text_parts.append(s)
            offset += len(s)
        dct = f"{dct_y[j]:04d}-{dct_m[j]:02d}-{dct_d[j]:02d}"
        pub = actors[int(cols.report_source[members[0]])].name if members and cols.report_source[members[0]] >= 0 else None
        docs.append(Document(id=doc_id, path=f"synthetic/{doc_id}.txt", text="".join(text_parts),
                             title=f"News digest {dct}", publication=pub, dct=dct, dct_precision="day",
                             source="synthetic"))
        if builder is not None:
            builder.add(docs.pop(), events, mentions, timexes)
            events, mentions, timexes = [], [], []
    if builder is not None:
        return builder.build(actors, types={a.id: a.type for a in actors})
    return Corpus(documents=docs, timexes=timexes, actors=actors, mentions=mentions, events=events,
                  ties=ties_from_columns(cols, [e.id for e in events], actors, order))


class _Sentence:
    __slots__ = ("text", "words", "index", "label", "actor_spans", "date", "report")

    def __init__(self, text, words, index, label, actor_spans, date, report):
        self.text, self.words, self.index, self.label = text, words, index, label
        self.actor_spans, self.date, self.report = actor_spans, date, report

    def event(self, doc_id: str, offset: int) -> Event:
        parts = [Participant(a, "agent" if n == 0 else "target") for n, (a, _, _) in enumerate(self.actor_spans)]
        date = None
        if self.date is not None:
            value, interval, relation, text, start, _ = self.date
            date = EventDate(value=value, interval=interval, relation=relation, text=text, timex_start=offset + start)
        report = None
        if self.report is not None:
            src, value, interval, text, _, _ = self.report
            report = Report(source=src, date=value, interval=interval, text=text)
        return Event(id=event_id(self.index), doc=doc_id, start=offset, end=offset + len(self.text),
                     text=self.text, label=self.label, date=date, actors=parts, report=report)

    def mentions(self, doc_id: str, offset: int) -> list[Mention]:
        out = [Mention(doc_id, offset + s, offset + e, self.text[s:e], a) for a, s, e in self.actor_spans]
        if self.report is not None:
            src, _, _, _, (s, e), _ = self.report
            out.append(Mention(doc_id, offset + s, offset + e, self.text[s:e], src))
        return out

    def timexes(self, doc_id: str, offset: int) -> list[Timex]:
        out = []
        if self.date is not None:
            value, interval, _, text, s, year_unknown = self.date
            out.append(Timex(doc_id, offset + s, offset + s + len(text), text, "DATE", value, interval,
                             year_unknown=year_unknown))
        if self.report is not None:
            _, value, interval, _, _, (s, text) = self.report
            out.append(Timex(doc_id, offset + s, offset + s + len(text), text, "DATE", value, interval,
                             anchored=True))
        return out


def _ints(a: np.ndarray) -> array:
    out = array("q")
    out.frombytes(np.ascontiguousarray(a, dtype=np.int64).tobytes())
    return out


class _SentenceWriter:
    """Writes event ``i`` as a sentence, interning intervals so equal dates share one object."""

    def __init__(self, cols: EventColumns, actors: list[Actor]):
        self.c = cols
        self.actors = actors
        self._intervals: dict = {}
        start_day = np.where(np.isnan(cols.start), 0, cols.start / 86400.0).astype(np.int64)
        end_day = np.where(np.isnan(cols.end), 0, cols.end / 86400.0).astype(np.int64)
        # Typed arrays, not lists: indexing them is as quick, and twenty columns of a million
        # Python ints were 700 MB of a million-event build's peak.
        self.start_day, self.end_day = _ints(start_day), _ints(end_day)
        self.sy, self.sm, self.sd = (_ints(a) for a in ymd(start_day))
        _, iy, iw = iso_week(start_day)
        self.iso_y, self.iso_w = _ints(iy), _ints(iw)
        self.ty, self.tm, self.td = (_ints(a) for a in ymd(cols.true_day))
        self.ry, self.rm, self.rd = (_ints(a) for a in ymd(cols.report_day))
        self.report_day = _ints(cols.report_day)
        self.prec = _ints(cols.precision)
        self.yu = _ints(cols.year_unknown)
        self.rel = _ints(cols.relation)
        self.src = _ints(cols.report_source)
        self.label = _ints(cols.label)
        self.ptr = _ints(cols.actor_ptr)
        self.idx = _ints(cols.actor_idx)

    def interval(self, s: int, e: int, precision: str) -> Interval:
        key = (s, e, precision)
        iv = self._intervals.get(key)
        if iv is None:
            iv = self._intervals[key] = Interval(_EPOCH + s * _DAY, _EPOCH + e * _DAY, precision)
        return iv

    def sentence(self, i: int, doc_id: str, dct_year: int) -> _Sentence:
        who = [self.actors[a] for a in self.idx[self.ptr[i]:self.ptr[i + 1]]]
        label, with_others, alone = VERBS[self.label[i]]
        pieces: list[str] = []
        spans = []
        pos = 0
        for n, actor in enumerate(who[:1]):
            spans.append((actor.id, pos, pos + len(actor.name)))
            pieces.append(actor.name)
            pos += len(actor.name)
        if len(who) > 1:
            head, _, tail = with_others.partition("{o}")
            pieces.append(" " + head)
            pos += 1 + len(head)
            for n, actor in enumerate(who[1:]):
                if n:
                    sep = " and " if n == len(who) - 2 else ", "
                    pieces.append(sep)
                    pos += len(sep)
                spans.append((actor.id, pos, pos + len(actor.name)))
                pieces.append(actor.name)
                pos += len(actor.name)
            pieces.append(tail)
            pos += len(tail)
        elif who:
            pieces.append(" " + alone)
            pos += 1 + len(alone)
        date = None
        p = self.prec[i]
        if p >= 0 and not self.rel[i]:
            prec = PRECISIONS[p]
            phrase = date_phrase(prec, self.sy[i], self.sm[i], self.sd[i])
            value = date_value(prec, self.sy[i], self.sm[i], self.sd[i], self.iso_y[i], self.iso_w[i])
            prep, _, text = phrase.partition(" ")
            date = (value, self.interval(self.start_day[i], self.end_day[i], prec), "on", text, pos + 1 + len(prep) + 1,
                    False)
            pieces.append(" " + phrase)
            pos += 1 + len(phrase)
        elif self.yu[i]:
            text = f"{MONTHS[self.tm[i] - 1]} {self.td[i]}"
            date = (f"XXXX-{self.tm[i]:02d}-{self.td[i]:02d}", None, "on", text, pos + 4, True)
            pieces.append(" on " + text)
            pos += 4 + len(text)
        report = None
        src = self.src[i]
        if src >= 0:
            outlet = self.actors[src]
            ry, rm, rd = self.ry[i], self.rm[i], self.rd[i]
            when = f"{MONTHS[rm - 1]} {rd}" + ("" if ry == dct_year else f", {ry}")
            cite = f" ({outlet.name}, {when})"
            rday = self.report_day[i]
            r_iv = self.interval(rday, rday + 1, "day")
            name_at = pos + 2
            date_at = name_at + len(outlet.name) + 2
            value = f"{ry:04d}-{rm:02d}-{rd:02d}"
            report = (outlet.id, value, r_iv, cite.strip(), (name_at, name_at + len(outlet.name)), (date_at, when))
            if self.rel[i]:
                # Only the citation dates this event: it happened on or before the report.
                date = (value, r_iv, RELATIONS[1], when, date_at, False)
            pieces.append(cite)
            pos += len(cite)
        pieces.append(".")
        text = "".join(pieces)
        return _Sentence(text, text.count(" ") + 1, i, label, spans, date, report)


def ties_from_columns(cols: EventColumns, event_ids_in_doc_order: list[str], actors: list[Actor],
                      doc_order: np.ndarray) -> list[Tie]:
    """One tie per pair of actors that share an event, weighted by how many they share."""
    ids_by_event = [""] * len(cols)
    for rank, i in enumerate(doc_order.tolist()):
        ids_by_event[i] = event_ids_in_doc_order[rank]
    ptr, idx = cols.actor_ptr, cols.actor_idx
    counts = np.diff(ptr)
    lo_parts, hi_parts, ev_parts = [], [], []
    width = int(counts.max()) if len(counts) else 0
    for p in range(width):
        for q in range(p + 1, width):
            sel = np.flatnonzero(counts > q)
            a, b = idx[ptr[sel] + p], idx[ptr[sel] + q]
            lo_parts.append(np.minimum(a, b))
            hi_parts.append(np.maximum(a, b))
            ev_parts.append(sel)
    if not lo_parts:
        return []
    lo, hi, ev = np.concatenate(lo_parts), np.concatenate(hi_parts), np.concatenate(ev_parts)
    order = np.lexsort((ev, hi, lo))
    lo, hi, ev = lo[order], hi[order], ev[order]
    starts = np.flatnonzero(np.r_[True, (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])])
    ends = np.r_[starts[1:], len(lo)]
    ev_list = ev.tolist()
    return [Tie(actors[a].id, actors[b].id, float(e - s), [ids_by_event[k] for k in ev_list[s:e]])
            for a, b, s, e in zip(lo[starts].tolist(), hi[starts].tolist(), starts.tolist(), ends.tolist())]
