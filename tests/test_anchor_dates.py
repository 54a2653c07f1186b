"""Which date a happening gets: the year of a month said without one, and the date a clause
takes among several (issue 12, TBAQ anchor measurement; README "Events")."""
from __future__ import annotations

import pytest

from desktop_app.core.timex import tag


def value_of(text: str, dct: str, phrase: str) -> str:
    found = [t for t in tag(text, dct) if t.text == phrase]
    assert len(found) == 1, [(t.text, t.value) for t in tag(text, dct)]
    return found[0].value


@pytest.mark.parametrize("text, dct, phrase, value", [
    # A told happening ("brought", "bought") lies before the report, even nine months back:
    # the nearer January ahead of an October report is not what a past verb means.
    ("In January, the hospital chain brought in a new chief executive, who will remain chairman.",
     "1989-10-27", "January", "1989-01"),
    ("Since the investors bought the company in February for $25 billion of debt, it has agreed to sell assets.",
     "1989-10-30", "February", "1989-02"),
    # A commitment's "to" complement is still ahead: the purchase, not the agreeing, is in February.
    ("The maker said a rival agreed to purchase its instrument line for $22 million in February.",
     "1989-10-30", "February", "1990-02"),
    ("The bank announced an agreement to acquire the holding company in January.",
     "1989-10-27", "January", "1990-01"),
    # "a still unspecified date": an adjective in -ed is no past verb; "would be paid" looks ahead.
    ("The stock split would be paid on a still unspecified date in January to holders of record.",
     "1989-10-26", "January", "1990-01"),
])
def test_month_without_year_takes_the_side_its_verb_says(text, dct, phrase, value):
    assert value_of(text, dct, phrase) == value


def dates_of(text: str, dct: str) -> list[str]:
    from desktop_app.core.annotated import annotate
    from desktop_app.core.events.build import build_events
    return [e.date.value for e in build_events(annotate(text, dct, "t")) if e.date is not None]


def test_a_hyphenated_period_before_a_noun_yields_to_the_clause_date():
    # "third-quarter results" says which results; "in mid-November" says when they come out.
    assert dates_of("The funeral home operator said it expects to release third-quarter results in mid-November.",
                    "1989-10-27") == ["1989-11"]
    # "year-ago results" qualifies the results; the charge was taken "in the 1988 second quarter".
    assert dates_of("The year-ago results included a $415 million charge in the 1988 second quarter for bad loans.",
                    "1989-11-02") == ["1988-Q2"]
    # Not when the hyphenated date qualifies another period: "the year-ago third quarter".
    assert dates_of("The steel maker in the year-ago third quarter earned $22.5 million, or 97 cents a share.",
                    "1989-10-27") == ["1988"]


def test_a_period_after_from_is_the_base_of_a_comparison():
    assert dates_of("The chemical maker reported that third-quarter profit grew a robust 19% from a year ago.",
                    "1989-10-26") == ["1989-Q3"]


def test_a_put_off_happening_lies_ahead_of_the_report():
    # Thursday's report: "postponed until Tuesday morning" is the coming Tuesday, not the last one.
    assert value_of("Immigration officials postponed until Tuesday morning any action on the boy's permit.",
                    "2000-03-30", "Tuesday morning") == "2000-04-04"


def test_n_units_later_counts_from_the_story_not_from_the_report():
    text = "The index fell Friday. Three days later, as of Friday's close, the index was down 6%."
    later = [t for t in tag(text, "1989-10-30") if t.text == "Three days later"]
    assert [(t.type, t.value, t.interval) for t in later] == [("DURATION", "P3D", None)]
    # The sentence is dated by "Friday's close", not by the report day plus three.
    assert dates_of(text, "1989-10-30") == ["1989-10-27", "1989-10-27"]


STORY = ("HAVANA (AP) -- Parliament speaker Ricardo Alarcon spoke on Thursday about the boy's case.\n\n"
         "On Tuesday, Ricardo Alarcon met the boy's grandmothers in Havana.\n\n"
         "Alarcon told reporters the meeting went well.\n\n"
         "Ministry spokesman Pedro Lopez said the talks would go on.\n\n"
         "The Cuban Foreign Ministry issued a note.\n\n"
         "Foreign Minister Felipe Perez Roque said the ministry was pleased.\n")


def test_a_dateless_saying_right_after_an_earlier_day_is_not_put_on_the_report_day():
    from desktop_app.core.annotated import annotate
    from desktop_app.core.events.build import build_events
    events = build_events(annotate(STORY, "2000-02-10", "t"))
    by_text = {STORY[e.start:e.end].split()[0]: e.date.value if e.date else None for e in events}
    assert by_text["Parliament"] == "2000-02-10"
    assert by_text["On"] == "2000-02-08"
    # Told right after Tuesday's meeting: Tuesday or Thursday? Left an undated fact rather than guessed.
    assert by_text["Alarcon"] is None
    assert by_text["The"] is None
    # Four sentences on, the story is back on its report day.
    assert by_text["Foreign"] == "2000-02-10"


def test_a_story_filed_the_day_after_is_told_on_the_day_its_lead_names():
    # The text never writes Thursday (its creation day); its lead tells Wednesday's news, so a
    # dateless saying further on is told on Wednesday, not left undated.
    text = ("HAVANA (AP) -- Cuba's leadership warned Wednesday that the return of Elian Gonzalez was not certain.\n\n"
            "Ricardo Alarcon said the struggle must go on.\n")
    from desktop_app.core.annotated import annotate
    from desktop_app.core.events.build import build_events
    events = build_events(annotate(text, "2000-01-06", "t"))
    said = [e for e in events if text[e.start:e.end].startswith("Ricardo")]
    assert [e.date.value if e.date else None for e in said] == ["2000-01-05"]
    # A day the lead names more than three days back is background, not the news day.
    old = text.replace("warned Wednesday", "warned last Friday")
    said = [e for e in build_events(annotate(old, "2000-01-06", "t")) if old[e.start:e.end].startswith("Ricardo")]
    assert all(e.date is None or e.date.value != "1999-12-31" for e in said)


def test_a_bonds_put_or_call_year_is_a_term_not_the_pricing_date():
    text = "The issue, which is puttable back to the company in 1999, was priced at a spread of 110 basis points."
    assert "1999" not in dates_of(text, "1989-10-30")
