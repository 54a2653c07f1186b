"""The text layer of a PDF in reading order, as a document with page offsets.

pypdf (BSD-3-Clause, pure Python) reads the file; it was measured against
pdfminer.six on the same generated 300-page report and read it about seven
times faster with the same reading order (README, "Formats"). pypdf hands
each piece of text to a visitor with its position, and the layout is rebuilt
from those positions here:

* lines are grouped by their baseline, paragraphs split where the gap to the
  next line is clearly wider than the page's usual line spacing (or a short
  line ends a sentence);
* a word hyphenated at a line's end is joined ("organ-" + "ized"), and a
  paragraph that runs over a page break is joined across it;
* running headers and footers (a line at the top or bottom of most pages,
  digits ignored so "Page 3" matches "Page 4") and bare page numbers are
  dropped, so they neither reach the sentence splitter nor become actors.

``pages`` holds the offset where each page's text starts, so every mention
and event maps back to its page. Pages without a text layer (scans) are
listed rather than silently empty; a file with no text at all is an error.
"""
from __future__ import annotations

import hashlib
import logging
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import Optional

from ..tasks import TaskState, one_line, report
from .dct import try_parse_dct
from .found import FormatError, Found, checked_size
from .header_line import top_lines, without_label

# pypdf logs what it repairs ("EOF marker not found") as warnings; with no logging set up they would
# reach stderr beside the one-line message the user gets. An application that configures logging still sees them.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

# Larger files are nearly always scans or print masters; reading them would take minutes.
MAX_BYTES = 512 * 1024 * 1024
# More text than any report: the extraction downstream is sized for documents, not libraries.
MAX_CHARS = 40_000_000
_EDGE = 2     # lines at the top and at the bottom of a page that may be running heads

_PAGE_NUMBER = re.compile(r"^(?:page|p\.|seite|стр\.?)?\s*[-–—]?\s*(?:\d{1,5}|[ivxlc]{1,7})\s*[-–—]?"
                          r"(?:\s*(?:of|/|von|из)\s*\d{1,5})?$", re.I)
_SENTENCE_END = re.compile(r"[.!?:;”\"')\]]$")
_PDF_DATE = re.compile(r"^\s*(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?")


def pdf_date(raw: Optional[str]) -> Optional[tuple[str, str]]:
    """``D:20071109143000+06'00'`` as a TIMEX3 value at the precision written (here a minute)."""
    if not raw:
        return None
    m = _PDF_DATE.match(str(raw))
    if not m:
        return None
    y, mo, d, hh, mm = m.groups()
    iso = y + (f"-{mo}" if mo else "") + (f"-{d}" if mo and d else "")
    if mo and d and hh and mm:
        iso += f"T{hh}:{mm}"
    return try_parse_dct(iso)


def first_date_line(text: str, lines: int = 30) -> Optional[tuple[str, str]]:
    """The first short header line (``header_line``) that is nothing but a date ("Date: 9 November 2007")."""
    for a, b in top_lines(text, lines):
        s = without_label(text[a:b])
        if 4 <= len(s) <= 40 and re.search(r"\d{4}", s):
            parsed = try_parse_dct(s)
            if parsed:
                return parsed
    return None


class _Lines:
    """pypdf's visitor: pieces of text with their baseline, grouped into lines."""

    def __init__(self) -> None:
        self.lines: list[list] = []     # [y, text]
        self._y: Optional[float] = None

    def __call__(self, text, cm, tm, font_dict, font_size) -> None:
        if not text:
            return
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        parts = text.split("\n")
        for k, part in enumerate(parts):
            new_line = k > 0 or self._y is None or abs(y - self._y) > 2.0 or not self.lines
            if part == "" and k > 0:
                self._y = None      # an explicit break: the next piece starts a line
                continue
            if new_line:
                self.lines.append([y, part])
            else:
                self.lines[-1][1] += part
            self._y = y

    def result(self) -> list[tuple[float, str]]:
        out = []
        for y, t in self.lines:
            t = " ".join(t.split())
            if t:
                out.append((y, t))
        return out


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower()).strip()


def _drop_running(pages: list[list[tuple[float, str]]]) -> int:
    """Remove running headers/footers and page numbers in place; return how many lines went."""
    with_text = [p for p in pages if p]
    counts: Counter = Counter()
    for p in with_text:
        counts.update({_edge_key(t) for _, t in p[:_EDGE] + p[-_EDGE:]})
    # A line on the edge of most pages is a running head; two pages prove nothing.
    running = {k for k, c in counts.items() if len(with_text) >= 3 and c >= max(3, 0.5 * len(with_text))}
    dropped = 0
    for p in pages:
        n = len(p)
        keep = []
        for i, (y, t) in enumerate(p):
            edge = i < _EDGE or i >= n - _EDGE
            if edge and (_edge_key(t) in running or _PAGE_NUMBER.match(t)):
                dropped += 1
                continue
            keep.append((y, t))
        p[:] = keep
    return dropped


def _join(a: str, b: str) -> str:
    """Two lines of one paragraph; a word hyphenated at the break is made whole again."""
    if len(a) >= 2 and a[-1] in "-\u00ad" and a[-2].isalpha() and b[:1].islower():
        return a[:-1] + b
    return a + " " + b


def _paragraphs(lines: list[tuple[float, str]]) -> list[str]:
    if not lines:
        return []
    gaps = [a[0] - b[0] for a, b in zip(lines, lines[1:]) if a[0] - b[0] > 0.5]
    step = statistics.median(gaps) if gaps else 0.0
    width = statistics.median(len(t) for _, t in lines)
    paras = [lines[0][1]]
    for (y0, prev), (y1, cur) in zip(lines, lines[1:]):
        gap = y0 - y1
        wide_gap = step and gap > 1.5 * step
        column_jump = gap < -step if step else gap < 0
        short_end = len(prev) < 0.7 * width and _SENTENCE_END.search(prev)
        if wide_gap or column_jump or short_end:
            paras.append(cur)
        else:
            paras[-1] = _join(paras[-1], cur)
    return paras


def read_pdf(path: Path, task: Optional[TaskState] = None) -> Found:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError
    name = path.name
    checked_size(path, MAX_BYTES, "a PDF")
    try:
        data = path.read_bytes()
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            # Many PDFs are encrypted only to restrict printing: the empty user password opens them.
            if not reader.decrypt(""):
                raise FormatError(f"{name}: is protected by a password; save an unprotected copy and open that")
        n = len(reader.pages)
        meta = reader.metadata or {}
    except FormatError:
        raise
    except FileNotDecryptedError:
        raise FormatError(f"{name}: is protected by a password; save an unprotected copy and open that") from None
    except (PdfReadError, LimitReachedError, ValueError, KeyError, TypeError, OSError, RecursionError,
            NotImplementedError, DependencyError) as exc:
        raise FormatError(f"{name}: is not a readable PDF ({one_line(exc)})") from None
    pages: list[list[tuple[float, str]]] = []
    unreadable: list[int] = []
    chars = 0
    for i in range(n):
        report(task, i / max(1, n), f"Reading {name}: page {i + 1} of {n}")
        lines = _Lines()
        try:
            reader.pages[i].extract_text(visitor_text=lines)
        except LimitReachedError:
            raise FormatError(f"{name}: page {i + 1} holds a stream too large to read (a damaged or hostile file)") from None
        except Exception:   # noqa: BLE001 - one damaged page must not lose the rest of a report
            unreadable.append(i + 1)
        page = lines.result()
        chars += sum(len(t) + 1 for _, t in page)
        if chars > MAX_CHARS:
            raise FormatError(f"{name}: more than {MAX_CHARS // 1_000_000} million characters of text; split it")
        pages.append(page)
    report(task, 1.0, f"Read {name}")
    _drop_running(pages)
    text, starts = _assemble(pages)
    empty = [i + 1 for i, p in enumerate(pages) if not p]
    if not text.strip():
        raise FormatError(f"{name}: none of its {n} page(s) has a text layer (a scan?); run OCR on it first")
    found = Found(text=text, kind="pdf", pages=starts, sha256=hashlib.sha256(data).hexdigest())
    title = str(meta.get("/Title") or "").strip()
    found.title = title or None
    found.dct = pdf_date(meta.get("/CreationDate"))
    if found.dct:
        found.dct_source = "pdf-meta"
    else:
        found.dct = first_date_line(text)
        found.dct_source = "first-date-line" if found.dct else None
    if empty:
        found.layout["no_text_pages"] = empty
        found.warnings.append(f"{name}: page(s) {_ranges(empty)} of {n} have no text layer (scanned?); "
                              f"their text is missing")
    if unreadable:
        found.warnings.append(f"{name}: page(s) {_ranges(unreadable)} could not be read")
    return found


def _ranges(nums: list[int]) -> str:
    out, start = [], None
    for k, v in enumerate(nums):
        if start is None:
            start = v
        if k + 1 == len(nums) or nums[k + 1] != v + 1:
            out.append(str(start) if start == v else f"{start}-{v}")
            start = None
    return ", ".join(out)


def _assemble(pages: list[list[tuple[float, str]]]) -> tuple[str, list[int]]:
    """Page paragraphs into one text; a paragraph broken by the page turn is joined across it."""
    parts: list[str] = []
    length = 0
    starts: list[int] = []
    blank: list[int] = []       # pages without text start where the next text does
    for page in pages:
        paras = _paragraphs(page)
        if not paras:
            blank.append(len(starts))
            starts.append(-1)
            continue
        first = paras[0]
        after_blank = bool(blank) and blank[-1] == len(starts) - 1
        if parts and not after_blank and not _SENTENCE_END.search(parts[-1]) and first[:1].islower():
            joined = _join(parts[-1], first)
            # The page starts where its first line's text begins in the joined paragraph.
            start = length - len(parts[-1]) + len(joined) - len(first)
            length += len(joined) - len(parts[-1])
            parts[-1] = joined
            starts.append(start)
            paras = paras[1:]
        else:
            starts.append(length + (2 if parts else 0))
        for p in paras:
            if parts:
                parts.append("\n\n")
                length += 2
            parts.append(p)
            length += len(p)
    for k in reversed(blank):
        starts[k] = starts[k + 1] if k + 1 < len(starts) else length
    return "".join(parts), starts
