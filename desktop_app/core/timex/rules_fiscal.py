"""Business shorthand for reporting periods: "Q3 2020", "H1 2021", "3Q", "FY21".

The letters are case-sensitive ("q3" is not a quarter), and a bare "Q3"
needs a word before it that makes it a time ("in Q3", "for the Q3"),
since on its own it is as often a product name.
"""
from __future__ import annotations

import re

from desktop_app.core.timex.resolve import Hit, choose_year
from desktop_app.core.timex.rule import rule
from desktop_app.core.timex.rules_calendar import century_for

_YEAR_PART = r"(?:\s*(?:FY\s?)?(?:(?P<year>(?:19|20)[0-9]{2})|['’](?P<yy>[0-9]{2})))"
_TIME_WORD_BEFORE = re.compile(r"\b(?:in|for|during|of|since|by|through|until|than|the|its|their|last|this|next|and|or|to|from|vs|versus|over)\s+$", re.I)


@rule("fiscal-period", rf"(?:(?P<q>Q[1-4])|(?P<q2>[1-4])Q|(?P<h>H[12])|(?P<h2>[12])H){_YEAR_PART}?", relative=True, flags=0)
def fiscal_period(m, ctx):
    kind = "Q" if (m["q"] or m["q2"]) else "H"
    n = int((m["q"] or m["h"] or "X0")[1:]) if (m["q"] or m["h"]) else int(m["q2"] or m["h2"])
    if m["year"] or m["yy"]:
        y = int(m["year"]) if m["year"] else century_for(ctx, int(m["yy"]))
        return Hit("DATE", f"{y:04d}-{kind}{n}")
    if not _TIME_WORD_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start()):
        return None
    if ctx.anchor is None:
        return Hit("DATE", f"XXXX-{kind}{n}", year_unknown=True)
    v = choose_year(ctx, lambda y: f"{y:04d}-{kind}{n}", ctx.tense(m.start(), m.end()) or "past", at=m.start())
    return Hit("DATE", v, anchored=True) if v else None


@rule("fiscal-year-short", r"FY\s?['’]?(?P<yy>[0-9]{2})(?![0-9])", flags=0)
def fiscal_year_short(m, ctx):
    return Hit("DATE", f"{century_for(ctx, int(m['yy'])):04d}")


RULES = [fiscal_period, fiscal_year_short]
