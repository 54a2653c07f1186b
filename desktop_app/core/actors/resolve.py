"""Within-document actor resolution: which name spans are one actor.

Order matters: typed names found on their own evidence make actors first;
then untyped or weak names (a bare surname, a short form, a sentence-initial
word) join an actor only if they are its alias, surname or short form, and
are dropped otherwise, so a capitalised common word never becomes an actor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..text.gazetteer_words import place_names
from ..text.metadata import dateline_span, header_end
from ..text.sentences import Sentence, split_sentences
from ..text.tokens import tokenize
from . import cues
from .gazetteer import Gazetteer, drop_corporate_suffix, fold, load
from .context import market_context, place_before
from .diseases import is_disease_name
from .names import NameSpan, SentenceNames
from .text_words import TextWords
from .translit import translit_key

# Evidence strength when two mentions disagree on an actor's type.
_STRENGTH = {"gazetteer": 9, "citation": 8, "coordination": 7, "descriptor": 7, "noun-after": 7, "noun-before": 7, "dateline": 6, "head": 6,
             "lower-org": 6, "facility": 6, "company-cue": 6, "region-noun": 6, "apposition": 6, "title": 5, "given-name": 4,
             "acronym": 4, "parenthesis": 4, "compound": 3, "speaker": 3, "place-name": 2,
             "full-name": 2, "place-prep": 1, "article": 2, "bare": 0}
_PERSONISH = {"person"}
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                          "fifteen twenty thirty forty fifty hundred hundreds thousand thousands dozens".split())
_ORGISH = {"organization", "group", "media"}


@dataclass
class DocActor:
    key: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    strength: int = 0
    canonical: bool = False          # name came from the gazetteer
    roles: list[str] = field(default_factory=list)   # titles and descriptors written before it


@dataclass
class DocActors:
    actors: list[DocActor]
    sentences: list[Sentence]
    # (person actor index, organization actor index, sentence index) from role appositions
    roles: list[tuple[int, int, int]]
    # mention (start, end) -> actor index, for the event builder
    by_span: dict[tuple[int, int], int]
    # Lone capitalised words this document cannot place ("Gupta wouldn't comment"):
    # name -> spans. The identity step joins them to a full name the corpus knows, or drops them.
    pending: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # Names this document shows to be medicines or other products ("the antiviral Tamiflu",
    # "doses of Tamiflu"): no actor here, and the identity step drops weak same-named guesses.
    things: set[str] = field(default_factory=set)


_FINAL_PUNCT = re.compile(r"[.!?:;\"'”’)\]]\s*$")
_LINE = re.compile(r"[^\n]*")


def line_breaks(text: str) -> frozenset:
    """Offsets of the line breaks that end a line of its own, so no name runs across them.

    In a text written one sentence or paragraph per line every break counts.
    In a hard-wrapped text (lines cut near a fixed width) only a short line
    (a headline, a byline, a paragraph's end) or one ending a sentence counts.
    """
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.end() < len(text) and text[m.end():m.end() + 1] == "\n"]
    full = [(s, e) for s, e in lines if text[s:e].strip()]
    if not full:
        return frozenset()
    lengths = sorted(e - s for s, e in full)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    ended = sum(1 for s, e in full if _FINAL_PUNCT.search(text[s:e]))
    unit_lines = ended >= 0.5 * len(full) or len(full) < 3
    out = set()
    for s, e in lines:
        line = text[s:e]
        if unit_lines or not line.strip() or e - s < 0.7 * width or _FINAL_PUNCT.search(line):
            out.add(e)
    return frozenset(out)


_LOWER_IN_TITLES = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by",
                    "from", "as", "vs", "via", "into", "over", "after", "up", "off", "out", "per", "nor"}


_LINE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)]*\s*$")
_LEADING_THE = re.compile(r"^(?:the|The)\s+")


def title_case_lines(text: str, breaks: frozenset) -> list[tuple[int, int]]:
    """(start, end) of lines written in headline title case ("AMD to Acquire Server Innovator SeaMicro").

    There every word is capitalised, so capitals say nothing about names: only
    names the prose (or the gazetteer) knows are taken from them.
    """
    out = []
    start = 0
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        if s < start or not text[s:e].strip():
            continue
        if not ((s == 0 or (s - 1) in breaks) and (e == len(text) or e in breaks)):
            continue
        if _ENDS_SENTENCE.search(text[s:e]):    # a headline ends without a full stop (prose lines do:
            continue                              # asked first, they are never split into words)
        words = _LINE_WORD.findall(text[s:e])
        content = [w for w in words if w.lower() not in _LOWER_IN_TITLES]
        if len(content) < 3 or len(words) > 20 or all(w.isupper() for w in content):
            continue
        caps = sum(1 for w in content if w[:1].isupper())
        if caps >= 0.8 * len(content) and any(w.islower() for w in words) is not None:
            out.append((s, e))
        start = e
    return out


def upper_case_lines(text: str, breaks: frozenset) -> list[tuple[int, int]]:
    """(start, end) of lines written all in capitals ("CHARGERS' WILLIAMS ARRESTED ON SUSPICION OF DUI").

    Capitals there say nothing about names, so the finder takes none; the
    resolver then looks in them for the names the prose below spells out.
    """
    out = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        if not ((s == 0 or (s - 1) in breaks) and (e == len(text) or e in breaks)):
            continue
        # Every lower-case letter sits in some word, so a line that is not all capitals has a
        # word that is not either: skip it without splitting it into words (most lines are prose).
        if not text[s:e].isupper():
            continue
        words = _LINE_WORD.findall(text[s:e])
        if len(words) >= 3 and all(w.isupper() for w in words):
            out.append((s, e))
    return out


def _title_conflict(role: str, roles: list[str]) -> bool:
    """"King Hussein" beside "President Saddam Hussein": two titles, two people."""
    from .identity import title_of
    mine = title_of(role) if role else None
    if mine is None:
        return False
    # A title that the full name is never given here is a different person (the identity
    # step may still join them across documents where the full name carries it).
    return mine not in {t for r in roles if (t := title_of(r))}


def _compatible(a: str, b: Optional[str]) -> bool:
    if b is None or a == b:
        return True
    return (a in _ORGISH and b in _ORGISH)


def _short_forms(name: str, type_: str, g: Gazetteer) -> list[str]:
    """Shorter names an actor is also called by: surname, name without its head word."""
    words = name.split()     # (white-space runs, as re.split(r"\s+") less its empty ends)
    if type_ == "person" and len(words) >= 2:
        out = [words[-1]]
        if len(words) >= 3:
            out.append(words[0] + " " + words[-1])
        return out
    # Not media: a paper's first word is usually its city ("Porto Gazette", "Jerusalem Post").
    if type_ in ("organization", "group") and len(words) >= 2 and words[-1] in g.heads:
        bare = drop_corporate_suffix(name).split()
        if len(bare) < len(words) and len(bare) >= 2:
            # "Total Assets Protection Inc." is later "Total Assets Protection" or "Total Assets".
            return [" ".join(bare[:k]) for k in range(len(bare) - 1, 0, -1) if bare[k - 1] not in g.stopwords]
        return [" ".join(words[:-1])]
    if type_ in ("organization", "group") and len(words) >= 2 and re.fullmatch(r"[A-Z][a-z]+[^s]s", words[-1]):
        return [words[-1]]      # "San Diego Chargers" -> "the Chargers"
    return []


def resolve_document(text: str, g: Optional[Gazetteer] = None, *, sentences: Optional[list[Sentence]] = None,
                     tokens: Optional[list[list]] = None, dateline: Optional[tuple[int, int]] = None) -> DocActors:
    """``sentences``/``tokens``/``dateline``: the document's sentences, per-sentence tokens and
    dateline span when the caller (core/annotated.py) already found them; an empty token list
    means "find no names here" (byline, sign-off)."""
    g = g or load()
    crime = cues.has_criminal_word(text)
    shared = sentences is not None and tokens is not None
    if not shared:
        sentences = split_sentences(text)
    body = header_end(text)    # a leading "Key: value" block is metadata, not prose
    breaks = line_breaks(text)
    titled = title_case_lines(text, breaks)
    # A dateline ("WASHINGTON (AP) _") says where and by whom the story was filed: no actor of it.
    # The annotated document found it once (``dateline``); alone, this finds it the same way.
    ds, de = dateline if shared and dateline is not None else dateline_span(text)
    tw = TextWords(text)     # whole-text word questions, each read in one pass
    per_sentence: list[list[NameSpan]] = []
    for k, sent in enumerate(sentences):
        if shared:
            toks = tokens[k]
        else:
            toks = tokenize(sent.text, sent.start) if sent.start >= body else []
        found = SentenceNames(text, toks, g, crime, breaks).find() if toks else []
        if de:
            found = [sp for sp in found if sp.end <= ds or sp.start >= de]
        if found:
            # An initialism the text counts or owns ("your GP", "GPs") is a common noun here; a
            # shouted word the text also writes in lower case ("PHOTO", "CLEARLY") is no acronym.
            found = [sp for sp in found if (sp.evidence != "acronym" or not (
                tw.common_initialism(sp.text) or len(sp.text) >= 5 and tw.has_lower(sp.text)))
                and not (sp.evidence != "gazetteer" and _FIELD_VALUE.match(text, sp.end) and _line_start(text, sp.start))]
            for sp in found:
                if sp.evidence == "acronym" and len(sp.text) >= 5 and tw.has(sp.text.capitalize()):
                    # "JACMEL" where the text also writes "Jacmel": a name in capitals, not an
                    # acronym; it is whatever the name is here.
                    sp.type, sp.evidence, sp.weak = None, "capitals", True
        for sp in found:
            if sp.evidence != "gazetteer" and any(a <= sp.start and sp.end <= b for a, b in titled):
                sp.type, sp.evidence, sp.weak = None, "headline", True
                for al in sp.aliases:
                    al.type = None
        per_sentence.append(found)
    _split_glued_names(per_sentence)

    actors: list[DocActor] = []
    keys: dict[str, int] = {}        # translit key -> actor index (full names and aliases)
    short: dict[str, set[int]] = {}  # short-form key -> candidate actors
    by_span: dict[tuple[int, int], int] = {}

    def register(idx: int, surface: str, strong_alias: bool = True) -> None:
        k = translit_key(surface)
        if k and (strong_alias or k not in keys):
            keys.setdefault(k, idx)
        bare = drop_corporate_suffix(surface)
        if bare != surface:      # "SeaMicro Inc." is also "SeaMicro"
            keys.setdefault(translit_key(bare), idx)
        a = actors[idx]
        for sf in _short_forms(surface, a.type, g):
            short.setdefault(translit_key(sf), set()).add(idx)

    def add_mention(idx: int, s: int, e: int) -> None:
        if (s, e) in by_span:
            return
        by_span[(s, e)] = idx
        actors[idx].mentions.append((s, e, text[s:e]))
        surface = text[s:e]
        a = actors[idx]
        if surface != a.name and surface not in a.aliases and fold(surface) != fold(a.name):
            a.aliases.append(surface)

    def strip_the(s: str) -> str:
        return _LEADING_THE.sub("", s)

    typed = [(si, sp) for si, spans in enumerate(per_sentence) for sp in spans if sp.type and not sp.weak]
    # Stronger evidence first so an actor's type comes from its best mention.
    typed.sort(key=lambda x: (-_STRENGTH.get(x[1].evidence, 1), x[1].start))
    for si, sp in typed:
        surface = sp.canonical or strip_the(sp.text)
        k = translit_key(surface)
        idx = keys.get(k)
        if idx is None:
            k2 = translit_key(sp.text)
            idx = keys.get(k2)
        if idx is None:
            idx = keys.get(translit_key(drop_corporate_suffix(surface)))
        if idx is not None and not _compatible(actors[idx].type, sp.type):
            idx = None
        if idx is None and len(sp.text.split()) == 1 or idx is None and sp.type == "person":
            cands = [c for c in short.get(k, ()) if (_compatible(actors[c].type, sp.type) or sp.evidence == "full-name")
                     and not _title_conflict(sp.role, actors[c].roles)]
            if len(cands) == 1:
                idx = cands[0]
        if idx is None:
            # Shown as written; the gazetteer's canonical form joins as an alias so
            # "U.S." here and "United States" elsewhere still meet.
            written = strip_the(sp.text)
            actors.append(DocActor(k, written, sp.type, strength=_STRENGTH.get(sp.evidence, 1),
                                   canonical=sp.canonical is not None))
            idx = len(actors) - 1
            register(idx, surface)
            if sp.canonical and fold(sp.canonical) != fold(written):
                register(idx, written)
                actors[idx].aliases.append(sp.canonical)
        add_mention(idx, sp.start, sp.end)
        if sp.role and sp.role not in actors[idx].roles:
            actors[idx].roles.append(sp.role)
        for al in sp.aliases:
            keys.setdefault(translit_key(al.text), idx)
            add_mention(idx, al.start, al.end)

    # Short forms can only be matched once all full names are known: redo them
    # for typed single words that became actors of their own above.
    _merge_short_forms(actors, keys, short, by_span, g)

    acting: dict = {}
    pending: dict[str, list[tuple[int, int]]] = {}
    mid: dict[str, list[tuple[int, int]]] = {}      # pending words as written mid-sentence
    def headline_word(s: int, e: int) -> None:
        """A headline word the prose does not name: the identity step may place it (or drop it)."""
        w = text[s:e]
        if " " in w or len(w) < 3 or not w[:1].isupper() or w.isupper() or not w.isalpha():
            return
        if w in g.stopwords or w in g.titles or w in g.demonyms or w in g.heads or w in g.descriptors \
                or w in g.given_names or cues.MONTHS.fullmatch(w) or translit_key(w) in keys:
            return
        if not tw.has_lower(w):     # "Hire", "Killed": common words
            pending.setdefault(w, []).append((s, e))

    def listed(s: int, e: int) -> Optional[int]:
        """A gazetteer name inside a headline ("Woman Killed In Queens Hit-And-Run"): its actor."""
        hit = g.lookup(text[s:e])
        if not hit or " " not in text[s:e] and not text[s:e][1:].islower():
            return None
        k = translit_key(hit[0])
        if k not in keys:
            actors.append(DocActor(k, hit[0], hit[1], strength=_STRENGTH["gazetteer"], canonical=True))
            register(len(actors) - 1, hit[0])
        return keys[k]

    # Headline spans last: they may only name what the prose below them names.
    # (Words in capitals too: "JACMEL" is whatever "Jacmel" turns out to be.)
    weak_order = [sp for spans in per_sentence for sp in spans if sp.evidence not in ("headline", "capitals")] + \
        [sp for spans in per_sentence for sp in spans if sp.evidence in ("headline", "capitals")]
    for sp in weak_order:
        if sp.type and not sp.weak:
            continue
        k = translit_key(strip_the(sp.text))
        idx = keys.get(k)
        if idx is not None and actors[idx].type == "group" and " " not in sp.text and sp.type is None:
            # "the Jackson family" is a group, but "Jackson said" beside "Michael Jackson" is the
            # person: a bare surname goes to a person the document names in full (the nearest
            # earlier one when several share it, below).
            if any(actors[c].type == "person" and actors[c].mentions for c in short.get(k, ())):
                idx = None
        if idx is None:
            cands = {c for c in short.get(k, set()) if not _title_conflict(sp.role, actors[c].roles)}
            if len(cands) == 1:
                idx = next(iter(cands))
            elif len(cands) > 1:
                # Several people share the surname: the nearest earlier mention wins.
                before = [(max((m[0] for m in actors[c].mentions if m[0] < sp.start), default=-1), c) for c in cands]
                best = max(before)
                idx = best[1] if best[0] >= 0 else None
        if idx is None and sp.evidence == "headline":
            _known_parts(text, sp, keys, short, actors, add_mention, headline_word, listed=listed)
            continue
        if idx is None and sp.evidence == "capitals":
            continue
        if idx is not None and _compatible(actors[idx].type, sp.type):
            add_mention(idx, sp.start, sp.end)
            if sp.role and sp.role not in actors[idx].roles:
                actors[idx].roles.append(sp.role)
            for al in sp.aliases:
                add_mention(idx, al.start, al.end)
        elif idx is None and sp.evidence == "according":
            # "according to Handelsblatt" and no one is called so: a publication.
            actors.append(DocActor(k, strip_the(sp.text), "media", strength=_STRENGTH["place-prep"]))
            idx = len(actors) - 1
            register(idx, sp.text)
            add_mention(idx, sp.start, sp.end)
        elif idx is None and sp.evidence == "place-prep" and not _acts_somewhere(text, sp.text, acting):
            # "in Erbil" and no one is called Erbil: a place the gazetteer does not list.
            actors.append(DocActor(k, strip_the(sp.text), "location", strength=_STRENGTH["place-prep"]))
            idx = len(actors) - 1
            register(idx, sp.text)
            add_mention(idx, sp.start, sp.end)
        elif idx is None and _may_be_short_name(tw, sp, g):
            pending.setdefault(sp.text, []).append((sp.start, sp.end))
            if not sp.weak and sp.evidence == "bare":
                mid.setdefault(sp.text, []).append((sp.start, sp.end))

    # An all-capitals headline names what the prose names ("WILLIAMS" for "Jamal Williams").
    for ls, le in upper_case_lines(text, breaks):
        if de and ds <= ls < de:
            continue
        line = NameSpan(ls, le, text[ls:le], None, evidence="headline")
        _known_parts(text, line, keys, short, actors, add_mention,
                     taken=[sp for sp in by_span if ls <= sp[0] < le])

    # A lone word written with its capital in mid-sentence at least twice (never in lower
    # case) is a name even when no full name claims it ("in the Chargers' offense"); its
    # sentence-initial and headline uses are then the same name ("Chargers defensive tackle").
    for w, got in mid.items():
        if len(got) < 2 or w not in pending or translit_key(w) in keys:
            continue
        guess = "organization" if re.search(r"[a-z]s$", w) and not w.endswith("ss") else "person"
        actors.append(DocActor(translit_key(w), w, guess, strength=_STRENGTH["bare"]))
        idx = len(actors) - 1
        register(idx, w)
        for s, e in pending.pop(w):
            add_mention(idx, s, e)

    _retype_guessed_people(text, actors, tw)
    _merge_acronyms(actors, keys, by_span)

    roles = []
    for si, spans in enumerate(per_sentence):
        for sp in spans:
            p = by_span.get((sp.start, sp.end))
            if p is None or not sp.role_of:
                continue
            for (s, e) in sp.role_of:
                o = by_span.get((s, e))
                if o is not None and o != p and actors[o].type in _ORGISH:
                    roles.append((p, o, si))
    for a in actors:
        a.mentions.sort()
    things = _products(text, actors, pending) | _diseases(actors, pending)
    claimed = {translit_key(a.name) for a in actors if a.mentions} | {
        translit_key(x) for a in actors if a.mentions for x in a.aliases}
    pending = {w: sp for w, sp in pending.items() if translit_key(w) not in claimed}
    return DocActors(actors, sentences, roles, by_span, pending, things)


# What only a medicine or a product is: "the antiviral (drug) Tamiflu", "drugs such as X", "doses of
# X", "X tablets". Not "X vaccine" or "the X drug" after the name: a maker's name stands there too.
_PRODUCT_BEFORE = re.compile(r"\b(?:(?:anti-?viral|drug|medicine|medication|sedative|painkiller|anaesthetic|anesthetic|"
                             r"antibiotic|treatment|vaccine)s?(?:\s+(?:called|named|such\s+as|like|including))?"
                             r"|(?:doses?|courses?|supplies|stocks?|stockpiles?|prescriptions?|tablets|pills|packs)\s+of"
                             r"|treated\s+with|prescribed)\s+(?:the\s+)?$", re.I)
_MODIFIER_OF = re.compile(r"[\s-]+(?:vaccines?|virus(?:es)?|flu|influenza|strains?|jabs?|shots?|drugs?|medicines?)\b", re.I)
_PRODUCT_AFTER = re.compile(r"\s+(?:tablets?|pills?|capsules?|doses?|prescriptions?)\b")
# Evidence at or below which a name can still be a product: a guess ("Tamiflu" said, a word twice in
# mid-sentence), never a given name, a title or a head word ("the drugs Michael Jackson took").
PRODUCT_MAX = _STRENGTH["speaker"]


def _products(text: str, actors: list[DocActor], pending: dict) -> set[str]:
    """Names the text shows to be medicines or products ("doses of Tamiflu"): their actors and
    pending words are dropped, and the names returned for the identity step."""
    def cue(s: int, e: int) -> bool:
        if text[e:e + 2] in ("'s", "’s") or _MODIFIER_OF.match(text, e):
            return False        # "stockpiles of Roche's drug": the maker; "doses of H1N1 vaccine": the disease
        return bool(_PRODUCT_BEFORE.search(text, max(0, s - 45), s)) or bool(_PRODUCT_AFTER.match(text, e))
    out: set[str] = set()
    for a in actors:
        if a.mentions and not a.canonical and a.strength <= PRODUCT_MAX and a.type != "location" \
                and any(cue(s, e) for s, e, _ in a.mentions):
            out.add(a.name)
            a.mentions = []
    for w, spans in list(pending.items()):
        if w in out or any(cue(s, e) for s, e in spans):
            out.add(w)
            del pending[w]
    return out


def _diseases(actors: list[DocActor], pending: dict) -> set[str]:
    """Names of diseases and pathogens ("Swine Flu", "H1N1": ``diseases.py``): their actors and
    pending words are dropped, and the names returned for the identity step, as products are."""
    out: set[str] = set()
    for a in actors:
        if a.mentions and not a.canonical and a.type != "location" and is_disease_name(a.name):
            out.add(a.name)
            a.mentions = []
    for w in [w for w in pending if is_disease_name(w)]:
        out.add(w)
        del pending[w]
    return out


_GENERATION = re.compile(r"(?:Jr|Sr|I{2,3}|IV|V)\.?,?")     # "Prince Michael Jackson II" is one name


# A table's field name: "Total Dead: 192", "Hospitalized: 542" at a line's start.
_FIELD_VALUE = re.compile(r"[ \t]*:[ \t]*[\d$£€]")


def _line_start(text: str, s: int) -> bool:
    nl = text.rfind("\n", 0, s)
    return not text[nl + 1:s].strip()


def _split_glued_names(per_sentence: list[list[NameSpan]]) -> None:
    """"the medical skills of Conrad Murray Jackson "died so rapidly"": a name written once that is
    a person's full name the document writes at least twice, followed by more words, is that name
    and the next one glued across a missing full stop or comma. Each becomes a span of its own."""
    counts: dict[str, int] = {}
    people: dict[str, int] = {}
    for spans in per_sentence:
        for sp in spans:
            if " " in sp.text:
                counts[sp.text] = counts.get(sp.text, 0) + 1
                if sp.type == "person":
                    people[sp.text] = people.get(sp.text, 0) + 1
    if not people:
        return
    for spans in per_sentence:
        for sp in list(spans):
            words = sp.text.split()
            if len(words) < 3 or counts.get(sp.text, 0) != 1 or sp.aliases or sp.type not in (None, "person"):
                continue
            for cut in range(len(words) - 1, 1, -1):
                head = " ".join(words[:cut])
                if people.get(head, 0) >= 2 and words[cut][:1].isupper() and not _GENERATION.fullmatch(words[cut]):
                    he = sp.start + len(head)
                    ts = sp.start + sp.text.index(words[cut], len(head))
                    first = NameSpan(sp.start, he, head, sp.type, None, sp.evidence, sp.weak, role=sp.role)
                    rest = NameSpan(ts, sp.end, sp.text[ts - sp.start:], None, None, "bare", False)
                    spans[spans.index(sp)] = first
                    spans.insert(spans.index(first) + 1, rest)
                    break
            else:
                # "Marlon, Jackie and Tito Jackson Michael Jackson fan Helen": a caption's last name
                # glued to the sentence's first, a full name written twice ending the span after
                # another name of two words or more.
                for cut in range(2, len(words) - 1):
                    tail = " ".join(words[cut:])
                    if people.get(tail, 0) >= 2 and " ".join(words[:cut]) not in people \
                            and all(w[:1].isupper() for w in words[:cut]):
                        ts = sp.start + sp.text.rindex(tail)
                        he = sp.start + len(sp.text[:ts - sp.start].rstrip())
                        first = NameSpan(sp.start, he, sp.text[:he - sp.start], sp.type, None, sp.evidence, sp.weak,
                                         role=sp.role)
                        rest = NameSpan(ts, sp.end, tail, None, None, "bare", False)
                        spans[spans.index(sp)] = first
                        spans.insert(spans.index(first) + 1, rest)
                        break


def _may_be_short_name(tw: TextWords, sp: NameSpan, g: Gazetteer) -> bool:
    """A lone capitalised word that could be a surname or a company's short name."""
    w = sp.text
    if sp.evidence not in ("bare", "speaker") or " " in w or len(w) < 3 or not w[:1].isupper():
        return False
    if w in g.stopwords or w in g.titles or w in g.demonyms or w in g.heads or w in g.descriptors or cues.MONTHS.fullmatch(w):
        return False
    if w.lower() in _NUMBER_WORDS:
        return False      # "Two others are thought to be infected": a count, no one's short name
    # A word also written in lower case here is a common word ("Police", "Despite").
    return not tw.has_lower(w)


def _known_parts(text, sp, keys, short, actors, add_mention, leftover=None, taken=None, listed=None) -> None:
    """In a title-case line, the longest runs of words that name an actor the prose knows.

    "AMD to Acquire Server Innovator SeaMicro" yields "SeaMicro" when the
    article calls a company so, and nothing for "Acquire Server Innovator".
    """
    words = [(m.start() + sp.start, m.end() + sp.start) for m in re.finditer(r"[^\s]+", sp.text)]
    taken = list(taken or ())
    for length in range(len(words) - 1, 0, -1):
        for a in range(0, len(words) - length + 1):
            s, e = words[a][0], words[a + length - 1][1]
            while e > s and text[e - 1] in ",;:'’\"!?":
                e -= 1
            if any(s < te and ts < e for ts, te in taken):
                continue
            k = translit_key(text[s:e])
            idx = keys.get(k)
            if idx is None:
                cands = short.get(k, set())
                idx = next(iter(cands)) if len(cands) == 1 else None
            if idx is None and listed is not None:
                idx = listed(s, e)
                if idx is not None:
                    add_mention(idx, s, e)
                    taken.append((s, e))
                    continue
            if idx is not None and actors[idx].mentions:
                add_mention(idx, s, e)
                taken.append((s, e))
    if leftover is None:
        return
    for s, e in words:
        while e > s and text[e - 1] in ",;:'’\"":
            e -= 1
        if not any(s < te and ts < e for ts, te in taken):
            leftover(s, e)


def _fold_into(actors: list, idx: int, into: int, keys: dict, by_span: dict):
    """Make actor ``idx`` part of actor ``into``: its mentions, names and lookup keys follow."""
    a, target = actors[idx], actors[into]
    for (s, e, t) in a.mentions:
        by_span[(s, e)] = into
        target.mentions.append((s, e, t))
    target.roles.extend(r for r in a.roles if r not in target.roles)
    for al in [a.name] + a.aliases:
        if al != target.name and al not in target.aliases:
            target.aliases.append(al)
    for kk, v in list(keys.items()):
        if v == idx:
            keys[kk] = into
    a.mentions = []
    return target


def _merge_short_forms(actors, keys, short, by_span, g) -> None:
    """Fold an actor whose whole name is another's short form into that one."""
    for idx, a in enumerate(actors):
        if not a.mentions or a.canonical:
            continue
        k = translit_key(a.name)
        # (A lone word typed a person only by "said" may be a team's or firm's short name.)
        cands = [c for c in short.get(k, ()) if c != idx and actors[c].mentions
                 and (_compatible(actors[c].type, a.type) or a.strength <= _STRENGTH["speaker"] and " " not in a.name)
                 and not any(_title_conflict(r, actors[c].roles) for r in a.roles)]
        if len(cands) != 1:
            continue
        target = _fold_into(actors, idx, cands[0], keys, by_span)
        if target.type == "organization" and a.type in ("group", "media"):
            target.type = a.type


# After a name: what only a company does ("X shares rose", "X was founded", "X's board").
_ORG_AFTER = re.compile(r"(?:['’]s)?\s+(?:shares?|stock|was\s+founded|is\s+based|is\s+headquartered|employs|"
                        r"board|shareholders|subsidiary|headquarters|flight|jet|plane|airliner|stores|"
                        r"products)\b")
# Before a name: only a place follows "in", "near", "outside" ("settlers in Beit El").
_PLACE_BEFORE = re.compile(r"\b(?:in|near|outside|into|across|around)\s+(?:the\s+)?(?:town|city|village|"
                           r"settlement|area|district)?\s*(?:of\s+)?$")


def _named_as_place(text: str, a: DocActor) -> bool:
    """A guessed person that is a sequence of places, as a reader signs "Pool Quay Welshpool" or
    "Fowey Cornwall": every word of it a place the gazetteer lists, or its last word, wherever the
    text writes it alone, in a place's context (``context.place_before``: "relatives from
    Welshpool", "a farm in Cornwall"), never as a possessive; not when its last word is a plural
    ("in Blazers history" beside "Trail Blazers")."""
    words = a.name.split()
    places = place_names()
    ends = {0}      # where a run of listed places, from the name's start, may end
    for j in range(1, len(words) + 1):
        if any(i in ends and " ".join(words[i:j]).lower() in places for i in range(j)):
            ends.add(j)
    if len(words) in ends:
        return True
    if re.search(r"[a-z][^s]s$", words[-1]):
        return False    # "Trail Blazers" ("in Blazers history"): a team's plural
    alone = [(s, e) for s, e, *_ in a.mentions if text[s:e] == words[-1]]
    return bool(alone) and all(place_before(text[max(0, s - 40):s]) and not re.match(r"['’]s\b", text[e:e + 2])
                               for s, e in alone)


_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_PLURAL_VERB = re.compile(r"\s+(?:are|were|have|have\s+been|'re|’re|'ve|’ve)\b")


def _retype_guessed_people(text: str, actors: list[DocActor], tw: TextWords) -> None:
    """A full name guessed to be a person becomes an organization when the text treats it as one."""
    g = load()
    org_first = {a.name.split()[0] for a in actors if a.type in _ORGISH and " " in a.name and a.mentions}
    by_name: dict[str, list[DocActor]] = {}
    for a in actors:
        by_name.setdefault(a.name, []).append(a)
    for a in actors:
        if a.type == "person" and " " not in a.name and a.strength <= _STRENGTH["speaker"] and a.name in org_first \
                and not a.roles:
            # "Columbia said" beside "Columbia Savings": the company's short name, not a person.
            a.type = "organization"
            continue
        if a.type != "person" or a.strength > _STRENGTH["full-name"] or len(a.name.split()) < 2:
            continue
        first, rest = a.name.split()[0], a.name.split()[1:]
        if first.lower() in _NUMBER_WORDS:
            # A number word is no given name: "Five Iraqis" is a count of people, "Three Gorges" a place or firm.
            if all(w in g.demonyms or w[:-1] in g.demonyms for w in rest):
                a.mentions = []
            else:
                a.type = "organization"
            continue
        # ("the X" is no evidence: "the Boris Yeltsin government", "the Elian Gonzalez case".)
        hits = sum(1 for s, e, _ in a.mentions if _ORG_AFTER.match(text, e))
        personal = any(re.match(r"\s*,?\s*(?:who|whose|he|she|said|says|told)\b", text[e:e + 8])
                       for s, e, _ in a.mentions)
        if not personal:
            personal = tw.surname_is_personal(a.name.split()[-1])
        words = a.name.split()
        common = [w for w in words if tw.has_lower(w)]
        if hits and not personal:
            a.type = "organization"
        elif any(_THE_BEFORE.search(text, max(0, s - 5), s) and _PLURAL_VERB.match(text, e) for s, e, _ in a.mentions):
            # "The Black Eyed Peas have announced": the article and a plural verb, which one person's
            # name never takes: a band, a team or a firm. Grammar is evidence: it outweighs the
            # guess of documents that only write the name (the identity step votes by strength).
            a.type = "organization"
            a.strength = max(a.strength, _STRENGTH["given-name"])
        elif not personal and words[0] not in load().given_names and tw.after_the(words[-1]) and re.search(r"[a-z]s$", words[-1]):
            # "San Diego Chargers" where the text says "the Chargers": a team or firm, not a person
            # (a family is "the Williamses", never "the Williams").
            a.type = "organization"
        elif not personal and len(common) == len(words):
            # "Total Assets", "Wanted List": every word is also written in lower case here,
            # and nothing says a person: a capitalised phrase, not a name.
            a.mentions = []
        elif not personal and words[0].endswith("ed") and words[0] not in load().given_names:
            a.mentions = []       # "Wanted List": a participle-led phrase, nothing says a person
        elif not personal and (common and common[-1] == words[-1] or _spells_acronym(a.name, by_name)):
            # "Advanced Micro Devices": ends in a common noun, or an acronym of it is used: no person.
            a.type = "organization"
        elif not personal and words[0] not in g.given_names and _named_as_place(text, a):
            a.type = "location"
        elif not personal and all(_PLACE_BEFORE.search(text[max(0, s - 30):s]) and not re.match(r"['’]s\b", text[e:e + 2])
                                  and not market_context(text[max(0, s - 40):s], text[e:e + 30])
                                  for s, e, _ in a.mentions):
            a.type = "location"


def _spells_acronym(name: str, by_name: dict[str, list[DocActor]]) -> bool:
    """``by_name``: the document's actors by name (a lookup, not a scan of every actor per name)."""
    ini = _initials(name)
    return len(ini) >= 2 and any(b.mentions for b in by_name.get(ini, ()))


_AGENT_VERB = r"\s+(?:said|says|reported|reporting|owns|owned|agreed|announced|posted|earned|plans|sold|bought)\b"


_ACTING = re.compile(r"\b([A-Z][\w'’.-]*)" + _AGENT_VERB)


def _acts_somewhere(text: str, word: str, cache: dict) -> bool:
    """"in Sun ... Sun reported a loss": a word that acts elsewhere in the text is no place.

    One pass over the text collects every capitalised word before such a verb,
    so a long document is read once, not once per candidate place.
    """
    if "acting" not in cache:
        cache["acting"] = {m.group(1) for m in _ACTING.finditer(text)}
    return word in cache["acting"]


def _initials(name: str) -> str:
    # An abbreviation inside a name counts whole: "US Navy" spells "USN", not "UN".
    return "".join(w if len(w) >= 2 and w.isupper() and w.isalpha() else w[0]
                   for w in re.findall(r"[\w’'-]+", name)
                   if w[0].isupper() and w.lower() not in ("and", "of", "for", "the"))


def _merge_acronyms(actors: list[DocActor], keys: dict, by_span: dict) -> None:
    """Fold an upper-case acronym ("FDA") into the one organization whose initials spell it."""
    for idx, a in enumerate(actors):
        if not a.mentions or a.type not in _ORGISH or not a.name.isupper() or not 2 <= len(a.name) <= 6 \
                or a.canonical:
            continue      # (a listed acronym, "EU", is its own listed name, not "El Universal"'s initials)
        cands = [c for c, b in enumerate(actors) if c != idx and b.mentions and b.type in _ORGISH
                 and len(b.name.split()) >= 2 and _initials(b.name) == a.name]
        if len(cands) != 1:
            continue
        _fold_into(actors, idx, cands[0], keys, by_span)
