"""Turning a file's bytes into text, or a clear reason why not.

UTF-8 is tried first because it is what almost every modern file is and
because a successful strict UTF-8 decode is nearly never wrong; only then is
charset-normalizer asked to guess (cp1251 Russian news, Latin-1 archives).
"""
from __future__ import annotations

from typing import Tuple

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 text has NULs too; it announces itself with a BOM.
        return not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    # Many control bytes other than whitespace: an executable, image or archive.
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return len(head) > 0 and ctrl / len(head) > 0.05


def decode(data: bytes) -> Tuple[str, str]:
    """Return ``(text, encoding)``; raise ``DecodeError`` for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if looks_binary(data):
        raise DecodeError("looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        # Mixed encodings: keep what is UTF-8 and mark the rest, rather than refuse the file.
        return data.decode("utf-8", errors="replace"), "utf-8 (with replaced bytes)"
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode("utf-8", errors="replace"), "utf-8 (with replaced bytes)"
