"""Key events as a dated list: the days most reported on, each with a few short lines.

Days: a day counts the distinct documents that date a happening to it (a happening told by many
outlets on one day marks that day; one article repeating a date does not). The ``dates`` best
days are kept, in order. Lines: the day's happenings, most salient first (``salience.py``), each
giving at most one line, the clean sentence among its reports that shares most words with the
other reports of that day (what most reports agree on, the "most-shared sentence"); a line
close to one already chosen is skipped, so the same happening never appears twice. Every
line names the happening it comes from, and so its reports.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

from desktop_app.core.model import Corpus

from .features import DAY, UNBOUNDED_HI, UNBOUNDED_LO, event_columns
from .records import Happenings, day_iso
from .salience import salience
from .summary_text import clean_sentence, near_duplicate, word_set


LEAD_DAYS = 7


@dataclass(slots=True)
class ChronologyEntry:
    date: str
    summary: list[str] = field(default_factory=list)
    happenings: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"date": self.date, "summary": list(self.summary), "happenings": list(self.happenings),
                "sources": list(self.sources)}


def _day_of(h: Happenings, k: int) -> Optional[int]:
    """The single day most day-precise reports of happening ``k`` give, None when not known to the day."""
    f = h.f
    days = Counter(int(f.lo[r]) for r in h.rows(k).tolist() if f.precise[r] and f.hi[r] - f.lo[r] == 1)
    if not days:
        return None
    return min(days.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _day_mentions(corpus: Corpus) -> dict[int, set]:
    """Day -> the documents that name that day (a date to the day, in any sentence)."""
    from desktop_app.core.store.times import to_seconds
    out: dict[int, set] = defaultdict(set)
    for t in corpus.timexes:
        iv = t.interval
        if t.type == "DATE" and iv is not None and iv.precision == "day":
            out[to_seconds(iv.start) // DAY].add(t.doc)
    return out


def _reporting_span(f) -> tuple[int, int]:
    """Days a chronology of these reports covers: from a week before the first report to the last one.

    A chronology of a news corpus tells what its reports are about; a birthday fifty years back
    that one article mentions is background, not a key event of the story.
    """
    known = f.reported[f.reported < UNBOUNDED_HI]
    if len(known) == 0:
        return UNBOUNDED_LO, UNBOUNDED_HI
    return int(known.min()) - LEAD_DAYS, int(known.max())


def chronology(corpus: Corpus, happenings: Happenings, dates: Optional[int] = None,
               per_date: Optional[int] = None) -> list[ChronologyEntry]:
    store = event_columns(corpus)
    f = happenings.f
    sal = salience(happenings)
    by_day: dict[int, list[int]] = defaultdict(list)
    day_docs: dict[int, set] = defaultdict(set)
    for k in range(len(happenings)):
        d = _day_of(happenings, k)
        if d is None:
            continue
        by_day[d].append(k)
        day_docs[d].update(int(f.doc[r]) for r in happenings.rows(k).tolist())
    for d, docs in _day_mentions(corpus).items():
        day_docs[d] |= docs
    lo, hi = _reporting_span(f)
    days = [d for d in by_day if lo <= d <= hi]
    ranked = sorted(days, key=lambda d: (-len(day_docs[d]), -sum(sal[k] for k in by_day[d]), d))
    chosen = sorted(ranked[:dates] if dates is not None else ranked)
    # The story's vocabulary: in how many documents of the whole corpus a word appears (sampled
    # from the chosen days' reports), so a stray sentence about something else ranks low.
    corpus_df: Counter = Counter()
    for d in chosen:
        for k in by_day[d]:
            for r in happenings.rows(k).tolist():
                corpus_df.update(word_set(store.text(r)))
    out: list[ChronologyEntry] = []
    seen_lines: list[frozenset] = []
    for d in chosen:
        entry = ChronologyEntry(day_iso(d))
        ks = sorted(by_day[d], key=lambda k: (-sal[k], happenings.ids[k]))
        # What the day's reports say: a word's weight is the number of documents using it that day.
        cands: dict[int, list[tuple[str, frozenset]]] = {}
        df: Counter = Counter()
        for k in ks:
            lines = []
            doc_words: dict[int, set] = defaultdict(set)
            for r in happenings.rows(k).tolist():
                line = clean_sentence(store.text(r))
                if line is None:
                    continue
                ws = word_set(line)
                lines.append((line, ws))
                doc_words[int(f.doc[r])] |= ws
            for ws in doc_words.values():
                df.update(ws)
            cands[k] = lines
        limit = per_date if per_date is not None else 3
        # Every candidate line of the day competes: what most of the day's reports say first, a
        # more salient happening breaking ties; a happening gives one line at most.
        pool = []
        for k in ks:
            for line, ws in cands[k]:
                central = sum(df[w] + math.log1p(corpus_df[w]) for w in ws) / math.sqrt(len(ws) or 1)
                pool.append((central + sal[k], happenings.ids[k], k, line, ws))
        pool.sort(key=lambda x: (-x[0], x[1], x[3]))
        used: set = set()
        for _, _, k, line, ws in pool:
            if len(entry.summary) >= limit:
                break
            if k in used or any(near_duplicate(ws, s) for s in seen_lines):
                continue
            used.add(k)
            entry.summary.append(line)
            seen_lines.append(ws)
            entry.happenings.append(happenings.ids[k])
            for r in happenings.rows(k).tolist():
                if f.source(r) not in entry.sources:
                    entry.sources.append(f.source(r))
        if entry.summary:
            out.append(entry)
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
