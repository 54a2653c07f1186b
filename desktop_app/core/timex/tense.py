"""A cheap tense guess for the sentence around a time expression.

HeidelTime decides whether "Friday" or "November 2" lies before or after the
document date from the tense of the sentence. Without a POS tagger we look
for tense cues inside the sentence: modal and planning words mark the
future, auxiliaries and simple-past verbs the past. The verb governing the
expression is usually the nearest cue, and a future cue earlier in the same
clause outweighs past-looking participles ("will be named ... in December").
"""
from __future__ import annotations

import re
from typing import Optional

_FUTURE = (r"will|won['’]t|shall|['’]ll|going\s+to|plans?\s+to|planning\s+to|intends?\s+to|expects?\s+to|"
           r"expected\s+to|scheduled|due\s+to|due\s+in|set\s+to|set\s+for|is\s+to|are\s+to|upcoming|would|"
           r"aims?\s+to|hopes?\s+to|to\s+be\s+held|as\s+early\s+as|as\s+soon\s+as|no\s+later\s+than|"
           r"deadline|in\s+time\s+for|likely\s+to|will\s+be|to\s+begin|to\s+start|to\s+meet|to\s+visit|"
           r"to\s+hold|to\s+leave|to\s+arrive|to\s+return|to\s+vote|to\s+testify|to\s+appear")
_PAST_WORDS = (r"was|were|had|did|said|told|ago|earlier|previously|reported|announced|began|came|went|"
               r"made|took|gave|saw|met|held|left|won|lost|fell|rose|sold|bought|paid|found|spoke|wrote|"
               r"led|ran|struck|sent|brought|kept|became|got|shot|hit|fought|quit|beat|bid|killed|died")
# Present-tense auxiliaries: the expression may lie either side of the DCT ("is payable Jan. 2").
_PRESENT = r"is|are|am|remains|remain|has|have|does|do|says|say|continues"
_RE_CUE = re.compile(rf"\b(?:(?P<f>{_FUTURE})|(?P<p>{_PAST_WORDS})|(?P<n>{_PRESENT})|(?P<ed>(?-i:[a-z]{{2,}}ed)))\b", re.I)
# A participle after these is not a past-tense verb ("will be named", "is expected").
_RE_AUX_BEFORE = re.compile(r"\b(?:will|would|be|been|being|to|is|are|am|has|have|get|gets|shall|'ll|may|might|can|could|should|must)\s+(?:\w+ly\s+)?$", re.I)
_RE_SENT_END = re.compile(r"[.!?][\"')\]”’]*\s+(?=[A-Z\"'(“‘`])|\n\s*\n")
_RE_CLAUSE = re.compile(r"[;:]|,\s+(?:but|while|although|though|after|before|when|as)\b|\band\s+(?=\w+ed\b)")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 400)
    s = lo
    for m in _RE_SENT_END.finditer(text, lo, start):
        s = m.end()
    m = _RE_SENT_END.search(text, end, min(len(text), end + 400))
    e = m.start() + 1 if m else min(len(text), end + 400)
    return s, e


def tense_at(text: str, start: int, end: int) -> Optional[str]:
    """'past', 'future' or None, from the tense cues around text[start:end] in its sentence."""
    s, e = sentence_bounds(text, start, end)
    best = None
    for m in _RE_CUE.finditer(text, s, e):
        if start <= m.start() < end:
            continue
        if m.group("ed") and _RE_AUX_BEFORE.search(text, max(s, m.start() - 20), m.start()):
            continue
        kind = "future" if m.group("f") else None if m.group("n") else "past"
        if m.end() <= start:
            dist = start - m.end()
            # A clause boundary between cue and expression weakens the cue.
            if _RE_CLAUSE.search(text, m.end(), start):
                dist += 60
            if kind == "future":
                dist *= 0.5
        else:
            dist = (m.start() - end) * 1.5
        if best is None or dist < best[0]:
            best = (dist, kind)
    return best[1] if best else None
