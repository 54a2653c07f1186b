"""Axis items: calendar ticks from ``core.timeaxis`` and lane names on the left."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from desktop_app.core import timeaxis

from . import style


class TimeAxisItem(pg.AxisItem):
    """A bottom axis in float seconds whose labels follow the zoom (years ... minutes).

    pyqtgraph's own DateAxisItem reads UTC timestamps through the platform and
    fails before 1970 on some systems; ours is calendar-exact for years 1-9999.
    """

    def __init__(self, orientation: str = "bottom", max_major: int = 8, **kwargs):
        super().__init__(orientation, **kwargs)
        self.max_major = max_major
        self._labels: dict[float, str] = {}
        self.enableAutoSIPrefix(False)
        self.setTextPen(style.FOREGROUND)
        self.setPen(style.MUTED)

    def _major_budget(self) -> int:
        # ~70 px per label keeps "Nov 2007"-sized labels apart at any window width.
        width = self.geometry().width() or 800
        return max(2, min(self.max_major, int(width // 70)))

    def tickValues(self, minVal, maxVal, size):
        if not (maxVal > minVal):
            return []
        found = timeaxis.ticks(minVal, maxVal, self._major_budget())
        self._labels = {t.seconds: t.label for t in found if t.level == timeaxis.MAJOR}
        majors = [t.seconds for t in found if t.level == timeaxis.MAJOR]
        minors = [t.seconds for t in found if t.level == timeaxis.MINOR]
        span = (maxVal - minVal) / max(1, len(majors))
        return [(span, majors), (span / 4, minors)]

    def tickStrings(self, values, scale, spacing):
        return [self._labels.get(v, "") for v in values]

    def context(self) -> str:
        lo, hi = self.range
        try:
            return timeaxis.context_label(lo, hi, self._major_budget())
        except ValueError:
            return ""


class LaneAxisItem(pg.AxisItem):
    """Left axis naming each lane; lane i sits at y == i."""

    def __init__(self, **kwargs):
        super().__init__("left", **kwargs)
        self._names: list[str] = []
        self.setStyle(tickLength=0)
        self.setTextPen(style.FOREGROUND)
        self.setPen(style.MUTED)

    def set_lanes(self, names: list[str]) -> None:
        # pyqtgraph drops a tick label that does not fit the axis width, so elide to fit instead.
        metrics = QFontMetrics(self.style.get("tickFont") or self.font())
        room = max(40, int(self.width()) - 14)
        short = [metrics.elidedText(n, Qt.TextElideMode.ElideRight, room) for n in names]
        self._names = list(names)
        self.setTicks([[(i, s) for i, s in enumerate(short)], []])
