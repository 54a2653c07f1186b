"""The whole workspace as one JSON file, and reading it back.

Layout (``format_version`` 1)::

    {"format": "eventscope-workspace", "format_version": 1, "name": ...,
     "documents": [...], "timexes": [...], "actors": [...], "mentions": [...],
     "events": [...], "ties": [...], "errors": [...],      # the corrected corpus
     "extraction": {... same keys ...},                   # before the edits
     "edits": [...], "redo": [...], "notes": [...]}

The top level is the corrected corpus in the ``Corpus.to_json`` schema (see
``json_codec`` for the few added keys), so a reader that only wants results
reads it like ``eventscope extract`` output.  ``extraction`` plus ``edits``
is what a workspace is made of; import uses those, so corrections stay
corrections (undoable, replayed on re-extraction) rather than being baked in.
Document text is written once, at the top level.

Import also accepts plain extraction JSON (no ``format`` key) that carries
document text: it becomes a workspace with no edits.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Iterable, Optional

from desktop_app import __version__
from desktop_app.core.interchange.errors import InterchangeError, write_atomic
from desktop_app.core.interchange.json_codec import corpus_from_json, corpus_json_items
from desktop_app.core.model import Corpus
from desktop_app.core.store import compact
from desktop_app.core.workspace.edits import Edit
from desktop_app.core.workspace.errors import WorkspaceError
from desktop_app.core.workspace.replay import Note
from desktop_app.core.workspace.store import WorkspaceData

FORMAT = "eventscope-workspace"
FORMAT_VERSION = 1


def _note_json(n: Note) -> dict:
    target = list(n.target) if isinstance(n.target, tuple) else n.target
    return {"kind": n.kind, "target": target, "text": n.text, "created": n.created}


def workspace_json_parts(extraction: Corpus, corrected: Corpus, applied: Iterable[Edit], redo: Iterable[Edit] = (),
                         notes: Iterable[Note] = (), name: Optional[str] = None) -> dict:
    """The workspace JSON with its corpus lists left as lazy sequences (``_Lazy``), for writing as a stream."""
    def lazy(items: dict) -> dict:
        return {k: _Lazy(v) for k, v in items.items()}
    from dataclasses import replace

    from desktop_app.core.workspace.happening_edits import corrected_happenings
    applied = list(applied)
    # The corrected corpus carries its happenings (``events[].happening``, ``happenings``) as the app shows them.
    base = getattr(extraction, "happenings", None)      # the extraction's, when it has them: nothing regrouped
    base = base if base is not None and getattr(base, "events", None) is extraction.events else None
    corrected = replace(corrected, happenings=corrected_happenings(corrected, applied, base=base))
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "eventscope_version": __version__, "name": name,
            **lazy(corpus_json_items(corrected)), "extraction": lazy(corpus_json_items(extraction, text=False)),
            "edits": [e.to_json() for e in applied], "redo": [e.to_json() for e in redo],
            "notes": [_note_json(n) for n in notes]}


def workspace_to_json(extraction: Corpus, corrected: Corpus, applied: Iterable[Edit], redo: Iterable[Edit] = (),
                      notes: Iterable[Note] = (), name: Optional[str] = None) -> dict:
    return _materialise(workspace_json_parts(extraction, corrected, applied, redo, notes, name))


class _Lazy:
    """A JSON list produced item by item while it is written."""

    def __init__(self, items: Iterable):
        self.items = items


def _materialise(value):
    if isinstance(value, _Lazy):
        return list(value.items)
    if isinstance(value, dict):
        return {k: _materialise(v) for k, v in value.items()}
    return value


def export_workspace_json(path: str | os.PathLike, workspace) -> None:
    """Write ``workspace`` (a ``core.workspace.Workspace``) to ``path`` atomically, one record at a time."""
    getattr(workspace, "base_happenings", None)     # the file's happenings restored, not grouped again
    payload = workspace_json_parts(workspace.extraction, workspace.corpus, workspace.stack.edits,
                                   workspace.stack.redoable, workspace.notes, workspace.name)
    write_json_atomic(path, payload)


def write_json_atomic(path: str | os.PathLike, payload: Any) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            _write(f, payload)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())

    write_atomic(path, write)


_encode = json.JSONEncoder(ensure_ascii=False, indent=1).iterencode


def _write(f, value, depth: int = 0) -> None:
    """``json.dump(value, f, ensure_ascii=False, indent=1)`` that also writes ``_Lazy`` lists item by item."""
    pad = "\n" + " " * (depth + 1)
    if isinstance(value, _Lazy):
        f.write("[")
        first = True
        for item in value.items:
            f.write(pad if first else "," + pad)
            first = False
            f.writelines(_indented(item, depth + 1))
        f.write("]" if first else "\n" + " " * depth + "]")
    elif isinstance(value, dict) and value and any(isinstance(v, (_Lazy, dict)) for v in value.values()):
        f.write("{")
        for k, (key, v) in enumerate(value.items()):
            f.write(("" if k == 0 else ",") + pad + json.dumps(key, ensure_ascii=False) + ": ")
            _write(f, v, depth + 1)
        f.write("\n" + " " * depth + "}")
    else:
        f.writelines(_indented(value, depth))


def _indented(value, depth: int):
    """``value`` encoded with indent 1, as if it sat ``depth`` levels down."""
    pad = "\n" + " " * depth
    for chunk in _encode(value):
        yield chunk.replace("\n", pad) if depth else chunk


# Longer than any number a field can hold (a 64-bit offset has 19 digits, a float's exponent 308): parsing
# one of 5,000 digits raised ValueError (Python's int limit) through the whole import as a traceback.
MAX_NUMBER_DIGITS = 400
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class _NumberTooLong(ValueError):
    pass


def _parse_int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _NumberTooLong(f"a number with {len(text.lstrip('-'))} digits")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _NumberTooLong(f"a number written with {len(text)} characters")
    return float(text)


def read_json_file(path: str | os.PathLike) -> Any:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InterchangeError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise InterchangeError(f"{path} is a folder, not a JSON file") from None
    except OSError as exc:
        raise InterchangeError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InterchangeError(f"{path.name} is not UTF-8 text (bad byte at position {exc.start})") from None
    return parse_json_text(text, path.name)


def parse_json_text(text: str, name: str) -> Any:
    """``json.loads`` with one-line errors for every way a file can be hostile, and no lone surrogates out."""
    try:
        data = json.loads(text, parse_int=_parse_int, parse_float=_parse_float)
    except json.JSONDecodeError as exc:
        raise InterchangeError(f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                               f"column {exc.colno}") from None
    except _NumberTooLong as exc:
        raise InterchangeError(f"{name} holds {exc}, too large for any field Eventscope reads") from None
    except RecursionError:
        raise InterchangeError(f"{name} is nested too deeply to be an Eventscope file") from None
    except (ValueError, OverflowError) as exc:
        raise InterchangeError(f"{name} cannot be read: {exc}") from None
    if _SURROGATE_ESCAPE.search(text):
        # A "\ud800" escape decodes to half a character that no UTF-8 writer (SQLite, Qt, files) accepts;
        # it becomes U+FFFD, as an undecodable byte in a text file does.
        data = _without_lone_surrogates(data)
    return data


def _without_lone_surrogates(value):
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    return value


def workspace_from_json(data: Any, where: str = "file") -> WorkspaceData:
    """Validate and convert a parsed JSON document; raises ``InterchangeError`` naming the first problem."""
    if not isinstance(data, dict):
        raise InterchangeError(f"{where}: expected a JSON object at the top, got {type(data).__name__}")
    fmt = data.get("format")
    if fmt is None:
        corpus = compact(corpus_from_json(data, where))
        return WorkspaceData(corpus, meta={"imported_from": where})
    if fmt != FORMAT:
        raise InterchangeError(f"{where}: this is a {fmt!r} file, not an Eventscope workspace")
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise InterchangeError(f"{where}: 'format_version' must be a whole number")
    if version > FORMAT_VERSION:
        raise InterchangeError(f"{where} was written by a newer Eventscope (format {version}, this version reads "
                               f"up to {FORMAT_VERSION}); open it with a newer version")
    if version < 1:
        raise InterchangeError(f"{where}: unknown format version {version}")
    base = data.get("extraction")
    if not isinstance(base, dict):
        raise InterchangeError(f"{where}: missing the 'extraction' object (the corpus before the edits)")
    corrected_docs = data.get("documents")
    if not isinstance(corrected_docs, list):
        raise InterchangeError(f"{where}: missing field 'documents'")
    texts = {d.get("id"): d.get("text") for d in corrected_docs if isinstance(d, dict)}
    base = dict(base)
    base_docs = base.get("documents")
    if isinstance(base_docs, list):
        base["documents"] = [{**d, "text": d.get("text", texts.get(d.get("id")))} if isinstance(d, dict) else d
                             for d in base_docs]
    # Held as columns, as an extraction or an opened workspace is.
    corpus = compact(corpus_from_json(base, f"{where}: extraction"))
    edits = _edits(data, "edits", where)
    redo = _edits(data, "redo", where)
    meta = {"name": data["name"]} if isinstance(data.get("name"), str) else {}
    return WorkspaceData(corpus, edits, redo, meta)


def _edits(data: dict, key: str, where: str) -> list[Edit]:
    items = data.get(key, [])
    if not isinstance(items, list):
        raise InterchangeError(f"{where}: {key!r} must be a list")
    try:
        return [Edit.from_json(e, f"{key}[{i}]") for i, e in enumerate(items)]
    except WorkspaceError as exc:
        raise InterchangeError(f"{where}: {exc}") from None


def import_workspace_json(path: str | os.PathLike) -> WorkspaceData:
    name = Path(path).name
    data = read_json_file(path)
    try:
        return workspace_from_json(data, name)
    except InterchangeError:
        raise
    except (ValueError, TypeError, OverflowError, RecursionError, KeyError) as exc:
        # Every known case has its own message above; this keeps an unforeseen one to one line too.
        raise InterchangeError(f"{name}: cannot import it ({type(exc).__name__}: {str(exc)[:200]})") from None
