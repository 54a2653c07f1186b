"""Text measuring for figure layout, with the shipped font.

Layout must know how wide a label is to keep it inside its column and away
from its neighbours; QFontMetricsF with the registered DejaVu Sans gives the
widths both backends end up drawing (rsvg-convert measures the same font).
"""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from desktop_app.figures.fonts import ensure_fonts


def make_font(size: float, bold: bool = False) -> QFont:
    font = QFont(ensure_fonts())
    # Pixel size: figure units are pixels, and point sizes would drag the
    # device DPI in. Layout therefore uses whole-pixel font sizes only.
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    font.setKerning(True)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


class TextMeasure:
    """Widths, heights and eliding for labels at a size and weight."""

    def __init__(self) -> None:
        self._family = ensure_fonts()

    @property
    def family(self) -> str:
        return self._family

    @lru_cache(maxsize=64)
    def _metrics(self, size: float, bold: bool) -> QFontMetricsF:
        return QFontMetricsF(make_font(size, bold))

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return self._metrics(size, bold).horizontalAdvance(text)

    def ascent(self, size: float, bold: bool = False) -> float:
        return self._metrics(size, bold).ascent()

    def line_height(self, size: float, bold: bool = False) -> float:
        return self._metrics(size, bold).height()

    def char_width(self, size: float, bold: bool = False) -> float:
        """The font's average character width (a label's room is counted in them: ``folding.label_room``)."""
        return self._metrics(size, bold).averageCharWidth()

    def elide(self, text: str, size: float, max_width: float, bold: bool = False) -> str:
        """The text, shortened with an ellipsis to fit ``max_width``; '' if not even that fits."""
        if max_width <= 0:
            return ""
        return self._metrics(size, bold).elidedText(text, Qt.TextElideMode.ElideRight, max_width)

    def wrap(self, text: str, size: float, max_width: float, bold: bool = False) -> list[str]:
        """Greedy word wrap; a single word wider than the line is elided."""
        lines: list[str] = []
        current = ""
        for word in text.split():
            trial = f"{current} {word}" if current else word
            if self.width(trial, size, bold) <= max_width:
                current = trial
                continue
            if current:
                lines.append(current)
            current = word if self.width(word, size, bold) <= max_width else self.elide(word, size, max_width, bold)
        if current:
            lines.append(current)
        return lines
