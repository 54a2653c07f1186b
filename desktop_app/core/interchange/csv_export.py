"""Events, actors and ties as CSV files a spreadsheet opens correctly.

Choices, for Excel above all because that is where analysts open CSV:

* UTF-8 **with a byte-order mark** by default: without it Excel reads the
  file in the local ANSI code page and garbles every accented name.  Pass
  ``excel=False`` for tools that choke on a BOM (it also turns off the next
  point); Python's ``utf-8-sig`` and pandas read the BOM either way.
* RFC 4180 quoting: fields with commas, quotes or line breaks are quoted,
  quotes doubled, rows end with CRLF.
* Text that starts with ``= + - @`` (or a tab/CR) gets a leading apostrophe
  in Excel mode, so a sentence can never run as a formula (CSV injection).
  Numbers are written as numbers and never touched.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Iterable, Sequence

from desktop_app.core.interchange.errors import write_atomic
from desktop_app.core.interchange.tables import (
    ACTOR_COLUMNS, EVENT_COLUMNS, TIE_COLUMNS, actor_rows, event_rows, tie_rows,
)
from desktop_app.core.model import Corpus

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(path: str | os.PathLike, header: Sequence[str], rows: Iterable[list], excel: bool = True) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as f:
            w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            w.writerow(header)
            for row in rows:
                w.writerow([_defuse(v) for v in row] if excel else row)

    write_atomic(path, write)


def export_events_csv(corpus: Corpus, path: str | os.PathLike, excel: bool = True) -> None:
    write_csv(path, EVENT_COLUMNS, event_rows(corpus), excel)


def export_actors_csv(corpus: Corpus, path: str | os.PathLike, excel: bool = True) -> None:
    write_csv(path, ACTOR_COLUMNS, actor_rows(corpus), excel)


def export_ties_csv(corpus: Corpus, path: str | os.PathLike, excel: bool = True) -> None:
    write_csv(path, TIE_COLUMNS, tie_rows(corpus), excel)
