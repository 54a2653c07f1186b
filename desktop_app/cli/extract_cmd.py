"""``eventscope extract``: documents in, one JSON object out.

The JSON carries ``documents``, ``timexes``, ``actors``, ``mentions``,
``events``, ``ties`` and ``errors`` (files skipped and why). With
``--select`` / ``--from`` / ``--to`` only the matching events, the ties among
them and the actors they involve are written, through the same filtering
code the GUI uses.
"""
from __future__ import annotations

import json
import os
import sys

from desktop_app.core.atomic import WriteError, write_text_atomic

from .common import UsageError, fail, load_and_extract, parse_window_bound


def add_parser(sub) -> None:
    p = sub.add_parser("extract", help="extract time expressions, actors, events and ties as JSON")
    p.add_argument("paths", nargs="+", metavar="PATH", help="documents (.txt, .md, .html) or folders")
    p.add_argument("--dct", help="creation time for every document given (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--json", default="-", metavar="OUT", help="output file, or - for standard output (default)")
    p.add_argument("--select", action="append", default=[], metavar="NAME",
                   help="keep events involving this actor (any alias; repeatable)")
    p.add_argument("--mode", choices=("any", "all"), default="any",
                   help="with several --select: events with any of them (default) or all of them")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="keep events overlapping this date or later")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="keep events overlapping this date or earlier")
    p.add_argument("--workers", type=int, default=1, help="processes for extraction (default 1; 0 = all cores)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run extraction on a Dask cluster (tcp://host:8786), or 'local' for a local cluster")


def _write(payload: dict, out: str) -> None:
    text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
    if out == "-":
        sys.stdout.write(text)
        return
    try:
        write_text_atomic(out, text)  # never leaves a half-written file where a good one was
    except WriteError as exc:
        raise UsageError(str(exc)) from None


def run(args) -> int:
    try:
        window = None
        lo = parse_window_bound(args.date_from, upper=False)
        hi = parse_window_bound(args.date_to, upper=True)
        if lo or hi:
            window = (lo, hi)
        workers = args.workers if args.workers > 0 else (os.cpu_count() or 1)
        corpus = load_and_extract(args.paths, args.dct, workers=workers, scheduler=args.scheduler)
        if args.select or window:
            from desktop_app.core.query import UnknownActorError, filtered_payload
            try:
                payload = filtered_payload(corpus, args.select, args.mode, window)
            except UnknownActorError as exc:
                raise UsageError(str(exc)) from None
        else:
            payload = corpus.to_json()
        _write(payload, args.json)
    except UsageError as exc:
        return fail(str(exc))
    return 0
