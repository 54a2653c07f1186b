"""A spelling-insensitive key so transliteration variants of one name meet.

"Kazakhstan"/"Kazakstan", "Nursultan"/"Nur-Sultan", "Yeltsin"/"Eltsin"-style
differences come from romanisation choices, so the key folds diacritics and
the common digraph choices rather than listing name pairs.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import fold

_PAIRS = (
    ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "k"), ("ck", "k"), ("q", "k"),
    ("ph", "f"), ("tch", "c"), ("ch", "c"), ("ts", "c"), ("tz", "c"), ("sch", "s"), ("sh", "s"),
    ("w", "v"), ("x", "ks"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ie", "i"),
    ("yi", "i"), ("iy", "i"), ("ij", "i"), ("y", "i"), ("e", "e"),
)


_THE = re.compile(r"^the\s+")
_QUOTES = re.compile(r"['’`\".]")
_DASHES = re.compile(r"[-_/]")
_DOUBLED = re.compile(r"(\w)\1+")
_Y_VOWEL_FIRST = re.compile(r"^i(?=[aeou])")
_Y_VOWEL = re.compile(r"(?<=\s)i(?=[aeou])")


# A name's key is asked for at every mention and lookup: computed once per distinct name.
@lru_cache(maxsize=1 << 16)
def translit_key(name: str) -> str:
    s = fold(name)
    s = _THE.sub("", s)
    s = _QUOTES.sub("", s)
    s = _DASHES.sub(" ", s)
    s = " ".join(s.split())
    for a, b in _PAIRS:
        s = s.replace(a, b)
    s = _DOUBLED.sub(r"\1", s)   # doubled letters: "Mohammed"/"Mohamed"
    s = _Y_VOWEL_FIRST.sub("", s)   # "Yevgeny"/"Evgeny" after y -> i
    s = _Y_VOWEL.sub("", s)
    return s.replace(" ", "")
