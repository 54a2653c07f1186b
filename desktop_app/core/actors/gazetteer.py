"""The shipped word lists (resources/gazetteer/*.txt), loaded once.

Lists are data, not code, so they stay general and reviewable; nothing here
knows any particular article.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..resources import gazetteer_dir, word_list



# Names repeat within and across documents (every mention, alias and lookup folds them again).
@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Case-, diacritic- and quote-insensitive key for matching a name."""
    if name.isascii():      # most names: nothing to decompose (the same result, a fraction of the time)
        s = name.replace("`", "'")
    else:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(c for c in s if not unicodedata.combining(c))
        s = s.replace("’", "'").replace("‘", "'").replace("`", "'")
    return " ".join(s.casefold().split())


# Company-form suffixes: "SeaMicro Inc." and "SeaMicro Corp" are one name (identity keys drop them).
CORPORATE_SUFFIXES = ("Inc", "Inc.", "Incorporated", "Corp", "Corp.", "Corporation", "Co", "Co.", "Ltd", "Ltd.",
                      "Limited", "LLC", "L.L.C.", "plc", "PLC", "GmbH", "AG", "N.V.", "S.A.", "S.p.A.", "B.V.",
                      "L.P.", "LP", "LLP", "Pty", "Cos.", "Cos")


def corporate_key(word: str) -> str:
    return word.replace(".", "").casefold()


_SUFFIX_KEYS = frozenset(corporate_key(w) for w in CORPORATE_SUFFIXES)


def drop_corporate_suffix(name: str) -> str:
    """"SeaMicro Inc." -> "SeaMicro"; "Kimberly-Clark Corp." -> "Kimberly-Clark"; a bare "Inc." stays."""
    words = name.replace(",", " ").split()
    while len(words) >= 2 and corporate_key(words[-1]) in _SUFFIX_KEYS:
        words.pop()
    return " ".join(words) if len(words) < len(name.replace(",", " ").split()) else name


@dataclass
class Gazetteer:
    # folded alias -> (canonical name, actor type)
    names: dict[str, tuple[str, str]] = field(default_factory=dict)
    # longest entry length in tokens, per folded first token, to bound lookups
    first_tokens: dict[str, int] = field(default_factory=dict)
    heads: dict[str, str] = field(default_factory=dict)        # "Ministry" -> "organization"
    titles: frozenset = frozenset()
    demonyms: frozenset = frozenset()
    stopwords: frozenset = frozenset()
    common_acronyms: frozenset = frozenset()
    given_names: frozenset = frozenset()
    descriptors: dict[str, str] = field(default_factory=dict)   # "Chipmaker" -> "organization"
    corporate_suffixes: frozenset = frozenset()                # folded: "inc", "corp", "ltd" ...
    nicknames: dict[str, frozenset] = field(default_factory=dict)  # "mo" -> {"maurice"} (lower case)

    def lookup(self, name: str):
        return self.names.get(fold(name))

    def nationals(self, word: str) -> bool:
        """A plural of nationality ("Mexicans", "Britons", "Iraqis"): people of a place, no actor's name
        (a listed place spelled so, "Philippines", "Balkans", is the place)."""
        return len(word) > 4 and word.endswith("s") and word[:-1] in self.demonyms and not self.lookup(word)


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer; missing files give empty lists (extraction degrades, never crashes)."""
    from ..text.tokens import tokenize

    d = gazetteer_dir()
    g = Gazetteer()
    for fname, kind in (("countries.txt", "location"), ("regions.txt", "location"),
                        ("cities.txt", "location"), ("subnational.txt", "location"),
                        ("organizations.txt", "organization"), ("media.txt", "media")):
        for line in word_list(d / fname):
            parts = [p.strip() for p in line.split("|") if p.strip()]
            canonical = parts[0]
            for alias in parts:
                if alias.lower().startswith("the "):
                    alias = alias[4:]
                key = fold(alias)
                g.names.setdefault(key, (canonical, kind))
                toks = tokenize(alias)
                if toks:
                    first = fold(toks[0].text)
                    g.first_tokens[first] = max(g.first_tokens.get(first, 0), len(toks))
    for line in word_list(d / "org_heads.txt"):
        kind, _, word = line.partition("\t")
        if word:
            g.heads.setdefault(word.strip(), kind.strip())
    g.titles = frozenset(word_list(d / "titles.txt"))
    g.demonyms = frozenset(word_list(d / "demonyms.txt"))
    g.stopwords = frozenset(word_list(d / "stopwords.txt"))
    g.common_acronyms = frozenset(word_list(d / "common_acronyms.txt"))
    g.given_names = frozenset(word_list(d / "given_names.txt"))
    for line in word_list(d / "descriptors.txt"):
        kind, _, word = line.partition("\t")
        if word.strip():
            g.descriptors.setdefault(word.strip(), kind.strip())
    nick: dict[str, set] = {}
    for line in word_list(d / "nicknames.txt"):
        parts = [p.strip().lower() for p in line.split("|") if p.strip()]
        for short in parts[1:]:
            nick.setdefault(short, set()).add(parts[0])
    g.nicknames = {k: frozenset(v) for k, v in nick.items()}
    # The suffix block of org_heads.txt: company-form words, folded without dots for keys.
    g.corporate_suffixes = frozenset(corporate_key(w) for w in CORPORATE_SUFFIXES)
    return g
