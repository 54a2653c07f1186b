"""Columns of strings that cost bytes, not Python objects.

A million Python ``str`` objects cost about 50 bytes of header each before
their text; a million label strings alone would take more memory than the
timeline's arrays.  ``StringColumn`` keeps many strings in one UTF-8 buffer
with an offsets array and decodes one on demand.  ``Codes`` is for strings
that repeat (date values, roles, actor ids): each distinct value is kept
once and rows hold an int32 code, -1 meaning ``None``.
"""
from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import Iterable, Optional

import numpy as np

# Any Python ``str`` round-trips, even one holding a lone surrogate (a file name that is not UTF-8, a
# ``\ud800`` escape in imported JSON): strict UTF-8 raised on it and one such string stopped a whole
# folder from loading.  The error handler runs only on such characters, so ordinary text costs nothing more.
_ERRORS = "surrogatepass"
_ITER_CHUNK = 65536


class StringColumn(Sequence):
    """An immutable sequence of ``str`` held as one UTF-8 buffer plus int64 offsets."""

    __slots__ = ("_buf", "_off")

    def __init__(self, buf: bytes = b"", offsets: Optional[np.ndarray] = None):
        self._buf = bytes(buf)
        self._off = np.zeros(1, np.int64) if offsets is None else np.asarray(offsets, np.int64)

    @classmethod
    def from_strings(cls, strings: Iterable[str]) -> "StringColumn":
        b = StringColumnBuilder()
        for s in strings:
            b.append(s)
        return b.build()

    def __len__(self) -> int:
        return len(self._off) - 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            lo, hi, step = i.indices(len(self))
            if step != 1:
                return [self[k] for k in range(lo, hi, step)]
            return self._range(lo, max(lo, hi))
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("string column index out of range")
        return self._buf[self._off[i]:self._off[i + 1]].decode("utf-8", _ERRORS)

    def _range(self, lo: int, hi: int) -> list[str]:
        # ASCII (the common case) decodes once and slices: byte and character offsets agree.
        raw = self._buf[int(self._off[lo]):int(self._off[hi])]
        text = raw.decode("utf-8", _ERRORS)
        if len(text) != len(raw):
            return [self[k] for k in range(lo, hi)]
        o = (self._off[lo:hi + 1] - self._off[lo]).tolist()
        return [text[a:b] for a, b in zip(o, o[1:])]

    def __iter__(self):
        # The offsets as Python ints a chunk at a time: all of them at once were a million int objects
        # (36 MB at a million events) each time the ids were hashed or the labels read in one pass.
        buf, off = self._buf, self._off
        for lo in range(0, len(self), _ITER_CHUNK):
            o = off[lo:lo + _ITER_CHUNK + 1].tolist()
            for k in range(len(o) - 1):
                yield buf[o[k]:o[k + 1]].decode("utf-8", _ERRORS)

    def matches(self, rows: np.ndarray, strings: Sequence[str]) -> np.ndarray:
        """Bool per position: string ``rows[k]`` of this column equals ``strings[k]``, compared as UTF-8
        bytes in one numpy pass (no string decoded), for checking many id-index candidates at once."""
        rows = np.asarray(rows, np.int64)
        enc = [x.encode("utf-8", _ERRORS) for x in strings]
        length = np.fromiter(map(len, enc), np.int64, count=len(enc))
        start = self._off[rows]
        out = (self._off[rows + 1] - start) == length
        same = np.flatnonzero(out & (length > 0))
        if len(same):
            lens = length[same]
            seg_start = np.cumsum(lens) - lens
            pos = np.repeat(start[same] - seg_start, lens) + np.arange(int(lens.sum()))
            keys = b"".join(enc) if len(same) == len(enc) else b"".join([enc[k] for k in same.tolist()])
            differ = np.frombuffer(self._buf, np.uint8)[pos] != np.frombuffer(keys, np.uint8)
            bad = np.bincount(np.repeat(np.arange(len(same)), lens)[differ], minlength=len(same)) > 0
            out[same[bad]] = False
        return out

    def __reduce__(self):
        return (StringColumn, (self._buf, self._off))

    def replaced(self, i: int, value: str) -> "StringColumn":
        """A new column with string ``i`` replaced (this one unchanged)."""
        enc = value.encode("utf-8", _ERRORS)
        a, b = int(self._off[i]), int(self._off[i + 1])
        off = self._off.copy()
        off[i + 1:] += len(enc) - (b - a)
        return StringColumn(self._buf[:a] + enc + self._buf[b:], off)

    @property
    def nbytes(self) -> int:
        return len(self._buf) + self._off.nbytes


class StringColumnBuilder:
    """Appends strings one at a time without holding them as objects."""

    __slots__ = ("_buf", "_ends")

    def __init__(self):
        self._buf = bytearray()
        self._ends = array("q")

    def append(self, s: str) -> int:
        self._buf += s.encode("utf-8", _ERRORS)
        self._ends.append(len(self._buf))
        return len(self._ends) - 1

    def __len__(self) -> int:
        return len(self._ends)

    def build(self) -> StringColumn:
        off = np.zeros(len(self._ends) + 1, np.int64)
        if len(self._ends):
            off[1:] = np.frombuffer(self._ends, dtype=np.int64)
        buf, self._buf = self._buf, bytearray()     # built once: let the growing copy go
        return StringColumn(bytes(buf), off)


class Codes:
    """Distinct strings, each given a small integer code the first time it is seen."""

    __slots__ = ("values", "_code")

    def __init__(self, values: Iterable[str] = ()):
        self.values: list[str] = []
        self._code: dict[str, int] = {}
        for v in values:
            self.code(v)

    def code(self, value: Optional[str]) -> int:
        if value is None:
            return -1
        c = self._code.get(value)
        if c is None:
            c = self._code[value] = len(self.values)
            self.values.append(value)
        return c

    def find(self, value: Optional[str]) -> int:
        """The code of ``value`` without adding it: -1 when unknown (or None)."""
        return -1 if value is None else self._code.get(value, -1)

    def get(self, code: int) -> Optional[str]:
        return None if code < 0 else self.values[code]

    def __len__(self) -> int:
        return len(self.values)

    def __reduce__(self):
        return (Codes, (self.values,))


def int_array(typecode: str) -> array:
    """A growable typed buffer (``array``): 1-8 bytes per item, where a list costs 8 plus an object."""
    return array(typecode)


def to_numpy(buf: array, dtype) -> np.ndarray:
    return np.frombuffer(buf, dtype=dtype).copy() if len(buf) else np.zeros(0, dtype)


def take_columns(buffers: dict, spec: dict) -> dict:
    """The builder's buffers as numpy columns, each buffer dropped as soon as it is copied: copying all
    of them while all are alive doubled a million-event build's peak (+240 MB)."""
    cols = {}
    for name, (_, dt) in spec.items():
        cols[name] = to_numpy(buffers.pop(name), dt)
    return cols
