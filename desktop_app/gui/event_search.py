"""Searching the event table's columns without a search string per event.

The table used to keep one folded "row text" per event: at a million events
that is a million Python strings (hundreds of megabytes) built on the first
keystroke.  Here a query is matched per column:

* columns whose texts repeat (date, date as written, source, document) test
  the query against each distinct text once and map the hits to rows by code;
* actors test each actor's name once and mark the events it takes part in;
* the event's own words (label, else sentence) are folded into one UTF-8
  buffer, rows separated by NUL bytes, and the query's bytes are found there
  with numpy (anchored on the query's rarest byte), hits mapped back to rows
  by binary search on the separators.

A query never matches across two columns (the old joined text allowed a
match spanning the separator, which no one searches for), nor across two
actors' names.
"""
from __future__ import annotations

import numpy as np


from .actor_search import text_key
from .event_cells import ACTORS, DATE, DOCUMENT, LABEL, SOURCE, WRITTEN, CellColumns

_SEP = "\x00"       # not whitespace (fold keeps it), not in any folded text we index
_CHUNK = 20_000
_SCAN = 1 << 22     # buffer bytes compared at a time
_COUNT = 1 << 20    # buffer bytes counted at a time


def _positions(buf: np.ndarray, byte: int) -> np.ndarray:
    """Offsets of ``byte`` in ``buf``, int32 while they fit (the separators, one per row, are kept as long
    as the table), found a slice at a time: a mask over the whole buffer is as large as the buffer."""
    # Each slice's offsets narrowed before they are joined: int64 pieces, their join and its int32 copy
    # were together 20 MB at a million events, the largest part of the first search's peak.
    dtype = np.int32 if len(buf) < 2 ** 31 else np.int64
    return np.concatenate([(np.flatnonzero(buf[s:s + _SCAN] == byte) + s).astype(dtype)
                           for s in range(0, len(buf), _SCAN)] or [np.zeros(0, dtype)])


def cell_key(text: str) -> str:
    """A cell's text folded as a query is (without dropping a leading "the": that is for the query)."""
    return text_key(text)


def _fast_fold(chunk: str) -> str:
    """``cell_key`` of ASCII text without per-character Python: NFKD and accent stripping change nothing there."""
    return " ".join(chunk.replace("`", "'").casefold().split())


def fold_many(texts: list[str]) -> list[str]:
    """``cell_key`` of each text; ASCII stretches are folded a chunk at a time (fold walks every character)."""
    out: list[str] = []
    for lo in range(0, len(texts), _CHUNK):
        part = texts[lo:lo + _CHUNK]
        chunk = _SEP.join(part)
        if chunk.isascii():
            folded = [t.strip(" ") for t in _fast_fold(chunk).split(_SEP)]
        else:   # fold the non-ASCII texts one by one, the rest still a chunk at a time
            plain = [t for t in part if t.isascii()]
            fast = iter(fold_many(plain)) if len(plain) < len(part) else None
            folded = [next(fast) if t.isascii() else cell_key(t) for t in part] if fast else []
        if len(folded) != len(part):    # a separator inside a text: fold each alone
            folded = [cell_key(t) for t in part]
        out.extend(folded)
    return out


class FoldedTexts:
    """Many texts folded into one UTF-8 buffer, NUL between them, searched with numpy.

    Used for the labels (one text per row) and for each column's distinct texts: as a list of folded
    Python strings the distinct texts cost ~70 bytes of object header each (22 MB at a million events,
    most of them dates as written), as bytes little more than their text.
    """

    def __init__(self, chunks):
        # Appended to one growing buffer a chunk at a time: neither the texts nor a list of encoded
        # parts exist all together (no second copy joined at the end).
        out = bytearray()
        texts_seen = 0
        for i, texts in enumerate(chunks):
            folded = _SEP.join(fold_many(texts))
            if i:
                out += b"\0"
            out += folded.encode("utf-8")
            texts_seen += len(texts)
        self.n = texts_seen
        buf = np.frombuffer(out, np.uint8)
        seps = _positions(buf, 0)
        self.exact = len(seps) == max(texts_seen - 1, 0)    # no text held a NUL of its own
        self._buf, self._seps = buf, seps
        # A slice at a time: bincount reads its input as 64-bit integers, eight times the buffer.
        freq = np.zeros(256, np.int64)
        for s in range(0, len(buf), _COUNT):
            freq += np.bincount(buf[s:s + _COUNT], minlength=256)
        self._freq = freq

    def hits(self, query: str) -> np.ndarray:
        """Bool per text: ``query`` occurs in it (a query with a NUL in none: no folded text holds one)."""
        out = np.zeros(self.n, bool)
        buf, q = self._buf, np.frombuffer(query.encode("utf-8"), np.uint8)
        m, size = len(q), len(buf)
        if m == 0 or m > size or _SEP in query:
            return out
        anchor = int(np.argmin(self._freq[q]))
        at = _positions(buf, int(q[anchor])) - anchor
        at = at[(at >= 0) & (at <= size - m)]
        for k in range(m):
            if k != anchor and len(at):
                at = at[buf[at + k] == q[k]]
        if len(at):
            out[np.searchsorted(self._seps, at, "right")] = True
        return out


def folded_texts(texts: list[str]) -> FoldedTexts:
    """``FoldedTexts`` of a list; a text holding a NUL loses it (separators stay one per text)."""
    chunks = [texts[lo:lo + _CHUNK] for lo in range(0, len(texts), _CHUNK)]
    got = FoldedTexts(chunks)
    return got if got.exact else FoldedTexts([[t.replace(_SEP, "") for t in texts]])


class EventSearch:
    def __init__(self, columns: CellColumns):
        self.columns = columns
        self._keys: dict = {}                        # column -> FoldedTexts of its distinct texts
        self._labels: FoldedTexts | None = None      # the event's words, one text per row

    def matches(self, query: str) -> np.ndarray:
        """Boolean mask over rows: events with ``query`` (already a search key) in any column."""
        n = self.columns.n
        mask = np.zeros(n, bool)
        if not query or not n:
            return mask
        for column in (DATE, WRITTEN, SOURCE, DOCUMENT) if "," in query else (DATE, WRITTEN, DOCUMENT):
            codes, _ = self.columns.coded(column)
            hit = self._distinct_keys(column).hits(query)
            if hit.any():
                mask |= hit[codes]
        if "," not in query:   # "who, when" can only match across its comma with one in the query
            mask |= self._source_rows(query)
        mask |= self._actor_rows(query)
        mask |= self._label_rows(query)
        return mask

    def _distinct_keys(self, column: int) -> FoldedTexts:
        keys = self._keys.get(column)
        if keys is None:
            keys = self._keys[column] = folded_texts(self.columns.coded(column)[1])
        return keys

    def _source_rows(self, query: str) -> np.ndarray:
        """Sources ("who, when") by their halves: hundreds of thousands of distinct pairs, few names and dates."""
        who, names, when, dates = self.columns.source_parts()
        if "source" not in self._keys:
            self._keys["source"] = folded_texts(names + [""])
            self._keys["source date"] = folded_texts(dates + [""])
        hit_who = self._keys["source"].hits(query)
        hit_when = self._keys["source date"].hits(query)
        return hit_who[who] | hit_when[when]

    def _actor_rows(self, query: str) -> np.ndarray:
        store = self.columns.store
        keys = self._keys.get(ACTORS)
        if keys is None:
            keys = self._keys[ACTORS] = folded_texts(self.columns.actor_names())
        hit = keys.hits(query)
        rows = np.zeros(self.columns.n, bool)
        if hit.any():
            ptr, actor = store.c["actor_ptr"], store.c["actor"]
            pairs = np.flatnonzero(hit[actor])
            rows[np.searchsorted(ptr, pairs, "right") - 1] = True
        return rows

    # -- the event's words ---------------------------------------------------------------
    def _label_rows(self, query: str) -> np.ndarray:
        if self._labels is None:
            # A chunk of rows at a time: the million label strings never exist together.
            labels = FoldedTexts(self.columns.text_chunks(LABEL, _CHUNK))
            if not labels.exact:    # a NUL inside some text: rebuild with it removed
                labels = FoldedTexts([[t.replace(_SEP, "") for t in texts]
                                      for texts in self.columns.text_chunks(LABEL, _CHUNK)])
            self._labels = labels
        return self._labels.hits(query)
