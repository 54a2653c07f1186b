"""Metadata kept beside a document, in a format that works for any file.

``report.txt`` may have ``report.txt.meta.json`` next to it::

    {"title": "...", "publication": "...", "dct": "2007-11", "note": "..."}

``dct`` is written at the precision that is known (``2007``, ``2007-11``,
``2007-11-09``); ``dct_precision`` is derived from it. A sidecar always wins
over what the document itself says, because an analyst wrote it.

A document whose name is within 10 bytes of the file system's limit (255
bytes almost everywhere) cannot have ``NAME.meta.json`` beside it; its
sidecar is ``PREFIX.HASH.meta.json`` instead, where HASH is taken from the
whole name, so it is still found, and still told apart from its neighbours'.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Optional

from ..atomic import write_atomic
from .filenames import name_bytes, name_max, shown_name, truncate_name

SUFFIX = ".meta.json"
FIELDS = ("title", "publication", "dct", "note")
MAX_BYTES = 1_000_000
_HASH_CHARS = 16


def sidecar_path(path: Path) -> Path:
    """Where ``path``'s metadata lives: ``NAME.meta.json``, or a hash-shortened name when that is too long."""
    path = Path(path)
    full = path.name + SUFFIX
    limit = name_max(path.parent if str(path.parent) else ".")
    if name_bytes(full) <= limit:
        return path.with_name(full)
    digest = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:_HASH_CHARS]
    tail = f".{digest}{SUFFIX}"
    return path.with_name(truncate_name(path.name, limit - len(tail)) + tail)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SUFFIX)


class SidecarError(ValueError):
    pass


def read_sidecar(path: Path) -> Optional[dict]:
    sc = sidecar_path(path)
    try:
        if not sc.is_file():
            return None
        if sc.stat().st_size > MAX_BYTES:
            raise SidecarError(f"{shown_name(sc.name)}: metadata file is too large; a sidecar holds a few fields")
        data = json.loads(sc.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else exc
        raise SidecarError(f"{shown_name(sc.name)}: cannot read metadata ({reason}); fix or delete the file") from None
    if not isinstance(data, dict):
        raise SidecarError(f"{shown_name(sc.name)}: metadata must be a JSON object")
    meta = {}
    for key in FIELDS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            # A number or list where text belongs is a typo; refusing it beats showing "[...]" as a title.
            raise SidecarError(f"{shown_name(sc.name)}: \"{key}\" must be text, not {type(value).__name__}")
        meta[key] = value
    return meta


def write_sidecar(path: Path, meta: dict) -> Path:
    """Write metadata atomically so a crash never leaves a half-written sidecar."""
    sc = sidecar_path(path)
    text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    write_atomic(sc, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return sc

