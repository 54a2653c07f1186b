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

_AUX_BE = {"is", "are", "was", "were", "been", "being", "be"}
_AUX = _AUX_BE | {"has", "have", "had", "will", "would", "may", "might", "can", "could",
                  "should", "must", "did", "does", "do", "shall"}
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
}
_NOT_VERB = {"the", "a", "an", "of", "in", "on", "at", "for", "to", "from", "by", "with", "and",
             "or", "but", "that", "which", "who", "as", "its", "their", "his", "her", "this",
             "these", "those", "such", "some", "many", "most", "all", "not", "only", "more"}
_ADVERB = re.compile(r"^(?:\w+ly|not|also|still|already|now|then|just|never|reportedly|recently|soon|once)$")
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "such", "some", "any"}
# Hedges and fillers; negation stays ("should not stop" must not read "should stop").
_DROP_IN_LABEL = {"the", "a", "an", "that", "only", "also", "allegedly", "reportedly", "reputedly",
                  "purportedly", "apparently", "recently", "currently", "which", "who", "just", "even"}
_NEGATION = {"not", "never", "no"}
_SPEECH = {"said", "says", "told", "stated", "announced", "added", "claimed", "confirmed", "reported"}
_PRONOUN_SUBJECT = {"it", "he", "she", "they", "we"}
# Present-tense verbs that take "to" + verb: found by that shape, since they carry no -ed or -s.
_MODALS = {"will", "would", "may", "might", "can", "could", "should", "must", "shall"}
_CONTROL = {"need", "want", "plan", "seek", "continue", "refuse", "agree", "hope", "intend", "try", "fail",
            "threaten", "vow", "pledge", "promise", "decide", "appear", "seem", "tend", "endeavor",
            "endeavour", "aim", "expect", "prefer", "wish", "struggle", "claim", "have", "begin", "start"}
_NAMING = {"known", "called", "dubbed", "nicknamed", "styled", "named"}
_LEAD_CONJUNCTIONS = {"but", "and", "yet", "so", "or", "still", "now", "then", "also"}
_HARD_CAP = 10
# Words a label never ends on.
_DANGLING = {"of", "in", "on", "at", "for", "from", "with", "by", "to", "and", "or", "but", "as",
             "into", "about", "under", "over", "than", "its", "their", "his", "her", "this", "these",
             "without", "against", "after", "before", "during", "since", "through", "via", "per"}
_PREPS = {"of", "in", "on", "at", "for", "from", "with", "by", "about", "under", "into", "over", "between",
          "among", "against", "inside", "within", "near", "during"}
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
               "besides", "because", "now", "still", "instead", "however", "nevertheless", "moreover"}


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
        # A lead word ("Despite", "According to") may open a long phrase before its comma.
        reach = 26 if toks[k0].text.lower() in _LEAD_WORDS else 14
        for k in range(k0, min(len(toks), k0 + reach)):
            if toks[k].text == ",":
                at_least = toks[k0].text.lower() == "at" and k0 + 1 < len(toks) and \
                    toks[k0 + 1].text.lower() in ("least", "most")
                aside = k <= k0 + 3 and any(t.text.lower() in _ASIDE_VERBS for t in toks[k0 + 1:k])
                if k == k0 + 1 or aside or toks[k0].text.lower() in _LEAD_WORDS and not at_least:
                    k0 = k + 1
                    break
                return k0
            if toks[k].text in (".", ";", ":"):
                return k0
        else:
            return k0


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
        if depth or inside(t, protected) or not t.is_lower:
            continue
        w = t.text.lower()
        if w in _NOT_VERB:
            continue
        prev = toks[k - 1].text.lower() if k > 0 else ""
        if w in _NAMING and prev not in _AUX and k + 1 < len(toks) and toks[k + 1].text.lower() in ("as", "by"):
            continue    # "the army, known as FARDC, said": an apposition, not the main verb
        if w in _AUX:
            vi = k
            break
        if w in _CONTROL and k > k0 and k + 2 < len(toks) and toks[k + 1].text.lower() == "to" \
                and toks[k + 2].is_lower and prev not in _DETERMINERS:
            vi = k       # "these examples need to be addressed", "NGOs endeavor to expose"
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
        naming_as = t.text.lower() == "as" and toks[oj - 1].text.lower() in _NAMING
        if t.text in (",", ";", ":", "(", ".", "—", "–") or (t.text.lower() in _STOP_OBJECT and oj > vj + 1
                                                             and not naming_as):
            break
        if oj > vj + 2 and t.is_lower and (t.text.endswith("ing") and len(t.text) > 5 or t.text in ("which", "who")):
            break   # "a complaint by X alleging fraud": the object ends before the participle
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
    if toks[vj].text.lower() in _SPEECH and not passive and subject_w:
        # "X said on Tuesday it had agreed to buy Y": what X said it did is the happening.
        k = vj + 1
        that = False
        while k < len(toks) and (toks[k].text.lower() in ("that", "on", "in", "late", "early")
                                 or inside(toks[k], skip)):
            that = that or toks[k].text.lower() == "that"
            k += 1
        lo, hi = toks[k0].start, toks[vi - 1].end if vi > k0 else toks[k0].start
        head = min(((s, e) for s, e in protected if lo <= s and e <= hi), default=None)
        pron = toks[k].text.lower() if k < len(toks) else ""
        # Only when the pronoun can be the speaker: "Berger said he would", "the firm said it had".
        same = head is not None and ((pron in ("he", "she")) == (head in persons)) and pron in ("he", "she", "it")
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
                and pron not in _PRONOUN_SUBJECT and toks[vj].text.lower() != "told" \
                and (that or toks[k].is_cap or pron in _DETERMINERS):
            # "Police said the suspect fled": the suspect's flight is the happening, told by the police.
            return Clause(comp.subject, comp.verb, comp.object, comp.passive, comp.by_agent, comp.label, subj)
    label = _tidy(subject_w, verb_w, obj_w, toks, protected)
    return Clause(subj, verb, obj, passive, by_agent, label, speaker)


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
            if not t.is_word or t.text.lower() in _DROP_IN_LABEL:
                continue
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
    # A modal keeps its meaning ("would have chosen" is not "chose"); other auxiliaries go.
    group = toks[vi:vj + 1]
    modal = next((k for k, t in enumerate(group) if t.text.lower() in _MODALS), None)
    if modal is not None:
        verb = [t.text for t in group[modal:] if t.text.lower() in _NEGATION or not _ADVERB.match(t.text.lower())]
    else:
        verb = [t.text for t in group if t.text.lower() in _NEGATION
                or t.text.lower() not in _AUX and not _ADVERB.match(t.text.lower())]
    if not verb or all(w.lower() in _NEGATION for w in verb):
        # Only auxiliaries: the copula is the verb ("may be the result", "is").
        verb = [t.text for t in toks[vi:vj + 1] if not _ADVERB.match(t.text.lower())
                or t.text.lower() in _NEGATION] or [toks[vi].text]
    # Room for the object up to the label's length: "believed to have the ability to deliver
    # chemical weapons" is not cut after "ability".
    room = min(8, max(6, _HARD_CAP - len(subject) - len(verb)))
    obj = words(vj + 1, oj, room)
    if len(words(vj + 1, oj, room + 1)) > len(obj):
        obj = _whole_phrases(obj)
    elif oj < len(toks) and toks[oj].text == "," and obj and obj[-1][:1].islower() \
            and obj[-1].lower().endswith(_ADJECTIVE_END + ("ive",)):
        obj = _whole_phrases(obj)   # "makers of expensive, high-quality gear": the phrase goes on after the comma
    return subject, verb, obj


def _whole_phrases(words: list[str]) -> list[str]:
    """A label cut for length ends before its last, unfinished prepositional phrase:
    "rescued off coast of Florida by two" -> "rescued off coast of Florida"."""
    cut = next((i for i in range(len(words) - 1, 0, -1) if words[i].lower() in _PREPS | {"to", "by", "and", "or"}), None)
    return words[:cut] if cut else words


# Nouns and adjectives whose sense needs the infinitive after them.
_TAKES_INFINITIVE = {"ability", "likely", "unlikely", "able", "unable", "ready", "willing", "plan", "plans",
                     "decision", "right", "attempt", "attempts", "effort", "efforts", "bid", "move", "order",
                     "agreement", "deal", "offer", "willingness", "refusal", "failure", "chance", "power",
                     "authority", "permission", "intention", "promise", "threat", "pledge", "vote", "call",
                     "proposal", "request", "demand", "need", "time", "expected", "set", "due"}


def _tidy(subject: list[str], verb: list[str], obj: list[str], toks, protected) -> str:
    """At most about eight words, never ending on a preposition or a determiner."""
    while obj and obj[-1].lower() in _DANGLING:
        obj.pop()
    while subject and subject[0].lower() in _LEAD_CONJUNCTIONS:
        subject = subject[1:]     # "But option growing" -> "option growing"
    words = subject + verb + obj
    if len(words) > 8 and obj:
        # Drop the object's trailing prepositional phrases first: "complaint by X alleging" -> "complaint by X".
        # ... but not an infinitive its noun or adjective needs ("the ability to deliver weapons").
        # The last such phrase that brings the label within length goes, not every one after the first.
        cuts = [n for n in range(1, len(obj)) if obj[n].lower() in _PREPS
                or obj[n].lower() == "to" and obj[n - 1].lower() not in _TAKES_INFINITIVE]
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
        words = words[:head] + _whole_phrases(words[head:_HARD_CAP]) if head < _HARD_CAP else words[:_HARD_CAP]
        while len(words) > 3 and words[-1].lower() in _DANGLING | _DROP_IN_LABEL:
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
    if len(lead.split()) > 3 and not lead.endswith(","):
        return []
    # "Oslo police arrested", "Kemi Metals shares jumped": the noun after the name heads the subject.
    tail = text[e:hi].split()
    if 0 < len(tail) <= 2 and all(w.isalpha() and w.islower() and w not in _NOT_VERB for w in tail):
        return text[s:e].split() + tail
    return text[s:e].split()
