"""How much a happening matters to a corpus: independent sources, reporting burst, actor prominence.

  salience = log(1 + distinct sources) + 0.5 * log(1 + reports in its first days of reporting)
             + 0.3 * mean over its people and organizations of log(1 + their happenings) / log(1 + most)

Sources count most: a happening twenty outlets report matters more than one an outlet repeats
twenty times. A burst (many reports at once) marks news rather than background; prominent
actors break ties between otherwise equal happenings. One score per happening, in one pass.
"""
from __future__ import annotations

import math

import numpy as np

from .features import UNBOUNDED_HI
from .records import Happenings

BURST_DAYS = 3


def salience(h: Happenings) -> np.ndarray:
    f = h.f
    n = len(h)
    # Actor prominence: in how many happenings each participant (person name word or other actor) takes part.
    freq_p: dict = {}
    freq_o: dict = {}
    parts = []
    for k in range(n):
        rows = h.rows(k).tolist()
        ps = set(f.p_val[np.concatenate([np.arange(f.p_ptr[r], f.p_ptr[r + 1]) for r in rows])].tolist()) if rows else set()
        os_ = set(f.o_val[np.concatenate([np.arange(f.o_ptr[r], f.o_ptr[r + 1]) for r in rows])].tolist()) if rows else set()
        parts.append((ps, os_))
        for a in ps:
            freq_p[a] = freq_p.get(a, 0) + 1
        for a in os_:
            freq_o[a] = freq_o.get(a, 0) + 1
    top = math.log1p(max([*freq_p.values(), *freq_o.values(), 1]))
    out = np.zeros(n, np.float64)
    for k in range(n):
        rows = h.rows(k).tolist()
        sources = len({int(f.source_code[r]) for r in rows})
        days = [int(f.reported[r]) for r in rows if f.reported[r] < UNBOUNDED_HI]
        burst = sum(1 for d in days if d - min(days) < BURST_DAYS) if days else len(rows)
        ps, os_ = parts[k]
        weights = [math.log1p(freq_p[a]) for a in ps] + [math.log1p(freq_o[a]) for a in os_]
        prominence = (sum(weights) / len(weights) / top) if weights else 0.0
        out[k] = math.log1p(sources) + 0.5 * math.log1p(burst) + 0.3 * prominence
    return out


def key_happenings(h: Happenings, top: int) -> list[int]:
    """The ``top`` most salient happenings, most salient first (ties: earlier id first)."""
    s = salience(h)
    order = sorted(range(len(h)), key=lambda k: (-s[k], h.ids[k]))
    return order[:max(0, top)]
