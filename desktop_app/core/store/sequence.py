"""The read-only sequence every columnar holder is: items built on demand, compared and joined like lists.

Events, mentions, timexes, ties and a tie's evidence are each held as
columns and handed out one object at a time by ``_item(i)``.  Code written
for lists keeps working: indexing and slicing, iteration, ``==`` with a list,
and ``+`` (which gives a new list: edits build new lists, they never mutate
a store).
"""
from __future__ import annotations

from collections.abc import Sequence


class ColumnSequence(Sequence):
    __slots__ = ()

    def _item(self, i: int):
        raise NotImplementedError

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._item(k) for k in range(*i.indices(len(self)))]
        n = len(self)
        i = int(i)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"{type(self).__name__} index out of range")
        return self._item(i)

    def __iter__(self):
        for i in range(len(self)):
            yield self._item(i)

    def __eq__(self, other) -> bool:
        if isinstance(other, (list, tuple, ColumnSequence)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None

    def __add__(self, other) -> list:
        return list(self) + list(other)

    def __radd__(self, other) -> list:
        return list(other) + list(self)
