"""Text of a Word ``.docx``: body paragraphs and tables, headers and footers kept apart.

Read with the standard library's ``zipfile`` and ``defusedxml`` rather than
python-docx: python-docx would add lxml (a C library, about 5 MB) to the
bundle for the few elements needed here, and defusedxml is already how
Eventscope reads XML from outside. Tables become one line per row, cells
separated by " | ", so a sentence in a cell stays a sentence. Running headers
and footers are not body text (they would repeat the letterhead on every
page); they are kept in the document's layout for the document view.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .dct import try_parse_dct
from .found import FormatError, Found
from .zip_parts import ZipParts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"


def _paragraph(p) -> str:
    out = []
    for el in p.iter():
        if el.tag == W + "t" and el.text:
            out.append(el.text)
        elif el.tag == W + "tab":
            out.append("\t")
        elif el.tag in (W + "br", W + "cr"):
            out.append("\n")
    return "".join(out).strip()


def _table(tbl) -> list[str]:
    rows = []
    for tr in tbl.findall(W + "tr"):     # direct rows: a nested table is text of its cell
        cells = []
        for tc in tr.findall(W + "tc"):
            cells.append(" ".join(t for t in (_paragraph(p) for p in tc.iter(W + "p")) if t))
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def body_blocks(body) -> list[str]:
    """Paragraphs and table rows of a ``w:body`` in document order."""
    blocks: list[str] = []
    for el in body:
        if el.tag == W + "p":
            t = _paragraph(el)
            if t:
                blocks.append(t)
        elif el.tag == W + "tbl":
            rows = _table(el)
            if rows:
                blocks.append("\n".join(rows))
        elif el.tag == W + "sdt":   # content controls wrap ordinary paragraphs
            content = el.find(W + "sdtContent")
            if content is not None:
                blocks.extend(body_blocks(content))
    return blocks


def core_properties(parts: ZipParts, path: str = "docProps/core.xml") -> tuple:
    """``(title, (dct value, precision) or None)`` from the OOXML core properties."""
    core = parts.xml(path, optional=True)
    if core is None:
        return None, None
    title = (core.findtext(_DC + "title") or "").strip() or None
    created = (core.findtext(_DCTERMS + "created") or "").strip()
    return title, try_parse_dct(created) if created else None


def read_docx(path: Path) -> Found:
    with ZipParts(path, "Word document") as parts:
        root = parts.xml("word/document.xml")
        body = root.find(W + "body")
        if body is None:
            raise FormatError(f"{path.name}: its document.xml has no body")
        text = "\n\n".join(body_blocks(body))
        headers = [t for n in sorted(parts.names) if n.startswith("word/header") and n.endswith(".xml")
                   for t in ["\n".join(_paragraph(p) for p in parts.xml(n).iter(W + "p")).strip()] if t]
        footers = [t for n in sorted(parts.names) if n.startswith("word/footer") and n.endswith(".xml")
                   for t in ["\n".join(_paragraph(p) for p in parts.xml(n).iter(W + "p")).strip()] if t]
        title, dct = core_properties(parts)
    if not text.strip():
        raise FormatError(f"{path.name}: has no text in its body")
    found = Found(text=text, kind="docx", title=title, dct=dct, dct_source="docx-core" if dct else None,
                  sha256=hashlib.sha256(path.read_bytes()).hexdigest())
    if headers:
        found.layout["headers"] = list(dict.fromkeys(headers))
    if footers:
        found.layout["footers"] = list(dict.fromkeys(footers))
    return found
