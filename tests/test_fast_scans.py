"""Shortcuts taken for speed answer exactly as the plain computation they replace.

Each speed-up of the extraction (a pattern tried only where its first words are written,
a word set read backwards from the rare context that follows it, cue words picked before
the walk over a sentence) is held here to the slower code it stands for, on news-like soup
with overlapping contexts and arbitrary unicode (case folds such as "İ", "ſ" and the Kelvin
sign included).
"""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.actors import cues
from desktop_app.core.actors.text_words import _BEFORE_AGE_OR_WHO, _BEFORE_SAID_PRONOUN, TextWords

BOUNDED = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = ["Smith", "smith", "said", "says", "told", "unsaid", "he", "she", "his", "her", "hers", ",", " ,", ", ",
          "45", "1234", "who", "whom", "_x", "x_", "\n", "  ", "\t", "crime", "CRIMINAL", "Crim", "mob", "mobile",
          "armed", "disarmed", "Armed", "traffickers", "TRAFFİCKING", "ſmuggler", "racKet", "racket", "gangs",
          "jihadist", "extortion", "extortions", "Ελλάδα", "İstanbul", "-", "'s", "’", "paramilitary", "terror"]
soup = st.one_of(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join),
                 st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.text(max_size=80))


@BOUNDED
@given(soup)
def test_criminal_word_check_agrees_with_the_pattern(text):
    assert cues.has_criminal_word(text) == (cues.CRIMINAL.search(text) is not None)


@BOUNDED
@given(soup)
def test_words_before_a_context_are_those_the_lookahead_patterns_find(text):
    tw = TextWords(text)
    for name, pattern in (("age_who", _BEFORE_AGE_OR_WHO), ("said_pronoun", _BEFORE_SAID_PRONOUN)):
        assert tw._set(name, pattern) == frozenset(m.group(1) for m in pattern.finditer(text))


def test_criminal_pattern_is_the_listed_words():
    # The stems the fast check looks for are the pattern's alternatives, word for word.
    assert cues.CRIMINAL.flags & re.IGNORECASE
    assert cues.has_criminal_word("Three smugglers were held") and not cues.has_criminal_word("A mobile phone")


# The word tokenizer's pattern as first written: one repeat step per character of a word.
_TOKEN_PER_CHARACTER = re.compile(
    r"(?:[^\W\d_]\.){2,}|\d+(?:[.,:]\d+)*|[^\W_](?:\w|[-'’&/](?=[^\W_]))*|[^\w\s]", re.UNICODE)
word_soup = st.one_of(st.text(max_size=80), st.lists(st.sampled_from(
    ["O", "'", "’", "Brien", "s", "-", "&", "/", "_", "U.", "S.", "4", ".", ",", "5", ":", "Ελλάδα", "İ", " "]),
    max_size=30).map("".join))


@BOUNDED
@given(word_soup)
def test_tokens_are_those_of_the_per_character_pattern(text):
    from desktop_app.core.text.tokens import _TOKEN
    assert [m.span() for m in _TOKEN.finditer(text)] == [m.span() for m in _TOKEN_PER_CHARACTER.finditer(text)]


token_soup = st.one_of(st.text(max_size=80), st.lists(st.sampled_from(
    ["Dr", "Mr", "Inc", "Corp", "Jan", "U.S", ".", ". ", "..", "Kazakhstan", "’s", "'s", "s'", "Jones", "Bros", "boss'",
     "Reuters'", "Mass", "' ", "’", " ", "O'Brien", "it's", "IT'S", "A", "x"]), max_size=30).map("".join))


@BOUNDED
@given(token_soup, st.integers(min_value=0, max_value=10_000))
def test_tokens_made_without_a_walk_equal_the_walked_ones(text, offset):
    from desktop_app.core.text import tokens as T
    ms = list(T._TOKEN.finditer(text))
    walked = T._walk(text, offset, [m.group() for m in ms], [m.start() for m in ms], [m.end() for m in ms])
    assert T.tokenize(text, offset) == walked
    assert [type(t) for t in T.tokenize(text, offset)] == [T.Token] * len(walked)
