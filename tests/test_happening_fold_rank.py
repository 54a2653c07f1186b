"""Which happening heads an aggregate mark (``HappeningMarks.fold_rank``), at the sizes of a large corpus."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from desktop_app.core.happenings.heads import HappeningMarks


def _ranks(actor_code: int, n: int) -> np.ndarray:
    """``n`` lone happenings, each one report naming one actor whose code is ``actor_code``."""
    rows = np.arange(n)
    marks = HappeningMarks(rows, np.full(n, -1), rows * 86400, rows * 86400 + 86399, np.zeros(n, np.int8),
                           np.ones(n, bool))
    store = SimpleNamespace(c={"date_start": rows.astype(np.int64) * 86400,
                               "actor_ptr": np.arange(n + 1, dtype=np.int64),
                               "actor": np.full(n, actor_code, np.int32),
                               "reported": np.zeros(n, np.int8), "report_start": np.zeros(n, np.int64)})
    return marks.fold_rank(store)


def test_many_happenings_and_many_actors_count_each_happenings_actors_without_overflow():
    # 50,000 happenings x 50,000 actor codes is past 2**31: the happening numbers are kept as int32.
    assert np.array_equal(_ranks(49_999, 50_000), _ranks(0, 50_000))
    rank = _ranks(49_999, 50_000)
    assert np.all(np.diff(rank) < 0)       # equal happenings: the earlier founded heads the aggregate
