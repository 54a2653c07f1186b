"""The Export dialog: it exports what the app shows, off the UI thread, and explains errors in place."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from desktop_app.gui.state import AppState
from export_fixtures import realistic_corpus

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def dialog(qtbot):
    from desktop_app.gui.export_dialog import ExportDialog
    state = AppState(realistic_corpus())
    view = {"time_range": (datetime(2007, 4, 1), datetime(2007, 9, 1)), "view_box": (0.0, 0.0, 0.5, 0.5)}
    dlg = ExportDialog(state, view)
    qtbot.addWidget(dlg)
    yield dlg
    dlg.shutdown()


def _wait_export(qtbot, dlg):
    handle = dlg._export_handle
    assert handle is not None
    with qtbot.waitSignal(handle.finished, timeout=60_000):
        pass


def test_exports_the_current_view_with_the_selection(qtbot, dialog, tmp_path):
    dialog.state.selection.update(actors={"p1"}, mode="any")
    dialog.title.setText("Current view")
    dialog.path.setText(str(tmp_path / "view.svg"))
    assert dialog.format_label.text() == "SVG, editable vector"
    assert not dialog.scale.isEnabled()          # SVG has no pixel scale
    spec = dialog.spec()
    assert spec.time_range == (datetime(2007, 4, 1), datetime(2007, 9, 1))
    assert spec.actors == frozenset({"p1"})
    assert dialog.start_export()
    _wait_export(qtbot, dialog)
    assert "Saved" in dialog.message.text()
    texts = [el.text for el in ET.parse(tmp_path / "view.svg").getroot().iter(f"{SVG}text")]
    assert "Current view" in texts and "Amara Okonkwo" in texts
    axis = {el.text for el in ET.parse(tmp_path / "view.svg").getroot().iter(f"{SVG}text")
            if el.get("class") == "axis"}
    assert "2008" not in axis                     # framed on the visible range, not the whole extent


def test_whole_extent_png_with_scale(qtbot, dialog, tmp_path):
    from PySide6.QtGui import QImage
    dialog.extent_whole.setChecked(True)
    dialog.what.setCurrentIndex(2)  # both
    dialog.size.setCurrentIndex(2)  # custom
    dialog.width_box.setValue(800)
    dialog.height_box.setValue(450)
    dialog.scale.setCurrentIndex(1)  # 2x
    dialog.path.setText(str(tmp_path / "whole.png"))
    assert dialog.spec().time_range is None and dialog.spec().view == "both"
    assert dialog.start_export()
    _wait_export(qtbot, dialog)
    img = QImage(str(tmp_path / "whole.png"))
    assert (img.width(), img.height()) == (1600, 900)


def test_preview_thumbnail_appears(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog._preview_handle is not None, timeout=10_000)
    with qtbot.waitSignal(dialog._preview_handle.finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull(),
                    timeout=10_000)
    assert dialog.preview.pixmap().width() <= 360
    assert "events" in dialog.summary.text()


@pytest.mark.parametrize("name, needle", [
    ("", "Choose a file name"),
    ("figure.jpg", "name the file .png"),
    ("no/such/folder/figure.png", "does not exist"),
])
def test_bad_targets_explain_what_to_do(dialog, tmp_path, name, needle):
    dialog.path.setText(name if not name.startswith("no/") else str(tmp_path / name))
    assert not dialog.start_export()
    assert needle in dialog.message.text()
    assert dialog.export_button.isEnabled()


def test_an_export_that_fails_reports_in_the_dialog(qtbot, dialog, tmp_path, monkeypatch):
    from desktop_app.figures import export as export_mod

    def broken(*a, **k):
        raise export_mod.ExportError("cannot write it: simulated — choose another folder")
    monkeypatch.setattr(export_mod, "render_bytes", broken)
    dialog.path.setText(str(tmp_path / "x.svg"))
    assert dialog.start_export()
    _wait_export(qtbot, dialog)
    assert "simulated — choose another folder" in dialog.message.text()
    assert dialog.export_button.isEnabled()
    assert not (tmp_path / "x.svg").exists()


def test_current_view_accepts_seconds_and_rects():
    from PySide6.QtCore import QRectF
    from desktop_app.core import timeaxis
    from desktop_app.gui.export_dialog import normalise_view
    t0, t1 = timeaxis.to_seconds(datetime(2007, 4, 1)), timeaxis.to_seconds(datetime(2007, 9, 1))
    view = normalise_view({"time_range": (t1, t0), "view_box": QRectF(0.1, 0.2, 0.5, 0.4)})
    assert view["time_range"] == (datetime(2007, 4, 1), datetime(2007, 9, 1))
    assert view["view_box"] == pytest.approx((0.1, 0.2, 0.6, 0.6))
    assert normalise_view({"time_range": ("x", None), "view_box": (1, 1, 1, 1)}) == {}
    assert normalise_view(None) == {}
