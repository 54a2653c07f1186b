"""``eventscope export``: documents in, a briefing-grade PNG or SVG figure out, no display needed.

    eventscope export PATH... --out FILE.png|FILE.svg [--view timeline|network|both]
        [--select NAME ...] [--mode any|all] [--from DATE] [--to DATE]
        [--size WxH | --preset slide|a4] [--scale N] [--title TEXT] [--banner TEXT]
        [--dct DATE] [--whole-extent] [--lanes actors|single] [--reports grouped|expanded] [--only-active]
        [--top-actors N]
        [--no-legend] [--no-footnote]

``--from``/``--to`` keep the events overlapping that window and, when both
are given, frame the timeline on exactly that window; ``--whole-extent``
frames it on the events that pass instead.  Without a window the frame is
where the events are: a few far-off dates are left outside and counted at
the plot's edge (``figures.timeline_figure.robust_extent_of_rows``).  Every mistake the user can fix
(format, folder, size, date, actor name) prints one line and exits with 2;
the output file is written atomically, so it is either complete or untouched.
"""
from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime

from desktop_app.core.top_actors import DEFAULT_TOP

from .common import UsageError, fail, load_and_extract, parse_window_bound

_OPEN_START = datetime(1, 1, 1)
_OPEN_END = datetime(9999, 12, 31)


def add_parser(sub) -> None:
    p = sub.add_parser("export", help="export the timeline and/or network as PNG or SVG (headless)",
                       description="Documents in, a briefing-grade PNG or SVG figure out; needs no display.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="documents (.txt, .md, .html) or folders")
    p.add_argument("--out", required=True, metavar="FILE", help="output file: .png (image) or .svg (editable vector)")
    p.add_argument("--view", choices=("timeline", "network", "both"), default="timeline",
                   help="what to draw (default: timeline)")
    p.add_argument("--select", action="append", default=[], metavar="NAME",
                   help="show events involving this actor (name or alias; repeatable)")
    p.add_argument("--mode", choices=("any", "all"), default="any",
                   help="with several --select: events with any of them (default) or all of them")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="keep events overlapping this date or later")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="keep events overlapping this date or earlier")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--size", metavar="WxH", help="figure size in pixels at scale 1, e.g. 1600x900")
    size.add_argument("--preset", choices=("slide", "a4"),
                      help="slide: 1920x1080 px (16:9); a4: A4 landscape, 3508x2480 px at 300 dpi")
    p.add_argument("--scale", type=float, metavar="N", help="PNG pixel multiplier: 1, 2 or 3 (default 1; a4: 300 dpi)")
    p.add_argument("--title", default="", help="title printed above the figure")
    p.add_argument("--banner", default="", help="caveat or classification line, printed at top and bottom")
    p.add_argument("--dct", help="creation time for every document given (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--whole-extent", action="store_true",
                   help="frame the timeline where the events that pass the filters are, not on --from/--to "
                        "(a few far-off dates stay outside, counted at the plot's edge)")
    p.add_argument("--lanes", choices=("actors", "single"), default="actors",
                   help="one timeline lane per actor (default) or a single band")
    p.add_argument("--reports", choices=("grouped", "expanded"), default="grouped",
                   help="timeline: one mark per happening, sized and numbered by its independent sources "
                        "(default, as the app's 'Reports: grouped'), or one mark per report")
    p.add_argument("--only-active", action="store_true",
                   help="network: lay out only the actors that pass the filters, on their own "
                        "(as the app's 'Only active'), instead of in the whole corpus's picture")
    p.add_argument("--top-actors", type=int, default=DEFAULT_TOP, metavar="N",
                   help=f"network: a network of more actors shows its N most connected (and the selected ones), "
                        f"laid out on their own, as the app's 'Top N' (default {DEFAULT_TOP}; 0: every actor)")
    p.add_argument("--no-legend", action="store_true", help="leave out the legend")
    p.add_argument("--no-footnote", action="store_true", help="leave out the list of sources")


def _spec_from_args(args):
    """Everything that can be checked before the (slow) extraction, so mistakes fail fast."""
    from desktop_app.figures.spec import FigureSpec, SpecError, parse_size, with_preset

    try:
        spec = FigureSpec(view=args.view, mode=args.mode, title=args.title, banner=args.banner,
                          lanes=args.lanes, grouped=args.reports == "grouped", legend=not args.no_legend, footnote=not args.no_footnote,
                          network_layout="subset" if args.only_active else "whole", network_top=args.top_actors)
        if args.preset:
            spec = with_preset(spec, args.preset, args.scale)
        else:
            if args.size:
                w, h = parse_size(args.size)
                spec = replace(spec, width=w, height=h)
            if args.scale is not None:
                spec = replace(spec, scale=args.scale)
        lo = parse_window_bound(args.date_from, upper=False)
        hi = parse_window_bound(args.date_to, upper=True)
        if lo or hi:
            window = (lo or _OPEN_START, hi or _OPEN_END)
            if window[1] <= window[0]:
                raise UsageError(f"--to {args.date_to} is before --from {args.date_from}; swap them")
            spec = replace(spec, window=window)
            if lo and hi and not args.whole_extent:
                spec = replace(spec, time_range=window)
        return spec.validated()
    except SpecError as exc:
        raise UsageError(str(exc)) from None


def _resolve_actors(corpus, names):
    from desktop_app.core.query import resolve_names

    ids, missing = resolve_names(corpus, names)
    if missing:
        parts = []
        for name, close in missing:
            hint = f" (did you mean: {', '.join(close)}?)" if close else " (no similar name in these documents)"
            parts.append(f"{name!r}{hint}")
        raise UsageError("--select: no actor named " + "; ".join(parts))
    return ids


def run(args) -> int:
    from desktop_app.figures.export import ExportError, check_writable, export_figure, format_for

    try:
        format_for(args.out)
        check_writable(args.out)
        spec = _spec_from_args(args)
        corpus = load_and_extract(args.paths, args.dct)
        if spec.grouped and spec.view != "network":
            from desktop_app.core.happenings import with_happenings
            with_happenings(corpus)          # the app groups after loading too; the figure draws its happenings
        if args.select:
            spec = replace(spec, actors=frozenset(_resolve_actors(corpus, args.select)))
        info = export_figure(corpus, spec, args.out)
    except (UsageError, ExportError) as exc:
        return fail(str(exc))
    except MemoryError:
        return fail("not enough memory for a figure this large; lower --size or --scale")
    for message in info.messages:
        print(f"eventscope: note: {message}", file=sys.stderr)
    what = f"{info.events} events" + (f", {info.nodes} actors" if info.nodes else "")
    print(f"wrote {args.out} ({what}{', drawn as density' if info.dense else ''})")
    return 0
