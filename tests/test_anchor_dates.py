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
