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

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from desktop_app.core.union_find import UnionFind

from .gazetteer import drop_corporate_suffix, load
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
_PARTICLES = {"bin", "ibn", "al", "el", "de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "la", "le",
              "abu", "ben", "dos", "das", "st"}


def family(type_: str) -> str:
    return "org" if type_ in _ORGISH else type_


_ABBREVIATED = {"mt": "Mount", "st": "Saint", "ft": "Fort", "pt": "Point"}


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The identity key of a name: spelling-folded, without "the", company-form suffixes,
    middle initials ("Raj K. Chohan" = "Raj Chohan"), with "Mt"/"St"/"Ft" spelled out."""
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
    if not words or words[-1] in _HONORIFIC:
        return None
    return words[-1]


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
    recs, members, docs = _collapse(entries)
    ident = _resolve(recs, docs, places)
    return Identity([[i for r in g for i in members[r]] for g in ident.groups], ident.evidence)


def _collapse(entries: list[Entry]) -> tuple[list[Entry], list[list[int]], list[list[str]]]:
    by_sig: dict[tuple, list[int]] = {}
    for i, e in enumerate(entries):
        sig = (e.name, e.type, e.pending, tuple(e.roles)) if e.roles else (e.name, e.type, e.pending)
        lst = by_sig.get(sig)
        if lst is None:
            by_sig[sig] = [i]
        else:
            lst.append(i)
    recs: list[Entry] = []
    members: list[list[int]] = []
    docs: list[list[str]] = []
    for sig, lst in by_sig.items():
        first = entries[lst[0]]
        if len(lst) == 1 or first.pending or (first.type == "person" and _is_short_person(first.name)):
            for i in lst:                 # one record per document: each may mean someone else
                recs.append(entries[i])
                members.append([i])
                docs.append([entries[i].doc])
            continue
        aliases: list[str] = []
        seen: set[str] = set()
        for i in lst:
            for al in entries[i].aliases:
                if al not in seen:
                    seen.add(al)
                    aliases.append(al)
        recs.append(Entry(first.name, first.type, aliases, max(entries[i].strength for i in lst),
                          any(entries[i].canonical for i in lst), first.doc, list(first.roles), False))
        members.append(lst)
        docs.append([entries[i].doc for i in lst])
    return recs, members, docs


def _resolve(entries: list[Entry], entry_docs: list[list[str]], places: Optional[set] = None) -> Identity:
    n = len(entries)
    uf = UnionFind(n)
    why: dict[int, list[str]] = defaultdict(list)     # root -> reasons (moved on union)
    keys = [name_key(e.name) for e in entries]
    fams = [family(e.type) for e in entries]

    def join(a: int, b: int, reason: str) -> None:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return
        r = uf.union(ra, rb)
        other = rb if r == ra else ra
        moved = why.pop(other, [])
        lst = why[r]
        lst.extend(moved)
        if len(lst) < 40 and reason not in lst:
            lst.append(reason)

    # 1. Same name within a type family.
    # A lone surname is left out here: "Hussein" in one story and "Hussein" in another
    # may be two people; pass 3 decides for each document on its own.
    short_person = [fams[i] == "person" and _is_short_person(e.name) for i, e in enumerate(entries)]
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    parent = uf.parent
    for i, k in enumerate(keys):
        if k and not short_person[i] and not entries[i].pending:
            group = by_key[(fams[i], k)]
            if group:
                parent[i] = group[0]      # one union per entry, without the bookkeeping of join()
            group.append(i)
    for (fam, k), idx in by_key.items():
        n_docs = sum(len(entry_docs[i]) for i in idx)
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

    def group_fam(r: int) -> str:
        return fams[r]

    # Name keys of full names, per family, for the alias and short-form passes.
    full_owner: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, e in enumerate(entries):
        if keys[i] and not e.pending:
            full_owner[(fams[i], keys[i])].add(uf.find(i))

    # 2. Full aliases a document spelled out.
    for i, e in enumerate(entries):
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
    _nickname_joins(entries, keys, fams, uf, join, short_person, entry_docs)
    # 3. Short forms.
    _short_forms(entries, keys, fams, uf, join, places or set(), short_person, entry_docs)
    # 4. Lone surnames no full name claimed: the same surname is one actor.
    left: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in range(n):
        if short_person[i] and keys[i] and uf.find(i) == i and not why.get(i) and not entries[i].pending:
            left[(fams[i], keys[i])].append(i)
    for idx in left.values():
        # Different titles are different people ("King Hussein", "President Hussein");
        # untitled mentions join the titled one only when there is just one.
        by_title: dict[Optional[str], list[int]] = defaultdict(list)
        for i in idx:
            t = next((t for r in entries[i].roles if (t := title_of(r))), None)
            by_title[t].append(i)
        titled = [t for t in by_title if t is not None]
        if len(titled) == 1 and None in by_title:
            by_title[titled[0]].extend(by_title.pop(None))
        for group in by_title.values():
            _join_all(group, entries, join)

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(i)
    order = list(groups)
    return Identity([groups[r] for r in order], [why.get(r, []) for r in order])


@lru_cache(maxsize=1 << 16)
def _is_short_person(name: str) -> bool:
    w = _words(name)
    return len(w) == 1 or (len(w) >= 2 and w[0].lower() in _PARTICLES)


def _join_all(idx: list[int], entries: list[Entry], join) -> None:
    if len(idx) < 2:
        return
    docs = len({entries[i].doc for i in idx})
    reason = f"same name \"{entries[idx[0]].name}\" in {docs} documents" if docs > 1 else \
        f"same name \"{entries[idx[0]].name}\""
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
    ini = "".join(x[0] for x in w if x[:1].isupper() and x.lower() not in ("and", "of", "for", "the", "&"))
    if len(ini) >= 2:
        out.append(("acronym", translit_key(ini)))
    # "Academy of Motion Picture Arts and Sciences" -> "Academy"
    if len(w[0]) >= 3 and w[0][:1].isupper():
        out.append(("first word", translit_key(w[0])))
    # "San Diego Chargers" -> "Chargers"
    if w[-1][:1].isupper() and w[-1].endswith("s") and not w[-1].endswith("ss"):
        out.append(("last word", translit_key(w[-1])))
    return tuple(out), translit_key(w[0])


def _short_forms(entries, keys, fams, uf, join, places, short_person, entry_docs) -> None:
    # Groups as they stand after passes 1-2.
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(entries)):
        members[uf.find(i)].append(i)
    longest: dict[int, int] = {r: max(_bare_length(entries[i].name) for i in idx)
                               for r, idx in members.items()}
    # Short-form key -> longer-named groups it can stand for.
    index: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
    named: dict[str, set[int]] = defaultdict(set)     # name key -> groups so named (for pending words)
    for r, idx in members.items():
        if any(entries[i].pending for i in idx):
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
    # Context: the other names of each document, weighted by rarity.
    doc_keys: dict[str, set[str]] = defaultdict(set)
    for i, e in enumerate(entries):
        if keys[i]:
            for d in entry_docs[i]:
                doc_keys[d].add(keys[i])
    df = Counter(k for ks in doc_keys.values() for k in ks)
    key_name: dict[str, str] = {}
    for i, e in enumerate(entries):
        key_name.setdefault(keys[i], e.name)
    n_docs = max(1, len(doc_keys))
    weight = {k: math.log(n_docs / v) + 0.1 for k, v in df.items()}    # rarer names beside say more
    ctx_cache: dict[int, frozenset] = {}

    def group_context(c: int) -> frozenset:
        """Every name written beside the actor in any of its documents."""
        got = ctx_cache.get(c)
        if got is None:
            own = {keys[i] for i in members[c]}
            got = frozenset().union(*(doc_keys[d] for d in docs_of(c))) - own
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

    doc_cache: dict[int, set[str]] = {}

    def docs_of(c: int) -> set[str]:
        got = doc_cache.get(c)
        if got is None:
            got = doc_cache[c] = {d for i in members[c] for d in entry_docs[i]}
        return got

    # Units that may be short forms: each lone surname on its own, else whole groups;
    # units of one name, family and title share their candidates.
    buckets: dict[tuple, list[list[int]]] = defaultdict(list)
    for r, idx in members.items():
        if entries[r].pending or (fams[r] == "person" and all(short_person[i] for i in idx)):
            for i in idx:
                roles = entries[i].roles
                mine = frozenset(t for role in roles if (t := title_of(role))) if roles else _NONE
                buckets[(fams[i], keys[i], entries[i].pending, mine)].append([i])
        elif (fams[r], keys[r]) in index and not any(
                entries[i].canonical or drop_corporate_suffix(entries[i].name) != entries[i].name for i in idx):
            # ("Sony Corp." is a company's full name, not the first word of "Sony Columbia Acquisition Corp.")
            buckets[(fams[r], keys[r], False, frozenset(titles(idx)))].append(idx)

    # Pending words last: by then lone surnames have joined their full names, so
    # "Obama" in four stories is one candidate, not four that tie.
    for (fam, key, pending, mine), units in sorted(buckets.items(), key=lambda kv: kv[0][2]):
        if pending:
            # Any family: the document could not tell a surname from a company's name.
            cands = {}
            for c in sorted(named.get(key, ())):
                cands.setdefault(uf.find(c), "same name")
            cands = cands or {c: kind for f in ("person", "org") for c, kind in index.get((f, key), {}).items()}
        else:
            cands = dict(index.get((fam, key), {}))
        if mine:
            # A title must be one the full name is known by ("King" Hussein, not "President" Saddam Hussein).
            cands = {c: kind for c, kind in cands.items() if mine & titles(members[c], c)}
        if not cands or len(cands) > _MAX_CANDIDATES:
            continue      # none, or so many full names that no context could pick one
        for idx in units:
            r = idx[0]
            words_here = max(_bare_length(entries[i].name) for i in idx)
            here = [c for c in cands if uf.find(c) != uf.find(r) and (pending or longest[c] > words_here)]
            if not here:
                continue
            docs_here = {d for i in idx for d in entry_docs[i]}
            ctx = doc_keys[entries[r].doc] if len(docs_here) == 1 else frozenset().union(*(doc_keys[d] for d in docs_here))
            scored = []
            for c in here:
                shared = ctx & group_context(c)
                scored.append((sum(map(weight.__getitem__, shared)), c, shared))
            scored.sort(key=lambda t: (-t[0], t[1]))
            best, c, shared = scored[0]
            runner = scored[1][0] if len(scored) > 1 else 0.0
            same_doc = not docs_here.isdisjoint(docs_of(c))
            if len(scored) == 1:
                if best <= 0 and not same_doc and (not mine or pending):
                    continue      # nothing named beside both and no shared title: no ground to say they are one
            elif best < 2 * runner or best <= 0:
                continue
            name = entries[r].name
            full_name = full_name_of(c)
            note = f"\"{name}\" is the {cands[c]} of \"{full_name}\"" if cands[c] != "same name" else \
                f"\"{name}\" (untyped where written) is the name of \"{full_name}\""
            note += ", the only full name it fits" if len(scored) == 1 else f", the likeliest of {len(scored)} full names"
            if shared:
                shown = sorted(shared, key=lambda x: (df[x], x))[:3]
                note += "; named beside: " + ", ".join(key_name.get(x, x) for x in shown)
            if mine:
                note += "; same title: " + ", ".join(sorted(mine & titles(members[c], c)))
            if len(docs_here) == 1:
                note += f" (in {next(iter(docs_here))})"
            join(c, r, note)


def _nickname_joins(entries, keys, fams, uf, join, short_person, entry_docs) -> None:
    """Join "Mo X" to "Maurice X" when "Mo" is a short form of "Maurice" (gazetteer list),
    "Maurice" is the only full given name of that surname it fits, and both are named
    beside a same third name somewhere (so two X families in two stories stay apart)."""
    nick = load().nicknames
    if not nick:
        return
    by_surname: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for i, e in enumerate(entries):
        if fams[i] != "person" or short_person[i] or e.pending:
            continue
        w = _words(e.name)
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
    for given, lst in by_given.items():
        sks = sorted({sk for sk, _ in lst})
        for a in range(len(sks)):
            for b in range(a + 1, len(sks)):
                if _one_edit(sks[a], sks[b]):
                    ia = [i for sk, i in lst if sk == sks[a]]
                    ib = [i for sk, i in lst if sk == sks[b]]
                    da = {d for i in ia for d in entry_docs[i]}
                    if any(d in da for i in ib for d in entry_docs[i]):
                        continue
                    for i in ib:
                        pairs.append((i, uf.find(ia[0]), "a spelling of"))
    if not pairs:
        return
    doc_keys: dict[str, set[str]] = defaultdict(set)
    for i in range(len(entries)):
        if keys[i]:
            for d in entry_docs[i]:
                doc_keys[d].add(keys[i])

    group_docs: dict[int, set[str]] = defaultdict(set)     # groups as they stand before this pass
    for j in range(len(entries)):
        group_docs[uf.find(j)].update(entry_docs[j])

    def shared_with(r: int, here: set[str]) -> set[str]:
        """Names of ``here`` also written beside group ``r`` (stops at three: enough to say why)."""
        got: set[str] = set()
        for d in group_docs.get(r, ()):
            got |= here & doc_keys[d]
            if len(got) >= 3:
                break
        return got

    for i, r, how in pairs:
        if uf.find(i) == uf.find(r):
            continue
        own = {keys[i], keys[r]}
        here = set().union(*(doc_keys[d] for d in entry_docs[i])) - own
        shared = shared_with(r, here)
        if shared:
            join(r, i, f"\"{entries[i].name}\" is {how} \"{entries[r].name}\"; named beside: "
                 + ", ".join(sorted(shared)[:3]))


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
