"""Files that are not plain text: which reader takes which suffix, and ``Document`` objects from what they found.

``loader`` reads text, Markdown and HTML itself and hands every suffix in
``SUFFIXES`` to ``load_format``. One file may give several documents (an
mbox's messages, a message's attachments); they share the file's path and
get ids ``NAME-m2``, ``NAME-m2-a1``, with ``parent`` naming the message an
attachment came with. The creation time follows one order for every kind:
``--dct`` (or the app's dialog), then a sidecar ``NAME.EXT.meta.json``, then
what the file itself says (PDF ``/CreationDate`` or its first date line,
Word and OpenDocument core properties, the e-mail ``Date`` header).
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional

from ..model import Document
from ..tasks import Cancelled, TaskState
from .dct import DctError, parse_dct, try_parse_dct
from .decoding import DecodeError, decode
from .table_mapping import TableMap
from .found import FormatError, Found
from .html_text import extract_html
from .sidecar import SidecarError, read_sidecar

SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".odt": "odt", ".eml": "email", ".mbox": "mbox",
            ".csv": "table", ".tsv": "table", ".xlsx": "table", ".graphml": "network", ".gexf": "network"}
# What an e-mail attachment may be to be read as a document of its own.
ATTACHABLE = {".pdf", ".docx", ".odt", ".eml", ".txt", ".md", ".html", ".htm"}
TABLE_SUFFIXES = {s for s, k in SUFFIXES.items() if k == "table"}
_ATTACHED_TEXT_MAX = 64 * 1024 * 1024


def _attached_text(path: Path) -> list[Found]:
    data = path.read_bytes()
    if len(data) > _ATTACHED_TEXT_MAX:
        raise FormatError(f"{path.name}: too large")
    try:
        text, _ = decode(data)
    except DecodeError as exc:
        raise FormatError(f"{path.name}: {exc}") from None
    title = dct = None
    if path.suffix.lower() in (".html", ".htm"):
        page = extract_html(text)
        text, title, dct = page["text"], page["title"], try_parse_dct(page["date"])
    if not text.strip():
        raise FormatError(f"{path.name}: is empty")
    kind = "html" if path.suffix.lower() in (".html", ".htm") else "text"
    return [Found(text=text, kind=kind, title=title, dct=dct, dct_source="html-meta" if dct else None,
                  sha256=hashlib.sha256(data).hexdigest())]


def _read_attachment(path: Path) -> list[Found]:
    if path.suffix.lower() in (".txt", ".md", ".html", ".htm"):
        return _attached_text(path)
    return read_found(path)


def read_found(path: Path, task: Optional[TaskState] = None, table_map: Optional[TableMap] = None) -> list[Found]:
    """What the file holds, by its suffix; raises ``FormatError`` with a one-line message."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind == "pdf":
        from .pdf_text import read_pdf
        return [read_pdf(path, task)]
    if kind == "docx":
        from .docx_text import read_docx
        return [read_docx(path)]
    if kind == "odt":
        from .odt_text import read_odt
        return [read_odt(path)]
    if kind == "email":
        from .email_messages import read_eml
        return read_eml(path, _read_attachment, ATTACHABLE)
    if kind == "mbox":
        from .email_messages import read_mbox
        return read_mbox(path, _read_attachment, ATTACHABLE, task)
    if kind == "table":
        from .event_tables import read_table
        return [read_table(path, table_map, task)]
    if kind == "network":
        from .network_files import read_network_document
        return [read_network_document(path)]
    raise FormatError(f"{path.name}: unsupported file type '{path.suffix}'")


def load_format(path: Path, doc_id: str, dct_override: Optional[str] = None, task: Optional[TaskState] = None,
                table_map: Optional[TableMap] = None) -> tuple[list[Document], list[dict]]:
    """``(documents, warnings)`` for one file; warnings are ``{"path", "message", "warning": True}``."""
    try:
        found = read_found(path, task, table_map)
    except (FormatError, Cancelled):
        raise
    except (MemoryError, RecursionError) as exc:
        raise FormatError(f"{path.name}: too complex to read ({type(exc).__name__})") from None
    except OSError as exc:
        raise FormatError(f"{path.name}: cannot read ({exc.strerror or exc})") from None
    except Exception as exc:  # noqa: BLE001 - a library's own bug on a hostile file is still one line, not a traceback
        raise FormatError(f"{path.name}: cannot be read ({type(exc).__name__}: {str(exc)[:100]})") from None
    override = None
    if dct_override:
        try:
            override = parse_dct(dct_override)
        except DctError as exc:
            raise FormatError(f"--dct: {exc}") from None
    try:
        side = read_sidecar(path) or {}
    except SidecarError as exc:
        raise FormatError(str(exc)) from None
    single = len([f for f in found if f.parent_part is None]) == 1
    docs: list[Document] = []
    warnings: list[dict] = []
    for f in found:
        primary = f.part is None and single
        title, publication, dct, source = f.title, f.publication, f.dct, f.dct_source
        if primary and side:
            title = side.get("title", title)
            publication = side.get("publication", publication)
            if "dct" in side:
                dct = try_parse_dct(side["dct"])
                if dct is None:
                    raise FormatError(f"{path.name}: its metadata has an unreadable creation time {side['dct']!r}")
                source = "sidecar"
        if override:
            dct, source = override, "cli"
        parent = None
        if f.parent_part is not None:
            parent = f"{doc_id}-{f.parent_part}" if f.parent_part else doc_id
        docs.append(Document(
            id=f"{doc_id}-{f.part}" if f.part else doc_id, path=str(path), text=f.text, title=title,
            publication=publication, dct=dct[0] if dct else None, dct_precision=dct[1] if dct else None,
            source=source if dct else None, sha256=f.sha256, kind=f.kind, pages=f.pages, parent=parent,
            layout=dict(f.layout) or None))
        warnings.extend({"path": str(path), "message": w, "warning": True} for w in f.warnings)
    return docs, warnings
