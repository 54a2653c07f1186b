"""The kind of action an event label names, as a short key ("arrest", "bomb", "say:statement").

Labels are "subject verb object" clauses (core/events). Two reports of one happening word the
action alike far more often than they share any other word ("bombed" / "bombing" / "bombs"), so
the key is the label's verb, reduced by a light stemmer that maps inflections and the common
nominalisations of one verb to one stem. Light verbs ("made", "took", "said") say little on
their own, so their key also carries the first noun after them. No parser and no word lists
beyond a few dozen irregular forms: the key must cost microseconds (a million events).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_AUX = {"is", "are", "was", "were", "been", "being", "be", "has", "have", "had", "will", "would",
        "may", "might", "can", "could", "should", "must", "did", "does", "do", "shall", "to", "not",
        "never", "also", "allegedly", "reportedly", "already", "still", "just", "later", "then",
        "finally", "formally", "officially", "again", "ever", "now", "recently"}
_SKIP = {"the", "a", "an", "of", "in", "on", "at", "for", "from", "by", "with", "and", "or", "but",
         "that", "which", "who", "as", "its", "their", "his", "her", "this", "these", "those",
         "some", "many", "most", "all", "more", "he", "she", "it", "they", "we", "i", "you",
         "there", "than", "into", "about", "after", "before", "over", "under", "mr", "mrs", "ms",
         "dr", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "first", "last", "new", "former", "our", "my", "your", "them", "him", "us", "me", "what",
         "when", "where", "while", "if", "so", "up", "out", "off", "no", "any", "several", "both",
         "himself", "herself", "itself", "themselves", "myself", "yourself", "ourselves"}
_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "took": "take", "taken": "take", "made": "make",
    "gave": "give", "given": "give", "went": "go", "gone": "go", "came": "come", "got": "get",
    "gotten": "get", "held": "hold", "left": "leave", "led": "lead", "lost": "lose", "met": "meet",
    "paid": "pay", "ran": "run", "saw": "see", "seen": "see", "sent": "send", "shot": "shoot",
    "sold": "sell", "spoke": "speak", "spoken": "speak", "stood": "stand", "struck": "strike",
    "stricken": "strike", "thought": "think", "threw": "throw", "thrown": "throw", "won": "win",
    "wrote": "write", "written": "write", "began": "begin", "begun": "begin", "broke": "break",
    "broken": "break", "brought": "bring", "built": "build", "bought": "buy", "caught": "catch",
    "chose": "choose", "chosen": "choose", "drew": "draw", "drove": "drive", "driven": "drive",
    "fell": "fall", "fallen": "fall", "fled": "flee", "flew": "fly", "fought": "fight",
    "found": "find", "froze": "freeze", "grew": "grow", "heard": "hear", "hid": "hide",
    "hit": "hit", "hung": "hang", "kept": "keep", "knew": "know", "known": "know", "laid": "lay",
    "meant": "mean", "rose": "rise", "risen": "rise", "sank": "sink", "sought": "seek",
    "shook": "shake", "slew": "slay", "slain": "slay", "stole": "steal", "stolen": "steal",
    "swore": "swear", "sworn": "swear", "taught": "teach", "tore": "tear", "torn": "tear",
    "withdrew": "withdraw", "withdrawn": "withdraw", "woke": "wake", "died": "die", "dies": "die",
    "dying": "die", "dead": "die", "death": "die", "deaths": "die", "quit": "quit", "quits": "quit",
    "became": "becom", "become": "becom", "becomes": "becom",
    "ate": "eat", "eaten": "eat", "wore": "wear", "worn": "wear", "set": "set", "put": "put",
    "cut": "cut", "let": "let", "shut": "shut", "spread": "spread", "upheld": "uphold",
    "overthrew": "overthrow", "undertook": "undertake", "arose": "arise", "felt": "feel",
    "fed": "feed", "forbade": "forbid", "slid": "slide", "swept": "sweep", "spent": "spend",
    "lent": "lend", "dealt": "deal", "rang": "ring", "sang": "sing", "sat": "sit", "slept": "sleep",
    "bore": "bear", "borne": "bear", "born": "bear", "beat": "beat", "beaten": "beat",
    "bit": "bite", "blew": "blow", "blown": "blow", "is": "be", "was": "be", "were": "be",
    "are": "be", "has": "have", "had": "have", "does": "do", "did": "do", "done": "do",
}
# Verbs whose meaning lives in their object: the key keeps the first noun after them.
_LIGHT = {"say", "make", "take", "give", "have", "get", "do", "hold", "go", "come", "be", "tell",
          "add", "announc", "report", "call", "plan", "want", "need", "seek", "begin",
          "start", "continu", "tri", "help", "keep", "set", "see", "becom", "remain"}
# Support verbs add nothing to their noun: "made an arrest" is an arrest, "held talks" are talks,
# so the key is the noun's alone. The others (say, plan, seek ...) tell of the noun's action
# without being it and keep both ("say:statement").
_SUPPORT = {"make", "take", "give", "have", "get", "do", "hold", "go", "come", "be", "becom", "remain",
            "keep", "set", "begin", "start", "continu"}
# Nouns whose stem is not their verb's ("resignation" -> "resignat", "resign" -> "resign"), by the
# noun's stem -> the verb's stem. Only nominalisations news uses for happenings.
_NOMINAL = {
    "resignat": "resign", "decis": "decid", "collis": "collid", "invas": "invad", "seizur": "seiz",
    "departur": "depart", "robberi": "rob", "theft": "steal", "sal": "sell", "acquisit": "acquir",
    "merger": "merg", "los": "lose", "loss": "lose", "injuri": "injur", "escap": "escap",
    "elector": "elect", "convict": "convict", "nomine": "nominat", "appointe": "appoint",
    "purchas": "buy", "shootout": "shoot", "gunfir": "shoot", "massacr": "kill", "homicid": "kill",
    "thiev": "steal", "thief": "steal",
}
# Words news uses for one kind of action, by stem -> one key. One kind is one kind of happening
# told with different words: a bomb, a blast and an explosion; a killing and the victim's death;
# a coach fired, sacked or dismissed; a nominee named, nominated or appointed; and the two sides of
# one exchange (a win is the loser's defeat, a sale the buyer's purchase). Each stays a
# single sense of news usage; which happening it is, is left to dates and participants.
_CLASSES = {
    "bomb": "explod", "blast": "explod", "explos": "explod", "explod": "explod", "detonat": "explod",
    "quak": "quak", "earthquak": "quak", "tremor": "quak",
    "kill": "die", "slay": "die", "murder": "die", "assassinat": "die",
    "die": "die", "perish": "die", "fatal": "die",
    "arrest": "arrest", "detain": "arrest", "apprehend": "arrest", "nab": "arrest",
    "resign": "resign", "quit": "resign", "step": "step",
    "elect": "elect", "vot": "vote",
    "fir": "dismiss", "sack": "dismiss", "dismiss": "dismiss", "oust": "dismiss", "ax": "dismiss",
    "terminat": "dismiss", "reliev": "dismiss",
    "appoint": "appoint", "nam": "appoint", "nominat": "appoint", "designat": "appoint", "tap": "appoint",
    "hit": "hit", "strike": "hit", "smash": "hit", "slam": "hit",
    "injur": "injur", "wound": "injur", "hurt": "injur",
    "acquir": "buy", "buy": "buy", "sell": "buy",
    "beat": "win", "defeat": "win", "win": "win", "victori": "win", "triumph": "win", "lose": "win",
    "charg": "charg", "indict": "charg",
    "discover": "find", "find": "find", "succumb": "die", "shoot": "shoot",
    "releas": "releas", "issu": "releas", "publish": "releas", "plac": "put", "accus": "charg",
    "interrupt": "disrupt", "revers": "overturn", "can": "dismiss",
    "suicid": "suicide", "escap": "escap", "breakout": "escap", "jailbreak": "escap",
    "foil": "foil", "thwart": "foil", "prevent": "foil", "repuls": "foil", "repel": "foil",
    "damag": "damag", "destroi": "damag", "devastat": "damag", "wreck": "damag", "ravag": "damag",
    "steal": "steal", "rob": "steal", "heist": "steal", "burglari": "steal", "burgl": "steal", "loot": "steal",
}
# Happening nouns that, as the subject of a clause, are its action ("the blast killed 12",
# "bombings rocked two capitals"): the verb then tells what the happening did.
_HAPPENING_WORDS = ("explosion", "quake", "attack", "crash", "shooting", "raid", "flood", "storm", "riot",
                    "collision", "hijacking", "ambush", "blaze", "fire", "wildfire", "inferno", "heist", "robbery",
                    "theft", "burglary")
# As a noun, "fire" is a blaze; as a verb its kind is a dismissal ("fired the coach").
_NOUN_CLASSES = {"fir": "blaze", "blaz": "blaze", "wildfir": "blaze", "inferno": "blaze"}
# A verb and the word after it that together name another kind of action ("let go" is a
# dismissal, "opened fire" a shooting, "presumed dead" a death).
_IDIOMS = {("let", "go"): "dismiss", ("open", "fire"): "shoot", ("pass", "away"): "die",
           ("step", "down"): "resign", ("take", "place"): "happen", ("presum", "dead"): "die",
           ("fear", "dead"): "die", ("pronounc", "dead"): "die", ("declar", "dead"): "die",
           ("check", "into"): "enter", ("check", "in"): "enter", ("confirm", "dead"): "die",
           ("commit", "suicide"): "suicide", ("rush", "out"): "releas", ("push", "out"): "releas",
           ("roll", "out"): "releas", ("gun", "down"): "shoot", ("mow", "down"): "hit",
           ("part", "ways"): "dismiss", ("admit", "himself"): "enter", ("admit", "herself"): "enter",
           ("admit", "themselves"): "enter", ("admit", "into"): "enter", ("find", "guilty"): "convict",
           ("put", "arrest"): "arrest", ("put", "death"): "die"}
# A killing done to oneself is a suicide ("hanged himself", "shot herself", "committed suicide").
_IDIOMS.update({(v, r): "suicide" for v in ("hang", "kill", "shoot", "stab", "poison", "drown")
                for r in ("himself", "herself", "themselves", "myself")})
_IDIOM_REACH = 3
# Verbs of occurrence: their subject is the happening ("cuts happened", "the vote took place").
_OCCUR = {"happen", "occur"}
# Page stamps glued to a sentence ("Last updated 10:42 Briton dies"), never its action.
_STAMPS = {"updated", "posted", "published"}
_ORDINALS = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "next",
             "latest", "another", "other", "same", "such", "only"}
_NOMINAL_SUFFIXES = ("ments", "ment", "ions", "ion", "ings", "ing", "als", "al")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light stem: "bombing", "bombed", "bombs" -> "bomb"; "announcement", "announced" -> "announc"."""
    w = word.lower().strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3:
        return w
    return _regular_stem(w)


def _regular_stem(w: str) -> str:
    for suf in _NOMINAL_SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            break
    else:
        if w.endswith("ies") and len(w) > 4:
            w = w[:-3] + "i"
        elif w.endswith("ied") and len(w) > 4:
            w = w[:-3] + "i"
        elif w.endswith("es") and len(w) > 4 and w[-3] in "sxzh":
            w = w[:-2]
        elif w.endswith("ed") and len(w) > 4:
            w = w[:-2]
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            w = w[:-1]
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]            # stopp -> stop, hitt -> hit (but "kill", "pass" keep theirs)
    # "strikes" and "struck", "taking" and "took": the regular stem of an irregular verb is its lemma.
    return _NOMINAL.get(w) or _IRREGULAR_STEM.get(w, w)


_IRREGULAR_STEM: dict[str, str] = {}
_IRREGULAR_STEM.update({_regular_stem(v): v for v in set(_IRREGULAR.values()) if len(v) > 3 and _regular_stem(v) != v})


def _class(word: str) -> str:
    st = stem(word)
    return _CLASSES.get(st, st)


def _noun_class(word: str) -> str:
    st = stem(word)
    return _NOUN_CLASSES.get(st) or _CLASSES.get(st, st)


_HAPPENING_NOUNS = {_noun_class(w) for w in _HAPPENING_WORDS}
# Verbs known to name an action (a kind or an idiom's verb): capitalised, they are still verbs.
_KNOWN_VERBS = set(_CLASSES) | {v for v, _ in _IDIOMS}
# Every kind named in _CLASSES is a happening too when a noun names it as the subject
# ("arrest will not affect his status", "the killing shocked the town").
_HAPPENING_NOUNS |= set(_CLASSES.values()) - _LIGHT


def _past(lw: str) -> bool:
    return lw in _IRREGULAR or (len(lw) > 4 and lw.endswith("ed"))


# Words after which a past participle modifies the noun that follows ("into unapproved rehab",
# "the injured players", "his troubled past"): determiners and prepositions.
_ATTRIBUTIVE = {"the", "a", "an", "of", "in", "on", "at", "for", "from", "with", "into", "about", "his", "her",
                "their", "its", "this", "these", "those", "our", "my", "your", "some", "many", "several"}
# Adverbs between an auxiliary and its verb ("has since checked", "narrowly avoided"): -ly words
# formed on an adjective ending, and a few short ones. Nouns in -ly ("family", "rally") are not.
_ADVERBS = {"since", "soon", "once", "even", "yet", "only", "long", "nearly", "mostly", "early"}
_ADJ_ENDINGS = ("al", "ful", "ous", "ive", "ent", "ant", "ate", "ed", "ing", "less", "ar", "ow", "ete", "ect", "ear",
                "ose", "ure", "ick", "ight", "ain", "ong", "ite", "ile", "id", "ic", "ict", "ct", "ck", "st")


def _adverb(lw: str) -> bool:
    return lw in _ADVERBS or (len(lw) > 5 and lw.endswith("ly") and lw[:-2].endswith(_ADJ_ENDINGS))


_COPULA = {"is", "are", "was", "were", "been", "being", "be"}


def _after_aux(lower: list[str], k: int) -> bool:
    """Word ``k`` follows an auxiliary, adverbs between allowed ("has since checked"). After a form
    of "be" only a participle is a verb ("was fired", "is leaving"): "was infamous", "is latest"
    and "was rather" say what something is, not what happened."""
    j = k - 1
    while j > 0 and _adverb(lower[j]):
        j -= 1
    if j < 0 or lower[j] not in _AUX:
        return False
    return lower[j] not in _COPULA or _past(lower[k]) or lower[k].endswith("ing")


_OBJECT_START = {"the", "a", "an", "his", "her", "their", "its", "two", "three", "several", "dozens", "hundreds"}


def _before_object(words: list[str], lower: list[str], k: int) -> bool:
    """A bare present verb in a headline: "police arrest Kamau", "rebels seize the town"."""
    return k + 1 < len(words) and (words[k + 1][0].isupper() or lower[k + 1] in _OBJECT_START)


def _verbish(w: str) -> bool:
    lw = w.lower()
    return (lw in _IRREGULAR or (len(lw) > 4 and lw.endswith("ed"))
            or (len(lw) > 3 and lw.endswith("s") and not lw.endswith(("ss", "us", "is"))))


@lru_cache(maxsize=200_000)
def action_key(label: Optional[str]) -> str:
    """The action a label names; "" when the label holds no usable word."""
    words = _WORD.findall(label or "")
    if not words:
        return ""
    lower = [w.lower() for w in words]
    verb = None
    # "The announcement of X ...": a nominalised action opening the label is the action.
    if len(words) > 2 and lower[0] in ("the", "a", "an") and lower[2] == "of" and not words[1][0].isupper() \
            and lower[1].endswith(("ment", "ion", "ing", "al")):
        verb = 1
    # The verb: the first lower-case word after the subject shaped like a past form (or after an
    # auxiliary), else like a present one ("-s"): a plural noun in the subject ("deputies")
    # looks like a present verb, rarely like a past one.
    # In a headline ("Woman Killed In Crash", "CHARGERS RECEIVER ARRESTED") every word is
    # capitalised, so capitals cannot mark names there: past forms are read whatever their case.
    headline = sum(w[0].isupper() for w in words) >= max(3, 0.7 * len(words))
    # Headline words glued to a sentence ("Woman Killed driver fled", "Named Cheeks coach"): a
    # capitalised past form of a known action verb is a verb, not a name, wherever it stands.
    for strong in (True, False):
        for k in range(0, len(words)):
            if verb is not None:
                break
            lw = lower[k]
            if lw in _AUX or lw in _SKIP or lw in _STAMPS or _adverb(lw):
                continue
            if k == 0 or words[k][0].isupper():
                known = stem(lw) in _KNOWN_VERBS
                if strong:
                    # A lower-case past form opening a label with no other past form is its verb
                    # ("destroyed historic warehouse"); before one it modifies ("injured players said").
                    lone = k == 0 and not words[0][0].isupper() and not any(_past(x) for x in lower[1:])
                    if not (_past(lw) and (headline and k > 0 or known or lone)):
                        continue
                elif not (known and (_verbish(words[k]) or _after_aux(lower, k)) and (k > 0 or not words[k][0].isupper())) \
                        and not (headline and k > 0 and stem(lw) in _SUPPORT):
                    continue        # "Lohan Checks Into Rehab", "checks into rehab facility", "Sox Make Offer"
            if strong and k > 0 and lower[k - 1] in _ATTRIBUTIVE:
                continue        # "into unapproved rehab", "the injured": a participle after these modifies a noun
            if (_past(lw) if strong else (_verbish(words[k]) or _before_object(words, lower, k))) \
                    or _after_aux(lower, k):
                verb = k
    nominal = verb is None      # no word shaped like a verb: the label names its action with a noun ("Waitrose fire")
    if nominal:
        for k, lw in enumerate(lower):
            if lw not in _AUX and lw not in _SKIP and lw not in _STAMPS and not words[k][0].isupper():
                verb = k
                break
    if verb is None:
        return _noun_class(lower[0])
    for k in range(verb):                          # a happening noun as the subject is the action
        # (capitalised only opening the label, in a headline, or right before the verb: "Powerful Quake hit")
        if (not words[k][0].isupper() or k == 0 or headline or k == verb - 1) and lower[k] not in _AUX:
            c = _noun_class(lower[k])
            if c in _HAPPENING_NOUNS:
                return c
    key = _noun_class(lower[verb]) if nominal else _class(lower[verb])
    # The particle may follow an object ("found her dead", "checked herself into", "let him go").
    vs = stem(lower[verb])
    idiom = next((_IDIOMS[(vs, lw)] for lw in lower[verb + 1:verb + 1 + _IDIOM_REACH] if (vs, lw) in _IDIOMS), None)
    key = idiom or key
    if key in _OCCUR:
        # "cuts happened off Sicily", "the vote took place": what occurred is the subject noun.
        for k in range(verb - 1, -1, -1):
            lw = lower[k]
            if lw in _AUX or _adverb(lw):
                continue
            if lw not in _SKIP and not words[k][0].isupper():
                return _noun_class(lw)
            break
    if idiom:
        return idiom
    if key in _LIGHT or key == "be":
        for j in range(verb + 1, len(words)):
            lw = lower[j]
            if key in _SUPPORT and lw in _CLAUSE_PREPOSITIONS:
                break           # no object: "held after his sister was killed" is no sister, "set for trial" no trial
            if lw in _AUX or lw in _SKIP or lw in _ORDINALS or (words[j][0].isupper() and not headline):
                continue
            if key in _SUPPORT:
                # A support verb's noun is the head of its object, the last word before a preposition,
                # a name or a verb form: "made the biggest offer to" is an offer.
                j = _object_head(words, lower, j, headline)
                return _noun_class(lower[j])
            return f"{key}:{_class(lw)}"
    return key


_PREPOSITIONS = {"via", "among", "amongst", "against", "during", "through", "across", "toward", "towards", "without",
                 "within", "despite", "per", "since", "until", "like", "near", "around", "between", "amid", "upon"}


# Prepositions that open a phrase after a support verb with no object of its own ("held after",
# "set for", "held as"); particles ("made off", "went up") are not among them.
_CLAUSE_PREPOSITIONS = {"of", "in", "on", "at", "for", "from", "by", "with", "into", "about", "after", "before",
                        "over", "under", "as", "than"} | _PREPOSITIONS


def _object_head(words: list[str], lower: list[str], j: int, headline: bool = False) -> int:
    """The last word of the plain noun phrase starting at ``j`` ("biggest offer", "double-digit comeback");
    in a headline a capital does not end it ("MAKE HUGE OFFER TO")."""
    head = j
    for i in range(j + 1, len(words)):
        lw = lower[i]
        if lw in _SKIP or lw in _AUX or lw in _PREPOSITIONS or (words[i][0].isupper() and not headline) \
                or _past(lw) or lw.endswith("ing"):
            break
        head = i
    return head
