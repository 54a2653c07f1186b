"""Image comparison helpers for export tests: load PNGs as arrays and compare them cell by cell.

Two renderings of one figure (Qt's PNG and rsvg-convert's rendering of the
SVG) differ in anti-aliasing and glyph rasterisation, but not in where the
ink is.  Averaging over coarse cells keeps the first from mattering and the
second from hiding: a moved mark or a lost label changes its cells' mean
colour far more than anti-aliasing does.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np

CELL = 16
# Per-cell, per-channel tolerance (0..255) and mean tolerance over all cells.
# Measured on the realistic corpus at 1600x900: the same figure differs by at
# most ~12 (hatched spans, glyph anti-aliasing), mean ~1.1; one timeline dot
# moved by 40 px gives ~38, dropping every <text> gives ~50 (mean ~2.7).
MAX_CELL_DIFF = 25.0
MEAN_CELL_DIFF = 2.0


def rsvg() -> str | None:
    return shutil.which("rsvg-convert")


def render_svg_file(svg: Path, png: Path, width: int, height: int) -> None:
    subprocess.run([rsvg(), "-w", str(width), "-h", str(height), "-b", "white", "-o", str(png), str(svg)],
                   check=True, capture_output=True, timeout=120)


def load_rgb(path: Path) -> np.ndarray:
    from PySide6.QtGui import QImage

    img = QImage(str(path))
    assert not img.isNull(), f"cannot read image {path}"
    img = img.convertToFormat(QImage.Format.Format_RGB32)
    w, h = img.width(), img.height()
    raw = np.frombuffer(img.constBits(), np.uint8).reshape(h, img.bytesPerLine())
    return raw[:, : w * 4].reshape(h, w, 4)[:, :, :3].astype(float)


def cells(image: np.ndarray, cell: int = CELL) -> np.ndarray:
    h, w, _ = image.shape
    rows, cols = h // cell, w // cell
    return image[: rows * cell, : cols * cell].reshape(rows, cell, cols, cell, 3).mean(axis=(1, 3))


def cell_diff(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(max, mean) over cells of the largest per-channel difference of cell means."""
    assert a.shape == b.shape, f"images differ in size: {a.shape} vs {b.shape}"
    d = np.abs(cells(a) - cells(b)).max(axis=2)
    return float(d.max()), float(d.mean())


def same_marks(a: np.ndarray, b: np.ndarray) -> bool:
    worst, mean = cell_diff(a, b)
    return worst <= MAX_CELL_DIFF and mean <= MEAN_CELL_DIFF


def ink_mask(image: np.ndarray, background=(255, 255, 255), threshold: float = 6.0) -> np.ndarray:
    """Cells whose mean colour differs visibly from the background."""
    return np.abs(cells(image) - np.array(background, float)).max(axis=2) > threshold
