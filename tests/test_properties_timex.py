"""Property tests of the temporal tagger: any text, any creation time, no crash, well-formed output.

Arbitrary unicode, control characters, digit soup and month-name soup are
thrown at ``tag(text, dct)`` with random creation times (including none and
the calendar's extremes). Every result must be a span of the text, carry a
well-formed TIMEX3 value, and sit on the time line as a non-empty interval
of a known precision.
"""
from __future__ import annotations

import re
from datetime import datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop_app.core.model import PRECISIONS, TIMEX_TYPES
from desktop_app.core.timex import tag

BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- what a well-formed TIMEX3 value is -------------------------------------------
_YEAR = r"(?:BC)?(?:\d{4}|\d{3}X|\d{2}XX|\dXXX|XXXX)"
_DAY_PART = r"(?:\d{2}|XX)"
_CALENDAR = rf"-{_DAY_PART}(?:-{_DAY_PART})?"
_WEEK = r"-W(?:\d{2}|XX)(?:-(?:[1-7]|X|WE))?"
_PART = r"-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI|WE)"
_TIME = r"T(?:\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?|MO|AF|EV|NI|DT|MI)"
_DATE = rf"{_YEAR}(?:{_CALENDAR}|{_WEEK}|{_PART})?(?:{_TIME})?"
# TimeML writes a century by its first two digits ("the 1800s": 18) and a
# decade by its first three ("the 1990s": 199).
_CENTURY = r"\d{2,3}"
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?:(?:{_AMOUNT}(?:Y|M|W|D|DE|CE|ML|Q|H|L))+(?:T(?:{_AMOUNT}[HMS])+)?|T(?:{_AMOUNT}[HMS])+)"
_REF = r"PRESENT_REF|PAST_REF|FUTURE_REF"
TIMEX3_VALUE = re.compile(rf"(?:{_DATE}|{_TIME}|{_CENTURY}|{_DURATION}|{_REF})")


def well_formed(value: str) -> bool:
    return isinstance(value, str) and TIMEX3_VALUE.fullmatch(value) is not None


def check_timex(t, text: str, doc_id: str) -> None:
    """Everything a consumer of a ``Timex`` may rely on; shared with the extractor's properties."""
    assert t.doc == doc_id
    assert 0 <= t.start < t.end <= len(text), (t.start, t.end, len(text))
    assert text[t.start:t.end] == t.text, (t.text, text[t.start:t.end])
    assert t.type in TIMEX_TYPES, t.type
    assert well_formed(t.value), f"malformed TIMEX3 value {t.value!r} for {t.text!r}"
    if t.interval is not None:
        assert isinstance(t.interval.start, datetime) and isinstance(t.interval.end, datetime), t.interval
        assert t.interval.start < t.interval.end, (t.text, t.interval)
        assert t.interval.precision in PRECISIONS, t.interval.precision


@pytest.mark.parametrize("value", [
    "2007", "2007-11", "2007-11-09", "2007-11-09T14:30", "2007-11-09T14:30:05", "2007-11-09TMO",
    "199X", "19XX", "XXXX-11-02", "XXXX-XX-XX", "2007-W44", "XXXX-WXX-1", "2007-W44-WE", "2007-Q3",
    "2007-SU", "2007-H1", "18", "199", "P1W", "P2Y", "PT3H", "P1Y6M", "PXY", "P2DE", "P1.5D", "T14:00", "TNI",
    "PRESENT_REF", "PAST_REF", "FUTURE_REF",
])
def test_validator_accepts_timex3_values(value):
    assert well_formed(value)


@pytest.mark.parametrize("value", [
    "", "2007-1-9", "07-11-09", "November 2007", "2007-13-XX-", "P", "PT", "P1", "2007-Q5", "2007-W4",
    "NOW", "2007/11/09", "2007-11-09 14:30", "None", "2007-11-09T", "XXXX-", "P1Y2", "1990s",
])
def test_validator_rejects_malformed_values(value):
    assert not well_formed(value)


# -- inputs -----------------------------------------------------------------------
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December", "Jan.", "Feb", "Sept.", "Dec"]
WORDS = MONTHS + [
    "Monday", "Friday", "weekend", "today", "yesterday", "tomorrow", "tonight", "morning", "now",
    "last", "next", "this", "ago", "later", "earlier", "since", "until", "by", "in", "on", "of",
    "the", "a", "early", "mid", "late", "end", "beginning", "week", "weeks", "month", "months", "year",
    "years", "decade", "century", "quarter", "Q1", "Q4", "spring", "summer", "fall", "winter", "1990s",
    "'90s", "2007", "1998", "07", "0", "00", "31", "29", "13", "9999", "12:30", "p.m.", "BC", "AD",
    "first", "second", "third", "two", "three", "twenty", "hundred", "each", "every", "daily",
    "fiscal", "FY2008", "2007/08", "2007-11-09", "09/11/2007", "1st", "22nd", "-", "–", "/", ",", ".",
]
dcts = st.one_of(
    st.none(),
    st.integers(1900, 2100).map(lambda y: f"{y:04d}"),
    st.dates().filter(lambda d: 1900 <= d.year <= 2100).map(lambda d: d.isoformat()[:7]),
    st.dates().filter(lambda d: 1900 <= d.year <= 2100).map(lambda d: d.isoformat()),
    st.datetimes().filter(lambda d: 1900 <= d.year <= 2100).map(lambda d: d.isoformat(timespec="minutes")),
)
# Any day of the calendar, years 1 to 9999, at day, month or year precision.
far_dcts = st.dates().flatmap(
    lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]]))
unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
control_text = st.text(st.characters(max_codepoint=0x20) | st.sampled_from("0123456789 March\u2028\u00a0\ufeff"),
                       max_size=200)
# Numbers of date-like widths joined by date-like separators, so that numeric
# date patterns (09/11/2007, 2007-13-45, 12:30) actually fire.
digit_text = st.lists(
    st.tuples(st.one_of(st.integers(0, 99).map(lambda n: f"{n:02d}"), st.integers(0, 9999).map(str),
                        st.integers(1, 31).map(str)),
              st.sampled_from(["-", "/", ".", ":", " ", ", ", "'", "T", ""])),
    max_size=30).map(lambda parts: "".join(n + sep for n, sep in parts))
word_soup = st.lists(st.sampled_from(WORDS), max_size=40).flatmap(
    lambda ws: st.lists(st.sampled_from([" ", " ", " ", ", ", "-", "\n", "  ", "/"]),
                        min_size=len(ws), max_size=len(ws)).map(
        lambda seps: "".join(w + s for w, s in zip(ws, seps))))


def _tag_and_check(text, dct):
    found = tag(text, dct, "doc")
    assert isinstance(found, list)
    for t in found:
        check_timex(t, text, "doc")
    spans = sorted((t.start, t.end) for t in found)
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2, f"overlapping timexes {text[s1:e1]!r} and {text[s2:e2]!r}"


@BOUNDED
@given(text=unicode_text, dct=dcts)
def test_tagger_on_arbitrary_unicode(text, dct):
    _tag_and_check(text, dct)


@BOUNDED
@given(text=control_text, dct=dcts)
def test_tagger_on_control_characters(text, dct):
    _tag_and_check(text, dct)


@BOUNDED
@given(text=digit_text, dct=dcts)
@example(text="31/12/9999 0000-00-00 1900-02-29 2007-13-45 99:99", dct="2007-11-09")
def test_tagger_on_digit_soup(text, dct):
    _tag_and_check(text, dct)


@BOUNDED
@given(text=word_soup, dct=dcts)
@example(text="February 29, last year, next February 29", dct="2008-02-29")
@example(text="the end of the fourth quarter of next year", dct="2007-12")
def test_tagger_on_month_name_soup(text, dct):
    _tag_and_check(text, dct)


@BOUNDED
@given(text=word_soup, dct=far_dcts)
def test_tagger_far_from_the_present(text, dct):
    _accepts_or_refuses_cleanly(text, dct)


def _accepts_or_refuses_cleanly(text, dct):
    # The tagger may refuse a creation time it cannot place with its documented
    # ValueError; one it accepts must give well-formed results.
    try:
        tag("", dct, "doc")
    except ValueError as exc:
        assert dct in str(exc)
        return
    _tag_and_check(text, dct)


@pytest.mark.parametrize("dct", ["0001", "0001-01", "0001-01-01", "0001-06-15", "9998-12-31", "9999", "9999-01",
                                 "9999-12", "9999-12-30", "9999-12-31", "9999-12-31T23:59"])
def test_tagger_at_the_ends_of_the_calendar(dct):
    _accepts_or_refuses_cleanly("yesterday, tomorrow, this week, last year, next month, two years ago, "
                                "next decade, in three years, the next century", dct)
