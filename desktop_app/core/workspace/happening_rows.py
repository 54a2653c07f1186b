"""Happenings in the workspace file: written beside the cached extraction, read back without regrouping.

Grouping a corpus into happenings (core/happenings) is a corpus-level step after extraction that
takes minutes at a million events, so a workspace keeps its result like it keeps ties: one
``happenings`` row per happening (the record a reader of the file wants: label, date, conflicts,
sources, first report, salience) and one ``happening_of`` row per event.  Reading turns the rows
into ``StoredHappenings`` (the assignment and the ids); ``restore`` makes them a ``Happenings``
again over the corpus's event columns, which costs the features pass, not the grouping.

Anything wrong in these rows (a happening number out of range, an event without its happening,
an id twice) is not a reason to refuse the file: happenings are derived data, so they are
dropped with one line saying so, and grouped again.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Optional

import numpy as np

from desktop_app.core.model import Corpus

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# Salience is a per-happening Python pass; past this many happenings a save does not compute it
# (it is stored when the Key events panel already did).
SALIENCE_AT_SAVE_MAX = 20_000
# A full record (best label, date, conflicts) costs about half a millisecond per happening of several
# reports; past this many of them a save writes their id, first report's label, sources and first
# report only, with the date and conflicts NULL (restoring recomputes them from the reports).
RECORDS_AT_SAVE_MAX = 50_000


@dataclass
class StoredHappenings:
    """What a workspace file holds about its happenings: happening number per event row, and the ids."""
    of_event: np.ndarray            # int32, one per event row (events ordered by ``ord``)
    ids: list[str]
    salience: Optional[np.ndarray] = None   # per happening, NaN where the file has none


def write_happenings(db, corpus: Corpus, stored: Optional[StoredHappenings] = None) -> None:
    """Insert the rows of ``corpus.happenings`` when they describe its events (else nothing: regrouped on open).

    ``stored``: happenings read from a file and never needed since, written back as they were
    (restoring them only to save them would cost the features pass).
    """
    h = getattr(corpus, "happenings", None)
    if h is None or getattr(h, "events", None) is not corpus.events or len(h.of_event) != len(corpus.events):
        if stored is not None and len(stored.of_event) == len(corpus.events):
            h = restore(corpus, stored)
        else:
            return
    score = getattr(h, "salience", None)
    if score is None and len(h) <= SALIENCE_AT_SAVE_MAX:
        from desktop_app.core.happenings.salience import salience
        score = h.salience = salience(h)
    single = _singles(h)
    light = len(h) - len(single) > RECORDS_AT_SAVE_MAX

    def rows():
        for k in range(len(h)):
            sal = None if score is None else float(score[k])
            one = single.get(k)
            if one is not None:
                yield (k, h.ids[k], *one, sal)
                continue
            if light:
                yield (k, h.ids[k], *_light(h, k), sal)
                continue
            one = h[k]
            d = one.date
            yield (k, one.id, one.label, d.start if d else None, d.end if d else None,
                   None if d is None else int(d.precise), _dumps([[c.start, c.end] for c in one.conflicts]),
                   _dumps(one.sources), one.first_report, sal)
    db.executemany("INSERT INTO happenings (ord, id, label, date_start, date_end, date_precise, conflicts, "
                   "sources, first_report, salience) VALUES (?,?,?,?,?,?,?,?,?,?)", rows())
    of = h.of_event
    keep = np.flatnonzero(of >= 0)
    db.executemany("INSERT INTO happening_of (event, happening) VALUES (?,?)",
                   zip(keep.tolist(), of[keep].tolist()))


def _singles(h) -> dict[int, tuple]:
    """The record fields of every happening of one report, in bulk: its event's label, date and source.

    Most happenings are one report (60% at a million events); building a ``Happening`` record for
    each cost most of a save.  The same fields as ``Happening`` gives, from the feature arrays.
    """
    from desktop_app.core.happenings.features import UNBOUNDED_HI, UNBOUNDED_LO
    sizes = h.size()
    ks = np.flatnonzero(sizes == 1)
    if not len(ks):
        return {}
    f = h.f
    rows = h._order[h._ptr[ks]]
    lo, hi = f.lo[rows].astype(np.int64), f.hi[rows].astype(np.int64)
    dated = (lo > UNBOUNDED_LO) & (hi < UNBOUNDED_HI) & (lo < hi)
    day = np.datetime64("1970-01-01", "D")
    starts = np.datetime_as_string(day + np.where(dated, lo, 0).astype("timedelta64[D]")).tolist()
    ends = np.datetime_as_string(day + np.where(dated, hi - 1, 0).astype("timedelta64[D]")).tolist()
    precise = f.precise[rows].tolist()
    labels, ids = h._labels, h._event_ids
    out = {}
    for k, r, ok, a, b, p in zip(ks.tolist(), rows.tolist(), dated.tolist(), starts, ends, precise):
        out[k] = (labels[r], a if ok else None, b if ok else None, int(bool(p)) if ok else None, "[]",
                  _dumps([f.source(r)]), ids[r])
    return out


def _light(h, k: int) -> tuple:
    """A happening's row without its date and conflicts: first report's label, sources, first report."""
    f = h.f
    rows = sorted(h.rows(k).tolist(), key=lambda r: (int(f.reported[r]), r))
    sources = list(dict.fromkeys(f.source(r) for r in rows))
    return (h._labels[rows[0]], None, None, None, "[]", _dumps(sources), h._event_ids[rows[0]])


def read_happenings(db, n_events: int, warnings: list[str]) -> Optional[StoredHappenings]:
    """The stored assignment, checked against the ``n_events`` event rows; None (and a warning) when unusable."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"happenings", "happening_of"} <= tables:
        return None
    ids: list[str] = []
    scores: list[float] = []
    for k, (ord_, id_, sal) in enumerate(db.execute("SELECT ord, id, salience FROM happenings ORDER BY ord")):
        if ord_ != k or not isinstance(id_, str) or not id_:
            return _unusable(warnings, f"happening row {k} has a bad number or id")
        ids.append(id_)
        scores.append(float(sal) if isinstance(sal, (int, float)) and math.isfinite(sal) else math.nan)
    if not ids:
        return None if n_events else StoredHappenings(np.zeros(0, np.int32), [])
    if len(set(ids)) != len(ids):
        return _unusable(warnings, "a happening id occurs twice")
    pairs = db.execute("SELECT event, happening FROM happening_of ORDER BY event").fetchall()
    if len(pairs) != n_events:
        return _unusable(warnings, f"{len(pairs)} events are in a happening, the file holds {n_events}")
    try:
        arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    except (TypeError, ValueError, OverflowError):
        return _unusable(warnings, "a happening assignment is not a number")
    if not np.array_equal(arr[:, 0], np.arange(n_events)):
        return _unusable(warnings, "an event row is missing or repeated")
    of = arr[:, 1]
    if len(of) and (of.min() < 0 or of.max() >= len(ids)):
        return _unusable(warnings, "an event points at a happening that does not exist")
    if len(np.unique(of)) != len(ids):
        return _unusable(warnings, "a happening has no reports")
    sal = np.array(scores, np.float64)
    return StoredHappenings(of.astype(np.int32), ids, None if np.isnan(sal).any() else sal)


def _unusable(warnings: list[str], why: str) -> None:
    warnings.append(f"the saved happenings were unreadable ({why}); they were grouped again")
    return None


def restore(corpus: Corpus, stored: StoredHappenings):
    """``corpus``'s happenings from a stored assignment, without grouping (the features pass only)."""
    from desktop_app.core.happenings import Happenings, event_features
    from desktop_app.core.happenings.features import event_columns
    store = event_columns(corpus)
    f = event_features(corpus, store)
    h = Happenings(stored.of_event, list(stored.ids), store.ids, store.labels, f.grouped())
    h.events = corpus.events
    if stored.salience is not None:
        h.salience = stored.salience
    return h
