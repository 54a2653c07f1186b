"""A document's header lines: the few non-blank lines at its top, where a page copied as text or a
PDF without a creation date states when it was written ("Date: 9 November 2007", "Published:
September 16, 2013 | 9:36 am ET").

One owner for the two readers of such a line: ``pdf_text.first_date_line`` (a PDF's creation date when
its metadata has none) and ``core.happenings.header_dates`` (events dated by their page's header line,
whose date tells when the page was written).  Both scan the same top lines and accept the same labels
before the date.
"""
from __future__ import annotations

import re

# The words that may introduce a header's date ("Published:", "Last updated", "Datum:").
HEADER_LABELS = frozenset({"date", "dated", "published", "posted", "updated", "last", "datum", "дата"})
_LEADING_LABEL = re.compile(r"^\s*(?:last\s+)?(?:" + "|".join(sorted(HEADER_LABELS - {"last"})) + r")\b\s*[:.]?\s*",
                            re.I)


def top_lines(text: str, count: int, scan: int = 4000) -> list[tuple[int, int]]:
    """(start, end) offsets of the first ``count`` non-blank lines of ``text`` (within its first ``scan``
    characters, so a document of one endless line costs nothing)."""
    out, pos = [], 0
    for line in text[:scan].split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
            if len(out) == count:
                break
        pos += len(line) + 1
    return out


def without_label(line: str) -> str:
    """``line`` less a leading header label: "Date: 9 November 2007" -> "9 November 2007"."""
    return _LEADING_LABEL.sub("", line).strip()
