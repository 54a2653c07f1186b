"""A cheap tense guess for the sentence around a time expression.

HeidelTime decides whether "Friday" or "November 2" lies before or after the
document date from the tense of the sentence. Without a POS tagger we look
for tense cues inside the sentence: modal and planning words mark the
future, auxiliaries and simple-past verbs the past, present auxiliaries
leave it open. The verb governing the expression is usually the nearest
cue, and a future cue earlier in the same clause outweighs past-looking
participles ("will be named ... in December").

Cues are found by walking the sentence's words against word sets (one
tokenising pass), which is several times faster than one big alternation.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

_FUTURE_1 = {"will", "shall", "upcoming", "would", "deadline", "wo", "won't", "won’t", "expected", "scheduled",
             "slated", "forthcoming", "expect", "expects", "anticipate", "anticipates", "predict", "predicts",
             # The present of scheduled events: "the clinic opens on Monday", "the ban takes effect Friday".
             "opens", "begins", "starts", "resumes", "expires", "reopens", "convenes", "kicks", "departs",
             "arrives", "visits", "travels", "heads",
             # "several hundred more due by Friday": what is due is still ahead ("had been due": past).
             "due"}
_FUTURE_2 = {
    ("going", "to"), ("plans", "to"), ("plan", "to"), ("planning", "to"), ("intends", "to"), ("intend", "to"),
    ("expects", "to"), ("expect", "to"), ("expected", "to"), ("due", "to"), ("due", "in"), ("set", "to"),
    ("set", "for"), ("is", "to"), ("are", "to"), ("aims", "to"), ("aim", "to"), ("hopes", "to"), ("hope", "to"),
    ("likely", "to"), ("unlikely", "to"), ("to", "begin"), ("to", "start"), ("to", "meet"), ("to", "visit"), ("to", "hold"),
    ("to", "leave"), ("to", "arrive"), ("to", "return"), ("to", "vote"), ("to", "testify"), ("to", "appear"),
    ("in", "time"), ("scheduled", "to"), ("scheduled", "for"),
    # A commitment's "to" complement is still ahead of it: "agreed to purchase ... in February".
    ("agreed", "to"), ("agreement", "to"), ("agree", "to"), ("agrees", "to"), ("offered", "to"), ("offer", "to"),
    ("decided", "to"), ("voted", "to"), ("promised", "to"), ("pledged", "to"), ("vowed", "to"),
}
_FUTURE_3 = {("as", "early", "as"), ("as", "soon", "as"), ("no", "later", "than"), ("to", "be", "held")}
_PAST = {
    "was", "were", "had", "did", "said", "told", "ago", "earlier", "previously", "reported", "announced",
    "began", "came", "went", "made", "took", "gave", "saw", "met", "held", "left", "won", "lost", "fell",
    "rose", "sold", "bought", "paid", "found", "spoke", "wrote", "led", "ran", "struck", "sent", "brought",
    "kept", "became", "got", "shot", "hit", "fought", "quit", "beat", "bid", "killed", "died",
}
_PRESENT = {"is", "are", "am", "remains", "remain", "has", "have", "does", "do", "says", "say", "continues"}
# A participle after these is not a past-tense verb ("will be named", "is expected").
_AUX = {"will", "would", "be", "been", "being", "to", "is", "are", "am", "has", "have", "get", "gets", "shall",
        "ll", "may", "might", "can", "could", "should", "must"}
_TIME_NOUNS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "morning", "afternoon", "evening",
               "night", "weekend", "quarter", "decade", "century", "season", "time", "few", "two", "three", "several",
               "to", "door"}  # "next to", "next door" are places
_PERFECT = {"has", "have", "had", "having"}
# Words ending in "-ed" that are no past verbs ("several hundred more due by Friday").
_NOT_PAST_ED = {"hundred", "kindred", "indeed", "need", "speed", "seed", "feed", "breed", "greed", "weed", "creed",
                "bleed", "heed", "steed", "sacred", "naked", "wicked", "rugged", "ragged", "jagged", "beloved", "shred"}
# "the first senior official to arrive on Saturday": an ordinal's "to" complement tells who did
# something first, not a plan; the clause's own verb sets the tense.
_RANKS = {"first", "last", "only", "second", "third", "latest", "next"}
_DETERMINERS = {"a", "an", "the", "its", "his", "her", "their", "our", "this", "that", "these", "those", "still"}
# Irregular past participles: a past cue only after a perfect auxiliary ("has withdrawn").
_PARTICIPLES = {
    "been", "done", "gone", "seen", "taken", "given", "known", "shown", "begun", "broken", "chosen", "driven",
    "fallen", "risen", "spoken", "stolen", "sworn", "thrown", "written", "beaten", "drawn", "withdrawn", "grown",
    "flown", "blown", "eaten", "forgotten", "frozen", "hidden", "ridden", "arisen", "overtaken", "undertaken",
    "won", "lost", "held", "met", "left", "sold", "bought", "paid", "found", "sent", "brought", "kept", "become",
    "got", "gotten", "shot", "hit", "fought", "quit", "struck", "led", "made", "come", "run", "put", "set", "cut",
}

_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_RE_SENT_END = re.compile(r"[.!?][\"')\]”’]*\s+(?=[A-Z\"'(“‘`])|\n\s*\n")
_RE_CLAUSE = re.compile(r"[;:]|,\s+(?:while|although|though|after|before|when|as|and)\b|\bbut\b|\band\s+(?=\w+ed\b)")

_RE_ASIDE = re.compile(r",\s+(?:who|whom|whose|which)\b[^,;:.!?\n]*,")
_RE_DEADLINE_BEFORE = re.compile(r"\b(?:until|till|by)\s+$", re.I)
# "postponed until Tuesday morning any action": a put-off happening lies ahead of the report.
_RE_PUT_OFF_BEFORE = re.compile(r"\b(?:postponed|delayed|deferred|adjourned|put\s+off|pushed\s+back)\s+(?:\w+\s+){0,3}?(?:until|till|to)\s+$", re.I)
_RE_DEADLINE_AFTER = re.compile(r",?\s+to\s+[a-z]+")
_RE_STARTING_BEFORE = re.compile(r"\b(?:starting|beginning|effective)\s+(?:on\s+|from\s+)?$", re.I)


# A period after these does not end a sentence: titles before names, and a
# clock's "a.m." before its zone, its day or a bracketed restatement.
_RE_NOT_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Adm|Maj|Cpl|Pvt|Fr|St|Sens|Reps|Govs)\.\s+\S"
    r"|\b[ap]\.m\.\s+(?:\(|[ECMP][SD]T\b|GMT\b|UTC\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b))")


def _ends_sentence(text: str, m: re.Match) -> bool:
    lo = max(0, m.start() - 5)
    probe = _RE_NOT_END.search(text, lo, min(len(text), m.end() + 12))
    return probe is None or not (probe.start() <= m.start() < probe.end())


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 400)
    s = lo
    for m in _RE_SENT_END.finditer(text, lo, start):
        if _ends_sentence(text, m):
            s = m.end()
    e = min(len(text), end + 400)
    for m in _RE_SENT_END.finditer(text, end, e):
        if _ends_sentence(text, m):
            e = m.start() + 1
            break
    return s, e


def _after_aux(toks, low, i: int, aux) -> bool:
    prev = i - 1
    if prev >= 0 and low[prev].endswith("ly"):
        prev -= 1
    return prev >= 0 and low[prev] in aux and toks[i][0] - toks[prev][1] < 20


# Words that can open a cue; any other word (and no "-ed" or "'ll" word) is passed over.
_OPENING = (_FUTURE_1 | _PAST | _PRESENT | _PARTICIPLES | {"had", "next"} | {c[0] for c in _FUTURE_2}
            | {c[0] for c in _FUTURE_3})
_OPENING_ENDS = ("ed", "'ll", "’ll")
_AUX_NOT_PERFECT = _AUX - _PERFECT


class _Spans:
    """(start, end, word) of the i-th word, made only for the few words a cue looks at."""

    __slots__ = ("ms", "words")

    def __init__(self, ms, words):
        self.ms, self.words = ms, words

    def __getitem__(self, i):
        m = self.ms[i]
        return (m.start(), m.end(), self.words[i])


def _cues(text: str, s: int, e: int):
    """(start, end, kind) of every tense cue in text[s:e]; kind is 'future', 'past' or None."""
    words = _WORD.findall(text, s, e)
    # One lower() over the joined words (ASCII letters and apostrophes, never a NUL), not one per word.
    low = "\0".join(words).lower().split("\0") if words else []
    toks = _Spans(list(_WORD.finditer(text, s, e)), words)
    out = []
    n = len(words)
    # Only the words that can open a cue are read, in text order; a cue of several words
    # passes over the words it took (``nxt``), exactly as a walk over every word does.
    nxt = 0
    for i in [k for k, w in enumerate(low) if w in _OPENING or w.endswith(_OPENING_ENDS)]:
        if i < nxt:
            continue
        w = low[i]
        if w == "had" and i + 2 < n and low[i + 1] == "been" and (
                low[i + 2] in _FUTURE_1 or low[i + 2] in ("due", "set", "supposed")):
            # "had been scheduled to expire Friday": a plan of the past, its day already gone.
            out.append((toks[i][0], toks[i + 2][1], "past"))
            nxt = i + 3
            if nxt < n and low[nxt] in ("to", "for"):
                nxt += 1
            continue
        if i + 2 < n and (w, low[i + 1], low[i + 2]) in _FUTURE_3:
            out.append((toks[i][0], toks[i + 2][1], "future"))
            nxt = i + 3
            continue
        if i + 1 < n and (w, low[i + 1]) in _FUTURE_2:
            if not (w == "to" and any(x in _RANKS for x in low[max(0, i - 5):i])):
                out.append((toks[i][0], toks[i + 1][1], "future"))
            nxt = i + 2
            continue
        if w in ("has", "have") and i + 1 < n and toks[i + 1][0] - toks[i][1] < 3 and toks[i + 1][2].islower() \
                and low[i + 1] not in _FUTURE_1 \
                and (low[i + 1] in _PARTICIPLES or len(low[i + 1]) >= 4 and low[i + 1].endswith("ed")
                     and low[i + 1] not in _NOT_PAST_ED):
            # "estimates ... have varied", "has withdrawn": the perfect reports what is done
            # ("has scheduled a news conference Thursday" plans ahead).
            out.append((toks[i][0], toks[i + 1][1], "past"))
            nxt = i + 2
            continue
        if w == "next" and i + 1 < n and low[i + 1] not in _TIME_NOUNS and toks[i + 1][2].islower():
            # "until their next meeting in June": the event named is still ahead.
            out.append((toks[i][0], toks[i][1], "future"))
        elif w in _FUTURE_1 or w.endswith(("'ll", "’ll")):
            out.append((toks[i][0], toks[i][1], "future"))
        elif w in _PAST and not (w in _PARTICIPLES and _after_aux(toks, low, i, _AUX_NOT_PERFECT)):
            # "will be held", "to hit": a participle or infinitive, not the simple past.
            out.append((toks[i][0], toks[i][1], "past"))
        elif w in _PRESENT:
            out.append((toks[i][0], toks[i][1], None))
        elif (len(w) >= 4 and w.endswith("ed") and w not in _NOT_PAST_ED or w in _PARTICIPLES) \
                and toks[i][2].islower():
            prev = i - 1
            if prev >= 0 and low[prev].endswith("ly"):
                prev -= 1
            near = prev >= 0 and toks[i][0] - toks[prev][1] < 20
            if near and low[prev] in _PERFECT:
                # "has withdrawn", "have agreed": the perfect reports what is already done.
                out.append((toks[i][0], toks[i][1], "past"))
            elif not (near and low[prev] in _AUX) and w not in _PARTICIPLES \
                    and not (near and low[prev] in _DETERMINERS):
                # "a still unspecified date", "the planned rally": an adjective, not a past verb.
                out.append((toks[i][0], toks[i][1], "past"))
    return out


_WHOLE = "whole text"
_RE_SPACE = re.compile(r"\s")


class _TextCues:
    """Tense cues and clause marks of one text, read block by block as expressions need them
    (a block is read once, however many expressions look at it; blocks no expression looks
    at are never read)."""

    BLOCK = 512

    def __init__(self, text: str):
        self.text = text
        self._blocks: dict[int, tuple[list, list, list]] = {}

    def _bound(self, i: int) -> int:
        """Where block ``i`` starts: at or after i * BLOCK, never inside a word."""
        pos = i * self.BLOCK
        if pos <= 0:
            return 0
        if pos >= len(self.text):
            return len(self.text)
        # At a sentence end when one is near (cues never reach across one), else at a space.
        for m in _RE_SENT_END.finditer(self.text, pos, min(len(self.text), pos + 400)):
            if _ends_sentence(self.text, m):
                return m.end()
        m = _RE_SPACE.search(self.text, pos, min(len(self.text), pos + 64))
        return m.start() if m else pos

    def _block(self, i: int) -> tuple[list, list, list]:
        got = self._blocks.get(i)
        if got is None:
            lo, hi = self._bound(i), self._bound(i + 1)
            marks = [(m.start(), m.end()) for m in _RE_CLAUSE.finditer(self.text, lo, hi)]
            got = self._blocks[i] = (_cues(self.text, lo, hi), [m[0] for m in marks], [m[1] for m in marks])
        return got

    # Block i starts within 400 characters after i * BLOCK, so position p lies in block
    # p // BLOCK or the one before it.

    def cues(self, s: int, e: int) -> list:
        out = []
        for i in range(max(0, s // self.BLOCK - 1), e // self.BLOCK + 1):
            out.extend(c for c in self._block(i)[0] if s <= c[0] and c[1] <= e)
        return out

    def clause_between(self, a: int, b: int) -> bool:
        """Whether a clause mark lies wholly inside text[a:b]."""
        for i in range(max(0, a // self.BLOCK - 1), b // self.BLOCK + 1):
            _, starts, ends = self._block(i)
            k = bisect_left(starts, a)
            if k < len(starts):
                return ends[k] <= b
        return False


def tense_at(text: str, start: int, end: int, cue_cache: Optional[dict] = None) -> Optional[str]:
    """'past', 'future' or None, from the tense cues around text[start:end] in its sentence.

    ``cue_cache`` (a dict owned by the caller, one per text) holds the whole text's cues,
    read once, so each expression costs a look-up rather than a pass over its sentence.
    """
    if _RE_DEADLINE_BEFORE.search(text, max(0, start - 8), start) and _RE_DEADLINE_AFTER.match(text, end):
        return "future"  # "has until Tuesday to sign": a deadline still ahead
    if _RE_PUT_OFF_BEFORE.search(text, max(0, start - 60), start):
        return "future"
    if _RE_STARTING_BEFORE.search(text, max(0, start - 16), start):
        return "future"  # "a curfew starting Wednesday": a measure announced from a day on
    s, e = sentence_bounds(text, start, end)
    if cue_cache is not None:
        # The text's cues and clause marks, each block read once: reading each expression's sentence
        # window anew cost a tokenising pass per expression, which on a long line without
        # sentence ends is a full 800-character window every time.
        whole = cue_cache.get(_WHOLE)
        if whole is None:
            whole = cue_cache[_WHOLE] = _TextCues(text)
        cues = whole.cues(s, e)
        between = whole.clause_between
    else:
        cues = _cues(text, s, e)

        def between(a: int, b: int) -> bool:
            return _RE_CLAUSE.search(text, a, b) is not None
    # A cue inside an aside ("On Tuesday his brothers, who will be taking part, defended ...")
    # tells the aside's tense, not that of the clause holding the expression.
    # Only an aside after the expression is passed over: one before it may run on into the
    # clause holding it ("Taylor, who stepped down as chairman, president ... in March").
    asides = [(m.start(), m.end()) for m in _RE_ASIDE.finditer(text, end, e)]
    # An expression inside an aside ("Ban Ki-moon, who is due to visit Haiti on Sunday, said ...")
    # takes the aside's tense: the cues outside it belong to the clause around it.
    inside = next(((m.start(), m.end()) for m in _RE_ASIDE.finditer(text, s, e)
                   if m.start() < start and end <= m.end()), None)
    best = None
    for cs, ce, kind in cues:
        if start <= cs < end or any(a <= cs < b for a, b in asides):
            continue
        if inside is not None and not inside[0] <= cs < inside[1]:
            continue
        if ce <= start:
            dist = start - ce
            # A clause boundary between cue and expression weakens the cue.
            if between(ce, start):
                dist += 60
            if kind == "future":
                dist *= 0.5
        else:
            dist = (cs - end) * 1.5
            if between(end, cs):
                dist += 90
        if best is None or dist < best[0]:
            best = (dist, kind)
    return best[1] if best else None
