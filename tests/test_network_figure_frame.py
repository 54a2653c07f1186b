"""A network figure frames the nodes it draws: with the screen's view box, the filtered nodes inside it
fill the panel instead of sitting as a small cluster in the whole network's frame."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest

from desktop_app.figures import network_figure
from desktop_app.figures.export import ensure_gui_app
from desktop_app.figures.metrics import TextMeasure
from desktop_app.figures.subset import select
from desktop_app.figures import glyphs

from export_fixtures import realistic_corpus


@pytest.fixture(scope="module")
def measure():
    ensure_gui_app()
    return TextMeasure()


def _node_centres(monkeypatch, build) -> np.ndarray:
    """Centres of the actor glyphs ``build()`` draws."""
    seen = []
    real = glyphs.shape

    def spy(name, cx, cy, *args, **kwargs):
        seen.append((cx, cy))
        return real(name, cx, cy, *args, **kwargs)
    monkeypatch.setattr(glyphs, "shape", spy)
    build()
    return np.array(seen)


def test_a_current_view_network_figure_of_a_selection_fills_its_panel(measure, monkeypatch):
    corpus = realistic_corpus()
    whole = network_figure._positions(corpus, [a.id for a in corpus.actors], 7, None)
    xy = np.array(list(whole.values()))
    screen_box = (*xy.min(axis=0), *xy.max(axis=0))        # the screen framed on the whole network
    # The actor whose own neighbourhood is the tightest cluster in the whole layout.
    near = {a.id: {a.id} for a in corpus.actors}
    for t in corpus.ties:
        near[t.source].add(t.target)
        near[t.target].add(t.source)

    def reach(a):
        pts = np.array([whole[n] for n in near[a] if n in whole])
        return float((pts.max(axis=0) - pts.min(axis=0)).max() / (xy.max(axis=0) - xy.min(axis=0)).max())
    chosen = min((a for a in near if len(near[a]) > 2), key=reach)
    assert reach(chosen) < 0.5, "the fixture should have a small cluster in a large frame"
    subset = select(corpus, [chosen])
    box = (0.0, 0.0, 800.0, 600.0)
    centres = _node_centres(monkeypatch, lambda: network_figure.build_network(subset, box, 14, measure, corpus,
                                                                              view_box=screen_box))
    assert 2 <= len(centres) < len(corpus.actors)
    span = centres.max(axis=0) - centres.min(axis=0)
    # The drawn nodes reach across most of the panel in at least one direction (the layout's aspect is kept).
    assert max(span[0] / box[2], span[1] / box[3]) > 0.7


def test_the_frame_is_the_drawn_nodes_inside_the_view_box():
    pos = {"a": (0.0, 0.0), "b": (4.0, 3.0), "far": (50.0, 50.0)}
    assert network_figure._drawn_extent(pos, (-10.0, -10.0, 10.0, 10.0)) == pytest.approx((0.0, 0.0, 4.0, 3.0))
    assert network_figure._drawn_extent(pos) == (0.0, 0.0, 50.0, 50.0)
    # Two close nodes are not blown up past a tenth of the screen's frame, centred on them.
    assert network_figure._drawn_extent({"a": (0.0, 0.0), "b": (1.0, 1.0)}, (-10.0, -10.0, 10.0, 10.0)) == \
        pytest.approx((-0.5, -0.5, 1.5, 1.5))
    # No drawn node inside: the screen's frame stays.
    assert network_figure._drawn_extent({"far": (50.0, 50.0)}, (0.0, 0.0, 1.0, 1.0)) == (0.0, 0.0, 1.0, 1.0)
