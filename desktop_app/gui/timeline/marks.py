"""The one graphics item that draws every event mark, or their density when too many are in view.

It paints in device pixels (after mapping with numpy) rather than adding a
Qt item per event: point symbols are stamped from a pixmap drawn once
(``sprites.py``) with one ``drawPixmapFragments`` call per colour, bars and
lines go to one ``drawRects``/``drawLines`` per style straight from numpy
arrays (``primitives.py``), so a frame costs the same whether the corpus
holds a thousand events or a million, and no Python loop runs per mark.  Above
``threshold`` marks in view it switches to a per-lane density strip binned to
pixel columns, and back to marks when zoomed in.  Marks drawn one by one
whose extents overlap in a lane are stacked on sub-rows (``packing.py``),
computed for the marks in view at the current zoom and shared by paint and
hit-testing, so the second of two overlapping bars is both seen and clickable;
a pan that brings no mark in or out of view reuses them.

Hit-testing (hover, click) works in data coordinates and does not depend on
a paint having happened, so tests can drive it headless.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from desktop_app.core.folding import (KEY_BOOST, LABEL_ROOM_CHARS, fold_text, folds_at, label_lines, label_room,
                                      room_keys, salience, single_source, single_text)
from desktop_app.core.context_spans import context_mask
from desktop_app.core.palette import FADE_STEPS
from desktop_app.core.happenings.heads import source_growth

from . import style
from .pens import brush, pen
from .sprites import badge_symbol, point_symbol, report_symbol, stamp
from .primitives import draw_lines, draw_rects, first_of_each, interleave, lines, rects
from .data import RELATION_FROM, RELATION_ON_OR_BEFORE, RELATION_UNTIL, TimelineData
from .lanes import Layout
from . import labels as mark_labels
from .packing import Packing, beside_context, pack, stacked

DEFAULT_THRESHOLD = 5000
# Coincident marks stay one stack (with its count) until a day is at least this wide on screen:
# zoomed in that far, same-day marks spread over sub-rows and each is seen and clickable.
UNSTACK_DAY_PX = 48.0
DAY_SECONDS = 86400.0


def _short(label: str, limit: int = LABEL_ROOM_CHARS) -> str:
    """``label`` cut at a word to at most ``limit`` characters, with "…" when cut."""
    if len(label) <= limit:
        return label
    cut = label[:limit - 1].rsplit(" ", 1)[0] or label[:limit - 1]
    return cut + "…"


class MarksItem(pg.GraphicsObject):
    def __init__(self, threshold: int = DEFAULT_THRESHOLD):
        super().__init__()
        self.threshold = threshold
        self.data: Optional[TimelineData] = None
        self.layout: Optional[Layout] = None
        self.selected_row: Optional[int] = None
        self.selected_rows: Optional[np.ndarray] = None
        # Whether the selected mark is drawn on its own at a coarse zoom (one happening chosen), or keeps
        # its aggregate (the aggregate itself was chosen: it stays one mark, haloed, with its count).
        self.selected_alone = True
        # Grouped, a selected happening is expanded in place: its reports' own dates (seconds), each a
        # small ring joined to the happening's mark, so where its reports disagree on the date shows.
        self.expanded_dates: Optional[np.ndarray] = None
        self.mode = "empty"          # what the last paint drew: "empty", "marks" or "density"
        self.paint_count = 0
        self.drawn = 0               # marks (or binned marks) in the last paint
        self._mark_color = np.zeros(0, np.int8)
        self._lane_count = 0
        self._viewport_px = (0.0, 0.0)
        self._pack_key = None        # (layout, zoom) the sub-rows in ``_pack`` were computed for
        self._pack_view = None       # ... and the exact view range they were last looked up for
        self._pack: Optional[Packing] = None
        self.painted = (np.zeros(0, np.int64), np.zeros(0))
        self.show_labels = True
        self.labels: list = []       # what the last paint labelled: ``labels.Placed`` with ``mark`` a row
        # Hook for the happenings issue: bool per row, events a view marks as key get labels first.
        self.key_rows: Optional[np.ndarray] = None
        self._label_text: dict[int, str] = {}
        self._importance: Optional[np.ndarray] = None
        self.label_font = QFont()
        self.label_font.setPointSizeF(max(7.5, self.label_font.pointSizeF() - 1))
        self._metrics = QFontMetricsF(self.label_font)

    # -- content -------------------------------------------------------------
    def set_content(self, data: TimelineData, layout: Layout, lane_colors: list[int], row_colors: np.ndarray) -> None:
        """New marks to show; ``lane_colors`` per lane (lanes mode) or ``row_colors`` per row (compact)."""
        self.data, self.layout = data, layout
        if layout.compact:
            self._mark_color = row_colors[layout.mark_row] if len(layout.mark_row) else np.zeros(0, np.int8)
        else:
            lc = np.asarray(lane_colors, dtype=np.int8)
            self._mark_color = lc[layout.mark_lane] if len(layout.mark_lane) else np.zeros(0, np.int8)
        self._lane_count = max(1, len(layout.lane_labels))
        self._lane_colors = list(lane_colors)
        self._pack_key, self._pack_view, self._pack = None, None, None
        self._label_text = {}
        self._importance = None
        self.prepareGeometryChange()
        self.update()

    def release_content(self) -> None:
        """Drop the marks' arrays (layout, colours, sub-rows) so the next layout is not built beside them."""
        self.layout = None
        self._mark_color = np.zeros(0, np.int8)
        self._pack_key, self._pack_view, self._pack = None, None, None
        self._label_text = {}
        self._importance = None

    def set_selected_row(self, row: Optional[int], rows: Optional[np.ndarray] = None,
                         report_dates: Optional[np.ndarray] = None, alone: bool = True) -> None:
        """Halo ``row`` (the selected event's), and ``rows`` too (the other reports of a selected happening,
        or the other happenings of a selected aggregate); ``report_dates``: the selected happening's reports'
        dates, drawn expanded around its mark; ``alone``: draw ``row`` on its own, out of any aggregate."""
        self.selected_row = row
        self.selected_alone = bool(alone)
        self.selected_rows = rows if rows is not None and len(rows) else None
        self.expanded_dates = report_dates if report_dates is not None and len(report_dates) else None
        self.update()

    def expected_mode(self, x0: float, x1: float) -> str:
        """What a paint of ``[x0, x1]`` would draw; the view reports it without painting."""
        if self.data is None or self.layout is None or not len(self.layout.mark_row):
            return "empty"
        return "density" if self.layout.count_in_view(x0, x1) > self.threshold else "marks"

    # -- QGraphicsItem -------------------------------------------------------
    def boundingRect(self) -> QRectF:
        vb = self.getViewBox()
        if vb is None:
            return QRectF()
        return vb.viewRect()

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        if self.data is None or not self.data.n:
            return None
        if ax == 0:
            ext = self.data.extent()
            return list(ext) if ext else None
        return [-0.5, self._lane_count - 0.5]

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()
        self.update()

    def paint(self, painter: QPainter, option=None, widget=None) -> None:
        self.paint_count += 1
        vb = self.getViewBox()
        if vb is None or self.data is None or self.layout is None:
            self.mode, self.drawn = "empty", 0
            return
        (x0, x1), _ = vb.viewRange()
        tr = painter.transform()
        sx, dx, sy, dy = tr.m11(), tr.m31(), tr.m22(), tr.m32()
        self._viewport_px = (min(sx * x0 + dx, sx * x1 + dx), max(sx * x0 + dx, sx * x1 + dx))
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        try:
            self._paint_stripes(painter, sx * x0 + dx, sx * x1 + dx, sy, dy)
            count = self.layout.count_in_view(x0, x1)
            if count > self.threshold:
                self.mode, self.drawn = "density", count
                self._paint_density(painter, x0, x1, sx, dx, sy, dy)
            else:
                idx = self.layout.in_view(x0, x1)
                self.mode, self.drawn = ("marks" if len(idx) else "empty"), len(idx)
                # Keyed on the view box's own zoom, so hover and click reuse this very packing;
                # packing() recomputes whenever its marks differ from ``idx``, so rows always line up.
                geometry = self.view_geometry() or (x0, x1, 1.0 / sx if sx else 1.0, sy)
                packing = self.packing(*geometry, idx=idx)
                halo = self._selected_mask(self.layout.mark_row[idx])
                if packing.stack is not None:     # marks folded into an aggregate are drawn by its head only
                    if halo.any():                # an aggregate holding a selected mark is haloed as one
                        on_head = np.zeros(len(idx), bool)
                        on_head[packing.head[halo]] = True
                        halo = on_head
                    halo = halo[packing.drawn()]
                    packing = packing.drawn_part()
                    idx = packing.idx
                self._paint_marks(painter, idx, packing, sx, dx, sy, dy, halo)
        finally:
            painter.restore()

    def _paint_stripes(self, painter, left, right, sy, dy) -> None:
        """Every other lane shaded, so a mark's lane reads at a glance across a wide view."""
        for lane in range(1, self._lane_count, 2):
            top = sy * (lane - 0.5) + dy
            painter.fillRect(QRectF(left, top, right - left, sy), style.LANE_STRIPE)

    # -- density ---------------------------------------------------------------
    def _paint_density(self, painter, x0, x1, sx, dx, sy, dy) -> None:
        left, right = sx * x0 + dx, sx * x1 + dx
        columns = max(1, int(abs(right - left) // 2))
        lanes = self._lane_count
        counts = self.layout.density(x0, x1, columns)
        peak = counts.max()
        if peak <= 0:
            return
        # Log scale: one busy day must not wash out a year of scattered events.
        level = np.log1p(counts) / np.log1p(peak)
        lane_color = self._lane_density_colors()
        half = style.bar_half_px(sy)
        for lane in range(lanes):
            row = level[lane]
            if not row.any():
                continue
            c = lane_color[lane]
            rgba = np.empty((1, columns, 4), dtype=np.uint8)
            rgba[0, :, 0], rgba[0, :, 1], rgba[0, :, 2] = c.red(), c.green(), c.blue()
            rgba[0, :, 3] = np.where(row > 0, 50 + 205 * row, 0).astype(np.uint8)
            image = QImage(rgba.data, columns, 1, columns * 4, QImage.Format.Format_RGBA8888)
            cy = sy * lane + dy
            painter.drawImage(QRectF(left, cy - half, right - left, 2 * half), image)

    def _lane_density_colors(self) -> list[QColor]:
        if self.layout.compact:
            return [style.FOREGROUND] * self._lane_count
        return [style.TYPE_COLORS[c] for c in self._lane_colors] + [style.FOREGROUND] * self._lane_count

    # -- sub-rows ----------------------------------------------------------------
    def extents(self, idx: np.ndarray, px_w: float, base_size: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Left and right edges, in seconds, of marks ``idx`` as drawn when a pixel is ``px_w`` seconds
        (``base_size``: as if every point had the plain size, so coincident happenings of different
        sizes still stack as one)."""
        d = self.data
        rows = self.layout.mark_row[idx]
        point = d.is_point(rows)
        oob = d.relation[rows] == RELATION_ON_OR_BEFORE
        sizes = np.full(len(rows), float(style.POINT_SIZE)) if base_size else self.point_sizes(rows)
        symbol = (sizes / 2 + 1) * px_w
        mid = d.mid[rows]
        fade = style.FADE_PX * px_w
        bar_left = np.minimum(d.start[rows], d.end[rows] - style.MIN_BAR_PX * px_w)
        bar_left = np.where(d.relation[rows] == RELATION_UNTIL, bar_left - fade, bar_left)
        bar_right = np.where(d.relation[rows] == RELATION_FROM, d.end[rows] + fade, d.end[rows])
        lead = np.where(oob, style.OPEN_LEAD_PX * px_w, symbol)
        left = np.where(point, mid - lead, bar_left)
        right = np.where(point, mid + symbol, bar_right)
        return left, right

    def point_sizes(self, rows: np.ndarray) -> np.ndarray:
        """Symbol size per row in pixels: a happening's grows with its independent sources (one step per doubling)."""
        sources = self.data.sources
        if sources is None:
            return np.full(len(rows), float(style.POINT_SIZE))
        return style.POINT_SIZE + source_growth(sources[rows])

    def packing(self, x0: float, x1: float, px_w: float, lane_px: float, idx=None) -> Packing:
        """Sub-rows of the marks in ``[x0, x1]``; one computation per view, shared by paint and hit tests.

        Spans longer than the view (``core.context_spans``) take no sub-row and fold into no aggregate:
        they are drawn thin behind the lane (``_paint_context``), so they cannot push its marks aside."""
        # The view's width (in pixels at this zoom) decides which spans are context; a pan keeps it.
        w = abs(px_w) or 1.0
        key = (id(self.layout), px_w, lane_px, self.selected_row, self.selected_alone, id(self.key_rows),
               round(abs(x1 - x0) / w))
        view = key + (x0, x1)
        if view == self._pack_view:     # the very view packed last (hover, click): no search at all
            return self._pack
        if idx is None:
            idx = self.layout.in_view(x0, x1)
        # Sub-rows depend only on which marks are in view and on the zoom, never on where the view
        # starts: a pan that brings no mark in or out of view reuses them instead of packing again.
        if key != self._pack_key or not np.array_equal(self._pack.idx, idx):
            rows = self.layout.mark_row[idx]
            context = context_mask(self.data.start[rows], self.data.end[rows], self.data.is_point(rows),
                                   abs(x1 - x0))
            back = idx[context]
            # Context spans overlap one another across the whole view: each gets a thin line of its own
            # (a few at most), so each is seen and can be clicked.
            behind = pack(back, self.layout.mark_lane[back], self.data.start[rows[context]],
                          self.data.end[rows[context]], style.CONTEXT_MAX_ROWS)
            self._pack = beside_context(idx, context, self._pack_focus(idx[~context], w, lane_px), behind)
            self._pack_key = key
        self._pack_view = view
        return self._pack

    def _pack_focus(self, idx: np.ndarray, w: float, lane_px: float) -> Packing:
        """Sub-rows of marks ``idx`` at ``w`` seconds per pixel; zoomed out, crowded points fold into aggregates."""
        lane = self.layout.mark_lane[idx]
        rows_max = style.max_subrows(lane_px)
        if folds_at(w, UNSTACK_DAY_PX):
            # Level of detail: a lane's points that would crowd one another's labels fold into one
            # aggregate mark, standing where the most salient of them is; the selected mark stays on its own.
            left, right = self.extents(idx, w, base_size=True)
            rows = self.layout.mark_row[idx]
            point = self.data.is_point(rows)
            rank = self.rank(rows)
            alone = rows == self.selected_row if self.selected_row is not None and self.selected_alone else None
            pts = np.flatnonzero(point)
            bucket = np.full(len(idx), np.iinfo(np.int64).min)
            single = self.single_source(rows[pts])
            bucket[pts] = pts[room_keys(lane[pts], self.data.mid[rows[pts]] / w, rank[pts],
                                        self.fold_lines(lane_px), self.fold_room(),
                                        None if alone is None else alone[pts], single)]
            return stacked(idx, lane, left / w, right / w, rows_max, rank, bucket, alone)
        left, right = self.extents(idx, w)
        return pack(idx, lane, left, right, rows_max)

    # -- marks -----------------------------------------------------------------
    def _paint_marks(self, painter, idx, packing, sx, dx, sy, dy, halo=None) -> None:
        if not len(idx):
            return
        data, lay = self.data, self.layout
        rows = lay.mark_row[idx]
        lanes = lay.mark_lane[idx].astype(np.float64)
        # ``packing`` was computed for exactly these marks, so its arrays line up with ``idx``.
        lane_y = sy * lanes + dy
        pitch = style.subrow_pitch_px(sy, packing.rows)
        py = lane_y + packing.offsets(pitch)
        half = style.subrow_half_px(sy, packing.rows)
        # Spans longer than the view lie thin along the lane's lower edge, behind its marks.
        context = packing.is_context()
        py = np.where(context, lane_y + style.context_offset_px(sy, packing.row), py)
        half = np.where(context, style.CONTEXT_HALF_PX, half)
        colors = self._mark_color[idx]
        prec = data.precision[rows]
        rel = data.relation[rows]
        oob = rel == RELATION_ON_OR_BEFORE
        point = data.is_point(rows)
        sizes = self.point_sizes(rows)
        px_start = sx * data.start[rows] + dx
        px_end = sx * data.end[rows] + dx
        px_mid = sx * data.mid[rows] + dx
        self.painted = (rows, py)   # what the last paint placed where, in device pixels
        # A lone mark keeps its diamond where it always was; a stacked one puts it in the gap
        # below its own row, so it cannot be read as the report of the row underneath.
        report_dy = np.where(packing.rows > 1, pitch / 2, style.report_offset_px(sy))
        focus = ~context
        self._paint_reports(painter, rows[focus], px_mid[focus], py[focus], (py + report_dy)[focus], sx, dx)
        self._paint_halo(painter, halo if halo is not None else self._selected_mask(rows), point, px_start, px_end,
                         px_mid, py, half, sizes)
        self._paint_expanded(painter, rows, px_mid, py, sizes, sx, dx)
        if context.any():
            self._paint_context(painter, colors[context], px_start[context], px_end[context], py[context])
        is_open = ((rel == RELATION_FROM) | (rel == RELATION_UNTIL)) & focus
        bars = ~point & ~is_open & focus
        for code in np.unique(prec[bars])[::-1]:     # coarsest first, so finer spans lie on top
            for before in (False, True):
                sel = bars & (prec == code) & (oob == before)
                if sel.any():
                    self._paint_bars(painter, int(code), before, colors[sel], px_start[sel], px_end[sel], py[sel],
                                     half[sel])
        for r in (RELATION_FROM, RELATION_UNTIL):
            sel = rel == r
            if sel.any():
                self._paint_open_spans(painter, r == RELATION_FROM, colors[sel], px_start[sel], px_end[sel], py[sel],
                                       half[sel])
        for c in np.unique(colors[point]):
            for size in np.unique(sizes[point]):
                for before in (False, True):
                    sel = point & (colors == c) & (oob == before) & (sizes == size)
                    if sel.any():
                        self._paint_points(painter, int(c), before, px_mid[sel], py[sel], float(size))
        self._paint_badges(painter, rows, point, sizes, px_start, px_end, px_mid, py, half, focus)
        # Each mark's lane in device pixels: a label that finds no room on its own row may use a free
        # line above or below, but never leaves the lane.
        band = (lane_y - abs(sy) / 2, lane_y + abs(sy) / 2)
        self._paint_labels(painter, rows, packing, point, oob, px_start, px_end, px_mid, py, band)

    # -- labels --------------------------------------------------------------------
    def importance(self) -> np.ndarray:
        """Per row: which labels go first, and which mark stands for an aggregate -- more independent
        sources (happenings), then more actors, then a report (``core.folding.salience``)."""
        if self._importance is None:
            d = self.data
            shared = getattr(d, "fold_rank", None)
            if shared is not None:      # happenings: ranked over all their reports, as a figure ranks them
                self._importance = shared
                return shared
            actors = np.bincount(d.pair_row, minlength=d.n)[:d.n] if len(d.pair_row) else np.zeros(d.n, np.int64)
            self._importance = salience(d.sources, actors, ~np.isnan(d.report))
        return self._importance

    def single_source(self, rows: np.ndarray) -> Optional[np.ndarray]:
        """Bool per row: a single-source happening, no key event (``folding.single_source``); None expanded."""
        sources = self.data.sources
        return single_source(None if sources is None else sources[rows], self.rank(rows))

    def rank(self, rows: np.ndarray) -> np.ndarray:
        """Salience of ``rows`` with the key events (the Key events panel's top N) first."""
        r = self.importance()[rows]
        return r + np.where(self.key_rows[rows], KEY_BOOST, 0) if self.key_rows is not None else r

    def label_text(self, row: int) -> str:
        text = self._label_text.get(row)
        if text is None:
            text = " ".join(self.data.label(row).split())
            self._label_text[row] = text
        return text

    def _paint_labels(self, painter, rows, packing, point, oob, px_start, px_end, px_mid, py, band=None) -> None:
        self.labels = []
        if not self.show_labels:
            return
        # A context span is background: hovering it names it, a label would cover the marks it lies behind.
        drawn = np.flatnonzero(packing.drawn() & ~packing.is_context())
        if not len(drawn) or len(drawn) > mark_labels.MAX_LABELLED:
            return
        half = self.point_sizes(rows) / 2 + 1
        rel = self.data.relation[rows]
        bar_left = np.minimum(px_start, px_end - style.MIN_BAR_PX) - np.where(rel == RELATION_UNTIL, style.FADE_PX, 0)
        bar_right = px_end + np.where(rel == RELATION_FROM, style.FADE_PX, 0)
        left = np.where(point, px_mid - np.where(oob, style.OPEN_LEAD_PX, half), bar_left)[drawn]
        # A numbered happening's badge sits at the dot's upper right, level with its label: the label
        # starts past it, so the number and the first letters never overlap.
        reach = self._badge_reach(rows)
        right = np.where(point, px_mid + half + reach, bar_right)[drawn]
        vp_left, vp_right = self._viewport_px
        bar = ~point[drawn]
        inside = np.where(bar, np.minimum(right, vp_right) - np.maximum(left, vp_left), 0.0)
        # A span's badge sits on its end (a "since" span's, on its arrow's tip): a label beside the span
        # starts past it too.
        right = right + np.where(bar, reach[drawn], 0.0)
        stack = packing.stack[drawn] if packing.stack is not None else np.ones(len(drawn), np.int32)
        r = rows[drawn]
        priority = self.rank(r) + np.where(stack > 1, 1e6 + stack, 0)
        # Points fold by kind (``room_keys``): a single-source head stands for single-source points only.
        single = self.single_source(r)
        single = None if single is None else single & point[drawn]

        noun = "happenings" if self.data.group is not None else "events"

        def text_of(i: int):
            n = int(stack[i])
            if n > 1 and single is not None and single[i]:
                # What one paper alone says, folded per room: named by its count, not by one of its reports.
                return single_text(n, noun)
            if n > 1:
                # An aggregate is named after its most salient mark, "+N" counting the others.
                return mark_labels.Counted(_short(self.label_text(int(r[i]))), n - 1, noun)
            return self.label_text(int(r[i]))
        placed = mark_labels.place(left, right, py[drawn], priority, text_of, self._metrics, vp_right, vp_left,
                                   inside, None if band is None else (band[0][drawn], band[1][drawn]), point[drawn])
        painter.setFont(self.label_font)
        mark_labels.draw(painter, placed, self._metrics, style.FOREGROUND, style.MUTED, style.LABEL_BACKING)
        self.labels = [p._replace(mark=int(r[p.mark])) for p in placed]

    def _badge_reach(self, rows: np.ndarray) -> np.ndarray:
        """How far right of a dot's edge its source badge reaches, in pixels (0 without a badge)."""
        sources = self.data.sources
        if sources is None:
            return np.zeros(len(rows))
        n = np.minimum(sources[rows], style.BADGE_MAX)
        digits = np.floor(np.log10(np.maximum(n, 1))) + 1
        return np.where(n >= 2, np.maximum(11.0, 6.0 * digits + 6.0) - 3.0, 0.0)

    def _paint_reports(self, painter, rows, px_mid, py, report_y, sx, dx) -> None:
        """A diamond at the report date below each event (at ``report_y``), joined to it by a thin line."""
        rep = self.data.report[rows]
        left, right = self._viewport_px
        rx = sx * rep + dx
        has = ~np.isnan(rep) & (rx >= left - 8) & (rx <= right + 8)
        if not has.any():
            return
        rx = rx[has]
        ex = np.clip(px_mid[has], left - 8, right + 8)
        ey = py[has]
        ry = report_y[has]
        # Many events share one report: draw each connector and diamond once.
        first = first_of_each(np.round(ex), np.round(ey), np.round(rx))
        ex, ey, rx, ry = ex[first], ey[first], rx[first], ry[first]
        painter.setPen(QPen(style.REPORT_LINK, 1))
        draw_lines(painter, lines(ex, ey, rx, ry))
        stamp(painter, report_symbol(painter), rx, ry)

    def _paint_expanded(self, painter, rows, px_mid, py, sizes, sx, dx) -> None:
        """The selected happening's reports, one small ring per report at its own date, on a row just under
        the happening's mark in each lane it is drawn in, each joined to the mark by a hairline."""
        if self.expanded_dates is None or self.selected_row is None:
            return
        hit = np.flatnonzero(rows == self.selected_row)
        if not len(hit):
            return
        left, right = self._viewport_px
        rx = np.clip(sx * self.expanded_dates + dx, left + 2, right - 2)
        # Reports on the same pixel are one ring (a dozen papers agreeing on the day are one date).
        rx = np.unique(np.round(rx))
        for i in hit.tolist():
            y = float(py[i]) + sizes[i] / 2 + style.EXPANDED_GAP_PX
            mx = np.full(len(rx), float(px_mid[i]))
            painter.setPen(QPen(style.MUTED, 1))
            draw_lines(painter, lines(mx, np.full(len(rx), float(py[i])), rx, np.full(len(rx), y)))
            painter.setPen(QPen(style.FOREGROUND, 1.2))
            painter.setBrush(QBrush(style.BACKGROUND))
            for x in rx.tolist():
                painter.drawEllipse(QPointF(x, y), 3.0, 3.0)

    def _selected_mask(self, rows: np.ndarray) -> np.ndarray:
        """Bool per row in ``rows``: the selected mark, and every other selected one (a happening's reports,
        an aggregate's happenings)."""
        hit = rows == self.selected_row if self.selected_row is not None else np.zeros(len(rows), bool)
        if self.selected_rows is not None:
            hit = hit | np.isin(rows, self.selected_rows)
        return hit

    def _paint_halo(self, painter, halo, point, px_start, px_end, px_mid, py, half, sizes) -> None:
        hit = np.flatnonzero(halo)
        if not len(hit):
            return
        painter.setPen(QPen(style.SELECTION, 1.5))
        painter.setBrush(QBrush(style.SELECTION_FILL))
        for i in hit:
            if point[i]:
                h = (style.HALO_SIZE + sizes[i] - style.POINT_SIZE) / 2
                painter.drawEllipse(QPointF(px_mid[i], py[i]), h, h)
            else:
                h = half[i] + 3
                x0 = min(px_start[i], px_end[i] - style.MIN_BAR_PX)
                painter.drawRect(QRectF(x0 - 3, py[i] - h, px_end[i] - x0 + 6, 2 * h))

    def _paint_bars(self, painter, code, on_or_before, colors, xs0, xs1, ys, halves) -> None:
        mark = style.precision_style(code, on_or_before)
        halves = halves * style.bar_scale(code)
        xs0 = np.minimum(xs0, xs1 - style.MIN_BAR_PX)
        # Clip to the viewport: a decade bar seen at day zoom is a million pixels wide, and
        # filling (and hatching) that off-screen is what made zoomed-in frames slow.
        left, right = self._viewport_px
        xs0 = np.maximum(xs0, left - 8)
        xs1 = np.minimum(xs1, right + 8)
        # Identical bars (same interval, lane, colour) are drawn once: stacking fifty
        # translucent "2007" bars only darkens them into a false sense of certainty.
        first = first_of_each(np.round(xs0), np.round(xs1), np.round(ys), colors)
        colors, xs0, xs1, ys, halves = colors[first], xs0[first], xs1[first], ys[first], halves[first]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for c in np.unique(colors):
            sel = colors == c
            color = style.TYPE_COLORS[int(c)]
            a, b, y, h = xs0[sel], xs1[sel], ys[sel], halves[sel]
            boxes = rects(a, y - h, b - a, 2 * h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(brush(color, mark.fill_alpha))
            draw_rects(painter, boxes)
            if mark.hatch:
                painter.setBrush(brush(color, 0.8, style.hatch(mark.hatch)))
                draw_rects(painter, boxes)
            if on_or_before:
                # Top, bottom and the bound on the right; the start stays open.
                painter.setPen(pen(color, 1.2, Qt.PenStyle.DashLine))
                top, bottom = y - h, y + h
                # Interleaved top/bottom per bar, so each edge's dash pattern starts at its own left end.
                draw_lines(painter, interleave(lines(a, top, b, top), lines(a, bottom, b, bottom)))
                painter.setPen(pen(color, 2))
                draw_lines(painter, lines(b, top, b, bottom))
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                self._paint_open_heads(painter, color, xs0[sel], ys[sel])
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            else:
                painter.setPen(pen(color, 1.2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                draw_rects(painter, boxes)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    def _paint_context(self, painter, colors, xs0, xs1, ys) -> None:
        """Spans longer than the view: a thin translucent line, closed by a short tick where it ends in view
        and cut at the view's edge by an outward arrow head where it goes on past it."""
        left, right = self._viewport_px
        a, b = np.maximum(xs0, left + 1), np.minimum(xs1, right - 1)
        first = first_of_each(np.round(a), np.round(b), np.round(ys), colors)
        colors, xs0, xs1, a, b, ys = colors[first], xs0[first], xs1[first], a[first], b[first], ys[first]
        h, tip = style.CONTEXT_HALF_PX, style.CONTEXT_ARROW_PX
        for c in np.unique(colors):
            sel = colors == c
            color = style.TYPE_COLORS[int(c)]
            y = ys[sel]
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(brush(color, style.CONTEXT_ALPHA))
            draw_rects(painter, rects(a[sel], y - h, b[sel] - a[sel], 2 * h))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(pen(color, 1.4))
            for cut, x, sign in ((xs0[sel] < left + 1, a[sel], 1), (xs1[sel] > right - 1, b[sel], -1)):
                if cut.any():       # goes on past this edge: an arrow head pointing out of the view
                    xe, ye = x[cut], y[cut]
                    draw_lines(painter, interleave(lines(xe + sign * tip, ye - tip, xe, ye),
                                                   lines(xe, ye, xe + sign * tip, ye + tip)))
                ends = ~cut
                if ends.any():      # ends in view: a short tick
                    xe, ye = x[ends], y[ends]
                    draw_lines(painter, lines(xe, ye - tip, xe, ye + tip))

    def _paint_open_heads(self, painter, color, xs, ys) -> None:
        """A left-pointing chevron: the event may lie anywhere earlier."""
        painter.setPen(pen(color, 1.2))
        upper = lines(xs + 5, ys - 4, xs, ys)
        lower = lines(xs, ys, xs + 5, ys + 4)
        draw_lines(painter, interleave(upper, lower))

    def _paint_points(self, painter, code, on_or_before, xs, ys, size: float = style.POINT_SIZE) -> None:
        color = style.TYPE_COLORS[code]
        if on_or_before:
            painter.setPen(pen(color, 1.2, Qt.PenStyle.DashLine))
            draw_lines(painter, lines(xs - style.OPEN_LEAD_PX, ys, xs - size / 2, ys))
            self._paint_open_heads(painter, color, xs - style.OPEN_LEAD_PX, ys)
        stamp(painter, point_symbol(painter, color, style.TYPE_SQUARE[code], on_or_before, size), xs, ys)

    def _paint_open_spans(self, painter, since, colors, xs0, xs1, ys, halves) -> None:
        """"since 1985" (``since``): a bar from its start, closed there, fading out past its end into an
        arrow head; "until Friday": the mirror, fading in from the left up to a closed end.  Each fade
        step is one ``drawRects`` per colour, so many open spans cost a handful of calls."""
        xs0 = np.minimum(xs0, xs1 - style.MIN_BAR_PX)
        left, right = self._viewport_px
        steps, step = FADE_STEPS, style.FADE_PX / FADE_STEPS
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for c in np.unique(colors):
            sel = colors == c
            color = style.TYPE_COLORS[int(c)]
            a, b, y, h = xs0[sel], xs1[sel], ys[sel], halves[sel]
            a_in, b_in = np.maximum(a, left - 8), np.minimum(b, right + 8)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(brush(color, style.OPEN_FILL_ALPHA))
            draw_rects(painter, rects(a_in, y - h, b_in - a_in, 2 * h))
            for k in range(steps):
                painter.setBrush(brush(color, style.OPEN_FILL_ALPHA * (steps - k) / (steps + 1)))
                x = b + k * step if since else a - (k + 1) * step
                draw_rects(painter, rects(x, y - h, np.full(len(x), step), 2 * h))
            bound = a if since else b
            painter.setPen(pen(color, 2))
            draw_lines(painter, lines(bound, y - h, bound, y + h))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            tip = b + style.FADE_PX if since else a - style.FADE_PX
            back = tip - 5 if since else tip + 5
            painter.setPen(pen(color, 1.4))
            draw_lines(painter, interleave(lines(back, y - h - 1, tip, y), lines(tip, y, back, y + h + 1)))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    def _paint_badges(self, painter, rows, point, sizes, px_start, px_end, px_mid, py, half, focus) -> None:
        """The number of independent sources at the upper right of each happening reported by two or more
        (a single-source happening has none: the plain small mark *is* "single source")."""
        sources = self.data.sources
        if sources is None:
            return
        n = sources[rows]
        many = (n >= 2) & focus         # a context span is background: no number on it
        if not many.any():
            return
        x = np.where(point, px_mid + sizes / 2, px_end + np.where(self.data.relation[rows] == RELATION_FROM,
                                                                   style.FADE_PX, 0))[many]
        y = np.where(point, py - sizes / 2, py - half)[many]
        x = np.minimum(x, self._viewport_px[1] - 8)
        n = np.minimum(n[many], style.BADGE_MAX)
        for k in np.unique(n).tolist():
            sel = n == k
            pix = badge_symbol(painter, k)
            stamp(painter, pix, x[sel] + pix.width() / pix.devicePixelRatioF() / 2 - 3, y[sel])

    # -- hit testing -------------------------------------------------------------
    def view_geometry(self) -> Optional[tuple[float, float, float, float]]:
        """``(x0, x1, px_w, lane_px)`` of the current view: what the sub-rows are computed for."""
        vb = self.getViewBox()
        if vb is None:
            return None
        (x0, x1), _ = vb.viewRange()
        px_w, px_h = vb.viewPixelSize()
        if not px_w or not px_h:
            return None
        return x0, x1, px_w, 1.0 / px_h

    def mark_y(self, idx: np.ndarray, geometry=None) -> np.ndarray:
        """Where marks ``idx`` are drawn, in lanes (data y): their lane plus their sub-row's offset."""
        lanes = self.layout.mark_lane[idx].astype(np.float64)
        geometry = geometry or self.view_geometry()
        if geometry is None or not len(idx):
            return lanes
        x0, x1, px_w, lane_px = geometry
        packing = self.packing(x0, x1, px_w, lane_px)
        pos = packing.lookup(np.asarray(idx))
        found = pos >= 0
        off = np.zeros(len(idx))
        if found.any():
            n = packing.rows[pos[found]]
            off[found] = (packing.row[pos[found]] - (n - 1) * 0.5) * style.subrow_pitch_px(lane_px, n) / lane_px
            context = found.copy()
            context[found] = packing.is_context()[pos[found]]
            # along the lane's lower edge
            off[context] = style.context_offset_px(lane_px, packing.row[pos[context]]) / lane_px
        return lanes + off

    def fold_room(self) -> float:
        """A label's room in pixels: the width of an aggregate's shortened label in the label font."""
        return label_room(self._metrics.averageCharWidth())

    def fold_lines(self, lane_px: float) -> int:
        """How many marks a lane ``lane_px`` high labels side by side: its text lines (``labels.place`` puts a
        label on its mark's line or a free one near it), so the fold keeps that many in a label's room."""
        return label_lines(lane_px, self._metrics.height())

    def current_fold(self) -> str:
        """The level of detail at the current zoom as a figure spec holds it (``folding.fold_text``: "3 lines,
        179 px", marks crowding a label's room of 179 pixels past three fold), "" when each mark is drawn on its own (what a figure
        of the current view draws too)."""
        geometry = self.view_geometry()
        if geometry is None or not folds_at(geometry[2], UNSTACK_DAY_PX):
            return ""
        return fold_text(self.fold_lines(geometry[3]), self.fold_room())

    def drawn_only(self, idx: np.ndarray) -> np.ndarray:
        """``idx`` less the marks folded into an aggregate at the current zoom (drawn by their head only)."""
        geometry = self.view_geometry()
        if geometry is None or not len(idx):
            return idx
        packing = self.packing(*geometry)
        if packing.stack is None:
            return idx
        pos = packing.lookup(idx)
        return idx[(pos < 0) | (packing.stack[np.maximum(pos, 0)] > 0)]

    def folded_with(self, row: int, lane: int) -> np.ndarray:
        """The rows an aggregate drawn for ``row`` in ``lane`` stands for at the current zoom, most salient
        first (``row`` itself first when it heads it); just ``[row]`` for a mark drawn on its own."""
        geometry = self.view_geometry()
        alone = np.array([row], np.int64)
        if geometry is None or self.layout is None:
            return alone
        packing = self.packing(*geometry)
        if packing.stack is None:
            return alone
        marks = packing.idx
        at = np.flatnonzero((self.layout.mark_row[marks] == row) & (self.layout.mark_lane[marks] == lane))
        if not len(at):
            return alone
        members = np.flatnonzero(packing.head == packing.head[at[0]])
        rows = self.layout.mark_row[marks[members]]
        order = np.lexsort((rows, -self.rank(rows)))
        rows = rows[order]
        return np.r_[row, rows[rows != row]].astype(np.int64)

    def mark_at(self, x: float, y: float, px_w: float, tolerance_px: float = 6.0) -> Optional[int]:
        """The row of the mark under view point ``(x, y)``; ``px_w`` is seconds per pixel.

        Among marks under ``x`` the one whose sub-row is nearest ``y`` wins;
        on one sub-row a point beats a bar and a narrow bar a wide one.
        """
        if self.data is None or self.layout is None or not len(self.layout.mark_row):
            return None
        lane = int(round(y))
        if abs(y - lane) > 0.5 or lane < 0 or lane >= self._lane_count:
            return None
        tol = tolerance_px * px_w
        lead = style.OPEN_LEAD_PX * px_w
        idx = self.layout.in_view(x - tol - lead, x + tol + lead)
        idx = self.drawn_only(idx[self.layout.mark_lane[idx] == lane])
        if not len(idx):
            return None
        rows = self.layout.mark_row[idx]
        d = self.data
        point = d.is_point(rows)
        oob = d.relation[rows] == RELATION_ON_OR_BEFORE
        near_point = point & (np.abs(d.mid[rows] - x) <= tol + (self.point_sizes(rows) - style.POINT_SIZE) / 2 * px_w)
        fade = style.FADE_PX * px_w
        bar_start = d.start[rows] - np.where(d.relation[rows] == RELATION_UNTIL, fade, 0)
        start = np.where(point & oob, d.mid[rows] - lead, bar_start) - tol
        start = np.minimum(start, d.end[rows] - style.MIN_BAR_PX * px_w - tol)
        end = np.where(point, d.mid[rows], d.end[rows] + np.where(d.relation[rows] == RELATION_FROM, fade, 0)) + tol
        inside = near_point | ((start <= x) & (x <= end))
        if not inside.any():
            return None
        geometry = self.view_geometry()
        lane_px = geometry[3] if geometry else 1.0
        # Distance to each sub-row in whole pixels: marks on one row tie, and the rules below decide.
        dist_px = np.round(np.abs(self.mark_y(idx[inside], geometry) - y) * lane_px)
        width = (end - start)[inside]
        best = np.lexsort((width, ~near_point[inside], dist_px))[0]
        return int(rows[inside][best])
