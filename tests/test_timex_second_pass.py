"""The tagger's second pass: discourse anchoring, better tense cues and the news forms it newly reads.

Every text here is invented for the test; values are what TimeML asks for.
"""
from __future__ import annotations

import pytest

from desktop_app.core.timex import tag


def found(text, dct):
    return [(t.text, t.value) for t in tag(text, dct)]


def value_of(text, dct, phrase):
    hits = [t for t in tag(text, dct) if t.text == phrase]
    assert len(hits) == 1, found(text, dct)
    return hits[0]


# --- discourse anchoring ---------------------------------------------------------

@pytest.mark.parametrize("text, dct, phrase, value", [
    # A clock time takes the day its sentence has just named, not the DCT's.
    ("Police said the man was arrested on Oct. 9 at about 2 a.m. near the border.", "2008-10-16", "2 a.m.",
     "2008-10-09T02:00"),
    ("The fire started on Sunday shortly after 11 p.m., officials said.", "2008-10-16", "11 p.m.",
     "2008-10-12T23:00"),
    # ... but a day named in an earlier sentence does not reach it.
    ("The storm hit on Oct. 9. Officials will brief reporters at 3 p.m.", "2008-10-16", "3 p.m.",
     "2008-10-16T15:00"),
    # A day written after a parenthesis still dates the time before it.
    ("The blast occurred at about 10:35 a.m. (0735 GMT) Friday, officials said.", "1998-08-08", "10:35 a.m.",
     "1998-08-07T10:35"),
    # ... or after a place.
    ("Brent traded at $70 at 10:30 a.m. in London on Wednesday.", "2014-12-05", "10:30 a.m.", "2014-12-03T10:30"),
    # A year the sentence has just said dates a bare month after it.
    ("Three rounds of talks were held last year, the most recent in mid-December.", "2015-10-07", "mid-December",
     "2014-12"),
    ("In 2010 the firm hired 200 people, most of them in March.", "2011-06-01", "March", "2010-03"),
])
def test_discourse_anchoring(text, dct, phrase, value):
    assert value_of(text, dct, phrase).value == value


def test_a_weekday_picks_the_year_of_a_date_said_without_one():
    # 9 January fell on a Thursday in 2020, not in 2021; the next date in the sentence follows it.
    assert found("Officials met on Thursday, Jan. 9, and again on Jan. 16.", "2021-06-15") == [
        ("Thursday, Jan. 9", "2020-01-09"), ("Jan. 16", "2020-01-16")]


@pytest.mark.parametrize("dct", ["2007-11", "2007-11-14"])
def test_a_source_citation_is_dated_on_or_before_the_article(dct):
    text = "Officials agreed (Interfax, October 30; RIA Novosti, December 12). The summit is on December 12."
    assert found(text, dct) == [("October 30", "2007-10-30"), ("December 12", "2006-12-12"),
                                ("December 12", "2007-12-12")]


def test_a_guessed_year_does_not_spread_to_the_next_date():
    # "Jan. 2" gets its year by inference; that guess must not move "Dec. 15" a year on.
    t = value_of("The dividend is payable Jan. 2 to stock of record Dec. 15.", "1989-11-02", "Dec. 15")
    assert t.value == "1989-12-15"


# --- tense cues ------------------------------------------------------------------

@pytest.mark.parametrize("text, dct, phrase, value", [
    # Past perfect before, "but would" after: the verb before the day governs it.
    ("Troops had withdrawn from two villages on Thursday night but would hold their positions.", "2020-12-20",
     "Thursday night", "2020-12-17"),
    # "expected" looks like a past participle but announces the future.
    ("Elections are expected in the autumn, officials said.", "2010-05-21", "the autumn", "2010-FA"),
    # A deadline: "until X to do" is still ahead, whatever the main verb's tense.
    ("The agency has given the family until 9 a.m. Tuesday to sign the paper.", "2000-04-03", "9 a.m. Tuesday",
     "2000-04-04T09:00"),
    # "their next meeting" points forward; "next to" is a place, not a cue.
    ("Ministers decided to keep output unchanged until their next meeting in June.", "2014-12-03", "June", "2015-06"),
    ("A bomb exploded next to the embassy on Friday.", "1998-08-08", "Friday", "1998-08-07"),
    ("Talks are unlikely to restart before spring, diplomats said.", "2020-12-20", "spring", "2021-SP"),
    ("The firm has completed the sale on Monday.", "2024-02-28", "Monday", "2024-02-26"),
    # A measure that starts on a day looks forward from its announcement.
    ("The government imposed a curfew starting Wednesday.", "2020-08-25", "Wednesday", "2020-08-26"),
    # The present of a scheduled event points forward.
    ("The first clinic opens on Monday at 8 a.m.", "2017-10-12", "Monday", "2017-10-16"),
    ("Traders now expect five rate increases by December.", "2022-02-14", "December", "2022-12"),
])
def test_tense_cues(text, dct, phrase, value):
    assert value_of(text, dct, phrase).value == value


# --- newly read forms --------------------------------------------------------------

@pytest.mark.parametrize("text, dct, phrase, value, mod", [
    ("The storm reaches the coast late Tuesday.", "2023-01-09", "late Tuesday", "2023-01-10", "END"),
    ("Fighting resumed early Saturday.", "2020-12-20", "early Saturday", "2020-12-19", "START"),
    ("They will file by the end of the month.", "2019-03-14", "the end of the month", "2019-03", "END"),
    ("Work resumes at the beginning of the week.", "2019-03-14", "the beginning of the week", "2019-W11", "START"),
    ("Positions are held until the new year.", "2020-12-20", "the new year", "2021", None),
    ("A first-elected senator in '98 retires.", "2011-03-29", "'98", "1998", None),
    ("The album came out in June '04.", "2011-03-29", "June '04", "2004-06", None),
    ("Signed on 25/12/2001 in Rome.", "2011-03-29", "25/12/2001", "2001-12-25", None),
    ("Signed on 2001/03/04 in Seoul.", "2011-03-29", "2001/03/04", "2001-03-04", None),
    ("Signed on 04.03.2001 in Berlin.", "2011-03-29", "04.03.2001", "2001-03-04", None),
    ("The fund sold on May 14 and bought back on the 28th.", "2009-06-12", "the 28th", "2009-05-28", None),
    ("Results are due on the 28th.", "2009-06-12", "the 28th", "2009-06-28", None),
    ("The shop reopened on the 3rd.", "2009-06-12", "the 3rd", "2009-06-03", None),
    ("A vote will be held on the first Tuesday of November.", "2011-03-29", "the first Tuesday of November",
     "2011-11-01", None),
    ("It closes on the last Friday in May 2012.", None, "the last Friday in May 2012", "2012-05-25", None),
    ("Built at the turn of the century.", "2011-03-29", "the turn of the century", "2000", "APPROX"),
    ("Sales were flat compared with this time last year.", "2021-06-15", "this time last year", "2020-06-15", None),
    ("He arrived on Monday; he had left home the day before.", "2021-06-15", "the day before", "2021-06-13", None),
    ("He had resigned the year before.", "2021-06-15", "the year before", "2020", None),
    ("Deliveries resumed the week of March 6.", "2021-06-15", "the week of March 6", "2021-W09", None),
    ("The shooting happened at 0735 GMT.", "2021-06-15", "0735 GMT", "2021-06-15T07:35", None),
    ("Troops arrived at 1430 local time on Sunday.", "2021-06-15", "1430 local time on Sunday",
     "2021-06-13T14:30", None),
    ("Revenue rose 5% in Q3 2020.", "2021-06-15", "Q3 2020", "2020-Q3", None),
    ("Margins fell in H1 2021.", "2021-06-15", "H1 2021", "2021-H1", None),
    ("Results for 3Q 2019 were out.", "2021-06-15", "3Q 2019", "2019-Q3", None),
    ("Guidance for FY22 looks weak.", "2021-06-15", "FY22", "2022", None),
    ("Profit rose in Q4.", "2021-06-15", "Q4", "2020-Q4", None),
    ("Cases have doubled in the past fortnight.", "2020-08-25", "the past fortnight", "P2W", None),
    ("Refineries switch blends every spring.", "2015-03-02", "every spring", "XXXX-SP", None),
    ("The festival returns each July.", "2015-03-02", "each July", "XXXX-07", None),
    ("The season started three weeks earlier than usual.", "2023-06-07", "three weeks", "P3W", None),
])
def test_new_forms(text, dct, phrase, value, mod):
    t = value_of(text, dct, phrase)
    assert (t.value, t.mod) == (value, mod)


@pytest.mark.parametrize("text", [
    "The office is on the 28th floor.",            # an ordinal that modifies a noun
    "He finished the 3rd in line.",                # no preposition of time before it
    "Install version 1.2.2003 of the driver.",     # a numbering, not a dotted date
    "Prices rose 4/3 of a point.",                 # a fraction, not a date
    "She quoted the line 'Ninety-eight' twice.",   # no two-digit year without digits
    "The Lunar New Year falls in February.",       # not the calendar year ahead
    "The Audi Q3 sold well.",                      # a product, not a quarter
    "The H1N1 virus spread.",                      # a strain, not a half-year
    "The day before the election, polls closed.",  # relative to an event, not to the story's day
])
def test_no_date_where_there_is_none(text):
    bad = [(t.text, t.value) for t in tag(text, "2011-03-29")
           if t.text in ("the 28th", "the 3rd", "1.2.2003", "4/3", "the New Year", "New Year", "Q3", "H1",
                         "The day before")]
    assert bad == []


def test_a_clock_restated_in_brackets_is_not_a_second_time():
    text = "The blast occurred at 10:35 a.m. (0735 GMT) Friday, officials said."
    assert found(text, "1998-08-08") == [("10:35 a.m.", "1998-08-07T10:35"), ("Friday", "1998-08-07")]


def test_a_wire_clock_is_not_a_year():
    assert [t.value for t in tag("Troops arrived at 1430 GMT.", "2021-06-15")] == ["2021-06-15T14:30"]


def test_titles_do_not_end_the_sentence_that_gives_the_tense():
    # "Sen." must not cut "will" off from the day it governs.
    assert value_of("He will meet Sen. Jones on Friday.", "2021-06-15", "Friday").value == "2021-06-18"


@pytest.mark.parametrize("text, expected", [
    ("Call 555-1998 for tickets.", []),                       # a phone number's tail
    ("Install v1.2.2003 first.", []),                         # a version number
    ("In 2005 hours worked rose.", [("2005", "2005")]),       # a year, not 2005 hours
    ("It lasted 1500 hours.", [("1500 hours", "PT1500H")]),   # a real count of hours
    ("From 1998-2001 it grew.", [("1998", "1998"), ("2001", "2001")]),
])
def test_numbers_next_to_years(text, expected):
    assert found(text, "2021-06-15") == expected


@pytest.mark.parametrize("dct, value", [("2007-11", "2006-11"), ("1999-W52", "1998-W52"), ("2007-Q4", "2006-Q4"),
                                        ("2000-02-29", "1999-02-28")])
def test_this_time_last_year_keeps_the_dct_precision(dct, value):
    assert value_of("Sales were flat on this time last year.", dct, "this time last year").value == value


def test_ambiguous_numeric_dates_keep_the_us_reading():
    # Day and month both at most 12: the US month-first convention, never a guess the other way.
    assert value_of("Filed 4/3/2001.", None, "4/3/2001").value == "2001-04-03"


def test_without_a_dct_relative_forms_stay_unanchored():
    assert value_of("He left on the 21st.", None, "the 21st").value == "XXXX-XX-21"
    assert value_of("Until the new year.", None, "the new year").value == "FUTURE_REF"
    assert value_of("By the end of the month.", None, "the end of the month").value == "PRESENT_REF"
    # A two-digit year is written out by the 1900s/2000s split at 50 when nothing anchors it.
    assert value_of("Elected in '98.", None, "'98").value == "1998"


def test_every_new_span_is_exact():
    text = ("Elected in '98, he spoke late Tuesday; the vote is on the first Tuesday of November and "
            "results on the 28th, by the end of the month, or at the turn of the century, 25/12/2001.")
    for t in tag(text, "2011-03-29"):
        assert text[t.start:t.end] == t.text
        assert t.text == t.text.strip(" ,;")


def _held_out_texts():
    import json
    from pathlib import Path
    data_dir = Path(__file__).resolve().parent / "data"
    out = []
    for name in ("timex_heldout.json", "timex_heldout_fresh.json"):
        out += [(d["text"], d["dct"]) for d in json.loads((data_dir / name).read_text(encoding="utf-8"))["docs"]]
    return out


@pytest.mark.parametrize("dct_override", [False, True])
def test_new_rules_lose_nothing_to_the_keyword_windows(dct_override):
    from desktop_app.core.timex import tagger
    texts = _held_out_texts() + [(
        "Elected in '98 and again in June '04, he met Sen. Jones late Tuesday, the week of March 6, "
        "at 1430 GMT on Sunday, this time last year, the year before, in Q3 2020, H1 2021, FY22 and in Q4; "
        "the vote is on the first Tuesday of November, results on the 28th, by the end of the month, "
        "until the new year, at the turn of the century, on 25/12/2001, 2001/03/04 and 04.03.2001.", "2011-03-29")]
    for text, dct in texts:
        anchor = tagger.make_anchor(None if dct_override else dct)
        fast = [(s, e, h.value) for s, e, h, _ in tagger.find(text, anchor)]
        full = [(s, e, h.value) for s, e, h, _ in tagger.find(text, anchor, windowed=False)]
        assert fast == full
