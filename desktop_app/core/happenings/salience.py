"""How much a happening matters to a corpus: corroborating sources, reporting burst, follow-up, actors.

    agreement    = (participants named by two or more sources + 1) / (participants named + 1),
                   each participant weighed by its specificity, log((happenings + 1) / its happenings)
    corroborated = 1 + (distinct sources - 1) * agreement
    salience     = log(1 + corroborated)
                   + 0.5 * log(1 + agreement * sources reporting it in its first BURST_DAYS)
                   + 0.5 * log(1 + sources still reporting it FOLLOW_UP_DAYS or more after the first report)
                   + 0.3 * mean over its people and organizations of log(1 + their happenings) / log(1 + most)

Independent sources count most, but only as far as they tell one story: sources corroborate
a happening when they name the same people, organizations and places. Twelve reports of "X
shares closed at ..." from twelve articles of one day share a verb and a stock exchange, each
about another company; twelve outlets reporting an embassy bombing name the same cities and
the same embassy. A burst (many sources at once) marks news rather than background, and a
happening sources still report days or weeks later (a bombing named in the trial's coverage
a year on) mattered more than one nobody mentions again: a routine market report is many
sources in one day and never again. Prominent actors break ties between otherwise equal
happenings. One score per happening, in one pass.
"""
from __future__ import annotations

import math
from array import array
from collections import defaultdict

import numpy as np

from .features import UNBOUNDED_HI
from .records import Happenings

BURST_DAYS = 3
FOLLOW_UP_DAYS = 3


def _participants(f, r: int) -> set:
    """People (as the words of their names) and other actors of event row ``r``, tagged apart."""
    return {("p", int(x)) for x in f.p_val[f.p_ptr[r]:f.p_ptr[r + 1]].tolist()} | \
        {("o", int(x)) for x in f.o_val[f.o_ptr[r]:f.o_ptr[r + 1]].tolist()}


def _code(p: tuple) -> int:
    """A participant of ``_participants`` as one number (people even, other actors odd)."""
    return 2 * p[1] + (p[0] == "o")


def agreement(f, rows: list[int], specificity=None) -> float:
    """How far the sources of these reports name the same participants (1.0: nothing to tell apart).

    Each participant weighs ``specificity(p)`` (1 when not given): a stock exchange every market
    report names agrees on little, the two cities of one bombing on a lot."""
    if len({int(f.source_code[r]) for r in rows}) < 2:
        return 1.0                         # one source: nobody to agree or disagree with
    named_by: dict = defaultdict(set)
    for r in rows:
        src = int(f.source_code[r])
        for p in _participants(f, r):
            named_by[p].add(src)
    weigh = specificity or (lambda p: 1.0)
    shared = sum(weigh(p) for p, srcs in named_by.items() if len(srcs) >= 2)
    return (shared + 1.0) / (sum(weigh(p) for p in named_by) + 1.0)


def salience(h: Happenings) -> np.ndarray:
    f = h.f
    n = len(h)
    # Actor prominence: in how many happenings each participant (person name word or other actor) takes part.
    # Each happening's participants are kept as numbers in one flat array, in the order its set lists
    # them (the sum below adds them in that order): a set of tuples per happening held ~150 MB at
    # half a million happenings, beside everything the window holds.
    freq: dict = defaultdict(int)
    flat = array("q")
    ptr = array("q", [0])
    for k in range(n):
        ps = set()
        for r in h.rows(k).tolist():
            ps |= _participants(f, r)
        codes = [_code(a) for a in ps]
        flat.extend(codes)
        ptr.append(len(flat))
        for a in codes:
            freq[a] += 1
    top = math.log1p(max([*freq.values(), 1]))

    def specificity(p) -> float:           # inverse happening frequency
        return math.log((n + 1) / freq[_code(p)])
    out = np.zeros(n, np.float64)
    for k in range(n):
        rows = h.rows(k).tolist()
        sources = len({int(f.source_code[r]) for r in rows})
        agree = agreement(f, rows, specificity) if sources > 1 else 1.0
        known = [(int(f.reported[r]), int(f.source_code[r])) for r in rows if f.reported[r] < UNBOUNDED_HI]
        first = min(d for d, _ in known) if known else 0
        burst = len({s for d, s in known if d - first < BURST_DAYS}) if known else sources
        follow_up = len({s for d, s in known if d - first >= FOLLOW_UP_DAYS})
        weights = [math.log1p(freq[a]) for a in flat[ptr[k]:ptr[k + 1]]]
        prominence = (sum(weights) / len(weights) / top) if weights else 0.0
        out[k] = (math.log1p(1 + (sources - 1) * agree) + 0.5 * math.log1p(agree * burst)
                  + 0.5 * math.log1p(follow_up) + 0.3 * prominence)
    return out


def key_happenings(h: Happenings, top: int) -> list[int]:
    """The ``top`` most salient happenings, most salient first (ties: earlier id first)."""
    s = salience(h)
    order = sorted(range(len(h)), key=lambda k: (-s[k], h.ids[k]))
    return order[:max(0, top)]
