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
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="documents (.txt, .md, .html, .pdf, .docx, .odt, .eml, .mbox), event tables (.csv, .xlsx) "
                        "or folders")
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
    t = p.add_argument_group("event tables (.csv, .xlsx)", "known layouts such as ACLED's are read with no options; "
                             "for others name the columns, or give a mapping file")
    t.add_argument("--table-map", metavar="FILE",
                   help='JSON mapping: {"date": COL, "end_date": COL, "actors": [COL, ...], "place": COL, '
                        '"label": COL, "source": COL, "notes": COL}')
    t.add_argument("--date-col", metavar="COL", help="column with the event's date")
    t.add_argument("--end-col", metavar="COL", help="column with the date it ended")
    t.add_argument("--actor-col", action="append", default=[], metavar="COL",
                   help="column naming an actor (repeatable; the first is the agent, the second the target)")
    for opt, what in (("place", "where it happened"), ("label", "what happened (a short label)"),
                      ("source", "who reported it"), ("notes", "a description")):
        t.add_argument(f"--{opt}-col", metavar="COL", help=f"column with {what}")


def table_map_from_args(args):
    """The ``TableMap`` the options give, or None to rely on known layouts."""
    from desktop_app.core.documents.table_mapping import TableMap, load_table_map
    from desktop_app.core.documents.found import FormatError
    cols = {"end_date": args.end_col, "actors": args.actor_col, "place": args.place_col, "label": args.label_col,
            "source": args.source_col, "notes": args.notes_col}
    given = {k: v for k, v in cols.items() if v}
    try:
        if args.table_map:
            if args.date_col or given:
                raise UsageError("give either --table-map or the --*-col options, not both")
            return load_table_map(args.table_map)
        if args.date_col:
            return TableMap.from_json({"date": args.date_col, **given}, "options")
    except FormatError as exc:
        raise UsageError(f"--table-map: {exc}" if args.table_map else str(exc)) from None
    if given:
        raise UsageError("--date-col is needed with the other --*-col options")
    return None


def _write(payload: dict, out: str) -> None:
    text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
    if out == "-":
        sys.stdout.write(text)
        return
    try:
        write_text_atomic(out, text)  # never leaves a half-written file where a good one was
    except WriteError as exc:
        raise UsageError(str(exc)) from None


def add_pages(payload: dict, corpus) -> None:
    """The page of every span in a paged document (PDF): provenance an analyst can look up."""
    paged = {d.id: d for d in corpus.documents if d.pages}
    if not paged:
        return
    for key in ("timexes", "mentions", "events"):
        for item in payload.get(key, ()):
            d = paged.get(item.get("doc"))
            if d is not None:
                item["page"] = d.page_at(item["start"])


def run(args) -> int:
    try:
        window = None
        lo = parse_window_bound(args.date_from, upper=False)
        hi = parse_window_bound(args.date_to, upper=True)
        if lo or hi:
            window = (lo, hi)
        workers = args.workers if args.workers > 0 else (os.cpu_count() or 1)
        corpus = load_and_extract(args.paths, args.dct, workers=workers, scheduler=args.scheduler,
                                  table_map=table_map_from_args(args))
        if args.select or window:
            from desktop_app.core.query import UnknownActorError, filtered_payload
            try:
                payload = filtered_payload(corpus, args.select, args.mode, window)
            except UnknownActorError as exc:
                raise UsageError(str(exc)) from None
        else:
            payload = corpus.to_json()
        add_pages(payload, corpus)
        _write(payload, args.json)
    except UsageError as exc:
        return fail(str(exc))
    return 0
