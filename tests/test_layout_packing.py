"""Components are packed compactly, to the shape of the frame they fill; small ones are not rows of dots."""
from __future__ import annotations

import numpy as np

from desktop_app.core.layout import layout_arrays


def _network(seed=5):
    rng = np.random.default_rng(seed)
    src, dst = [], []
    big = 200
    for i in range(1, big):                       # a connected core ...
        src.append(int(rng.integers(0, i)))
        dst.append(i)
    for _ in range(200):                          # ... with some cycles
        a, b = rng.integers(0, big, 2)
        if a != b:
            src.append(int(a))
            dst.append(int(b))
    n = big
    for _ in range(60):                           # sixty pairs
        src.append(n)
        dst.append(n + 1)
        n += 2
    n_isolates = 80
    n += n_isolates
    ids = [f"a{i:04d}" for i in range(n)]
    return ids, ids, np.array(src), np.array(dst), np.ones(len(src)), big


def _extent(pos):
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    return hi - lo


def test_a_wide_frame_gets_a_wide_drawing_and_a_square_one_a_square_drawing():
    ids, names, src, dst, w, _ = _network()
    wide = _extent(layout_arrays(ids, names, src, dst, w, aspect=16 / 9, name_isolates=False))
    square = _extent(layout_arrays(ids, names, src, dst, w))
    assert wide[0] / wide[1] > 1.4
    assert 0.6 < square[0] / square[1] < 1.6


def test_small_components_sit_beside_the_big_one_in_a_compact_block():
    ids, names, src, dst, w, big = _network()
    pos = layout_arrays(ids, names, src, dst, w, aspect=16 / 9, name_isolates=False)
    core, rest = pos[:big], pos[big:]
    # Beside the core, not trailing under it ...
    assert rest[:, 0].min() >= core[:, 0].max() - 1e-9
    # ... and compact: the small components' block is no wider than it is tall times three.
    ext = _extent(rest)
    assert ext[0] / ext[1] < 3.0


def test_isolates_as_a_grid_are_evenly_spaced_when_their_names_will_not_be_drawn():
    ids, names, src, dst, w, big = _network()
    pos = layout_arrays(ids, names, src, dst, w, aspect=16 / 9, name_isolates=False)
    iso = pos[big + 120:]
    d = np.hypot(iso[:, None, 0] - iso[None, :, 0], iso[:, None, 1] - iso[None, :, 1])
    np.fill_diagonal(d, np.inf)
    nearest = d.min(axis=1)
    assert nearest.max() / nearest.min() < 1.01     # one pitch: a tidy square grid
    ext = _extent(iso)
    assert 0.6 < ext[0] / ext[1] < 1.7
