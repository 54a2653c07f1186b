"""What the headless commands share: loading a corpus and reporting user errors."""
from __future__ import annotations

import os
import sys
from datetime import datetime
from typing import Optional, Sequence

from desktop_app.core.documents import DctError, dct_interval, load_paths
from desktop_app.core.model import Corpus


class UsageError(Exception):
    """The user's mistake; printed as one line, exit status 2."""


def fail(message: str) -> int:
    print(f"eventscope: {message}", file=sys.stderr)
    return 2


def warn(message: str) -> None:
    print(f"eventscope: warning: {message}", file=sys.stderr)


def parse_window_bound(text: Optional[str], upper: bool) -> Optional[datetime]:
    """``--from`` / ``--to``: a date at any precision; ``--to 2007-11`` includes all of November."""
    if text is None:
        return None
    try:
        interval = dct_interval(text)
    except DctError as exc:
        raise UsageError(f"{'--to' if upper else '--from'}: {exc}") from None
    return interval.end if upper else interval.start


def load_and_extract(paths: Sequence[str], dct: Optional[str], workers: int = 1,
                     scheduler: Optional[str] = None, table_map=None) -> Corpus:
    """The same load-then-extract path the GUI runs, with skipped files reported on stderr."""
    for p in paths:
        if not os.path.exists(p):
            raise UsageError(f"{p}: no such file or folder")
    try:
        documents, errors = load_paths(paths, dct_override=dct, table_map=table_map)
    except DctError as exc:
        raise UsageError(f"--dct: {exc}") from None
    for e in errors:
        warn(e["message"] if e.get("warning") else f"skipped {e['message']}")
    if not documents:
        raise UsageError("no readable documents in " + ", ".join(paths))
    if scheduler:
        try:
            from desktop_app.core.distributed import ClusterError, extract_on_cluster
        except ImportError as exc:
            raise UsageError(f"--scheduler needs Dask distributed ({exc}); install eventscope[cluster]") from None
        try:
            corpus = extract_on_cluster(documents, scheduler=None if scheduler == "local" else scheduler)
        except (ClusterError, OSError, TimeoutError) as exc:
            raise UsageError(f"--scheduler {scheduler}: {exc}; check the address "
                             f"(tcp://HOST:8786) and that the scheduler is running") from None
    else:
        from desktop_app.core.pipeline import extract_corpus
        corpus = extract_corpus(documents, workers=workers)
    corpus.errors = list(errors) + list(corpus.errors)
    return corpus
