"""Happenings after documents are added, changed or removed: the known grouping kept, only what changed grouped.

Extraction merges all documents again when one is added (actor codes and event rows are
renumbered), so a grouping cannot be extended by row or by code. It is carried by event id
instead: every unchanged document of the previous corpus is still there, its events are the same
ids in the same order, so each old row maps to a new row per document (array arithmetic, no
dictionary of a million ids). The features are computed over the new corpus (its actor and
document codes), the old assignment is seeded into a ``HappeningIndex`` without grouping
(``from_groups``), and ``add`` groups the new documents' events into it. Existing happenings keep
their ids and reports; a new report may join one (or bridge two that fit each other, as ``add``
always may).

A document removed or changed (text, creation time, publication; or read again into other
events) takes its old events out first: a happening that loses reports is regrouped from the
reports it has left, among themselves only, so it splits only where the removed reports held it
together (a bridge that merged two happenings, a report whose date or people joined the rest);
the part with its founding report keeps its id, another part is named by its own first report.
The changed document's new events are then grouped like an added document's.

Anything else falls back to grouping everything (``None`` here): no grouping to keep, or
happenings the analyst corrected (merges and splits live in the workspace's edits and are
replayed on the extraction's grouping, so they must not be baked into it).
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from desktop_app.core.model import Corpus, Document

from .features import event_columns, event_features
from .batched import founding_order, group_rows
from .grouping import HappeningIndex
from .records import Happenings


def _same_input(a: Document, b: Document) -> bool:
    """Extraction reads the same thing from both (the fields its result copies from the document)."""
    if a is b:
        return True
    return (a.dct, a.dct_precision, a.publication, a.title, a.path, a.kind) == \
        (b.dct, b.dct_precision, b.publication, b.title, b.path, b.kind) and \
        (a.sha256 == b.sha256 if a.sha256 and b.sha256 else a.text == b.text)


def _grouping_of(previous: Optional[Corpus]) -> Optional[Happenings]:
    h = getattr(previous, "happenings", None) if previous is not None else None
    if h is None or getattr(h, "events", None) is not previous.events or len(h.of_event) != len(previous.events):
        return None
    if h.corrected:
        return None
    return h


def _row_map(old_store, new_store, kept: set) -> np.ndarray:
    """The new row of each old row of the documents in ``kept`` (same events in the same order), else -1.

    A kept document whose events differ in number, span or date was read again differently: its
    rows map to -1 like a changed document's.
    """
    old_docs = old_store.codes["doc"].values
    new_docs = new_store.codes["doc"].values
    code = {d: i for i, d in enumerate(new_docs)}
    oc = np.asarray(old_store.c["doc"], np.int64)
    nc = np.asarray(new_store.c["doc"], np.int64)
    o_cnt = np.bincount(oc, minlength=len(old_docs))
    n_cnt = np.bincount(nc, minlength=len(new_docs))
    m = np.array([code.get(d, -1) if d in kept else -1 for d in old_docs] or [0], np.int64)
    m[m >= 0] = np.where(n_cnt[m[m >= 0]] == o_cnt[m >= 0], m[m >= 0], -1)
    o_order = np.argsort(oc, kind="stable")
    n_order = np.argsort(nc, kind="stable")
    o_start = np.cumsum(o_cnt) - o_cnt
    n_start = np.cumsum(n_cnt) - n_cnt
    d = oc[o_order]
    within = np.arange(len(oc)) - o_start[d]
    out = np.full(len(oc), -1, np.int64)
    on = m[d] >= 0
    out[o_order[on]] = n_order[n_start[m[d[on]]] + within[on]]
    # The same events: same spans and dates (a document read again differently is not "unchanged").
    rows = np.flatnonzero(out >= 0)
    differ = np.zeros(len(rows), bool)
    for col in ("start", "end", "date_start", "date_end"):
        if col in old_store.c:
            differ |= np.asarray(old_store.c[col])[rows] != np.asarray(new_store.c[col])[out[rows]]
    if differ.any():
        out[np.isin(oc, np.unique(oc[rows[differ]]))] = -1
    return out


def _founders(h: Happenings) -> Optional[np.ndarray]:
    """Each happening's founding row: kept by grouping, else the member its id names (a grouping
    read from a workspace file); None when an id names none of its members (not a grouping's id)."""
    rows = h.founders
    if rows is not None and len(rows) == len(h.ids):
        return np.asarray(rows, np.int64)
    order, ptr, ids = h._order.tolist(), h._ptr.tolist(), h._event_ids
    out = np.empty(len(h.ids), np.int64)
    for k, hid in enumerate(h.ids):
        want = hid[2:] if hid.startswith("h:") else None
        for r in order[ptr[k]:ptr[k + 1]]:
            if ids[r] == want:
                out[k] = r
                break
        else:
            return None
    return out


# Touched action keys are regrouped from scratch when they hold at most this many events or this
# share of the corpus (grouping 20,000 events takes about half a second).
EXACT_EVENTS = 20_000
EXACT_SHARE = 0.25


def _carried(h: Happenings, new_row: np.ndarray, old_founders: np.ndarray, n: int):
    """``h`` over the new rows (-1: a new event or one of a gone happening's): (happening per row, founder
    row per happening, -1 when none of its reports is left; ids)."""
    kept = new_row >= 0
    of_event = np.full(n, -1, np.int64)
    of_event[new_row[kept]] = np.asarray(h.of_event, np.int64)[kept]
    return of_event, np.where(kept[old_founders], new_row[old_founders], -1), list(h.ids)


def _restoried_keys(old_f, old_store, f, store, changed: set) -> np.ndarray:
    """Action keys (new codes) of the events of kept documents whose story changed.

    Stories are drawn over the whole corpus (``stories.py``): a removed or changed document can
    join two others' stories or part them, and their events then group differently even where
    their action keys were not touched. Story mates are compared without the changed documents.
    """
    def mates(feat, docs) -> dict:
        st = feat.story_of_doc(np.arange(len(docs))).tolist()
        groups: dict[int, set] = {}
        for d, s in zip(docs, st):
            if d not in changed:
                groups.setdefault(s, set()).add(d)
        return {d: frozenset(groups[s]) for d, s in zip(docs, st) if d not in changed}
    old_docs, new_docs = list(old_store.codes["doc"].values), list(store.codes["doc"].values)
    before, after = mates(old_f, old_docs), mates(f, new_docs)
    moved = [i for i, d in enumerate(new_docs) if d in after and after[d] != before.get(d, after[d])]
    if not moved:
        return np.zeros(0, np.int64)
    codes = f.key_code[np.isin(f.doc, moved)].astype(np.int64)
    return np.unique(codes[codes >= 0])


def _regroup_keys(f, event_ids, of_event, founder, ids, keys) -> None:
    """Every event of the action keys ``keys`` grouped from scratch, the other keys' happenings kept.

    Grouping never compares events of different keys (a happening's reports share its key), so
    this is what grouping the whole corpus gives those keys. Events with no action key are each a
    happening of their own. Updates the three in place.
    """
    mine = np.isin(f.key_code, keys) | ((of_event < 0) & (f.key_code < 0))
    gone = np.unique(of_event[mine & (of_event >= 0)])
    founder[gone] = -1
    rows = np.flatnonzero(mine)
    new_of, new_founders = group_rows(f, event_ids, rows)
    base = len(founder)
    of_event[rows] = new_of[rows] + base
    founder.resize(base + len(new_founders), refcheck=False)
    founder[base:] = new_founders
    ids.extend("h:" + event_ids[int(r)] for r in new_founders.tolist())


def _split_touched(f, event_ids, of_event, founder, ids, touched) -> np.ndarray:
    """The happenings ``touched`` (they lost reports) regrouped from the reports they have left,
    each among its own only, so one splits only where the lost reports held it together."""
    rows = np.flatnonzero(np.isin(of_event, touched))
    rows = rows[np.argsort(of_event[rows], kind="stable")]
    bounds = np.searchsorted(of_event[rows], touched, side="right")
    founder[touched] = -1
    sub = HappeningIndex(f, event_ids)
    start = 0
    for end in bounds.tolist():
        sub.blocks.clear()          # the reports left of one happening find only each other
        sub.add(rows[start:end])
        start = end
    part, sub_founders = sub.of_event[rows], sub.founder_rows()
    base = len(founder)
    of_event[rows] = part + base
    founder = np.concatenate([founder, sub_founders])
    # A part is named by its first report: the part holding the old founder keeps the old id.
    ids.extend("h:" + event_ids[int(r)] for r in sub_founders.tolist())
    return founder


def _numbered(f, of_event, founder, ids):
    """Live happenings numbered in founding order (their first report in the order ``add`` places
    events), as grouping from scratch numbers them: (happening per row, founders, ids)."""
    live = np.flatnonzero(founder >= 0)
    live = live[founding_order(f, founder[live])]
    number = np.full(len(founder), -1, np.int64)
    number[live] = np.arange(len(live))
    of_event = np.where(of_event >= 0, number[np.clip(of_event, 0, None)], -1)
    return of_event, founder[live], [ids[k] for k in live.tolist()]


def added_happenings(corpus: Corpus, previous: Optional[Corpus], exact_share: float = EXACT_SHARE
                     ) -> Optional[Happenings]:
    """``corpus``'s happenings carried from ``previous``'s: the events of removed and changed
    documents taken out, the new and changed documents' events grouped into the rest.

    Documents only added: the new events are grouped into the kept happenings (``add``). Documents
    removed or changed: the action keys they touch are regrouped from scratch when their events are
    few (``EXACT_EVENTS``) or at most ``exact_share`` of the corpus (0: never; the same happenings as grouping everything: a news
    corpus has thousands of keys); beyond that the happenings that lost reports are split where
    those held them together and the new events added. None when there is no grouping of
    ``previous`` to carry (see the module doc): the caller groups everything then.
    """
    h = _grouping_of(previous)
    if h is None:
        return None
    mine = {d.id: d for d in corpus.documents}
    kept = {d.id for d in previous.documents if d.id in mine and _same_input(d, mine[d.id])}
    old_store, store = event_columns(previous), event_columns(corpus)
    old_founders = _founders(h)
    if old_founders is None:
        return None
    new_row = _row_map(old_store, store, kept)
    f = event_features(corpus, store)
    of_event, founder, ids = _carried(h, new_row, old_founders, len(store))
    gone = new_row < 0
    touched = np.unique(np.asarray(h.of_event)[gone])
    regrouped = None
    if len(touched):
        code = {k: i for i, k in enumerate(f.keys)}
        keys = np.unique(np.concatenate([
            np.array([code.get(h.f.keys[k], -1) for k in np.unique(h.f.key_code[gone]).tolist() if k >= 0], np.int64),
            f.key_code[of_event < 0].astype(np.int64)]))
        keys = np.union1d(keys[keys >= 0], _restoried_keys(h.f, old_store, f, store, set(mine) - kept))
        if np.isin(f.key_code, keys).sum() <= max(EXACT_EVENTS * (exact_share > 0), exact_share * len(store)):
            _regroup_keys(f, store.ids, of_event, founder, ids, keys)
            regrouped = "keys"
        else:
            founder = _split_touched(f, store.ids, of_event, founder, ids, touched[touched >= 0])
            regrouped = "split"
    of_event, founders, ids = _numbered(f, of_event, founder, ids)
    if regrouped == "keys":         # every event placed: nothing left to add
        out = Happenings(of_event.astype(np.int32), ids, store.ids, store.labels, f.grouped())
        out.founders, out.replayed = founders, 0
    else:
        try:
            index = HappeningIndex.from_groups(f, store.ids, of_event, founders, ids)
        except ValueError:          # a stored grouping with an empty happening: not one grouping made
            return None
        index.add()
        out = Happenings(index.of_event, index.happening_ids(), store.ids, store.labels, f.grouped())
        out.founders = index.founder_rows()
        out.replayed = index.replayed      # what extending cost (reports of the new events' action keys)
    out.events = corpus.events
    out.regrouped = regrouped
    return out
