"""A grouped figure draws what the grouped screen draws: one mark per happening, grown and numbered by its sources."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import numpy as np

from desktop_app.core.happenings.heads import source_growth
from desktop_app.figures.compose import compose
from desktop_app.figures.export import ensure_gui_app, export_figure
from desktop_app.figures.scene import Circle, Group
from desktop_app.figures.spec import FigureSpec
from export_images import ink_mask, load_rgb, render_svg_file, same_marks, cell_diff
from test_happening_views import _corpus, _day, _ev, bombing_corpus

ensure_gui_app()        # text is measured with Qt's font metrics

SPEC = FigureSpec(view="timeline", width=1200, height=600, lanes="single", legend=False, footnote=False)


def _points(scene) -> list[Circle]:
    """The event dots inside the timeline's lanes."""
    lanes = next(n for n in scene.walk() if isinstance(n, Group) and n.name == "lanes")
    stack, out = [lanes], []
    while stack:
        node = stack.pop()
        if isinstance(node, Group):
            stack.extend(node.items)
        elif isinstance(node, Circle):
            out.append(node)
    return out


def test_a_three_report_happening_is_one_mark_grouped_and_three_expanded():
    corpus = bombing_corpus()          # one happening told by papers a, b, c; one single-source happening
    grouped, info_g = compose(corpus, SPEC)
    expanded, info_e = compose(corpus, replace(SPEC, grouped=False))
    assert len(_points(grouped)) == 2 and len(_points(expanded)) == 4
    assert (info_g.events, info_e.events) == (2, 4)
    # The happening's dot is grown by the screen's rule for three sources; the lone report's is not.
    radii = sorted(c.r for c in _points(grouped))
    assert np.isclose(radii[1] - radii[0], float(source_growth(3)) / 2) and radii[1] > radii[0]
    assert len({round(c.r, 3) for c in _points(expanded)}) == 1
    badges = [t.text for t in grouped.texts() if t.role == "badge"]
    assert badges == ["3"]
    assert not [t for t in expanded.texts() if t.role == "badge"]


def test_each_actor_lane_has_one_mark_for_the_happening_when_grouped():
    corpus = bombing_corpus()
    spec = replace(SPEC, lanes="actors")
    grouped, expanded = (len(_points(compose(corpus, replace(spec, grouped=g))[0])) for g in (True, False))
    # Expanded: Kenya a, b, d; Tanzania a, c; Kamau d.  Grouped: Kenya and Tanzania the happening and d's.
    assert (grouped, expanded) == (4, 6)


def test_the_badge_is_svg_text_and_the_svg_renders_like_the_png(tmp_path):
    corpus = bombing_corpus()
    png, svg, ref = tmp_path / "f.png", tmp_path / "f.svg", tmp_path / "ref.png"
    export_figure(corpus, SPEC, png)
    export_figure(corpus, SPEC, svg)
    texts = [(e.get("class"), "".join(e.itertext())) for e in ET.parse(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert ("badge", "3") in texts
    render_svg_file(svg, ref, 1200, 600)
    a, b = load_rgb(png), load_rgb(ref)
    assert same_marks(a, b), cell_diff(a, b)
    assert (ink_mask(a) != ink_mask(b)).mean() < 0.01


def test_the_cli_reports_option_carries_the_toggle(tmp_path):
    from desktop_app.cli.main import _command_modules, build_parser
    from desktop_app.cli.export_cmd import _spec_from_args
    parse = build_parser(_command_modules()).parse_args
    assert _spec_from_args(parse(["export", "x", "--out", str(tmp_path / "f.svg")])).grouped
    assert not _spec_from_args(parse(["export", "x", "--out", str(tmp_path / "f.svg"),
                                      "--reports", "expanded"])).grouped


def _head_names_kenya_only():
    """One happening of three reports: the head (a) and b name Kenya, c names Tanzania only."""
    return _corpus([
        _ev("a", 1, "Embassy bombed", _day(1998, 8, 7), "location:kenya"),
        _ev("b", 1, "Bomb exploded outside embassy", _day(1998, 8, 7), "location:kenya"),
        _ev("c", 1, "Blast hit embassy", _day(1998, 8, 7), "location:tanzania"),
    ], [0, 0, 0])


def test_a_happening_sits_in_every_lane_one_of_its_reports_names_as_on_screen():
    # The head report (a) names only Kenya; report c names Tanzania: the happening is in both lanes.
    corpus = _head_names_kenya_only()
    scene, _ = compose(corpus, replace(SPEC, lanes="actors"))
    lanes = {n.name: n for n in scene.walk() if isinstance(n, Group) and n.name.startswith("lane ") and n.name != "lane labels"}
    assert set(lanes) == {"lane Kenya", "lane Tanzania"}
    for group in lanes.values():
        dots = [i for i in scene_items(group) if isinstance(i, Circle)]
        assert len(dots) == 1
    assert [t.text for t in scene.texts() if t.role == "badge"] == ["3", "3"]


def scene_items(group: Group):
    stack = [group]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, Group):
            stack.extend(node.items)


def test_a_happening_whose_head_names_another_actor_is_drawn_in_the_selected_actors_lane():
    # Selecting Tanzania keeps only report c; the head (a, Kenya) does not pass, yet the screen shows
    # the happening in Tanzania's lane, so the figure must too (a briefing must not lose the bombing).
    corpus = _head_names_kenya_only()
    scene, info = compose(corpus, replace(SPEC, lanes="actors", actors=frozenset({"location:tanzania"})))
    assert len(_points(scene)) == 1 and info.events == 1
    assert [t.text for t in scene.texts() if t.role == "badge"] == ["3"]


def _legend_texts(scene) -> list[str]:
    return [t.text for t in scene.texts() if t.role == "legend"]


def test_the_legend_explains_the_numbered_marks_only_when_a_grouped_figure_numbers_one(tmp_path):
    from desktop_app.figures.decorations import BADGE_LEGEND
    corpus = bombing_corpus()           # the bombing: 3 sources, numbered
    spec = replace(SPEC, legend=True)
    grouped, _ = compose(corpus, spec)
    assert BADGE_LEGEND in _legend_texts(grouped)
    # The legend's own sample is a badge like the marks' (a pill with a number).
    assert len([t for t in grouped.texts() if t.role == "badge"]) == 2
    assert BADGE_LEGEND not in _legend_texts(compose(corpus, replace(spec, grouped=False))[0])
    single = _corpus([_ev("a", 1, "Police arrested John Kamau", _day(1998, 8, 20), "person:kamau")], [0])
    assert BADGE_LEGEND not in _legend_texts(compose(single, spec)[0])    # nothing numbered: nothing to explain
    svg = tmp_path / "f.svg"
    export_figure(corpus, spec, svg)
    texts = ["".join(e.itertext()) for e in ET.parse(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert BADGE_LEGEND in texts
