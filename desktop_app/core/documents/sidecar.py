"""Metadata kept beside a document, in a format that works for any file.

``report.txt`` may have ``report.txt.meta.json`` next to it::

    {"title": "...", "publication": "...", "dct": "2007-11", "note": "..."}

``dct`` is written at the precision that is known (``2007``, ``2007-11``,
``2007-11-09``); ``dct_precision`` is derived from it. A sidecar always wins
over what the document itself says, because an analyst wrote it.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

SUFFIX = ".meta.json"
FIELDS = ("title", "publication", "dct", "note")
MAX_BYTES = 1_000_000


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SUFFIX)


class SidecarError(ValueError):
    pass


def read_sidecar(path: Path) -> Optional[dict]:
    sc = sidecar_path(path)
    if not sc.is_file():
        return None
    try:
        if sc.stat().st_size > MAX_BYTES:
            raise SidecarError(f"{sc.name}: metadata file is too large; a sidecar holds a few fields")
        data = json.loads(sc.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else exc
        raise SidecarError(f"{sc.name}: cannot read metadata ({reason}); fix or delete the file") from None
    if not isinstance(data, dict):
        raise SidecarError(f"{sc.name}: metadata must be a JSON object")
    meta = {}
    for key in FIELDS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            # A number or list where text belongs is a typo; refusing it beats showing "[...]" as a title.
            raise SidecarError(f"{sc.name}: \"{key}\" must be text, not {type(value).__name__}")
        meta[key] = value
    return meta


def write_sidecar(path: Path, meta: dict) -> Path:
    """Write metadata atomically so a crash never leaves a half-written sidecar."""
    sc = sidecar_path(path)
    tmp = sc.with_name(sc.name + ".tmp")
    tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(sc)
    return sc
