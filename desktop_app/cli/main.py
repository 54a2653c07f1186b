"""``eventscope``: open the app, or run extraction and export headlessly.

``eventscope [PATH ...]`` and ``eventscope open PATH ...`` start the desktop
app; ``extract`` and ``export`` need no display. Errors that are the user's
(bad paths, dates, options) print one clear line and exit with status 2.
"""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from desktop_app import __version__

SUBCOMMANDS = ("open", "extract", "export", "workspace", "chronology")


def _add_open(sub) -> None:
    p = sub.add_parser("open", help="open the desktop app on files, folders or a workspace")
    p.add_argument("paths", nargs="*", help="documents, folders or a .esw workspace")
    p.add_argument("--dct", help="creation time for every document given (YYYY-MM-DD, YYYY-MM or YYYY)")


def _command_modules() -> dict:
    """Subcommand name -> module with ``add_parser(subparsers)`` and ``run(args)``."""
    import importlib
    mods = {}
    for name in ("extract", "export", "workspace", "chronology"):
        try:
            mods[name] = importlib.import_module(f"desktop_app.cli.{name}_cmd")
        except ModuleNotFoundError as exc:
            if exc.name != f"desktop_app.cli.{name}_cmd":
                raise
    return mods


def build_parser(mods: dict) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eventscope", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"eventscope {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_open(sub)
    for mod in mods.values():
        mod.add_parser(sub)
    return parser


def _run_gui(paths: Sequence[str], dct: Optional[str]) -> int:
    from desktop_app.gui.app import run
    return run(list(paths), dct=dct)


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from desktop_app.core.memory import return_large_blocks_promptly
    return_large_blocks_promptly()    # before the big arrays: see core/memory.py
    # Bare paths mean "open these": the common case for a desktop app and for file managers.
    if argv and argv[0] not in SUBCOMMANDS and not argv[0].startswith("-"):
        argv = ["open", *argv]
    mods = _command_modules()
    args = build_parser(mods).parse_args(argv)
    if args.command in (None, "open"):
        return _run_gui(getattr(args, "paths", []) or [], getattr(args, "dct", None))
    try:
        return int(mods[args.command].run(args) or 0)
    except KeyboardInterrupt:
        print("eventscope: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (eventscope workspace info x.esw | head): nothing to report.
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    # `python -m desktop_app.cli.main` (what the helper notes and older docs use) must run the
    # CLI, not just import it and exit 0 silently.
    sys.exit(main())
