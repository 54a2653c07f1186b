"""The network *figure* weighs ties as the network view does: by the happenings two actors share,
the report count kept as the second figure, and its legend says so."""
from __future__ import annotations

import os
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from desktop_app.figures import network_figure
from desktop_app.figures.compose import compose
from desktop_app.figures.export import ensure_gui_app
from desktop_app.figures.metrics import TextMeasure
from desktop_app.figures.scene import Group, Line, Text
from desktop_app.figures.spec import FigureSpec
from desktop_app.figures.subset import select
from desktop_app.gui.network.data import from_corpus

from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_corpus

from test_network_happening_ties import TEXTS, _edge

# The bombings' corpus plus one more tie told once, so widths are compared across two ties.
MORE = {"e": ("Kenya and Uganda signed a border accord on 5 May 1999.", "Paper Four")}

KENYA, TANZANIA = "location:kenya", "location:tanzania"


@pytest.fixture(scope="module")
def corpus():
    docs = [Document(k, f"{k}.txt", t, publication=p, dct="1998-08-09" if k in "abc" else "1999-06-01")
            for k, (t, p) in {**TEXTS, **MORE}.items()]
    return extract_corpus(docs)


@pytest.fixture(scope="module")
def measure():
    ensure_gui_app()
    return TextMeasure()


def _tie_widths(result) -> list[float]:
    marks = next(g for g in result.group.items if isinstance(g, Group) and g.name == "network marks")
    ties = next(g for g in marks.items if g.name == "ties")
    return [ln.stroke.width for ln in ties.items if isinstance(ln, Line)]


def _kenya_tanzania(result):
    return next(t for t in result.ties if {t[0], t[1]} == {KENYA, TANZANIA})


@pytest.mark.parametrize("actors", [(), (KENYA,)])
def test_the_network_figure_counts_a_ties_happenings_as_the_network_tip_does(corpus, measure, actors):
    result = network_figure.build_network(select(corpus, actors), (0, 0, 800, 600), 14, measure, corpus)
    data = from_corpus(corpus)
    k = _edge(data)
    # Three reports of the bombings and one trade agreement: 2 happenings from 4 reports, as the tip says.
    assert result.by_happenings
    assert _kenya_tanzania(result)[2:] == (data.happening_count[k], data.report_count[k]) == (2, 4)


def test_the_network_figure_draws_tie_widths_by_happenings_not_reports(corpus, measure):
    counted = network_figure.build_network(select(corpus), (0, 0, 800, 600), 14, measure, corpus)
    bare = replace(corpus, happenings=None)
    by_reports = network_figure.build_network(select(bare), (0, 0, 800, 600), 14, measure, bare)
    assert not by_reports.by_happenings and not by_reports.ties
    # The figure's widths are the network view's weights (happenings, corpus weighting kept), tie for tie.
    data = from_corpus(corpus)
    heaviest = float(max(data.weight))
    expected = sorted(network_figure._tie_width(14, w / heaviest) for w in data.weight.tolist())
    assert sorted(_tie_widths(counted)) == pytest.approx(expected)
    # ... and not the report weights: Kenya-Tanzania shares 4 reports but only 2 happenings.
    assert sorted(_tie_widths(counted)) != pytest.approx(sorted(_tie_widths(by_reports)))


@pytest.mark.parametrize("view", ["network", "both"])
def test_the_figure_legend_says_ties_count_happenings(corpus, measure, view):
    scene, _ = compose(corpus, FigureSpec(view=view, width=1400, height=800), measure)
    legend = [t.text for t in scene.walk() if isinstance(t, Text)]
    assert "line width: happenings shared" in legend
    assert "line width: events shared" not in legend
