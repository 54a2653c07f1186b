"""Mentions and time expressions held as columns, built into objects on demand.

Both are spans of a document: the document, the offsets, and the words,
which are the document's own text over the span (kept apart only when they
differ).  A million-event corpus has millions of mentions; as objects they
alone would take gigabytes.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Iterable, Optional

import numpy as np

from desktop_app.core.model import Document, Mention, Timex
from desktop_app.core.store.sequence import ColumnSequence
from desktop_app.core.store.strings import Codes, int_array, take_columns
from desktop_app.core.store.times import NONE, IntervalCache, precision_code, to_seconds


class _SpanStore(ColumnSequence):
    _COLS: dict = {}

    def __init__(self, cols: dict, codes: dict, own_text: dict[int, str], documents: Mapping[str, Document]):
        self.c = cols
        self.codes = codes
        self._own_text = own_text
        self._documents = documents

    def __len__(self) -> int:
        return len(self.c["doc"])

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self)}>"

    def doc_id(self, i: int) -> str:
        return self.codes["doc"].values[self.c["doc"][i]]

    def text(self, i: int) -> str:
        own = self._own_text.get(i)
        if own is not None:
            return own
        doc = self._documents.get(self.doc_id(i))
        return doc.text[int(self.c["start"][i]):int(self.c["end"][i])] if doc is not None else ""

    def rows_of_doc(self, doc_id: str) -> np.ndarray:
        """Rows of one document (a vectorised scan: fast enough for opening one document)."""
        code = self.codes["doc"].find(doc_id)
        return np.flatnonzero(self.c["doc"] == code) if code >= 0 else np.zeros(0, np.int64)

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in self.c.values())

    def __reduce__(self):
        return (type(self), (self.c, self.codes, self._own_text, dict(self._documents)))


class MentionStore(_SpanStore):
    def _item(self, i: int) -> Mention:
        c = self.c
        roles = c.get("role")      # absent from columns saved before mentions had roles
        role = self.codes["role"].get(int(roles[i])) if roles is not None and "role" in self.codes else None
        return Mention(self.doc_id(i), int(c["start"][i]), int(c["end"][i]), self.text(i),
                       self.codes["actor"].values[c["actor"][i]], role)


class TimexStore(_SpanStore):
    def __init__(self, *args):
        super().__init__(*args)
        self._intervals = IntervalCache()

    def _item(self, i: int) -> Timex:
        c, codes = self.c, self.codes
        return Timex(self.doc_id(i), int(c["start"][i]), int(c["end"][i]), self.text(i),
                     codes["type"].values[c["type"][i]], codes["value"].values[c["value"][i]],
                     self._intervals(int(c["iv_start"][i]), int(c["iv_end"][i]), int(c["prec"][i])),
                     codes["mod"].get(int(c["mod"][i])), bool(c["year_unknown"][i]), bool(c["anchored"][i]),
                     codes["quant"].get(int(c["quant"][i])), codes["freq"].get(int(c["freq"][i])))


_SPAN = {"doc": ("i", np.int32), "start": ("i", np.int32), "end": ("i", np.int32)}
_MENTION = {**_SPAN, "actor": ("i", np.int32), "role": ("b", np.int8)}
_TIMEX = {**_SPAN, "type": ("b", np.int8), "value": ("i", np.int32), "iv_start": ("q", np.int64),
          "iv_end": ("q", np.int64), "prec": ("b", np.int8), "mod": ("i", np.int32),
          "year_unknown": ("b", np.int8), "anchored": ("b", np.int8), "quant": ("i", np.int32),
          "freq": ("i", np.int32)}


class _SpanBuilder:
    _COLS: dict = {}
    _CODES: tuple = ()
    _STORE = _SpanStore

    def __init__(self, documents: Mapping[str, Document], codes: Optional[dict] = None):
        self.documents = documents
        self.codes = codes if codes is not None else {}
        for name in ("doc",) + self._CODES:
            self.codes.setdefault(name, Codes())
        self._b = {name: int_array(tc) for name, (tc, _) in self._COLS.items()}
        self._own_text: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._b["doc"])

    def _span(self, item) -> None:
        row = len(self._b["doc"])
        self._b["doc"].append(self.codes["doc"].code(item.doc))
        self._b["start"].append(item.start)
        self._b["end"].append(item.end)
        doc = self.documents.get(item.doc)
        if doc is None or doc.text[item.start:item.end] != item.text:
            self._own_text[row] = item.text

    def extend(self, items: Iterable) -> None:
        for it in items:
            self.append(it)

    def build(self):
        cols = take_columns(self._b, self._COLS)
        return self._STORE(cols, self.codes, self._own_text, self.documents)


class MentionStoreBuilder(_SpanBuilder):
    _COLS, _CODES, _STORE = _MENTION, ("actor", "role"), MentionStore

    def append(self, m: Mention) -> None:
        self._span(m)
        self._b["actor"].append(self.codes["actor"].code(m.actor))
        self._b["role"].append(self.codes["role"].code(m.role))


class TimexStoreBuilder(_SpanBuilder):
    _COLS, _CODES, _STORE = _TIMEX, ("type", "value", "mod", "quant", "freq"), TimexStore

    def append(self, t: Timex) -> None:
        self._span(t)
        b, codes, iv = self._b, self.codes, t.interval
        b["type"].append(codes["type"].code(t.type))
        b["value"].append(codes["value"].code(t.value))
        b["iv_start"].append(to_seconds(iv.start) if iv else NONE)
        b["iv_end"].append(to_seconds(iv.end) if iv else NONE)
        b["prec"].append(precision_code(iv.precision) if iv else -1)
        b["mod"].append(codes["mod"].code(t.mod))
        b["year_unknown"].append(1 if t.year_unknown else 0)
        b["anchored"].append(1 if t.anchored else 0)
        b["quant"].append(codes["quant"].code(t.quant))
        b["freq"].append(codes["freq"].code(t.freq))
