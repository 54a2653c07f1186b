"""The time axis: exact conversions over the whole calendar and ticks that read right."""
from __future__ import annotations

import math
from datetime import datetime, timedelta

import pytest
from hypothesis import given, strategies as st

from desktop_app.core import timeaxis as ta


def test_epoch_is_zero_and_days_are_86400_seconds():
    assert ta.to_seconds(datetime(1970, 1, 1)) == 0.0
    assert ta.to_seconds(datetime(1970, 1, 2)) == 86400.0
    assert ta.to_seconds(datetime(1969, 12, 31)) == -86400.0


def test_works_far_before_1970_and_at_calendar_ends():
    assert ta.from_seconds(ta.to_seconds(datetime(1, 1, 1))) == datetime(1, 1, 1)
    assert ta.from_seconds(ta.to_seconds(datetime(9999, 12, 31, 23, 59))) == datetime(9999, 12, 31, 23, 59)
    assert ta.from_seconds(ta.to_seconds(datetime(1066, 10, 14, 9, 30))) == datetime(1066, 10, 14, 9, 30)


def test_out_of_range_clamps_and_nan_is_refused():
    assert ta.from_seconds(-1e15) == datetime(1, 1, 1)
    assert ta.from_seconds(1e15).year == 9999
    with pytest.raises(ValueError):
        ta.from_seconds(float("nan"))


def test_aware_datetimes_are_read_as_wall_time():
    from datetime import timezone
    assert ta.to_seconds(datetime(2007, 11, 2, tzinfo=timezone.utc)) == ta.to_seconds(datetime(2007, 11, 2))


def test_array_conversion_keeps_none_as_nan():
    arr = ta.to_seconds_array([datetime(1970, 1, 2), None])
    assert arr[0] == 86400.0 and math.isnan(arr[1])


@given(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))
def test_round_trip_within_float_resolution(dt):
    # float64 keeps ~30 microseconds at year 9999; whole seconds are exact everywhere
    assert abs(ta.from_seconds(ta.to_seconds(dt)) - dt) <= timedelta(microseconds=40)
    whole = dt.replace(microsecond=0)
    assert ta.from_seconds(ta.to_seconds(whole)) == whole


def _span(a, b):
    return ta.to_seconds(a), ta.to_seconds(b)


def _majors(t):
    return [x for x in t if x.level == ta.MAJOR]


def test_a_week_in_november_gets_day_ticks_with_month_context():
    t = ta.ticks(*_span(datetime(2007, 10, 31), datetime(2007, 11, 6)))
    majors = _majors(t)
    labels = [x.label for x in majors]
    assert labels == ["31", "Nov 2007", "2", "3", "4", "5", "6"]
    assert ta.from_seconds(majors[1].seconds) == datetime(2007, 11, 1)
    # minor ticks every six hours between the days, never on top of a major
    minors = [x for x in t if x.level == ta.MINOR]
    assert minors and all(x.label == "" for x in minors)
    assert not {m.seconds for m in minors} & {m.seconds for m in majors}
    assert ta.from_seconds(minors[0].seconds).hour in (6, 12, 18)


@pytest.mark.parametrize("start,end,unit,count", [
    (datetime(2007, 11, 2, 10, 0), datetime(2007, 11, 2, 10, 5), "minute", 1),
    (datetime(2007, 11, 2, 6), datetime(2007, 11, 2, 18), "hour", 3),
    (datetime(2007, 11, 1), datetime(2007, 12, 20), "week", 1),
    (datetime(2007, 1, 1), datetime(2007, 7, 1), "month", 1),
    (datetime(2005, 1, 1), datetime(2006, 7, 1), "month", 3),
    (datetime(2000, 1, 1), datetime(2006, 6, 1), "year", 1),
    (datetime(1950, 1, 1), datetime(2015, 1, 1), "year", 10),
    (datetime(1300, 1, 1), datetime(2000, 1, 1), "year", 100),
])
def test_step_follows_the_span(start, end, unit, count):
    step = ta.choose_step(*(lambda a, b: (b - a,))(*_span(start, end)))
    assert (step.unit, step.count) == (unit, count)
    majors = _majors(ta.ticks(*_span(start, end)))
    assert 1 <= len(majors) <= 8


def test_months_label_january_with_the_year():
    labels = [x.label for x in _majors(ta.ticks(*_span(datetime(2006, 10, 15), datetime(2007, 3, 15))))]
    assert labels == ["Nov", "Dec", "2007", "Feb", "Mar"]


def test_quarters_fall_on_quarter_starts():
    majors = _majors(ta.ticks(*_span(datetime(2005, 2, 1), datetime(2007, 1, 1))))
    for m in majors:
        assert ta.from_seconds(m.seconds).month in (1, 4, 7, 10)
        assert ta.from_seconds(m.seconds).day == 1


def test_weeks_start_on_monday():
    for m in _majors(ta.ticks(*_span(datetime(2007, 11, 1), datetime(2007, 12, 20)))):
        assert ta.from_seconds(m.seconds).weekday() == 0


def test_decades_and_centuries_are_round():
    for m in _majors(ta.ticks(*_span(datetime(1950, 1, 1), datetime(2020, 1, 1)))):
        assert int(m.label) % 10 == 0
    labels = [x.label for x in _majors(ta.ticks(*_span(datetime(1300, 1, 1), datetime(2000, 1, 1))))]
    assert labels == [str(y) for y in range(1300, 2001, 100)]
    assert all(int(l) % 100 == 0 for l in labels)


def test_hours_show_the_date_at_midnight():
    labels = [x.label for x in _majors(ta.ticks(*_span(datetime(2007, 11, 1, 20), datetime(2007, 11, 2, 16))))]
    assert "2 Nov 2007" in labels
    assert all(":" in l for l in labels if l != "2 Nov 2007")


def test_ticks_before_year_one_never_appear_and_bc_spans_do_not_crash():
    t = ta.ticks(ta.MIN_SECONDS - 1e12, ta.to_seconds(datetime(300, 1, 1)))
    assert t and all(x.seconds >= ta.MIN_SECONDS for x in t)


def test_whole_calendar_span_is_bounded():
    t = ta.ticks(ta.MIN_SECONDS, ta.MAX_SECONDS)
    assert 1 <= len(_majors(t)) <= 11


def test_reversed_and_empty_spans():
    a, b = _span(datetime(2007, 1, 1), datetime(2007, 2, 1))
    assert ta.ticks(b, a) == ta.ticks(a, b)
    assert ta.ticks(a, a) == []
    with pytest.raises(ValueError):
        ta.ticks(float("nan"), 1.0)


@given(st.floats(min_value=ta.MIN_SECONDS, max_value=ta.MAX_SECONDS),
       st.floats(min_value=1.0, max_value=3e11), st.integers(min_value=2, max_value=12))
def test_major_count_never_exceeds_the_limit_below_the_coarsest_step(t0, span, max_major):
    t1 = ta.clamp(t0 + span)
    if t1 <= t0:
        return
    t = ta.ticks(t0, t1, max_major)
    step = ta.choose_step(t1 - t0, max_major)
    majors = _majors(t)
    if step != ta.LADDER[-1]:
        # month lengths vary, and a span between boundaries may step one rung finer: allow two extra
        assert len(majors) <= max(max_major, 2) + 2
    assert all(t0 <= x.seconds <= t1 for x in t)
    assert [x.seconds for x in t] == sorted(x.seconds for x in t)


def test_context_label_names_the_enclosing_unit():
    assert ta.context_label(*_span(datetime(2007, 11, 5), datetime(2007, 11, 9))) == "Nov 2007"
    assert ta.context_label(*_span(datetime(2007, 3, 1), datetime(2007, 7, 1))) == "2007"
    assert ta.context_label(*_span(datetime(2007, 11, 5, 10), datetime(2007, 11, 5, 14))) == "5 Nov 2007"
    assert ta.context_label(*_span(datetime(1900, 1, 1), datetime(2000, 1, 1))) == ""


def test_half_months_fill_the_gap_between_weeks_and_months():
    t0, t1 = _span(datetime(2007, 10, 20), datetime(2007, 12, 5))
    assert ta.choose_step(t1 - t0, 6).unit == "halfmonth"
    majors = _majors(ta.ticks(t0, t1, 6))
    assert [m.label for m in majors] == ["Nov", "16 Nov", "Dec"]
    assert [ta.from_seconds(m.seconds).day for m in majors] == [1, 16, 1]
    labels = [m.label for m in _majors(ta.ticks(*_span(datetime(2007, 12, 20), datetime(2008, 2, 5)), 6))]
    assert labels == ["2008", "16 Jan", "Feb"]
    assert ta.context_label(t0, t1, 6) == "2007"


def test_a_span_between_boundaries_still_gets_two_labels():
    # eleven days with room for four labels: weeks would give only "5 Nov"
    labels = [m.label for m in _majors(ta.ticks(*_span(datetime(2007, 10, 30), datetime(2007, 11, 10)), 4))]
    assert len(labels) >= 2
    assert len(labels) <= 6
