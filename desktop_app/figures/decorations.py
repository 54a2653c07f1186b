"""What frames a figure: banner, title, filter line, legend and source footnote.

Each builder draws into a group at a given top and returns the height it
used, so the composer can stack them and give the panels what is left.
The legend lists only what the figure actually shows.
"""
from __future__ import annotations

from typing import Iterable

from desktop_app.core import palette
from desktop_app.core.model import ACTOR_TYPES, Corpus, Event
from desktop_app.figures import glyphs
from desktop_app.figures.metrics import TextMeasure
from desktop_app.figures.scene import MIN_TEXT, Circle, Group, Line, Polygon, Polyline, Rect, Stroke, Text
from desktop_app.figures.timeline_marks import draw_badge, draw_bar, draw_point, fade_length

FOOTNOTE_LINES = 3
BADGE_LEGEND = "numbered: independent sources (no number: single source)"
CONTEXT_LEGEND = "thin, at a lane's foot: longer than the time range shown"
# What a tie's width counts: happenings when the corpus's are known (as the network view), else events.
TIE_LEGEND = {"happenings": "line width: happenings shared", "events": "line width: events shared"}


def banner(group: Group, text: str, x: float, y: float, w: float, unit: float,
           measure: TextMeasure) -> float:
    size = max(MIN_TEXT, round(unit * 0.9))
    h = size * 1.9
    group.add(Rect(x, y, w, h, fill=palette.BANNER_BACKGROUND))
    shown = measure.elide(text, size, w - size * 2, bold=True)
    group.add(Text(x + w / 2, y + h / 2 + measure.ascent(size, True) * 0.36, shown, size,
                   palette.BANNER_FOREGROUND, anchor="middle", bold=True, role="banner"))
    return h


def title_block(group: Group, title: str, subtitle: str, x: float, y: float, w: float,
                unit: float, measure: TextMeasure) -> float:
    used = 0.0
    if title:
        size = round(unit * 1.6)
        lines = measure.wrap(title, size, w, bold=True)
        if len(lines) > 2:   # two lines at most; the ellipsis shows the title goes on
            lines = [lines[0], measure.elide(" ".join(lines[1:]), size, w, bold=True)]
        for line in lines:
            used += size * 1.25
            group.add(Text(x, y + used - size * 0.25, line, size, palette.FOREGROUND, bold=True, role="title"))
    if subtitle:
        size = max(MIN_TEXT, round(unit * 0.9))
        used += size * 1.5
        group.add(Text(x, y + used - size * 0.4, measure.elide(subtitle, size, w), size,
                       palette.MUTED_TEXT, role="subtitle"))
    return used + (unit * 0.6 if used else 0.0)


def _legend_entries(actor_types: set, styles: set, density_peak: float,
                    network: bool = False, ties_by: str = "events") -> list[tuple[str, str, object]]:
    """(kind, label, key) in reading order: actor types, network encodings, date styles, density."""
    entries = [("type", t, t) for t in ACTOR_TYPES if t in actor_types]
    if network:
        entries += [("node size", "node size: number of ties", None),
                    ("tie width", TIE_LEGEND[ties_by], None)]
    classes = {_style_class(p, r) for p, r in styles if p not in ("report", "badge", "context")}
    for i, (label, precision, relation) in enumerate(palette.PRECISION_LEGEND):
        if i in classes:
            entries.append(("style", label, (precision, relation)))
    if ("report", "report") in styles:
        entries.append(("report", "date of the report (not of the event)", None))
    if ("badge", "badge") in styles:      # a grouped figure numbered a happening's independent sources
        entries.append(("badge", BADGE_LEGEND, None))
    if ("context", "context") in styles:  # spans longer than the figure's time range (core.context_spans)
        entries.append(("context", CONTEXT_LEGEND, None))
    if density_peak > 0:
        entries.append(("density", f"events per bin, darker = more (up to {density_peak:.0f})", None))
    return entries


def _style_class(precision: str, relation: str) -> int:
    # A relation with an entry of its own (on or before, since, until) is that entry, whatever its precision.
    for i, (_, _, rel) in enumerate(palette.PRECISION_LEGEND):
        if rel != "on" and rel == relation:
            return i
    for i, (_, sample, rel) in enumerate(palette.PRECISION_LEGEND):
        if rel == "on" and palette.mark_style(precision).fill_alpha == palette.mark_style(sample).fill_alpha:
            return i
    return 0


def legend(group: Group, x: float, y: float, w: float, unit: float, measure: TextMeasure,
           actor_types: set, styles: set, density_peak: float = 0.0, network: bool = False,
           ties_by: str = "events") -> float:
    """A flowing one- or multi-row legend; returns its height (0 when there is nothing to explain)."""
    entries = _legend_entries(actor_types, styles, density_peak, network, ties_by)
    if not entries:
        return 0.0
    size = max(MIN_TEXT, round(unit * 0.85))
    row_h = size * 1.9
    swatch = size * 2.2
    gap = size * 1.4
    layer = Group(name="legend")
    cx, row = x, 0
    for kind, label, key in entries:
        need = swatch + size * 0.4 + measure.width(label, size)
        if cx > x and cx + need > x + w:
            cx, row = x, row + 1
        cy = y + row * row_h + row_h / 2
        _swatch(layer, kind, key, cx, cy, swatch, size)
        layer.add(Text(cx + swatch + size * 0.4, cy + measure.ascent(size) * 0.36,
                       measure.elide(label, size, x + w - cx - swatch), size,
                       palette.FOREGROUND, role="legend"))
        cx += need + gap
    group.add(layer)
    return (row + 1) * row_h


def _swatch(layer: Group, kind: str, key, x: float, cy: float, w: float, size: float) -> None:
    r = size * 0.38
    if kind == "type":
        layer.add(glyphs.shape(palette.actor_shape(key), x + w / 2, cy, r * 1.1,
                               palette.actor_color(key)))
    elif kind == "style":
        precision, relation = key
        style = palette.mark_style(precision, relation)
        color = palette.FOREGROUND
        if style.kind == "point":
            draw_point(layer, x + w * 0.72, cy, r, color, style)
        elif style.fade is not None:      # the fade and its arrow stay inside the swatch
            fade = fade_length(size * 0.8)
            a, b = (x, x + w - fade) if style.fade == "end" else (x + fade, x + w)
            draw_bar(layer, a, b, cy - size * 0.4, size * 0.8, color, style)
        else:
            draw_bar(layer, x, x + w, cy - size * 0.4, size * 0.8, color, style)
    elif kind == "report":
        s = size * 0.34
        layer.add(Polygon([(x + w / 2 - s, cy - s * 1.2), (x + w / 2 + s, cy - s * 1.2), (x + w / 2, cy + s * 0.9)],
                          fill=palette.REPORT_MARKER, stroke=Stroke(palette.FOREGROUND, 0.5)))
    elif kind == "context":     # a thin line going on past both edges, as lane_marks draws one
        tip = size * 0.3
        stroke = Stroke(palette.FOREGROUND, 1.2)
        layer.add(Rect(x, cy - size * 0.08, w, size * 0.16, fill=palette.FOREGROUND, fill_alpha=0.55))
        layer.add(Polyline([(x + tip, cy - tip), (x, cy), (x + tip, cy + tip)], stroke))
        layer.add(Polyline([(x + w - tip, cy - tip), (x + w, cy), (x + w - tip, cy + tip)], stroke))
    elif kind == "badge":       # the marks' own pill, at the size the figure draws it (``unit`` from ``size``)
        draw_badge(layer, x + w * 0.2, cy, 3, size / 0.85)
    elif kind == "node size":
        for i, rr in enumerate((r * 0.55, r * 0.85, r * 1.2)):
            layer.add(Circle(x + w * (0.15 + 0.33 * i), cy, rr, fill=palette.UNKNOWN_ACTOR_COLOR))
    elif kind == "tie width":
        for i, lw in enumerate((0.8, 2.0, 3.6)):
            yy = cy - size * 0.35 + i * size * 0.35
            layer.add(Line(x, yy, x + w, yy, Stroke(palette.EDGE, lw)))
    elif kind == "density":
        for i in range(4):
            layer.add(Rect(x + i * w / 4, cy - size * 0.4, w / 4, size * 0.8,
                           fill=palette.FOREGROUND, fill_alpha=0.15 + 0.25 * i))


# Names listed per part of the sources line: three footnote lines hold far
# fewer, so past this the rest is counted ("and 49,950 more"), not listed.
SOURCES_LISTED = 40


def sources_text_rows(corpus: Corpus, store, rows) -> str:
    """``sources_text`` for event-store rows, from the columns: no Event is built.

    Sources and documents are listed in order of first appearance, at most
    ``SOURCES_LISTED`` of each, then counted.
    """
    import numpy as np

    rows = np.asarray(rows, dtype=np.int64)
    c, values = store.c, store.codes
    source = np.where(c["reported"][rows] != 0, c["report_source"][rows].astype(np.int64), -1)
    source = source[source >= 0]
    _, at = np.unique(source, return_index=True)
    source_ids = [values["actor"].values[k] for k in source[np.sort(at)].tolist()]
    docs = c["doc"][rows]
    _, at = np.unique(docs, return_index=True)
    doc_ids = [values["doc"].values[k] for k in docs[np.sort(at)].tolist()]
    return _sources_line(corpus, [s for s in source_ids if s], [d for d in doc_ids if d])


def sources_text(corpus: Corpus, events: Iterable[Event]) -> str:
    """'Reported by: …  Documents: …' for the events on the figure."""
    sources: dict[str, None] = {}
    docs: dict[str, None] = {}
    for e in events:
        if e.report is not None and e.report.source:
            sources.setdefault(e.report.source, None)
        if e.doc:
            docs.setdefault(e.doc, None)
    return _sources_line(corpus, list(sources), list(docs))


def _sources_line(corpus: Corpus, source_ids: list[str], doc_ids: list[str]) -> str:
    by_actor = {a.id: a.name for a in corpus.actors} if source_ids else {}
    by_doc = {d.id: d for d in corpus.documents} if doc_ids else {}
    sources = _listed((by_actor.get(s, s) for s in source_ids), len(source_ids))
    docs = _listed((_doc_label(by_doc.get(d), d) for d in doc_ids), len(doc_ids))
    parts = []
    if sources:
        parts.append("Reported by: " + sources + ".")
    if docs:
        parts.append("Documents: " + docs + ".")
    return "  ".join(parts)


def _listed(names, total: int) -> str:
    """Distinct names joined by '; ', at most ``SOURCES_LISTED`` of them, then how many more."""
    shown: dict[str, None] = {}
    seen = 0
    for name in names:
        seen += 1
        shown.setdefault(name, None)
        if len(shown) >= SOURCES_LISTED:
            break
    text = "; ".join(shown)
    rest = total - seen
    return f"{text}; and {rest:,} more" if rest > 0 else text


def _doc_label(doc, doc_id: str) -> str:
    if doc is None:
        return doc_id
    label = doc.title or doc.path.replace("\\", "/").rsplit("/", 1)[-1] or doc.id
    if doc.publication:
        label += f" ({doc.publication}"
        label += f", {doc.dct})" if doc.dct else ")"
    elif doc.dct:
        label += f" ({doc.dct})"
    return label


def footnote(group: Group, text: str, x: float, y: float, w: float, unit: float,
             measure: TextMeasure, draw: bool = True) -> float:
    """The sources line(s), at most ``FOOTNOTE_LINES``, wrapped at spaces and never cut mid-word.

    When the list is longer than the lines hold, it stops after the last
    whole entry that fits (an entry ends at ';' or '.') and says so with
    "… and more", so a reader never sees half a file name.
    """
    if not text:
        return 0.0
    size = max(MIN_TEXT - 1, round(unit * 0.72))
    lines = fit_lines(text, size, w, FOOTNOTE_LINES, measure)
    line_h = size * 1.35
    if draw:
        layer = Group(name="footnote")
        for i, line in enumerate(lines):
            layer.add(Text(x, y + (i + 1) * line_h - size * 0.3, line, size, palette.MUTED_TEXT, role="footnote"))
        group.add(layer)
    return len(lines) * line_h


MORE = "… and more."


def fit_lines(text: str, size: float, w: float, max_lines: int, measure: TextMeasure) -> list[str]:
    """``text`` word-wrapped into at most ``max_lines``; past that, cut after a whole entry with ``MORE``."""
    lines = measure.wrap(text, size, w)
    if len(lines) <= max_lines:
        return lines
    words = text.split()
    # The most words whose wrap, plus the marker, still fits the lines; then back to an entry's end.
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if len(measure.wrap(" ".join(words[:mid] + [MORE]), size, w)) <= max_lines:
            lo = mid
        else:
            hi = mid - 1
    keep = lo
    while keep > 0 and not words[keep - 1].endswith((";", ".", ":")):
        keep -= 1
    if keep == 0:
        keep = lo          # one entry longer than all the lines: whole words still
    head = " ".join(words[:keep]).rstrip(";:")
    return measure.wrap(f"{head} {MORE}" if head else MORE, size, w)[:max_lines]
