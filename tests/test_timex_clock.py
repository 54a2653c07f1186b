"""The tagger never reads the clock: results depend on the text and the DCT only."""
from __future__ import annotations

import datetime as dt
import inspect
import re
from pathlib import Path

import pytest

import desktop_app.core.timex as timex_pkg
from desktop_app.core.timex import tag
from desktop_app.core.timex import tagger as tagger_mod

TEXT = ("Officials said on Friday that the plant closed two years ago, reopened last month and "
        "will be inspected on November 2. Sales rose in the past week and yesterday.")


def test_no_clock_calls_in_the_package():
    pkg = Path(timex_pkg.__file__).parent
    for f in pkg.glob("*.py"):
        src = f.read_text(encoding="utf-8")
        assert not re.search(r"\b(?:now|today|utcnow)\(\)|time\.time\(\)|localtime\(", src), f.name


class _FrozenDate(dt.date):
    @classmethod
    def today(cls):
        return cls(1970, 1, 1)


class _FrozenDatetime(dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(1970, 1, 1)

    @classmethod
    def today(cls):
        return cls(1970, 1, 1)


def test_results_do_not_change_when_the_clock_does(monkeypatch):
    before = [(t.text, t.value, t.interval) for t in tag(TEXT, "2007-11-09")]
    monkeypatch.setattr(dt, "date", _FrozenDate)
    monkeypatch.setattr(dt, "datetime", _FrozenDatetime)
    after = [(t.text, t.value, t.interval) for t in tag(TEXT, "2007-11-09")]
    assert before == after
    assert ("November 2", "2007-11-02") in [(a, b) for a, b, _ in after]


def test_without_dct_nothing_relative_is_placed():
    found = tag(TEXT, None)
    assert found
    for t in found:
        assert t.interval is None, (t.text, t.value)
    assert {t.value for t in found} >= {"XXXX-11-02", "PAST_REF", "XXXX-WXX-5"}


@pytest.mark.parametrize("dct", ["1989-11-02", "2007-11", "1998-02-06T22:19:00", None])
def test_windowed_search_matches_a_full_scan(dct):
    """The keyword windows are an optimisation only: they must find exactly what a full scan finds."""
    texts = [TEXT, Path(__file__).resolve().parent.parent.joinpath("seeds", "000_54cc48f895b22f49.txt").read_text(encoding="utf-8"),
             "At 9 a.m. EST Tuesday, in the fiscal third quarter of 1989, every Monday, twice a week, "
             "the 1990s, the 20th century, Christmas 1998, 10:30 GMT, noon, the summer of 1990, "
             "three-year, a half hour, for years, daily, the year-ago quarter, a year earlier.",
             "On New Year's Day 1999, Good Friday, the Fourth of July, Thanksgiving Day and Christmas Eve; "
             "more than four decades ago, about 5 1/2 hours, the next morning, that same day, the weekend, "
             "nineteen ninety-six, the year two thousand, from January to March 2007, September 11-12, 2007."]
    anchor = tagger_mod.make_anchor(dct)
    for text in texts:
        fast = [(s, e, h.value) for s, e, h, _ in tagger_mod.find(text, anchor)]
        full = [(s, e, h.value) for s, e, h, _ in tagger_mod.find(text, anchor, windowed=False)]
        assert fast == full
        assert fast
