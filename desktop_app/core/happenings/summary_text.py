"""Short clean summary lines from report sentences: no wire headers, bylines or datelines.

A news sentence often carries what is not news: "WASHINGTON (Reuters) - ", "By Jane Doe,
Staff Writer", "Posted 12:05 GMT", a headline and a photo caption run into the first sentence
("Haiti quake aid effort hampered Makeshift camps are sprouting up The UN says ..."), a live
page's "0810" time, a reader's comment. A summary line keeps the sentence itself, or nothing
when too little is left or when it is not a report of what happened (a question, a first-person
opinion, a sentence cut off).

``content_words`` is the one word list the chronology compares sentences by: light stems
(``action.stem``) of the words that carry content.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from desktop_app.core.text.glued import sentence_openers
from desktop_app.core.text.quotes import speaks_in_first_person

from .action import stem

_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.'-]*(?:[ ,]+[A-Z][A-Za-z.'-]*){0,4}\s*)?"       # PLACE, Country
    r"(?:\([A-Za-z .&-]{1,30}\)\s*)?"                                     # (AP) (Reuters)
    r"(?:[,]?\s*[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?\s*)?"               # , Aug. 7
    r"(?:--|—|–|-|_|:)\s+")
_WIRE = re.compile(r"\((?:AP|AFP|Reuters|UPI|CNN|BBC|PA|dpa|Xinhua|IANS|PTI)\)\s*[-—–:]*\s*", re.I)
_BYLINE = re.compile(r"^\s*(?:By|BY|From)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}(?:\s*,\s*[^.]{0,40}?)?\s*"
                     r"(?=[A-Z])")
_STAMP = re.compile(r"\b(?:Posted|Updated|Last updated|Published)\b[^A-Za-z]{0,40}(?:GMT|UTC|ET|EST|EDT|BST|am|pm)?"
                    r"[^A-Za-z]{0,10}", re.I)
_SPACE = re.compile(r"\s+")
# "22:29 UK time, Wednesday, 13 January 2010": a blog or page stamp; what precedes it is page furniture.
# A page stamp may end on the same moment in UK time: "... 24 June 2010 09:58 UK".
_TIMESTAMP = re.compile(r"\d{1,2}:\d{2}\s*(?:[A-Z]{2,4}|UK time|local time)?,?\s*(?:[A-Z][a-z]+day,?\s*)?"
                        r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*(?:\d{1,2}:\d{2}\s*(?:UK|GMT|BST)\b\s*)?")
# A line that opens with one of these leans on the sentence before it ("He said", "But it").
_DEPENDENT = {"he", "she", "it", "they", "this", "that", "these", "those", "but", "and", "or", "so", "his",
              "her", "its", "their", "we", "i", "you", "there", "here", "also", "however", "meanwhile"}
# A connective that opens a line ties it to the sentence before it, but what follows it is a report
# of its own when it opens on a name or a noun ("But Judge Michael Pastor ruled on Monday ..."): the
# connective goes, and a pronoun left first still leans on what came before ("But it ...").
_CONNECTIVE = re.compile(r"^(?:But|And|However|Meanwhile|Also)\b,?\s+")
# A link or a box of a web page, not a sentence: "In pictures: Stars help Hope For Haiti fundraiser",
# "Video: ...", "As it happened: Haiti earthquake 14 Jan".
_PAGE_LABEL = re.compile(r"^(?:In (?:pictures|pics|quotes|numbers|depth|full)|Video|Audio|Watch|Listen|Live|Gallery"
                         r"|As it happened|Q&A|Timeline|Profile|Analysis|Map|Graphic|Photos?|Slideshow)\s*:", re.I)
# An article before a preposition, or "A" before a vowel: a sentence that starts inside a phrase ("A
# on the MSD test ...", "A influenza virus that ...": the splitter cut "type A influenza" after "type").
_ARTICLES = {"a", "an", "the"}
_LINKERS = {"on", "in", "at", "of", "to", "by", "for", "with", "from", "and", "or", "but"}
# Where a glued headline or caption ends and the sentence proper begins: a word that closes no
# sentence (no punctuation after it) followed by a capitalised word that is capitalised only
# because it opens a sentence (``text.glued.sentence_openers``, the one list the sentence
# splitter cuts glued sentences by: what it left whole because the seam had too few words
# around it is cut here, where only the last part is kept). Proper names that open with "The"
# ("in The Hague") follow a preposition, so those are left alone.
_GLUED = re.compile(r"([A-Za-z0-9'’]+)\s+(?=([A-Z][a-z]*)\s+[A-Za-z0-9])")
_LINKS = {"in", "at", "of", "to", "on", "by", "from", "for", "with", "and", "or", "the", "into", "than"}
# A headline or caption that ends on a name's sentence: a lower-case word that closes no sentence,
# then a clause that opens on capitalised words (a name: "Michael Jackson's doctor", "UN", "Pop
# star Michael Jackson's father"), up to three lower-case words and an apposition, and a finite
# verb ("Michael Jackson's doctor goes on trial Michael Jackson's doctor has gone on trial ...",
# "US troops land at Haiti's presidential palace US troops are stepping up ..."), when the two share
# content words (``_name_seam``). Not a seam: after a
# function word or a verb of saying ("said Dr Murray had", "when Haiti was"), nor a name in
# apposition right after a determined noun ("the singer Michael Jackson was", "U2, Jay-Z and producer
# Swizz Beatz have"), nor after a
# lower-case word that continues a capitalised one ("Pop star Michael Jackson's father has").
_CAP = r"[A-Z][A-Za-z'’.-]*"
_NAME_SEAM = re.compile(
    r"(?:(\S+)\s+)?(?<![\w'’])([a-z][a-z'’-]*)\s+(?=(" + _CAP + r"(?:\s+" + _CAP + r"){0,4})((?:\s+[a-z][a-z'’-]*){0,3}?)"
    r"(?:,[^,]{2,40},)?\s+(?:has|have|had|is|are|was|were|will|would|could|can|may|says|say|said|[a-z]{3,}ed)\b)")
_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "this", "that"}
_REPORTING = {"tell", "tells", "told", "claim", "claims", "claimed", "insist", "insists", "insisted", "warn", "warns",
              "warned", "argue", "argues", "argued", "believe", "believes", "believed", "think", "thinks", "thought",
              "hope", "hopes", "hoped", "fear", "fears", "feared", "add", "adds", "added", "know", "knows", "knew",
              "hear", "heard", "see", "saw", "show", "shows", "showed", "confirm", "confirms", "confirmed", "deny",
              "denies", "denied", "announce", "announces", "announced", "report", "reports", "reported", "suggest",
              "suggests", "suggested", "agree", "agrees", "agreed", "mean", "means", "meant", "feel", "feels", "felt"}
MIN_HEAD = 3          # a headline has at least this many words
MIN_TAIL = 8          # and the sentence after it at least this many
SHARED_WORDS = 2      # content words a headline shares with its sentence


def _name_seam(t: str) -> Optional[int]:
    """Where the sentence proper begins after a glued headline or caption (``_NAME_SEAM``), or None.

    A headline tells what its first sentence tells, so the two share content words ("Michael
    Jackson's doctor goes on trial" / "Michael Jackson's doctor has gone on trial"); a sentence
    read whole rarely shares two across such a seam ("Some 1,500 ethnic" / "Albanians marched ...
    the killings of ethnic Albanians", "wisdom in returning" / "Elian Gonzalez to his father"): on
    the first three sentences of the 256 TimeBank/AQUAINT documents, newswire without glued
    headlines, the seam alone cut 19 of 766, with one shared word 2, with two none."""
    cut = None
    for m in _NAME_SEAM.finditer(t):
        before, word = m.group(1) or "", m.group(2)
        if word in STOPWORDS or word in _REPORTING or word.endswith(("'s", "’s")):
            continue
        if (before.lower() in _DETERMINERS or before.lower() in STOPWORDS) and not m.group(4).strip():
            continue                     # "the singer Michael Jackson was", "and producer Swizz Beatz have"
        if before[:1].isupper():
            continue                     # "Pop star Michael Jackson's father has": one phrase
        at = m.end()
        if len(t[:at].split()) >= MIN_HEAD and len(t[at:].split()) >= MIN_TAIL \
                and len(content_words(t[:at]).keys() & content_words(t[at:]).keys()) >= SHARED_WORDS:
            cut = at
    return cut


# A live page's clock time ("0810 The scale of ...", "... from shops 2149 Mrs Clinton says").
_CLOCK = re.compile(r"(?:^|\s)(?:[01]\d|2[0-3])[0-5]\d(?: GMT| BST| UK| ET)?\s+(?=[A-Z])")
# A reader's comment: "At 11:35 am on 18 Jan 2010, Nikolas wrote:".
_COMMENT = re.compile(r"\b(?:wrote|writes|commented|said)\s*:", re.I)
MIN_WORDS = 6
MAX_WORDS = 35


def clean_sentence(text: str, opening: bool = False) -> Optional[str]:
    """The sentence without headers and bylines; None when what is left is no sentence. ``opening``:
    the sentence opens its document, where a page's headline and photo caption run into it."""
    t = _SPACE.sub(" ", text or "").strip()
    if "\n" in (text or "").strip():
        # A headline or byline glued on by a line break: keep the last line, the sentence proper.
        lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
        t = _SPACE.sub(" ", lines[-1])
    stamps = list(_TIMESTAMP.finditer(t))
    if stamps:
        t = t[stamps[-1].end():]
    if _COMMENT.search(t[:80]) or _PAGE_LABEL.match(t):
        return None
    clocks = list(_CLOCK.finditer(t))
    if clocks and len(t) - clocks[-1].end() > 20:
        t = t[clocks[-1].end():]
    openers = sentence_openers()
    glued = [m.end() for m in _GLUED.finditer(t) if m.group(2) in openers and m.group(1).lower() not in _LINKS
             and len(t) - m.end() > 40]
    if glued:
        t = t[glued[-1]:]
    seam = _name_seam(t) if opening else None
    if seam is not None:
        t = t[seam:]
    for rx in (_BYLINE, _DATELINE):
        m = rx.match(t)
        if m and len(t) - m.end() > 20:
            t = t[m.end():]
    t = _WIRE.sub("", t)
    t = _STAMP.sub("", t).strip()
    t = t.strip(" -—–:|\"'")
    m = _CONNECTIVE.match(t)
    if m and len(t) > m.end():
        t = t[m.end()].upper() + t[m.end() + 1:]
    words = t.split()
    if len(words) < MIN_WORDS or len(words) > MAX_WORDS:
        return None
    if sum(w.isupper() and len(w) > 1 for w in words) > len(words) / 3:
        return None                      # a shouted headline
    if not t[0].isupper() and not t[0].isdigit():
        return None
    if re.split(r"['’]", words[0].lower().strip(","))[0] in _DEPENDENT or "|" in t:
        return None                      # "He said", "It's": leans on the sentence before it
    if words[0].lower() in _ARTICLES and words[1].lower() in _LINKERS or \
            words[0] == "A" and words[1][:1].lower() in "aeio" and words[1][:3].lower() != "one":
        return None                      # begins inside a phrase ("A on the test", "A influenza virus")
    if t.count('"') % 2 or t.count("“") != t.count("”"):
        return None                      # a quotation cut in half
    if "?" in t or t.rstrip(".").endswith((",", ";", ":", "-")):
        return None                      # a question, or a sentence cut off
    if speaks_in_first_person(t):
        return None                      # a first-person view (a comment, a diary), not a report
    if t[-1] not in ".!?\"'”)":
        t += "."
    return t


# Function words and the calendar: they say nothing about which happening a sentence tells.
STOPWORDS = frozenset("""a about after again against all also am an and any are as at be because been before being
between both but by can could did do does doing down during each even few for from further get got had has have
having he her here hers him his how i if in into is it its just like many may me might more most much must my new no
nor not now of off on once one only or other our out over own said same say says she should since so some still
such than that the their them then there these they this those through to too two under until up us very was we
were what when where which while who whom why will with would year years you your day days week weeks month months
time today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday mr mrs ms last next first""".split())


def content_words(text: str) -> Counter:
    """Stem -> count over the words of ``text`` that carry content (no function words, no calendar)."""
    return Counter(stem(w) for w in re.findall(r"[a-z][a-z'-]+|\d+", text.lower()) if w not in STOPWORDS and len(w) > 1)


def word_set(text: str) -> frozenset:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2)


def near_duplicate(a: frozenset, b: frozenset, threshold: float = 0.5) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= threshold
