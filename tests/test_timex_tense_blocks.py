"""The tense guess reads a text's cues block by block (timex/tense.py); it must agree with reading
each expression's own sentence, and stay linear on a long line without sentence ends."""
from __future__ import annotations

import random

from desktop_app.core.timex import tag
from desktop_app.core.timex.tense import tense_at

_SENTENCES = [
    "Police arrested two men on Tuesday, officials said.",
    "The minister will meet his counterpart on Friday in Geneva.",
    "Shares fell 3% to $4.50 on Monday, from $5 a year earlier.",
    "The offer had been scheduled to expire on Nov. 6 but was extended.",
    "Talks are expected to resume next week after the holiday.",
    "The company said it had sold the unit in March for $20 million.",
]


def test_block_reading_agrees_with_reading_each_sentence():
    rng = random.Random(12)
    text = " ".join(rng.choice(_SENTENCES) for _ in range(400))
    cache: dict = {}
    expressions = tag(text, "1998-08-08", "t")
    assert len(expressions) > 300
    for x in expressions:
        assert tense_at(text, x.start, x.end, cache) == tense_at(text, x.start, x.end, None), x.text


def test_block_reading_agrees_on_a_line_without_sentence_ends():
    rng = random.Random(3)
    words = "police arrested supporters of the activist on Tuesday and will meet officials Friday".split()
    text = " ".join(rng.choice(words) for _ in range(3000))
    cache: dict = {}
    expressions = tag(text, "1998-08-08", "t")
    assert len(expressions) > 200
    same = sum(tense_at(text, x.start, x.end, cache) == tense_at(text, x.start, x.end, None) for x in expressions)
    assert same == len(expressions)
