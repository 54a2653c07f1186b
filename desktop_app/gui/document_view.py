"""The document view: an article's text with its actor mentions and time expressions marked.

Every mark is the extractor's own span, so what the analyst reads here is
the provenance of each node and timeline mark.  Offsets in the model are
Python string indices; Qt counts UTF-16 code units and folds "\\r\\n" into
one paragraph break, so ``QtOffsets`` maps between the two exactly instead
of assuming they agree (they do not for emoji, many CJK extension
characters, or Windows line ends).

Clicking a mention selects its actor (Ctrl toggles); selecting an event
anywhere switches to its document and scrolls to its sentence.
"""
from __future__ import annotations

import html
import os
from bisect import bisect_left, bisect_right
from typing import Optional

import numpy as np
from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTextEdit, QToolTip,
                               QVBoxLayout)

from desktop_app.core import palette
from desktop_app.gui.actor_details import evidence_lines
from desktop_app.core.happenings.heads import happening_marks
from desktop_app.core.model import Actor, Document, Mention, Timex
from desktop_app.core.selection import SelectionChange
from desktop_app.core.store import compact

from .document_kinds import PageGutter, describe, page_marks, paint_page_rules, where
from .shared_index import row_of, rows_of
from .plain import plain
from .state_view import StateView

_REDRAW_FIELDS = frozenset(("actors", "event", "reports"))
SENTENCE_BACKGROUND = QColor(palette.blend(palette.HIGHLIGHT, 0.45))
TIMEX_BACKGROUND = QColor("#E6E6E6")
# Mentions and time expressions are short; a span longer than this is not looked back for.
_LONGEST_SPAN = 400


class QtOffsets:
    """Exact conversion between Python str indices and QTextDocument positions."""

    def __init__(self, text: str):
        n = len(text)
        width = np.ones(n, dtype=np.int64)
        if n:
            codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            width[codes > 0xFFFF] = 2                      # a surrogate pair in UTF-16
            crlf = np.flatnonzero((codes[1:] == 0x0A) & (codes[:-1] == 0x0D)) + 1
            width[crlf] = 0                                # Qt keeps one break for "\r\n"
        self._q = np.concatenate([[0], np.cumsum(width)])

    def to_qt(self, index: int) -> int:
        index = min(max(index, 0), len(self._q) - 1)
        return int(self._q[index])

    def to_py(self, position: int) -> int:
        """The Python index of the character starting at Qt ``position``."""
        i = int(np.searchsorted(self._q, position, side="right")) - 1
        return max(0, min(i, len(self._q) - 1))


class _Text(QPlainTextEdit):
    """Read-only text that reports hovers and clicks as Python offsets."""

    def __init__(self, owner: "DocumentView"):
        super().__init__()
        self.owner = owner
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.viewport().setMouseTracking(True)
        self.gutter = PageGutter(self, self.page_marks)
        self.gutter.setVisible(False)
        self.updateRequest.connect(lambda *_: self.gutter.update())

    def _offset_at(self, point) -> int:
        return self.owner.offsets.to_py(self.cursorForPosition(point).position())

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.owner.tooltip_at(self._offset_at(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())    # built escaped: tooltip_at
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        paint_page_rules(self, self.page_marks())

    def page_marks(self) -> list[tuple[int, int]]:
        return page_marks(self, self.owner.doc, self.owner.offsets.to_qt)

    def show_pages(self, on: bool) -> None:
        """A page-number margin for a document with pages (PDF), none for the others."""
        self.setViewportMargins(self.gutter.width_needed() if on else 0, 0, 0, 0)
        self.gutter.setVisible(on)
        self._place_gutter()

    def _place_gutter(self) -> None:
        r = self.contentsRect()
        self.gutter.setGeometry(r.left(), r.top(), self.gutter.width_needed(), r.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_gutter()

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        # A drag that selected text is for copying, not for choosing an actor.
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self.owner.click_offset(self._offset_at(event.position().toPoint()), ctrl)


class _DocumentList(QAbstractListModel):
    """The documents for the picker: display name, and the id under ``UserRole``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.documents: list[Document] = []

    def set_documents(self, documents) -> None:
        self.beginResetModel()
        self.documents = list(documents)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.documents)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.documents):
            return None
        d = self.documents[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return d.title or os.path.basename(d.path) or d.id
        if role == Qt.ItemDataRole.UserRole:
            return d.id
        return None


class DocumentView(StateView):
    def __init__(self, state, parent=None):
        super().__init__(state, parent)
        self.doc: Optional[Document] = None
        self.offsets = QtOffsets("")
        self.sentence_span: Optional[tuple[int, int]] = None
        self._mentions: list[Mention] = []
        self._timexes: list[Timex] = []
        self._actors: dict[str, Actor] = {}
        self._docs: dict[str, Document] = {}
        self._corpus = None                  # the state's corpus, compact
        self._mention_starts: list[int] = []
        self._timex_starts: list[int] = []
        self.picker = QComboBox()
        # Tens of thousands of documents: names come from a model when shown, and the box is not
        # sized by measuring every one of them.
        self._doc_list = _DocumentList(self.picker)
        self.picker.setModel(self._doc_list)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setMinimumContentsLength(24)
        self.picker.view().setUniformItemSizes(True)
        self._doc_row: dict[str, int] = {}
        self.picker.currentIndexChanged.connect(self._picked)
        self.title = plain(QLabel())
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind_info = QLabel()     # e-mail headers, pages, table mapping: text from the file, so plain
        self.kind_info.setTextFormat(Qt.TextFormat.PlainText)
        self.kind_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind_info.setWordWrap(True)
        self.kind_info.setVisible(False)
        self.text = _Text(self)
        self._marked: Optional[tuple[int, int]] = None
        self.text.viewport().installEventFilter(self)
        self.text.verticalScrollBar().valueChanged.connect(lambda _: self._highlight(force=False))
        font = QFont(self.text.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.text.setFont(font)
        self.info = plain(QLabel())       # shows event labels: an imported "<img src=...>" must stay text
        self.info.setStyleSheet(f"color: {palette.MUTED_TEXT};")
        self.info.setWordWrap(True)
        # A selected happening: step through every one of its reports (each in its own document).
        self.next_report = QPushButton("Next report ▸")
        self.next_report.setToolTip("Show the next report of the selected happening (or of every happening "
                                    "of a selected aggregate mark)")
        self.next_report.clicked.connect(self.step_report)
        self.next_report.setVisible(False)
        # Its room is kept while hidden: showing it on a selection must not widen the panel and move the
        # window's dividers.
        keep = self.next_report.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.next_report.setSizePolicy(keep)
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.title, 2)
        top.addWidget(self.next_report)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(top)
        lay.addWidget(self.kind_info)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.info)
        self.listen()
        self._on_corpus_changed()

    # -- corpus -----------------------------------------------------------------
    def _on_corpus_changed(self) -> None:
        # Columns, not objects: one document's spans are built when it is shown.
        corpus = self._corpus = compact(self.state.corpus)
        self._docs = {d.id: d for d in corpus.documents}
        self._actors = {a.id: a for a in corpus.actors}
        self._doc_row = {d.id: i for i, d in enumerate(corpus.documents)}
        self.picker.blockSignals(True)
        self._doc_list.set_documents(corpus.documents)
        self.picker.blockSignals(False)
        self.picker.setVisible(len(corpus.documents) > 1)
        self.doc = None
        self.sentence_span = None
        if corpus.documents:
            self.show_document(corpus.documents[0].id)
        else:
            self.text.setPlainText("")
            self.title.setText("")
            self.info.setText("No documents loaded.")
        self._redrawn()

    def _picked(self, index: int) -> None:
        doc_id = self.picker.itemData(index)
        if doc_id and (self.doc is None or doc_id != self.doc.id):
            self.show_document(doc_id)

    def show_document(self, doc_id: str) -> bool:
        """Display a document; False (and a message) when the id is unknown."""
        doc = self._docs.get(doc_id)
        if doc is None:
            self.info.setText(f"Document {doc_id!r} is not in the corpus.")
            return False
        if self.doc is not None and self.doc.id == doc_id:
            return True
        self.doc = doc
        self.sentence_span = None
        self.offsets = QtOffsets(doc.text)
        self._mentions = _spans_of(self._corpus.mentions, doc_id)
        self._timexes = _spans_of(self._corpus.timexes, doc_id)
        self._mention_starts = [m.start for m in self._mentions]
        self._timex_starts = [t.start for t in self._timexes]
        self.text.setPlainText(doc.text)
        self.text.show_pages(bool(doc.pages))
        about = describe(doc)
        self.kind_info.setText(about)
        self.kind_info.setVisible(bool(about))
        parts = [p for p in (doc.publication, doc.dct) if p]
        self.title.setText(" · ".join(parts) if parts else "")
        i = self._doc_row.get(doc_id, -1)
        if i >= 0 and i != self.picker.currentIndex():
            self.picker.blockSignals(True)
            self.picker.setCurrentIndex(i)
            self.picker.blockSignals(False)
        self.info.setText(f"{len(self._mentions)} actor mentions · {len(self._timexes)} time expressions")
        self._highlight()
        return True

    # -- selection -> text ---------------------------------------------------------
    def _on_selection_changed(self, change: SelectionChange) -> None:
        if not change.fields & _REDRAW_FIELDS:
            return
        reports = self.state.selection.reports
        self.next_report.setVisible(len(reports) > 1)
        if change.fields & {"event", "reports"} and change.event is not None:
            self.show_event(change.event)
            if len(reports) > 1 and change.event in reports:
                many = self._happenings_of(reports)
                among = f" ({many:,} happenings)" if many > 1 else ""
                self.info.setText(f"Report {reports.index(change.event) + 1} of {len(reports)}{among} · "
                                  + self.info.text())
        else:
            if "event" in change.fields:
                self.sentence_span = None
            self._highlight()
        self._redrawn()

    def _happenings_of(self, reports: tuple) -> int:
        """How many happenings the selected reports tell: one for a happening, several for an aggregate
        chosen on the timeline (counted once per selection)."""
        cached = getattr(self, "_happening_count", None)
        if cached is not None and cached[0] == reports:
            return cached[1]
        marks = happening_marks(self.state.corpus, self._corpus.events)
        count = 1
        if marks is not None:
            rows = rows_of(self._corpus.events, reports)
            count = len(np.unique(marks.of_event[rows[rows >= 0]])) or 1
        self._happening_count = (reports, count)
        return count

    def step_report(self) -> Optional[str]:
        """Show the selected happening's next report (wrapping round); the selection follows, so every view does."""
        sel = self.state.selection
        if len(sel.reports) < 2:
            return None
        k = sel.reports.index(sel.event) if sel.event in sel.reports else -1
        event = sel.reports[(k + 1) % len(sel.reports)]
        sel.set_event(event)
        return event

    def show_event(self, event_id: str) -> bool:
        row = row_of(self._corpus.events, event_id)
        ev = self._corpus.events[row] if row is not None else None
        if ev is None or not self.show_document(ev.doc):
            return False
        self.sentence_span = (ev.start, ev.end)
        self._highlight()
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self.offsets.to_qt(ev.start))
        self.text.setTextCursor(cursor)
        self.text.centerCursor()
        when = ev.date.text if ev.date is not None and ev.date.text else "undated"
        at = where(self.doc, ev.start, ev.end)
        self.info.setText(f"Event: {ev.label} · {when}" + (f" · {at}" if at else ""))
        return True

    def _format_mention(self, actor: Optional[Actor], selected: bool) -> QTextCharFormat:
        color = QColor(palette.actor_color(actor.type if actor else None))
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(palette.blend(color.name(), 0.45 if selected else 0.2)))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(color)
        if selected:
            fmt.setFontWeight(QFont.Weight.Bold)
        return fmt

    def _format_timex(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setBackground(TIMEX_BACKGROUND)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(QColor(palette.FOREGROUND))
        fmt.setFontItalic(True)
        return fmt

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def _marks(self, lo: int, hi: int) -> list[tuple[int, int, QTextCharFormat]]:
        """Marks overlapping [lo, hi): sentence, then time expressions, then mentions (later paint on top)."""
        out = []
        if self.sentence_span is not None and self.sentence_span[0] < hi and self.sentence_span[1] > lo:
            fmt = QTextCharFormat()
            fmt.setBackground(SENTENCE_BACKGROUND)
            out.append((*self.sentence_span, fmt))
        timex_fmt = self._format_timex()
        out.extend((t.start, t.end, timex_fmt) for t in self._between(self._timex_starts, self._timexes, lo, hi))
        chosen = self.state.selection.actors
        formats: dict = {}
        for m in self._between(self._mention_starts, self._mentions, lo, hi):
            key = (m.actor, m.actor in chosen)
            if key not in formats:
                formats[key] = self._format_mention(self._actors.get(m.actor), key[1])
            out.append((m.start, m.end, formats[key]))
        return out

    @staticmethod
    def _between(starts: list[int], spans: list, lo: int, hi: int) -> list:
        first = bisect_left(starts, lo - _LONGEST_SPAN)
        last = bisect_left(starts, hi)
        return [sp for sp in spans[first:last] if sp.end > lo]

    def mark_spans(self, lo: int = 0, hi: Optional[int] = None) -> list[tuple[int, int, str]]:
        """(start, end, background colour) of every mark the document gets in [lo, hi), drawn or not."""
        hi = len(self.doc.text) if hi is None and self.doc else (hi or 0)
        return [(st, en, fmt.background().color().name()) for st, en, fmt in self._marks(lo, hi)]

    def _visible_range(self) -> tuple[int, int]:
        vp = self.text.viewport()
        top = self.text.cursorForPosition(QPoint(0, 0)).position()
        bottom = self.text.cursorForPosition(QPoint(max(vp.width() - 1, 0), max(vp.height() - 1, 0))).position()
        lo, hi = self.offsets.to_py(top), self.offsets.to_py(bottom) + 1
        # Before the text is laid out the bottom lookup can answer "end of document":
        # never trust more than a generous screenful of characters.
        fm = self.text.fontMetrics()
        screenful = int((vp.width() / max(fm.averageCharWidth(), 1) + 1) * (vp.height() / max(fm.lineSpacing(), 1) + 1))
        return lo, min(hi, lo + 2 * max(screenful, 2000))

    def _highlight(self, force: bool = True) -> None:
        """Mark the text on screen and a few screens around it.

        QPlainTextEdit paints every extra selection on every repaint, so a
        long article with thousands of marks took seconds per paint; marking
        only near the viewport keeps a paint proportional to what is shown.
        Scrolling re-marks once the view leaves the marked stretch.
        """
        if self.doc is None:
            self._marked = None
            self.text.setExtraSelections([])
            return
        vlo, vhi = self._visible_range()
        if not force and self._marked is not None and self._marked[0] <= vlo and vhi <= self._marked[1]:
            return
        reach = 2 * max(vhi - vlo, 1000)
        lo, hi = max(0, vlo - reach), min(len(self.doc.text), vhi + reach)
        self._marked = (lo, hi)
        self.text.setExtraSelections([self._selection(st, en, fmt) for st, en, fmt in self._marks(lo, hi)])

    def eventFilter(self, watched, event) -> bool:
        if watched is self.text.viewport() and event.type() == QEvent.Type.Resize:
            self._highlight(force=False)
        return super().eventFilter(watched, event)

    def highlighted(self) -> list[tuple[int, int, str]]:
        """(start, end, colour) of the marks now drawn (those near the viewport), in Python offsets."""
        out = []
        for sel in self.text.extraSelections():
            c = sel.cursor
            out.append((self.offsets.to_py(c.selectionStart()), self.offsets.to_py(c.selectionEnd()),
                        sel.format.background().color().name()))
        return out

    def selected_span(self) -> Optional[tuple[str, int, int]]:
        """(document id, start, end) of the text the user selected, in Python offsets; None if nothing is."""
        cursor = self.text.textCursor()
        if self.doc is None or not cursor.hasSelection():
            return None
        start = self.offsets.to_py(cursor.selectionStart())
        end = self.offsets.to_py(cursor.selectionEnd())
        return (self.doc.id, start, end) if start < end else None

    # -- text -> selection -----------------------------------------------------------
    def _span_at(self, starts: list[int], spans: list, offset: int):
        # Spans are sorted by start; look back a little for one that still covers offset.
        i = bisect_right(starts, offset) - 1
        while i >= 0 and offset - spans[i].start <= _LONGEST_SPAN:
            if spans[i].start <= offset < spans[i].end:
                return spans[i]
            i -= 1
        return None

    def mention_at(self, offset: int) -> Optional[Mention]:
        return self._span_at(self._mention_starts, self._mentions, offset) if self.doc else None

    def timex_at(self, offset: int) -> Optional[Timex]:
        return self._span_at(self._timex_starts, self._timexes, offset) if self.doc else None

    def click_offset(self, offset: int, ctrl: bool = False) -> Optional[str]:
        """A click on the text at a Python offset: selects the mentioned actor, if any."""
        m = self.mention_at(offset)
        if m is None:
            return None
        if ctrl:
            self.state.selection.toggle_actor(m.actor)
        else:
            self.state.selection.set_actors([m.actor])
        return m.actor

    def tooltip_at(self, offset: int) -> str:
        m = self.mention_at(offset)
        if m is not None:
            a = self._actors.get(m.actor)
            if a is None:
                return f"<b>{html.escape(m.text)}</b> · unknown actor {html.escape(m.actor)}"
            extra = [x for x in a.aliases if x != a.name]
            aka = f"<br>Also: {html.escape(', '.join(extra))}" if extra else ""
            why = "".join("<br>" + html.escape(x) for x in evidence_lines(a.evidence))
            # What this mention does here: a place in one sentence may be the state acting in another.
            here = f"<br>Here as: {html.escape(m.role)}" if getattr(m, "role", None) else ""
            return f"<b>{html.escape(a.name)}</b> · {html.escape(a.type)}{here}{aka}{why}<br><i>click to select</i>"
        t = self.timex_at(offset)
        if t is not None:
            lines = [f"<b>{html.escape(t.text)}</b> · {html.escape(t.type)}", f"Value: {html.escape(t.value)}"]
            if t.interval is not None:
                iv = t.interval.to_json()
                span = iv["start"] if iv["start"] == iv["end"] else f"{iv['start']} – {iv['end']}"
                lines.append(f"Interval: {span}")
                lines.append(f"Precision: {html.escape(t.interval.precision)}")
            else:
                lines.append("Not placed on the time line")
            if t.mod:
                lines.append(f"Modifier: {html.escape(t.mod)}")
            if t.year_unknown:
                lines.append("Year unknown (no document date to anchor it)")
            return "<br>".join(lines)
        return ""


def _spans_of(store, doc_id: str) -> list:
    """One document's mentions or timexes as objects, sorted by start (longest first at equal start)."""
    rows = store.rows_of_doc(doc_id)
    c = store.c
    order = np.lexsort((-c["end"][rows].astype(np.int64), c["start"][rows]))
    return [store[int(i)] for i in rows[order]]
