"""Documents that tell one news story, found before events are grouped into happenings.

Reports of one happening often share no participant an extractor finds in the clause that tells
it ("Cheeks fired" / "The 76ers let their coach go"), but the documents around them share the
story's rarer participants: the same coach, team and city, or the same climber,
mountain and fall. So documents are first clustered into **stories**, and grouping then takes
"the same kind of action in the same story" as evidence (``grouping.py``); dates, people and
acting organizations still decide between two happenings of one story (two arrests of two
people on one day stay two).

A document is the set of its events' participants (people, organizations, groups and places;
the media that publish are left out), each weighed by its inverse document frequency (action
keys were tried as features too: "say" and "kill" link unrelated stories).
Two documents are linked when the cosine of these sets reaches
``LINK_COSINE``, at least two of their shared features are rare (a story is more than one shared
name: "Oscars" alone does not make the 2009 and the 2014 ceremonies one story), each is among
the other's ``MUTUAL`` best links (so a hub document does not chain stories together), and their
creation times, when both are known, lie within ``WINDOW_DAYS``. Stories are the connected groups
of linked documents. A feature named by very many documents (a country, "say") carries little
weight; a feature's documents are compared only with their ``NEIGHBOURS`` nearest in creation
time (in document order when undated), so the number of pairs grows with the corpus, not with
its square (a million events must stay cheap: all of it is array passes, no loop per document).
"""
from __future__ import annotations

import numpy as np

from desktop_app.core.union_find import UnionFind

LINK_COSINE = 0.25     # cosine of two documents' weighted participants that links them
MIN_SHARED = 2         # shared features (each in at most RARE_SHARE of the documents) a link needs
RARE_SHARE = 0.25      # a feature in more of the documents than this is common, never a link by itself
WINDOW_DAYS = 30       # creation times further apart than this never link (a story is news of weeks)
MUTUAL = 3            # a link must be among the best this many of both documents (4: train half B -0.2)
NEIGHBOURS = 8        # per feature, a document is compared with this many documents nearest in time


def document_stories(doc_of_feature: np.ndarray, feature: np.ndarray, n_docs: int,
                     doc_day: np.ndarray) -> np.ndarray:
    """The story number of each document code (int32, ``0..``; a document alone is its own story).

    ``doc_of_feature`` / ``feature``: one row per (document, feature) occurrence, repeats allowed
    (features are ints: actor codes); ``doc_day``: per document its
    creation day, or a value outside ``[-2**39, 2**39]`` when unknown.
    """
    story = np.arange(n_docs, dtype=np.int32)
    if n_docs < 2 or not len(feature):
        return story
    width = int(feature.max()) + 1
    pair = _distinct(doc_of_feature.astype(np.int64) * width + feature.astype(np.int64))
    d, ft = pair // width, pair % width
    del pair
    df = np.bincount(ft, minlength=width)
    idf = np.log(n_docs / np.maximum(df, 1))
    norm = np.sqrt(np.bincount(d, weights=idf[ft] ** 2, minlength=n_docs))
    rare = (df >= 2) & (df <= max(2, RARE_SHARE * n_docs))
    # Postings of linking features, ordered by feature, then creation day (unknown last), then
    # document: one sort of feature * n_docs + the document's rank in time.
    keep = rare[ft]
    d, ft = d[keep], ft[keep]
    day = doc_day.astype(np.int64)
    known = np.abs(day) < 2 ** 39
    by_time = np.lexsort((np.arange(n_docs), np.where(known, day, 2 ** 40)))
    rank = np.empty(n_docs, np.int64)
    rank[by_time] = np.arange(n_docs)
    post = np.sort(ft * n_docs + rank[d])
    ft, d = post // n_docs, by_time[post % n_docs]
    del post, keep
    # Each posting with the k-th next one of the same feature, as one packed int: the document pair
    # above, the feature's squared weight (quantized) in the low bits, so one sort groups the pairs.
    qbits = min(16, 62 - (n_docs * n_docs).bit_length())
    top = float((idf ** 2).max()) or 1.0
    q = np.rint(idf ** 2 / top * ((1 << qbits) - 1)).astype(np.int64)
    # Packed into one array filled in place (at a million events 8 million pairs), sorted in place.
    same = [ft[k:] == ft[:-k] for k in range(1, min(NEIGHBOURS, len(ft) - 1) + 1)]
    packed = np.empty(sum(int(s.sum()) for s in same), np.int64)
    at = 0
    for k, sk in enumerate(same, 1):
        a, b = d[:-k][sk], d[k:][sk]
        part = packed[at:at + len(a)]          # written in place: no temporary per step
        np.minimum(a, b, out=part)
        part *= n_docs
        part += np.maximum(a, b, out=a)
        part <<= qbits
        part |= q[ft[k:][sk]]
        at += len(part)
    same = a = b = part = None      # freed before the sort
    if not len(packed):
        return story
    packed.sort()
    key, shared_w, shared_n = _shared_pairs(packed, qbits)
    shared_w = shared_w.astype(np.float64) * (top / ((1 << qbits) - 1))
    lo, hi = key // n_docs, key % n_docs
    cos = shared_w / np.maximum(norm[lo] * norm[hi], 1e-12)
    near = ~(known[lo] & known[hi]) | (np.abs(day[lo] - day[hi]) <= WINDOW_DAYS)
    link = (cos >= LINK_COSINE) & near           # (shared_n >= MIN_SHARED: kept only those)
    lo, hi, cos = lo[link], hi[link], cos[link]
    # Mutual nearest: a link must be among each document's MUTUAL best links (no chaining through hubs).
    rank_lo = _rank(lo, cos)
    rank_hi = _rank(hi, cos)
    link = (rank_lo < MUTUAL) & (rank_hi < MUTUAL)
    uf = UnionFind(n_docs)
    for x, y in zip(lo[link].tolist(), hi[link].tolist()):
        uf.union(x, y)
    roots = np.array([uf.find(i) for i in range(n_docs)], np.int64)
    _, story = np.unique(roots, return_inverse=True)
    return story.astype(np.int32)


SHARED_CHUNK = 1 << 20    # packed pairs summed at a time


def _shared_pairs(packed: np.ndarray, qbits: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(document pair, summed quantized weight, shared features) of each distinct pair of the sorted
    ``packed`` sharing at least ``MIN_SHARED`` features, in pair order.

    A chunk at a time, each ending where a pair does: most pairs share one feature, and arrays over
    every distinct pair (seven million at a million events, a dozen of them at once) were the
    features pass's peak, about 600 MB.
    """
    keys, weights, counts = [], [], []
    n, s = len(packed), 0
    while s < n:
        e = min(n, s + SHARED_CHUNK)
        if e < n:       # the chunk takes every row of its last pair
            e = int(np.searchsorted(packed, ((int(packed[e - 1]) >> qbits) + 1) << qbits))
        chunk = packed[s:e]
        key = chunk >> qbits
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        cnt = np.diff(np.r_[starts, len(key)])
        keep = cnt >= MIN_SHARED
        keys.append(key[starts[keep]])
        weights.append(np.add.reduceat(chunk & ((1 << qbits) - 1), starts)[keep])
        counts.append(cnt[keep])
        s = e
    return np.concatenate(keys), np.concatenate(weights), np.concatenate(counts)


def _rank(owner: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Per item its rank (0 = best) among the items of the same owner, by score descending."""
    order = np.lexsort((-score, owner))
    o = owner[order]
    first = np.flatnonzero(np.r_[True, o[1:] != o[:-1]]) if len(o) else np.zeros(0, np.int64)
    rank = np.empty(len(o), np.int64)
    rank[order] = np.arange(len(o)) - np.repeat(first, np.diff(np.r_[first, len(o)]))
    return rank


def _distinct(keys: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a sort and a diff: faster than numpy's hashing unique on millions)."""
    s = np.sort(keys)
    return s[np.r_[True, s[1:] != s[:-1]]] if len(s) > 1 else s
