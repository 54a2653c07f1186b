"""Synthetic events as arrays: who, when, at what precision, reported by whom, in which document.

Everything is drawn from one ``numpy.random.Generator`` seeded by the
caller, in a fixed order, so a seed always gives the same corpus.  The
shapes follow what news corpora look like rather than uniform noise:

- actor frequencies follow a Zipf law (a few actors in most events);
- event days mix a background that grows towards the present with bursts
  (crises) of a few days to a few months;
- dates are written at mixed precision, a few only as "on or before" a
  report, a few without their year, a few not at all;
- reports come from media actors on or after the event.
"""
from __future__ import annotations

import random
from datetime import date

import numpy as np

from ..model import ACTOR_TYPES, PRECISIONS
from .calendar import DAY_SECONDS, P_DAY, P_DECADE, P_MONTH, P_QUARTER, P_SEASON, P_WEEK, P_YEAR, interval_days
from .columns import NO_PRECISION, EventColumns
from .names import ACTOR_TYPE_SHARES, NameMaker
from .phrases import VERBS

# Share of events per way of dating them; "year_unknown" is a month and day with no
# year, "undated" an event whose sentence carries no date at all.
DEFAULT_PRECISION_MIX = {
    "day": 0.60, "month": 0.15, "year": 0.10, "week": 0.0167, "quarter": 0.0167, "season": 0.0166,
    "decade": 0.05, "year_unknown": 0.04, "undated": 0.01,
}
_CODES = {"day": P_DAY, "week": P_WEEK, "month": P_MONTH, "quarter": P_QUARTER, "season": P_SEASON,
          "year": P_YEAR, "decade": P_DECADE, "year_unknown": -2, "undated": -3}
# Shares of events with 1, 2, 3 and 4 participants.
ACTORS_PER_EVENT = (0.3, 0.4, 0.2, 0.1)


def zipf_weights(n: int, s: float) -> np.ndarray:
    w = np.arange(1, n + 1, dtype=np.float64) ** -s
    return w / w.sum()


def _days(day: date) -> int:
    return (day - date(1970, 1, 1)).days


def sample_days(rng: np.random.Generator, n: int, first_year: int, last_year: int,
                background: float = 0.4) -> np.ndarray:
    """Event days: a background that thickens towards the present, plus bursts."""
    lo, hi = _days(date(first_year, 1, 1)), _days(date(last_year, 12, 31))
    span = hi - lo
    is_bg = rng.random(n) < background
    n_bursts = max(1, int(round(np.sqrt(n) / 2)))
    centers = lo + rng.integers(0, span + 1, n_bursts)
    # Heavy-tailed burst sizes: a handful of major crises, many small stories.
    sizes = rng.pareto(1.2, n_bursts) + 1.0
    widths = np.exp(rng.normal(np.log(6.0), 1.0, n_bursts))  # days; median ~6, some months long
    which = rng.choice(n_bursts, size=n, p=sizes / sizes.sum())
    burst_days = centers[which] + np.round(rng.laplace(0.0, 1.0, n) * widths[which]).astype(np.int64)
    bg_days = lo + np.floor(np.sqrt(rng.random(n)) * (span + 1)).astype(np.int64)  # density rising linearly
    days = np.where(is_bg, bg_days, burst_days)
    return np.clip(days, lo, hi)


def sample_participants(rng: np.random.Generator, n_events: int, weights: np.ndarray,
                        per_event=ACTORS_PER_EVENT) -> tuple[np.ndarray, np.ndarray]:
    """1-4 distinct actors per event drawn by Zipf weight; CSR ``(ptr, idx)``."""
    k = rng.choice(len(per_event), size=n_events, p=np.asarray(per_event) / sum(per_event)) + 1
    draws = rng.choice(len(weights), size=(n_events, len(per_event)), p=weights).astype(np.int32)
    keep = np.arange(len(per_event))[None, :] < k[:, None]
    # An actor cannot take part twice in one event: redraw repeats, then drop what still repeats.
    for _ in range(3):
        dup = _repeats(draws) & keep
        if not dup.any():
            break
        draws[dup] = rng.choice(len(weights), size=int(dup.sum()), p=weights)
    keep &= ~_repeats(draws)
    counts = keep.sum(axis=1)
    ptr = np.zeros(n_events + 1, np.int64)
    np.cumsum(counts, out=ptr[1:])
    return ptr, draws[keep]


def _repeats(draws: np.ndarray) -> np.ndarray:
    """True where a cell repeats an actor seen earlier in its row."""
    out = np.zeros(draws.shape, bool)
    for j in range(1, draws.shape[1]):
        out[:, j] = (draws[:, :j] == draws[:, j:j + 1]).any(axis=1)
    return out


def make_actor_table(n_actors: int, seed: int) -> tuple[list[str], np.ndarray]:
    """Distinct names and type codes; the type mix is shuffled over the Zipf ranks."""
    rng = np.random.default_rng([seed, 1])
    kinds, shares = zip(*ACTOR_TYPE_SHARES)
    codes = rng.choice(len(kinds), size=n_actors, p=np.asarray(shares) / sum(shares))
    if n_actors and not (codes == kinds.index("media")).any():
        codes[-1] = kinds.index("media")   # someone has to report
    maker = NameMaker(random.Random(seed))
    names = [maker.make(kinds[c]) for c in codes]
    types = np.array([ACTOR_TYPES.index(kinds[c]) for c in codes], np.int8)
    return names, types


def make_event_columns(n_events: int, n_actors: int, seed: int = 0, *, first_year: int = 1960,
                       last_year: int = 2025, zipf_s: float = 1.1, precision_mix: dict | None = None,
                       on_or_before_share: float = 0.08, report_share: float = 0.7,
                       events_per_doc: int = 20) -> EventColumns:
    """``n_events`` events among ``n_actors`` actors, as arrays; deterministic in ``seed``."""
    if n_events < 0 or n_actors < 1:
        raise ValueError("need n_events >= 0 and at least one actor")
    if first_year > last_year or first_year < 1 or last_year > 9000:
        raise ValueError(f"bad year range {first_year}..{last_year}")
    mix = dict(DEFAULT_PRECISION_MIX if precision_mix is None else precision_mix)
    unknown = set(mix) - set(_CODES)
    if unknown:
        raise ValueError(f"unknown precision kinds {sorted(unknown)}; use {sorted(_CODES)}")
    rng = np.random.default_rng(seed)
    names, types = make_actor_table(n_actors, seed)

    true_day = sample_days(rng, n_events, first_year, last_year)
    kinds = list(mix)
    p = np.asarray([mix[k] for k in kinds], np.float64)
    kind_codes = np.asarray([_CODES[k] for k in kinds], np.int8)[rng.choice(len(kinds), size=n_events, p=p / p.sum())]
    precision = np.where(kind_codes >= 0, kind_codes, NO_PRECISION).astype(np.int8)
    year_unknown = kind_codes == -2

    zipf = zipf_weights(n_actors, zipf_s)
    actor_ptr, actor_idx = sample_participants(rng, n_events, zipf)
    label = rng.integers(0, len(VERBS), n_events).astype(np.int16)

    # Reports: media actors, themselves Zipf-distributed, a few days after the event.
    media = np.flatnonzero(types == ACTOR_TYPES.index("media"))
    has_report = rng.random(n_events) < report_share
    report_source = np.where(has_report, media[rng.choice(len(media), size=n_events, p=zipf_weights(len(media), zipf_s))], -1).astype(np.int32)
    report_day = true_day + rng.geometric(0.35, n_events) - 1
    # "On or before": only a dated citation places the event, so its date is the report's day.
    # Drawn among reported day-precision events so that the share holds over all events.
    eligible = has_report & (precision == P_DAY)
    obb = eligible & (rng.random(n_events) < on_or_before_share / max(eligible.mean() if n_events else 1.0, 1e-9))
    relation = obb.astype(np.int8)

    start_d, end_d = interval_days(np.where(obb, report_day, true_day), np.maximum(precision, 0))
    on_line = precision >= 0
    start = np.where(on_line, start_d * DAY_SECONDS, np.nan)
    end = np.where(on_line, end_d * DAY_SECONDS, np.nan)

    doc, dct_day = _assign_documents(rng, np.where(has_report, report_day, true_day), events_per_doc)
    n_docs = int(dct_day.shape[0])
    return EventColumns(
        start=start, end=end, precision=precision, relation=relation, year_unknown=year_unknown, doc=doc,
        actor_ptr=actor_ptr, actor_idx=actor_idx, report_source=report_source, actor_names=names,
        actor_types=types, doc_ids=[f"syn{j:06d}" for j in range(n_docs)], true_day=true_day,
        report_day=report_day, label=label, doc_dct_day=dct_day,
    )


def _assign_documents(rng: np.random.Generator, known_day: np.ndarray, per_doc: int) -> tuple[np.ndarray, np.ndarray]:
    """Group events that were reported around the same time into documents written after them."""
    n = known_day.shape[0]
    if n == 0:
        return np.zeros(0, np.int32), np.zeros(0, np.int64)
    per_doc = max(1, per_doc)
    order = np.argsort(known_day, kind="stable")
    # Enough sizes to cover every event whatever the draw; unused ones are ignored.
    sizes = np.maximum(1, rng.poisson(per_doc, int(n / per_doc * 1.5) + 3))
    bounds = np.cumsum(sizes)
    doc_of_rank = np.searchsorted(bounds, np.arange(n), side="right").astype(np.int32)
    n_docs = int(doc_of_rank[-1]) + 1
    doc = np.empty(n, np.int32)
    doc[order] = doc_of_rank
    latest = np.full(n_docs, np.iinfo(np.int64).min)
    np.maximum.at(latest, doc, known_day)
    dct_day = latest + rng.integers(0, 3, n_docs)   # written up to two days after its last news
    return doc, dct_day
