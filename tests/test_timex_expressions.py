"""Unit tests of the temporal tagger: what it finds, the TIMEX3 values it writes, and where they sit in time."""
from __future__ import annotations

from datetime import datetime

import pytest

from desktop_app.core.timex import parse_dct, tag, to_interval


def one(text, dct, phrase=None):
    found = tag(text, dct)
    if phrase is not None:
        found = [t for t in found if t.text == phrase]
    assert len(found) == 1, [(t.text, t.value) for t in tag(text, dct)]
    return found[0]


def values(text, dct):
    return [(t.text, t.value) for t in tag(text, dct)]


@pytest.mark.parametrize("text, dct, phrase, typ, value", [
    ("It was signed on November 2, 2007.", None, "November 2, 2007", "DATE", "2007-11-02"),
    ("It was signed on 2 November 2007.", None, "2 November 2007", "DATE", "2007-11-02"),
    ("It closed in November 2007.", None, "November 2007", "DATE", "2007-11"),
    ("It closed in 2007.", None, "2007", "DATE", "2007"),
    ("It grew in the 1990s.", None, "the 1990s", "DATE", "199X"),
    ("A relic of the 20th century.", None, "the 20th century", "DATE", "19"),
    ("Profit in the third quarter of 2007.", None, "the third quarter of 2007", "DATE", "2007-Q3"),
    ("In the summer of 2007 it rained.", None, "the summer of 2007", "DATE", "2007-SU"),
    ("Filed 2007-11-02 at noon.", None, "2007-11-02", "DATE", "2007-11-02"),
    ("Filed 11/02/2007.", None, "11/02/2007", "DATE", "2007-11-02"),
    ("They met Friday, Oct. 23, 1998, in Paris.", None, "Friday, Oct. 23, 1998", "DATE", "1998-10-23"),
    ("It lasted three days.", None, "three days", "DURATION", "P3D"),
    ("It lasted 2 1/2 years.", None, "2 1/2 years", "DURATION", "P2Y6M"),
    ("A five-hour meeting.", None, "five-hour", "DURATION", "PT5H"),
    ("It took several years.", None, "several years", "DURATION", "PXY"),
    ("A visit lasting a week.", None, "a week", "DURATION", "P1W"),
    ("The paper appears weekly.", None, "weekly", "SET", "P1W"),
    ("They meet every Monday.", None, "every Monday", "SET", "XXXX-WXX-1"),
    ("Trains run twice a day.", None, "twice a day", "SET", "P1D"),
])
def test_absolute_and_floating_expressions(text, dct, phrase, typ, value):
    t = one(text, dct, phrase)
    assert (t.type, t.value) == (typ, value)
    assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("text, phrase, value, precision", [
    ("He arrived yesterday.", "yesterday", "1998-02-10", "day"),
    ("He arrives tomorrow.", "tomorrow", "1998-02-12", "day"),
    ("He is here today.", "today", "1998-02-11", "day"),
    ("The talks were held last week.", "last week", "1998-W06", "week"),
    ("Talks resume next month.", "next month", "1998-03", "month"),
    ("Sales fell last year.", "last year", "1997", "year"),
    ("The plant closed two years ago.", "two years ago", "1996", "year"),
    ("It reopened earlier this year.", "earlier this year", "1998", "year"),
    ("It reopened three months ago.", "three months ago", "1997-11", "month"),
    ("He arrived on Friday.", "Friday", "1998-02-06", "day"),
    ("He will arrive on Friday.", "Friday", "1998-02-13", "day"),
    ("He left last Monday.", "last Monday", "1998-02-09", "day"),
    ("The vote was on November 2.", "November 2", "1997-11-02", "day"),
    ("The vote will be held on March 2.", "March 2", "1998-03-02", "day"),
    ("The vote was on February 2.", "February 2", "1998-02-02", "day"),
    ("It snowed this morning.", "this morning", "1998-02-11TMO", "hour"),
    ("He called at 9:30 p.m. yesterday.", "9:30 p.m. yesterday", "1998-02-10T21:30", "minute"),
    ("The meeting is at 10 a.m. tomorrow.", "10 a.m. tomorrow", "1998-02-12T10:00", "minute"),
    ("Results for the fourth quarter were weak.", "the fourth quarter", "1997-Q4", "quarter"),
    ("Visitors came last summer.", "last summer", "1997-SU", "season"),
])
def test_relative_expressions_anchor_to_the_dct(text, phrase, value, precision):
    t = one(text, "1998-02-11", phrase)
    assert t.value == value
    assert t.interval is not None and t.interval.precision == precision
    assert t.interval == to_interval(value)


def test_decade_interval_and_since():
    t = one("Killings fell sharply since the 1990s.", "2007-11", "the 1990s")
    assert t.value == "199X"
    assert (t.interval.start, t.interval.end, t.interval.precision) == (datetime(1990, 1, 1), datetime(2000, 1, 1), "decade")


def test_within_the_past_week_is_an_anchored_duration():
    t = one("Cases opened within the past week.", "1998-02-11", "the past week")
    assert (t.type, t.value) == ("DURATION", "P1W")
    assert t.anchored
    assert t.interval.start == datetime(1998, 2, 5) and t.interval.end == datetime(1998, 2, 12)


def test_past_hours_count_back_from_a_timed_dct():
    t = one("Sales in the past 24 hours.", "1998-02-11T10:00:00", "the past 24 hours")
    assert t.value == "PT24H"
    assert (t.interval.start, t.interval.end) == (datetime(1998, 2, 10, 10), datetime(1998, 2, 11, 10))


def test_day_range_gives_two_dates():
    found = values("The fighting of November 3-4 ended.", "2007-11-09")
    assert found == [("November 3", "2007-11-03"), ("4", "2007-11-04")]


def test_mod_is_kept_for_early_and_late():
    assert one("It grew in early 1998.", None).mod == "START"
    assert one("It grew in late November 1998.", None).mod == "END"


@pytest.mark.parametrize("text, value", [
    ("The economy is now stronger.", "PRESENT_REF"),
    ("He currently lives abroad.", "PRESENT_REF"),
    ("A group was recently formed.", "PAST_REF"),
    ("Plans for the future are vague.", "FUTURE_REF"),
])
def test_reference_words_are_undated_refs(text, value):
    t = one(text, "1998-02-11")
    assert (t.type, t.value, t.interval) == ("DATE", value, None)


@pytest.mark.parametrize("text", [
    "He paid $150,000 for it.",
    "He received more than 18 million tenge.",
    "Some 404 firearms were seized.",
    "Police found 4.5 kilos of explosives.",
    "These groups may have infiltrated state agencies.",
    "The second candidate won.",
    "One grenade and seven devices were found.",
    "The flight carried 1500 passengers.",
    "He is a 44-year-old teacher.",
    "Officials said prices would fall.",
    "He read the Eurasia Daily Monitor.",
    "It costs $2,000 a piece, or 1,998 rubles.",
    "As of 1700 BST, 76 countries had reported cases.",
])
def test_no_junk(text):
    assert tag(text, "2007-11-09") == []


def test_spans_are_exact_sorted_and_disjoint():
    text = ("On Friday, Oct. 23, 1998, at 10 a.m., officials said that in the past three years, "
            "and since the 1990s, sales rose 5% every quarter; last week they fell.")
    found = tag(text, "1998-10-25")
    assert found
    for t in found:
        assert text[t.start:t.end] == t.text
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


def test_doc_id_is_carried():
    assert one("It closed in 2007.", None).doc == ""
    assert tag("It closed in 2007.", None, doc_id="d7")[0].doc == "d7"


@pytest.mark.parametrize("dct, value, precision", [
    ("2007", "2007", "year"), ("2007-11", "2007-11", "month"), ("1998-02-06", "1998-02-06", "day"),
    ("1998-02-06T22:19:00", "1998-02-06T22:19:00", "second"), ("1998-02-06T22:19", "1998-02-06T22:19", "minute"),
    ("19980206", "1998-02-06", "day"), ("2007-W45", "2007-W45", "week"), ("2007-Q3", "2007-Q3", "quarter"),
])
def test_parse_dct(dct, value, precision):
    v, iv = parse_dct(dct)
    assert v == value and iv.precision == precision


@pytest.mark.parametrize("bad", ["yesterday", "2007-13", "1998-02-30", "not a date"])
def test_bad_dct_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="creation time"):
        tag("It closed on Friday.", bad)


def test_non_string_text_is_a_clear_error():
    with pytest.raises(ValueError, match="string"):
        tag(None, "2007-11")  # type: ignore[arg-type]


@pytest.mark.parametrize("value, start, end, precision", [
    ("2007-W45", datetime(2007, 11, 5), datetime(2007, 11, 12), "week"),
    ("2007-Q3", datetime(2007, 7, 1), datetime(2007, 10, 1), "quarter"),
    ("2007-SU", datetime(2007, 6, 1), datetime(2007, 9, 1), "season"),
    ("2007-WI", datetime(2007, 12, 1), datetime(2008, 3, 1), "season"),
    ("199X", datetime(1990, 1, 1), datetime(2000, 1, 1), "decade"),
    ("19", datetime(1900, 1, 1), datetime(2000, 1, 1), "century"),
    ("2007-11-02T14:00", datetime(2007, 11, 2, 14), datetime(2007, 11, 2, 14, 1), "minute"),
    ("2007-12", datetime(2007, 12, 1), datetime(2008, 1, 1), "month"),
])
def test_value_intervals(value, start, end, precision):
    iv = to_interval(value)
    assert (iv.start, iv.end, iv.precision) == (start, end, precision)


@pytest.mark.parametrize("value", ["PRESENT_REF", "PAST_REF", "P1W", "XXXX-11-02", "XXXX-WXX-1", ""])
def test_values_off_the_time_line_have_no_interval(value):
    assert to_interval(value) is None


def test_blank_dct_means_unknown():
    t = one("It was signed on November 2.", "  ")
    assert (t.value, t.year_unknown, t.interval) == ("XXXX-11-02", True, None)


def test_month_range_shares_the_closing_year():
    assert values("It ran from January to March 2007.", "2007-11-09") == [("January", "2007-01"), ("March 2007", "2007-03")]


def test_day_range_with_year():
    found = values("The summit met on September 11-12, 2007 in Bishkek.", "2009-01-01")
    assert found == [("September 11", "2007-09-11"), ("12, 2007", "2007-09-12")]


def test_narrative_next_day_counts_from_the_last_named_day():
    found = values("He was arrested on March 3, 1998. The next day he was released.", "1998-06-01")
    assert found == [("March 3, 1998", "1998-03-03"), ("The next day", "1998-03-04")]


def test_that_day_without_a_named_day_is_left_alone():
    assert values("That day everything changed.", "1998-06-01") == []


@pytest.mark.parametrize("text, value", [
    ("Officials met over the weekend.", "1998-W06-WE"),
    ("Officials will meet over the weekend.", "1998-W07-WE"),
])
def test_the_weekend(text, value):
    assert one(text, "1998-02-11", "the weekend").value == value


@pytest.mark.parametrize("text, phrase, value", [
    ("Keating was convicted in nineteen ninety-one.", "nineteen ninety-one", "1991"),
    ("Goals set for the year two thousand.", "the year two thousand", "2000"),
    ("It started in January nineteen ninety-seven.", "January nineteen ninety-seven", "1997-01"),
])
def test_spoken_years(text, phrase, value):
    assert one(text, "1998-02-11", phrase).value == value


def test_spoken_number_before_a_unit_is_not_a_year():
    assert [t.value for t in tag("It took more than two thousand years.", "1998-02-11")] == ["P2000Y"]


def test_the_year_and_the_fiscal_year():
    assert one("Sales for the year rose.", "1989-11-02").value == "1989"
    t = one("Net income for the year ended Sept. 30 fell.", "1989-11-02", "the year")
    assert (t.type, t.value) == ("DURATION", "P1Y")


def test_quarter_discourse_for_a_year_ago():
    found = values("Profit rose in the third quarter, up from $5 million a year ago.", "1989-11-02")
    assert found == [("the third quarter", "1989-Q3"), ("a year ago", "1988-Q3")]


def test_last_month_name_is_strictly_before_the_dct():
    assert one("Soldiers died last February.", "1998-03-01").value == "1998-02"
    assert one("Soldiers died last March.", "1998-03-15").value == "1997-03"
    assert one("Talks resume next March.", "1998-03-15").value == "1999-03"


def test_the_fall_of_an_empire_is_not_a_season():
    assert tag("The fall of the Soviet Union changed everything.", "2007-11-09") == []


def test_clock_time_takes_its_written_date():
    t = one("At 3:00 p.m. on January 16, police detained 40 people.", "2008-01-18")
    assert (t.text, t.type, t.value) == ("3:00 p.m. on January 16", "TIME", "2008-01-16T15:00")


def test_half_of_the_year():
    assert one("In the first half of the year, exports doubled.", "2008-01-18").value == "2008-H1"


@pytest.mark.parametrize("text", ["Resolution 1441 was cited.", "Article 1917 applies.", "See page 1999."])
def test_numbered_things_are_not_years(text):
    assert tag(text, "2008-01-18") == []


def test_narrative_years_count_from_the_last_named_year():
    found = values("In 1995 he moved to Almaty. Later that year he married; the following year he left.", "2007-11-09")
    assert found == [("1995", "1995"), ("Later that year", "1995"), ("the following year", "1996")]


def test_that_year_with_nothing_before_is_left_alone():
    assert values("That year was hard.", "2007-11-09") == []


@pytest.mark.parametrize("text, value, quant, freq", [
    ("They meet every Monday.", "XXXX-WXX-1", "EVERY", None),
    ("Inspections happen each day.", "P1D", "EACH", None),
    ("Trains run twice a week.", "P1W", None, "2X"),
    ("Talks are held three times a year.", "P1Y", None, "3X"),
    ("The paper appears weekly.", "P1W", None, None),
    ("Guards patrol every morning.", "XXXX-XX-XXTMO", "EVERY", None),
])
def test_sets_carry_quant_and_freq(text, value, quant, freq):
    t = one(text, "2007-11-09")
    assert (t.type, t.value, t.quant, t.freq, t.interval) == ("SET", value, quant, freq, None)
    j = t.to_json()
    assert j.get("quant") == quant and j.get("freq") == freq


def test_day_range_before_the_month():
    found = values("Police raided offices on the night of 6-7 November.", "2007-11-09")
    assert found == [("6", "2007-11-06"), ("7 November", "2007-11-07")]
    found = [(t.text, t.value, t.year_unknown) for t in tag("On 6-7 November.", None)]
    assert found == [("6", "XXXX-11-06", True), ("7 November", "XXXX-11-07", True)]


def test_dense_date_soup_stays_linear():
    """Thousands of candidates must not make overlap resolution quadratic (no timing: a count check)."""
    text = "1 2 3 4 5 May May may 1999 " * 400
    found = tag(text, "2007-11")
    assert len(found) == 800
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("text, value", [
    ("Qantas flies four flights a week.", "P1W"),
    ("He earns $5,000 a year.", "P1Y"),
])
def test_rates_are_sets(text, value):
    t = one(text, "1998-02-13")
    assert (t.type, t.value) == ("SET", value)


def test_within_a_week_is_a_duration():
    t = one("They will finish within a week.", "1998-02-13")
    assert (t.type, t.value) == ("DURATION", "P1W")


def test_24_hour_time_after_a_preposition():
    t = one("Police arrived at 14:30 on November 6.", "2007-11-09")
    assert (t.text, t.type, t.value) == ("14:30 on November 6", "TIME", "2007-11-06T14:30")
    assert tag("Sales held at 2.46 billion; the score was 3:1.", "2007-11-09") == []


def test_month_dct_makes_day_relative_expressions_month_precise():
    """With only the month known, 'yesterday' is some day of that month (or the last of the one before)."""
    t = one("He arrived yesterday.", "2007-11")
    assert (t.value, t.interval.precision) == ("2007-11", "month")
    assert (t.interval.start, t.interval.end) == (datetime(2007, 10, 31), datetime(2007, 11, 30))
    assert one("Prices rose last month.", "2007-11").value == "2007-10"


@pytest.mark.parametrize("text, phrase, value", [
    # 1989-10-30 is a Monday: a plan "had been" made for a day that has gone by.
    ("The offer had been scheduled to expire at midnight Friday.", "midnight Friday", "1989-10-27T00:00"),
    ("It had been due to expire Friday.", "Friday", "1989-10-27"),
    # A plan still ahead keeps the future reading.
    ("The offer is scheduled to expire Friday.", "Friday", "1989-11-03"),
])
def test_pluperfect_plan_puts_its_weekday_in_the_past(text, phrase, value):
    assert one(text, "1989-10-30", phrase).value == value


def test_possessive_day_word_names_the_day_but_todays_youth_is_no_date():
    assert values("Shareholders responded coolly to yesterday's announcement.", "1989-10-26") == [
        ("yesterday", "1989-10-25")]
    assert values("Tomorrow's vote is close.", "1989-10-26") == [("Tomorrow", "1989-10-27")]
    assert values("Today's youth read less.", "1989-10-26") == []


def test_a_bare_number_centuries_before_the_report_is_not_a_year_unless_a_word_makes_it_one():
    assert values("He hopes 1000 jerrycans will arrive by road.", "2010-01-14") == []
    assert values("Cases have leapt from 297 to 1051.", "2009-06-20") == []
    assert values("The odds of dying are 1 in 1000, he said.", "2009-06-20") == []
    assert values("The invasion in 1066 was recalled.", "2010-01-14") == [("1066", "1066")]
    assert values("The quake of 1842 destroyed the town.", "2010-01-14") == [("1842", "1842")]


def test_entry_times_of_a_live_page_are_not_years():
    page = ("Haiti earthquake: live\n"
            "1005 UN spokeswoman says 10% of homes have been destroyed.\n"
            "1815 The death toll rises again.\n"
            "1930 Rescuers pull a girl from the rubble.\n"
            "Aid flights began in 2009 from Miami.")
    assert values(page, "2010-01-14") == [("2009", "2009")]
    # One line opening with a year is a year: a page needs three such lines to read as a live page.
    assert values("1998 The year of the bombings.\nIt ended.", "2010-01-14") == [("1998", "1998")]


def test_a_day_followed_by_a_clock_and_its_zone_is_that_day_at_that_time_not_a_year():
    found = values("19 JANUARY, 1300 GMT, THREE HOURS FROM SANTO DOMINGO We drove on.", "2010-01-21")
    assert ("19 JANUARY", "2010-01-19") in found
    assert not any(v.startswith("1300") for _, v in found)


def test_a_possessive_weekday_still_ahead_is_the_coming_one():
    # Friday 7 October 2011: the concert is the next day, not the Saturday before.
    dct = "2011-10-07"
    assert one("Final preparations are under way for Saturday's stadium concert.", dct).value == "2011-10-08"
    assert one("Tickets have been sold ahead of Saturday night's concert.", dct, "Saturday night").value == "2011-10-08"
    assert one("A memorandum was delivered in advance of Monday's hearing.", dct).value == "2011-10-10"
    assert one("Saturday's tribute concert, which will be broadcast worldwide, raises money.", dct).value == "2011-10-08"
    # Without such a cue a possessive day is done, even beside a "would".
    assert one("Tuesday's declaration was welcomed.", dct).value == "2011-10-04"
    assert one("They said they would get around Wednesday's ruling.", dct).value == "2011-10-05"


def test_a_narrative_day_counts_from_the_written_date_not_a_shorter_guessed_reading():
    # "25 June" alone would be read as the nearest 25 June (2010); "25 June 2009" won the overlap.
    vs = values("Murray gave him propofol on the morning of 25 June 2009, after giving him sedatives "
                "during the previous night.", "2011-01-04")
    assert ("25 June 2009", "2009-06-25") in vs and ("the previous night", "2009-06-24") in vs


def test_a_day_followed_by_that_year_takes_the_year_the_text_said_last():
    text = ("After refusing him the drug in April 2009, she never saw him again. Jackson, charged with "
            "nothing, died on 25 June that year, a death the coroner attributed to propofol.")
    vs = values(text, "2011-10-26")
    assert ("25 June", "2009-06-25") in vs and ("that year", "2009") in vs
    vs = values("The 1918 flu came in spring. Only around October in the same year did deaths rise.", "2009-04-30")
    assert ("October", "1918-10") in vs
    # "that year" further on, after other words, is not the day's year.
    assert ("March", "2011-03") in values("He quit in 2004. In March he said that year was his worst.", "2011-10-26")
    # Without "that year" the day is read near the report's date as before.
    assert ("25 June", "2011-06-25") in values("He died on 25 June, the coroner said.", "2011-10-26")


def test_an_aside_after_the_day_does_not_set_its_tense():
    # Wednesday 5 October 2011: the brothers defended it on Tuesday the 4th; "will" is the aside's.
    text = ("On Tuesday his brothers Marlon and Tito, who will be taking part in the concert, "
            "defended the decision.")
    assert one(text, "2011-10-05").value == "2011-10-04"
    # Without the aside the future still leads forward.
    assert one("On Tuesday his brothers will defend the decision.", "2011-10-05").value == "2011-10-11"


def test_a_clause_after_comma_and_does_not_set_the_tense_of_the_one_before():
    text = ("Travel firms revised their policy when the FCO changed its advisory on Monday, "
            "and they would review it again.")
    assert one(text, "2009-04-29").value == "2009-04-27"


def test_a_day_inside_an_aside_takes_the_asides_tense():
    # Saturday 16 January 2010: the visit is still ahead though the sentence's "said" is past.
    text = ("UN Secretary General Ban Ki-moon, who is due to visit Haiti on Sunday, said distribution of food "
            "was under way.")
    assert one(text, "2010-01-16").value == "2010-01-17"


def test_due_is_ahead_and_hundred_is_no_past_verb():
    # Thursday 14 January 2010.
    text = "The first troops are expected by the end of Thursday, with several hundred more due by Friday."
    assert one(text, "2010-01-14", "Friday").value == "2010-01-15"


def test_the_first_to_arrive_is_no_plan_and_the_present_perfect_is_past():
    # Sunday 17 January 2010.
    assert one("Hillary Clinton was the first senior Western official to arrive in Haiti on Saturday.",
               "2010-01-17").value == "2010-01-16"
    assert one("Estimates of how many people died following the earthquake on Tuesday have varied.",
               "2010-01-17").value == "2010-01-12"
    # A plan made in the perfect still lies ahead.
    assert one("The attorney has scheduled a news conference Thursday to announce a major development.",
               "1999-05-05").value == "1999-05-06"
