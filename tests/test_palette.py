"""The shared palette: every actor type coloured, distinct, readable on white; styles by precision."""
import re

from desktop_app.core import palette
from desktop_app.core.model import ACTOR_TYPES, PRECISIONS


def _luminance(hex_color):
    def chan(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = palette.hex_to_rgb(hex_color)
    return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)


def _contrast(a, b):
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_every_actor_type_has_a_distinct_colour_and_shape():
    colours = [palette.actor_color(t) for t in ACTOR_TYPES]
    assert len(set(colours)) == len(ACTOR_TYPES)
    assert len({palette.actor_shape(t) for t in ACTOR_TYPES}) == len(ACTOR_TYPES)
    assert palette.actor_color("nonsense") == palette.UNKNOWN_ACTOR_COLOR
    assert palette.actor_color(None) == palette.UNKNOWN_ACTOR_COLOR


def test_actor_colours_are_visible_on_white_paper():
    # WCAG's 2:1 is a floor for large marks (not text); yellow would fail it.
    for t in ACTOR_TYPES:
        assert _contrast(palette.actor_color(t), palette.BACKGROUND) >= 2.0, t
    assert _contrast(palette.FOREGROUND, palette.BACKGROUND) >= 7.0
    assert _contrast(palette.MUTED_TEXT, palette.BACKGROUND) >= 4.5


def test_all_colours_are_six_digit_hex_that_round_trips():
    colours = {name: getattr(palette, name) for name in dir(palette)
               if isinstance(getattr(palette, name), str) and getattr(palette, name).startswith("#")}
    colours.update({f"actor:{t}": palette.actor_color(t) for t in ACTOR_TYPES})
    assert len(colours) >= len(ACTOR_TYPES) + 3          # the types plus foreground, background, muted text
    for name, value in colours.items():
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", value), (name, value)
        rgb = palette.hex_to_rgb(value)
        assert len(rgb) == 3 and all(isinstance(c, int) and 0 <= c <= 255 for c in rgb), (name, rgb)
        assert "#%02x%02x%02x" % rgb == value.lower(), name


def test_point_for_day_or_finer_bar_for_coarser_and_lighter_as_coarser():
    known = ("second", "minute", "hour", "day")
    for p in PRECISIONS:
        style = palette.mark_style(p)
        assert style.kind == ("point" if p in known else "bar"), p
    alphas = [palette.mark_style(p).fill_alpha for p in ("month", "year", "decade")]
    assert alphas == sorted(alphas, reverse=True) and alphas[0] > alphas[-1]
    assert palette.mark_style("decade").hatch is not None


def test_on_or_before_is_distinguishable_from_on():
    for p in ("day", "month", "year"):
        on, before = palette.mark_style(p, "on"), palette.mark_style(p, "on_or_before")
        assert before.open_start and not on.open_start
        assert before.dash and not on.dash


def test_blend_and_bad_colour():
    assert palette.blend("#000000", 0.5) == "#808080"
    assert palette.blend("#0072B2", 1.0) == "#0072B2"
    import pytest
    with pytest.raises(ValueError):
        palette.hex_to_rgb("red")
