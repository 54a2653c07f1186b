"""The words a hover shows for one mark: what happened, the date as written and as read, who, and where from."""
from __future__ import annotations

import html
import os
from datetime import timedelta
from typing import Optional

from desktop_app.core import timeaxis
from desktop_app.core.model import PRECISIONS, Corpus, Event

from .data import RELATION_ON_OR_BEFORE, UNKNOWN_PRECISION, TimelineData


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _normalized(data: TimelineData, row: int) -> str:
    start = timeaxis.from_seconds(float(data.start[row]))
    end = timeaxis.from_seconds(float(data.end[row]))
    code = int(data.precision[row])
    precision = PRECISIONS[code] if code < UNKNOWN_PRECISION else "unknown"
    if precision in ("second", "minute", "hour"):
        return start.isoformat(sep=" ", timespec="minutes")
    if precision == "day":
        return start.date().isoformat()
    last = max(start, end - timedelta(days=1)).date()   # the interval is half-open
    return f"{start.date().isoformat()} – {last.isoformat()}"


def describe(data: TimelineData, row: int, corpus: Optional[Corpus] = None) -> str:
    """Rich text for a tooltip; works for synthetic data (no Event objects) as well."""
    code = int(data.precision[row])
    precision = PRECISIONS[code] if code < UNKNOWN_PRECISION else "unknown"
    event: Optional[Event] = data.event(row)
    lines = []
    if event is not None:
        lines.append(f"<b>{html.escape(_short(event.label or event.text, 90))}</b>")
        if event.date is not None and event.date.text:
            lines.append(f"Date as written: “{html.escape(event.date.text)}”")
        value = event.date.value if event.date is not None else ""
        lines.append(f"Normalized: {html.escape(value)} ({_normalized(data, row)})")
    else:
        lines.append(f"<b>{html.escape(data.event_id(row))}</b>")
        lines.append(f"Normalized: {_normalized(data, row)}")
    relation = " · on or before (dated by its report)" if data.relation[row] == RELATION_ON_OR_BEFORE else ""
    lines.append(f"Precision: {precision}{relation}")
    lo, hi = data.pair_row.searchsorted(row), data.pair_row.searchsorted(row, side="right")
    names = [data.actor_names[a] for a in data.pair_actor[lo:hi]]
    if names:
        lines.append("Actors: " + html.escape(", ".join(names)))
    source = _source(data, event, corpus)
    if source:
        lines.append("Source: " + html.escape(source))
    if event is not None and event.text:
        lines.append(f"<i>{html.escape(_short(event.text))}</i>")
    return "<br>".join(lines)


def _source(data: TimelineData, event: Optional[Event], corpus: Optional[Corpus]) -> str:
    if event is None:
        return ""
    parts = []
    rep = event.report
    if rep is not None:
        who = data.actor_names[data.actor_index[rep.source]] if rep.source in data.actor_index else None
        when = rep.text or rep.date
        if who or when:
            parts.append("reported" + (f" by {who}" if who else "") + (f" on {when}" if when else ""))
    doc = _document(corpus, event.doc) if corpus is not None else None
    # The file's name, as the table's Document column gives it: a full path says where the analyst keeps it.
    parts.append(f"in {doc.title or os.path.basename(doc.path) or doc.path}" if doc is not None
                 else f"in document {event.doc}")
    return ", ".join(parts)


_docs_of: tuple = (None, 0, {})


def _document(corpus: Corpus, doc_id: str):
    """The document by id; the id map is kept for the last corpus, as hovers follow one another quickly."""
    global _docs_of
    docs, n, by_id = _docs_of
    if docs is not corpus.documents or n != len(corpus.documents):
        by_id = {d.id: d for d in corpus.documents}
        _docs_of = (corpus.documents, len(corpus.documents), by_id)
    return by_id.get(doc_id)
