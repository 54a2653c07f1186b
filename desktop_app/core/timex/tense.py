"""A cheap tense guess for the sentence around a time expression.

HeidelTime decides whether "Friday" or "November 2" lies before or after the
document date from the tense of the sentence. Without a tagger we look for
the nearest tense cue (auxiliaries, reporting verbs, past participles) inside
the sentence, nearest first, because the verb governing the expression is
usually the closest one.
"""
from __future__ import annotations

import re
from typing import Optional

_FUTURE = (r"will|won't|wo|shall|'ll|going\s+to|plans?\s+to|planning\s+to|intends?\s+to|expects?\s+to|"
           r"expected\s+to|scheduled|schedule|due\s+to|set\s+to|is\s+to|are\s+to|upcoming|would|could|"
           r"aims?\s+to|hopes?\s+to|to\s+be\s+held|next|until|till|begins?|starts?|opens?|plans")
_PAST = (r"was|were|had|did|said|told|ago|last|earlier|previously|reported|announced|been|"
         r"\w{3,}ed|began|came|went|made|took|gave|saw|met|held|left|won|lost|fell|rose|sold|"
         r"bought|paid|found|spoke|wrote|led|ran|struck|sent|brought|kept|became|got|shot|hit|"
         r"fought|told|set|put|cut|quit|beat|bid|let")
_RE_CUE = re.compile(rf"\b(?:(?P<f>{_FUTURE})|(?P<p>{_PAST}))\b", re.I)
_RE_SENT_END = re.compile(r"[.!?][\"')\]]*\s+(?=[A-Z\"'(])|\n\s*\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 400)
    s = lo
    for m in _RE_SENT_END.finditer(text, lo, start):
        s = m.end()
    m = _RE_SENT_END.search(text, end, min(len(text), end + 400))
    e = m.start() + 1 if m else min(len(text), end + 400)
    return s, e


def tense_at(text: str, start: int, end: int) -> Optional[str]:
    """'past', 'future' or None, from the cue nearest to text[start:end] in its sentence."""
    s, e = sentence_bounds(text, start, end)
    best = None
    for m in _RE_CUE.finditer(text, s, e):
        if start <= m.start() < end:
            continue
        dist = start - m.end() if m.end() <= start else m.start() - end
        # Cues before the expression govern it more often than cues after it.
        dist = dist if m.end() <= start else dist * 1.5
        kind = "future" if m.group("f") else "past"
        if best is None or dist < best[0]:
            best = (dist, kind)
    return best[1] if best else None
