"""The main clause of a sentence, read shallowly: subject, verb group, object.

No parser: a verb is found by shape (auxiliaries, past-tense forms, a word
right after the subject name) because news sentences put the happening in
the first finite verb after the subject far more often than not. Enough for
a short label and agent/target roles; when unsure, roles stay None.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Optional

from ..text.tokens import Token
from .nominal import EVENT_NOUNS

_AUX_BE = {"is", "are", "was", "were", "been", "being", "be"}
# "doesn't know", "won't say": a contracted negative is an auxiliary that the label keeps.
_NEGATED_AUX = {"isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "doesn't", "don't", "didn't",
                "won't", "wouldn't", "can't", "couldn't", "shouldn't", "mustn't", "cannot"}
_NEGATED_AUX |= {w.replace("'", "’") for w in _NEGATED_AUX}
_NEGATED_MODALS = {w for w in _NEGATED_AUX if w[:2] in ("wo", "ca", "co", "sh", "mu")}
_AUX = _AUX_BE | {"has", "have", "had", "will", "would", "may", "might", "can", "could",
                  "should", "must", "did", "does", "do", "shall"} | _NEGATED_AUX
_IRREGULAR = {
    "arose", "ate", "beat", "became", "began", "bit", "blew", "broke", "brought", "built", "bought",
    "caught", "chose", "came", "cost", "cut", "dealt", "did", "drew", "drove", "fell", "fed", "felt",
    "fought", "found", "fled", "flew", "forbade", "forgot", "froze", "gave", "got", "gotten", "given",
    "went", "gone", "grew", "grown", "hung", "heard", "hid", "hidden", "hit", "held", "hurt", "kept",
    "knew", "known", "laid", "led", "left", "lent", "let", "lay", "lost", "made", "meant", "met",
    "paid", "put", "quit", "read", "rode", "rang", "rose", "ran", "run", "said", "saw", "seen",
    "sought", "sold", "sent", "set", "shook", "shot", "shut", "sang", "sank", "sat", "slept", "slid",
    "spoke", "spoken", "spent", "spread", "stood", "stole", "stolen", "struck", "swore", "swept",
    "took", "taken", "taught", "tore", "told", "thought", "threw", "thrown", "understood", "woke",
    "wore", "won", "withdrew", "wrote", "written", "overthrew", "undertook", "upheld", "shed",
    "broken", "chosen", "driven", "eaten", "fallen", "forgotten", "frozen", "hidden", "ridden",
    "risen", "shaken", "spoken", "stolen", "sworn", "torn", "woken", "worn", "begun", "sung", "sunk",
    "claims", "says", "rules", "remains", "rule", "remain", "intends", "hopes", "plans", "denies",
    "accuses", "warns", "calls", "seeks", "wants", "faces", "continues", "exists", "cooperates",
    "clung", "flung", "swung", "stung", "strung", "spun", "wept", "crept", "leapt", "dug", "sprang",
    "sprung", "stuck", "mistook", "foresaw", "forgave", "forgiven", "overcame", "overtook", "oversaw",
    "overseen", "withheld", "withstood", "underwent", "undergone", "arisen", "awoke", "knelt", "misled",
    "overheard", "overran", "rebuilt", "rewrote", "strove", "swam", "swum", "shone", "shrank", "shrunk",
    "slain", "slew", "stank", "sewn", "sown", "begot", "beaten", "bitten", "withdrawn", "drawn", "blown",
    "flown", "shown", "stricken", "mistaken", "retook", "ridden", "woven", "wove", "befell", "beheld",
    "outgrew", "overthrown", "drank", "drunk", "undid", "undone", "wrung", "spat", "retold", "resold",
}
_NOT_VERB = {"the", "a", "an", "of", "in", "on", "at", "for", "to", "from", "by", "with", "and",
             "or", "but", "that", "which", "who", "as", "its", "their", "his", "her", "this",
             "these", "those", "such", "some", "many", "most", "all", "not", "only", "more"}
# "-ly" words that are no adverbs: adjectives ("is likely to come") and verbs ("to rely on").
_ADVERB = re.compile(r"^(?:(?!(?:un)?likely$|early$|daily$|weekly$|monthly$|quarterly$|yearly$|friendly$|elderly$|"
                     r"costly$|deadly$|holy$|family$|rally$|ally$|supply$|apply$|reply$|rely$|fly$|comply$|"
                     r"multiply$|imply$|belly$|bully$|july$|italy$)\w+ly|not|also|still|already|now|then|just|never|reportedly|recently|soon|once|often|"
                     r"ever|always|again|perhaps|twice|almost|seldom|sometimes|indeed|thus)$")
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "such", "some", "any"}
# Hedges and fillers; negation stays ("should not stop" must not read "should stop").
_DROP_IN_LABEL = {"the", "a", "an", "that", "only", "also", "allegedly", "reportedly", "reputedly",
                  "purportedly", "apparently", "recently", "currently", "which", "who", "just", "even"}
_NEGATION = {"not", "never", "no"} | _NEGATED_AUX
# Adverbs of a verb group that change what happened ("will almost double" is not "will double").
_DEGREE = {"almost", "nearly", "barely", "hardly", "scarcely", "seldom", "rarely", "partly", "partially"}
_SPEECH = {"said", "says", "say", "told", "stated", "announced", "added", "claimed", "confirmed", "reported",
           "show", "shows", "showed"}
# Bodies that speak of themselves as "it" ("the company said it would ...").
_BODY_NOUNS = {"company", "firm", "group", "bank", "government", "ministry", "agency", "court", "committee", "board",
               "union", "party", "council", "department", "army", "navy", "commission", "administration", "unit",
               "concern", "maker", "airline", "embassy", "organization", "network", "team"}
# Verbs of telling read through only before "that" ("insisted that the army had withdrawn").
_SPEECH_THAT = {"insisted", "noted", "acknowledged", "admitted", "declared", "disclosed", "revealed", "warned",
                "argued", "asserted", "alleged", "testified", "explained", "indicated", "told"}
_PRONOUN_SUBJECT = {"it", "he", "she", "they", "we"}
# Present-tense verbs that take "to" + verb: found by that shape, since they carry no -ed or -s.
_MODALS = {"will", "would", "may", "might", "can", "could", "should", "must", "shall"}
_CONTROL = {"need", "want", "plan", "seek", "continue", "refuse", "agree", "hope", "intend", "try", "fail",
            "threaten", "vow", "pledge", "promise", "decide", "appear", "seem", "tend", "endeavor",
            "endeavour", "aim", "expect", "prefer", "wish", "struggle", "claim", "have", "begin", "start"}
_WANT_OBJECT_TO = {"want", "need", "expect", "urge", "ask", "order", "allow", "force", "help", "tell", "get"}
_NAMING = {"known", "called", "dubbed", "nicknamed", "styled", "named"}
_LEAD_CONJUNCTIONS = {"but", "and", "yet", "so", "or", "still", "now", "then", "also"}
_HARD_CAP = 10
# Words a label never ends on.
_DANGLING = {"of", "in", "on", "at", "for", "from", "with", "by", "to", "and", "or", "but", "as",
             "into", "about", "under", "over", "than", "its", "their", "his", "her", "this", "these", "our",
             "my", "your", "whose",
             "without", "against", "after", "before", "during", "since", "through", "via", "per", "between",
             "among", "within", "near", "until", "toward", "towards", "across", "throughout", "upon", "onto",
             "inside", "beyond"}
_PREPS = {"of", "in", "on", "at", "for", "from", "with", "by", "about", "under", "into", "over", "between",
          "among", "against", "inside", "within", "near", "during", "through", "throughout", "across", "toward",
          "towards", "via", "onto", "upon", "around", "beyond"}
_STOP_OBJECT = {"on", "in", "at", "after", "before", "during", "since", "until", "while", "when",
                "because", "as", "where", "including", "involving", "amid", "despite", "within", "although"}
_STOP_OBJECT_OF = _STOP_OBJECT | {"of", "for", "to"}    # made once: a label asks for every word


@dataclass(slots=True)
class Clause:
    subject: tuple[int, int]       # char spans, absolute
    verb: tuple[int, int]
    object: tuple[int, int]
    passive: bool
    by_agent: Optional[tuple[int, int]]   # "by X" span in a passive clause
    label: str
    speaker: Optional[tuple[int, int]] = None   # "X said ...": X's span when the label reads through


# Four-letter past forms the length rule would miss ("need", "seed", "aged" are not among them).
_SHORT_PAST = {"used", "owed", "died", "tied", "lied", "bred", "bled", "sped", "eyed", "axed", "iced", "sued", "hoed"}


def _is_past(w: str) -> bool:
    return (len(w) > 4 and w.endswith("ed")) or w in _IRREGULAR or w in _SHORT_PAST


_LEAD_WORDS = {"according", "in", "on", "at", "after", "before", "during", "despite", "since",
               "following", "unlike", "under", "with", "while", "although", "as", "last", "earlier",
               "later", "meanwhile", "by", "for", "from", "if", "when", "once", "amid", "given",
               "through", "at", "with", "without", "like", "among", "within", "across", "against",
               "besides", "because", "now", "still", "instead", "however", "nevertheless", "moreover",
               "over", "throughout", "until", "upon"}


# Opening quotes and a sentence-initial conjunction stand before a lead ("But while ...,").
_OPENERS = {"`", "``", "\"", "'", "“", "‘"}
# "..., they note, the Iraqi leader made ...": a short reporting aside before the clause.
_ASIDE_VERBS = {"note", "notes", "noted", "say", "says", "said", "argue", "argues", "argued", "add", "adds",
                "added", "believe", "believes", "think", "thinks", "insist", "insists", "contend", "contends",
                "warn", "warns", "warned", "recall", "recalls", "recalled", "admit", "admits", "admitted"}


def _lead_end(toks: list[Token], k0: int = 0) -> int:
    """Index after leading adverbials ("Officially,", "According to X,", "In 2005,"), repeatedly."""
    while True:
        if k0 >= len(toks) - 1:
            return k0     # "Yesterday," closing the text: nothing after the lead
        start = k0
        while k0 < len(toks) - 1 and (toks[k0].text in _OPENERS or toks[k0].text.lower() in _LEAD_CONJUNCTIONS
                                      and toks[k0 + 1].text.lower() in _LEAD_WORDS):
            k0 += 1
        if k0 > start and toks[k0].text.lower() not in _LEAD_WORDS:
            return k0
        # A lead word ("Despite", "According to") may open a long phrase before its comma, and so
        # may a participle ("Reviewing the company's scrape with disaster, Mr. Price conceded").
        lead = toks[k0].text.lower() in _LEAD_WORDS or _participle_lead(toks, k0)
        reach = 26 if lead else 14
        for k in range(k0, min(len(toks), k0 + reach)):
            if lead and toks[k].text.lower() in _AUX and toks[k0].text.lower() not in _LEAD_WORDS:
                return k0   # "Leading the gains ... was its segment": the participle phrase is the subject
            if toks[k].text == ",":
                at_least = toks[k0].text.lower() == "at" and k0 + 1 < len(toks) and \
                    toks[k0 + 1].text.lower() in ("least", "most")
                aside = k <= k0 + 3 and any(t.text.lower() in _ASIDE_VERBS for t in toks[k0 + 1:k])
                if k == k0 + 1 or aside or lead and not at_least:
                    k0 = k + 1
                    break
                return k0
            if toks[k].text in (".", ";", ":"):
                return k0
        else:
            return k0


def _present_verb(toks: list[Token], k: int, w: str) -> bool:
    """A verb of saying or showing in the present ("records show", "officials say that"): a plural
    noun before the plain form, and a clause, a determiner or a name after it."""
    b = k - 1
    while b > 0 and _ADVERB.match(toks[b].text.lower()):
        b -= 1      # "Americans also believe"
    prev, nxt = toks[b].text, toks[k + 1]
    if not w.endswith("s"):
        plural = prev.endswith("s") and not prev.endswith(("ss", "us", "is", "'s", "’s")) \
            or prev.lower() in ("they", "we", "people", "police")
        if not plural:
            return False
    return nxt.text.lower() in ("that",) + tuple(_DETERMINERS) or nxt.is_cap and nxt.is_word


def _participle_lead(toks: list[Token], k: int) -> bool:
    """"Reviewing the company's scrape ...,", "Depending upon how many ...,": a capitalised "-ing"
    word opening a phrase (a determiner or a preposition follows), not a noun ("Banking stocks")."""
    w = toks[k].text
    return (w[:1].isupper() and w.lower().endswith("ing") and len(w) > 5 and k + 1 < len(toks)
            and (toks[k + 1].text.lower() in _DETERMINERS or toks[k + 1].text.lower() in _AFTER_PREPOSITION
                 or toks[k + 1].text.lower() in ("upon", "to", "how", "what", "that", "it", "them", "him", "her")))


_ADJECTIVE_END = ("al", "ic", "ive", "ous", "ful", "ent", "ant", "ary", "ern")


def _adjectival(toks: list[Token], k: int, w: str) -> bool:
    """"ten organized criminal groups": an -ed word after a number or before an adjective
    describes the noun that follows; it is not the clause's verb."""
    if not w.endswith("ed"):
        return False
    prev = toks[k - 1].text if k > 0 else ""
    nxt = toks[k + 1].text if k + 1 < len(toks) else ""
    return prev[:1].isdigit() or prev.lower() in _NUMBER_WORDS or prev.lower() in _AFTER_PREPOSITION or (
        nxt[:1].islower() and nxt.lower().endswith(_ADJECTIVE_END) and nxt.lower() not in _NOT_VERB)


_AFTER_PREPOSITION = {"by", "of", "in", "on", "at", "for", "from", "with", "between", "among", "against",
                      "into", "about", "over", "under", "through", "without"}
_NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens",
                 "hundreds", "thousands", "several", "many", "few", "some"}


def _covered_starts(toks: list[Token], spans) -> set[int]:
    """Starts of the tokens lying wholly inside one of ``spans``: one sorted sweep, so a
    sentence with thousands of dates or names costs no more than its length."""
    out: set[int] = set()
    if not spans or not toks:
        return out
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach = []            # the furthest end among spans starting at or before each span
    best = -1
    for s, e in spans:
        best = max(best, e)
        reach.append(best)
    # Only tokens from the first span's start to the last end can be inside one (tokens are
    # (start, end, text) tuples in text order, so bisection finds the first).
    for t in toks[bisect_left(toks, (spans[0][0],)):]:
        if t.start >= best:
            break
        i = bisect_right(starts, t.start) - 1
        if i >= 0 and reach[i] >= t.end:
            # some span starting at or before t reaches past it; check the ones that could
            j = i
            while j >= 0 and reach[j] >= t.end:
                if spans[j][1] >= t.end:
                    out.add(t.start)
                    break
                j -= 1
    return out


def read_clause(text: str, toks: list[Token], protected: list[tuple[int, int]],
                skip: list[tuple[int, int]], persons: tuple = ()) -> Optional[Clause]:
    """The main clause of the tokens ``toks`` (a sentence or part of one, from the annotated
    document). ``protected``: name spans (never verbs); ``skip``: spans left out of the label
    (dates, citations); ``persons``: the protected spans that name people (to match "he" to
    its speaker)."""
    if not toks:
        return None
    end = toks[-1].end

    covered = {id(protected): _covered_starts(toks, protected), id(skip): _covered_starts(toks, skip)}

    def inside(t: Token, spans) -> bool:
        return t.start in covered[id(spans)]

    k0 = _lead_end(toks)
    if k0 >= len(toks):
        return None
    vi = None
    depth = 0
    relative = False
    for k in range(k0, len(toks)):
        t = toks[k]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        # ", whose party lost its majority," is about the subject; the main verb comes after it.
        if t.text.lower() in ("who", "whose", "which") and k > k0 and toks[k - 1].text == ",":
            relative = True
            continue
        if relative:
            relative = t.text != ","
            continue
        w = t.text.lower()
        prev = toks[k - 1].text.lower() if k > 0 else ""
        if w in ("'s", "’s") and k > k0 and prev in _PRONOUN_SUBJECT | {"that", "there", "what", "here"} and not depth:
            vi = k      # "It's going to be": the "'s" after a pronoun is "is"
            break
        if depth or inside(t, protected) or not t.is_lower:
            continue
        if w in _NOT_VERB:
            continue
        if w in _NAMING and prev not in _AUX and k + 1 < len(toks) and toks[k + 1].text.lower() in ("as", "by"):
            continue    # "the army, known as FARDC, said": an apposition, not the main verb
        if w in _AUX:
            vi = k
            break
        if w in _THAT_HEADS and k > k0 + 1 and k + 1 < len(toks) and prev not in _DETERMINERS \
                and prev not in _AFTER_PREPOSITION and prev not in ("to", "'s", "’s") and _present_verb(toks, k, w):
            vi = k       # "Florida state records show Lazaro Gonzalez ...", "announcements suggest that"
            break
        if w in _CONTROL and k > k0 and k + 2 < len(toks) and toks[k + 1].text.lower() == "to" \
                and toks[k + 2].is_lower and prev not in _DETERMINERS:
            vi = k       # "these examples need to be addressed", "NGOs endeavor to expose"
            break
        if w in _WANT_OBJECT_TO and k > k0 and prev not in _DETERMINERS and k + 1 < len(toks) \
                and (toks[k + 1].text.lower() in _DETERMINERS or toks[k + 1].is_cap) \
                and any(t.text.lower() == "to" for t in toks[k + 2:k + 6]):
            vi = k       # "the relatives want the court to let them meet"
            break
        if _is_past(w) and prev not in _DETERMINERS and not _adjectival(toks, k, w):
            # "-ed" right before a noun within a subject ("organized groups") is an adjective,
            # unless it follows a name or a noun phrase; take it when something precedes it.
            if k > k0:
                vi = k
                break
        if k > k0 and w.endswith("s") and not w.endswith(("ss", "ous", "ics", "is", "us")) and len(w) > 3:
            b = k - 1
            while b > k0 and (toks[b].text == "," or _ADVERB.match(toks[b].text.lower())):
                b -= 1
            if inside(toks[k - 1], protected) or (b < k - 1 and _ADVERB.match(toks[k - 1].text.lower() if toks[k - 1].text != "," else toks[k - 2].text.lower())):
                vi = k
                break
    if vi is None:
        return None
    # Verb group: auxiliaries and adverbs up to the content verb.
    vj = vi
    passive = False
    saw_be = toks[vi].text.lower() in _AUX_BE
    while vj + 1 < len(toks):
        nxt = toks[vj + 1].text.lower()
        if nxt in _AUX or _ADVERB.match(nxt) and not _is_past(nxt):
            saw_be = saw_be or nxt in _AUX_BE
            vj += 1
            continue
        if _is_past(nxt) or nxt.endswith("ing"):
            vj += 1
            passive = saw_be and _is_past(nxt)
        break
    if vj == vi and toks[vi].text.lower() in _AUX:
        passive = False
    # Object: up to a clause break or a preposition that opens an adjunct.
    oj = vj + 1
    while oj < len(toks):
        t = toks[oj]
        low = t.text.lower()
        prev = toks[oj - 1].text.lower()
        # "as much as 15%", "as many as 40": a measure, not an "as" clause
        measure = ("much", "many", "few", "little", "well")
        naming_as = low == "as" and (prev in _NAMING or oj + 2 < len(toks) and toks[oj + 2].text.lower() == "as"
                                     and toks[oj + 1].text.lower() in measure
                                     or prev in measure and oj > 1 and toks[oj - 2].text.lower() == "as")
        if low == "but" and prev not in ("all", "nothing", "anything", "everything"):
            break       # "INS acted appropriately but now ...": the next clause
        # "could be in the gulf region", "known to be in custody": after a copula the place is
        # its complement, not an adjunct.
        if t.text in (",", ";", ":", "(", ".", "—", "–") or (low in _STOP_OBJECT and oj > vj + 1
                                                             and not naming_as and prev not in _COPULA):
            break
        if t.is_lower and (oj > vj + 2 and _participle(toks, oj) or oj > vj + 1 and low in ("which", "who")
                           or oj > vj + 2 and low == "that" and _after_noun(toks, oj, lambda x: inside(x, skip))):
            break   # "a complaint by X alleging fraud", "a team that is investigating": the object ends
        oj += 1
    subj = (toks[k0].start, toks[vi - 1].end) if vi > k0 else (toks[vi].start, toks[vi].start)
    verb = (toks[vi].start, toks[vj].end)
    obj = (toks[vj + 1].start, toks[oj - 1].end) if oj > vj + 1 else (toks[vj].end, toks[vj].end)
    by_agent = None
    if passive:
        m = re.search(r"\bby\s+", text[verb[1]:end])
        if m:
            by_agent = (verb[1] + m.end(), end)
    subject_w, verb_w, obj_w = _label(text, toks, k0, vi, vj, oj, protected, skip, passive)
    speaker = None
    said_verb = toks[vj].text.lower()
    if (said_verb in _SPEECH or said_verb in _SPEECH_THAT) and not passive and subject_w:
        # "X said on Tuesday it had agreed to buy Y": what X said it did is the happening.
        k = vj + 1
        that = False
        if said_verb == "told":
            # "told reporters that she was willing": what was told follows the hearer.
            k = next((j for j in range(vj + 1, min(len(toks), vj + 6)) if toks[j].text.lower() == "that"
                      and all(t.is_word for t in toks[vj + 1:j])), k)
        while k < len(toks) and (toks[k].text.lower() in ("that", "on", "in", "late", "early")
                                 or inside(toks[k], skip)):
            that = that or toks[k].text.lower() == "that"
            k += 1
        lo, hi = toks[k0].start, toks[vi - 1].end if vi > k0 else toks[k0].start
        head = min(((s, e) for s, e in protected if lo <= s and e <= hi), default=None)
        pron = toks[k].text.lower() if k < len(toks) else ""
        # Only when the pronoun can be the speaker: "Berger said he would", "the firm said it had".
        same = head is not None and ((pron in ("he", "she")) == (head in persons)) and pron in ("he", "she", "it")
        if k + 1 < len(toks) and toks[k + 1].text.lower() in ("and", "or"):
            same = False    # "she said she and other family members had spoken": not her alone
        elif head is None and subject_w:
            # "They said they would appeal", "Officials said they had", "The company said it would".
            last = subject_w[-1].lower()
            same = [w.lower() for w in subject_w] == [pron] or pron == "they" and (
                last.endswith("s") and not last.endswith("ss") or last in ("police", "people")) \
                or pron == "it" and last in _BODY_NOUNS
        comp = read_clause(text, toks[k:], protected, skip, persons) if k < len(toks) else None
        if same:
            if comp is not None and comp.label:
                said = comp.label.split()
                if said and said[0].lower() in _PRONOUN_SUBJECT:
                    said = said[1:]
                if said:
                    verb_w, obj_w = said, []
                    speaker = subj
        elif comp is not None and comp.label and comp.subject[0] < comp.subject[1] \
                and pron not in _PRONOUN_SUBJECT and (that or said_verb not in _SPEECH_THAT and said_verb != "told"
                                                      and (toks[k].is_cap or pron in _DETERMINERS)) \
                and (not said_verb.startswith("show") or _shown_clause(text[comp.subject[0]:comp.subject[1]])):
            # "Police said the suspect fled": the suspect's flight is the happening, told by the police
            # ("state television showed the exiles in the streets of Miami -- ... chanted": a subject
            # that long is no subject, what was shown is a thing).
            return Clause(comp.subject, comp.verb, comp.object, comp.passive, comp.by_agent, comp.label, subj)
    cleft = _cleft(text, toks, k0, vi, vj, oj, protected, skip, persons, subject_w, verb_w)
    if cleft is not None:
        return Clause(subj, verb, obj, passive, by_agent, cleft, speaker)
    label = _tidy(subject_w, verb_w, obj_w, toks, protected, vi > 0 and toks[vi - 1].text.lower() == "to")
    return Clause(subj, verb, obj, passive, by_agent, label, speaker)


def _shown_clause(subject: str) -> bool:
    """"The figures showed the unemployment rate for adult men declined": what was shown is a clause
    when its subject is a short noun phrase; "showed some resilience after support firmed" or
    "showed the exiles in the streets of Miami -- ... chanted" show a thing."""
    words = subject.lower().split()
    return len(words) <= 8 and not any(w in _STOP_OBJECT or not w[:1].isalnum() for w in words)


def _cleft(text, toks, k0, vi, vj, oj, protected, skip, persons, subject_w, verb_w) -> Optional[str]:
    """"It's the same Washington that ignored big challenges", "It was the INS that decided":
    the happening is the relative clause, told of the noun before it ("Washington ignored big
    challenges"); "It is clear that the talks failed": the clause after "that"."""
    if [w.lower() for w in subject_w] not in (["it"], ["this"], ["that"]) or len(verb_w) != 1 \
            or verb_w[0].lower() not in _COPULA:
        return None
    th = next((k for k in range(vj + 2, min(oj + 1, vj + 7, len(toks) - 1))
               if toks[k].text.lower() in ("that", "who", "which")), None)
    if th is None:
        return None
    if toks[th].text.lower() == "that" and toks[vj + 1].text.lower() not in _DETERMINERS:
        # "It is bad enough that conservatives are working ...", "It's possible that New York
        # politics has never seen ...": the clause after "that" is what is told.
        said = read_clause(text, toks[th + 1:], protected, skip, persons)
        if said is not None and said.label and said.subject[0] < said.subject[1]:
            return said.label
    if not toks[th + 1].is_lower or toks[th + 1].text.lower() in _PRONOUN_SUBJECT | _DETERMINERS | {"i", "you", "we"}:
        return None     # "It's a thing that we ...": the noun is the object of the clause, not its subject
    # The noun, then the relative clause without its "that", read as one clause.
    rest = read_clause(text, toks[vj + 1:th] + toks[th + 1:], protected, skip, persons)
    if rest is None or not rest.label or rest.verb[0] < toks[th].start:
        return None
    return rest.label


_COPULA = {"be", "is", "are", "was", "were", "been", "am"}
# Verbs a "that" clause follows as their complement ("to suggest that", "he says that"); the same
# words after a determiner are nouns ("a newspaper report that ...").
_THAT_HEADS = set("""say says think thinks believe believes know knows suggest suggests show shows mean means
ensure ensures insist insists argue argues claim claims deny denies warn warns hope hopes fear fears feel
feels find finds learn learns realize realizes agree agrees decide decides note notes add adds acknowledge
acknowledges admit admits announce announces assert asserts indicate indicates predict predicts expect
expects hear hears see sees prove proves confirm confirms estimate estimates allege alleges declare declares
demand demands require requires recommend recommends propose proposes report reports reveal reveals stress
stresses ask asks maintain maintains contend contends recall recalls emphasize emphasizes understand
understands provide provides rule rules order orders promise promises guarantee guarantees assume assumes
conclude concludes""".split())


def _participle(toks: list[Token], k: int) -> bool:
    """"a complaint by X alleging fraud": an "-ing" word after a finished noun phrase opens a
    participle clause. Not a participle: the verb of a progressive ("was undermining"), its
    coordinate ("investigating and prosecuting"), a noun that names a happening ("the Birmingham
    bombing"), a noun after a determiner or a single modifier, a gerund after a preposition."""
    w = toks[k].text.lower()
    if not (w.endswith("ing") and len(w) > 5) or w in EVENT_NOUNS:
        return False
    b = k - 1
    while b > 0 and _ADVERB.match(toks[b].text.lower()):
        b -= 1
    prev = toks[b].text.lower()
    if prev in _COPULA or prev in _DETERMINERS or prev in ("'s", "’s") or prev in _AFTER_PREPOSITION:
        return False
    if prev in ("and", "or") and b > 0 and toks[b - 1].text.lower().endswith("ing"):
        return False
    return not (b > 0 and toks[b - 1].text.lower() in _DETERMINERS | {"that"} and toks[b].is_word)


_TELL = {"tell", "tells", "told", "telling", "assure", "assured", "assures", "inform", "informed", "informs",
         "remind", "reminded", "reminds", "warn", "warned", "warns", "convince", "convinced", "persuade",
         "persuaded", "notify", "notified", "show", "showed", "shown", "teach", "taught"}


def _after_noun(toks: list[Token], k: int, skipped) -> bool:
    """"that" at ``k`` follows a noun (a relative clause or a noun's complement), not a verb
    ("ruled last month that": a skipped date in between does not count; "told Americans that":
    the hearer of a telling verb is no noun the clause belongs to)."""
    j = k - 1
    while j > 0 and (skipped(toks[j]) or toks[j].text in ("''", "\"", "”", "’", "'")):
        j -= 1      # "no question'' that": the quote does not hide the noun
    prev = toks[j].text.lower()
    if not toks[j].is_word or _is_past(prev) or prev in _AUX:
        return False
    if any(t.text.lower() in _TELL | {"so", "such"} for t in toks[max(0, j - 3):j + 1]):
        return False    # "told Americans that", "so great that it can justify": no relative clause
    before = toks[j - 1].text.lower() if j > 0 else ""
    return prev not in _THAT_HEADS or before in _DETERMINERS or before[:1].isalpha() and before not in (
        {"to"} | _AUX | _PRONOUN_SUBJECT | {"i", "you", "they", "we", "who"}) and not _ADVERB.match(before)


def _label(text, toks, k0, vi, vj, oj, protected, skip, passive) -> str:
    next_tok = dict(zip([t.start for t in toks], toks[1:]))

    skipped = _covered_starts(toks, skip)

    def in_skip(t) -> bool:
        return t.start in skipped

    def words(a: int, b: int, limit: int) -> list[str]:
        out: list[str] = []
        kept: list = []
        pending_currency = [""]
        depth = 0
        for t in toks[a:b]:
            if t.text == "(":
                depth += 1
                continue
            if t.text == ")":
                depth = max(0, depth - 1)
                continue
            if depth or in_skip(t):
                continue
            if t.text == "%":
                if out and kept and kept[-1].end == t.start:
                    out[-1] += "%"          # "3.1%": the figure keeps its unit
                continue
            if t.text in ("$", "£", "€"):
                nxt = next_tok.get(t.start)
                if nxt is not None and nxt.text[:1].isdigit() and not in_skip(nxt):
                    pending_currency[0] = t.text
                continue
            if not t.is_word or t.text.lower() in _DROP_IN_LABEL and not (
                    kept and kept[-1].text.lower() in _NEGATION and t.text.lower() in ("just", "only", "even")) \
                    and not (t.text == "A" and kept and t.start - kept[-1].end == 1):
                continue    # but "don't just arrive" is not "don't arrive"; "type A influenza", "Class A
                #            shares": a capital A right after a word is a category letter, not an article
            if pending_currency[0] and t.text[:1].isdigit():
                out.append(pending_currency[0] + t.text)
                pending_currency[0] = ""
                kept.append(t)
                continue
            nxt = next_tok.get(t.start)
            if t.text.lower() == "not" and nxt is not None and nxt.text.lower() in ("only", "least", "just"):
                continue    # "not only X" is emphasis, not negation
            if t.text.lower() in _STOP_OBJECT_OF and (nxt is None or in_skip(nxt)):
                continue
            out.append(t.text)
            kept.append(t)
            if len(out) > limit + 12:
                break       # enough to cut at the limit and finish a name that is open there
        if len(out) > limit:
            # Cut after the limit, but never inside a name: finish the name that is open.
            cut_tok = kept[limit - 1]
            for ps, pe in protected:
                if ps <= cut_tok.start < pe:
                    extra = [t.text for t in kept[limit:] if t.end <= pe]
                    return out[:limit] + extra
        return out[:limit]

    # Subject without its prepositional tail: "a new twist in these activities" -> "new twist".
    cut = next((k for k in range(k0 + 1, vi) if toks[k].text.lower() in _PREPS or toks[k].text == ","), vi)
    # An English noun phrase ends on its head: keep the last words ("ten organized criminal groups"),
    # unless it holds a name, which is kept from its start ("Bank of America Corp.").
    subject = _subject_words(text, toks, k0, vi, protected)
    if not subject:
        sw = words(k0, cut, 40)
        subject = sw[:4] if any(w[:1].isupper() for w in sw[1:]) else sw[-4:]
        if not subject and vi == k0 + 1 and toks[k0].text.lower() in ("that", "this", "which", "what"):
            subject = [toks[k0].text]     # "That's not the best interest of the child"
    # A modal keeps its meaning ("would have chosen" is not "chose"); other auxiliaries go.
    # "It's going": the "'s" of a pronoun is "is" ("has" before "been").
    group = [t.text if t.text not in ("'s", "’s") else "has" if k < vj and toks[k + 1].text.lower() == "been" else "is"
             for k, t in enumerate(toks[vi:vj + 1], vi)]
    modal = next((k for k, t in enumerate(group) if t.lower() in _MODALS or t.lower() in _NEGATED_MODALS), None)
    if modal is not None:
        verb = [t for t in group[modal:] if t.lower() in _NEGATION | _DEGREE or not _ADVERB.match(t.lower())]
    else:
        # "had withdrawn", "has taken": a participle alone would read as a passive, so its "had" stays.
        perfect = group[-1].lower().endswith(("n", "ne")) and group[-1].lower() not in _AUX \
            and not any(t.lower() in _AUX_BE for t in group)
        verb = [t for i, t in enumerate(group) if t.lower() in _NEGATION | _DEGREE
                or perfect and t.lower() in ("has", "have", "had")
                or t.lower() not in _AUX and not _ADVERB.match(t.lower())
                or i and group[i - 1].lower() in _NEGATION and t.lower() in ("just", "only", "even")]
    if not verb or all(w.lower() in _NEGATION for w in verb):
        # Only auxiliaries: the copula is the verb ("may be the result", "is").
        verb = [t for t in group if not _ADVERB.match(t.lower()) or t.lower() in _NEGATION] or [group[0]]
    # Room for the object up to the label's length: "believed to have the ability to deliver
    # chemical weapons" is not cut after "ability".
    room = min(8, max(6, _HARD_CAP - len(subject) - len(verb)))
    obj = words(vj + 1, oj, room)
    longer = words(vj + 1, oj, room + 3)
    if len(longer) > len(obj):
        obj = _fit(longer, verb, room)
    elif oj < len(toks) and toks[oj].text == "," and obj and obj[-1][:1].islower() \
            and obj[-1].lower().endswith(_ADJECTIVE_END + ("ive",)):
        obj = _whole_phrases(obj)   # "makers of expensive, high-quality gear": the phrase goes on after the comma
    return subject, verb, obj


_PHRASE_OPENERS = _PREPS | {"to", "by", "and", "or"}


def _fit(obj: list[str], verb: list[str], room: int) -> list[str]:
    """``obj`` cut to about ``room`` words at a phrase's end: the phrase open at the limit is
    finished when it ends within two words ("could be in the gulf region"), else dropped."""
    if len(obj) <= room + 2 and not _ends_badly(obj):
        return obj      # callers pass at most room + 3 words: shorter is the whole phrase
    allowed = set(_cut_points(list(verb), obj))
    for i in range(room, min(len(obj), room + 3)):
        w = obj[i].lower()
        if w in _PHRASE_OPENERS and ((w not in _PREPS and w != "to") or i in allowed) and _cut_ok(obj, i):
            return obj[:i]
    return _whole_phrases(obj[:room], verb)


# Last words of the names of bodies ("Immigration and Naturalization Service").
_BODY_HEADS = {"Service", "Commission", "Committee", "Department", "Association", "Administration", "Bureau",
               "Council", "Exchange", "Corp.", "Co.", "Inc.", "Agency", "Institute", "Organization", "Party",
               "Union", "Board", "Authority", "Foundation", "Federation", "Ministry", "Office"}
# Nouns that follow "to" bare ("sentenced to death"); any other lowercase word there is a verb.
_TO_NOUNS = {"death", "power", "court", "prison", "jail", "office", "work", "school", "safety", "trial", "bed",
             "life", "date", "market", "light", "sea", "land", "war", "peace", "justice", "order", "home"}


def _cut_ok(words: list[str], i: int) -> bool:
    """Whether a label may end before ``words[i]``: not where what is left dangles, not inside a
    name ("to Reno and Immigration | and Naturalization Service"), not after an infinitive's bare
    verb ("time to review | a supplement")."""
    if _ends_badly(words[:i]):
        return False
    if words[i].lower() in ("of", "&", "for", "de") and words[i - 1][:1].isupper() \
            and i + 1 < len(words) and words[i + 1][:1].isupper():
        return False
    if words[i].lower() == "and" and words[i - 1][:1].isupper() and any(
            w in _BODY_HEADS for w in words[i + 1:i + 4]):
        return False    # "Securities and Exchange Commission": one name; "Harrison and Mark Adley": two
    return not (i >= 2 and words[i - 2].lower() == "to" and words[i - 1][:1].islower()
                and words[i - 1].lower() not in _TO_NOUNS)


def _whole_phrases(words: list[str], verb: list[str] = ()) -> list[str]:
    """A label cut for length ends before its last, unfinished prepositional phrase:
    "rescued off coast of Florida by two" -> "rescued off coast of Florida", but never where
    what is left dangles ("could be" before "in the gulf", "to try" before "to work out") nor
    between a verb's object and the infinitive it needs ("wants the court | to suspend")."""
    allowed = set(_cut_points(list(verb), words))
    for i in range(len(words) - 1, 0, -1):
        w = words[i].lower()
        if (w in _PREPS or w == "to") and i not in allowed:
            continue
        if w in _PHRASE_OPENERS and _cut_ok(words, i):
            return words[:i]
    return words


# Words after which a label is unfinished: an auxiliary wants its verb, a complementizer its clause.
_UNFINISHED = _AUX | {"am", "that", "what", "whether", "if", "how", "than", "because", "so", "not"}


def _control_form(w: str) -> bool:
    """``w`` is a form of a verb that takes "to" + verb ("hopes", "tried", "planned", "wanting")."""
    return w in _CONTROL or any(w.endswith(end) and (w[:-len(end)] + add) in _CONTROL for end, add in (
        ("s", ""), ("ed", ""), ("d", ""), ("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ned", ""),
        ("ning", "")))


def _ends_badly(words: list[str]) -> bool:
    """A label ending here is cut mid-phrase: on a preposition, an auxiliary ("team is"), a
    complementizer, or a verb that wants its infinitive ("to try", "to simply")."""
    if not words:
        return True
    last = words[-1].lower()
    if last in _AUX_BE and len(words) > 2 and words[-2].lower() in _PRONOUN_SUBJECT | {"i", "you", "they", "we"} \
            and words[-3].lower() in ("what", "where", "how", "who", "whether", "if"):
        return False    # "specify what it was" is finished
    return last in _DANGLING or last in _UNFINISHED or (
        len(words) > 1 and words[-2].lower() == "to" and (last in _CONTROL or _ADVERB.match(last) is not None))


# Nouns and adjectives whose sense needs the infinitive after them.
_TAKES_INFINITIVE = {"ability", "likely", "unlikely", "able", "unable", "ready", "willing", "plan", "plans",
                     "decision", "right", "attempt", "attempts", "effort", "efforts", "bid", "move", "order",
                     "agreement", "deal", "offer", "willingness", "refusal", "failure", "chance", "power",
                     "authority", "permission", "intention", "promise", "threat", "pledge", "vote", "call",
                     "proposal", "request", "demand", "need", "time", "expected", "set", "due",
                     "yet", "about", "going", "used", "ought", "have", "has", "had", "got", "enough"}


# Verbs whose object goes on with an infinitive that carries the meaning ("wants the court to suspend
# the injunction", "urged people to be alert"): the "to" after their object is no place to cut.
_OBJECT_CONTROL = re.compile(r"^(?:want|urg|ask|order|forc|allow|persuad|tell|told|expect|need|permit|encourag|"
                             r"invit|requir|call|instruct|press|compel|lead|led|help|enabl|caus|get|got|"
                             r"advis|warn|convinc|authoriz|direct|use[ds]?$|using)")


def _cut_points(verb: list[str], obj: list[str]) -> list[int]:
    """Where the object may be cut for length: before a preposition that opens an adjunct, or before
    "to" unless the word before it needs the infinitive, the verb takes object + infinitive, or it
    joins two figures ("15% to 20%"). Never right after a copula ("could be | in the gulf")."""
    control = bool(verb) and bool(_OBJECT_CONTROL.match(verb[-1].lower()))
    copula = bool(verb) and verb[-1].lower() in _COPULA
    out = []
    for n in range(1, len(obj)):
        w, before = obj[n].lower(), obj[n - 1].lower()
        if before in _COPULA or copula and n <= 2:
            continue    # "is subject | to approval", "is our outlet | to the sea"
        if w == "to" and _control_form(before):
            continue    # "it hopes | to control 5%", "it had tried | to do too much"
        if w in _PREPS:
            out.append(n)
        elif w == "to" and before not in _TAKES_INFINITIVE and not control and not (
                before[:1] in "$£€0123456789" and n + 1 < len(obj) and obj[n + 1][:1] in "$£€0123456789"):
            out.append(n)
    return [n for n in out if _cut_ok(obj, n)]


def _tidy(subject: list[str], verb: list[str], obj: list[str], toks, protected, verb_to: bool = False) -> str:
    """At most about eight words, never ending on a preposition, a determiner or an auxiliary.
    ``verb_to``: the verb follows "to" ("He looks to be"), which then stays."""
    while obj and _ends_badly(obj) and not (len(obj) > 1 and obj[-2].lower() == "to" and obj[-1].lower() in _CONTROL):
        obj.pop()
    while subject and subject[0].lower() in _LEAD_CONJUNCTIONS:
        subject = subject[1:]     # "But option growing" -> "option growing"
    while len(subject) > 1 and subject[-1].lower() in _DANGLING and not (subject[-1].lower() == "to" and verb_to):
        subject = subject[:-1]    # "Stealth fighter planes and [the carrier]" -> "Stealth fighter planes"
    words = subject + verb + obj
    if len(words) > 8 and obj:
        # Drop the object's trailing prepositional phrases first: "complaint by X alleging" -> "complaint by X".
        # ... but not an infinitive its noun or adjective needs ("the ability to deliver weapons").
        # The last such phrase that brings the label within length goes, not every one after the first.
        # An "of" phrase completes its noun ("growth of the militia movement"): not cut to leave the noun alone.
        cuts = [n for n in _cut_points(verb, obj) if obj[n].lower() != "of"
                or n > 2 and obj[n - 2].lower() not in ("and", "or")]
        fitting = [n for n in cuts if len(subject) + len(verb) + n <= 8]
        cut = fitting[-1] if fitting else (cuts[0] if cuts else None)
        if cut is not None and len(subject) + len(verb) + cut <= 8:
            rest = obj[cut:]
            keep_pp = len(subject) + len(verb) + len(obj) <= 10 and any(w[:1].isupper() for w in rest)
            obj = obj if keep_pp else obj[:cut]
            words = subject + verb + obj
    if len(words) > _HARD_CAP:
        # Still long (a long title before the name, a long verb chain): cut, then drop what dangles.
        head = len(subject) + len(verb)
        # (A read-through label carries its object in ``verb``: cut that at a phrase's end too.)
        words = words[:head] + _fit(obj, verb, _HARD_CAP - head) if head < _HARD_CAP else \
            subject + _fit(verb, [], max(2, _HARD_CAP - len(subject)))
        while len(words) > 3 and (words[-1].lower() in _DROP_IN_LABEL or _ends_badly(words)):
            words.pop()
    return " ".join(words)


def _subject_words(text, toks, k0, vi, protected) -> list[str]:
    """The subject as its first name mention, if it has one: "Zhaksylyk X, deputy head…, was" -> "Zhaksylyk X"."""
    if vi <= k0:
        return []
    lo, hi = toks[k0].start, toks[vi - 1].end
    names = sorted((s, e) for s, e in protected if lo <= s and e <= hi)
    # A possessive place before the head ("Kazakhstan’s Ministry") is not the subject.
    own = [(s, e) for s, e in names if not re.match(r"['’]s?\s", text[e:e + 3])]
    if not own:
        return []     # "Kazakhstan's principal concerns are": the concerns are the subject, read in full
    names = own
    if not names:
        return []
    s, e = names[0]
    # Only when the name heads the subject, or stands in apposition to it ("A new association, X").
    lead = text[lo:s].strip()
    if len(lead.split()) > 3 and not lead.endswith(",") or lead.split()[-1:] and lead.split()[-1].lower() in _PREPS:
        return []     # "conservatives in Congress": the name sits in the subject's tail
    # "Oslo police arrested", "Kemi Metals shares jumped": the noun after the name heads the subject.
    tail = [w for w in text[e:hi].split() if not _ADVERB.match(w)]    # "FBI chief also said"
    if 0 < len(tail) <= 2 and all(w.isalpha() and w.islower() and w not in _NOT_VERB for w in tail):
        return text[s:e].split() + tail
    return text[s:e].split()
