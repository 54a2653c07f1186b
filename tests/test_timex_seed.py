"""The seed article's dates, the acceptance criterion of the temporal tagger (DCT 2007-11, month precision).

"recently", "currently" and "now" are tagged TimeBank-style, as the undated
references PAST_REF / PRESENT_REF: type DATE as TimeML writes them, but with
no interval, so nothing else from the seed lands on the time line.
"""
from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.core.timex import tag

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_54cc48f895b22f49.txt"
REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}


@pytest.fixture(scope="module")
def seed():
    text = SEED.read_text(encoding="utf-8")
    return text, tag(text, "2007-11", "seed")


def test_seed_dated_values_are_exactly_the_expected_ones(seed):
    _, found = seed
    dated = Counter(t.value for t in found if t.value not in REFS)
    assert dated == Counter({"199X": 2, "2007-11-02": 2, "2007-11-07": 2, "2007-11-06": 1, "P1W": 1})


def test_seed_every_span_is_exact(seed):
    text, found = seed
    for t in found:
        assert text[t.start:t.end] == t.text


def test_seed_both_nineties_including_since(seed):
    text, found = seed
    nineties = [t for t in found if t.value == "199X"]
    assert [t.text for t in nineties] == ["the 1990s", "the 1990s"]
    assert text[:nineties[0].start].endswith("since ")
    for t in nineties:
        assert t.interval.precision == "decade"
        assert (t.interval.start, t.interval.end) == (datetime(1990, 1, 1), datetime(2000, 1, 1))


def test_seed_yearless_days_take_the_dct_year(seed):
    _, found = seed
    days = [t for t in found if t.value.startswith("2007-11-")]
    assert [t.text for t in days] == ["November 2", "November 2", "November 7", "November 7", "November 6"]
    for t in days:
        assert t.type == "DATE" and t.interval.precision == "day" and t.anchored and not t.year_unknown
        assert t.interval.start == datetime(2007, 11, int(t.value[-2:]))


def test_seed_past_week_is_the_week_before_publication(seed):
    _, found = seed
    (week,) = [t for t in found if t.value == "P1W"]
    assert week.type == "DURATION" and week.text == "the past week" and week.anchored
    # Published some day in November 2007: the week before it starts no earlier
    # than 7 days before November 1 and ends no later than November 30.
    assert week.interval.start == datetime(2007, 10, 26)
    assert week.interval.end == datetime(2007, 12, 1)
    # The DCT is only known to the month, so the interval is only that precise.
    assert week.interval.precision == "month"


def test_seed_with_a_day_dct_gives_the_exact_week(seed):
    text, _ = seed
    (week,) = [t for t in tag(text, "2007-11-09") if t.value == "P1W"]
    assert (week.interval.start, week.interval.end, week.interval.precision) == (
        datetime(2007, 11, 3), datetime(2007, 11, 10), "week")


def test_seed_references_are_undated(seed):
    _, found = seed
    refs = [t for t in found if t.value in REFS]
    assert {t.text.lower() for t in refs} <= {"now", "currently", "recently"}
    assert all(t.interval is None for t in refs)


def test_seed_no_junk(seed):
    _, found = seed
    texts = {t.text.lower() for t in found}
    for junk in ("may", "404", "4.5", "one", "second", "daily", "sixteen", "12", "1"):
        assert junk not in texts


def test_seed_without_dct_keeps_years_unknown(seed):
    text, _ = seed
    found = tag(text, None, "seed")
    days = [t for t in found if t.text.startswith("November")]
    assert [t.value for t in days] == ["XXXX-11-02", "XXXX-11-02", "XXXX-11-07", "XXXX-11-07", "XXXX-11-06"]
    assert all(t.year_unknown and t.interval is None for t in days)
    (week,) = [t for t in found if t.value == "P1W"]
    assert week.interval is None and not week.anchored
    # The decade is absolute, so it stays on the time line.
    assert [t.value for t in found if t.interval is not None] == ["199X", "199X"]
