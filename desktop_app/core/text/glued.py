"""Where a headline or a photo caption written without a full stop runs into the next sentence.

Saved web pages lose the line breaks between a headline, a photo caption and the story's first
sentence: "Haiti devastated by massive quake Thousands of people are feared dead after ...",
"Dr Conrad Murray is charged with the involuntary manslaughter of Jackson A recording of Michael
Jackson ...". A word that closes no sentence (no punctuation after it), then a capitalised word
that is capitalised only because it opens a sentence ("The", "Thousands", "A": the gazetteer's
function words), then a lower-case word, is such a seam: the sentence proper starts there.

Kept whole: a name that opens with "The" ("in The Hague", "told The Associated Press": a
capitalised word follows), "First of America" (ordinals open names), a category letter ("type A
influenza", "Class A shares", "vitamin A levels"), holidays ("office Christmas party"), and any
seam with fewer than three words before it or four after it in the sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

_SEAM = re.compile(r"(?<![\w'’.,;:!?\"”)\]-])([A-Za-z0-9]+)[ \t]+([A-Z][a-z]*)[ \t]+(?=[a-z])")
# Words after which a capitalised word continues the phrase ("in The Hague", "the Who").
_LINKS = {"in", "at", "of", "to", "on", "by", "from", "for", "with", "and", "or", "the", "into", "than", "a", "an",
          "as", "called", "named", "titled", "entitled", "dubbed"}
# Function words that open a name or a title as often as a sentence, and words the gazetteer lists
# that are names of days: never read as a sentence's first word here.
_NOT_OPENERS = {"I", "God", "Internet", "May", "March", "First", "Second", "Third", "Next", "Last", "One",
                "Christmas", "Easter", "Halloween", "Hanukkah", "Ramadan", "Thanksgiving", "Us", "Your", "My", "Our", "Today"}
# A capital letter after these nouns names a category ("type A influenza", "Class A shares").
_CATEGORY = {"type", "types", "class", "group", "grade", "category", "plan", "vitamin", "hepatitis", "influenza",
             "flu", "strain", "series", "model", "phase", "level", "section", "part", "division", "league", "size",
             "blood", "exhibit", "appendix", "schedule", "annex", "platform", "gate", "terminal", "block", "wing"}
MIN_BEFORE = 3
MIN_AFTER = 4


@lru_cache(maxsize=1)
def sentence_openers() -> frozenset:
    """Capitalised function words that open a sentence (the gazetteer's stopwords), without the
    calendar: "Monday", "June" open names and dates as often."""
    from desktop_app.core.actors.gazetteer import load
    from desktop_app.core.timex.lexicon import MONTHS, WEEKDAYS
    calendar = {w.capitalize() for w in (*MONTHS, *WEEKDAYS)}
    return frozenset(w for w in load().stopwords if w.isalpha() and w[:1].isupper() and w not in calendar)


def glued_seams(text: str, start: int = 0, end: int = -1) -> list[int]:
    """Offsets in ``text[start:end]`` where a sentence glued after a headline or caption begins."""
    end = len(text) if end < 0 else end
    openers = sentence_openers()
    out = []
    for m in _SEAM.finditer(text, start, end):
        word, opener = m.group(1), m.group(2)
        if opener not in openers or opener in _NOT_OPENERS or word.lower() in _LINKS:
            continue
        if opener == "A" and word.lower() in _CATEGORY:
            continue
        cut = m.start(2)
        before = text[out[-1] if out else start:cut].split()
        if len(before) < MIN_BEFORE or len(text[cut:end].split()) < MIN_AFTER:
            continue
        out.append(cut)
    return out
