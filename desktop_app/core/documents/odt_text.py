"""Text of an OpenDocument ``.odt`` (LibreOffice): paragraphs, headings, list items, table rows.

Same approach as ``docx_text``: ``zipfile`` and ``defusedxml``, no extra
library. The creation time comes from ``meta.xml`` (``meta:creation-date``).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .dct import try_parse_dct
from .found import FormatError, Found
from .zip_parts import ZipParts

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"


def _inline(el) -> str:
    out = [el.text or ""]
    for child in el:
        if child.tag == TEXT + "s":
            out.append(" " * int(child.get(TEXT + "c", "1") or 1))
        elif child.tag == TEXT + "tab":
            out.append("\t")
        elif child.tag == TEXT + "line-break":
            out.append("\n")
        elif child.tag != TEXT + "note":     # footnote bodies would break the sentence they sit in
            out.append(_inline(child))
        out.append(child.tail or "")
    return "".join(out)


def _blocks(el, out: list[str]) -> None:
    for child in el:
        if child.tag in (TEXT + "p", TEXT + "h"):
            t = _inline(child).strip()
            if t:
                out.append(t)
        elif child.tag == TABLE + "table":
            rows = []
            for row in child.iter(TABLE + "table-row"):
                cells = [" ".join(_inline(p).strip() for p in cell.iter(TEXT + "p")).strip()
                         for cell in row.findall(TABLE + "table-cell")]
                if any(cells):
                    rows.append(" | ".join(cells))
            if rows:
                out.append("\n".join(rows))
        else:
            _blocks(child, out)


def read_odt(path: Path) -> Found:
    with ZipParts(path, "OpenDocument text") as parts:
        root = parts.xml("content.xml")
        meta = parts.xml("meta.xml", optional=True)
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise FormatError(f"{path.name}: is not an OpenDocument text (no office:text)")
    blocks: list[str] = []
    _blocks(body, blocks)
    text = "\n\n".join(blocks)
    if not text.strip():
        raise FormatError(f"{path.name}: has no text")
    title = dct = None
    if meta is not None:
        title = (meta.findtext(f".//{_DC}title") or "").strip() or None
        created = (meta.findtext(f".//{META}creation-date") or "").strip()
        dct = try_parse_dct(created) if created else None
    return Found(text=text, kind="odt", title=title, dct=dct, dct_source="odt-meta" if dct else None,
                 sha256=hashlib.sha256(path.read_bytes()).hexdigest())
