"""Figure export end to end: PNG and SVG of every view, SVG as true vector, and both showing the same marks.

The independent check is rsvg-convert (librsvg): it renders our SVG and the
result must match Qt's PNG of the same scene cell by cell.  The comparison is
shown to fail on a different figure, on a moved mark and on an SVG whose text
was dropped, so a pass means something.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime

import numpy as np
import pytest

from desktop_app.figures.export import ensure_gui_app, export_figure, render_bytes
from desktop_app.figures.compose import compose
from desktop_app.figures.scene import Circle, Text
from desktop_app.figures.spec import FigureSpec
from desktop_app.figures.svg_backend import render_svg
from export_fixtures import ACTORS, big_corpus, realistic_corpus
from export_images import (ink_mask, load_rgb, render_svg_file, rsvg, same_marks, cell_diff)

SVG = "{http://www.w3.org/2000/svg}"
VIEWS = ("timeline", "network", "both")
needs_rsvg = pytest.mark.skipif(rsvg() is None, reason="rsvg-convert (librsvg2-bin) is not installed; "
                                "cannot check the SVG with an independent renderer")


@pytest.fixture(scope="module")
def corpus():
    ensure_gui_app()
    return realistic_corpus()


def _spec(view, **kw):
    base = dict(view=view, width=1600, height=900, title="Harbour & valley: 2007–2008 <draft>",
                banner="EXAMPLE CAVEAT — NOT FOR RELEASE")
    base.update(kw)
    return FigureSpec(**base)


def _svg_texts(path):
    root = ET.parse(path).getroot()
    return [el.text or "" for el in root.iter(f"{SVG}text")], root


@pytest.mark.parametrize("view", VIEWS)
def test_svg_is_valid_xml_with_every_label_as_text(corpus, tmp_path, view):
    out = tmp_path / f"{view}.svg"
    info = export_figure(corpus, _spec(view), out)
    texts, root = _svg_texts(out)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 1600 900"
    assert "DejaVu Sans" in root.get("font-family") and "sans-serif" in root.get("font-family")
    # No raster anywhere: marks are shapes and labels are text.
    assert not list(root.iter(f"{SVG}image"))
    scene, _ = compose(corpus, _spec(view))
    expected = [t.text for t in scene.texts()]
    assert expected and sorted(texts) == sorted(expected)
    assert "Harbour & valley: 2007–2008 <draft>" in texts        # escaped and read back intact
    assert texts.count("EXAMPLE CAVEAT — NOT FOR RELEASE") == 2   # top and bottom banner
    names = {n for _, n, _ in ACTORS}
    shown = names & set(texts)
    if view == "network":
        assert shown == names and info.labelled_nodes == 20
    else:
        # Every actor has a lane (20 fit at this size), so every name is an editable label.
        assert names <= set(texts)
    assert info.events >= 60
    shapes = sum(1 for tag in ("circle", "rect", "polygon", "line", "polyline")
                 for _ in root.iter(f"{SVG}{tag}"))
    assert shapes > 100


def test_timeline_draws_points_for_days_spans_for_coarser_and_report_markers(corpus):
    scene, info = compose(corpus, _spec("timeline", legend=True))
    legend = {t.text for t in scene.texts() if t.role == "legend"}
    assert {"day or finer", "week / month", "quarter / season / year"} <= legend
    assert any("on or before" in t for t in legend)
    assert any("report" in t for t in legend)
    assert not info.dense
    # Undated facts never reach the timeline.
    assert info.events == sum(1 for e in corpus.events if e.dated)
    axis = [t.text for t in scene.texts() if t.role == "axis"]
    assert "2008" in axis and len(axis) >= 4


def test_footnote_names_report_sources_and_documents(corpus):
    scene, _ = compose(corpus, _spec("timeline"))
    foot = " ".join(t.text for t in scene.texts() if t.role == "footnote")
    assert "Reported by:" in foot and "Documents:" in foot
    assert "Harbour dispute deepens" in foot and "freight_notes.html" in foot


def test_filters_apply_to_the_figure(corpus):
    pid = "p1"
    scene, info = compose(corpus, _spec("both", actors=frozenset({pid}), mode="any"))
    involving = [e for e in corpus.events if pid in e.actor_ids()]
    assert info.events == len(involving)
    lanes = [t.text for t in scene.texts() if t.role == "lane"]
    assert lanes[0] == "Amara Okonkwo"          # the selected actor comes first
    window = (datetime(2007, 3, 1), datetime(2007, 6, 1))
    _, narrow = compose(corpus, _spec("timeline", window=window))
    assert 0 < narrow.events < info.events + 60
    assert narrow.events == sum(1 for e in corpus.events if e.dated
                                and e.date.interval.start < window[1] and e.date.interval.end > window[0])


def test_current_view_range_changes_the_axis(corpus):
    whole, _ = compose(corpus, _spec("timeline"))
    month, _ = compose(corpus, _spec("timeline", time_range=(datetime(2007, 5, 1), datetime(2007, 6, 1))))
    month_axis = [t.text for t in month.texts() if t.role == "axis"]
    assert month_axis != [t.text for t in whole.texts() if t.role == "axis"]
    assert "14 May" in month_axis and "May 2007" in month_axis    # weekly ticks, month as context
    days, _ = compose(corpus, _spec("timeline", time_range=(datetime(2007, 5, 1), datetime(2007, 5, 9))))
    day_axis = [t.text for t in days.texts() if t.role == "axis"]
    assert {"2", "3", "4"} <= set(day_axis)


def test_png_has_the_requested_pixels_and_scale(corpus, tmp_path):
    from PySide6.QtGui import QImage
    out = tmp_path / "x.png"
    export_figure(corpus, _spec("network", width=800, height=500, scale=2), out)
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1600, 1000)
    assert round(img.dotsPerMeterX() * 0.0254) == 192


def test_same_input_same_bytes(corpus):
    a, _ = render_bytes(corpus, _spec("both"), "svg")
    b, _ = render_bytes(corpus, _spec("both"), "svg")
    assert a == b


@needs_rsvg
@pytest.mark.parametrize("view", VIEWS)
def test_rsvg_rendering_of_the_svg_matches_the_png(corpus, tmp_path, view):
    spec = _spec(view)
    png, svg, ref = tmp_path / "f.png", tmp_path / "f.svg", tmp_path / "ref.png"
    export_figure(corpus, spec, png)
    export_figure(corpus, spec, svg)
    render_svg_file(svg, ref, 1600, 900)
    a, b = load_rgb(png), load_rgb(ref)
    assert same_marks(a, b), cell_diff(a, b)
    # Ink in the same cells: nothing drawn in one and missing from the other.
    mismatch = (ink_mask(a) != ink_mask(b)).mean()
    assert mismatch < 0.01, mismatch


@needs_rsvg
@pytest.mark.parametrize("view", VIEWS)
def test_comparison_fails_for_moved_missing_or_lost_text(corpus, tmp_path, view):
    spec = _spec(view)
    png, ref = tmp_path / "f.png", tmp_path / "ref.png"
    export_figure(corpus, spec, png)
    a = load_rgb(png)
    scene, _ = compose(corpus, spec)

    def rendered(svg_text, name):
        path = tmp_path / f"{name}.svg"
        path.write_text(svg_text, encoding="utf-8")
        out = tmp_path / f"{name}.png"
        render_svg_file(path, out, 1600, 900)
        return load_rgb(out)

    assert same_marks(a, rendered(render_svg(scene), "same"))

    # A different figure (another layout seed, or another time range) must not match.
    other_spec = (replace(spec, layout_seed=99) if view == "network"
                  else replace(spec, time_range=(datetime(2007, 3, 1), datetime(2008, 3, 1))))
    other, _ = compose(corpus, other_spec)
    assert not same_marks(a, rendered(render_svg(other), "other"))

    # One mark (a timeline dot or a network node) moved by 40 px must not match.
    moved, _ = compose(corpus, spec)
    dots = [n for n in moved.walk() if isinstance(n, Circle) and n.r > 4]
    assert dots
    dots[len(dots) // 2].cx += 40
    assert not same_marks(a, rendered(render_svg(moved), "moved"))

    # Every label dropped (as a renderer that rasterised or lost text would show) must not match.
    no_text = re.sub(r"<text [^>]*>.*?</text>", "", render_svg(scene))
    assert no_text.count("<text") == 0
    assert not same_marks(a, rendered(no_text, "notext"))


def test_dense_timeline_aggregates_and_stays_small():
    ensure_gui_app()
    corpus = big_corpus(20_000)
    data, info = render_bytes(corpus, FigureSpec(view="timeline", width=1600, height=900), "svg")
    assert info.dense and info.events == 20_000
    assert len(data) < 3_000_000
    root = ET.fromstring(data)
    # Far fewer shapes than events: bars per lane, not one mark per event.
    assert sum(1 for _ in root.iter(f"{SVG}rect")) < 20_000
    legend = [el.text for el in root.iter(f"{SVG}text") if el.get("class") == "legend"]
    assert any("events per bin" in t for t in legend)


def test_density_bins_conserve_events():
    from desktop_app.figures.timeline_marks import bin_weights
    starts = np.array([0.0, 10.0, 50.0, 95.0])
    ends = np.array([1.0, 40.0, 51.0, 200.0])   # the last runs past the range
    w = bin_weights(starts, ends, 0.0, 100.0, 10)
    assert w.shape == (10,)
    assert w[0] == pytest.approx(1.0)                 # the first falls in one bin
    assert w[1:4].sum() == pytest.approx(1.0)         # the second spreads over three
    # The last covers bins 9..19 of which only bin 9 is visible: 1/11 of it is drawn.
    assert w.sum() == pytest.approx(3.0 + 1 / 11)


def test_empty_selection_gives_a_message_not_a_crash(corpus, tmp_path):
    scene, info = compose(corpus, _spec("both", window=(datetime(1900, 1, 1), datetime(1901, 1, 1))))
    assert info.events == 0
    assert any("No dated events" in m for m in info.messages)
    assert any(isinstance(t, Text) and t.role == "message" for t in scene.texts())
    export_figure(corpus, _spec("both", window=(datetime(1900, 1, 1), datetime(1901, 1, 1))), tmp_path / "e.svg")
    ET.parse(tmp_path / "e.svg")


@pytest.fixture(scope="module")
def seed_corpus():
    from desktop_app.core.documents import load_paths
    from desktop_app.core.pipeline import extract_corpus
    from pathlib import Path
    seed = Path(__file__).resolve().parents[1] / "seeds" / "000_54cc48f895b22f49.txt"
    documents, errors = load_paths([str(seed)])
    assert documents and not errors
    ensure_gui_app()
    return extract_corpus(documents)


@pytest.mark.parametrize("view", VIEWS)
def test_seed_article_exports_every_mark_and_label(seed_corpus, tmp_path, view):
    spec = FigureSpec(view=view, width=1600, height=900, title="Seed article")
    svg = tmp_path / "seed.svg"
    info = export_figure(seed_corpus, spec, svg)
    texts, _ = _svg_texts(svg)
    scene, _ = compose(seed_corpus, spec)
    assert sorted(texts) == sorted(t.text for t in scene.texts())
    dated = [e for e in seed_corpus.events if e.dated]
    if view != "network":
        assert dated, "the seed article should yield dated events"
        assert info.events >= len(dated)
        # The source document is named in the footnote.
        assert any("Documents:" in t for t in texts)
    if view != "timeline":
        assert info.nodes > 0 and info.labelled_nodes == info.nodes
        names = {a.name for a in seed_corpus.actors if a.id in set().union(*[e.actor_ids() for e in seed_corpus.events])}
        assert names <= set(texts)


@needs_rsvg
def test_seed_article_rsvg_matches_png(seed_corpus, tmp_path):
    spec = FigureSpec(view="both", width=1600, height=900, title="Seed article")
    png, svg, ref = tmp_path / "f.png", tmp_path / "f.svg", tmp_path / "ref.png"
    export_figure(seed_corpus, spec, png)
    export_figure(seed_corpus, spec, svg)
    render_svg_file(svg, ref, 1600, 900)
    a, b = load_rgb(png), load_rgb(ref)
    assert same_marks(a, b), cell_diff(a, b)


def test_single_band_packs_overlapping_marks_into_rows(corpus):
    scene, info = compose(corpus, _spec("timeline", lanes="single"))
    assert info.events == sum(1 for e in corpus.events if e.dated)
    lanes = [t.text for t in scene.texts() if t.role == "lane"]
    assert lanes == ["All events"]                     # one band, labelled once
    groups = [g for g in scene.walk() if getattr(g, "name", "").startswith("lane ")]
    assert len(groups) > 3                             # overlapping spans went to rows of their own


def test_filtered_network_keeps_each_actor_where_the_whole_network_has_it(corpus):
    # The app's network view lays out the whole corpus once and dims the rest, so a
    # filtered export must place each node where the whole-corpus layout has it.
    from desktop_app.core.layout import layout_positions
    from desktop_app.core.network import build_graph
    from desktop_app.figures.network_figure import _positions
    from desktop_app.figures.subset import select

    part = select(corpus, {"p1"}, "any")
    graph = build_graph(corpus, part.actor_ids, part.ties)
    assert 1 < graph.number_of_nodes() < len(corpus.actors)
    full = layout_positions(build_graph(corpus), seed=7)
    placed = _positions(corpus, graph, 7, None)
    assert placed == {n: full[n] for n in graph}


def test_a_filter_window_frames_the_timeline(corpus):
    window = (datetime(2007, 3, 1), datetime(2008, 2, 1))
    from desktop_app.figures.subset import select
    from desktop_app.figures.timeline_figure import build_timeline
    from desktop_app.figures.metrics import TextMeasure
    res = build_timeline(select(corpus, window=window), (0, 0, 1200, 700), 14, TextMeasure(), window=window)
    assert res.time_range == window
    # An open-ended window (the CLI's --from alone) frames on the events, not on year 9999.
    open_end = (datetime(2007, 3, 1), datetime(9999, 12, 31))
    res = build_timeline(select(corpus, window=open_end), (0, 0, 1200, 700), 14, TextMeasure(), window=open_end)
    assert res.time_range[0] == datetime(2007, 3, 1) and res.time_range[1].year <= 2010


def test_too_many_ties_keeps_the_strongest_and_says_so(corpus, monkeypatch):
    from desktop_app.figures import network_figure
    from desktop_app.figures.scene import Line
    monkeypatch.setattr(network_figure, "MAX_TIES", 10)
    scene, info = compose(corpus, _spec("network"))
    ties = [n for g in scene.walk() if getattr(g, "name", "") == "ties" for n in g.items if isinstance(n, Line)]
    assert len(ties) == 10
    assert any(m.startswith("Showing the 10 strongest of") for m in info.messages)
    assert any(t.role == "note" and "strongest" in t.text for t in scene.texts())


def test_a_long_title_wraps_to_two_lines_and_shows_it_was_cut():
    from desktop_app.core.model import Corpus
    ensure_gui_app()
    scene, _ = compose(Corpus(), FigureSpec(width=600, height=400, title="word " * 60))
    lines = [t.text for t in scene.texts() if t.role == "title"]
    assert len(lines) == 2 and lines[1].endswith("…")


@pytest.mark.parametrize("view, has_network, has_dates", [("timeline", False, True), ("network", True, False),
                                                         ("both", True, True)])
def test_legend_lists_what_the_view_draws(corpus, view, has_network, has_dates):
    scene, _ = compose(corpus, _spec(view))
    legend = {t.text for t in scene.texts() if t.role == "legend"}
    assert {"person", "organization", "group", "media", "location"} <= legend
    assert ("node size: number of ties" in legend) == has_network
    assert ("day or finer" in legend) == has_dates
