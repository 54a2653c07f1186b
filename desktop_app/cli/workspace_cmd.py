"""``eventscope workspace``: create, grow, inspect, re-extract and convert workspaces headlessly.

    eventscope workspace create study.esw articles/ [--dct 2007-11]
    eventscope workspace add study.esw more/          # duplicates by content are skipped and reported
    eventscope workspace info study.esw
    eventscope workspace reextract study.esw           # e.g. after upgrading Eventscope; edits are kept
    eventscope workspace export study.esw --format gexf --out network.gexf
    eventscope workspace import study.json --out study.esw

``add`` and ``reextract`` take the workspace's lock and stop with one line
when another Eventscope has it open; ``info`` and ``export`` only read, so
they open it read-only and work meanwhile.
"""
from __future__ import annotations

import os
from pathlib import Path

from .common import UsageError, fail, warn


def add_parser(sub) -> None:
    from desktop_app.core.interchange import EXPORTS
    p = sub.add_parser("workspace", help="create, extend, inspect and export workspaces (.esw)",
                       description=__doc__.split("\n\n")[0])
    ops = p.add_subparsers(dest="op", metavar="OPERATION", required=True)
    c = ops.add_parser("create", help="a new workspace from documents")
    c.add_argument("workspace")
    c.add_argument("paths", nargs="*", metavar="PATH")
    c.add_argument("--dct", help="creation time for every document given (YYYY-MM-DD, YYYY-MM or YYYY)")
    a = ops.add_parser("add", help="add documents to a workspace and re-extract")
    a.add_argument("workspace")
    a.add_argument("paths", nargs="+", metavar="PATH")
    a.add_argument("--dct", help="creation time for every document given")
    i = ops.add_parser("info", help="what a workspace holds")
    i.add_argument("workspace")
    r = ops.add_parser("reextract", help="extract again and replay the edits")
    r.add_argument("workspace")
    e = ops.add_parser("export", help="write the corrected data as CSV, GraphML, GEXF or JSON")
    e.add_argument("workspace")
    e.add_argument("--format", required=True, choices=sorted(EXPORTS))
    e.add_argument("--out", required=True, metavar="FILE")
    e.add_argument("--no-bom", action="store_true", help="CSV without the byte-order mark Excel needs")
    m = ops.add_parser("import", help="a workspace from Eventscope workspace JSON")
    m.add_argument("json")
    m.add_argument("--out", required=True, metavar="WORKSPACE")


def open_workspace(path: str, write: bool):
    """The workspace at ``path``; a locked one (when writing) or a damaged one stops with one line."""
    from desktop_app.core.workspace import Workspace, WorkspaceLocked
    try:
        ws = Workspace.open(path, read_only=not write)
    except WorkspaceLocked as exc:
        who = exc.holder.describe() if exc.holder is not None else "another process"
        raise UsageError(f"{Path(path).name} is open in another Eventscope ({who}); close it there first "
                         "('workspace info' and 'workspace export' only read and work meanwhile)") from None
    if ws.pending_recovery_file() is not None:
        warn(f"{Path(path).name} has unsaved work from a session that stopped; open it in the app to recover it")
    return ws


def _load(ws, paths, dct) -> None:
    from desktop_app.core.documents import DctError, load_paths
    try:
        docs, errors = load_paths(paths, dct_override=dct)
    except DctError as exc:
        raise UsageError(f"--dct: {exc}") from None
    for e in errors:
        warn(f"skipped {e['message']}")
    result = ws.add_documents(docs)
    for message in result.messages():
        warn(message)
    print(f"added {len(result.added)} document(s)")


def _extract(ws) -> None:
    from desktop_app.core.pipeline import extract_corpus
    r = ws.reextract(extract_corpus)
    for s in r.skipped:
        warn(f"edit {s.index + 1} ({s.edit.label}) no longer applies: {s.reason}")


def _info(ws) -> None:
    c, base = ws.corpus, ws.extraction
    print(f"workspace   {ws.path}")
    print(f"documents   {len(c.documents)}")
    print(f"events      {len(c.events)} ({_dated(c)} dated; {len(base.events)} extracted)")
    print(f"actors      {len(c.actors)} ({len(base.actors)} extracted)")
    print(f"ties        {len(c.ties)}")
    print(f"edits       {len(ws.stack.edits)} applied, {len(ws.stack.redoable)} undone, "
          f"{len(ws.replayed.skipped)} no longer applying, {len(ws.notes)} notes")
    stale = ws.stale_documents()
    if stale:
        print(f"stale       {len(stale)} document(s) await extraction: run 'eventscope workspace reextract'")


def run(args) -> int:
    from desktop_app.core.interchange import InterchangeError, export_actors_csv, export_events_csv
    from desktop_app.core.interchange import export as export_kind, import_workspace_json
    from desktop_app.core.interchange import export_ties_csv
    from desktop_app.core.workspace import Workspace, WorkspaceError
    try:
        if args.op == "create":
            if os.path.exists(args.workspace):
                raise UsageError(f"{args.workspace} already exists; use 'workspace add' to extend it")
            ws = Workspace()
            if args.paths:
                _load(ws, args.paths, args.dct)
                _extract(ws)
            print(f"saved {ws.save(args.workspace)}")
        elif args.op == "add":
            ws = open_workspace(args.workspace, write=True)
            _load(ws, args.paths, args.dct)
            if ws.stale_documents():
                _extract(ws)
            ws.save()
        elif args.op == "info":
            _info(open_workspace(args.workspace, write=False))
        elif args.op == "reextract":
            ws = open_workspace(args.workspace, write=True)
            _extract(ws)
            ws.save()
        elif args.op == "export":
            ws = open_workspace(args.workspace, write=False)
            if args.no_bom and args.format.endswith("_csv"):
                writer = {"events_csv": export_events_csv, "actors_csv": export_actors_csv,
                          "ties_csv": export_ties_csv}[args.format]
                writer(ws.corpus, args.out, excel=False)
            else:
                export_kind(args.format, ws, args.out)
            print(f"wrote {args.out}")
        elif args.op == "import":
            if os.path.exists(args.out):
                raise UsageError(f"{args.out} already exists; choose another name")
            ws = Workspace(import_workspace_json(args.json))
            print(f"saved {ws.save(args.out)}")
    except (UsageError, WorkspaceError, InterchangeError) as exc:
        return fail(str(exc))
    return 0


def _dated(corpus) -> int:
    """Dated events, from the store's column when the corpus is columnar (no object per event)."""
    from desktop_app.core.store import EventStore
    ev = corpus.events
    return int(ev.dated.sum()) if isinstance(ev, EventStore) else sum(e.dated for e in ev)
