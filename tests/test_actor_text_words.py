"""The resolver's one-pass word questions answer exactly as a regex search of the whole text would.

TextWords replaced one ``re.search`` over the text per candidate name (quadratic on a long
document); these properties hold it to the searches it replaced, on news-like soup with
overlapping contexts ("Mr. Mr. Smith", "Smith, who, 45") and arbitrary unicode.
"""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.actors.text_words import TextWords

BOUNDED = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = ["Smith", "smith", "Smithson", "Mr.", "Mr", "Mrs", "Dr.", "Miss", "the", "The", "Chargers", "chargers",
          "said", "says", "told", "he", "her", ",", " ,", "45", "1234", "who", "whom", "O'Neill", "U.S.", "u.s.",
          "Police", "police", "_Smith", "Smith_", "Ελλάδα", "ελλάδα", "\n", "  ", "İstanbul", "-", "'s"]
QUERIES = ["Smith", "Chargers", "Police", "O'Neill", "U.S.", "Ελλάδα", "İstanbul", "Neill", "Mr", "45", "s"]
soup = st.one_of(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join),
                 st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.text(max_size=80))


def _searched(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


@BOUNDED
@given(soup, st.sampled_from(QUERIES))
def test_word_questions_agree_with_whole_text_searches(text, word):
    tw = TextWords(text)
    w = re.escape(word)
    assert tw.has(word) == _searched(r"\b" + w + r"\b", text)
    assert tw.has_lower(word) == _searched(r"\b" + re.escape(word.lower()) + r"\b", text)
    assert tw.after_the(word) == _searched(r"\b[Tt]he\s+" + w + r"\b(?!\s+[A-Z])", text)
    assert tw.surname_is_personal(word) == (
        _searched(r"\b(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+" + w + r"\b", text)
        or _searched(r"\b" + w + r"\s*,\s*(?:\d{1,3}|who)\b", text)
        or _searched(r"\b" + w + r"\s+(?:said|says|told)\s+(?:he|she|his|her)\b", text))


def test_overlapping_contexts_are_all_seen():
    tw = TextWords("Mr. Mr. Smith met Jones, who, 45, left; the the Chargers won.")
    assert tw.surname_is_personal("Smith") and tw.surname_is_personal("Jones")
    assert tw.after_the("Chargers") and not tw.has("Smit")
    assert TextWords("the The Chargers").after_the("The") is False     # "The" is followed by a name
    assert TextWords("the The Chargers").after_the("Chargers")
