"""Words of the gazetteer the text layer reads without the actor code: which capitalised words
belong to names, and which names are places. The text layer uses them to tell a name from a
sentence glued to it (text/glued.py) and a reader's signature from prose (text/reader_posts.py)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import gazetteer_dir, word_list


def _capitalised_words(*fnames: str) -> frozenset:
    """The capitalised words (dots dropped) of gazetteer lists (names, aliases after "|", a kind
    before a tab)."""
    words: set[str] = set()
    for fname in fnames:
        for line in word_list(gazetteer_dir() / fname):
            words.update(w.strip(".") for w in re.split(r"[\s|]+", line) if w[:1].isupper())
    return frozenset(words)


@lru_cache(maxsize=1)
def name_words() -> frozenset:
    """Words of the gazetteer's names, given names, titles, nationalities and institution heads: a
    capitalised word among them may end a name ("Mexico City", "Supreme Court"), so it is never
    read as a common word opening a glued sentence."""
    return _capitalised_words("countries.txt", "cities.txt", "regions.txt", "subnational.txt", "organizations.txt",
                              "media.txt", "given_names.txt", "titles.txt", "demonyms.txt", "nicknames.txt",
                              "descriptors.txt", "org_heads.txt")


@lru_cache(maxsize=1)
def place_names() -> frozenset:
    """The gazetteer's places and their aliases, in lower case ("haiti", "mexico city", "uk")."""
    out: set[str] = set()
    for fname in ("countries.txt", "cities.txt", "regions.txt", "subnational.txt"):
        for line in word_list(gazetteer_dir() / fname):
            out.update(" ".join(p.split()).lower() for p in line.split("|") if p.strip()[:1].isupper())
    return frozenset(out)
