"""A day's few summary lines: the sentences most central among those about that day.

Candidates for a day (the DATEWISE collector of Gholipour Ghalandari & Ifrim 2020): every
sentence whose events are dated to that day, from any document published at any time, and the
first ``LEAD_SENTENCES`` sentences of the documents published on that day or the day after that
date nothing themselves (a report's lead tells the news of its day or the day before).

Lines (their CentroidOpt): sentences are TF-IDF vectors over content words, the day's centroid
is the mean of its candidates, and lines are added one at a time, each the candidate that
brings the lines chosen so far closest to the centroid: what most reports of the day say,
without saying it twice. Only clean lines qualify (``summary_text.clean_sentence``), and a line
close to one chosen for any day (cosine above ``MAX_SIMILARITY``) or telling a happening already
told is skipped, so the same happening never appears twice.
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Callable, Iterable

from .day_sentences import DaySentence

LEAD_SENTENCES = 3
PUBLISHED_SPAN = 2      # a lead sentence stands for its publication day and the day before
MAX_SIMILARITY = 0.5
POOL = 50               # candidates the greedy choice weighs, the most central first

Vector = dict


class SentenceVectors:
    """TF-IDF vectors (unit length) of the sentences, inverse document frequency over sentences."""

    def __init__(self, sentences: list[DaySentence]):
        df: dict = defaultdict(int)
        for s in sentences:
            for w in s.words:
                df[w] += 1
        n = len(sentences)
        self.idf = {w: math.log((1 + n) / (1 + v)) + 1.0 for w, v in df.items()}
        self._vec: dict[int, Vector] = {}

    def of(self, s: DaySentence) -> Vector:
        v = self._vec.get(id(s))
        if v is None:
            v = unit({w: c * self.idf.get(w, 1.0) for w, c in s.words.items()})
            self._vec[id(s)] = v
        return v


def unit(v: Vector) -> Vector:
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {w: x / norm for w, x in v.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def _add(acc: Vector, v: Vector) -> None:
    for w, x in v.items():
        acc[w] = acc.get(w, 0.0) + x


def day_candidates(sentences: Iterable[DaySentence]) -> dict[int, list[DaySentence]]:
    """Day -> the sentences a line for that day may come from."""
    out: dict[int, list[DaySentence]] = defaultdict(list)
    for s in sentences:
        if s.day is not None:
            out[s.day].append(s)
        elif s.pub is not None and s.pos < LEAD_SENTENCES and not s.refs:
            for back in range(PUBLISHED_SPAN):
                out[s.pub - back].append(s)
    return out


class DaySummarizer:
    """Lines for one day after another, never repeating a line or a happening across days."""

    def __init__(self, vectors: SentenceVectors, happenings_of: Callable[[DaySentence], set]):
        self.vectors = vectors
        self.happenings_of = happenings_of
        self.chosen: list[Vector] = []
        self.told: set = set()

    def lines(self, candidates: list[DaySentence], limit: int) -> list[DaySentence]:
        vec = self.vectors.of
        centroid: Vector = {}
        for s in candidates:
            _add(centroid, vec(s))
        centroid = unit(centroid)
        pool = [s for s in candidates if s.line is not None and vec(s)]
        pool.sort(key=lambda s: (-cosine(vec(s), centroid), s.doc, s.start))
        pool = pool[:POOL]
        picked: list[DaySentence] = []
        summary: Vector = {}
        seen_text: set = set()
        while pool and len(picked) < limit:
            # The candidate that brings the summary closest to the centroid (ties: the earlier one).
            best_i, best = 0, -1.0
            for i, s in enumerate(pool):
                trial = dict(summary)
                _add(trial, vec(s))
                score = cosine(unit(trial), centroid)
                if score > best + 1e-12:
                    best_i, best = i, score
            s = pool.pop(best_i)
            v = vec(s)
            told = self.happenings_of(s)
            if s.line in seen_text or (told and told <= self.told) or \
                    any(cosine(v, c) > MAX_SIMILARITY for c in self.chosen):
                continue
            picked.append(s)
            seen_text.add(s.line)
            _add(summary, v)
            self.chosen.append(v)
            self.told |= told
        return picked
