"""Grouping skips the happenings whose dates ended before a firm event's: exactly those the date test rejects."""
import numpy as np

from desktop_app.core.happenings import HappeningIndex
from desktop_app.core.happenings.features import EventFeatures


def _csr(rng, rows: int, values: int, lengths=(0, 0, 1, 1, 2)):
    n = rng.choice(lengths, rows)
    ptr = np.concatenate([[0], np.cumsum(n)]).astype(np.int64)
    return ptr, rng.integers(0, values, int(ptr[-1])).astype(np.int32)


def _features(seed: int, n: int = 600) -> EventFeatures:
    """Random events crowded into a few keys, weeks and participants, some dates not firm, some stories."""
    rng = np.random.default_rng(seed)
    docs = n // 6
    lo = rng.integers(0, 40, n).astype(np.int64)
    hi = lo + rng.choice([1, 1, 1, 2, 3, 9], n)
    undated = rng.random(n) < 0.1
    lo[undated], hi[undated] = -(2 ** 40), 2 ** 40
    p_ptr, p_val = _csr(rng, n, 12)
    o_ptr, o_val = _csr(rng, n, 10)
    a_ptr, a_val = _csr(rng, n, 8, (0, 0, 0, 1))
    s_ptr, s_val = _csr(rng, docs, 10, (0, 1, 2))
    m_ptr, m_val = _csr(rng, docs, 12, (0, 1))
    story = rng.integers(0, docs // 4, docs)
    doc_story = np.where(rng.random(docs) < 0.5, story, -1 - np.arange(docs))
    return EventFeatures(rng.integers(-1, 3, n).astype(np.int32), ["a", "b", "c"], lo, hi, rng.random(n) < 0.6,
                         rng.integers(0, docs, n).astype(np.int32), p_ptr, p_val, o_ptr, o_val,
                         np.zeros(n, np.int32), ["s"], np.zeros(n, np.int64), s_ptr, s_val, a_ptr,
                         a_val.astype(np.int32) + rng.choice([0, 4], len(a_val)).astype(np.int32), doc_story,
                         m_ptr, m_val, rng.random(n) < 0.8, 4)


class _Unfiltered(HappeningIndex):
    """Every gathered candidate goes through the date test: no happening is ever set aside as past."""

    def _pass(self, day: int) -> None:
        pass


class _Watched(HappeningIndex):
    """Checks, each time the index sets happenings aside, that the date test would reject every one of them."""

    set_aside = 0

    def _pass(self, day: int) -> None:
        super()._pass(day)
        for h in self._past_set:
            assert self.parent[h] == h and self.firm[h] and self.hi[h] < day
        type(self).set_aside += len(self._past_set)


def test_setting_past_happenings_aside_groups_exactly_as_testing_each_of_them():
    for seed in range(6):
        f = _features(seed)
        ids = [str(i) for i in range(len(f))]
        plain, watched = _Unfiltered(f, ids), _Watched(f, ids)
        plain.add()
        watched.add()
        assert np.array_equal(plain.of_event, watched.of_event)
        assert np.array_equal(plain.founder_rows(), watched.founder_rows())
        assert plain.merged or seed        # bridges happen in these crowded corpora
    assert _Watched.set_aside > 1000 and len(np.unique(plain.of_event)) < len(f) * 0.9


def test_a_second_batch_of_earlier_events_is_tested_against_every_candidate():
    # Events added later may be dated before those already placed: nothing is set aside for them.
    f = _features(3)
    ids = [str(i) for i in range(len(f))]
    late = np.flatnonzero(f.lo >= 20)
    early = np.flatnonzero(f.lo < 20)
    plain, filtered = _Unfiltered(f, ids), HappeningIndex(f, ids)
    for index in (plain, filtered):
        index.add(late)
        index.add(early)
    assert np.array_equal(plain.of_event, filtered.of_event)
