"""Analyst corrections to happenings: merge several into one, split reports off into their own.

They follow the actor corrections (core/workspace/edits.py): an edit in the workspace's log
names events by stable keys (document hash, sentence span, label), never by ids, so it
survives re-extraction; undo takes it off the log; the happenings shown are always
``corrected_happenings(corpus, log)``: grouping first, then these edits in log order.
An edit whose events are all gone is skipped and reported, never guessed.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np

from desktop_app.core.model import Corpus, Event
from desktop_app.core.workspace.edits import Edit, _now
from desktop_app.core.workspace.keys import event_key
from desktop_app.core.workspace.keys import KeyIndex

from desktop_app.core.happenings import group_happenings
from desktop_app.core.happenings.records import Happenings

KINDS = ("merge_happenings", "split_happening")


def merge_happenings(corpus: Corpus, events: list[Event]) -> Edit:
    """One happening from the happenings of ``events`` (one report of each is enough)."""
    return Edit("merge_happenings", {"events": [event_key(e, corpus) for e in events]}, _now())


def split_happening(corpus: Corpus, events: list[Event]) -> Edit:
    """``events`` leave their happening and form a new one together."""
    return Edit("split_happening", {"events": [event_key(e, corpus) for e in events]}, _now())


def corrected_happenings(corpus: Corpus, edits: Iterable[Edit], skipped: list | None = None,
                         base: Happenings | None = None) -> Happenings:
    """Happenings of ``corpus`` with the happening edits of ``edits`` applied in order.

    ``base``: the happenings of the extraction the edits were replayed on (kept in the workspace
    file).  Given, nothing is grouped again: the corrected corpus's events keep the happening their
    extraction gave them (matched by event id), an event the edits added is a happening of its own,
    and the happening edits apply on top.  Without it the corpus is grouped first.
    """
    h = group_happenings(corpus) if base is None else _carried(corpus, base)
    mine = [e for e in edits if e.kind in KINDS]
    if not mine and h.events is corpus.events:
        return h
    index = KeyIndex(corpus)
    store_index = getattr(corpus.events, "index_of", None)
    pos = None if store_index is not None else {e.id: i for i, e in enumerate(corpus.events)}
    of_event = h.of_event.copy()
    ids = list(h.ids)
    for edit in mine:
        rows = []
        for key in edit.payload["events"]:
            ev = index.event(key)
            if ev is not None:
                r = store_index(ev.id) if store_index is not None else pos.get(ev.id)
                if r is not None:
                    rows.append(int(r))
        if not rows:
            if skipped is not None:
                skipped.append((edit, "none of its events is in the corpus any more"))
            continue
        if edit.kind == "merge_happenings":
            target = of_event[rows[0]]
            for r in rows[1:]:
                of_event[of_event == of_event[r]] = target
        else:
            ids.append(f"h:{h._event_ids[rows[0]]}~split")
            of_event[rows] = len(ids) - 1
    # Happenings left empty by merges and splits are dropped; the others keep their ids.
    used = np.unique(of_event[of_event >= 0])
    renumber = np.full(len(ids), -1, np.int32)
    renumber[used] = np.arange(len(used), dtype=np.int32)
    out = Happenings(renumber[of_event], [ids[k] for k in used.tolist()], h._event_ids, h._labels, h.f)
    out.events = corpus.events
    out.corrected = True
    return out


def _carried(corpus: Corpus, base: Happenings) -> Happenings:
    """``base``'s assignment over ``corpus``'s events (matched by id), without grouping anything."""
    if base.events is corpus.events:
        return base
    from desktop_app.core.happenings import event_features
    from desktop_app.core.happenings.features import event_columns
    store = event_columns(corpus)
    f = event_features(corpus, store)
    ids = list(base.ids)
    if store.ids is base._event_ids or (len(store) == len(base.of_event) and list(store.ids) == list(base._event_ids)):
        # The same events in the same rows (an actor rename, a corrected date): the assignment as it is.
        out = Happenings(base.of_event, ids, store.ids, store.labels, f)
        out.events = None
        return out
    old = dict(zip(base._event_ids, base.of_event.tolist()))
    of_event = np.empty(len(store), np.int32)
    for r, eid in enumerate(store.ids):
        k = old.get(eid, -1)
        if k < 0:          # an event the analyst added: a happening of its own until merged
            ids.append(f"h:{eid}")
            k = len(ids) - 1
        of_event[r] = k
    out = Happenings(of_event, ids, store.ids, store.labels, f)
    out.events = None      # not yet renumbered: corrected_happenings finishes it
    return out
