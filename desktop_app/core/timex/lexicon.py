"""English words for calendar units, numbers and named times, and regex fragments built from them."""
from __future__ import annotations

import re
from typing import Optional

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5,
    "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "midday": "MI"}

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31,
}
# Vague quantities: TimeML writes X for the number ("several years" -> PXY).
VAGUE = ("several", "a few", "few", "many", "some", "a couple of", "a number of", "numerous",
         "countless", "a handful of")

# unit word -> (TIMEX3 letter, is a clock unit, multiplier)
UNITS = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "week": ("W", False, 1), "fortnight": ("D", False, 14),
    "month": ("M", False, 1), "year": ("Y", False, 1), "decade": ("Y", False, 10),
    "century": ("Y", False, 100), "centurie": ("Y", False, 100), "millennium": ("Y", False, 1000),
    "quarter": ("Q", False, 1), "weekend": ("WE", False, 1),
}


def alt(words) -> str:
    """A regex alternation, longest first so that 'sept' beats 'sep'."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_NUM_WORDS = alt(list(ONES) + list(TENS))
# A cardinal written in words or digits ("twenty-four", "twenty four", "5", "1,000", "2.5", "5 1/2").
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+1/2|\s*½)?|"
    rf"(?:{alt(TENS)})(?:[- ](?:{alt(ONES)}))?|(?:{_NUM_WORDS})(?:\s+(?:hundred|thousand))?|a\s+(?:hundred|thousand)|a\s+dozen|a\s+half|an?|"
    rf"{alt(VAGUE)})"
)

# Time zones written after a clock ("1300 GMT", "2:51 pm EDT"); a year never takes one.
TIME_ZONES = "GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST"

MONTH = rf"(?:{alt([m for m in MONTHS if len(m) > 3 or m == 'may'])}|(?:{alt([m for m in MONTHS if len(m) <= 4 and m != 'may'])})\.?)"
WEEKDAY = rf"(?:{alt([w for w in WEEKDAYS if len(w) > 4])})"
SEASON = rf"(?:{alt(SEASONS)})"
UNIT = rf"(?:{alt(['second', 'minute', 'hour', 'day', 'week', 'fortnight', 'month', 'year', 'decade', 'centurie', 'century', 'millennium', 'millennia'])})"
ORDINAL = rf"(?:{alt(ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))"


def month_number(word: str) -> Optional[int]:
    return MONTHS.get(word.lower().rstrip("."))


def weekday_number(word: str) -> Optional[int]:
    w = word.lower().rstrip(".")
    if w.endswith("s") and w[:-1] in WEEKDAYS:
        w = w[:-1]
    return WEEKDAYS.get(w)


def ordinal_number(word: str) -> Optional[int]:
    w = word.lower()
    if w in ORDINALS:
        return ORDINALS[w]
    m = re.match(r"^(\d{1,2})(?:st|nd|rd|th)$", w)
    return int(m[1]) if m else None


def parse_number(text: str) -> Optional[float]:
    """The value of a NUMBER match; None for vague quantities (TimeML 'X')."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in VAGUE or t in ("a number of",):
        return None
    if t in ("a", "an"):
        return 1
    if t == "a half":
        return 0.5
    if t == "a dozen":
        return 12
    if t == "a hundred":
        return 100
    if t == "a thousand":
        return 1000
    half = 0.0
    if t.endswith("1/2") or t.endswith("½"):
        half = 0.5
        t = t.replace("1/2", "").replace("½", "").strip()
    t2 = t.replace(",", "")
    try:
        return float(t2) + half
    except ValueError:
        pass
    total = 0
    for part in re.split(r"[- ]", t):
        if part in ONES:
            total += ONES[part]
        elif part in TENS:
            total += TENS[part]
        elif part == "hundred":
            total = max(total, 1) * 100
        elif part == "thousand":
            total = max(total, 1) * 1000
        else:
            return None
    return total + half
