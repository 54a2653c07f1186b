"""Key events as a dated list: the days the story keeps referring to, each with a few short lines.

Days (``key_dates``): documents referring to a day, more when they refer back to it from later,
plus the documents published on it, each as far as it is about the story. Lines (``day_summary``): for each day, the clean sentences
most central among the sentences about that day, no line or happening twice. Every line names
the happenings its sentence tells, and so its reports; ``sources`` lists their sources.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from desktop_app.core.model import Corpus

from .day_sentences import DaySentence, day_sentences
from .day_summary import DaySummarizer, SentenceVectors, day_candidates
from .key_dates import rank_days, story_words
from .records import Happenings, day_iso
from .salience import salience

DEFAULT_LINES = 3


@dataclass(slots=True)
class ChronologyEntry:
    date: str
    summary: list[str] = field(default_factory=list)
    happenings: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"date": self.date, "summary": list(self.summary), "happenings": list(self.happenings),
                "sources": list(self.sources)}


def chronology(corpus: Corpus, happenings: Happenings, dates: Optional[int] = None,
               per_date: Optional[int] = None) -> list[ChronologyEntry]:
    """At most ``dates`` days (every day with a line when None), at most ``per_date`` lines each, by date."""
    f = happenings.f
    sentences = day_sentences(corpus, happenings)
    words = story_words(sentences)
    candidates = day_candidates(sentences)
    limit = per_date if per_date is not None else DEFAULT_LINES

    def told(s: DaySentence) -> set:
        return {int(happenings.of_event[r]) for r in s.rows if happenings.of_event[r] >= 0}

    summarizer = DaySummarizer(SentenceVectors(sentences), told)
    # Between days referred to as often, the one with the most salient happening goes first.
    sal = salience(happenings)
    best: dict[int, float] = {}
    for s in sentences:
        if s.day is not None:
            for k in told(s):
                best[s.day] = max(best.get(s.day, 0.0), float(sal[k]))
    out: list[ChronologyEntry] = []
    for d in rank_days(sentences, words, best):
        if dates is not None and len(out) >= dates:
            break
        picked = summarizer.lines(candidates.get(d, []), limit)
        if not picked:
            continue
        entry = ChronologyEntry(day_iso(d))
        for s in picked:
            entry.summary.append(s.line)
            for k in sorted(told(s)):
                hid = happenings.ids[k]
                if hid in entry.happenings:
                    continue
                entry.happenings.append(hid)
                for r in happenings.rows(k).tolist():
                    if f.source(r) not in entry.sources:
                        entry.sources.append(f.source(r))
        out.append(entry)
    out.sort(key=lambda e: e.date)
    return out


def chronology_markdown(entries: list[ChronologyEntry]) -> str:
    lines = ["# Key events", ""]
    for e in entries:
        lines.append(f"## {e.date}")
        lines.extend(f"- {s}" for s in e.summary)
        if e.sources:
            lines.append(f"  (sources: {', '.join(e.sources)})")
        lines.append("")
    return "\n".join(lines)
