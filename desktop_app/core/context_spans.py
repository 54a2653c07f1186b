"""Spans longer than the whole view: context behind the marks, not marks competing with them.

A year-, decade- or century-precise date ("this year", "the 19th century", "since 1968") is an
honest interval, but seen in a view of a few months it is a bar across the whole lane that says
only "sometime around here".  Drawn as a full mark it takes a sub-row in every lane it names,
pushes the day-precise happenings the analyst is looking at aside, and carries a label of its
own.  Aeon Timeline and KronoGraph draw such long periods as background: thin, behind, cut at
the view's edges with an arrow saying it goes on.  The screen and the figures both ask this
module which spans are context, so they agree on what is drawn as one.

A span is context when it is longer than ``CONTEXT_SPAN_RATIO`` times the time range in view: it
cannot be seen whole, and at least one end of it lies outside the view.
"""
from __future__ import annotations

import numpy as np

# Longer than the whole view: neither end and the middle can be seen together.
CONTEXT_SPAN_RATIO = 1.0


def context_mask(start, end, point, view_seconds: float) -> np.ndarray:
    """Bool per mark: a span (not ``point``) from ``start`` to ``end`` seconds longer than the view.

    ``view_seconds`` is the width of the time range in view; a non-positive one marks nothing.
    """
    start = np.asarray(start, np.float64)
    end = np.asarray(end, np.float64)
    if not view_seconds > 0:
        return np.zeros(len(start), bool)
    return ~np.asarray(point, bool) & ((end - start) > CONTEXT_SPAN_RATIO * view_seconds)
