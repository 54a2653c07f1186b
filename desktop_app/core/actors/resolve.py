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

from ..text.sentences import Sentence, dateline_span, split_sentences
from ..text.tokens import tokenize
from . import cues
from .gazetteer import Gazetteer, fold, load
from .context import market_context
from .names import NameSpan, SentenceNames
from .translit import translit_key

# Evidence strength when two mentions disagree on an actor's type.
_STRENGTH = {"gazetteer": 9, "citation": 8, "coordination": 7, "noun-after": 7, "noun-before": 7, "dateline": 6, "head": 6,
             "lower-org": 6, "facility": 6, "region-noun": 6, "apposition": 6, "title": 5,
             "acronym": 4, "parenthesis": 4, "compound": 3, "speaker": 3, "place-name": 2,
             "full-name": 2, "place-prep": 1, "article": 2, "bare": 0}
_PERSONISH = {"person"}
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


@dataclass
class DocActors:
    actors: list[DocActor]
    sentences: list[Sentence]
    # (person actor index, organization actor index, sentence index) from role appositions
    roles: list[tuple[int, int, int]]
    # mention (start, end) -> actor index, for the event builder
    by_span: dict[tuple[int, int], int]


_HEADER_LINE = re.compile(r"[A-Z][\w ]{0,24}:\s+\S")


def body_start(text: str) -> int:
    """Offset where the prose starts: a leading block of "Key: value" lines is metadata."""
    m = re.match(r"\s*", text)
    pos = m.end()
    first_block_end = text.find("\n\n", pos)
    block = text[pos:first_block_end if first_block_end >= 0 else len(text)]
    lines = [ln for ln in block.splitlines() if ln.strip()]
    if lines and all(_HEADER_LINE.match(ln.strip()) for ln in lines) and first_block_end >= 0:
        return first_block_end
    return 0


def _compatible(a: str, b: Optional[str]) -> bool:
    if b is None or a == b:
        return True
    return (a in _ORGISH and b in _ORGISH)


def _short_forms(name: str, type_: str, g: Gazetteer) -> list[str]:
    """Shorter names an actor is also called by: surname, name without its head word."""
    words = [w for w in re.split(r"\s+", name) if w]
    if type_ == "person" and len(words) >= 2:
        out = [words[-1]]
        if len(words) >= 3:
            out.append(words[0] + " " + words[-1])
        return out
    # Not media: a paper's first word is usually its city ("Porto Gazette", "Jerusalem Post").
    if type_ in ("organization", "group") and len(words) >= 2 and words[-1] in g.heads:
        return [" ".join(words[:-1])]
    return []


def resolve_document(text: str, g: Optional[Gazetteer] = None, *, sentences: Optional[list[Sentence]] = None,
                     tokens: Optional[list[list]] = None, dateline: Optional[tuple[int, int]] = None) -> DocActors:
    """``sentences``/``tokens``/``dateline``: the document's sentences, per-sentence tokens and
    dateline span when the caller (core/annotated.py) already found them; an empty token list
    means "find no names here" (byline, sign-off)."""
    g = g or load()
    crime = bool(cues.CRIMINAL.search(text))
    shared = sentences is not None and tokens is not None
    if not shared:
        sentences = split_sentences(text)
    body = body_start(text)
    per_sentence: list[list[NameSpan]] = []
    for k, sent in enumerate(sentences):
        if shared:
            toks = tokens[k]
        else:
            toks = tokenize(sent.text, sent.start) if sent.start >= body else []
        per_sentence.append(SentenceNames(text, toks, g, crime).find() if toks else [])

    _dateline_place(text, sentences, per_sentence, dateline if shared else None)

    actors: list[DocActor] = []
    keys: dict[str, int] = {}        # translit key -> actor index (full names and aliases)
    short: dict[str, set[int]] = {}  # short-form key -> candidate actors
    by_span: dict[tuple[int, int], int] = {}

    def register(idx: int, surface: str, strong_alias: bool = True) -> None:
        k = translit_key(surface)
        if k and (strong_alias or k not in keys):
            keys.setdefault(k, idx)
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
        return re.sub(r"^(?:the|The)\s+", "", s)

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
        if idx is not None and not _compatible(actors[idx].type, sp.type):
            idx = None
        if idx is None and len(sp.text.split()) == 1 or idx is None and sp.type == "person":
            cands = [c for c in short.get(k, ()) if _compatible(actors[c].type, sp.type)]
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
        for al in sp.aliases:
            keys.setdefault(translit_key(al.text), idx)
            add_mention(idx, al.start, al.end)

    # Short forms can only be matched once all full names are known: redo them
    # for typed single words that became actors of their own above.
    _merge_short_forms(actors, keys, short, by_span, g)

    acting: dict = {}
    for si, spans in enumerate(per_sentence):
        for sp in spans:
            if sp.type and not sp.weak:
                continue
            k = translit_key(strip_the(sp.text))
            idx = keys.get(k)
            if idx is None:
                cands = short.get(k, set())
                if len(cands) == 1:
                    idx = next(iter(cands))
                elif len(cands) > 1:
                    # Several people share the surname: the nearest earlier mention wins.
                    before = [(max((m[0] for m in actors[c].mentions if m[0] < sp.start), default=-1), c) for c in cands]
                    best = max(before)
                    idx = best[1] if best[0] >= 0 else None
            if idx is not None and _compatible(actors[idx].type, sp.type):
                add_mention(idx, sp.start, sp.end)
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

    _retype_guessed_people(text, actors)
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
    return DocActors(actors, sentences, roles, by_span)


def _fold_into(actors: list, idx: int, into: int, keys: dict, by_span: dict):
    """Make actor ``idx`` part of actor ``into``: its mentions, names and lookup keys follow."""
    a, target = actors[idx], actors[into]
    for (s, e, t) in a.mentions:
        by_span[(s, e)] = into
        target.mentions.append((s, e, t))
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
        cands = [c for c in short.get(k, ()) if c != idx and actors[c].mentions
                 and _compatible(actors[c].type, a.type)]
        if len(cands) != 1:
            continue
        target = _fold_into(actors, idx, cands[0], keys, by_span)
        if target.type == "organization" and a.type in ("group", "media"):
            target.type = a.type


def _dateline_place(text: str, sentences: list[Sentence], per_sentence: list[list[NameSpan]],
                    span: Optional[tuple[int, int]] = None) -> None:
    """The upper-case word opening a dateline ("GOMA, April 5 (AFP) -") is the place it was filed from."""
    ds, de = span if span is not None else dateline_span(text)
    if not de:
        return
    for sent, spans in zip(sentences, per_sentence):
        if sent.start != ds:
            continue
        for sp in spans:
            if sp.start == ds and sp.type in (None, "organization", "person") and sp.evidence != "gazetteer":
                sp.type, sp.evidence, sp.weak = "location", "dateline", False


# After a name: what only a company does ("X shares rose", "X was founded", "X's board").
_ORG_AFTER = re.compile(r"(?:['’]s)?\s+(?:shares?|stock|was\s+founded|is\s+based|is\s+headquartered|employs|"
                        r"board|shareholders|subsidiary|headquarters|flight|jet|plane|airliner|stores|"
                        r"products)\b")
# Before a name: only a place follows "in", "near", "outside" ("settlers in Beit El").
_PLACE_BEFORE = re.compile(r"\b(?:in|near|outside|into|across|around)\s+(?:the\s+)?(?:town|city|village|"
                           r"settlement|area|district)?\s*(?:of\s+)?$")


def _retype_guessed_people(text: str, actors: list[DocActor]) -> None:
    """A full name guessed to be a person becomes an organization when the text treats it as one."""
    for a in actors:
        if a.type != "person" or a.strength > _STRENGTH["full-name"] or len(a.name.split()) < 2:
            continue
        # ("the X" is no evidence: "the Boris Yeltsin government", "the Elian Gonzalez case".)
        hits = sum(1 for s, e, _ in a.mentions if _ORG_AFTER.match(text, e))
        personal = any(re.match(r"\s*,?\s*(?:who|whose|he|she|said|says|told)\b", text[e:e + 8])
                       for s, e, _ in a.mentions)
        if hits and not personal:
            a.type = "organization"
        elif not personal and all(_PLACE_BEFORE.search(text[max(0, s - 30):s]) and not re.match(r"['’]s\b", text[e:e + 2])
                                  and not market_context(text[max(0, s - 40):s], text[e:e + 30])
                                  for s, e, _ in a.mentions):
            a.type = "location"


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
    return "".join(w[0] for w in re.findall(r"[\w’'-]+", name)
                   if w[0].isupper() and w.lower() not in ("and", "of", "for", "the"))


def _merge_acronyms(actors: list[DocActor], keys: dict, by_span: dict) -> None:
    """Fold an upper-case acronym ("FDA") into the one organization whose initials spell it."""
    for idx, a in enumerate(actors):
        if not a.mentions or a.type not in _ORGISH or not a.name.isupper() or not 2 <= len(a.name) <= 6:
            continue
        cands = [c for c, b in enumerate(actors) if c != idx and b.mentions and b.type in _ORGISH
                 and len(b.name.split()) >= 2 and _initials(b.name) == a.name]
        if len(cands) != 1:
            continue
        _fold_into(actors, idx, cands[0], keys, by_span)
