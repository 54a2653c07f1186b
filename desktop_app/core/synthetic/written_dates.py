"""Dates as news writers write them, relative to the day the article appeared.

Each function takes the article's creation day and a ``random.Random`` and
returns ``(phrase, day)``: the words to put in the sentence and a day the
phrase covers, so a caller can order events and write reports after them.
The mix covers explicit days, days without a year, relative expressions,
months, seasons, quarters, years, decades, ranges and vague modifiers.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from .phrases import MONTHS, MONTHS_SHORT

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEASON_NAMES = ("winter", "spring", "summer", "autumn")


def _back(dct: date, rng: random.Random, lo: int, hi: int) -> date:
    return dct - timedelta(days=rng.randint(lo, hi))


def same_year_day(dct: date, rng: random.Random):
    d = _back(dct, rng, 1, 40)
    if d.year != dct.year:
        return f"on {MONTHS[d.month - 1]} {d.day}, {d.year}", d
    return f"on {MONTHS[d.month - 1]} {d.day}", d


def full_day(dct: date, rng: random.Random):
    d = _back(dct, rng, 30, 4000)
    style = rng.randrange(3)
    if style == 0:
        return f"on {MONTHS[d.month - 1]} {d.day}, {d.year}", d
    if style == 1:
        return f"on {d.day} {MONTHS[d.month - 1]} {d.year}", d
    return f"on {MONTHS_SHORT[d.month - 1]} {d.day}, {d.year}", d


def weekday(dct: date, rng: random.Random):
    d = _back(dct, rng, 1, 6)
    return f"on {WEEKDAYS[d.weekday()]}", d


def relative(dct: date, rng: random.Random):
    choice = rng.randrange(9)
    if choice == 0:
        return "yesterday", dct - timedelta(days=1)
    if choice == 1:
        return "last week", dct - timedelta(days=7)
    if choice == 2:
        return "last month", dct - timedelta(days=30)
    if choice == 3:
        return "last year", date(dct.year - 1, 6, 1)
    if choice == 4:
        n = rng.randint(2, 10)
        return f"{NUMBER_WORDS[n]} years ago", date(dct.year - n, dct.month, 1)
    if choice == 5:
        n = rng.randint(2, 9)
        return f"{NUMBER_WORDS[n]} days ago", dct - timedelta(days=n)
    if choice == 6:
        return "earlier this year", date(dct.year, 1, 1) + (dct - date(dct.year, 1, 1)) // 2
    if choice == 7:
        n = rng.randint(2, 6)
        return f"{NUMBER_WORDS[n]} months ago", dct - timedelta(days=30 * n)
    return "a decade ago", date(dct.year - 10, 1, 1)


def month(dct: date, rng: random.Random):
    d = _back(dct, rng, 40, 3000)
    if rng.random() < 0.3 and d.year == dct.year - 1:
        return f"last {MONTHS[d.month - 1]}", d
    return f"in {MONTHS[d.month - 1]} {d.year}", d


def year(dct: date, rng: random.Random):
    y = dct.year - rng.randint(1, 30)
    mod = rng.choice(("", "", "", "early ", "late ", "mid-"))
    return f"in {mod}{y}", date(y, 6, 1)


def season_or_quarter(dct: date, rng: random.Random):
    y = dct.year - rng.randint(1, 12)
    if rng.random() < 0.5:
        s = rng.randrange(1, 4)
        return f"in the {SEASON_NAMES[s]} of {y}", date(y, 3 * s + 1, 1)
    q = rng.randrange(4)
    return f"in the {('first', 'second', 'third', 'fourth')[q]} quarter of {y}", date(y, 3 * q + 1, 1)


def decade(dct: date, rng: random.Random):
    dec = (dct.year - rng.randint(10, 50)) // 10 * 10
    return rng.choice((f"in the {dec}s", f"since the {dec}s", f"during the {dec}s")), date(dec + 5, 1, 1)


def day_range(dct: date, rng: random.Random):
    d = _back(dct, rng, 20, 3000)
    e = d + timedelta(days=rng.randint(1, 3))
    if e.month == d.month:
        return f"on {MONTHS[d.month - 1]} {d.day}-{e.day}, {d.year}", d
    return f"from {MONTHS[d.month - 1]} {d.day} to {MONTHS[e.month - 1]} {e.day}, {e.year}", d


# How often each form is used; days dominate news, as in real reporting.
FORMS = ((same_year_day, 30), (full_day, 14), (weekday, 6), (relative, 14), (month, 10), (year, 10),
         (season_or_quarter, 5), (decade, 5), (day_range, 6))


def written_date(dct: date, rng: random.Random):
    fns, weights = zip(*FORMS)
    return rng.choices(fns, weights)[0](dct, rng)


def citation_date(dct: date, rng: random.Random) -> tuple[str, date]:
    """The date in a "(Outlet, March 4)" citation: a report from the days before the article."""
    d = _back(dct, rng, 0, 12)
    if d.year != dct.year:
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}", d
    return f"{MONTHS[d.month - 1]} {d.day}", d
