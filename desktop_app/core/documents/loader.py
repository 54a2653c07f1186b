"""Reading documents from files and folders into ``Document`` objects.

Every failure is per file: a bad file becomes an entry in the error list that
names the file and says why, and the rest of the corpus still loads.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Iterable, Optional, Tuple

from ..model import Document
from ..tasks import Subtask, TaskState, report
from .dct import DctError, parse_dct, try_parse_dct
from .decoding import DecodeError, decode
from .filenames import shown_name
from .formats import SUFFIXES as FORMAT_SUFFIXES, FormatError, load_format
from .html_text import extract_html
from .sidecar import SidecarError, is_sidecar, read_sidecar

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                 ".html": "html", ".htm": "html", ".xhtml": "html"}
# Every suffix a folder is searched for: plain text above, the other formats in formats.py.
READABLE_SUFFIXES = set(TEXT_SUFFIXES) | set(FORMAT_SUFFIXES)
# Far above any news article; a larger file is almost always a dump or a mistake,
# and reading it would stall extraction for minutes.
MAX_BYTES = 64 * 1024 * 1024


class DocumentError(ValueError):
    """A file that cannot become a document; the message is meant for the user."""


def _front_matter(text: str) -> Tuple[dict, str]:
    """Simple ``key: value`` front matter of Markdown files; the body keeps its offsets."""
    meta: dict = {}
    m = re.match(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", text, re.S)
    if m:
        for line in m.group(1).splitlines():
            k, sep, v = line.partition(":")
            if sep:
                meta[k.strip().lower()] = v.strip().strip("\"'")
    if "title" not in meta:
        h = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.M)
        if h:
            meta["title"] = h.group(1)
    return meta, text


def discover(paths: Iterable[str | os.PathLike]) -> Tuple[list[Path], list[dict]]:
    """Expand folders (recursively, sorted) into readable document files.

    A folder that cannot be listed (no permission, removed meanwhile, a name
    too long) is an error entry like a bad file: it is reported, not silently
    left out, and the rest of the tree is still read.
    """
    files: list[Path] = []
    errors: list[dict] = []

    def skipped(p, why: str) -> None:
        errors.append({"path": shown_name(p), "message": f"{shown_name(p)}: {why}"})

    for raw in paths:
        p = Path(raw)
        try:
            is_dir, is_file = p.is_dir(), p.is_file()
        except OSError as exc:      # e.g. a name longer than the file system allows
            skipped(p, f"cannot read ({exc.strerror or exc})")
            continue
        if is_dir:
            found: list[Path] = []

            def unreadable(exc: OSError) -> None:
                where = exc.filename if exc.filename is not None else p
                skipped(where, f"folder skipped: cannot list it ({exc.strerror or exc})")

            for folder, subdirs, names in os.walk(p, onerror=unreadable):
                subdirs[:] = [d for d in subdirs if not d.startswith(".")]   # hidden folders, as before
                for name in names:
                    f = Path(folder, name)
                    if name.startswith(".") or f.suffix.lower() not in READABLE_SUFFIXES or is_sidecar(f):
                        continue
                    try:
                        if f.is_file():
                            found.append(f)
                    except OSError as exc:
                        skipped(f, f"cannot read ({exc.strerror or exc})")
            files.extend(sorted(found))
        elif is_file:
            if is_sidecar(p):
                continue
            if p.suffix.lower() not in READABLE_SUFFIXES:
                errors.append({"path": shown_name(p), "message":
                               f"{shown_name(p.name)}: unsupported file type '{shown_name(p.suffix) or '(none)'}'; "
                               f"Eventscope reads .txt, .md, .html, .pdf, .docx, .odt, .eml, .mbox, .csv, .xlsx, .graphml and .gexf files"})
                continue
            files.append(p)
        else:
            skipped(p, "no such file or folder")
    return files, errors


def load_file(path: Path, doc_id: Optional[str] = None, dct_override: Optional[str] = None) -> Document:
    """Read one file; raise ``DocumentError`` with a user-facing message."""
    name = shown_name(path.name)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(f"{name}: too large ({size / 1e6:.0f} MB; the limit is {MAX_BYTES // 2**20} MB)"
                                f" — split it into smaller documents")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{name}: cannot read ({exc.strerror or exc})") from None
    try:
        text, _encoding = decode(data)
    except DecodeError as exc:
        raise DocumentError(f"{name}: {exc}") from None
    kind = TEXT_SUFFIXES.get(path.suffix.lower(), "text")
    title = publication = written_date = None
    if kind == "html":
        page = extract_html(text)
        text, title, written_date, publication = page["text"], page["title"], page["date"], page["publication"]
    elif kind == "markdown":
        meta, text = _front_matter(text)
        title, written_date = meta.get("title"), meta.get("date")
        publication = meta.get("publication") or meta.get("publisher")
    if not text.strip():
        raise DocumentError(f"{name}: is empty — there is no text to read")
    try:
        side = read_sidecar(path) or {}
    except SidecarError as exc:
        raise DocumentError(str(exc)) from None
    title = side.get("title", title)
    publication = side.get("publication", publication)
    source = "sidecar" if "dct" in side else ("html-meta" if written_date else None)
    dct_text = side.get("dct", written_date)
    parsed = try_parse_dct(dct_text)
    if "dct" in side and parsed is None:
        raise DocumentError(f"{name}: its metadata has an unreadable creation time {side['dct']!r}")
    if dct_override:
        try:
            parsed = parse_dct(dct_override)
        except DctError as exc:
            raise DocumentError(f"--dct: {exc}") from None
        source = "cli"
    return Document(
        id=doc_id or shown_name(path.stem), path=shown_name(path), text=text, title=title, publication=publication,
        dct=parsed[0] if parsed else None, dct_precision=parsed[1] if parsed else None,
        source=source if parsed else None, sha256=hashlib.sha256(data).hexdigest(),
    )


def load_paths(paths: Iterable[str | os.PathLike], dct_override: Optional[str] = None,
               task: Optional[TaskState] = None, table_map=None) -> Tuple[list[Document], list[dict]]:
    """Load every readable document under ``paths``; return ``(documents, errors)``.

    ``errors`` holds ``{"path", "message"}`` for each file that was skipped.
    Document ids are file names without extension, made unique with a suffix
    when two folders hold files of the same name. ``table_map`` (a
    ``TableMap``, or a dict of them by path) reads event tables whose layout
    is not a known one.
    """
    if dct_override is not None:
        parse_dct(dct_override)  # a bad override is the user's error for the whole run
    files, errors = discover(paths)
    docs: list[Document] = []
    seen: dict[str, int] = {}
    for i, f in enumerate(files):
        report(task, i / max(1, len(files)), f"Reading {shown_name(f.name)}")
        stem = shown_name(f.stem)
        n = seen.get(stem, 0)
        seen[stem] = n + 1
        doc_id = stem if n == 0 else f"{stem}-{n + 1}"
        try:
            if f.suffix.lower() in FORMAT_SUFFIXES:
                tmap = table_map.get(str(f)) if isinstance(table_map, dict) else table_map
                more, notes = load_format(f, doc_id, dct_override, Subtask(task, i / len(files), (i + 1) / len(files)),
                                          tmap)
                docs.extend(more)
                errors.extend(notes)
            else:
                docs.append(load_file(f, doc_id=doc_id, dct_override=dct_override))
        except (DocumentError, FormatError) as exc:
            errors.append({"path": shown_name(f), "message": str(exc)})
        except (OSError, ValueError) as exc:    # one odd file never stops the folder
            errors.append({"path": shown_name(f), "message": f"{shown_name(f.name)}: cannot read ({exc})"})
    report(task, 1.0, f"Read {len(docs)} documents")
    return docs, errors
