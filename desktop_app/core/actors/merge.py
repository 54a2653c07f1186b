"""Corpus-wide actors: the same name (or alias, or spelling variant) in two
documents is one actor, and its id depends only on what it is called.
"""
from __future__ import annotations

import re
import unicodedata

from ..model import Actor
from .translit import translit_key

_ORGISH = {"organization", "group", "media"}


def _family(type_: str) -> str:
    return "org" if type_ in _ORGISH else type_


def _slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s[:60] or "x"


class ActorTable:
    """Add document-local actors one by one; ``finalize`` fixes names and ids."""

    def __init__(self) -> None:
        self._rows: list[dict] = []
        self._index: dict[tuple[str, str], int] = {}   # (family, key) -> row
        self._surnames: dict[str, set[int]] = {}

    def add(self, a) -> int:
        fam = _family(a.type)
        keys = {translit_key(a.name)} | {translit_key(x) for x in a.aliases}
        keys.discard("")
        row = None
        # The actor's own name decides first; aliases only when the name is new.
        own = self._index.get((fam, translit_key(a.name)))
        if own is not None:
            row = own
        else:
            hits = {self._index[(fam, k)] for k in keys if (fam, k) in self._index}
            if len(hits) == 1:
                row = hits.pop()
        if row is None and a.type == "person" and len(a.name.split()) == 1:
            cands = self._surnames.get(translit_key(a.name), set())
            if len(cands) == 1:
                row = next(iter(cands))
        if row is None:
            self._rows.append({"names": {}, "type": {}, "aliases": set(), "canonical": None})
            row = len(self._rows) - 1
        r = self._rows[row]
        r["names"][a.name] = r["names"].get(a.name, 0) + max(1, a.strength)
        r["type"][a.type] = r["type"].get(a.type, 0) + max(1, a.strength)
        r["aliases"].update(a.aliases)
        if a.canonical:
            r["canonical"] = a.name
        for k in keys:
            self._index.setdefault((fam, k), row)
        if a.type == "person" and len(a.name.split()) >= 2:
            self._surnames.setdefault(translit_key(a.name.split()[-1]), set()).add(row)
        return row

    def finalize(self) -> list[str]:
        """Row -> actor id. Ids are ``type:slug`` of the chosen name (suffixed if two collide)."""
        self._actors: list[Actor] = []
        ids: list[str] = []
        taken: set[str] = set()
        for r in self._rows:
            name = r["canonical"] or max(r["names"], key=lambda n: (r["names"][n], len(n), n))
            # Prefer the fuller form when one name extends another ("X Group" over "X").
            if not r["canonical"]:
                longer = [n for n in r["names"] if n != name and translit_key(name) in translit_key(n)
                          and not n.isupper()]
                if longer and not name.isupper():
                    name = max(longer, key=lambda n: (len(n), n))
                elif name.isupper() and len(r["names"]) > 1:
                    name = max((n for n in r["names"] if not n.isupper()), key=lambda n: (r["names"][n], len(n), n), default=name)
            type_ = max(r["type"], key=lambda t: (r["type"][t], t))
            base = f"{type_}:{_slug(name)}"
            aid, k = base, 2
            while aid in taken:
                aid, k = f"{base}-{k}", k + 1
            taken.add(aid)
            aliases = sorted((set(r["names"]) | r["aliases"]) - {name})
            self._actors.append(Actor(aid, name, type_, aliases))
            ids.append(aid)
        return ids

    def actors(self) -> list[Actor]:
        return list(self._actors)
