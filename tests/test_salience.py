"""Key events: sources count as far as they agree on who and where, and a happening reported again later counts more."""
import numpy as np

from desktop_app.core.happenings.features import EventFeatures
from desktop_app.core.happenings.records import Happenings
from desktop_app.core.happenings.salience import key_happenings, salience

DAY0 = 10_000


def _happenings(reports):
    """reports: (happening, source, reported day offset, [other actor codes]) per event row."""
    n = len(reports)
    o_val, o_ptr = [], [0]
    for _, _, _, actors in reports:
        o_val.extend(actors)
        o_ptr.append(len(o_val))
    sources = sorted({s for _, s, _, _ in reports})
    lo = np.full(n, DAY0, np.int64)
    f = EventFeatures(
        key_code=np.zeros(n, np.int32), keys=["act"], lo=lo, hi=lo + 1, precise=np.ones(n, bool),
        doc=np.arange(n, dtype=np.int32), p_ptr=np.zeros(n + 1, np.int64), p_val=np.zeros(0, np.int32),
        o_ptr=np.array(o_ptr, np.int64), o_val=np.array(o_val, np.int32),
        source_code=np.array([sources.index(s) for _, s, _, _ in reports], np.int32), source_names=sources,
        reported=np.array([DAY0 + d for _, _, d, _ in reports], np.int64),
        s_ptr=np.zeros(n + 1, np.int64), s_val=np.zeros(0, np.int32))      # no story participants
    of_event = np.array([h for h, _, _, _ in reports], np.int32)
    ids = [f"h:{k}" for k in range(of_event.max() + 1)]
    return Happenings(of_event, ids, [f"e{i}" for i in range(n)], ["label"] * n, f)


EXCHANGE = 1


def test_many_sources_each_about_another_company_rank_below_fewer_sources_that_agree():
    # Happening 0: eight articles of one day, each "<company> shares closed", all naming the exchange.
    market = [(0, f"paper{i}", 0, [EXCHANGE, 100 + i]) for i in range(8)]
    # Happening 1: four outlets reporting one bombing, all naming the same two cities.
    bombing = [(1, f"outlet{i}", 0, [10, 11]) for i in range(4)]
    # Other happenings naming the exchange make it a participant of little weight, as in a real corpus.
    background = [(2 + i, f"paper{i}", 1, [EXCHANGE]) for i in range(6)]
    h = _happenings(market + bombing + background)
    s = salience(h)
    assert s[1] > s[0]
    assert key_happenings(h, 1) == [1]


def test_a_happening_still_reported_days_later_outranks_one_reported_once():
    once = [(0, f"a{i}", 0, [20, 21]) for i in range(3)]
    again = [(1, f"b{i}", 0, [30, 31]) for i in range(2)] + [(1, "b2", 9, [30, 31])]
    s = salience(_happenings(once + again))
    assert s[1] > s[0]
