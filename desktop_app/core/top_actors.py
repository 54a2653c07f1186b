"""Which actors a big network shows first: the most connected few, never a hairball of thousands.

A real story names thousands of actors (a 138-article Timeline17 story: 6,205), most of them once.
Drawn all at once they are a grey disc in which no tie can be followed.  Gephi users filter by degree
and KronoGraph opens on the best-connected entities; the network view and its figure do the same by
default: the ``DEFAULT_TOP`` actors of greatest strength (the summed weight of their ties, i.e. the
happenings they share with others), ties broken by degree, then by order.  The chosen actors (the
selection and the actors of a chosen event) are always shown, wherever they rank, so a click in the
timeline never selects something the network hides.  The view says "showing N of M actors" and offers
the next step up (``STEPS``) or everyone.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

DEFAULT_TOP = 150
# Ties drawn at most per actor shown, the strongest first: a few hundred actors must not come back as a
# hairball of their own.
TIES_PER_SHOWN_ACTOR = 4
# The "Show" menu, smallest first; 0 stands for every actor.
STEPS = (50, 150, 500, 2000, 0)


def strength(n_nodes: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Summed tie weight per node (the happenings or events each shares with others)."""
    out = np.zeros(n_nodes, dtype=np.float64)
    if len(src):
        w = np.asarray(weight, dtype=np.float64)
        out += np.bincount(src, weights=w, minlength=n_nodes) + np.bincount(dst, weights=w, minlength=n_nodes)
    return out


def top_mask(n_nodes: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray, top: int,
             always: Optional[np.ndarray] = None) -> Optional[np.ndarray]:
    """Bool per node: the ``top`` strongest nodes plus ``always`` (bool per node); None when ``top`` is 0 or
    the network is no bigger than ``top`` (everyone is shown)."""
    if top <= 0 or n_nodes <= top:
        return None
    s = strength(n_nodes, src, dst, weight)
    degree = np.zeros(n_nodes, dtype=np.int64)
    if len(src):
        degree += np.bincount(src, minlength=n_nodes) + np.bincount(dst, minlength=n_nodes)
    order = np.lexsort((np.arange(n_nodes), -degree, -s))
    keep = np.zeros(n_nodes, dtype=bool)
    keep[order[:top]] = True
    if always is not None:
        keep |= np.asarray(always, dtype=bool)
    return keep


def next_step(top: int) -> int:
    """The "Show more" step after ``top``: the next bigger choice, 0 (everyone) after the last."""
    for step in STEPS:
        if step and step > top:
            return step
    return 0


def step_label(top: int) -> str:
    return "All actors" if top <= 0 else f"Top {top:,}"
