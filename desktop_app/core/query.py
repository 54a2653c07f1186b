"""Selections named the way a user types them, for the headless commands.

The GUI selects actors by clicking; the CLI names them (``--select KNB``).
Both end in ``FilterIndex.filter`` so a scripted result always equals what
the views show for the same selection.
"""
from __future__ import annotations

import difflib
from datetime import datetime
from typing import Iterable, Iterator, Optional

import numpy as np

from .filtering import FilterIndex
from .model import Corpus
from .store.spans import MentionStore


class UnknownActorError(LookupError):
    """A name that matches no actor; the message offers close matches."""


def resolve_names(corpus: Corpus, names: Iterable[str], index: Optional[FilterIndex] = None
                  ) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Actor names (or aliases, or ids) -> ids; also the names not found, each with close matches.

    Matching is the app's alias lookup (case, accents and a leading "the"
    ignored); close matches come from difflib over every name and alias so
    a typo gets a useful suggestion.
    """
    index = index if index is not None and index.corpus is corpus else FilterIndex(corpus)
    ids_known = {a.id for a in corpus.actors}
    labels: dict[str, str] = {}
    for a in corpus.actors:
        for n in (a.name, *a.aliases):
            labels.setdefault(" ".join(n.split()).casefold(), n)
    found: list[str] = []
    missing: list[tuple[str, list[str]]] = []
    for name in names:
        hits = index.find_actors(name) or ([name] if name in ids_known else [])
        if hits:
            found.extend(h for h in hits if h not in found)
            continue
        key = " ".join(name.split()).casefold()
        close = difflib.get_close_matches(key, list(labels), n=5, cutoff=0.6)
        missing.append((name, [labels[c] for c in close]))
    return found, missing


def missing_message(missing: list[tuple[str, list[str]]]) -> str:
    parts = []
    for name, close in missing:
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        parts.append(f"no actor named {name!r}{hint}")
    return "; ".join(parts)


def filtered_payload(corpus: Corpus, names: Iterable[str], mode: str = "any",
                     window: Optional[tuple[Optional[datetime], Optional[datetime]]] = None) -> dict:
    """``Corpus.to_json()`` reduced to the events matching a selection, their actors and ties.

    Documents and time expressions stay whole (they are the provenance of
    what remains); mentions are kept for the remaining actors only.  Only
    what is kept is turned into JSON: the selection is made on the event
    store's rows, so a million-event corpus never becomes a million dicts.
    """
    index = FilterIndex(corpus)
    ids, missing = resolve_names(corpus, list(names), index)
    if missing:
        raise UnknownActorError(missing_message(missing))
    if window is not None:
        lo, hi = window
        window = (lo or datetime.min, hi or datetime.max)
    res = index.filter_rows(ids, mode, window)
    rows = np.sort(np.concatenate([res.dated, res.facts]))        # corpus order, as to_json lists them
    keep_actors = set(res.actors) | set(ids)
    payload = {
        "documents": [d.to_json() for d in corpus.documents],
        "timexes": [t.to_json() for t in corpus.timexes],
        "actors": [a.to_json() for a in corpus.actors if a.id in keep_actors],
        "mentions": [m.to_json() for m in _mentions_of(corpus.mentions, keep_actors)],
        "events": [corpus.events[i].to_json() for i in rows.tolist()],
        "ties": [t.to_json() for t in res.ties],
        "errors": list(corpus.errors),
    }
    happenings = getattr(corpus, "happenings", None)
    if happenings is not None:
        # The kept events' happenings, whole (every report stays traceable), in corpus order.
        for row, e in zip(rows.tolist(), payload["events"]):
            e["happening"] = happenings.id_of_event(row)
        kept = np.unique(happenings.of_event[rows]) if len(rows) else np.zeros(0, np.int32)
        payload["happenings"] = [happenings[int(k)].to_json() for k in kept if k >= 0]
    payload["selection"] = {
        "actors": sorted(ids), "mode": mode,
        "from": window[0].isoformat() if window and window[0] != datetime.min else None,
        "to": window[1].isoformat() if window and window[1] != datetime.max else None,
    }
    return payload


def _mentions_of(mentions, actors: set[str]) -> Iterator:
    """The mentions of ``actors``, in corpus order; a ``MentionStore`` is scanned by its actor column."""
    if isinstance(mentions, MentionStore):
        codes = [k for k in (mentions.codes["actor"].find(a) for a in actors) if k >= 0]
        rows = np.flatnonzero(np.isin(mentions.c["actor"], np.asarray(codes, dtype=np.int64)))
        return (mentions[i] for i in rows.tolist())
    return (m for m in mentions if m.actor in actors)
