"""What the whole text says about single words, read once per document.

The resolver asks, for each candidate name, whether a word is also written in
lower case somewhere, whether "Mr. <surname>" or "<surname>, 45" occurs, ...
One regex search over the text per question made a long document quadratic
(every question reads the whole text). Here each kind of context is collected
in one pass into a set of words, so a question is a set lookup.

Each answer is exactly what the regex ``\\b<word>\\b`` (with its context) would
say: for a word made only of ``\\w`` characters, ``\\b`` on both sides means the
word is a maximal run of ``\\w`` characters, which is what the passes collect.
A word with other characters ("O'Neill", "U.S.") falls back to the regex.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
# Each match consumes only its first word and reads the rest by lookahead, so overlapping
# contexts ("Mr. Mr. Smith", "the The Chargers") are all seen, as a search per word sees them.
_AFTER_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Miss)(?=\.?\s+(\w+)\b)")
_BEFORE_AGE_OR_WHO = re.compile(r"\b(\w+)(?=\s*,\s*(?:\d{1,3}|who)\b)")
_BEFORE_SAID_PRONOUN = re.compile(r"\b(\w+)(?=\s+(?:said|says|told)\s+(?:he|she|his|her)\b)")
# What follows the word in those two, found first (a comma, a verb: rare, so quickly scanned
# for), the word before it then read backwards: the same words as the two patterns above,
# which try every word of the text.
_AGE_OR_WHO = re.compile(r",\s*(?:\d{1,3}|who)\b")
_SAID_PRONOUN = re.compile(r"(?:said|says|told)\s+(?:he|she|his|her)\b")
_AFTER_WORDS = {"age_who": (_AGE_OR_WHO, 0), "said_pronoun": (_SAID_PRONOUN, 1)}


def _words_before(text: str, tail: re.Pattern, min_space: int) -> frozenset:
    """The whole ``\\w`` runs followed by at least ``min_space`` white space and then ``tail``."""
    out = set()
    for m in tail.finditer(text):
        q = m.start()
        while q > 0 and text[q - 1].isspace():
            q -= 1
        if m.start() - q < min_space:
            continue
        a = q
        while a > 0 and (text[a - 1].isalnum() or text[a - 1] == "_"):   # what \\w matches
            a -= 1
        if a < q:
            out.add(text[a:q])
    return frozenset(out)
# An initialism counted or owned like a common noun: "your GP", "a GP if necessary", "GPs".
_INITIALISM_AS_NOUN = re.compile(
    r"\b(?:[Aa]n?|[Yy]our|[Mm]y|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir|[Ee]very|[Ee]ach|[Aa]nother|[Ww]hich)\s+(?:local\s+|family\s+)?"
    r"([A-Z]{2,5})(?=\s*[.,;:!?)]|\s+(?:in|on|at|to|for|with|by|from|about|if|before|after|and|or|who|has|had|have|is|was|"
    r"will|would|can|could|may|might|should|said|says|rather|than|as|but)\b)"
    r"|\b([A-Z]{2,5})s\b")
_AFTER_THE_NO_NAME = re.compile(r"\b[Tt]he(?=\s+(\w+)\b(?!\s+[A-Z]))")


class TextWords:
    """Word questions about one text; each set is built on first use."""

    def __init__(self, text: str):
        self.text = text
        self._sets: dict[str, frozenset] = {}

    def _set(self, name: str, pattern: re.Pattern) -> frozenset:
        got = self._sets.get(name)
        if got is None:
            if pattern is _WORD:
                got = frozenset(pattern.findall(self.text))
            elif name in _AFTER_WORDS:
                got = _words_before(self.text, *_AFTER_WORDS[name])
            else:
                got = frozenset(m.group(1) for m in pattern.finditer(self.text))
            self._sets[name] = got
        return got

    @staticmethod
    def _plain(word: str) -> bool:
        return bool(_WORD.fullmatch(word))

    def has(self, word: str) -> bool:
        """``re.search(r"\\b" + re.escape(word) + r"\\b", text)``: the word as written, case and all."""
        if self._plain(word):
            return word in self._set("words", _WORD)
        return re.search(r"\b" + re.escape(word) + r"\b", self.text) is not None

    def has_lower(self, word: str) -> bool:
        """The word is also written in lower case here ("Police" beside "police")."""
        return self.has(word.lower())

    def surname_is_personal(self, surname: str) -> bool:
        """"Mr. Smith", "Smith, 45" / "Smith, who", "Smith said he": the text treats it as a person."""
        if self._plain(surname):
            return (surname in self._set("honorific", _AFTER_HONORIFIC)
                    or surname in self._set("age_who", _BEFORE_AGE_OR_WHO)
                    or surname in self._set("said_pronoun", _BEFORE_SAID_PRONOUN))
        s = re.escape(surname)
        t = self.text
        return bool(re.search(r"\b(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+" + s + r"\b", t)
                    or re.search(r"\b" + s + r"\s*,\s*(?:\d{1,3}|who)\b", t)
                    or re.search(r"\b" + s + r"\s+(?:said|says|told)\s+(?:he|she|his|her)\b", t))

    def common_initialism(self, word: str) -> bool:
        """An initialism this text uses as a common noun ("your GP", "see a GP if", "GPs"), not a name."""
        got = self._sets.get("initialism_noun")
        if got is None:
            got = self._sets["initialism_noun"] = frozenset(
                m.group(1) or m.group(2) for m in _INITIALISM_AS_NOUN.finditer(self.text))
        return word in got

    def after_the(self, word: str) -> bool:
        """"the Chargers" not followed by a capitalised word ("the Boris Yeltsin government" is not)."""
        if self._plain(word):
            return word in self._set("the", _AFTER_THE_NO_NAME)
        return re.search(r"\b[Tt]he\s+" + re.escape(word) + r"\b(?!\s+[A-Z])", self.text) is not None
