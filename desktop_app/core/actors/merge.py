"""Corpus-wide actors: ids and display names for the actors the identity step finds.

Which document actors are one actor is decided in ``identity.py`` (with the
evidence for every join); this module only collects the entries, names each
actor and gives it an id that depends only on what it is called.
"""
from __future__ import annotations

import re
import unicodedata

from ..model import Actor
from .identity import _NUMBER_WORDS, _WEAK, Entry, name_key, resolve_identities
from .resolve import PRODUCT_MAX
from .translit import translit_key


def _slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s[:60] or "x"


def _counted(name: str) -> bool:
    """"Two Oxfam" (workers): a count glued to a name, not a fuller form of it."""
    return name.split(maxsplit=1)[0].lower() in _NUMBER_WORDS


class ActorTable:
    """Add document-local actors one by one; ``finalize`` resolves identities, names and ids."""

    def __init__(self) -> None:
        self._entries: list[Entry] = []

    def add(self, a, doc: str = "") -> int:
        """Record one document's actor; returns its entry number (``finalize`` maps it to an id)."""
        self._entries.append(Entry(a.name, a.type, list(a.aliases), a.strength, a.canonical, doc,
                                   list(getattr(a, "roles", ()) or ()), bool(getattr(a, "pending", False))))
        return len(self._entries) - 1

    def finalize(self) -> list[str]:
        """Entry number -> actor id ("" for a pending word no actor claimed).

        Ids are ``type:slug`` of the chosen name (suffixed if two collide).
        """
        entries = self._entries
        places = {name_key(e.name) for e in entries if e.type == "location"}
        # A name some document shows to be a medicine or product ("doses of Tamiflu") is no actor
        # where other documents only guessed its type ("Tamiflu" read as a person).
        things = {name_key(e.name) for e in entries if e.type == "thing"}
        # (Not a name some document typed on evidence: that is an actor after all.)
        things -= {name_key(e.name) for e in entries if e.type != "thing" and (e.canonical or e.strength > PRODUCT_MAX)}
        kept = [i for i, e in enumerate(entries) if e.type != "thing" and not (
            things and name_key(e.name) in things and not e.canonical and e.strength <= PRODUCT_MAX)]
        ident = resolve_identities([entries[i] for i in kept], places)
        ident.groups = [[kept[i] for i in members] for members in ident.groups]
        self._actors: list[Actor] = []
        ids: list[str] = [""] * len(entries)
        taken: set[str] = set()
        for members, evidence in zip(ident.groups, ident.evidence):
            if all(entries[i].pending for i in members):
                continue
            names: dict[str, int] = {}
            types: dict[str, int] = {}
            aliases: set[str] = set()
            roles: dict[str, int] = {}
            canon: dict[str, int] = {}      # gazetteer-confirmed names as written, and how often
            # Guesses ("Microsoft said" read as a person) do not outvote evidence: when any
            # document typed the actor on evidence, only those documents choose its type.
            floor = _WEAK + 1 if any(entries[i].strength > _WEAK for i in members if not entries[i].pending) else 0
            for i in members:
                e = entries[i]
                if e.pending:
                    aliases.add(e.name)
                    continue
                names[e.name] = names.get(e.name, 0) + max(1, e.strength)
                if e.strength >= floor:
                    types[e.type] = types.get(e.type, 0) + max(1, e.strength) ** 2
                aliases.update(e.aliases)
                for r in e.roles:
                    roles[r] = roles.get(r, 0) + 1
                if e.canonical:
                    canon[e.name] = canon.get(e.name, 0) + 1
            # Of the confirmed names the usual form, most often written: not an abbreviation when there
            # is another ("New York", not "N.Y."), not capitals (a dateline's "GENEVA" in two texts must
            # not name what 31 others write "Geneva"; the last one seen used to win).
            full = [n for n in canon if not n.endswith(".") and not _counted(n)] or list(canon)
            canonical = max(full, key=lambda n: (not n.isupper(), canon[n], n)) if full else None
            name = canonical or max(names, key=lambda n: (names[n], len(n), n))
            # Prefer the fuller form when one name extends another ("X Group" over "X", "Ban Ki-moon"
            # over "Ban"), unless a complete name of several words is far more written than it:
            # "Haiti BBC News" glued once from a headline is not what 34 stories saying "BBC News"
            # call it.  A count is no fuller name ("Two Oxfam" workers).
            if not canonical:
                several = " " in name
                longer = [n for n in names if n != name and translit_key(name) in translit_key(n)
                          and not n.isupper() and (not several or 4 * names[n] >= names[name])
                          and not _counted(n)]
                if longer and not name.isupper():
                    name = max(longer, key=lambda n: (len(n), n))
                elif name.isupper() and len(names) > 1:
                    name = max((n for n in names if not n.isupper()), key=lambda n: (names[n], len(n), n), default=name)
            if _counted(name) and (rest := name.split(maxsplit=1)[-1]) in (set(names) | aliases):
                name = rest       # "Two Oxfam" where the stories also write "Oxfam"
            type_ = max(types, key=lambda t: (types[t], t))
            base = f"{type_}:{_slug(name)}"
            aid, k = base, 2
            while aid in taken:
                aid, k = f"{base}-{k}", k + 1
            taken.add(aid)
            alias_list = sorted((set(names) | aliases) - {name})
            notes = list(evidence)
            if roles:
                notes.insert(0, "role: " + ", ".join(sorted(roles, key=lambda r: (-roles[r], r))[:5]))
            self._actors.append(Actor(aid, name, type_, alias_list, notes))
            for i in members:
                ids[i] = aid
        return ids

    def actors(self) -> list[Actor]:
        return list(self._actors)
