"""Word tokens with offsets, and shape tests used by the name finder."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Words keep internal dots (U.S.), hyphens (Interfax-Kazakhstan) and apostrophes
# (O'Brien, N'Djamena); a trailing possessive 's / ’s is split off so
# "Kazakhstan’s" yields the name "Kazakhstan".
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"                     # dotted acronyms: U.S., N.Y.
    r"|\d+(?:[.,:]\d+)*"                      # numbers: 4.5, 1,700, 10:30
    r"|[^\W_](?:\w|[-'’&/](?=[^\W_]))*"        # words, hyphenated words, O'Brien
    r"|[^\w\s]",                              # any single punctuation mark
    re.UNICODE,
)
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")


@dataclass(frozen=True, slots=True)
class Token:
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


def tokenize(text: str, offset: int = 0) -> list[Token]:
    from .sentences import ABBREVIATIONS
    out: list[Token] = []
    raw = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    merged: list[tuple[int, int]] = []
    for s, e in raw:
        # "Dr." / "Mo." / "Inc.": keep the dot with a known abbreviation.
        if (text[s:e] == "." and merged and merged[-1][1] == s
                and text[merged[-1][0]:merged[-1][1]].lower() in ABBREVIATIONS):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    for s, e in merged:
        w = text[s:e]
        pm = _POSSESSIVE.search(w) if len(w) > 2 and w[0].isupper() else None
        if pm and not w.lower().endswith(("ss'", "ss’")):
            cut = s + pm.start() + (1 if pm.group(0)[0] == "s" else 0)
            out.append(Token(s + offset, cut + offset, text[s:cut]))
            out.append(Token(cut + offset, e + offset, text[cut:e]))
        else:
            out.append(Token(s + offset, e + offset, w))
    return out


def is_possessive(tok: Token) -> bool:
    return tok.text in ("'s", "’s", "'", "’")
