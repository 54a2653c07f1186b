"""Words for synthetic sentences: what actors do and how dates are written.

TIMEX3 values are written here the way ``timex.values`` reads them back
(``1998-W10``, ``1998-Q1``, ``1998-SU``, decade ``199``), so a synthetic
event's value and its interval agree with what the tagger would produce.
"""
from __future__ import annotations

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTHS_SHORT = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
ORDINALS = ("first", "second", "third", "fourth")
SEASONS = {3: ("SP", "spring"), 6: ("SU", "summer"), 9: ("FA", "autumn"), 12: ("WI", "winter")}

# (label, with others as objects, alone). The label is the reporting verb a reader scans for.
VERBS = (
    ("met", "met {o}", "met reporters"),
    ("signed", "signed an agreement with {o}", "signed a decree"),
    ("accused", "accused {o} of corruption", "made new accusations"),
    ("criticized", "criticized {o}", "issued a critical statement"),
    ("negotiated", "opened negotiations with {o}", "called for negotiations"),
    ("arrested", "arrested {o}", "announced several arrests"),
    ("attacked", "attacked {o}", "launched an attack"),
    ("backed", "backed {o}", "announced its support for the plan"),
    ("visited", "visited {o}", "made an official visit"),
    ("sued", "filed a lawsuit against {o}", "filed a lawsuit"),
    ("warned", "warned {o}", "issued a warning"),
    ("funded", "provided funding to {o}", "announced new funding"),
    ("protested", "protested against {o}", "organized a protest"),
    ("investigated", "opened an investigation into {o}", "opened an investigation"),
    ("appointed", "appointed {o}", "announced new appointments"),
    ("hosted", "hosted {o}", "hosted a conference"),
)

# Sentences without actors or dates that pad documents to news length.
FILLER = (
    "Analysts said the situation remained uncertain.",
    "The details of the arrangement were not made public.",
    "Officials declined to comment on the matter.",
    "Observers expect the dispute to continue for some time.",
    "The decision drew mixed reactions from local residents.",
    "Critics argued that the measures did not go far enough.",
    "Supporters described the move as a necessary step.",
    "It was not immediately clear how the plan would be financed.",
    "Several smaller organizations have voiced similar concerns.",
    "The issue has divided opinion across the region.",
    "Questions remain about how the rules will be enforced.",
    "Independent experts have called for greater transparency.",
    "The statement gave no further details.",
    "Local businesses say they have already felt the effects.",
    "The matter is expected to come up again at the next session.",
    "Public reaction has so far been muted.",
    "Similar proposals have failed in the past.",
    "The figures could not be independently verified.",
    "Opposition lawmakers called the outcome disappointing.",
    "The talks were described as constructive but difficult.",
)


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def day_phrase(y: int, m: int, d: int) -> str:
    return f"on {MONTHS[m - 1]} {d}, {y}"


def date_phrase(precision: str, y: int, m: int, d: int) -> str:
    """How a writer dates an event at ``precision``; ``y-m-d`` is the interval's first day."""
    if precision == "day":
        return day_phrase(y, m, d)
    if precision == "week":
        return f"in the week of {MONTHS[m - 1]} {d}, {y}"
    if precision == "month":
        return f"in {MONTHS[m - 1]} {y}"
    if precision == "quarter":
        return f"in the {ORDINALS[(m - 1) // 3]} quarter of {y}"
    if precision == "season":
        return f"in the {SEASONS[m][1]} of {y}"
    if precision == "year":
        return f"in {y}"
    if precision == "decade":
        return f"in the {y - y % 10}s"
    raise ValueError(f"no phrase for precision {precision!r}")


def date_value(precision: str, y: int, m: int, d: int, iso_year: int = 0, iso_week: int = 0) -> str:
    """The TIMEX3 value of an interval that starts on ``y-m-d`` at ``precision``."""
    if precision == "day":
        return f"{y:04d}-{m:02d}-{d:02d}"
    if precision == "week":
        return f"{iso_year:04d}-W{iso_week:02d}"
    if precision == "month":
        return f"{y:04d}-{m:02d}"
    if precision == "quarter":
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if precision == "season":
        return f"{y:04d}-{SEASONS[m][0]}"
    if precision == "year":
        return f"{y:04d}"
    if precision == "decade":
        return f"{y // 10:03d}"
    raise ValueError(f"no value for precision {precision!r}")
