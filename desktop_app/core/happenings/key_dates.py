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

    score(day) = sum over documents published on it of about(doc)
                 + sum over documents published on another day naming it of about(doc)
                   (x (1 + RETROSPECTIVE) when published later)
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from .day_sentences import DaySentence

STORY_WORDS = 10
RETROSPECTIVE = 0.5    # extra weight of a document naming a day after it
LEAD_DAYS = 7         # a chronology starts at most this many days before the first report


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


def day_scores(sentences: list[DaySentence], words: frozenset) -> Counter:
    """Day -> its score (see the module docstring)."""
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
    for d, docs in naming.items():
        score[d] += sum((1.0 + (RETROSPECTIVE if pub_of.get(doc, d) > d else 0.0)) * about[doc] / told[doc]
                        for doc in docs)
    for d, docs in published.items():
        score[d] += sum(about[doc] / told[doc] for doc in docs)
    return score


def rank_days(sentences: list[DaySentence], words: frozenset, tie: dict | None = None) -> list[int]:
    """Days within the reporting span (any day when no document has a known day), best first;
    equal scores go by ``tie`` (day -> number, higher first), then the earlier day."""
    score = day_scores(sentences, words)
    span = reporting_span(sentences)
    days = [d for d in score if span is None or span[0] <= d <= span[1]]
    tie = tie or {}
    return sorted(days, key=lambda d: (-score[d], -tie.get(d, 0.0), d))
