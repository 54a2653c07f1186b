"""Finding names in one sentence and guessing what kind of actor each is.

A rule + gazetteer finder (chosen over spaCy's small model by the held-out
comparison in scripts/eval_ner.py, see README): capitalised token runs with
name particles, typed by gazetteer entries, head words ("Ministry", "Group"),
titles ("President X"), and context ("X newspaper", "(X, November 2)").
Names it cannot type stay ``type=None`` for the document-level resolver,
which keeps them only if they turn out to be aliases of typed names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Optional

from ..text.tokens import Token, is_possessive
from . import cues
from .context import (ARMED_HEADS, ARTICLES, INSTITUTION_HEADS, company_context, market_context, NON_STATE, OFFICE_TAIL,
                      ROMAN, own_institution, place_before)
from .gazetteer import Gazetteer, corporate_key, fold

# Lower-case words that may sit inside a name between capitalised words.
_PARTICLES = {"de", "da", "di", "del", "della", "der", "den", "van", "von", "du", "la", "le", "au", "aux",
              "bin", "ibn", "al", "el", "arap", "dos", "das", "y", "ul", "ud", "zu"}
_JOINERS_OF = {"of", "for", "on"}
# Lower-case words a bracketed other name may hold ("Medecins sans Frontieres", "Mission in Haiti").
_NAME_LINKS = _PARTICLES | _JOINERS_OF | {"and", "the", "in", "at", "sans", "des", "et", "e", "&"}
# Title words that also name fields or ranks ("Energy", "Justice", "State"): they
# qualify a title but do not make a name a mere role when they end it.
_TITLE_MODIFIERS = {"Foreign", "Defense", "Defence", "Interior", "Finance", "Justice", "Economy",
                    "Trade", "Health", "Energy", "Education", "State", "First", "Senior", "Former",
                    "Acting", "Deputy", "Vice", "Prime", "Chief", "Head", "General", "Major", "Father"}
# Place heads that type a name only as its last word ("Park Geun-hye" is a person, "Jefferson Park" a place).
_END_HEADS = {"Avenue", "Road", "Boulevard", "Highway", "Park", "Beach", "Canyon", "Glacier", "Peninsula"}
_ORDINAL = {"st", "nd", "rd", "th"}
_OPEN_QUOTES = {"“", "\"", "‘", "'", "«"}
_COUNTS = frozenset("two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
                    "hundred hundreds thousand thousands dozens".split())
_COUNTED_NOUN = re.compile(r"people|men|women|children|(?!(?:says|does|goes|tells|has|was|is)$)[a-z]{2,}s")
_NUMBERED_HEADS = {"Channel", "Division", "Brigade", "Battalion", "Unit", "Regiment", "Squad",
                   "Base", "Terminal", "Flight", "Chapter", "Corps", "Plant", "Station", "No."}


_LOWER_ORG = re.compile(r"\bthe\s+((?:[a-z][\w-]*\s+){0,2}?(?:" + "|".join(re.escape(h) for h in cues.LOWER_ORG_HEAD)
                        + r"))\s+of\s+(?:the\s+)?$")
_FACILITY = re.compile(r"((?:\s+[a-z][\w-]*){0,3}?\s+(?:" + "|".join(re.escape(h) for h in cues.FACILITY_HEAD) + r"))\b")
_REGION = re.compile(r"\s+(" + "|".join(cues.REGION_NOUN) + r")\b")


@dataclass(slots=True)
class NameSpan:
    start: int
    end: int
    text: str
    type: Optional[str]           # one of ACTOR_TYPES, or None when only context could say
    canonical: Optional[str] = None   # gazetteer canonical name, if any
    evidence: str = ""
    weak: bool = False            # sentence-initial single word: keep only if seen elsewhere
    aliases: list["NameSpan"] = field(default_factory=list)   # parenthesised acronym / translation
    role_of: list[tuple[int, int]] = field(default_factory=list)  # spans named in its role apposition
    heads: tuple = ()
    role: str = ""                # title or descriptor written before the name ("King", "Chipmaker")


_PAREN = re.compile(r"\(([^()]{1,80})\)")
_TEXT = itemgetter(2)     # a token's text (tokens are (start, end, text) tuples)
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|m|d|t)$", re.I)


_HYPHEN_PARTICLES = frozenset(("al", "el", "ul", "ad", "ud", "e", "au", "aux", "de", "du", "des", "la", "le", "les",
                               "sur", "sous", "en"))


def _is_name_word(t: Token) -> bool:
    return is_name_text(t.text)


# Asked several times for every token of every sentence; the answer depends on the word alone.
@lru_cache(maxsize=1 << 16)
def is_name_text(w: str) -> bool:
    """Whether a token's text can be a word of a name (capitalised, not "I've", not "High-profile")."""
    if not w[:1].isalnum() or not w[:1].isupper():
        return False
    if _CONTRACTION.search(w):
        return False      # "I've", "Don't": a capital at a sentence start, not a name
    # "High-profile", "Israeli-built": a lower-case part after a hyphen makes it an adjective.
    parts = w.split("-")
    # (Particles inside a hyphenated name keep it one: "Port-au-Prince", "Boulogne-sur-Mer".)
    return all(p[:1].isupper() or p[:1].isdigit() or p.lower() in _HYPHEN_PARTICLES
               for p in parts if p) or w.startswith(("al-", "el-"))


def _acronym_ok(text: str, g: Gazetteer, longest: int = 6) -> bool:
    core = text.replace(".", "").replace("&", "").replace("-", "")
    return (2 <= len(core) <= longest and core.isalnum() and any(c.isalpha() for c in core)
            and core.upper() == core and text not in g.common_acronyms
            and core not in g.common_acronyms)


def is_title_word(w: str, g: Gazetteer) -> bool:
    return w in g.titles or (w.lower() in cues.ROLE_NOUN and w[:1].isupper())


# Patterns of the context typing below, compiled once (they run for every name span).
_DESCRIPTOR_BEFORE = re.compile(r"\b([a-z][a-z-]+)\s+$")
_APPOSITION_AFTER = re.compile(r"\s*,\s+(?:the|a|an)\s+(?:[a-z][\w-]*\s+){0,2}?([a-z]+)\b"
                               r"(?=\s*(?:[,.;)]|$|\s(?:of|in|on|at|that|which|based|near)\b))")
_LOWER_WORD_AFTER = re.compile(r"\s+([a-z]+)\b")
_TYPE_NOUN_AFTER = re.compile(r"\s+(?:(?!(?:from|of|the|a|an|in|on|at|by|for|with|and|or|to|its|their)\b)[a-z]+\s+){1,2}?"
                              r"(centre|center|group|organi[sz]ation|association|"
                              r"foundation|institute|union|party|movement|network|newspaper|agency)\b")
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|its|their)\s+(?:[a-z][\w-]*\s+){0,2}?([a-z]+)\s+$")
_ACCORDING_BEFORE = re.compile(r"\baccording\s+to\s+$")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
_KNOWN_AS_BEFORE = re.compile(r"\b(\w+)\s+(?:known\s+as|called|named|dubbed)\s+(?:the\s+)?[“\"‘']?$")
_COMMA_BEFORE = re.compile(r"\b(\w+)\s*,\s*$")
_ROLE_APPOSITION = re.compile(r"\s*,\s*([^,;()]*)")
_ROLE_WORDS = re.compile(r"[\w'’-]+")
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}|[ap]\.?m\.?", re.I)
_HOURS = re.compile(r"[012]\d[0-5]\d")     # "0830 BST"; also a year, so only before a zone's "-T"
_LOWER_ASCII = frozenset("abcdefghijklmnopqrstuvwxyz")
_LOWER_ASCII_HYPHEN = _LOWER_ASCII | {"-"}


def _ends_lower_word(before: str, pattern: re.Pattern, last: frozenset = _LOWER_ASCII) -> Optional[re.Match]:
    """``pattern.search(before)`` for a pattern ending in a character of ``last``, then ``\\s+$``
    (a lower-case word, then space): most names follow no such word, and those are answered
    without the search."""
    stripped = before.rstrip()
    if len(stripped) == len(before) or stripped[-1:] not in last:
        return None
    return pattern.search(before)


class SentenceNames:
    """Names in one sentence. ``doc_has_crime`` lets "X Group" read as a criminal group."""

    def __init__(self, text: str, tokens: list[Token], g: Gazetteer, doc_has_crime: bool,
                 breaks: frozenset = frozenset()):
        self.text = text          # the whole document text (offsets are absolute)
        self.toks = tokens
        # Offsets of line breaks that end a line of their own (a headline, a title line, a
        # one-sentence-per-line text): no name runs across them ("Intel Corp.\nAMD").
        self.breaks = breaks
        self.g = g
        self.crime = doc_has_crime
        self.spans: list[NameSpan] = []

    # -- chunking ---------------------------------------------------------
    def _chunks(self) -> list[tuple[int, int]]:
        toks, out, i, n = self.toks, [], 0, len(self.toks)
        # Whether each token can be a word of a name, asked once per token, not at every look.
        isname = list(map(is_name_text, map(_TEXT, toks)))
        while i < n:
            if not isname[i] or self._entity_ref(toks[i]) or (
                    i and toks[i - 1].end == toks[i].start and toks[i - 1].text[:1].isdigit()):   # "76ERS"
                i += 1
                continue
            if i >= 2 and self.g.heads.get(toks[i].text) == "location" and toks[i - 1].text in _ORDINAL \
                    and toks[i - 2].text.isdigit() and toks[i - 2].end == toks[i - 1].start:
                i -= 2      # "117th Street": the ordinal is part of the street's name
            j = i + 1 if toks[i].text[:1].isalpha() else i + 3
            gz = self._gazetteer_run(i)
            if gz > j:
                j = gz
            while j < n:
                t = toks[j]
                if self._broken(toks[j - 1].end, t.start):
                    break
                if j - i >= 2 and corporate_key(toks[j - 1].text) in self.g.corporate_suffixes:
                    break       # "TallGrass Distribution Ltd Christmas party": a company form ends the name
                if len(t.text) == 1 and t.text.isupper() and j + 2 < n and toks[j + 1].text == "." \
                        and toks[j + 1].start == t.end and isname[j + 2]:
                    j += 2          # a middle initial: "Stephen A. Smith"
                    continue
                if t.text in self.g.stopwords and isname[j]:
                    break   # "World Court Friday", "UR The X": a day, month or article ends the name
                if t.text == toks[j - 1].text and t.text[:1].isupper():
                    break   # "his sister LaToya LaToya Jackson has claimed": two lines glued, two names
                if isname[j] and toks[j - 1].end == t.start - 1 or (isname[j] and toks[j - 1].end == t.start):
                    j += 1
                    continue
                if isname[j]:
                    j += 1
                    continue
                low = t.text.lower()
                nxt = toks[j + 1] if j + 1 < n else None
                if t.text.isdigit() and toks[j - 1].text in _NUMBERED_HEADS:
                    j += 1
                    continue
                if low in _PARTICLES and nxt is not None and isname[j + 1]:
                    j += 1
                    continue
                if low in _JOINERS_OF and nxt is not None and self._joins_of(i, j):
                    k = j + 1
                    if toks[k].text.lower() == "the" and k + 1 < n and isname[k + 1]:
                        k += 1
                    # Never across a date: "the Office on May 10".
                    if isname[k] and toks[k].text not in self.g.stopwords:
                        j = k
                        continue
                if t.text in ("&", "and") and nxt is not None and isname[j + 1] \
                        and nxt.text not in self.g.stopwords and self._joins_and(i, j):
                    j += 1
                    continue
                break
            out.append((i, j))
            i = j
        return out

    def _entity_ref(self, t: Token) -> bool:
        """"&LR;", "&UR;": wire-service formatting codes left in the text, not names."""
        return self.text[t.start - 1:t.start] == "&" and self.text[t.end:t.end + 1] == ";"

    def _broken(self, a: int, b: int) -> bool:
        if not self.breaks:
            return False
        nl = self.text.find("\n", a, b)
        return nl >= 0 and nl in self.breaks

    def _gazetteer_run(self, i: int) -> int:
        """End index of the longest gazetteer name starting at token i (i if none)."""
        limit = self.g.first_tokens.get(fold(self.toks[i].text), 0)
        for L in range(min(limit, len(self.toks) - i), 1, -1):
            seg = self.toks[i:i + L]
            if not _is_name_word(seg[-1]):
                continue
            if self._broken(seg[0].end, seg[-1].start):
                continue
            if self.g.lookup(self.text[seg[0].start:seg[-1].end]):
                return i + L
        return i

    def _joins_of(self, i: int, j: int) -> bool:
        words = [t.text for t in self.toks[i:j]]
        # "Chief of Staff" joins; "Dr. Helen Marsh of the X Association" is a person and an organization.
        return any(self._head(w) for w in words) or words[-1] in self.g.titles

    def _head(self, w: str) -> Optional[str]:
        """The kind a head word names, plurals too ("Centers for Disease Control")."""
        got = self.g.heads.get(w)
        if got is None and len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            got = self.g.heads.get(w[:-1])
        return got

    def _joins_and(self, i: int, j: int) -> bool:
        if self.toks[j].text == "&":
            return True
        left = " ".join(t.text for t in self.toks[i:j])
        if self.g.lookup(left):
            return False
        # Extend over the right part to see what follows it.
        k = j + 1
        while k < len(self.toks) and _is_name_word(self.toks[k]):
            k += 1
        right = " ".join(t.text for t in self.toks[j + 1:k])
        if self.g.lookup(right) and not self.g.lookup(left + " and " + right):
            return False
        if self.g.lookup(left + " and " + right):
            return True
        if any(self._head(t.text) not in (None, "location") for t in self.toks[i:j]):
            return True
        if j - i <= 2 and 1 <= k - j - 1 <= 3 and self.toks[k - 1].text in INSTITUTION_HEADS:
            return True
        # "Law and Justice (…)": a parenthesis right after marks one name with its alias.
        return k < len(self.toks) and self.toks[k].text == "("

    # -- typing -------------------------------------------------------------
    def find(self) -> list[NameSpan]:
        for i, j in self._chunks():
            self._type_chunk(i, j)
        self._coordinations()
        self._parentheticals()
        self._lowercase_orgs()
        self._context_types()
        self._role_appositions()
        return self.spans

    def _emit(self, i: int, j: int, type_, canonical=None, evidence="", weak=False) -> NameSpan:
        s, e = self.toks[i].start, self.toks[j - 1].end
        span = NameSpan(s, e, self.text[s:e], type_, canonical, evidence, weak,
                        heads=tuple(t.text for t in self.toks[i:j] if t.text in self.g.heads))
        self.spans.append(span)
        return span

    def _sentence_initial(self, i: int) -> bool:
        k = i - 1
        while k >= 0 and self.toks[k].text in _OPEN_QUOTES | {"(", "-", "—", "_"}:
            k -= 1
        return k < 0 or self.toks[k].text in (".", ":", "?", "!", ";")

    def _clock_before(self, i: int) -> bool:
        """A clock time right before token i ("0830", "21.31", "2 pm"): what follows is its zone."""
        if i == 0:
            return False
        before, w = self.toks[i - 1].text, self.toks[i].text
        return _CLOCK.fullmatch(before) is not None or (
            _HOURS.fullmatch(before) is not None and 3 <= len(w) <= 4 and w.endswith("T"))

    def _sentence_adverb(self, i: int) -> bool:
        w = self.toks[i].text
        return (len(w) > 5 and w.endswith("ly") and w[1:].islower() and w not in self.g.given_names
                and not self.g.lookup(w) and self._sentence_initial(i))

    def _type_chunk(self, i: int, j: int) -> None:
        g, toks = self.g, self.toks
        # Leading function words and discourse markers are never part of a name.
        while i < j and (toks[i].text in g.stopwords or toks[i].text.lower() == "the"):
            i += 1
        if j - i >= 2 and self._sentence_adverb(i):
            i += 1      # "Typically Microsoft ...": an adverb capitalised by the sentence start
        if j - i >= 3 and toks[i].text in ("No.", "No") and toks[i + 1].text.isdigit():
            i += 2      # "No. 5 Saints": a ranking, not part of the team's name
        if i >= j:
            return
        words = [t.text for t in toks[i:j]]
        name = " ".join(words)
        if j - i == 1 and (words[0] in g.demonyms or g.nationals(words[0])):
            return
        hit = g.lookup(self.text[toks[i].start:toks[j - 1].end]) or g.lookup(name)
        if not hit and j - i >= 2 and words[-1].lower() in _COUNTS and j < len(toks) \
                and _COUNTED_NOUN.fullmatch(toks[j].text):
            # "a trip to Mexico Two people in Queensland": a sentence's count glued to a name ("the
            # Jackson Five were" keeps its name: only a plural noun after it is counted).
            self._type_chunk(i, j - 1)
            return
        if not hit and j - i >= 2 and g.nationals(words[-1]) and not any(w in g.heads for w in words):
            # "Haiti Britons", "Two Britons": the people of a place; only a listed name before it is
            # one ("Haiti"), not "United" of "United Haitians" (a body that would name itself in full).
            if g.lookup(" ".join(words[:-1])):
                self._type_chunk(i, j - 1)
            return
        if not hit:
            for p in range(i + 1, j - 1):
                v = toks[p - 1].text
                if toks[p].text in g.given_names and v not in g.given_names and not is_title_word(v, g) \
                        and v.lower().endswith(("ed", "es", "s")) and v not in g.heads and not v.isupper():
                    # "Fired Jim O'Brien", "Names Maurice Cheeks": a headline verb before a name.
                    if p - 1 > i:
                        self._type_chunk(i, p - 1)
                    self._type_chunk(p, j)
                    return
                if p - 1 == i and toks[p].text in g.given_names and v not in g.given_names and not is_title_word(v, g) \
                        and v not in g.heads and not g.lookup(v) and not toks[i].is_upper and v not in g.demonyms \
                        and j - i == 3 and not g.lookup(v + " " + toks[p].text):    # "San Diego Chargers"
                    # "Charger Jamal Williams": a team member's affiliation before the name is the role.
                    before = len(self.spans)
                    self._type_chunk(p, j)
                    for sp in self.spans[before:]:
                        sp.role = sp.role or v
                    return
                if toks[p].text in g.given_names and p - 1 > i and toks[p - 1].is_upper and 2 <= len(v) <= 4 \
                        and not g.lookup(v) and p + 1 < j:
                    # "Chargers NT Jamal Williams": a team or firm, an abbreviated role, a person.
                    self._type_chunk(i, p - 1)
                    before = len(self.spans)
                    self._type_chunk(p, j)
                    for sp in self.spans[before:]:
                        sp.role = sp.role or v
                    return
        lead = i
        while not hit and lead < j - 2 and (toks[lead].text in g.demonyms or re.fullmatch(r"[A-Z][a-z]+al", toks[lead].text)
                                            and toks[lead].text not in g.given_names and not g.lookup(toks[lead].text)):
            lead += 1       # "Indian Naval Ship Sukanya": adjectives before a descriptor belong to the role
        if lead > i and toks[lead].text in g.descriptors:
            i, lead_words = lead, " ".join(t.text for t in toks[i:lead]) + " "
        else:
            lead_words = ""
        if not hit and j - i >= 2 and toks[i].text in g.descriptors:
            # "Chipmaker AMD", "Rapper Eminem": the descriptor is the actor's role, not its name.
            k = i
            while k < j - 1 and toks[k].text in g.descriptors:
                k += 1
            kind = g.descriptors[toks[k - 1].text]
            before = len(self.spans)
            self._type_chunk(k, j)
            for sp in self.spans[before:]:
                sp.role = sp.role or lead_words + " ".join(t.text for t in toks[i:k])
                if sp.type is None or sp.evidence in ("full-name", "bare", "compound", "given-name"):
                    if not (kind == "organization" and sp.evidence == "given-name"):
                        sp.type, sp.evidence, sp.weak = kind, "descriptor", False
            return
        if not hit and j - i >= 3:
            for k in range(i + 1, j - 1):
                tail = g.lookup(self.text[toks[k].start:toks[j - 1].end]) if _is_name_word(toks[k - 1]) else None
                if tail and tail[1] in ("organization", "media") and j - k >= 2 \
                        and all(t.text in g.demonyms for t in toks[i:k]):
                    # "British Red Cross", "American Red Cross": a national body of its own, not the
                    # listed one with an adjective before it.
                    self._emit(i, j, tail[1], None, "head")
                    return
                if tail and tail[1] in ("organization", "media") and j - k >= 2 \
                        and not any(t.text in g.heads for t in toks[i:k]):
                    # "the Nixon White House": a listed name of several words after another name.
                    self._type_chunk(i, k)
                    self._emit(k, j, tail[1], tail[0], "gazetteer")
                    return
        if not hit and j - i >= 3 and toks[i].is_upper and 2 <= len(words[0]) <= 4 and words[1] in g.given_names \
                and not g.lookup(words[0]):
            # "RB Pierre Thomas", "CEO Tim Cook": an abbreviated role before a person's name.
            before = len(self.spans)
            self._type_chunk(i + 1, j)
            for sp in self.spans[before:]:
                if sp.type in (None, "person"):
                    sp.role = sp.role or words[0]
            return
        if hit:
            self._emit(i, j, hit[1], hit[0], "gazetteer")
            return
        # Titles: "Polish Defense Minister Janusz X" -> person "Janusz X".
        def is_title(w: str) -> bool:
            if w in g.titles or w.lower() in cues.ROLE_NOUN and w[:1].isupper():
                return True
            return w.endswith("s") and w[:-1] in g.titles and w[:-1][:1].isupper() and not g.lookup(w)
        heads_in = any(t.text in g.heads for t in toks[i:j])
        # "President of UNOS", "Chief of Staff": a role; only what follows "of" may be a name.
        if is_title(toks[i].text) and i + 1 < j and toks[i + 1].text == "of" and not heads_in:
            k = i + 2
            while k < j and is_title(toks[k].text):
                k += 1
            if k < j:
                self._type_chunk(k, j)
            return
        k = j - 1
        if j - i >= 3 and is_title(toks[k].text):
            # "Dr. Sanjay Gupta Surgeon General", "Regina Benjamin U. S. Surgeon General" (a
            # headline): the office after a person's name is not part of it.
            s = k
            while s > i and (is_title(toks[s - 1].text) or toks[s - 1].text in _TITLE_MODIFIERS
                             or re.fullmatch(r"(?:[A-Z]\.?)+|\.", toks[s - 1].text)):
                s -= 1
            while s < k and toks[s].text == ".":
                s += 1
            if s - i >= 2 and (any(t.text in g.given_names for t in toks[i:s]) or is_title(toks[i].text) and s - i >= 3) \
                    and toks[s - 1].text not in g.given_names and not is_title(toks[s - 1].text) \
                    and not any(t.text in g.heads for t in toks[i:j] if t.text not in g.titles):
                self._type_chunk(i, s)
                return
        # (A lone plural is no role: "Queens", "Kings" name a place or a team.)
        if (is_title(toks[k].text) if j - i > 1 else is_title_word(toks[k].text, g)) \
                and toks[k].text not in _TITLE_MODIFIERS and not any(
                t.text in g.heads for t in toks[i:j] if t.text not in g.titles) \
                and not (j - i >= 2 and toks[j - 2].text in g.given_names):   # "Billy King" is a name
            return    # "Human Services Secretary": a role, not a name
        last_title = None
        for k in range(i, j - 1):
            if is_title(toks[k].text):
                last_title = k
                # "Chief of Staff John Sununu": the "of" phrase belongs to the title.
                if k + 2 < j and toks[k + 1].text == "of":
                    last_title = k + 2
        if last_title is not None and last_title < j - 1:
            rest = [t for t in toks[last_title + 1:j]]
            named = bool(rest) and rest[0].text in g.given_names       # "Manager Billy King"
            if rest and not any(t.text in g.heads and t.text not in _END_HEADS or (is_title(t.text) and not named)
                                for t in rest) \
                    and all(_is_name_word(t) or t.text == "." or t.text.lower() in _PARTICLES for t in rest):
                prefix_end = next((k for k in range(i, j) if is_title(toks[k].text)), i)
                if prefix_end > i:
                    self._type_chunk(i, prefix_end)
                sp = self._emit(last_title + 1, j, "person", None, "title")
                sp.role = " ".join(t.text for t in toks[prefix_end:last_title + 1])
                return
        # Head words: the last one decides ("Kazakh Television Channel 1" -> media).
        head_type = None
        for t in reversed(toks[i:j]):
            if t.text in g.heads and (t.text not in _END_HEADS or t is toks[j - 1]):
                head_type = g.heads[t.text]
                break
        if head_type == "organization" and toks[j - 1].text == "Group" and self.crime:
            head_type = "group"
        # In a text about fighting, a "Front" or "Army" not named for a state is an armed group.
        last_head = next((t.text for t in reversed(toks[i:j]) if t.text in g.heads), None)
        if head_type == "organization" and self.crime and last_head in ARMED_HEADS \
                and (toks[i].text not in g.demonyms or toks[i].text in NON_STATE) and not g.lookup(toks[i].text):
            head_type = "group"
        if head_type:
            if j - i == 1:
                return  # a bare head word ("Ministry", "Police") names nothing
            first = toks[i].text
            if first in g.demonyms and j - i == 2 and head_type == "location":
                return
            self._emit(i, j, head_type, None, "head")
            return
        # Demonym-led phrase with no head ("Russian President") was handled above; else drop the demonym.
        while i < j and toks[i].text in g.demonyms:
            i += 1
        if i >= j:
            return
        words = [t.text for t in toks[i:j]]
        if j - i == 1:
            w = words[0]
            if toks[i].is_upper or (w.replace(".", "").isupper() and "." in w):
                hit = g.lookup(w)
                if hit:
                    self._emit(i, j, hit[1], hit[0], "gazetteer")
                # Mid-sentence, longer capitals are still acronyms (MONUSCO, ECOWAS); at a
                # sentence start they are as often a shouted headline word.
                elif _acronym_ok(w, g, 6 if self._sentence_initial(i) else 8) and not self._clock_before(i) \
                        and not (len(w) >= 5 and w.endswith("LY")):
                    # ("21.31 BST": a zone after a clock time; "CLEARLY": a shouted adverb.)
                    self._emit(i, j, "organization", None, "acronym")
                return
            if w in g.stopwords or w in g.titles:
                return
            self._emit(i, j, None, None, "bare", weak=self._sentence_initial(i))
            return
        if all(t.is_upper for t in toks[i:j]):
            return  # upper-case headline text, not a name
        upper = [w for w in words if w.replace(".", "").isupper()]
        # "J.C. Matlock" is a person; "James C" (a cut-off initial) and "Class B" are not names;
        # "IG Metall", "DPC Acquisition" are organizations; "Lisa Stark ABC" is a sign-off.
        # Initials come before a surname; "Orkem S.A." and "U.N. Resolution" are no people.
        initials_only = all(re.fullmatch(r"(?:[A-Z]\.){1,3}|[A-Z]", w) and not g.lookup(w) or w in ROMAN for w in upper) \
            and (words[-1] not in upper or words[-1] in ROMAN and len(words) >= 3)
        acronyms = [w for w in upper if len(w) >= 2 and "." not in w and w not in ROMAN]
        if any(w.lower() in ("and", "&", "of", "for", "on") for w in words):
            self._emit(i, j, "organization", None, "compound")
            return
        if j - i >= 3 and g.lookup(words[0]) and g.lookup(words[0])[1] == "location" and words[1] in g.given_names:
            # "ambassador to Kenya Prudence Bushnell": a place, then a person.
            self._emit(i, i + 1, "location", g.lookup(words[0])[0], "gazetteer")
            self._type_chunk(i + 1, j)
            return
        if any(g.lookup(w) and g.lookup(w)[1] == "location" for w in words) or any(
                (hp := g.lookup(" ".join(words[:k]))) and hp[1] == "location" and words[k] not in g.given_names
                for k in range(2, len(words))):
            # "Kansas City Chiefs", "New Orleans Saints": a place opening a name makes no person.
            self._emit(i, j, "organization", None, "place-name")
            return
        if any(w in ("Mount", "Mt", "Mt.") for w in words[:-1]):
            self._emit(i, j, "location", None, "head")      # "Aoraki Mount Cook", "Mt Cook Village": a mountain
            return
        if words[0] in ARTICLES:
            self._emit(i, j, "organization", None, "article")
            return
        if j - i <= 4 and not any(w in g.demonyms for w in words) and initials_only:
            # A known given name is person evidence; without one it is only a guess the
            # document resolver may overturn (a company, a place, a headline phrase).
            self._emit(i, j, "person", None, "given-name" if words[0] in g.given_names else "full-name")
        elif acronyms and j - i <= 3 and not (words[-1] in acronyms and j - i >= 3):
            self._emit(i, j, "organization", None, "compound")

    # -- list and parenthesis patterns -------------------------------------
    def _span_at(self, start: int) -> Optional[NameSpan]:
        for s in self.spans:
            if s.start == start:
                return s
        return None

    def _tok_index(self, offset: int) -> int:
        for k, t in enumerate(self.toks):
            if t.start >= offset:
                return k
        return len(self.toks)

    def _coordinations(self) -> None:
        """"the A, B, and C organized criminal groups": each listed name takes the noun's type."""
        spans = sorted(self.spans, key=lambda s: s.start)
        for idx, last in enumerate(spans):
            k = self._tok_index(last.end)
            m = 0
            while k + m < len(self.toks) and m < 4 and self.toks[k + m].is_lower:
                noun = self.toks[k + m].text.lower()
                if noun in cues.PLURAL_NOUN:
                    break
                m += 1
            else:
                continue
            if k + m >= len(self.toks) or self.toks[k + m].text.lower() not in cues.PLURAL_NOUN:
                continue
            kind = cues.PLURAL_NOUN[self.toks[k + m].text.lower()]
            phrase = " ".join(t.text for t in self.toks[k:k + m + 1])
            if kind == "organization" and cues.CRIMINAL.search(phrase):
                kind = "group"
            members = [last]
            p = idx - 1
            while p >= 0:
                between = self.text[spans[p].end:members[-1].start]
                if re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or|&)\s*", between):
                    members.append(spans[p])
                    p -= 1
                else:
                    break
            if len(members) < 2:
                continue
            for s in members:
                if s.type in (None, "person", "organization", "group", "media") and s.evidence != "gazetteer":
                    s.type, s.evidence, s.weak = kind, "coordination", False

    def _parentheticals(self) -> None:
        """"Name (ACR)" and "Name (Translation)" give aliases; "(Name, November 2)" a citation."""
        for m in _PAREN.finditer(self.text[self.toks[0].start:self.toks[-1].end] if self.toks else ""):
            base = self.toks[0].start
            inner_s, inner_e = base + m.start(1), base + m.end(1)
            inner = self.text[inner_s:inner_e]
            prev = max((s for s in self.spans if s.end <= base + m.start() and
                        not self.text[s.end:base + m.start()].strip()), key=lambda s: s.end, default=None)
            inside = [s for s in self.spans if inner_s <= s.start and s.end <= inner_e]
            if "," in inner and cues.MONTHS.search(inner.split(",", 1)[1]):
                # A citation: the name before the comma is a publication.
                head = inner.split(",", 1)[0]
                for s in inside:
                    if s.end <= inner_s + len(head) and s.evidence != "gazetteer" or (s.type is None and s.end <= inner_s + len(head)):
                        if own_institution(s, self.text[s.end:inner_s + len(head)]):
                            s.weak = False   # "(Interior Ministry press office, May 2)" is no newspaper
                            continue
                        s.type, s.evidence, s.weak = "media", "citation", False
                if not inside and head.strip() and head.strip()[0].isupper() and not OFFICE_TAIL.search(head):
                    hs = inner_s + (len(head) - len(head.lstrip()))
                    he = inner_s + len(head.rstrip())
                    self.spans.append(NameSpan(hs, he, self.text[hs:he], "media", None, "citation"))
                continue
            if prev is None or not inner[:1].isupper():
                continue
            words = inner.split()
            if len(words) > 6 or cues.MONTHS.search(inner) or any(ch.isdigit() for ch in inner):
                continue
            if not self._may_be_alias(prev, inner, inside, base + m.end()):
                continue
            hit_in = self.g.lookup(inner.strip())
            hit_prev = self.g.lookup(prev.canonical or prev.text)
            if (hit_in and hit_in != hit_prev) or (prev.type == "location" and not hit_in and (
                    inner.strip().replace(".", "").isupper() or inner.strip()[:1] != prev.text[:1])):
                # ("Haiti (Minustah)", "NEW DELHI (Reuters Life!)": another initial, not the place's other name.)
                # "JERUSALEM (AP)": a different actor in brackets, not another name for the first.
                for s in inside:
                    if s.type is None or s.evidence == "acronym":
                        s.type = hit_in[1] if hit_in else "media"
                        s.weak = False
                continue
            alias_spans = [s for s in inside]
            if alias_spans and len(alias_spans) == 1 and alias_spans[0].text == inner.strip():
                alias = alias_spans[0]
                self.spans.remove(alias)
            else:
                for s in alias_spans:
                    self.spans.remove(s)
                alias = NameSpan(inner_s, inner_e, inner, prev.type, None, "parenthesis")
            if prev.type is None and alias.type not in (None, "location"):
                prev.type = alias.type
            if alias.evidence == "acronym" and prev.type is None:
                prev.type = "organization"
            alias.type = prev.type
            prev.aliases.append(alias)
            prev.weak = False

    def _may_be_alias(self, prev: "NameSpan", inner: str, inside: list, after: int) -> bool:
        """Whether "(inner)" right after ``prev`` can be another name of it: not a bracketed note
        ("(Adds ministry confirmation)"), a work's title after a person ("(It's The Falling In
        Love)"), a list ("(Novartis and Medimmune)") or a middle name inside a name
        ("Thomas (Morgan) Maddox")."""
        words = inner.split()
        # (One lower-case word may be a translation's own: "Law and Justice (Zan zhane Adildik)".)
        if sum(1 for w in words[1:] if w[:1].islower() and w.lower() not in _NAME_LINKS) >= 2:
            return False
        if len(inside) >= 2 and re.search(r",|\band\b|&", inner) and not any(s.text == inner.strip() for s in inside):
            return False
        if prev.type in (None, "person"):
            if len(words) >= 3 and any(w.strip("'’") in self.g.stopwords for w in words):
                return False
            nxt = re.match(r"[ \t]*([A-Z][a-z]+)", self.text[after:after + 40])
            if nxt and len(words) == 1 and not inner.isupper() and nxt.group(1) not in self.g.stopwords:
                return False
        return True

    def _lowercase_orgs(self) -> None:
        """Organizations written in lower case around a proper name."""
        if not self.toks:
            return
        base, end = self.toks[0].start, self.toks[-1].end
        sent = self.text[base:end]
        for s in list(self.spans):
            if s.type not in (None, "location") and s.evidence not in ("gazetteer", "full-name", "given-name"):
                continue
            rel_s, rel_e = s.start - base, s.end - base
            after = sent[rel_e:]
            # "Zhambyl region" -> a location named with its region noun.
            m = _REGION.match(after)
            region_end = s.end
            if m:
                region_end = s.end + m.end()
                if s.type is None or s.evidence != "gazetteer" or True:
                    rs = NameSpan(s.start, region_end, self.text[s.start:region_end], "location", None, "region-noun")
                    self.spans.remove(s)
                    self.spans.append(rs)
                    s = rs
            # "the financial police of Zhambyl region"
            before = sent[:rel_s]
            # (the pattern ends on "of" or "of the": a name after anything else is not searched)
            m = _LOWER_ORG.search(before) if before.rstrip().endswith(("of", "the")) else None
            if m:
                os_ = base + m.start(1)
                oe = s.end
                self.spans.append(NameSpan(os_, oe, self.text[os_:oe], "organization", None, "lower-org"))
            # "the Zhambyl electric power station"
            m2 = _FACILITY.match(after)
            if m2 and re.search(r"\bthe\s+$", before):
                oe = s.end + m2.end(1)
                if s in self.spans:
                    self.spans.remove(s)
                self.spans.append(NameSpan(s.start, oe, self.text[s.start:oe], "organization", None, "facility"))

    def _context_types(self) -> None:
        """Type a bare name from what follows or precedes it."""
        for s in self.spans:
            md = _ends_lower_word(self.text[max(0, s.start - 30):s.start], _DESCRIPTOR_BEFORE, _LOWER_ASCII_HYPHEN)
            if md and md.group(1).capitalize() in self.g.descriptors and not s.role:
                # "chipmaker AMD", "the firm EYP": the word before is the role and says the type.
                s.role = md.group(1)
                if s.type is None or s.evidence in ("full-name", "bare", "acronym", "speaker"):
                    s.type, s.evidence, s.weak = self.g.descriptors[md.group(1).capitalize()], "descriptor", False
                    continue
            if (s.type is None or s.evidence in ("full-name", "bare", "speaker", "acronym")) and \
                    company_context(self.text[max(0, s.start - 40):s.start], self.text[s.end:s.end + 40]):
                # "shares of Newmont", "Bre-X's chief executive", "Norilsk shares fell": only a company.
                s.type, s.evidence, s.weak = "organization", "company-cue", False
                continue
            if s.type is not None and s.evidence not in ("full-name", "bare", "article", "acronym"):
                continue
            after = self.text[s.end:s.end + 40]
            # "Minna, the state capital,": a trailing apposition types the name before it.
            mt = _APPOSITION_AFTER.match(after)
            if mt and mt.group(1) in cues.APPOSITION_NOUN:
                kind = cues.APPOSITION_NOUN[mt.group(1)]
                if kind == "organization" and mt.group(1) == "group" and self.crime:
                    kind = "group"
                s.type, s.evidence, s.weak = kind, "apposition", False
                continue
            m = _LOWER_WORD_AFTER.match(after)
            if s.type is None and not (m and m.group(1) in cues.FOLLOWING_NOUN):
                # "the Viasna human rights centre": the type noun after a short lower-case modifier.
                m = _TYPE_NOUN_AFTER.match(after)
            if m and m.group(1).replace("organisation", "organization") in cues.FOLLOWING_NOUN:
                kind = cues.FOLLOWING_NOUN[m.group(1)]
                if kind == "organization" and m.group(1) in ("group",) and self.crime:
                    kind = "group"
                s.type, s.evidence, s.weak = kind, "noun-after", False
                if m.group(1) == "family" and m.start(1) - m.start() == 1 and not re.search(
                        re.escape(s.text) + r"\b[^.]{0,60}\bfamilies\b", self.text):
                    # "the Jackson family" is a family, not the person "Jackson": the noun is part of
                    # its name, so it neither takes nor gives that person's mentions (unless the text
                    # already names the family by the surname alone: "the Moreno and Kessler families").
                    s.end += m.end()
                    s.text = self.text[s.start:s.end]
                continue
            before = self.text[max(0, s.start - 60):s.start]
            mn = _ends_lower_word(before, _NOUN_BEFORE)
            if mn and mn.group(1) in cues.APPOSITION_NOUN and cues.APPOSITION_NOUN[mn.group(1)] != "location":
                kind = cues.APPOSITION_NOUN[mn.group(1)]
                if kind == "organization" and mn.group(1) == "group" and self.crime:
                    kind = "group"
                s.type, s.evidence, s.weak = kind, "noun-before", False
                continue
            if s.type is None and before.rstrip().endswith("to") and _ACCORDING_BEFORE.search(before):
                s.evidence, s.weak = "according", False     # typed by the resolver if no one's alias
                continue
            if s.type is None and len(s.text.split()) == 1 and len(s.text) >= 3 and place_before(before) \
                    and not _POSSESSIVE_AFTER.match(after) and not market_context(before, after):
                # Still untyped: the resolver makes it a place only if it is no one's alias.
                s.evidence, s.weak = "place-prep", False
                continue
            mq = _KNOWN_AS_BEFORE.search(before)
            ma = _COMMA_BEFORE.search(before) if before.rstrip().endswith(",") else None
            noun = (mq.group(1) if mq else (ma.group(1) if ma else "")).lower()
            if noun in cues.APPOSITION_NOUN:
                kind = cues.APPOSITION_NOUN[noun]
                if kind == "organization" and noun == "group" and self.crime:
                    kind = "group"
                s.type, s.evidence, s.weak = kind, "apposition", False
                continue
            if s.type is None and cues.SPEECH.match(after):
                s.type, s.evidence = "person", "speaker"

    def _role_appositions(self) -> None:
        """"X, first deputy head of the financial police of Y," makes X a person tied to that organization."""
        for s in self.spans:
            m = _ROLE_APPOSITION.match(self.text[s.end:s.end + 200])
            if not m:
                continue
            words = _ROLE_WORDS.findall(m.group(1))
            k = 0
            while k < len(words) and words[k].lower() in cues.ROLE_MODIFIERS:
                k += 1
            if k >= len(words) or words[k].lower() not in cues.ROLE_NOUN:
                continue
            if s.type is None or s.evidence in ("full-name", "bare", "speaker"):
                s.type, s.weak = "person", False
            if s.type != "person":
                continue
            lo, hi = s.end, s.end + m.end()
            s.role_of = [(o.start, o.end) for o in self.spans if lo <= o.start and o.end <= hi and o is not s]
