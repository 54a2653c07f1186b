"""What the words around a name say about it, beyond the name's own words.

Shared by the sentence name finder (names.py) and the document resolver
(resolve.py): place prepositions, market context, article-led foreign titles,
institution heads that join across "and", armed-group heads, cited offices.
"""
from __future__ import annotations

import re

from ..text.folding import may_end_with_word

# Heads that close one institution's name across an "and": "Food and Drug Administration".
INSTITUTION_HEADS = {"Administration", "Commission", "Agency", "Department", "Ministry", "Authority",
                     "Bureau", "Institute", "Council", "Committee", "Organization", "Organisation",
                     "Association", "Office", "Service", "Services", "Board", "Centre", "Center",
                     "Union", "Party", "Alliance", "League", "Federation", "Coalition"}
ARMED_HEADS = {"Front", "Army", "Brigades", "Brigade", "Militia", "Movement", "Forces"}
# Religious adjectives name no state: an "Islamic Army" is a group where an "Iraqi Army" is not.
NON_STATE = {"Islamic", "Islamist", "Christian", "Jewish", "Muslim", "Catholic", "Shiite", "Shia", "Sunni",
             "Hindu", "Buddhist", "Sikh", "Jihadist", "Salafist"}
# Articles that open foreign titles ("La Tercera", "Der Spiegel"): a name that starts so is not a person.
ARTICLES = {"La", "Le", "Les", "El", "Los", "Las", "Der", "Die", "Das", "Il", "Lo", "De", "Het"}
# Place context for a lone capitalised word: "in Erbil", "the town of Rutshuru", "mayor of Porto".
PLACE_BEFORE = re.compile(
    r"(?:,\s+of\s+|\b(?:in|near|outside|around|across|from)\s+(?:central|northern|southern|"
    r"eastern|western|downtown|neighbouring|neighboring)?\s*"
    r"|\b(?:town|city|village|province|region|district|capital|port|outskirts|mayor|governor|streets|"
    r"residents|suburbs?)\s+of\s+)$")
# The words PLACE_BEFORE can end on: a text before a name that ends otherwise (most do) needs no search.
_PLACE_BEFORE_ENDS = ("of", "in", "near", "outside", "around", "across", "from", "central", "northern", "southern",
                      "eastern", "western", "downtown", "neighbouring", "neighboring")


def place_before(before: str) -> bool:
    """``PLACE_BEFORE.search(before)``: "in ", "the town of " ... right before a name."""
    return before.rstrip().endswith(_PLACE_BEFORE_ENDS) and PLACE_BEFORE.search(before) is not None


ROMAN = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "Jr", "Sr"}
STAKE_BEFORE = re.compile(r"\b(?:stake|stakes|interest|interests|shares|investment|investments|holding|holdings|"
                          r"position|trading|invested|investing)\s+in\s+(?:the\s+)?$")
MARKET_AFTER = re.compile(r"\s+(?:shares|stock|stocks|trading|securities|bonds|contracts|products|brand|models?)\b")


def market_context(before: str, after: str) -> bool:
    """"a stake in Jaguar", "in Nasdaq trading": a company, not a place."""
    return bool(before.rstrip().endswith(("in", "the")) and STAKE_BEFORE.search(before) or MARKET_AFTER.match(after))


# What only a company has or is: "X's chief executive", "X shares rose", "shares of X", "a unit of X".
COMPANY_AFTER = re.compile(r"(?:['’]s?)?\s+(?:chief\s+executive|chief\s+financial\s+officer|shareholders|stockholders|"
                           r"shares|stock|share\s+price|board\s+of\s+directors|subsidiary|subsidiaries|"
                           r"quarterly|net\s+profit|net\s+income|revenues?|ceo)\b", re.I)
COMPANY_BEFORE = re.compile(r"\b(?:shares\s+(?:of|in)|stake\s+in|(?:a|the)\s+(?:unit|subsidiary|division)\s+of|"
                            r"(?:bid|offer|takeover)\s+for|merger\s+(?:of|with)|acquisition\s+of|"
                            r"analysts?\s+at|chief\s+executive\s+of)\s+(?:the\s+)?$", re.I)


def company_context(before: str, after: str) -> bool:
    """"shares of Newmont", "Bre-X's chief executive", "Norilsk shares fell": only a company is so written."""
    return bool(COMPANY_AFTER.match(after)
                or may_end_with_word(before, ("of", "in", "for", "with", "at", "the")) and COMPANY_BEFORE.search(before))


OFFICE_TAIL = re.compile(r"\b(?:press\s+(?:office|service|centre|center)|spokes\w+|office|statement)\s*$", re.I)


def own_institution(span, tail: str) -> bool:
    """A cited name typed by its own head word (Ministry, Office, Police...) or followed by "press office"."""
    if OFFICE_TAIL.search(tail):
        return True
    return (span.evidence in ("head", "compound") and span.type in ("organization", "group")
            and not re.search(r"\b(?:News|Press|Information|Media)\b", span.text))
