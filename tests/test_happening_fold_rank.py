"""Which happening heads an aggregate mark (``HappeningMarks.fold_rank``), at the sizes of a large corpus."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from desktop_app.core.folding import salience
from desktop_app.core.happenings.heads import HappeningMarks, distinct
from desktop_app.core.store.times import NONE


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


def test_fold_rank_counts_each_happenings_distinct_actors_over_its_placed_reports():
    # Reports repeat actors within and across rows; undated reports name actors that must not count.
    rng = np.random.default_rng(3)
    n, n_h = 4000, 700
    of = rng.integers(0, n_h, n)
    of[:n_h] = np.arange(n_h)                    # every happening has a report
    per_row = rng.integers(0, 4, n)
    ptr = np.concatenate([[0], np.cumsum(per_row)]).astype(np.int64)
    actor = rng.integers(0, 60, int(ptr[-1])).astype(np.int32)
    dated = rng.random(n) < 0.8
    start = np.where(dated, np.arange(n, dtype=np.int64) * 86400, NONE)
    reported = (rng.random(n) < 0.3).astype(np.int8)
    marks = HappeningMarks(of, rng.integers(0, 9, n), start, start + 86399, np.zeros(n, np.int8), dated)
    store = SimpleNamespace(c={"date_start": start, "actor_ptr": ptr, "actor": actor, "reported": reported,
                               "report_start": np.where(reported != 0, start, NONE)})
    actors = [set() for _ in range(n_h)]
    has_report = np.zeros(n_h, bool)
    for r in range(n):
        if dated[r]:
            actors[of[r]].update(actor[ptr[r]:ptr[r + 1]].tolist())
            has_report[of[r]] |= bool(reported[r])
    want = salience(marks.sources, np.array([len(a) for a in actors]), has_report) \
        + 0.5 * (1.0 - np.arange(n_h) / n_h)
    assert np.allclose(marks.fold_rank(store), want)


def test_distinct_sorting_its_keys_in_place_gives_the_same_values():
    keys = np.random.default_rng(5).integers(-2 ** 40, 2 ** 40, 50_000)
    keys[::7] = keys[0]
    want = np.unique(keys)
    assert np.array_equal(distinct(keys), want) and not np.array_equal(keys, np.sort(keys))
    assert np.array_equal(distinct(keys.copy(), in_place=True), want)
    assert np.array_equal(distinct(np.array([4]), in_place=True), [4]) and len(distinct(np.zeros(0, np.int64))) == 0


def test_marks_count_each_happenings_distinct_sources_and_head_it_with_its_commonest_placed_date():
    rng = np.random.default_rng(11)
    n, n_h = 6000, 900
    of = rng.integers(0, n_h, n).astype(np.int32)
    of[:n_h] = np.arange(n_h)
    src = rng.integers(-1, 40, n).astype(np.int32)          # -1: no source known
    day = rng.integers(0, 3, n).astype(np.int64) * 86400
    placed = rng.random(n) < 0.7
    marks = HappeningMarks(of, src, day, day + 86400, np.zeros(n, np.int8), placed)
    for h in range(0, n_h, 37):
        rows = np.flatnonzero(of == h)
        assert marks.reports[h] == len(rows) and marks.sources[h] == len(set(src[rows].tolist()))
        head = int(marks.head[h])
        assert of[head] == h and (placed[head] or not placed[rows].any())
        pool = rows[placed[rows]] if placed[rows].any() else rows
        counts = np.bincount(day[pool] // 86400, minlength=3)
        assert counts[day[head] // 86400] == counts.max()
