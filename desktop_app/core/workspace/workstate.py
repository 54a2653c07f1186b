"""The working state one replay threads through the edit handlers, and what a replay produces.

Kept apart from ``replay`` (the driver) so the handler modules (``apply_actors``,
``apply_events``) and the driver all import this module and never each other in
a circle.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from desktop_app.core.model import Corpus
from desktop_app.core.store import EventStore
from desktop_app.core.workspace.edits import Edit
from desktop_app.core.workspace.keys import KeyIndex


@dataclass(frozen=True)
class Note:
    kind: str            # "actor", "event", "document", "tie"
    target: object       # actor/event/document id, or (source id, target id) for a tie
    text: str
    created: str = ""


@dataclass(frozen=True)
class Skipped:
    index: int           # position in the edit log
    edit: Edit
    reason: str


@dataclass
class Replay:
    """What a replay produced: the corrected corpus and what it could not apply."""
    corpus: Corpus
    notes: list[Note] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Actor ids the replay removed -> where their items went (None: deleted).
    moved: dict = field(default_factory=dict)


_COLUMNAR = ("events", "mentions", "timexes")
# Edits that touch only actors or documents, and notes (which only name their target): they run on a
# columnar corpus as it is, so renaming an actor in a million-event workspace does not build a
# million events.  Every other edit makes the lists real first (``WorkState.make_lists``).
COLUMNAR_SAFE = frozenset({"rename_actor", "set_actor_type", "add_alias", "remove_alias", "set_dct", "note",
                            "set_event_date", "add_tie", "merge_happenings", "split_happening"})


class WorkState:
    """The evolving corpus during one replay plus the bookkeeping handlers share."""

    def __init__(self, corpus: Corpus):
        self.corpus = Corpus(corpus.documents, corpus.timexes, corpus.actors, corpus.mentions, corpus.events,
                             corpus.ties, corpus.errors)
        self._owned: set[str] = set()
        self.notes: list[tuple[str, object, str, str]] = []
        self.warnings: list[str] = []
        # Actor ids that stopped existing and where their items went (merge),
        # so notes attached before a merge follow the actor.
        self.moved: dict[str, Optional[str]] = {}
        # The current edit's actor type hints (name -> type), for same-named actors.
        self.types: dict[str, str] = {}
        self._index: Optional[KeyIndex] = None

    @property
    def index(self) -> KeyIndex:
        if self._index is None:
            self._index = KeyIndex(self.corpus)
        return self._index

    def make_lists(self) -> None:
        """Turn columnar events, mentions and timexes into real lists.

        Most handlers find an item through the index and replace or drop it by
        identity; a columnar corpus builds a new object on every access, so
        before such a handler runs its lists are made real (and the index
        rebuilt over them).
        """
        made = False
        for name in _COLUMNAR:
            if not isinstance(getattr(self.corpus, name), list):
                self._own(name)
                made = True
        if made:
            self.changed()

    def changed(self) -> None:
        self._index = None

    def _own(self, name: str) -> list:
        if name not in self._owned:
            setattr(self.corpus, name, list(getattr(self.corpus, name)))
            self._owned.add(name)
        return getattr(self.corpus, name)

    def put(self, name: str, old, new) -> None:
        """Replace item ``old`` (found by identity) of list ``name`` with ``new``."""
        current = getattr(self.corpus, name)
        if name == "events" and name not in self._owned and isinstance(current, EventStore):
            # Columnar: the event is found by its id (the index built it, so it is not in any list)
            # and one row of a copy of the columns changes.
            row = current.index_of(old.id)
            if row is not None and current[row] == old:
                self.corpus.events = current.replaced(row, new)
                return
            self.make_lists()
        items = self._own(name)
        items[next(i for i, x in enumerate(items) if x is old)] = new

    def append(self, name: str, item) -> None:
        self._own(name).append(item)

    def final_actor(self, actor_id: str) -> Optional[str]:
        seen = set()
        while actor_id in self.moved and actor_id not in seen:
            seen.add(actor_id)
            actor_id = self.moved[actor_id]
            if actor_id is None:
                return None
        return actor_id


class SkipEdit(Exception):
    """A handler could not find what the edit names; the replay records why and goes on."""
