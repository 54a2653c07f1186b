"""Which days a chronology keeps: the days the story's documents speak of.

A document speaks of a day when it is published on it or when one of its sentences names the
day from another day, and it counts once for that day however often it names it: a day many
documents name outranks a day one long article names twenty times (the document counts of
DATEWISE's date features, Gholipour Ghalandari & Ifrim 2020). A document published later
than the day counts ``1 + RETROSPECTIVE``: a report of the day itself only says something
happened, while articles still naming it days or weeks later say it mattered (Kessler et al.
2012, Tran et al. 2013). An article naming its own day ("on Tuesday" in Tuesday's paper) is
that day's report and counts once, as published on it.

Only what a sentence's own words name counts (``DaySentence.named``): a date an event carries
over from an earlier sentence repeats one reference sentence after sentence, and is right less
often. And only sentences about the story count: a radio schedule or a link list that happens
to sit in a collected page names days that have nothing to do with it. The story is told by
its words, the ``STORY_WORDS`` content words found in the most documents (the keywords a
collection was gathered by, found rather than given). The same holds for whole documents: a
document counts, for the day it is published on and for the days it names, as far as it is
about the story (``about``, the share of its sentences that are), so a party-conference diary
or a market round-up collected with the story's articles because it names the story once
hardly makes a day key.

A collection ends, and the references back to its last days have not been written yet: what
they would add is estimated from how long references back take to come in the collection
itself (``unseen_later``).

    score(day) = sum over documents published on it of about(doc)
                 + sum over documents published on another day naming it of about(doc)
                   (x (1 + RETROSPECTIVE) when published later)
                 + unseen_later(day)
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from typing import Iterable

from .day_sentences import DaySentence

STORY_WORDS = 10
RETROSPECTIVE = 0.5    # extra weight of a document naming a day after it
LEAD_DAYS = 7         # a chronology starts at most this many days before the first report
MIN_REFERENCES_BACK = 10   # fewer tell nothing of how long references back take to come


def story_words(sentences: Iterable[DaySentence], top: int | None = None) -> frozenset:
    """The ``top`` (``STORY_WORDS``) content words found in the most documents."""
    top = STORY_WORDS if top is None else top
    per_doc: dict[int, set] = defaultdict(set)
    for s in sentences:
        per_doc[s.doc].update(s.words)
    df: Counter = Counter()
    for words in per_doc.values():
        df.update(words)
    return frozenset(w for w, _ in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:top])


def on_story(s: DaySentence, words: frozenset) -> bool:
    return not words or any(w in s.words for w in words)


def reporting_span(sentences: list[DaySentence]) -> tuple[int, int] | None:
    """Days a chronology of these reports covers: from ``LEAD_DAYS`` before the first report to the last.

    A chronology of a news corpus tells what its reports are about; a birthday fifty years back
    that one article mentions is background, not a key event of the story.
    """
    days = [s.pub for s in sentences if s.pub is not None]
    if not days:
        return None
    return min(days) - LEAD_DAYS, max(days)


def day_scores(sentences: list[DaySentence], words: frozenset, censored: bool = True) -> Counter:
    """Day -> its score (see the module docstring); with ``censored``, plus ``unseen_later``."""
    naming: dict[int, set] = defaultdict(set)
    published: dict[int, set] = defaultdict(set)
    pub_of: dict[int, int] = {}
    told: Counter = Counter()            # document -> its sentences
    about: Counter = Counter()           # document -> its sentences about the story
    for s in sentences:
        told[s.doc] += 1
        if on_story(s, words):
            about[s.doc] += 1
        if s.pub is not None:
            published[s.pub].add(s.doc)
            pub_of[s.doc] = s.pub
    for s in sentences:
        if s.named and on_story(s, words):
            for d in s.named:
                if pub_of.get(s.doc) != d:          # its own day: counted once, as published on it
                    naming[d].add(s.doc)
    score: Counter = Counter()
    seen: Counter = Counter()            # day -> what is not censored: its publications and announcements
    later: list[tuple[int, float]] = []  # (days after the day, weight) of every reference back
    for d, docs in naming.items():
        for doc in docs:
            w = about[doc] / told[doc]
            p = pub_of.get(doc, d)
            if p > d:
                score[d] += (1.0 + RETROSPECTIVE) * w
                later.append((p - d, (1.0 + RETROSPECTIVE) * w))
            else:
                score[d] += w
                seen[d] += w
    for d, docs in published.items():
        w = sum(about[doc] / told[doc] for doc in docs)
        score[d] += w
        seen[d] += w
    if censored and pub_of:
        for d, x in unseen_later(seen, later, max(pub_of.values())).items():
            score[d] += x
    return score


def unseen_later(seen: Counter, later: list[tuple[int, float]], last: int) -> dict[int, float]:
    """Day -> the references back to it that the collection ends too soon to hold.

    Articles name a day for weeks after it, so a day near the last report has had less time to
    be referred back to than one a month earlier: a right-censored count (the latest days of a
    collection, where a story often peaks, would lose to earlier days for want of a future).
    How long references take to come is read from the collection itself: ``G(t)``, the share
    of its references back made within ``t`` days. A day ``t`` days before the last report has
    had ``G(t)`` of its references; the rest is expected in proportion to what it already has
    that is not censored (its publications and announcements):

        unseen(d) = (1 - G(last - d)) * rho * seen(d),  rho = sum of references back / sum of G * seen

    ``rho`` makes the expected references back equal the observed ones where nothing is
    censored. With fewer than ``MIN_REFERENCES_BACK`` references back there is nothing to learn
    from, and nothing is added.
    """
    if len(later) < MIN_REFERENCES_BACK:
        return {}
    later = sorted(later)
    lags = [lag for lag, _ in later]
    cum, acc = [], 0.0
    for _, w in later:
        acc += w
        cum.append(acc)
    total = acc

    def share(t: int) -> float:
        i = bisect.bisect_right(lags, t)
        return cum[i - 1] / total if i else 0.0

    g = {d: share(last - d) for d in seen if d <= last}
    denominator = sum(g[d] * seen[d] for d in g)
    if denominator <= 0:
        return {}
    rho = total / denominator
    return {d: (1.0 - g[d]) * rho * seen[d] for d in g if g[d] < 1.0}


def rank_days(sentences: list[DaySentence], words: frozenset, tie: dict | None = None) -> list[int]:
    """Days within the reporting span (any day when no document has a known day), best first;
    equal scores go by ``tie`` (day -> number, higher first), then the earlier day."""
    score = day_scores(sentences, words)
    span = reporting_span(sentences)
    days = [d for d in score if span is None or span[0] <= d <= span[1]]
    tie = tie or {}
    return sorted(days, key=lambda d: (-score[d], -tie.get(d, 0.0), d))
