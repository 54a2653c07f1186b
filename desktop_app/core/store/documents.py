"""Document text kept compressed in memory, decompressed when read.

A million events come from tens of thousands of news documents: 200 MB of
text as Python strings, a fifth of the whole budget, for text an analyst
reads one document at a time.  ``PackedDocument`` is a ``Document`` whose
``text`` is stored zlib-compressed (news text shrinks two to four times) and
decompressed on access; the last few texts read are kept, because readers
go through a document's events, mentions and timexes one after another.
"""
from __future__ import annotations

import dataclasses
import zlib
from collections import OrderedDict

from desktop_app.core.model import Document

_RECENT: "OrderedDict[bytes, str]" = OrderedDict()
_RECENT_MAX = 64
# Below this many characters compression saves too little to pay for itself.
MIN_PACKED = 512


def _unpack(blob: bytes) -> str:
    # Keyed by the compressed bytes object itself: looking it up is an identity check,
    # and equal bytes always decompress to the same text.
    text = _RECENT.get(blob)
    if text is None:
        text = zlib.decompress(blob).decode("utf-8")
        _RECENT[blob] = text
        if len(_RECENT) > _RECENT_MAX:
            _RECENT.popitem(last=False)
    else:
        _RECENT.move_to_end(blob)
    return text


class PackedDocument(Document):
    __slots__ = ("_packed",)

    @property
    def text(self) -> str:
        return _unpack(self._packed)

    @text.setter
    def text(self, value: str) -> None:
        self._packed = zlib.compress(value.encode("utf-8"), 6)

    def __eq__(self, other):
        if isinstance(other, Document):
            return _fields(self) == _fields(other)
        return NotImplemented

    __hash__ = None

    @property
    def packed_size(self) -> int:
        return len(self._packed)

    # Pickled (and copied) as the compressed bytes.  The default reduction of a slotted dataclass reads
    # every slot, so it decompressed ``text`` into the pickle and recompressed it on load: at a million
    # events that tripled the file's text and left 140 MB of zlib working memory fragmented in the heap
    # (measured: 50k documents, 82 MB live, resident 222 MB after loading and malloc_trim; 94 MB this way).
    def __reduce__(self):
        return (_revived, (self._packed, tuple(getattr(self, name) for name in _OTHER_FIELDS)))


_OTHER_FIELDS = tuple(f.name for f in dataclasses.fields(Document) if f.name != "text")


def _revived(packed: bytes, values: tuple) -> PackedDocument:
    doc = PackedDocument.__new__(PackedDocument)
    doc._packed = packed
    for name, value in zip(_OTHER_FIELDS, values):
        setattr(doc, name, value)
    return doc


def _fields(d: Document) -> tuple:
    return (d.id, d.path, d.text, d.title, d.publication, d.dct, d.dct_precision, d.source, d.sha256,
            d.kind, d.pages, d.parent, d.layout)


def pack(doc: Document) -> Document:
    """``doc`` with its text held compressed (short texts and packed documents are returned as they are)."""
    if isinstance(doc, PackedDocument) or len(doc.text) < MIN_PACKED:
        return doc
    return PackedDocument(doc.id, doc.path, doc.text, doc.title, doc.publication, doc.dct, doc.dct_precision,
                          doc.source, doc.sha256, doc.kind, doc.pages, doc.parent, doc.layout)
