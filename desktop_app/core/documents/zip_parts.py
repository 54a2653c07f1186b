"""Reading parts of a zip container (.docx, .odt, .xlsx) without trusting it.

A zip's directory can lie about sizes, and a few kilobytes can inflate to
gigabytes (a zip bomb), so each part is read in chunks and reading stops at a
limit on what has actually been inflated, not on what the directory claims.
XML parts are parsed with defusedxml, which refuses entity tricks.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Optional

from .found import FormatError

# Far above the XML of a 1,000-page Word document (about 30 MB).
MAX_PART = 200 * 1024 * 1024
MAX_TOTAL = 400 * 1024 * 1024


class ZipParts:
    """An open container; ``read(name)`` gives a part's bytes within the limits."""

    def __init__(self, path: Path, what: str):
        self.name, self.what = path.name, what
        self._read = 0
        try:
            self.zip = zipfile.ZipFile(path)
            self.names = set(self.zip.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise FormatError(f"{path.name}: is not a readable {what} (damaged zip: {exc})") from None

    def __enter__(self) -> "ZipParts":
        return self

    def __exit__(self, *exc) -> None:
        self.zip.close()

    def read(self, member: str, optional: bool = False) -> Optional[bytes]:
        if member not in self.names:
            if optional:
                return None
            raise FormatError(f"{self.name}: is not a {self.what} (no {member} inside)")
        out = bytearray()
        try:
            with self.zip.open(member) as f:
                while True:
                    chunk = f.read(1 << 20)
                    if not chunk:
                        break
                    out += chunk
                    self._read += len(chunk)
                    if len(out) > MAX_PART or self._read > MAX_TOTAL:
                        raise FormatError(f"{self.name}: {member} inflates beyond {MAX_PART // 2**20} MB "
                                          f"(a zip bomb or a damaged file); not read")
        except FormatError:
            raise
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as exc:
            # RuntimeError: a password-protected member.
            raise FormatError(f"{self.name}: {member} cannot be read ({exc})") from None
        except Exception as exc:  # noqa: BLE001 - zlib.error and friends from a corrupt stream
            raise FormatError(f"{self.name}: {member} is damaged ({type(exc).__name__})") from None
        return bytes(out)

    def xml(self, member: str, optional: bool = False):
        """The part parsed as XML (``defusedxml``), or None for an absent optional part."""
        data = self.read(member, optional)
        if data is None:
            return None
        return parse_xml(data, f"{self.name}: {member}")


def parse_xml(data: bytes, where: str):
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring
    try:
        return fromstring(data)
    except DefusedXmlException as exc:
        raise FormatError(f"{where}: refused, it declares XML entities or a DTD ({type(exc).__name__})") from None
    except (ParseError, ValueError) as exc:
        raise FormatError(f"{where}: is not well-formed XML ({exc})") from None
