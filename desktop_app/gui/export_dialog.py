"""The Export dialog: pick what, extent, size and decorations; see a thumbnail; export off the UI thread.

``ExportDialog(state, current_view)`` reads the corpus and the one selection
(actors, any/all, time window) from ``state`` so the figure shows what the
views show.  ``current_view`` is what the main window sees right now:
``{"time_range": (datetime, datetime), "view_box": (x0, y0, x1, y1)}`` —
the timeline's visible range (datetimes, or ``core.timeaxis`` seconds) and
the network's visible rectangle in layout coordinates (a tuple, or the
view box's ``viewRect()``); either key may be missing, and then "current
view" falls back to the whole extent for that panel.

Rendering runs through ``gui.workers.run_task`` (the figure code is a plain
function with a ``TaskState``), so a large export shows progress and can be
cancelled without freezing the window.
"""
from __future__ import annotations

import os
from dataclasses import replace
from typing import Optional

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QRadioButton,
                               QSpinBox, QVBoxLayout, QWidget)

from desktop_app.core.folding import is_fold_text
from desktop_app.core.top_actors import DEFAULT_TOP
from desktop_app.figures.export import ExportError, check_writable, export_figure, format_for
from desktop_app.figures.fonts import ensure_fonts
from desktop_app.figures.spec import PRESETS, FigureSpec, SpecError
from desktop_app.gui.state import AppState
from desktop_app.gui.plain import plain
from desktop_app.gui.workers import run_task

VIEW_CHOICES = (("Timeline", "timeline"), ("Network", "network"), ("Timeline and network", "both"))
SIZE_CHOICES = (("Slide 16:9 (1920×1080)", "slide"), ("A4 landscape (297×210 mm)", "a4"), ("Custom", "custom"))
SCALE_CHOICES = (("1×", 1.0), ("2×", 2.0), ("3×", 3.0), ("300 dpi (print)", PRESETS["a4"].default_scale))
PREVIEW_SIZE = QSize(360, 220)


def _preview_image(corpus, spec: FigureSpec, task=None):
    """A small rendering of the figure: same layout, fewer pixels."""
    from desktop_app.figures.compose import compose
    from desktop_app.figures.png_backend import render_image

    scene, info = compose(corpus, spec, task=task)
    k = min(PREVIEW_SIZE.width() / spec.width, PREVIEW_SIZE.height() / spec.height)
    return render_image(scene, k), info


def normalise_view(current_view: Optional[dict]) -> dict:
    """Accept what the views naturally hold: datetimes or timeaxis seconds, tuples or a QRectF.

    Anything unusable is dropped (that panel then exports its whole extent)
    rather than failing the dialog.
    """
    from datetime import datetime

    from PySide6.QtCore import QRectF

    from desktop_app.core import timeaxis

    out: dict = {}
    view = dict(current_view or {})
    rng = view.get("time_range")
    try:
        if rng is not None:
            a, b = rng
            if not isinstance(a, datetime):
                a, b = timeaxis.from_seconds(float(a)), timeaxis.from_seconds(float(b))
            if a != b:
                out["time_range"] = (min(a, b), max(a, b))
    except (TypeError, ValueError):
        pass
    box = view.get("view_box")
    try:
        if isinstance(box, QRectF):
            r = box.normalized()
            box = (r.left(), r.top(), r.right(), r.bottom())
        if box is not None:
            x0, y0, x1, y1 = (float(v) for v in box)
            if x1 != x0 and y1 != y0:
                out["view_box"] = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    except (TypeError, ValueError):
        pass
    # What the screen's lanes and network show: kept whatever the extent, so a figure has the
    # screen's lanes (not one per actor of every event) and its network picture.
    lanes = view.get("lane_ids")
    if isinstance(lanes, (list, tuple)) and all(isinstance(a, str) for a in lanes):
        out["lane_ids"] = tuple(lanes)
    if isinstance(view.get("compact"), bool):
        out["compact"] = view["compact"]
    if isinstance(view.get("grouped"), bool):
        out["grouped"] = view["grouped"]
    if view.get("network_layout") in ("whole", "subset"):
        out["network_layout"] = view["network_layout"]
    if isinstance(view.get("network_top"), int) and not isinstance(view["network_top"], bool) \
            and view["network_top"] >= 0:
        out["network_top"] = view["network_top"]      # the screen's "Top N" actors (0: all)
    if is_fold_text(view.get("fold")):
        out["fold"] = view["fold"]
    if isinstance(view.get("event_alone"), bool):
        out["event_alone"] = view["event_alone"]
    px = view.get("fold_px")
    if isinstance(px, (int, float)) and not isinstance(px, bool) and 0 < px < float("inf"):
        out["fold_px"] = float(px)
    keys = view.get("key_events")
    if isinstance(keys, (list, tuple)) and all(isinstance(e, str) for e in keys):
        out["key_events"] = tuple(keys)
    return out


class ExportDialog(QDialog):
    exported = Signal(str)   # the path written

    def __init__(self, state: AppState, current_view: Optional[dict] = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export figure")
        self.state = state
        self.current_view = normalise_view(current_view)
        self._export_handle = None
        self._export_path = ""
        self._preview_handle = None
        self._handles: list = []
        ensure_fonts()   # register on the UI thread before any worker measures text
        self._build()
        self._preview_timer = QTimer(self, singleShot=True, interval=250)
        self._preview_timer.timeout.connect(self._start_preview)
        self._connect()
        self._sync_enabled()
        self.schedule_preview()

    # -- widgets ----------------------------------------------------------
    def _build(self) -> None:
        form = QFormLayout()
        self.what = QComboBox()
        for label, key in VIEW_CHOICES:
            self.what.addItem(label, key)
        form.addRow("Show", self.what)

        self.extent_current = QRadioButton("Current view")
        self.extent_whole = QRadioButton("Whole extent")
        self.extent_group = QButtonGroup(self)
        for b in (self.extent_current, self.extent_whole):
            self.extent_group.addButton(b)
        has_view = bool(self.current_view.get("time_range") or self.current_view.get("view_box"))
        (self.extent_current if has_view else self.extent_whole).setChecked(True)
        self.extent_current.setEnabled(has_view)
        row = QHBoxLayout()
        row.addWidget(self.extent_current)
        row.addWidget(self.extent_whole)
        form.addRow("Extent", row)

        self.path = QLineEdit()
        self.path.setPlaceholderText("figure.png or figure.svg")
        self.browse = QPushButton("Browse…")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form.addRow("File", row)
        self.format_label = plain(QLabel(""))
        form.addRow("Format", self.format_label)

        self.size = QComboBox()
        for label, key in SIZE_CHOICES:
            self.size.addItem(label, key)
        self.width_box, self.height_box = QSpinBox(), QSpinBox()
        for box, value in ((self.width_box, 1600), (self.height_box, 900)):
            box.setRange(200, 20000)
            box.setValue(value)
            box.setSuffix(" px")
        row = QHBoxLayout()
        row.addWidget(self.size, 1)
        row.addWidget(self.width_box)
        row.addWidget(QLabel("×"))
        row.addWidget(self.height_box)
        form.addRow("Size", row)
        self.scale = QComboBox()
        for label, value in SCALE_CHOICES:
            self.scale.addItem(label, value)
        form.addRow("PNG scale", self.scale)

        self.title = QLineEdit()
        self.banner = QLineEdit()
        self.banner.setPlaceholderText("caveat or classification, printed at top and bottom")
        form.addRow("Title", self.title)
        form.addRow("Banner", self.banner)
        self.legend = QCheckBox("Legend")
        self.legend.setChecked(True)
        self.footnote = QCheckBox("Sources footnote")
        self.footnote.setChecked(True)
        row = QHBoxLayout()
        row.addWidget(self.legend)
        row.addWidget(self.footnote)
        form.addRow("Include", row)

        self.preview = QLabel("Preview…")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_SIZE)
        self.preview.setStyleSheet("QLabel { border: 1px solid #C8C8C8; background: white; }")
        self.summary = plain(QLabel(""))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.message = plain(QLabel(""))   # error text may hold the file name
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton("Close")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.preview)
        right.addWidget(self.summary)
        right.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addLayout(right, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.progress)
        outer.addWidget(self.message)
        outer.addLayout(buttons)

    def _connect(self) -> None:
        for w in (self.what, self.size, self.scale):
            w.currentIndexChanged.connect(self._changed)
        for w in (self.width_box, self.height_box):
            w.valueChanged.connect(self._changed)
        for w in (self.legend, self.footnote, self.extent_current, self.extent_whole):
            w.toggled.connect(self._changed)
        for w in (self.title, self.banner):
            w.textChanged.connect(self._changed)
        self.path.textChanged.connect(self._path_changed)
        self.browse.clicked.connect(self._browse)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self._cancel_or_close)

    def _changed(self, *_):
        self._sync_enabled()
        self.schedule_preview()

    def _sync_enabled(self) -> None:
        custom = self.size.currentData() == "custom"
        self.width_box.setEnabled(custom)
        self.height_box.setEnabled(custom)
        svg = self.path.text().lower().endswith(".svg")
        self.scale.setEnabled(not svg)   # an SVG has no pixels to multiply

    def _path_changed(self, text: str) -> None:
        try:
            fmt = format_for(text) if text else ""
            self.format_label.setText({"png": "PNG image", "svg": "SVG, editable vector"}.get(fmt, ""))
        except ExportError:
            self.format_label.setText("unknown: name the file .png or .svg")
        self._sync_enabled()

    def _browse(self) -> None:
        start = self.path.text() or os.path.join(os.path.expanduser("~"), "eventscope-figure.png")
        path, chosen = QFileDialog.getSaveFileName(self, "Export figure", start,
                                                   "PNG image (*.png);;SVG vector (*.svg)")
        if path:
            if not os.path.splitext(path)[1]:
                path += ".svg" if "svg" in chosen.lower() else ".png"
            self.path.setText(path)

    # -- the figure -------------------------------------------------------
    def spec(self) -> FigureSpec:
        """The figure the dialog currently describes, with the app's selection applied."""
        sel = self.state.selection
        view = self.current_view
        spec = FigureSpec(view=self.what.currentData(), actors=frozenset(sel.actors), mode=sel.mode,
                          window=sel.window, event=sel.event if view.get("event_alone", True) else None,
                          lane_ids=view.get("lane_ids"),
                          lanes="single" if view.get("compact") else "actors", grouped=view.get("grouped", True),
                          network_layout=view.get("network_layout", "whole"),
                          network_top=view.get("network_top", DEFAULT_TOP), title=self.title.text().strip(),
                          banner=self.banner.text().strip(), legend=self.legend.isChecked(),
                          footnote=self.footnote.isChecked(), key_events=view.get("key_events", ()))
        size = self.size.currentData()
        if size == "custom":
            spec = replace(spec, width=self.width_box.value(), height=self.height_box.value())
        else:
            p = PRESETS[size]
            spec = replace(spec, width=p.width, height=p.height, physical_size=p.physical_size)
        spec = replace(spec, scale=float(self.scale.currentData()))
        if self.extent_current.isChecked():
            spec = replace(spec, time_range=self.current_view.get("time_range"),
                           view_box=self.current_view.get("view_box"), fold=self.current_view.get("fold"),
                           fold_px=self.current_view.get("fold_px"))
        return spec

    def schedule_preview(self) -> None:
        self._preview_timer.start()

    def _start_preview(self) -> None:
        if self._preview_handle is not None and self._preview_handle.running:
            self._preview_handle.cancel()
        try:
            spec = replace(self.spec(), scale=1.0).validated()
        except SpecError as exc:
            self._show_error(str(exc))
            return
        # No Qt parent: the worker module keeps the handle alive until the
        # worker is done, even if this dialog is closed and deleted first.
        handle = run_task(_preview_image, self.state.corpus, spec)
        handle.result.connect(self._preview_ready)
        handle.error.connect(self._preview_failed)
        self._preview_handle = handle
        self._handles = [h for h in self._handles if h.running] + [handle]

    def _preview_ready(self, value) -> None:
        if self.sender() is not self._preview_handle:
            return   # an older preview finishing late
        image, info = value
        self.preview.setPixmap(QPixmap.fromImage(image))
        parts = [f"{info.events} events" + (f" ({info.event_labels} labelled)" if info.event_labels else "")]
        if info.nodes:
            parts.append(f"{info.nodes} actors ({info.labelled_nodes} labelled)")
        if info.dense:
            parts.append("drawn as density")
        self.summary.setText(", ".join(parts) + ("" if not info.messages else " — " + " ".join(info.messages)))

    def _preview_failed(self, exc) -> None:
        if self.sender() is self._preview_handle:
            self.preview.setText("No preview")
            self._show_error(f"The preview failed: {exc}")

    # -- exporting --------------------------------------------------------
    def start_export(self) -> bool:
        """Validate, then export on a worker; returns whether an export started."""
        path = self.path.text().strip()
        if not path:
            self._show_error("Choose a file name first (Browse…), ending in .png or .svg.")
            return False
        try:
            format_for(path)
            check_writable(path)
            spec = self.spec().validated()
        except (ExportError, SpecError) as exc:
            self._show_error(str(exc))
            return False
        self.message.setText("")
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.export_button.setEnabled(False)
        self.cancel_button.setText("Cancel")
        handle = run_task(export_figure, self.state.corpus, spec, path)
        handle.progress.connect(self._export_progress)
        handle.result.connect(self._export_done)
        handle.error.connect(self._export_failed)
        handle.cancelled.connect(self._export_cancelled)
        self._export_handle = handle
        self._export_path = path
        self._handles = [h for h in self._handles if h.running] + [handle]
        return True

    def _export_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 100))
        self.progress.setFormat(f"{message} %p%")

    def _export_cancelled(self) -> None:
        self._export_finished("Export cancelled; no file was written.")

    def _export_done(self, info) -> None:
        path = self._export_path
        self._export_finished(f"Saved {path} ({info.events} events).")
        self.exported.emit(path)

    def _export_failed(self, exc) -> None:
        if isinstance(exc, (ExportError, SpecError)):
            text = str(exc)
        elif isinstance(exc, MemoryError):
            text = "Not enough memory for a figure this large: choose a smaller size or scale."
        else:
            text = f"The export failed ({type(exc).__name__}: {exc}). No file was written; try again or export SVG."
        self._export_finished("")
        self._show_error(text)

    def _export_finished(self, text: str) -> None:
        self.progress.setVisible(False)
        self.export_button.setEnabled(True)
        self.cancel_button.setText("Close")
        self._export_handle = None
        if text:
            self.message.setStyleSheet("")
            self.message.setText(text)

    def _show_error(self, text: str) -> None:
        self.message.setStyleSheet("QLabel { color: #B00020; }")
        self.message.setText(text)

    def _cancel_or_close(self) -> None:
        if self._export_handle is not None and self._export_handle.running:
            self._export_handle.cancel()
        else:
            self.reject()

    def shutdown(self, wait_seconds: float = 30.0) -> None:
        """Cancel previews and exports still running and wait for their workers (closing, tests)."""
        self._preview_timer.stop()
        for handle in self._handles:
            if handle.running:
                handle.cancel()
        for handle in self._handles:
            handle.wait(wait_seconds)
        self._handles = [h for h in self._handles if h.running]

    def done(self, result: int) -> None:
        self.shutdown()
        super().done(result)

    @property
    def busy(self) -> bool:
        return self._export_handle is not None and self._export_handle.running
