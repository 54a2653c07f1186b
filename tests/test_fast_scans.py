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


def test_fold_hazards_are_every_character_that_breaks_lower_casing():
    # Every non-ASCII character that a case-blind pattern matches to an ASCII letter or digit,
    # or whose lower case is not one character: the window test must not trust lower() there.
    from desktop_app.core.text.folding import FOLD_HAZARDS
    every = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    hazards = set(re.findall("[a-z0-9]", every, re.I)) | {c for c in every if len(c.lower()) != 1}
    assert hazards == set(FOLD_HAZARDS)


timex_soup = st.one_of(st.text(max_size=120), st.lists(st.sampled_from(
    ["in", "the", "summer", "SUMMER", "of", "1998", "2001", "at", "10:30", "p.m.", "PM", "am", "on", "Monday", "next",
     "last", "week", "year", "ago", "3", "days", "fiscal", "FY", "1999-2000", "Jan.", "5", "12/25/1998", "1998/12/25",
     "25.12.1998", "o'clock", "noon", "İ", "ſ", "\u212a", "morning", "until", "since", "the", "fall", "’", ",", " ", "-long"]),
    max_size=40).map(" ".join))


@BOUNDED
@given(timex_soup, st.sampled_from([None, "1998-08-08", "1998-08"]))
def test_windows_skipped_for_lack_of_a_required_word_hide_no_time_expression(text, dct):
    from desktop_app.core.timex import tagger
    from desktop_app.core.timex.dct import make_anchor
    anchor = make_anchor(dct)
    fast = [(s, e, h.value) for s, e, h, _ in tagger.find(text, anchor)]
    saved = tagger._NEEDS[:]
    try:
        tagger._NEEDS[:] = [None] * len(saved)
        plain = [(s, e, h.value) for s, e, h, _ in tagger.find(text, anchor)]
    finally:
        tagger._NEEDS[:] = saved
    assert fast == plain


def test_required_words_are_read_from_the_pattern():
    from desktop_app.core.timex.heads import required_words
    for pattern, text in ((r"(?:early\s+)?(?:spring|summer)\s+\d{4}", "Early SUMMER 1998"),
                          (r"\d+\s*(?:a\.m\.|pm)", "at 10 a.m."), (r"[Tt]he\s+(?:\d+)(?:st|th)", "the 21st")):
        words = required_words(re.compile(pattern, re.I))
        match = re.search(pattern, text, re.I).group().lower()
        assert words and any(w in match for w in words)
    assert required_words(re.compile(r"(?:at\s+)?\d+")) is None


@BOUNDED
@given(token_soup, st.lists(st.tuples(st.integers(0, 90), st.integers(0, 90)), max_size=6))
def test_covered_token_starts_are_the_tokens_inside_a_span(text, spans):
    from desktop_app.core.events.clauses import _covered_starts
    from desktop_app.core.text.tokens import tokenize
    toks = tokenize(text, 3)
    assert _covered_starts(toks, spans) == {t.start for t in toks if any(s <= t.start and t.end <= e for s, e in spans)}


@BOUNDED
@given(timex_soup)
def test_keyword_windows_are_those_of_a_walk_over_every_token(text):
    from desktop_app.core.timex import heads
    walked: dict = {}
    for m in re.finditer(r"\d+|[A-Za-z]+", text):
        tok = m.group()
        for g in (("digit",) if tok[0] <= "9" else heads._KEYWORDS.get(tok.lower(), ())):
            walked.setdefault(g, []).append(m.span())
    assert heads.keyword_windows(text) == walked


before_soup = st.one_of(st.text(max_size=60), st.lists(st.sampled_from(
    ["in", "IN", "ın", "İn", "the", "THE", "of", "Of", "ſtake", "stake", "shares", "analysts", "at", "northern", "to",
     "photo", "by", "\u212aorea", "the", "Iraq", " ", "  ", "\n", ",", "’", "é"]), max_size=12).map(" ".join))


@BOUNDED
@given(before_soup, st.sampled_from(["", " shares rose", " stock", "'s chief executive"]))
def test_word_end_shortcuts_agree_with_the_patterns(before, after):
    from desktop_app.core.actors import context, mention_role as mr
    assert mr._where(before) == (mr._WHERE.search(before) is not None)
    assert context.market_context(before, after) == bool(context.STAKE_BEFORE.search(before)
                                                         or context.MARKET_AFTER.match(after))
    assert context.company_context(before, after) == bool(context.COMPANY_AFTER.match(after)
                                                          or context.COMPANY_BEFORE.search(before))
    assert context.place_before(before) == (context.PLACE_BEFORE.search(before) is not None)
    for text in (before, before + " "):
        assert mr.mention_role(text + "Iraq" + after, len(text), len(text) + 4, True) == \
            _plain_mention_role(text + "Iraq" + after, len(text), len(text) + 4, True)


def _plain_mention_role(text, start, end, place):
    """mention_role as first written: every pattern searched, no shortcut."""
    from desktop_app.core.actors import mention_role as mr
    from desktop_app.core.actors.context import PLACE_BEFORE, STAKE_BEFORE, MARKET_AFTER
    before, after = text[max(0, start - 60):start], text[end:end + 60]
    market = bool(STAKE_BEFORE.search(before) or MARKET_AFTER.match(after[:40]))
    if place and (mr._WHERE.search(before) or PLACE_BEFORE.search(before)) and not market \
            and not mr._POSSESSIVE.match(after):
        return mr.LOCATION
    if mr._BY_AGENT.search(before):
        return mr.AGENT
    if mr._PREP_BEFORE.search(before) or mr._WHERE.search(before):
        return mr.PARTICIPANT
    return mr.mention_role(text, start, end, False)     # past these tests it reads the words after, as before
