"""The figure's scale bar reads natural lengths of time ("15 days", "3 months"), never a ladder rung's
internal name ("1 halfmonth"), and its bar is as long as its words say, at every step the axis can choose."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from desktop_app.core import timeaxis as ta
from desktop_app.figures.compose import compose
from desktop_app.figures.export import ensure_gui_app
from desktop_app.figures.scene import Group, Line
from desktop_app.figures.spec import FigureSpec
from export_fixtures import realistic_corpus

# Independent of timeaxis's own table: what each spoken unit is worth in days.
DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7,
        "month": 365.2425 / 12, "year": 365.2425}
WORDS = re.compile(r"(≈ )?(\d+) (second|minute|hour|day|week|month|year)(s?)")


def _read(words: str) -> tuple[int, str, bool]:
    m = WORDS.fullmatch(words)
    assert m, f"scale bar words {words!r} are not a number and a plain unit"
    n, unit = int(m.group(2)), m.group(3)
    assert (m.group(4) == "s") == (n != 1), f"{words!r}: wrong plural"
    return n, unit, m.group(1) is not None


@pytest.mark.parametrize("step", ta.LADDER, ids=lambda s: f"{s.count}-{s.unit}")
def test_every_step_reads_as_a_natural_length_as_long_as_its_words(step):
    seconds, words = ta.scale_length(step)
    n, unit, approximate = _read(words)
    assert seconds == pytest.approx(n * DAYS[unit] * 86400)
    # Only months vary in length enough to warn about.
    assert approximate == (unit == "month")
    # The bar stays the length the axis ranked the step by (within the gap between 15 days and half a month).
    assert seconds == pytest.approx(step.seconds, rel=0.02)


def test_half_a_month_reads_fifteen_days():
    step = next(s for s in ta.LADDER if s.unit == "halfmonth")
    assert ta.scale_length(step) == (15 * ta.DAY, "15 days")


@pytest.fixture(scope="module")
def corpus():
    ensure_gui_app()
    return realistic_corpus()


def _scale_bar(scene):
    found = [g for g in scene.walk() if isinstance(g, Group) and g.name == "scale bar"]
    assert len(found) == 1
    bar = found[0]
    texts = [t.text for t in bar.items if hasattr(t, "text")]
    lines = [l for l in bar.items if isinstance(l, Line)]
    return texts[0], max(lines, key=lambda l: abs(l.x2 - l.x1))


@pytest.mark.parametrize("step", [s for s in ta.LADDER if s.seconds >= ta.HOUR],
                         ids=lambda s: f"{s.count}-{s.unit}")
def test_the_exported_timeline_scale_bar_names_its_length_in_words(corpus, step):
    # A span of 5.5 steps makes the axis choose ``step`` (every rung is over 1.1 times the one below).
    span = timedelta(seconds=5.5 * step.seconds)
    earliest = datetime(10, 1, 1)
    middle = datetime(2007, 9, 1)
    lo = middle - span / 2 if middle - earliest > span / 2 else earliest
    spec = FigureSpec(view="timeline", width=1600, height=900, time_range=(lo, lo + span))
    assert ta.choose_step(span.total_seconds(), 7) == step
    scene, _ = compose(corpus, spec)
    text, line = _scale_bar(scene)
    seconds, words = ta.scale_length(step)
    assert text == words
    assert "halfmonth" not in text
    # The bar's drawn length is the stated length on the figure's own time axis.
    axis = [g for g in scene.walk() if isinstance(g, Group) and g.name == "lanes"][0]
    plot_w = axis.clip[2]
    assert abs(line.x2 - line.x1) == pytest.approx(plot_w * seconds / span.total_seconds(), rel=0.01)
