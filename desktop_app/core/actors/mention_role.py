"""The role one mention of an actor plays where it is written: agent, participant or location.

A country, state or city is one actor whether the text names the place ("troops
in Iraq") or the state acting under the place's name ("Iraq invaded Kuwait");
what differs is the mention, so each mention keeps its own role. Read from the
words around the name only (no parser), and cautiously: a mention is an agent
only when a verb follows it, a location only when a place preposition comes
before it, and a participant otherwise.
"""
from __future__ import annotations

import re

from ..text.folding import may_end_with_word
from .context import market_context, place_before
from .gazetteer import load

AGENT, PARTICIPANT, LOCATION = "agent", "participant", "location"
ROLES = (AGENT, PARTICIPANT, LOCATION)

# "in Iraq", "across northern Iraq", "at the border of"; PLACE_BEFORE adds "the town of", "mayor of".
_WHERE = re.compile(
    r"\b(?:in|at|near|inside|outside|around|across|throughout|within|from|into|towards?|through|via)\s+"
    r"(?:the\s+)?(?:(?:central|northern|southern|eastern|western|north|south|east|west|northeastern|"
    r"northwestern|southeastern|southwestern|downtown|rural|neighbouring|neighboring|occupied)\s+)?$",
    re.IGNORECASE)
# A preposition right before the name makes it no subject ("the leader of Iraq said").
_PREP_BEFORE = re.compile(r"\b(?:of|for|with|against|to|on|about|between|among|over|under|than|by|like|"
                          r"and|or)\s+(?:the\s+)?$", re.IGNORECASE)
# The words those two patterns end on (then white space): most names follow none of them,
# and are answered without the searches.
_WHERE_WORDS = ("in", "at", "near", "inside", "outside", "around", "across", "throughout", "within", "from", "into",
                "toward", "towards", "through", "via", "the", "central", "northern", "southern", "eastern", "western",
                "north", "south", "east", "west", "northeastern", "northwestern", "southeastern", "southwestern",
                "downtown", "rural", "neighbouring", "neighboring", "occupied")
_PREP_WORDS = ("of", "for", "with", "against", "to", "on", "about", "between", "among", "over", "under", "than", "by",
               "like", "and", "or", "the")


def _where(before: str) -> bool:
    return may_end_with_word(before, _WHERE_WORDS) and _WHERE.search(before) is not None


_BY_AGENT = re.compile(r"\b\w+(?:ed|en|wn)\s+by\s+(?:the\s+)?$")
_AUX = {"has", "have", "had", "will", "would", "could", "can", "may", "might", "must", "should", "shall",
        "did", "does", "do"}
_BE = {"is", "are", "was", "were"}
_SKIP = re.compile(r"^(?:\w+ly|also|then|now|still|already|again|later|never|not|once|soon|too)$")
# Frequent verbs of news that carry no -ed ("Iraq says", "Moscow sent").
_VERBS = {"said", "says", "told", "tells", "sent", "sends", "took", "takes", "won", "wins", "made", "makes",
          "gave", "gives", "fought", "fights", "struck", "strikes", "began", "begins", "held", "holds",
          "sought", "seeks", "led", "leads", "broke", "threw", "withdrew", "withdraws", "overthrew", "shot",
          "sold", "sells", "bought", "buys", "built", "builds", "paid", "pays", "met", "meets", "lost", "loses",
          "plans", "wants", "denies", "claims", "accuses", "warns", "threatens", "insists", "rejects",
          "agrees", "refuses", "demands", "calls", "urges", "announces", "launches", "invades", "attacks",
          "supports", "opposes", "backs", "hopes", "fears", "vows", "pledges", "signs", "joins", "ordered"}
_NOT_VERB = {"united", "based", "led", "backed", "owned", "run", "allied", "controlled", "armed", "related",
             "linked"}
_POSSESSIVE = re.compile(r"['’]s?\b")
_PRESENT = re.compile(r"^[a-z]{3,}(?<![su])s$")
_CLAUSE_START = re.compile(r"(?:^|[.!?:;]['\"”’]*\s+|\n\s*)$")
_PAST = re.compile(r"^[a-z]{2,}ed$")
# After "was"/"were": "invaded", "taken", "overthrown" (not "even", "often").
_PASSIVE = re.compile(r"^(?:[a-z]{2,}ed|[a-z]{2,}(?:en|wn)|made|held|led|sent|sold|hit|struck|shot|put|seized)$")
_WORDS_AFTER = re.compile(r"[A-Za-z’'-]+|[^\sA-Za-z]")
_NOT_PASSIVE = {"even", "often", "open", "seven", "eleven", "given", "then", "when", "heaven", "own", "down", "town"}


def can_be_place(name: str, type_: str) -> bool:
    """A place, or a state or city the gazetteer lists as a place whatever this document typed it."""
    if type_ == "location":
        return True
    known = load().lookup(name)
    return known is not None and known[1] == "location"


def roles_summary(roles) -> str:
    """"agent 2, location 5": how an actor's mentions act, most frequent first ("" for fewer than two roles)."""
    counts: dict[str, int] = {}
    for r in roles:
        if r:
            counts[r] = counts.get(r, 0) + 1
    if len(counts) < 2:
        return ""
    return ", ".join(f"{r} {n}" for r, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def mention_role(text: str, start: int, end: int, place: bool) -> str:
    """The role of the mention ``text[start:end]``; ``place`` says whether its actor can be a place."""
    before = text[max(0, start - 60):start]
    after = text[end:end + 60]
    where = place and _where(before)     # asked again below: read once for a place
    if place and (where or place_before(before)) \
            and not market_context(before, after[:40]) and not _POSSESSIVE.match(after):
        return LOCATION       # ("from Iraq's Saddam" names the state's man, not a place)
    if "by" in before and _BY_AGENT.search(before):     # (the pattern needs the word: most have none)
        return AGENT          # "Kuwait was invaded by Iraq"
    if (may_end_with_word(before, _PREP_WORDS) and _PREP_BEFORE.search(before)) or (where if place else _where(before)):
        return PARTICIPANT    # ("investors in Microsoft said": the investors said)
    words = _WORDS_AFTER.findall(after)
    if not words or words[0][0] in "'’-":
        return PARTICIPANT    # "Iraq's neighbours", "Iraq-based"
    k = 0
    while k < len(words) - 1 and _SKIP.match(words[k]):
        k += 1
    w = words[k]
    if w in _BE:
        # "Iraq was invaded": the place was acted on; "Iraq is preparing": it acts.
        nxt = words[k + 1:k + 3]
        nxt = [x for x in nxt if not _SKIP.match(x)][:1]
        return PARTICIPANT if nxt and _PASSIVE.match(nxt[0]) and nxt[0] not in _NOT_PASSIVE else AGENT
    if w in _AUX or w in _VERBS:
        return AGENT
    if _PRESENT.match(w) and _CLAUSE_START.search(before):
        return AGENT          # "Iraq imports three-quarters of its food": a sentence opening on the name
    if _PAST.match(w) and w not in _NOT_VERB and not (len(words) > k + 1 and words[k + 1] == "by"):
        return AGENT          # "Iraq invaded Kuwait" (not "Iraq-backed", not "... occupied by")
    return PARTICIPANT
