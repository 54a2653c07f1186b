"""Where a headline or a photo caption written without a full stop runs into the next sentence.

Saved web pages lose the line breaks between a headline, a photo caption and the story's first
sentence: "Haiti devastated by massive quake Thousands of people are feared dead after ...",
"Dr Conrad Murray is charged with the involuntary manslaughter of Jackson A recording of Michael
Jackson ...", 'Haiti devastated by massive earthquake "All of a sudden ...'. A word that closes no
sentence (no punctuation after it), then a capitalised word that is capitalised only because it
opens a sentence ("The", "Thousands", "A": the gazetteer's function words; an opening quotation
mark may stand before it, unless a verb of saying introduces the quotation: 'said "The ...'), then
a lower-case word, is such a seam: the sentence proper starts there.

A plural noun capitalised after a lower-case word ("... may struggle to survive Doctors treating
the injured ...", "... came tumbling down Experts say ...") is such an opener too when the same
text writes it in lower case elsewhere ("doctors"): mid-sentence, only a name keeps its capital.

Kept whole: a name that opens with "The" ("in The Hague", "told The Associated Press": a
capitalised word follows), "First of America" (ordinals open names), a category letter ("type A
influenza", "Class A shares", "vitamin A levels"), holidays ("office Christmas party"), and any
seam with fewer than three words before it or four after it in the sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import gazetteer_dir, word_list
from .gazetteer_words import name_words, place_names

# A capitalised word between a plain word and a lower-case one.
_SEAM = re.compile(r"(?<=[A-Za-z0-9])[ \t]+([\"“]?)([A-Z][a-z]*)[ \t]+(?=[a-z])")
_WORD_BEFORE = re.compile(r"(?<![\w'’.,;:!?\"”)\]])[A-Za-z0-9]+$")
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
# Verbs that introduce a quotation without a comma ('he said "The plan is dead"').
_SAYING = {"said", "says", "say", "told", "tells", "added", "asked", "called", "wrote", "writes", "warned", "declared",
           "described", "replied", "read", "reads", "headlined", "titled", "shouted", "chanted"}
MIN_BEFORE = 3
MIN_AFTER = 4


# Names of days and months: they open names and dates as often as sentences.
_CALENDAR = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August"
                       r"|September|October|November|December")


@lru_cache(maxsize=1)
def sentence_openers() -> frozenset:
    """Capitalised function words that open a sentence (the gazetteer's stopwords list, read here:
    the text layer reads no actor code), without the calendar and ``_NOT_OPENERS``. The one list of
    sentence openers: the splitter cuts glued sentences by it, and a chronology's summary lines
    (``happenings.summary_text``) cut by it the glued headlines the splitter left whole."""
    words = word_list(gazetteer_dir() / "stopwords.txt")
    return frozenset(w for w in words if w.isalpha() and w[:1].isupper() and not _CALENDAR.fullmatch(w)
                     and w not in _NOT_OPENERS)


def seam_candidates(text: str) -> list[int]:
    """Offsets in ``text`` where a glued sentence may begin (before the word counts of ``seams_in``)."""
    openers = sentence_openers()
    lower: set[str] | None = None
    common: _CommonWords | None = None
    out = []
    for m in _SEAM.finditer(text):
        word = m.group(2)
        plural = False
        if word not in openers:
            if common is None:
                common = _CommonWords(text)
            if not m.group(1) and common.opens_after_place(text, m):
                out.append(m.start(1))
                continue
            if len(word) < 4 or word[-1] != "s" or word.endswith("ss"):
                continue
            plural = not m.group(1)
            if not plural:
                continue
        w = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if w is None or w.group(0).lower() in _LINKS or (word == "A" and w.group(0).lower() in _CATEGORY) \
                or (m.group(1) and w.group(0).lower() in _SAYING):
            continue
        if plural:
            if not w.group(0)[0].islower():
                continue        # "Academy Awards host", "Fox News is": a name's last word
            if lower is None:     # the text's lower-case words, read once
                lower = set(re.findall(r"(?<![\w-])[a-z][a-z]+\b", text))
            if word.lower() not in lower:
                continue
        out.append(m.start(1))
    return out


# A capitalised word inside a sentence, the character before it and whether a lower-case word follows.
_CAPITAL_INSIDE = re.compile(r"(?<=([^\s]))[ \t]+([A-Z][a-z]+)\b(?=([ \t]+[a-z])?)")


# The capitalised words right before a seam (up to four): where a headline's last name ends.
_NAME_BEFORE = re.compile(r"(?<![\w'’.-])(?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w.'’-]*$")


# What stands before a place that ends a headline: the start of a line, punctuation, or a word.
_LEAD_BEFORE = re.compile(r"(?:^|\n|[,:;|–—-]|(?<![\w'’])([A-Za-z]+))[ \t]*$")
# Prepositions and headline verbs after which a place ends a headline ("... aid to Haiti",
# "... quake hits Haiti", "Pigs to the slaughter in Egypt").
_PLACE_LEADS = {"in", "to", "from", "for", "into", "at", "of", "on", "across", "near", "over", "around", "outside",
                "inside", "throughout", "toward", "towards", "via", "across", "hit", "hits", "strikes", "struck",
                "rocks", "visits", "reach", "reaches", "leaves", "returns", "arrives"}
# A linking word and a capitalised word after the word: the name goes on ("Centres of Disease Control").
_NAME_LINK_AFTER = re.compile(r"[ \t]*(?:and|of|for|&)[ \t]+[A-Z]")


class _CommonWords:
    """What one text says about its capitalised words: which it also writes in lower case, and
    which it capitalises inside a sentence where no lower-case word follows (part of a name:
    "the Supreme Court ruled", "the Academy Awards.")."""

    def __init__(self, text: str):
        self.lower = set(re.findall(r"(?<![\w'’-])[a-z][a-z]+\b", text))
        self.named: set[str] = set()
        for m in _CAPITAL_INSIDE.finditer(text):
            if m.group(1) not in ".!?:;\"“”‘'’([" and not m.group(3):
                self.named.add(m.group(2))

    def opens_after_place(self, text: str, m: re.Match) -> bool:
        """A glued sentence opening with a common word after a headline, a caption or a reader's
        signature that ends in a place: "Douglas Alexander promises UK aid to Haiti Half of the
        nationals ...", "Celebs raising millions for Haiti More than 100 ...", "Pigs to the
        slaughter in Egypt Amid swine flu hysteria ...", "Dave B, Uxbridge, Canada Keep healthy
        ...". A headline ends in a place far more often than in another name; after other names
        the capitalised word mostly continues the name ("the NBA Finals in 2001", "TWA Flight 800").
        The word is written in lower case elsewhere in the text, never capitalised there inside a
        name, and is no word of a gazetteer name; the place is a whole name of its own, after a
        preposition, a verb or punctuation: after "the" or another name it modifies a name ("the
        US Housing market", "the Haiti Disaster victims", "the magazine Texas Lawyer"), and a
        linking word after the capitalised word continues one ("Greater Manchester Fire and
        Rescue Service")."""
        word = m.group(2)
        if len(word) < 3 or word.lower() not in self.lower or word in self.named or word in name_words() \
                or _CALENDAR.fullmatch(word) or word in _NOT_OPENERS or _NAME_LINK_AFTER.match(text, m.end()):
            return False
        run = _NAME_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if run is None or " ".join(run.group(0).split()).lower() not in place_names():
            return False
        lead = _LEAD_BEFORE.search(text, max(0, run.start() - 30), run.start())
        return lead is not None and (lead.group(1) is None or lead.group(1).lower() in _PLACE_LEADS)


def seams_in(text: str, candidates: list[int], start: int, end: int) -> list[int]:
    """The candidates inside the sentence ``text[start:end]`` with at least ``MIN_BEFORE`` words
    before them (back to the sentence's start or the previous seam) and ``MIN_AFTER`` after."""
    out: list[int] = []
    for cut in candidates:
        if not start < cut < end:
            continue
        if len(text[out[-1] if out else start:cut].split()) >= MIN_BEFORE and len(text[cut:end].split()) >= MIN_AFTER:
            out.append(cut)
    return out

