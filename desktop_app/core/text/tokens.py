"""Word tokens with offsets, and shape tests used by the name finder."""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import repeat
from typing import NamedTuple

from .sentences import ABBREVIATIONS

# Words keep internal dots (U.S.), hyphens (Interfax-Kazakhstan) and apostrophes
# (O'Brien, N'Djamena); a trailing possessive 's / ’s is split off so
# "Kazakhstan’s" yields the name "Kazakhstan". A word's letters are one \w* run between its
# inner marks (the same words as (?:\w|[-'’&/](?=[^\W_]))*, a third faster to match).
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"                     # dotted acronyms: U.S., N.Y.
    r"|\d+(?:[.,:]\d+)*"                      # numbers: 4.5, 1,700, 10:30
    r"|[^\W_]\w*(?:[-'’&/](?=[^\W_])\w*)*"      # words, hyphenated words, O'Brien
    r"|[^\w\s]",                              # any single punctuation mark
    re.UNICODE,
)
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")


class Token(NamedTuple):
    """One word or punctuation mark: absolute offsets and its text. A named tuple (made at
    C speed, read through C getters): every sentence of every document is cut into these."""
    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_upper(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    @property
    def is_lower(self) -> bool:
        return self.text[:1].islower()


_new = tuple.__new__
_START, _END, _GROUP = re.Match.start, re.Match.end, re.Match.group


def tokenize(text: str, offset: int = 0) -> list[Token]:
    # Every sentence of a document goes through here once. Most sentences have no abbreviation
    # dot to merge and no possessive to split: their tokens are the matches as they are, made
    # without a Python step per token; the others are walked match by match.
    ms = list(_TOKEN.finditer(text))
    words = list(map(_GROUP, ms))
    starts = list(map(_START, ms))
    ends = list(map(_END, ms))
    if _needs_walk(text, words, starts, ends):
        return _walk(text, offset, words, starts, ends)
    if offset:
        return list(map(_new, repeat(Token), zip(map(offset.__add__, starts), map(offset.__add__, ends), words)))
    return list(map(_new, repeat(Token), zip(starts, ends, words)))


def _splits_possessive(w: str) -> bool:
    return len(w) > 2 and w[0].isupper() and w[-1] in "s'’" and _POSSESSIVE.search(w) is not None \
        and not w.lower().endswith(("ss'", "ss’"))


def _needs_walk(text: str, words: list[str], starts: list[int], ends: list[int]) -> bool:
    """Whether a dot follows a known abbreviation or a word ends in a possessive (its
    apostrophe is then in the text): only then do the tokens differ from the matches."""
    i = 0
    while True:
        try:
            i = words.index(".", i + 1)
        except ValueError:
            break
        if ends[i - 1] == starts[i] and text[starts[i - 1]:ends[i - 1]].lower() in ABBREVIATIONS:
            return True
    for mark in ("'", "’"):
        p = text.find(mark)
        while p >= 0:
            k = bisect_right(starts, p) - 1
            if k >= 0 and _splits_possessive(words[k]):
                return True
            p = text.find(mark, p + 1)
    return False


def _walk(text: str, offset: int, words: list[str], starts: list[int], ends: list[int]) -> list[Token]:
    out: list[Token] = []
    append = out.append
    prev_s = prev_e = -1
    for s, e, w in zip(starts, ends, words):
        # "Dr." / "Mo." / "Inc.": keep the dot with a known abbreviation.
        if w == "." and prev_e == s and text[prev_s:prev_e].lower() in ABBREVIATIONS:
            last = out.pop()
            w = text[prev_s:e]
            s = prev_s
            if last.start != prev_s + offset:     # the word had its possessive split off: keep as is
                out.append(last)
                append(_new(Token, (e - 1 + offset, e + offset, ".")))
                prev_s, prev_e = e - 1, e
                continue
        prev_s, prev_e = s, e
        if _splits_possessive(w):
            pm = _POSSESSIVE.search(w)
            cut = s + pm.start() + (1 if pm.group(0)[0] == "s" else 0)
            append(_new(Token, (s + offset, cut + offset, text[s:cut])))
            append(_new(Token, (cut + offset, e + offset, text[cut:e])))
            continue
        append(_new(Token, (s + offset, e + offset, w)))
    return out


def is_possessive(tok: Token) -> bool:
    return tok.text in ("'s", "’s", "'", "’")
