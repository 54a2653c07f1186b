"""Cross-document identity: which document-level actors are one real-world actor.

Runs once after every document has been read on its own. Each document
actor is an *entry* (its name, type, aliases, roles and the document it came
from). Entries are joined in three passes, each of which writes down why:

1. **Same name.** Entries whose names agree after folding case, accents,
   transliteration and company-form suffixes ("SeaMicro Inc." = "SeaMicro")
   are one actor, within a type family (people apart from organizations);
   when only a weak guess typed one side ("Apple said" read as a person) the
   side with stronger type evidence takes it.
2. **Full aliases.** An alias a document spelled out ("Federal Bureau of
   Investigation (FBI)") joins the actor so named, if only one actor is.
   A person's surname alone is no such alias, and two people's names whose
   given names differ never join ("Laci" / "Scott" Peterson).
3. **Short forms.** An actor known only by a short form (a surname, a first
   name, an acronym, a name without its leading place or head word) joins the
   one full name it can stand for. A title blocks the join when the full name
   never carries it ("King Hussein" is not "President Saddam Hussein"); when
   several full names fit, the actors and places named beside each (weighted
   by how rare they are) must favour one clearly, else the short form stays
   apart.

Everything is dictionaries keyed by name keys, so the work grows with the
number of entries, not with its square.
"""
from __future__ import annotations

import heapq
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from typing import Optional

import numpy as np
from desktop_app.core.union_find import UnionFind

from .gazetteer import drop_corporate_suffix, load
from .identity_index import DocNames, Records, collapse_plan, distinct
from .mention_role import can_be_place
from .translit import translit_key

_ORGISH = {"organization", "group", "media"}
# Type evidence at or below this strength is a guess another document may overturn.
_WEAK = 3
# Honorifics say nothing about which person of a surname is meant.
_HONORIFIC = {"mr", "mrs", "ms", "miss", "dr", "doctor", "sir", "dame", "madam", "mx", "prof", "professor"}
_ROLE_MODIFIERS = {"former", "acting", "then", "late", "ex", "the", "us", "u.s", "senior", "interim", "new", "current"}
# A lone surname that fits more full names than this is left apart without scoring them:
# a clear two-to-one winner among so many is rare, and scoring them all is what costs.
_MAX_CANDIDATES = 10
_NONE: frozenset = frozenset()
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve dozens hundreds "
                          "thousands".split())
_PARTICLES = {"bin", "ibn", "al", "el", "de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "la", "le",
              "abu", "ben", "dos", "das", "st"}


def family(type_: str) -> str:
    return "org" if type_ in _ORGISH else type_


_ABBREVIATED = {"mt": "Mount", "st": "Saint", "ft": "Fort", "pt": "Point",
                # British and American spellings of one name word ("Lincoln Centre" = "Lincoln Center")
                "centre": "Center", "theatre": "Theater", "defence": "Defense", "organisation": "Organization"}


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The identity key of a name: spelling-folded, without "the", company-form suffixes,
    middle initials ("Raj K. Chohan" = "Raj Chohan"), with "Mt"/"St"/"Ft" spelled out and
    British spellings of name words ("Centre", "Defence") in their American form."""
    w = _words(drop_corporate_suffix(name.strip()))
    if len(w) >= 3:
        w = [w[0]] + [x for x in w[1:-1] if not re.fullmatch(r"[A-Z]\.?", x)] + [w[-1]]
    w = [_ABBREVIATED.get(x.lower().rstrip("."), x) for x in w]
    return translit_key(" ".join(w))


@lru_cache(maxsize=1 << 16)
def _bare_length(name: str) -> int:
    return len(_words(drop_corporate_suffix(name)))


@lru_cache(maxsize=1 << 16)
def _words(name: str) -> tuple[str, ...]:
    return tuple(name.split())


def title_of(role: str) -> Optional[str]:
    """The title word a role names ("Crown Prince" -> "prince"), or None for an honorific or a descriptor."""
    words = [w.lower().rstrip(".") for w in role.split() if w.lower().rstrip(".") not in _ROLE_MODIFIERS]
    if not words or words[-1] in _HONORIFIC or words[-1] in _descriptor_words():
        return None      # "actress", "forward", "chipmaker": what one does, not a title that tells people apart
    return words[-1]


@lru_cache(maxsize=1)
def _descriptor_words() -> frozenset:
    return frozenset(w.lower() for w in load().descriptors)


@dataclass(slots=True)
class Entry:
    """One document's actor, as the identity step sees it."""
    name: str
    type: str
    aliases: list[str]
    strength: int
    canonical: bool
    doc: str
    roles: list[str] = field(default_factory=list)
    pending: bool = False          # a lone word its document could not place: joins a full name or is dropped


@dataclass
class Identity:
    groups: list[list[int]]              # entry indexes per actor, in first-seen order
    evidence: list[list[str]]            # why each actor's entries are one, per group


def resolve_identities(entries: list[Entry], places: Optional[set] = None) -> Identity:
    """Group entries into actors. ``places`` are name keys of places (for "U.S. Geological Survey").

    Entries of one full name, type and role are one record first (a name in a
    thousand documents is resolved once); a lone surname or a pending word
    stays one record per document, since each document may mean another person.
    """
    recs = _collapse(entries)
    rank, evidence = _resolve(recs, places)
    return Identity(recs.expand(rank, len(evidence)), evidence)


def _collapse(entries: list[Entry]) -> Records:
    order, starts, sigs, doc_of, doc_names = collapse_plan(entries)
    n = len(entries)
    strength = np.fromiter((e.strength for e in entries), dtype=np.int64, count=n)[order]
    canonical = np.fromiter((e.canonical for e in entries), dtype=bool, count=n)[order]
    sig_starts = starts[:-1]
    best = np.maximum.reduceat(strength, sig_starts).tolist() if n else []
    canon = np.logical_or.reduceat(canonical, sig_starts).tolist() if n else []
    # Aliases of a collapsed record, in entry order (only entries that have any are visited).
    sig_at = np.repeat(np.arange(len(sigs)), np.diff(starts))
    pos_of = np.empty(n, dtype=np.int64)
    pos_of[order] = np.arange(n)
    alias_of: dict[int, list[int]] = {}
    for i in compress(range(n), map(attrgetter("aliases"), entries)):
        alias_of.setdefault(int(sig_at[pos_of[i]]), []).append(i)
    recs: list[Entry] = []
    sizes: list[int] = []
    lone: list[tuple[int, int]] = []
    st = starts.tolist()
    for s in range(len(sigs)):
        a, b = st[s], st[s + 1]
        first = entries[int(order[a])]
        if b - a == 1 or first.pending or (first.type == "person" and _is_short_person(first.name)):
            # one record per document: each may mean someone else
            if first.pending or (first.type == "person" and _is_short_person(first.name)):
                lone.append((len(recs), len(recs) + b - a))
            recs.extend(entries[i] for i in order[a:b].tolist())
            sizes.extend([1] * (b - a))
            continue
        aliases: list[str] = []
        seen: set[str] = set()
        for i in alias_of.get(s, ()):
            for al in entries[i].aliases:
                if al not in seen:
                    seen.add(al)
                    aliases.append(al)
        recs.append(Entry(first.name, first.type, aliases, best[s], canon[s], first.doc, list(first.roles), False))
        sizes.append(b - a)
    ptr = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=ptr[1:])
    return Records(recs, order, ptr, doc_of[order], doc_names, lone)


class _Names:
    """The records' name keys, numbered in sorted order, and (built on first use) where each is written."""

    def __init__(self, recs: Records, keys: list[str]) -> None:
        self.recs = recs
        self.text = sorted(set(keys) - {""})
        number = {k: j for j, k in enumerate(self.text)}
        self.of_rec = [number.get(k, -1) for k in keys]
        self._docs: Optional[DocNames] = None
        self._shown: Optional[dict[int, str]] = None

    def shown(self, k: int) -> str:
        """A key as written: the name of the first record that has it."""
        if self._shown is None:
            self._shown = {}
            for i, j in enumerate(self.of_rec):
                if j >= 0 and j not in self._shown:
                    self._shown[j] = self.recs.entries[i].name
        return self._shown.get(k, self.text[k] if 0 <= k < len(self.text) else "")

    @property
    def docs(self) -> DocNames:
        if self._docs is None:
            self._docs = DocNames(self.recs, self.of_rec, len(self.text))
        return self._docs


def _resolve(recs: Records, places: Optional[set] = None) -> tuple[np.ndarray, list[list[str]]]:
    """Each record's actor number (actors in first-seen order) and why each actor's records are one."""
    entries = recs.entries
    n = len(entries)
    is_lone = np.zeros(n, dtype=bool)
    for a, b in recs.lone:
        is_lone[a:b] = True
    normal = np.flatnonzero(~is_lone).tolist()      # records neither a lone surname nor a pending word
    uf = UnionFind(n)
    why: dict[int, list[str]] = defaultdict(list)     # root -> reasons (moved on union)
    folded = {nm: name_key(nm) for nm in {e.name for e in entries}}      # each distinct name folded once
    keys = [folded[e.name] for e in entries]
    fams = [family(e.type) for e in entries]
    names = _Names(recs, keys)

    def join(a: int, b: int, reason) -> None:
        """Union a and b, recording ``reason`` (a string, or a function giving it, called only
        when the reason is kept: an actor keeps its first 40)."""
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return
        r = uf.union(ra, rb)
        other = rb if r == ra else ra
        moved = why.pop(other, [])
        lst = why[r]
        lst.extend(moved)
        if len(lst) < 40:
            if callable(reason):
                reason = reason()
            if reason not in lst:
                lst.append(reason)

    # 1. Same name within a type family.
    # A lone surname is left out here: "Hussein" in one story and "Hussein" in another
    # may be two people; pass 3 decides for each document on its own.
    short_person = [fams[i] == "person" and _is_short_person(e.name) for i, e in enumerate(entries)]
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    parent = uf.parent
    for i in normal:
        k = keys[i]
        if k:
            group = by_key[(fams[i], k)]
            if group:
                parent[i] = group[0]      # one union per entry, without the bookkeeping of join()
            group.append(i)
    for (fam, k), idx in by_key.items():
        n_docs = sum(recs.sizes[i] for i in idx)
        if n_docs > 1:
            why[idx[0]].append(f"same name \"{entries[idx[0]].name}\" in {n_docs} documents")
    # ... and across families when one side is only a guess ("Apple said" typed a person).
    fam_of_key: dict[str, list[str]] = defaultdict(list)
    for fam, k in by_key:
        fam_of_key[k].append(fam)
    for k, fl in fam_of_key.items():
        if len(fl) < 2:
            continue
        best = {f: max(entries[i].strength for i in by_key[(f, k)]) for f in fl}
        strong = [f for f in fl if best[f] > _WEAK]
        if len(strong) == 1:
            s = by_key[(strong[0], k)][0]
            for f in fl:
                if f != strong[0] and best[f] <= _WEAK:
                    join(s, by_key[(f, k)][0],
                         f"same name \"{entries[s].name}\"; typed {entries[s].type} on stronger evidence")
        elif not strong and "person" in fl and "org" in fl and len(_words(entries[by_key[("org", k)][0]].name)) >= 2:
            # "Indianapolis Colts" guessed a person in one story and an organization in
            # another, each on weak evidence: one full name of several words is one actor
            # (its type is then the one most documents give it).
            s = by_key[("org", k)][0]
            join(s, by_key[("person", k)][0], f"same name \"{entries[s].name}\" typed person and organization, "
                 "both on weak evidence")
        elif not strong and "org" in fl and "location" in fl and best["location"] <= 1:
            # "in Colts history" made a place only by its preposition; elsewhere the name is a team.
            s = by_key[("org", k)][0]
            join(s, by_key[("location", k)][0], f"same name \"{entries[s].name}\"; a place only by a preposition")
        # A country or city the gazetteer lists, typed an organization where the state acts
        # under its name: one actor, each mention keeping its role (core/actors/mention_role.py).
        if "location" in fl and "org" in fl:
            place, state = by_key[("location", k)][0], by_key[("org", k)][0]
            # ("Boston Corp." is a company, not Boston acting: no company-form suffix on the other side.)
            if entries[state].type in ("organization", "group") and can_be_place(entries[place].name, "") \
                    and all(drop_corporate_suffix(entries[i].name) == entries[i].name for i in by_key[("org", k)]) \
                    and uf.find(place) != uf.find(state):
                join(place, state, f"same name \"{entries[place].name}\": the place and the state acting under its name")
    # A lone word guessed a person ("Microsoft said") where the corpus types the same name an
    # organization on strong evidence ("Microsoft Corp."): the organization.  Such a word is always
    # a lone record (one per document), so only those ranges are visited.  Not when the word is
    # the surname of a person the corpus names in full: "Jackson said" beside "Michael Jackson" is
    # that person, not "the Jackson family" typed a group elsewhere (pass 3 decides which person).
    surnames = _surnames(entries, normal, fams)
    for lo, hi in recs.lone:
        for i in range(lo, hi):
            e = entries[i]
            if short_person[i] and not e.pending and not e.roles and e.strength <= _WEAK \
                    and len(_words(e.name)) == 1 and keys[i] not in surnames:
                org = by_key.get(("org", keys[i]))
                if org and max(entries[j].strength for j in org) > _WEAK:
                    join(org[0], i, f"same name \"{e.name}\"; a guessed person in {e.doc}, typed "
                         f"{entries[org[0]].type} on stronger evidence elsewhere")

    def group_fam(r: int) -> str:
        return fams[r]

    # Name keys of full names, per family, for the alias and short-form passes.
    full_owner: dict[tuple[str, str], set[int]] = defaultdict(set)
    root = uf.roots()
    for i in normal:
        if keys[i]:
            full_owner[(fams[i], keys[i])].add(root[i])
    for a, b in recs.lone:
        if keys[a] and not entries[a].pending:
            full_owner[(fams[a], keys[a])].update(root[a:b])

    # 2. Full aliases a document spelled out.
    for i in compress(range(n), map(attrgetter("aliases"), entries)):
        e = entries[i]
        own_words = _words(e.name)
        for al in e.aliases:
            ak = name_key(al)
            if not ak or ak == keys[i]:
                continue
            aw = _words(al)
            if fams[i] == "person":
                # A surname or first name alone is a short form (pass 3), and two full
                # names with different given names are two people.
                if len(aw) < 2 or (len(own_words) >= 2 and translit_key(aw[0]) != translit_key(own_words[0])):
                    continue
            owners = {uf.find(r) for r in full_owner.get((fams[i], ak), ())} - {uf.find(i)}
            if len(owners) == 1:
                o = owners.pop()
                join(i, o, f"\"{al}\" written as another name of \"{e.name}\" in {e.doc}")

    # 2b. A short given name: "Mo Cheeks" is "Maurice Cheeks" when context agrees.
    _nickname_joins(recs, names, keys, fams, uf, join, normal)
    # 3. Short forms.
    _short_forms(recs, names, keys, fams, uf, join, places or set(), short_person, normal)
    # 4. Lone surnames no full name claimed: the same surname is one actor.
    # Per run of one surname (runs are records in order): the records still on their own, and
    # their title; then, per surname, the records of each title in record order.
    parent = np.asarray(uf.parent, dtype=np.int64)
    has_reasons = np.zeros(n, dtype=bool)
    has_reasons[[r for r, lst in why.items() if lst]] = True
    left: dict[tuple[str, str], list[tuple[int, Optional[str], list[int]]]] = defaultdict(list)
    for a, b in recs.lone:
        if not (short_person[a] and keys[a]) or entries[a].pending:
            continue
        span = np.arange(a, b)
        alone = span[(parent[a:b] == span) & ~has_reasons[a:b]].tolist()
        if alone:
            roles = entries[a].roles
            t = next((t for r in roles if (t := title_of(r))), None) if roles else None
            left[(fams[a], keys[a])].append((alone[0], t, alone))
    for runs in left.values():
        # Different titles are different people ("King Hussein", "President Hussein");
        # untitled mentions join the titled one only when there is just one.
        by_title: dict[Optional[str], list[int]] = {}
        for _, t, alone in sorted(runs, key=lambda x: x[0]):
            by_title.setdefault(t, []).extend(alone)
        if len(runs) > 1:
            for t in by_title:
                by_title[t].sort()
        titled = [t for t in by_title if t is not None]
        if len(titled) == 1 and None in by_title:
            by_title[titled[0]].extend(by_title.pop(None))
        for group in by_title.values():
            _join_all(group, entries, join, uf, why, recs)

    # Actors numbered in the order of their lowest record (the root: unions keep the lowest).
    roots = np.asarray(uf.roots(), dtype=np.int64)
    firsts = distinct(roots)
    return np.searchsorted(firsts, roots), [why.get(r, []) for r in firsts.tolist()]


def _surnames(entries: list[Entry], normal: list[int], fams: list[str]) -> set[str]:
    """Keys of the last words of the full personal names (two words or more) the corpus writes."""
    out: set[str] = set()
    for w in {entries[i].name for i in normal if fams[i] == "person"}:
        words = _words(w)
        if len(words) >= 2 and words[0].lower() not in _PARTICLES:
            out.add(translit_key(words[-1]))
    return out


@lru_cache(maxsize=1 << 16)
def _is_short_person(name: str) -> bool:
    w = _words(name)
    return len(w) == 1 or (len(w) >= 2 and w[0].lower() in _PARTICLES)


def _join_all(idx: list[int], entries: list[Entry], join, uf: UnionFind, why: dict, recs: Records) -> None:
    if len(idx) < 2:
        return
    docs = recs.doc_count(idx)
    reason = f"same name \"{entries[idx[0]].name}\" in {docs} documents" if docs > 1 else \
        f"same name \"{entries[idx[0]].name}\""
    parent = uf.parent
    if all(parent[i] == i and not why.get(i) for i in idx):
        # Lone records without reasons (the usual case): what joining them one by one
        # gives (the lowest number as root, one reason), without the per-join bookkeeping.
        root = min(idx)
        for i in idx:
            parent[i] = root
        why[root] = [reason]
        return
    for i in idx[1:]:
        join(idx[0], i, reason)


@lru_cache(maxsize=1 << 16)
def _person_forms(name: str) -> tuple[tuple[str, str], ...]:
    """(kind, key) short forms of a full personal name: surname, surname with particles, first name."""
    w = _words(name)
    w = [x for x in w if not re.fullmatch(r"(?:[A-Z]\.)+|Jr\.?|Sr\.?|I{2,3}|IV", x)] or w
    if len(w) < 2:
        return []
    out = [("surname", translit_key(w[-1])), ("first name", translit_key(w[0]))]
    for k in range(1, len(w) - 1):
        if w[k].lower() in _PARTICLES:          # "Bin Laden", "de Gaulle"
            out.append(("surname", translit_key(" ".join(w[k:]))))
            break
    if len(w) >= 3:
        out.append(("first and last name", translit_key(w[0] + " " + w[-1])))
        out.append(("given names", translit_key(" ".join(w[:-1]))))
    return tuple(out)


def _org_forms(name: str, places: set) -> list[tuple[str, str]]:
    forms, first = _org_forms_of(name)
    # "U.S. Geological Survey" -> "Geological Survey"; a place is no first-word short form.
    return [(kind, k) for kind, k in forms if not (kind == "first word" and first in places)] + (
        [("name without its place", rest)] if first in places and (rest := _without_first(name)) else [])


@lru_cache(maxsize=1 << 16)
def _without_first(name: str) -> str:
    w = _words(drop_corporate_suffix(name))
    return translit_key(" ".join(w[1:])) if len(w) >= 2 else ""


@lru_cache(maxsize=1 << 16)
def _org_forms_of(name: str) -> tuple[tuple[tuple[str, str], ...], str]:
    w = _words(drop_corporate_suffix(name))
    out = []
    if len(w) < 2:
        return (), ""
    # An abbreviation inside a name counts whole: "US Navy" spells "USN", not "UN".
    ini = "".join(x if len(x) >= 2 and x.isupper() and x.isalpha() else x[0]
                  for x in w if x[:1].isupper() and x.lower() not in ("and", "of", "for", "the", "&"))
    # ("Two Britons" is a count of people: "TB" is not its acronym.)
    if len(ini) >= 2 and w[0].lower() not in _NUMBER_WORDS:
        out.append(("acronym", translit_key(ini)))
    # "Academy of Motion Picture Arts and Sciences" -> "Academy"
    if len(w[0]) >= 3 and w[0][:1].isupper():
        out.append(("first word", translit_key(w[0])))
    # "INS Sukanya" -> "Sukanya": a ship's or unit's prefix letters
    if len(w) >= 2 and 2 <= len(w[0]) <= 4 and w[0].isupper() and w[0].isalpha() and w[1][:1].isupper() \
            and not w[1].isupper():
        out.append(("name without its prefix", translit_key(" ".join(w[1:]))))
    # "San Diego Chargers" -> "Chargers"
    if w[-1][:1].isupper() and w[-1].endswith("s") and not w[-1].endswith("ss"):
        out.append(("last word", translit_key(w[-1])))
    return tuple(out), translit_key(w[0])


class _Groups(dict):
    """Group root -> its records; a root not listed is a record on its own."""

    def __missing__(self, r: int) -> list[int]:
        return [r]


def _short_forms(recs: Records, names: _Names, keys, fams, uf, join, places, short_person, normal) -> None:
    entries = recs.entries
    n = len(entries)
    # Groups as they stand after passes 1-2; a lone surname or pending word still on its own
    # (most of them) is left to its run, handled once per run below.
    roots = uf.roots()
    r_arr = np.asarray(roots, dtype=np.int64)
    on_own = np.zeros(n, dtype=bool)
    for a, b in recs.lone:
        on_own[a:b] = True
    on_own &= (r_arr == np.arange(n)) & (np.bincount(r_arr, minlength=n)[r_arr] == 1)
    members = _Groups()
    for i in np.flatnonzero(~on_own).tolist():
        members.setdefault(roots[i], []).append(i)
    runs = [(a, b, np.flatnonzero(on_own[a:b]) + a) for a, b in recs.lone]
    # Per record, looked up by number: most groups are one lone surname, so the
    # checks below read one record rather than looping over a group.
    bare = {nm: _bare_length(nm) for nm in {e.name for e in entries}}
    length = [bare[e.name] for e in entries]
    pend = [e.pending for e in entries]
    # (A lone surname on its own is never a candidate full name: it needs no length.)
    longest: dict[int, int] = {r: length[r] if len(idx) == 1 else max(length[i] for i in idx)
                               for r, idx in members.items() if len(idx) > 1 or not short_person[r]}
    # Short-form key -> longer-named groups it can stand for.
    index: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
    named: dict[str, set[int]] = defaultdict(set)     # name key -> groups so named (for pending words)
    for a, b, alone in runs:
        if not pend[a] and len(alone):
            named[keys[a]].update(alone.tolist())
    for r, idx in members.items():
        if len(idx) == 1:
            if pend[r]:
                continue
            named[keys[r]].add(r)
            if short_person[r] or longest[r] < 2:
                continue
        else:
            if any(pend[i] for i in idx):
                continue
            for i in idx:
                named[keys[i]].add(r)
            if longest[r] < 2 or (fams[r] == "person" and all(short_person[i] for i in idx)):
                continue
        for nm in {entries[i].name for i in idx}:
            forms = _person_forms(nm) if fams[r] == "person" else _org_forms(nm, places)
            for kind, k in forms:
                if k and k != name_key(nm):
                    index[(fams[r], k)].setdefault(r, kind)
    if not index:
        return
    # Context: the other names of each document (numbered keys), weighted by rarity.
    written = names.docs
    df = written.df
    ctx_cache: dict[int, frozenset] = {}

    def group_context(c: int) -> frozenset:
        """Every name written beside the actor in any of its documents."""
        got = ctx_cache.get(c)
        if got is None:
            own = {names.of_rec[i] for i in members[c]}
            got = written.of_docs(docs_array(c)) - own
            ctx_cache[c] = got
        return got

    title_cache: dict[int, set[str]] = {}

    def titles(idx: list[int], cache_key: Optional[int] = None) -> set[str]:
        got = title_cache.get(cache_key) if cache_key is not None else None
        if got is None:
            got = {t for i in idx for role in entries[i].roles if (t := title_of(role))}
            if cache_key is not None:
                title_cache[cache_key] = got
        return got

    full_cache: dict[int, str] = {}

    def full_name_of(c: int) -> str:
        got = full_cache.get(c)
        if got is None:
            got = full_cache[c] = max({entries[i].name for i in members[c]}, key=lambda x: (len(_words(x)), x))
        return got

    doc_cache: dict[int, np.ndarray] = {}

    def docs_array(c: int) -> np.ndarray:
        got = doc_cache.get(c)
        if got is None:
            got = doc_cache[c] = recs.docs(members[c])
        return got

    doc_set_cache: dict[int, set[int]] = {}
    sex_cache: dict[int, set[str]] = {}
    entries_cache: dict[int, int] = {}
    rec_sizes = recs.sizes
    first_doc = recs.doc_at[recs.ptr[:-1]].tolist() if n else []     # each record's first entry's document

    def n_entries(c: int) -> int:
        got = entries_cache.get(c)
        if got is None:
            got = entries_cache[c] = sum(rec_sizes[i] for i in members[c])
        return got

    def sex_of(c: int) -> set[str]:
        got = sex_cache.get(c)
        if got is None:
            got = sex_cache[c] = _sexes(entries[i].roles for i in members[c])
        return got

    def docs_of(c: int) -> set[int]:
        got = doc_set_cache.get(c)
        if got is None:
            got = doc_set_cache[c] = set(docs_array(c).tolist())
        return got

    def short_form_note(c: int, r: int, shared: frozenset, n_scored: int, docs_here: set, kind: str,
                        mine: frozenset) -> str:
        """Why record ``r`` joins the full name of group ``c`` (built only when it is kept)."""
        name = entries[r].name
        full_name = full_name_of(c)
        note = f"\"{name}\" is the {kind} of \"{full_name}\"" if kind != "same name" else \
            f"\"{name}\" (untyped where written) is the name of \"{full_name}\""
        note += ", the only full name it fits" if n_scored == 1 else f", the likeliest of {n_scored} full names"
        if shared:
            shown = heapq.nsmallest(3, shared, key=lambda x: (df[x], x))     # the rarest three
            note += "; named beside: " + ", ".join(names.shown(x) for x in shown)
        if mine:
            note += "; same title: " + ", ".join(sorted(mine & titles(members[c], c)))
        if len(docs_here) == 1:
            note += f" (in {recs.doc_names[next(iter(docs_here))]})"
        return note

    # Units that may be short forms: each lone surname on its own, else whole groups;
    # units of one name, family and title share their candidates.
    # Units are taken in the order of their group's lowest record, then their own.
    pieces: dict[tuple, list] = defaultdict(list)     # bucket -> [(order, units)] in one or more pieces
    for a, b, alone in runs:
        if len(alone):
            roles = entries[a].roles
            mine = frozenset(t for role in roles if (t := title_of(role))) if roles else _NONE
            units = [[i] for i in alone.tolist()]
            pieces[(fams[a], keys[a], entries[a].pending, mine)].append(([(u[0], u[0]) for u in units], units))
    for r, idx in members.items():
        if pend[r] or (short_person[r] if len(idx) == 1 else fams[r] == "person" and all(short_person[i] for i in idx)):
            for i in idx:
                roles = entries[i].roles
                mine = frozenset(t for role in roles if (t := title_of(role))) if roles else _NONE
                pieces[(fams[i], keys[i], entries[i].pending, mine)].append(([(r, i)], [[i]]))
        elif (fams[r], keys[r]) in index and not any(
                entries[i].canonical or drop_corporate_suffix(entries[i].name) != entries[i].name for i in idx):
            # ("Sony Corp." is a company's full name, not the first word of "Sony Columbia Acquisition Corp.")
            pieces[(fams[r], keys[r], False, frozenset(titles(idx)))].append(([(r, r)], [idx]))
    merged: list[tuple[tuple, tuple, list[list[int]]]] = []
    for bk, parts in pieces.items():
        if len(parts) == 1:
            order_keys, units = parts[0]
        else:
            both = sorted(((k, u) for ks, us in parts for k, u in zip(ks, us)), key=lambda x: x[0])
            order_keys, units = [k for k, _ in both], [u for _, u in both]
        merged.append((order_keys[0], bk, units))
    merged.sort(key=lambda x: x[0])
    buckets: dict[tuple, list[list[int]]] = {bk: units for _, bk, units in merged}

    person_surnames = {k for (f, k), got in index.items() if f == "person" and "surname" in got.values()}
    # Pending words last: by then lone surnames have joined their full names, so
    # "Obama" in four stories is one candidate, not four that tie.
    for (fam, key, pending, mine), units in sorted(buckets.items(), key=lambda kv: kv[0][2]):
        if pending:
            # Any family: the document could not tell a surname from a company's name.
            cands = {}
            for c in sorted(named.get(key, ())):
                cands.setdefault(uf.find(c), "same name")
            if key in person_surnames and any(fams[c] == "person" for c in cands):
                # A surname of people the corpus names in full: a person, not "the X family" group.
                cands = {c: kind for c, kind in cands.items() if fams[c] == "person"}
            cands = cands or {c: kind for f in ("person", "org") for c, kind in index.get((f, key), {}).items()}
        else:
            cands = dict(index.get((fam, key), {}))
        if mine:
            # A title must be one the full name is known by ("King" Hussein, not "President" Saddam Hussein).
            cands = {c: kind for c, kind in cands.items() if mine & titles(members[c], c)}
        if fam == "org" and len(_words(key)) == 1 and key in person_surnames:
            # "the UK Jackson tribute gig": a place and a person's surname used as an adjective is
            # no organization whose short form the surname could be.
            cands = {c: kind for c, kind in cands.items() if kind not in ("name without its place",
                                                                          "name without its prefix")}
        if len(cands) > _MAX_CANDIDATES and not pending and fam == "person":
            # So many full names that context cannot pick one cheaply: only a name the corpus is
            # mostly about (three times the documents of every other) may still take the surname.
            # (Not an organization's first word: "NHS" is not "NHS Direct", the biggest of its units.)
            # (Entries first, one per document and name, as a cheap bound: most such buckets stop here.)
            ent = sorted(((n_entries(c), c) for c in cands), reverse=True)
            top = ent[0][1]
            cands = {top: cands[top]} if ent[0][0] >= 3 * ent[1][0] and all(
                len(docs_array(top)) >= 3 * len(docs_array(o)) for _, o in ent[1:]) else {}
        if not cands or len(cands) > _MAX_CANDIDATES:
            continue      # none, or so many full names that no context could pick one
        for idx in units:
            r = idx[0]
            words_here = length[r] if len(idx) == 1 else max(length[i] for i in idx)
            here = [c for c in cands if uf.find(c) != uf.find(r) and (pending or longest[c] > words_here)]
            if not here:
                continue
            if len(idx) == 1 and rec_sizes[r] == 1:
                # (A lone surname: one record of one entry, in one document; no arrays needed.)
                d = first_doc[r]
                docs_here, ctx = {d}, written.of_doc(d)
            else:
                here_docs = recs.docs(idx)
                docs_here, ctx = set(here_docs.tolist()), written.of_docs(here_docs)
            # A complete name written in more documents than the longer name it would be the given
            # names of is a name of its own ("Conrad Murray" in 125 stories, "Conrad Murray Jackson"
            # glued once across a missing full stop).
            here = [c for c in here if cands[c] != "given names" or len(docs_here) <= len(docs_array(c))]
            # "Mrs Jackson" is not the "Michael Jackson" the corpus calls "Mr".
            sex = _sexes(entries[i].roles for i in idx) if len(idx) > 1 or entries[r].roles else _NONE
            if sex:
                here = [c for c in here if not (cs := sex_of(c)) or cs & sex]
            if not here:
                continue
            if len(here) == 1:
                # One full name: only whether anything is named beside both counts (every
                # weight is above zero), so no score is summed and no shared set is built
                # unless the reason is written down.
                c = here[0]
                beside = not ctx.isdisjoint(group_context(c))
                if not beside and docs_here.isdisjoint(docs_of(c)) and (not mine or pending):
                    continue      # nothing named beside both and no shared title: no ground to say they are one
                n_scored, shared = 1, None
            else:
                scored = []
                for c in here:
                    shared = ctx & group_context(c)
                    scored.append((written.score(shared), c, shared))
                scored.sort(key=lambda t: (-t[0], t[1]))
                best, c, shared = scored[0]
                runner = scored[1][0]
                if best <= 0 or best < 2 * runner and not _prominent(c, scored, docs_of, best):
                    continue
                n_scored = len(scored)
            # (The note is made inside join, at once, and only when the actor keeps it.)
            join(c, r, lambda: short_form_note(c, r, ctx & group_context(c) if shared is None else shared,
                                               n_scored, docs_here, cands[c], mine))


_FEMALE = {"mrs", "ms", "miss", "madam", "dame", "lady", "mme", "mlle"}
_MALE = {"mr", "sir", "lord", "mister"}


def _sexes(role_lists) -> set[str]:
    """"f" and/or "m" for the honorifics among these roles ("Mrs", "Mr."): nothing else says it."""
    out: set[str] = set()
    for roles in role_lists:
        for r in roles:
            w = r.split()[-1].lower().rstrip(".") if r.split() else ""
            if w in _FEMALE:
                out.add("f")
            elif w in _MALE:
                out.add("m")
    return out


def _prominent(c: int, scored: list, docs_of, best: float) -> bool:
    """The likeliest full name by context is also named in three times the documents of every
    other: a surname the corpus's stories share ("Felt" beside "Mark Felt" and his family)
    then means the one they are mostly about."""
    n = len(docs_of(c))
    return best >= scored[1][0] and all(3 * len(docs_of(o)) <= n for _, o, _ in scored if o != c)


def _nickname_joins(recs: Records, names: _Names, keys, fams, uf, join, normal: list[int]) -> None:
    """Join "Mo X" to "Maurice X" when "Mo" is a short form of "Maurice" (gazetteer list),
    "Maurice" is the only full given name of that surname it fits, and both are named
    beside a same third name somewhere (so two X families in two stories stay apart)."""
    nick = load().nicknames
    if not nick:
        return
    entries = recs.entries
    by_surname: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for i in normal:      # (no lone surname, no pending word)
        if fams[i] != "person":
            continue
        w = _words(entries[i].name)
        if len(w) == 2:
            by_surname[w[-1].lower()].append((w[0].lower(), i))
    pairs = []
    for lst in by_surname.values():
        for given, i in lst:
            formal = nick.get(given)
            if not formal:
                continue
            targets = {uf.find(j) for g2, j in lst if g2 in formal}
            if len(targets) == 1:
                pairs.append((i, targets.pop(), "a short given name of"))
    # "Duncan Raite" / "Duncan Rait": one given name, surnames one letter apart (a misspelling).
    # Letters as written (a transliteration key folds vowels: "Baker" and "Becker" would meet),
    # and never both in one document: a writer who spells a name two ways is rare.
    by_given: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for lst in by_surname.values():
        for given, i in lst:
            sn = _words(entries[i].name)[-1].lower()
            if len(sn) >= 4:
                by_given[given].append((sn, i))
    for lst in by_given.values():
        _spelling_pairs(lst, _one_edit, recs, uf, pairs)
    # "Jonathon Tillman" / "Jonathan Tillman": one surname, given names one letter apart inside the
    # word (a changed last letter may be another person: "Carlo" / "Carla", "Louis" / "Louise").
    for lst in by_surname.values():
        lst = [(g, i) for g, i in lst if len(g) >= 5]
        if 2 <= len({g for g, _ in lst}) <= _MAX_CANDIDATES:
            _spelling_pairs(lst, _inner_edit, recs, uf, pairs)
    if not pairs:
        return
    written = names.docs
    # Groups as they stand before this pass, for the groups the pairs name.
    wanted = {r for _, r, _ in pairs}
    group_recs: dict[int, list[int]] = defaultdict(list)
    roots = np.asarray(uf.roots(), dtype=np.int64)
    for j in np.flatnonzero(np.isin(roots, np.fromiter(wanted, dtype=np.int64, count=len(wanted)))).tolist():
        group_recs[int(roots[j])].append(j)
    beside_cache: dict[int, frozenset] = {}

    def beside(r: int) -> frozenset:
        """Every name written in the documents of group ``r``."""
        got = beside_cache.get(r)
        if got is None:
            got = beside_cache[r] = written.of_docs(recs.docs(group_recs[r]))
        return got

    for i, r, how in pairs:
        if uf.find(i) == uf.find(r):
            continue
        own = {names.of_rec[i], names.of_rec[r]}
        here = written.of_docs(recs.docs([i])) - own
        shared = here & beside(r)
        if shared:
            join(r, i, f"\"{entries[i].name}\" is {how} \"{entries[r].name}\"; named beside: "
                 + ", ".join(names.shown(k) for k in sorted(shared)[:3]))


def _spelling_pairs(lst: list[tuple[str, int]], fits, recs: Records, uf: UnionFind, pairs: list) -> None:
    """(record, group, why) for records of one name part whose other part is spelt two ways ``fits``
    accepts, never both in one document (a writer who spells a name two ways is rare)."""
    sks = sorted({sk for sk, _ in lst})
    for a in range(len(sks)):
        for b in range(a + 1, len(sks)):
            if fits(sks[a], sks[b]):
                ia = [i for sk, i in lst if sk == sks[a]]
                ib = [i for sk, i in lst if sk == sks[b]]
                if np.intersect1d(recs.docs(ia), recs.docs(ib)).size:
                    continue
                for i in ib:
                    pairs.append((i, uf.find(ia[0]), "a spelling of"))


def _inner_edit(a: str, b: str) -> bool:
    """One letter apart, but not at the end: a changed last letter ("Carlo" / "Carla") may be another name."""
    return _one_edit(a, b) and a[:-1] != b[:-1] and a[:-1] != b and b[:-1] != a


def _one_edit(a: str, b: str) -> bool:
    """True when b is a with one letter added, dropped or changed (not in the first letter)."""
    if a[:1] != b[:1] or abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]
