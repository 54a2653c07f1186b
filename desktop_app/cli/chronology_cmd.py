"""``eventscope chronology``: the key events of a corpus as a dated list (JSON or Markdown).

The same core as the app's "Key events" (core/happenings): happenings grouped after extraction,
days ranked by how many documents refer to them (more from later days) and publish on them, and
for each day the sentences most central among those about it, each traced to its happenings.

``eventscope chronology study.esw`` reads a workspace instead: the corrected corpus with the
analyst's edits and happening merges and splits, as the app's Key events panel shows it,
without extracting again.
"""
from __future__ import annotations

import json
import sys

from desktop_app.core.atomic import WriteError, write_text_atomic

from .common import UsageError, fail, load_and_extract


def add_parser(sub) -> None:
    p = sub.add_parser("chronology", help="the key events as a dated list: at most T dates, N lines a date")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="documents (.txt, .md, .html) or folders, or one workspace (.esw)")
    p.add_argument("--dates", type=int, metavar="T", help="at most T dates (default: every date with a line)")
    p.add_argument("--per-date", type=int, default=3, metavar="N", help="at most N summary lines a date (default 3)")
    p.add_argument("--dct", help="creation time for every document given (YYYY-MM-DD, YYYY-MM or YYYY)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", metavar="OUT", help="write JSON to OUT (- for standard output; the default)")
    out.add_argument("--md", metavar="OUT", help="write Markdown to OUT (- for standard output)")
    p.add_argument("--workers", type=int, default=1, help="processes for extraction (default 1)")


def _write(text: str, out: str) -> None:
    if out == "-":
        sys.stdout.write(text)
        return
    try:
        write_text_atomic(out, text)
    except WriteError as exc:
        raise UsageError(str(exc)) from None


def run(args) -> int:
    from desktop_app.core.happenings import with_happenings
    from desktop_app.core.happenings.chronology import chronology, chronology_markdown
    from desktop_app.core.workspace import WorkspaceError
    try:
        if args.dates is not None and args.dates < 1:
            raise UsageError("--dates must be 1 or more")
        if args.per_date < 1:
            raise UsageError("--per-date must be 1 or more")
        corpus = _workspace_corpus(args) or \
            with_happenings(load_and_extract(args.paths, args.dct, workers=max(1, args.workers)))
        entries = chronology(corpus, corpus.happenings, args.dates, args.per_date)
        if args.md:
            _write(chronology_markdown(entries), args.md)
        else:
            payload = {"chronology": [e.to_json() for e in entries]}
            _write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", args.json or "-")
    except (UsageError, WorkspaceError) as exc:
        return fail(str(exc))
    return 0


def _workspace_corpus(args):
    """The corrected corpus of a workspace given alone (with its corrected happenings), else None."""
    from desktop_app.core.workspace import SUFFIX
    spaces = [p for p in args.paths if p.lower().endswith(SUFFIX)]
    if not spaces:
        return None
    if len(args.paths) > 1:
        raise UsageError(f"a workspace is read alone: eventscope chronology {spaces[0]}")
    if args.dct:
        raise UsageError("--dct does not apply to a workspace; correct creation times in the app")
    from .workspace_cmd import open_workspace
    ws = open_workspace(spaces[0], write=False)
    corpus = ws.corpus
    corpus.happenings = ws.happenings          # the extraction's, with the analyst's merges and splits
    return corpus
