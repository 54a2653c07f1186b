"""Tables of events (``.csv``, ``.tsv``, ``.xlsx``) read through a column mapping.

An analyst's spreadsheet or a downloaded event dataset (ACLED and the like)
already says what happened, when, and who took part; its rows become events
of the same model as extracted ones, so they share the timeline, network,
filters and exports. A table becomes one document whose text is one line per
row, starting "Row N of FILE", so every event's sentence *is* its provenance
and the document view shows the row; the structured fields of each row (its
date, the spans of its actors, place and source in that line) are kept in the
document's layout, and ``table_extraction`` turns them into the pipeline's
per-document result without running the text extractors over it.

Which column holds what is a ``TableMap`` (``table_mapping``); a cell may
list several actors, separated by ";".
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..tasks import TaskState, report
from .dct import try_parse_dct
from .decoding import DecodeError, decode
from .found import FormatError, Found, checked_size
from .table_mapping import TableMap, preset_for

MAX_BYTES = 256 * 1024 * 1024
MAX_ROWS = 1_000_000


# -- reading rows ---------------------------------------------------------------------

def _csv_rows(path: Path, head: bool = False) -> Iterator[list[str]]:
    if head:
        # The header and a preview, in the UI thread: the first 256 KB, cut at a line end.
        with open(path, "rb") as f:
            data = f.read(256 * 1024)
        if len(data) == 256 * 1024 and b"\n" in data:
            data = data[:data.rindex(b"\n") + 1]
    else:
        data = path.read_bytes()
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        raise FormatError(f"{path.name}: {exc}") from None
    # Not UTF-8 as a whole, yet holding UTF-8 letters: two encodings pasted together. Any single
    # guess garbles half the names, which would then become wrong actors, so refuse instead.
    if "replaced" in encoding or (encoding not in ("utf-8", "utf-8-sig", "utf-16", "ascii")
                                  and _UTF8_LETTER.search(data)):
        bad = _first_bad_byte(data)
        raise FormatError(f"{path.name}: mixes text encodings (a byte at offset {bad} is not valid); "
                          "save it again as UTF-8")
    sample = text[:64_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
    csv.field_size_limit(10_000_000)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), dialect)
    except csv.Error as exc:
        raise FormatError(f"{path.name}: is not a readable table ({exc})") from None


_UTF8_LETTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


def _first_bad_byte(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    from .zip_parts import MAX_PART, ZipParts
    with ZipParts(path, "Excel workbook") as parts:
        # zipfile never inflates a member past its declared size, so the directory bounds the work.
        total = sum(i.file_size for i in parts.zip.infolist())
        if total > 4 * MAX_PART:
            raise FormatError(f"{path.name}: inflates to {total / 2**20:.0f} MB (a zip bomb or a huge workbook); not read")
        big = max((i for i in parts.zip.infolist()), key=lambda i: i.file_size, default=None)
        if big is not None and big.file_size > 2 * MAX_PART:
            raise FormatError(f"{path.name}: {big.filename} inflates to {big.file_size / 2**20:.0f} MB; not read")
    from openpyxl import load_workbook
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged workbook
        raise FormatError(f"{path.name}: is not a readable Excel workbook ({type(exc).__name__}: "
                          f"{str(exc)[:100]})") from None
    try:
        ws = wb.worksheets[0] if wb.worksheets else None
        if ws is None:
            raise FormatError(f"{path.name}: has no worksheet")
        try:
            for row in ws.iter_rows(values_only=True):
                yield ["" if v is None else _cell_text(v) for v in row]
        except FormatError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise FormatError(f"{path.name}: a worksheet cannot be read ({type(exc).__name__})") from None
    finally:
        wb.close()


def _cell_text(v) -> str:
    from datetime import date, datetime
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%dT%H:%M") if (v.hour or v.minute) else v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def table_rows(path: Path, head: bool = False) -> Iterator[list[str]]:
    """Rows of the first sheet as text cells, the header first (``head``: only the start of a CSV)."""
    checked_size(path, MAX_BYTES, "a table")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_rows(path)
    return _csv_rows(path, head)


def table_header(path: Path, preview: int = 0) -> tuple[list[str], list[list[str]]]:
    """The header and the first ``preview`` rows (for the import dialog)."""
    rows = table_rows(path, head=True)
    header: list[str] = []
    for r in rows:
        if any(c.strip() for c in r):
            header = [c.strip() for c in r]
            break
    if not header:
        raise FormatError(f"{path.name}: is empty")
    first = []
    for r in rows:
        if len(first) >= preview:
            break
        if any(c.strip() for c in r):
            first.append(r)
    return header, first


def mapping_for(path: Path, given: Optional[TableMap] = None) -> tuple[TableMap, Optional[str], list[str]]:
    """The mapping to read ``path`` with: the given one, else a known layout; ``(map, preset, header)``."""
    header, _ = table_header(path)
    if given is not None:
        return given, None, header
    known = preset_for(header)
    if known is None:
        shown = ", ".join(header[:12]) + (", …" if len(header) > 12 else "")
        raise FormatError(f"{path.name}: unknown table layout (columns: {shown}); give a mapping "
                          f"(eventscope extract --table-map FILE, or --date-col and --actor-col)")
    return known[1], known[0], header


def _date(cell: str) -> Optional[tuple[str, str]]:
    s = cell.strip()
    if not s:
        return None
    if re.fullmatch(r"\d{8}", s):           # GDELT's 20200103
        s = f"{s[:4]}-{s[4:6]}-{s[6:]}"
    return try_parse_dct(s)


def _split_names(cell: str) -> list[str]:
    return [n.strip() for n in cell.split(";") if n.strip()]


def read_table(path: Path, mapping: Optional[TableMap] = None, task: Optional[TaskState] = None) -> Found:
    """The table as one document of "Row N of FILE" lines with its rows' fields in ``layout``."""
    tmap, preset, header = mapping_for(path, mapping)
    missing = [c for c in tmap.columns() if c not in header]
    if missing:
        raise FormatError(f"{path.name}: no column named {', '.join(repr(c) for c in missing)} "
                          f"(it has: {', '.join(header[:20])})")
    idx = {h: i for i, h in enumerate(header)}
    name = path.name
    lines: list[str] = []
    records: list[dict] = []
    length = 0
    undated = 0
    size = max(1, path.stat().st_size)
    rows = table_rows(path)
    seen_header = False
    for rowno, row in enumerate(rows, 1):
        if not seen_header:
            seen_header = any(c.strip() for c in row)
            continue
        if not any(c.strip() for c in row):
            continue
        if len(records) >= MAX_ROWS:
            raise FormatError(f"{name}: more than {MAX_ROWS:,} rows; split the table")
        if rowno % 2000 == 0:
            report(task, min(0.99, length / size), f"Reading {name}: row {rowno}")

        def cell(col):
            if not col:
                return ""
            i = idx[col]
            return " ".join(str(row[i]).split()) if i < len(row) else ""
        rec: dict = {"row": rowno}
        line = f"Row {rowno} of {name}: "
        date_text = cell(tmap.date)
        end_text = cell(tmap.end_date)
        d, e = _date(date_text), _date(end_text)
        if d is None:
            undated += 1
        # Lists, not tuples: the layout must read back from JSON (workspace, export) exactly as it was.
        rec["date"], rec["end"], rec["date_text"] = (list(d) if d else None), (list(e) if e else None), date_text or None
        line += date_text or "(no date)"
        if end_text and end_text != date_text:
            line += f" to {end_text}"
        label = cell(tmap.label)
        line += ". " + (label + ". " if label else "")
        spans: list[list[int]] = []
        for k, col in enumerate(tmap.actors):
            names = _split_names(cell(col))
            if not names:
                continue
            for n in names:
                if spans:
                    line += "; "
                spans.append([length + len(line), length + len(line) + len(n), k])
                line += n
        if spans:
            line += ". "
        place = cell(tmap.place)
        if place:
            line += "In "
            rec["place"] = [length + len(line), length + len(line) + len(place)]
            line += place + ". "
        notes = cell(tmap.notes)
        if notes:
            line += notes + (" " if notes.endswith((".", "!", "?")) else ". ")
        source = cell(tmap.source)
        if source:
            line += "Source: "
            rec["source"] = [length + len(line), length + len(line) + len(source)]
            line += source + "."
        line = line.rstrip()
        rec["span"] = [length, length + len(line)]
        rec["actors"] = spans
        rec["label"] = label or _short_label(notes) or (f"row {rowno}")
        records.append(rec)
        lines.append(line)
        length += len(line) + 1
    if not records:
        raise FormatError(f"{name}: has a header but no rows")
    report(task, 1.0, f"Read {len(records)} rows of {name}")
    found = Found(text="\n".join(lines), kind="table", title=name,
                  sha256=hashlib.sha256(path.read_bytes()).hexdigest())
    found.layout.update(rows=records, columns=header, mapping=tmap.to_json(), preset=preset)
    if undated:
        found.warnings.append(f"{name}: {undated} of {len(records)} rows have no readable date "
                              f"in column {tmap.date!r}; they are undated facts")
    return found


def _short_label(notes: str) -> str:
    s = re.split(r"(?<=[.!?])\s", notes, 1)[0] if notes else ""
    return s[:80]


def records(layout: Optional[dict]) -> Iterable[dict]:
    return (layout or {}).get("rows") or ()
