"""Lower-casing that a case-blind pattern can trust, for quick tests run before a pattern.

A pattern compiled with ``re.IGNORECASE`` matches an ASCII letter also to a few other
characters ("ſ" to "s", the Kelvin sign to "k", "ı" and "İ" to "i"), and "İ" lower-cases to
two characters. In a text holding none of them, a case-blind match of an ASCII word is that
word in the lower-cased text, at the same offsets: a cheap ``find``/``endswith`` there tells
where the pattern can match at all.
"""
from __future__ import annotations

from typing import Optional

# Every character outside ASCII that ignoring case matches to an ASCII letter or digit, or whose
# lower case is longer than one character (tests/test_fast_scans.py recomputes the list).
FOLD_HAZARDS = "\u0130\u0131\u017f\u212a"


def lowered(text: str) -> Optional[str]:
    """``text`` in lower case, character for character, or None when that cannot be trusted."""
    if not text.isascii() and any(c in text for c in FOLD_HAZARDS):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


def may_end_with_word(before: str, words: tuple[str, ...]) -> bool:
    """False only when ``before``, trailing white space removed, ends with none of the lower-case
    ASCII ``words`` in any case: a pattern ending in "<one of words>\\s*$" cannot match it."""
    low = lowered(before.rstrip())
    return low is None or low.endswith(words)
