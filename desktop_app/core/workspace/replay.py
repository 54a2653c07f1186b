"""Replaying the edit log on a corpus: the driver (the state and results live in ``workstate``).

``apply_edits`` never mutates its input.  The working corpus starts out
sharing the input's lists; a handler builds a new list, or asks the state
for a private copy (``put``/``append``) before changing one in place, and it
replaces a changed item by a modified copy (``dataclasses.replace``).  So
untouched items and lists are shared, a replay costs about what its edits
touch, and keeping the corpus after each edit for undo stays cheap.
"""
from __future__ import annotations

from typing import Iterable

from desktop_app.core.model import Corpus
from desktop_app.core.store import compact, is_compact
from desktop_app.core.workspace.apply_actors import ACTOR_HANDLERS
from desktop_app.core.workspace.apply_events import EVENT_HANDLERS
from desktop_app.core.workspace.edits import Edit
from desktop_app.core.workspace.workstate import (  # noqa: F401  (Note, Replay, Skipped: re-exported)
    COLUMNAR_SAFE, Note, Replay, SkipEdit, Skipped, WorkState,
)


# Happening corrections change no event: core/workspace/happening_edits.py applies them after grouping.
_AFTER_GROUPING = {"merge_happenings": lambda state, edit: None, "split_happening": lambda state, edit: None}


def replay(corpus: Corpus, edits: Iterable[Edit]) -> Replay:
    handlers = {**ACTOR_HANDLERS, **EVENT_HANDLERS, **_AFTER_GROUPING}
    state = WorkState(corpus)
    skipped: list[Skipped] = []
    for i, edit in enumerate(edits):
        state.types = edit.payload.get("types") or {}
        if edit.kind not in COLUMNAR_SAFE:
            state.make_lists()
        try:
            handlers[edit.kind](state, edit)
        except SkipEdit as why:
            skipped.append(Skipped(i, edit, str(why)))
        state.changed()
    # Compacting also points tie evidence at the rows of the new event store (``pack_ties``).
    result = compact(state.corpus) if is_compact(corpus) else state.corpus
    return Replay(result, _final_notes(state), skipped, state.warnings, dict(state.moved))


class _EventIds:
    """``id in events`` by the store's index when the events are columnar (no set of a million ids)."""

    def __init__(self, events):
        self._find = getattr(events, "index_of", None)
        self._ids = None if self._find is not None else {e.id for e in events}

    def __contains__(self, event_id) -> bool:
        if self._find is not None:
            return isinstance(event_id, str) and self._find(event_id) is not None
        return event_id in self._ids


def _final_notes(state: WorkState) -> list[Note]:
    if not state.notes:
        return []
    kinds = {n[0] for n in state.notes}
    c = state.corpus
    actors = {a.id for a in c.actors} if kinds & {"actor", "tie"} else set()
    events = _EventIds(c.events) if "event" in kinds else set()
    docs = {d.id for d in c.documents} if "document" in kinds else set()
    out = []
    for kind, target, text, created in state.notes:
        if kind == "actor":
            target = state.final_actor(target)
            alive = target in actors
        elif kind == "tie":
            s, t = (state.final_actor(x) for x in target)
            target = (s, t)
            alive = s in actors and t in actors and s != t
        elif kind == "event":
            alive = target in events
        else:
            alive = target in docs
        if alive:
            out.append(Note(kind, target, text, created))
        else:
            state.warnings.append(f"a note on a {kind} lost its target: {text[:60]!r}")
    return out


def apply_edits(corpus: Corpus, edits: Iterable[Edit]) -> Corpus:
    """The corpus with the analyst's edits applied in order; the input is left untouched.

    A ``set_dct`` edit sets the document's creation time here; its dates are
    re-read by extraction, which ``Workspace`` runs on documents carrying the
    corrected times (see ``effective_documents``).
    """
    return replay(corpus, edits).corpus


def extend(prior: Replay, step: Replay, offset: int) -> Replay:
    """Join a replay of a log with a replay of edits appended to it (``step`` ran on ``prior.corpus``).

    Lets a new edit be applied to the corrected corpus alone instead of
    replaying the whole log; notes made earlier follow merges and vanish
    with deleted targets exactly as a full replay would have it.
    """
    state = WorkState(step.corpus)
    state.moved = {**prior.moved, **step.moved}
    state.notes = [(n.kind, n.target, n.text, n.created) for n in prior.notes]
    carried = _final_notes(state)
    skipped = prior.skipped + [Skipped(s.index + offset, s.edit, s.reason) for s in step.skipped]
    return Replay(step.corpus, carried + step.notes, skipped, prior.warnings + step.warnings + state.warnings,
                  state.moved)
