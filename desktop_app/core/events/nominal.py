"""Happenings a sentence names by a noun with a date of their own.

"The State Department on Sunday issued a caution in the aftermath of the Aug. 7 bombings":
the caution was issued on Sunday, the bombings happened on 7 August. The noun phrase
"the Aug. 7 bombings at American embassies" is a dated happening in its own right, and
its date is not the date of the clause around it. Recognised shapes (a date written
between a determiner or a possessive and an event noun):

    the Aug. 7 bombings / the 1995 shooting of Dr. Hugh Short / the October slaying
    Wednesday's ruling by the INS / last Tuesday's federal court hearing
    the 1959 trade embargo against Cuba / next week's election / the incidents of Aug. 7

The head must be a noun that names a happening (a list, plus "-ing" nouns that are not
things: "the 1987 building" is not one); "the 1988 second quarter", "a 1987 Chevrolet"
or "its 1990 budget" are not happenings. Its span is the noun phrase with a short
prepositional tail, inside the sentence.
"""
from __future__ import annotations

import re
from typing import Optional

from ..model import Timex

# Nouns that name something that happens at a time (not a thing, a period or an amount).
EVENT_NOUNS = frozenset("""
attack attacks assault assaults blast blasts bombing bombings explosion explosions raid raids
shooting shootings killing killings slaying slayings murder murders massacre assassination
death deaths coup uprising revolution invasion occupation offensive battle clash clashes war
crash collision accident disaster earthquake quake flood floods storm hurricane fire fires eruption
hijacking kidnapping abduction arrest arrests detention seizure raid escape defection execution
trial hearing hearings verdict ruling rulings decision indictment conviction sentencing acquittal
election elections vote voting referendum poll primary caucus inauguration nomination resignation
appointment ouster dismissal visit visits trip tour summit meeting meetings talks conference session
speech address debate announcement statement agreement accord treaty pact deal ceasefire cease-fire truce
protest protests rally rallies demonstration demonstrations march riot riots strike strikes walkout
embargo blockade ban sanctions crackdown purge withdrawal pullout deployment evacuation landing launch
takeover merger acquisition buyout sale bid offer offering bankruptcy collapse crash
ceremony funeral wedding celebration commemoration coronation
investigation inquiry probe search negotiations extradition deportation release incident incidents
""".split())

# "-ing" nouns that name a thing, a place or an amount, not a happening.
_THING_ING = frozenset("""
building buildings morning mornings evening evenings earnings holdings savings ceiling thing things
king kings ring wing spring string clothing housing funding spending pricing meaning feeling setting
painting listing rating ranking standing being dwelling lodging filling sibling offspring
""".split())

_DETERMINER = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|this|that|these|those|last|next)|['’]s)\s+$", re.I)
_OF_DATE = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+(?:[a-z-]+\s+){0,2}?(?P<head>[a-z-]+)\s+of\s+$")
_POSSESSIVE_AFTER = re.compile(r"['’]s\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
# Words that end the noun phrase's modifiers: a preposition, a conjunction, a verb group.
_STOP = frozenset("""of in on at for from with by to against into about over under after before during since
until and or but that which who whom whose where when as than was were is are has have had will would
could should may might can did does do been be being not also""".split())
_TAIL_PREP = frozenset({"of", "at", "in", "on", "against", "by"})
_TAIL_STOP = frozenset({",", ";", ":", "--", "(", ")", "``", "''", '"'})
_MAX_MODIFIERS = 3
_MAX_TAIL_WORDS = 7


def is_event_noun(word: str) -> bool:
    w = word.lower()
    if w in EVENT_NOUNS:
        return True
    return len(w) > 5 and (w.endswith("ing") or w.endswith("ings")) and w not in _THING_ING


def nominal_happening(text: str, t: Timex, sentence_end: int) -> Optional[tuple[int, int, int, int]]:
    """When ``t`` dates a noun that names a happening ("the Aug. 7 bombings"), the span of that
    noun phrase (start, end), where its words after the date begin and where its head noun ends;
    else None."""
    of = _OF_DATE.search(text[max(0, t.start - 60):t.start])
    if of is not None and is_event_noun(of.group("head")):
        # "the incidents of Aug. 7", "the revolution of 1959": the date follows its noun.
        base = max(0, t.start - 60)
        return base + of.start(), t.end, base + of.start("head"), base + of.end("head")
    before = text[max(0, t.start - 12):t.start]
    m = _DETERMINER.search(before)
    pos = t.end
    possessive = _POSSESSIVE_AFTER.match(text, pos, min(len(text), pos + 4))
    if possessive:
        pos = possessive.end()     # "Wednesday's ruling"
    elif m is None:
        return None
    start = t.start - len(m.group(0)) if m is not None else t.start
    if m is not None and m.group(0).strip().lower() in ("last", "next"):
        start = t.start            # "last" and "next" belong to the date ("last Tuesday's")
    while pos < sentence_end and text[pos] == " ":
        pos += 1
    head: Optional[tuple[int, int]] = None
    words_at = pos      # where the noun's words begin after the date: "terrorist blasts", "sniper shooting"
    k = 0
    while k <= _MAX_MODIFIERS:
        w = _WORD.match(text, pos, sentence_end)
        if w is None or not w.group(0)[0].islower() or w.group(0) in _STOP:
            break
        if is_event_noun(w.group(0)):
            head = (w.start(), w.end())
            nxt = _WORD.match(text, w.end() + 1, sentence_end) if text[w.end():w.end() + 1] == " " else None
            if nxt is None or not nxt.group(0)[0].islower() or nxt.group(0) in _STOP or not is_event_noun(nxt.group(0)) \
                    and nxt.group(0).lower() not in ("death", "deaths"):
                break     # the head is the last noun: "shooting death", not "shooting" of "shooting range"
        elif head is not None:
            head = None
            break
        k += 1
        pos = w.end()
        while pos < sentence_end and text[pos] == " ":
            pos += 1
    if head is None:
        return None
    return start, _tail_end(text, head[1], sentence_end), words_at, head[1]


def _tail_end(text: str, end: int, sentence_end: int) -> int:
    """Where the noun phrase ends: its head, or a short "of/at/in/against/by ..." phrase after it
    ("bombings at U.S. embassies in Kenya and Tanzania"), never past a comma or a clause word."""
    m = re.match(r"\s+([a-z]+)\b", text[end:sentence_end])
    if not m or m.group(1) not in _TAIL_PREP:
        return end
    pos = end + m.end()
    last = end
    words = 0
    for w in re.finditer(r"\S+", text[pos:sentence_end]):
        tok = w.group(0)
        bare = tok.strip(".,;:'\"`()")
        if not bare or tok[:1] in "([" or bare.lower() in _STOP - {"and", "of", "in"} or words >= _MAX_TAIL_WORDS:
            break
        if bare.lower() == "and" and not text[pos + w.end():pos + w.end() + 2].strip()[:1].isupper():
            break     # "Kenya and Tanzania" goes on; "... and called on" does not
        words += 1
        if bare.lower() not in ("and", "of", "in"):
            kept = tok.rstrip(",;:'\"`)")
            if kept.endswith(".") and not text[pos + w.end():sentence_end].strip():
                kept = kept[:-1]     # the sentence's full stop
            last = pos + w.start() + len(kept)
        if tok[-1:] in ",;:" or tok.endswith("''"):
            break
    return max(end, last)
