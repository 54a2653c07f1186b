"""Sentences that report nothing: a question, or the page speaking to its reader.

A news report tells what happened in the third person and in statements. Two kinds of sentence on
a saved web page do neither, so no event comes from them (their names are still read):

* a direct question ("What did he do?", "Have you been affected by swine flu?", a related link
  "The pun - ancient artform, or the lowest form of wit?"): it asks, it asserts no happening;
* a sentence addressed to the reader, outside any quotation: the second person ("Your comments
  may be published ...", "If you have any information you wish to share with the BBC ...",
  "You can stay up to date with ... via these feeds") or an imperative with the site as its
  object ("Tell us ...", "Please get involved and leave a comment"). A reporter's "you" is the
  reader or "anyone" (a generic statement), never a participant; a quoted "you" ('"You can see
  the damage," he said') is a witness's words and stays.
"""
from __future__ import annotations

import re

from ..text.quotes import unquoted

_YOU = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.I)
# An imperative addressed to the reader: "Please ...", or a bare verb whose object is the site
# itself ("Tell us", "Send us", "Let us know", "Contact us").
_IMPERATIVE = re.compile(r"^[\s(]*(?:Please\b|[A-Z][a-z]+(?:\s+(?!of\b)[a-z]+)?\s+us\b(?!\s*(?:said|says|was|is|had)\b))")
# A reporting verb outside quotation: the sentence reports someone's words ("Castro has said that
# you can be a Communist", "The Pentagon said today it will re-examine the question ...?"); the
# saying is the happening, whatever person or mood the words are in.
_REPORTING = re.compile(r"\b(?:said|says|say|told|tells|asked|asks|wondered|added|insisted|urged|warned|question)\b", re.I)


def is_question(text: str) -> bool:
    """A direct question of the page's own: the sentence ends with a question mark outside
    quotation (a quoted question is someone's words, told elsewhere), and no reporting verb makes
    it someone's words."""
    own = unquoted(text)
    return own.rstrip().rstrip("'’)").endswith("?") and not _REPORTING.search(own)


def addresses_reader(text: str) -> bool:
    """The page speaking to its reader, outside quotation and outside reported speech: second
    person, or an imperative to contact the site ("Most of us" is no imperative)."""
    own = unquoted(text)
    if _REPORTING.search(own):
        return False
    return bool(_IMPERATIVE.match(own) or _YOU.search(own))


def reports_nothing(text: str, dated: bool = False) -> bool:
    """No event comes from this sentence: a question, or the page addressing its reader.
    ``dated``: the sentence writes a calendar date of its own (with a number: not "today's show");
    a call to action or a page note never does, so such a sentence in the second person is a letter
    or a report ("your Oct. 23 item recognized ...") and stays."""
    return is_question(text) or (not dated and addresses_reader(text))
