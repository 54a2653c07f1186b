"""Who "he", "she", "the ministry" or "the group" stands for, read conservatively.

A wrong referent puts an actor on an event it had no part in, which is worse
for an analyst than a missing one, so: only pronouns of a person and a few
nouns that say what kind of actor they mean; only the nearest earlier actor of
that kind; never further back than two sentences and never across a paragraph
break (except into the previous sentence when the paragraph is one sentence,
as wire copy is often written).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

# Noun after "the" -> (actor types it can mean, word the actor's name must hold or None).
NOMINAL = {
    "ministry": (("organization",), "ministry"), "agency": (("organization", "media"), "agency"),
    "commission": (("organization",), "commission"), "court": (("organization",), "court"),
    "party": (("organization",), "party"), "bank": (("organization",), "bank"),
    "council": (("organization",), "council"), "committee": (("organization",), "committee"),
    "army": (("organization", "group"), "army"), "police": (("organization",), "police"),
    "company": (("organization",), None), "firm": (("organization",), None),
    "carrier": (("organization",), None), "airline": (("organization",), None),
    "group": (("group", "organization"), None), "militants": (("group",), None),
    "rebels": (("group",), None), "militia": (("group",), None), "gang": (("group",), None),
    "newspaper": (("media",), None), "paper": (("media",), None), "broadcaster": (("media",), None),
}
# "The group", "In January 2016, the same group": the noun as the clause's subject.
NOMINAL_LEAD = re.compile(r"^(?:[^,]{1,40},\s+)?[Tt]he\s+(?:same\s+)?(" + "|".join(NOMINAL) + r")\s+(?!of\b|and\b)")
PERSON_PRONOUN = re.compile(r"\b(he|she|him)\b")
_BE = re.compile(r"^\s+(?:was|were|had\s+been|has\s+been|is|is\s+being|was\s+being)\s+\w+ed\b")
_ACTS = re.compile(r"^\s+(?:\w+ed|had|has|was|would|will|could|said|told|met|took|gave|made|went|"
                   r"sent|left|paid|won|led|ran|sold|bought|fled|fought|struck|held|saw|"
                   r"denied|accepted|agreed|\w+s)\b")


class Window:
    """Earlier actor mentions a referent may be taken from, for one sentence."""

    def __init__(self, text: str, sentences, mentions: list[tuple[int, int, int]]):
        self.text = text
        self.sentences = sentences
        self.mentions = mentions          # (start, end, actor) sorted by start
        self.starts = [m[0] for m in mentions]

    def lower_bound(self, k: int, reach: int = 2) -> int:
        """Where sentence k may look back to."""
        s0 = self.sentences[k].start
        para = self.text.rfind("\n\n", 0, s0)
        para = 0 if para < 0 else para + 2
        back = self.sentences[max(0, k - reach)].start
        if para >= s0 - 1 and k > 0:
            prev = self.sentences[k - 1].start   # one-sentence paragraph: the previous sentence only
            return prev
        return max(para, back)

    def nearest(self, k: int, pos: int, types: tuple, word: Optional[str], actors) -> Optional[int]:
        # "the ministry" can only mean a ministry, so it may reach further than "the company".
        lo = self.lower_bound(k, 5 if word else 2)
        # Walk back from the referring word only as far as the window reaches.
        for n in range(bisect_left(self.starts, pos) - 1, bisect_left(self.starts, lo) - 1, -1):
            s, e, i = self.mentions[n]
            a = actors[i]
            if a.type not in types:
                continue
            if word and not any(word in n.lower() for n in [a.name, *a.aliases]):
                continue
            return i
        return None


def pronoun_role(text: str, end: int) -> Optional[str]:
    """A pronoun's role from the words right after it: "he was arrested" target, "he accepted" agent."""
    after = text[end:end + 40]
    if _BE.match(after):
        return "target"
    if _ACTS.match(after):
        return "agent"
    return None
