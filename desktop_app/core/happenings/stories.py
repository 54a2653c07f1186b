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

from collections.abc import Iterator

import numpy as np

from desktop_app.core.union_find import UnionFind

from .heads import distinct

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
    pair = doc_of_feature.astype(np.int64)
    pair *= width
    pair += feature
    pair = distinct(pair, in_place=True)
    # Document and feature codes as int32 (both below 2**31): these live through the whole step.
    d, ft = (pair // width).astype(np.int32), (pair % width).astype(np.int32)
    del pair
    df = np.bincount(ft, minlength=width)
    idf = np.log(n_docs / np.maximum(df, 1))
    norm = np.sqrt(np.bincount(d, weights=idf[ft] ** 2, minlength=n_docs))
    rare = (df >= 2) & (df <= max(2, RARE_SHARE * n_docs))
    # Postings of linking features, ordered by feature, then creation day (unknown last), then
    # document: one sort of feature * n_docs + the document's rank in time.
    keep = rare[ft]
    d, ft = d[keep], ft[keep]
    del keep
    day = doc_day.astype(np.int64)
    known = np.abs(day) < 2 ** 39
    by_time = np.lexsort((np.arange(n_docs), np.where(known, day, 2 ** 40)))
    rank = np.empty(n_docs, np.int64)
    rank[by_time] = np.arange(n_docs)
    post = ft.astype(np.int64)
    post *= n_docs
    post += rank[d]
    post.sort()
    del d, ft, rank
    ft, d = (post // n_docs).astype(np.int32), by_time[post % n_docs].astype(np.int32)
    del post
    # Each posting with the k-th next one of the same feature, as one packed int: the document pair
    # above, the feature's squared weight (quantized) in the low bits, so one sort groups the pairs.
    qbits = min(16, 62 - (n_docs * n_docs).bit_length())
    top = float((idf ** 2).max()) or 1.0
    q = np.rint(idf ** 2 / top * ((1 << qbits) - 1)).astype(np.int64)
    scale = top / ((1 << qbits) - 1)
    lo, hi, cos = [], [], []
    for packed in _packed_pairs(d, ft, q, n_docs, qbits):
        # Each part holds every pair of its lower documents, sorted: its links are final.
        if not len(packed):
            continue
        key, shared_w, _ = _shared_pairs(packed, qbits)
        del packed
        shared_w = shared_w.astype(np.float64) * scale
        a, b = key // n_docs, key % n_docs
        c = shared_w / np.maximum(norm[a] * norm[b], 1e-12)
        near = ~(known[a] & known[b]) | (np.abs(day[a] - day[b]) <= WINDOW_DAYS)
        link = (c >= LINK_COSINE) & near           # (shared_n >= MIN_SHARED: kept only those)
        lo.append(a[link])
        hi.append(b[link])
        cos.append(c[link])
    if not lo:
        return story
    lo, hi, cos = np.concatenate(lo), np.concatenate(hi), np.concatenate(cos)
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


PART_POSTINGS = 1 << 17   # postings per part of the pairs (each pairs with at most 2 * NEIGHBOURS others)
MAX_PARTS = 32            # each part reads every posting once per neighbour step: parts grow past this


def _packed_pairs(d: np.ndarray, ft: np.ndarray, q: np.ndarray, n_docs: int, qbits: int) -> Iterator[np.ndarray]:
    """The packed pairs ``(lower doc * n_docs + higher doc) << qbits | weight`` of every posting with
    each of its ``NEIGHBOURS`` next postings of the same feature, sorted, a range of lower documents
    at a time: the parts, in order, are all the pairs sorted, cut where the lower document changes.

    ``d`` / ``ft``: each posting's document and feature, postings in feature order. All the pairs at
    once (eight million at a million events, 64 MB, beside their sort) were the features pass's peak.
    """
    m = len(ft)
    steps = min(NEIGHBOURS, m - 1)
    if steps < 1:
        return
    n_parts = max(1, min(MAX_PARTS, -(-m // PART_POSTINGS)))
    # Documents in ascending ranges of about equal postings; a pair is in the part of its lower
    # document, the lower of its two postings' parts. One byte per posting and step (255: no pair).
    doc_end = np.cumsum(np.bincount(d, minlength=n_docs))
    part_of_doc = (np.maximum(doc_end - 1, 0) * n_parts // m).astype(np.uint8)
    del doc_end
    pd = part_of_doc[d]
    part_of_pair = []
    for k in range(1, steps + 1):
        pk = np.minimum(pd[:-k], pd[k:])
        pk[ft[k:] != ft[:-k]] = _NO_PART
        part_of_pair.append(pk)
    del pd
    for part in range(n_parts):
        pieces = []
        for k, pk in enumerate(part_of_pair, 1):
            i = np.flatnonzero(pk == part)
            a, b = d[i], d[i + k]
            lo = np.minimum(a, b).astype(np.int64)
            lo *= n_docs
            lo += np.maximum(a, b, out=a)
            lo <<= qbits
            lo |= q[ft[i]]
            pieces.append(lo)
        packed = np.concatenate(pieces)
        del pieces, i, a, b, lo
        packed.sort()
        yield packed
        del packed      # before the next part is built (the caller has dropped it too)


_NO_PART = 255


SHARED_CHUNK = 1 << 18    # packed pairs summed at a time (each chunk's temporaries are a dozen arrays its size)


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
