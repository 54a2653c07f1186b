"""A spelling-insensitive key so transliteration variants of one name meet.

"Kazakhstan"/"Kazakstan", "Nursultan"/"Nur-Sultan", "Yeltsin"/"Eltsin"-style
differences come from romanisation choices, so the key folds diacritics and
the common digraph choices rather than listing name pairs.
"""
from __future__ import annotations

import re

from .gazetteer import fold

_PAIRS = (
    ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "k"), ("ck", "k"), ("q", "k"),
    ("ph", "f"), ("tch", "c"), ("ch", "c"), ("ts", "c"), ("tz", "c"), ("sch", "s"), ("sh", "s"),
    ("w", "v"), ("x", "ks"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ie", "i"),
    ("yi", "i"), ("iy", "i"), ("ij", "i"), ("y", "i"), ("e", "e"),
)


def translit_key(name: str) -> str:
    s = fold(name)
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"['’`\".]", "", s)
    s = re.sub(r"[-_/]", " ", s)
    s = " ".join(s.split())
    for a, b in _PAIRS:
        s = s.replace(a, b)
    s = re.sub(r"(\w)\1+", r"\1", s)   # doubled letters: "Mohammed"/"Mohamed"
    s = re.sub(r"^i(?=[aeou])", "", s)   # "Yevgeny"/"Evgeny" after y -> i
    s = re.sub(r"(?<=\s)i(?=[aeou])", "", s)
    return s.replace(" ", "")
