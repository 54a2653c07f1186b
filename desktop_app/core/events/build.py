"""Turning one document's sentences into events and undated facts.

Works on document-local actor indexes; the pipeline's merge step maps them
to corpus-wide actor ids. Every event keeps its sentence span so a mark on
the timeline always leads back to the words it came from.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Optional

from ..model import EventDate, Interval, Timex
from ..actors import cues
from ..actors.resolve import DocActors, body_start
from ..text.sentences import dateline_end
from .anaphora import NOMINAL, NOMINAL_LEAD, PERSON_PRONOUN, Window, pronoun_role
from .citations import Citation, find_citation
from .clauses import read_clause

# A time expression after these words is a contrast or a bound, not the event's time.
_NOT_EVENT_TIME = re.compile(
    r"(?:\bunlike(?:\s+in)?|\bcompared\s+(?:with|to)|\bthan(?:\s+in)?|\bsince|\buntil|\btill|\bsince\s+the"
    r"|\bby(?:\s+the\s+(?:end|middle|start|beginning)\s+of)?)\s*$", re.I)   # "by 2026": a deadline
_FOLLOW_UP = re.compile(r"^(?:He|She|It|They|His|Her|Its|Their|The\s+(?:group|organization|company|man|woman|official|suspect))\b")
_PRONOUN_PERSON = re.compile(r"^(?:He|She|His|Her|The\s+(?:man|woman|official|suspect))\b")
_POSSESSIVE_LEAD = re.compile(r"^(?:His|Her|Its|Their)\b")
_UNANCHORED = {"PRESENT_REF", "FUTURE_REF"}


@dataclass(slots=True)
class LocalEvent:
    start: int
    end: int
    label: str
    date: Optional[EventDate]
    participants: list[tuple[int, Optional[str]]] = field(default_factory=list)   # (local actor, role)
    report_source: Optional[int] = None
    report_timex: Optional[Timex] = None
    sentences: list[tuple[int, int]] = field(default_factory=list)   # every sentence it draws on
    from_relative: bool = False     # dated "on or before" by a vague past reference


def _date_from_timex(t: Timex, relation: str) -> EventDate:
    return EventDate(t.value, t.interval, relation, t.text, t.start)


def build_events(text: str, actors: DocActors, timexes: list[Timex],
                 dct_value: Optional[str], dct_interval: Optional[Interval]) -> list[LocalEvent]:
    # Metadata lines and the dateline say who filed the story, not what happened.
    body = max(body_start(text), dateline_end(text))
    types = [a.type for a in actors.actors]
    mentions = sorted((s, e, idx) for (s, e), idx in actors.by_span.items() if actors.actors[idx].mentions)
    events: list[LocalEvent] = []
    last: Optional[LocalEvent] = None
    last_end = -1
    window = Window(text, actors.sentences, mentions)
    # Sorted starts, so each sentence finds its mentions and timexes by bisection: a scan of
    # the whole document per sentence is quadratic and stalls on book-length texts.
    m_starts = [m[0] for m in mentions]
    timexes = sorted(timexes, key=lambda t: (t.start, t.end))
    t_starts = [t.start for t in timexes]
    for k, sent in enumerate(actors.sentences):
        if sent.start < body:
            continue
        s0, s1 = sent.start, sent.end
        in_sent = [m for m in mentions[bisect_left(m_starts, s0):bisect_left(m_starts, s1)] if m[1] <= s1]
        names = [(s, e, types[i]) for s, e, i in in_sent]
        tx = [t for t in timexes[bisect_left(t_starts, s0):bisect_left(t_starts, s1)] if t.end <= s1]
        cit = find_citation(text, s0, s1, tx, names)
        source_idx = actors.by_span.get(cit.source) if cit and cit.source else None
        if cit and cit.nominal:
            kinds, word = NOMINAL[cit.nominal]
            source_idx = window.nearest(k, cit.start, kinds, word, actors.actors)
        # "His lawyer, Peter Haas, said": the sentence is about the named man, not a follow-up.
        named_lead = bool(_POSSESSIVE_LEAD.match(sent.text)) and any(
            types[i] != "location" and re.search(r",\s*$", text[max(s0, s - 3):s]) and s - s0 < 60
            for s, e, i in in_sent)
        report_tx = cit.timex if cit else None
        own = [t for t in tx if not (cit and not cit.in_text and cit.start <= t.start < cit.end)
               and t.interval is not None and t.value not in _UNANCHORED
               and t.type in ("DATE", "TIME", "DURATION")
               and not _NOT_EVENT_TIME.search(text[max(s0, t.start - 20):t.start])]
        if cit and cit.in_text and report_tx is not None and report_tx not in own:
            own.insert(0, report_tx)
        relative = [t for t in tx if t.value == "PAST_REF"]
        paragraph_break = "\n\n" in text[last_end:s0] if last_end >= 0 else True

        # A pronoun-led sentence with no date of its own continues the previous event.
        if last is not None and not paragraph_break and not own and _FOLLOW_UP.match(sent.text) and not named_lead:
            last.end = s1
            last.sentences.append((s0, s1))
            known = {p[0] for p in last.participants}
            for s, e, i in in_sent:
                if i not in known and i != source_idx:
                    last.participants.append((i, None))
                    known.add(i)
            if last.report_source is None and source_idx is not None:
                last.report_source = source_idx
            if last.report_timex is None and report_tx is not None:
                last.report_timex = report_tx
                if last.from_relative and report_tx.interval is not None:
                    last.date = _date_from_timex(report_tx, "on_or_before")
            last_end = s1
            continue

        date: Optional[EventDate] = None
        from_relative = False
        if own:
            date = _date_from_timex(own[0], "on")
        elif report_tx is not None and report_tx.interval is not None:
            date = _date_from_timex(report_tx, "on_or_before")
        elif relative and dct_interval is not None:
            t = relative[0]
            date = EventDate(dct_value or "", dct_interval, "on_or_before", t.text, t.start)
            from_relative = True

        protected = [(s, e) for s, e, _ in in_sent]
        skip = [(t.start, t.end) for t in tx] + ([(cit.start, cit.end)] if cit and not cit.in_text else [])
        clause = read_clause(text, s0, s1, protected, skip,
                             tuple((s, e) for s, e, i in in_sent if types[i] == "person"))
        participants: list[tuple[int, Optional[str]]] = []
        seen: set[int] = set()
        if clause and _FOLLOW_UP.match(sent.text) and last is not None and not paragraph_break and not named_lead:
            ref = _pronoun_referent(last, types, person=bool(_PRONOUN_PERSON.match(sent.text)))
            if ref is not None:
                participants.append((ref, "target" if clause.passive else "agent"))
                seen.add(ref)
        for ref, role in _references(text, sent, k, s0, in_sent, window, actors, clause, seen):
            participants.append((ref, role))
            seen.add(ref)
        head = None
        if clause:
            subj = [(s, e, i) for s, e, i in in_sent if clause.subject[0] <= s and e <= clause.subject[1]
                    and types[i] != "location"]
            head = subj[0][0] if subj else None
        # A closing "…, X said" names the teller; X takes part only when no one else is named.
        trailing_teller = cit is not None and cit.trailing and any(i != source_idx for _, _, i in in_sent)
        for s, e, i in in_sent:
            if i in seen or (i == source_idx and (not (cit and cit.in_text) or trailing_teller and cit.start <= s)):
                continue
            seen.add(i)
            teller = cit is not None and cit.trailing and i == source_idx and cit.start <= s
            role = "agent" if teller else _role(s, e, types[i], clause, head)
            if role is not None and i != source_idx and s == head and not clause.passive and _modifies_noun(text, e, clause):
                role = None     # "Kemi Metals shares jumped": the shares acted, not the company
            participants.append((i, role))
        if not participants and source_idx is not None and cit is not None and cit.trailing:
            participants.append((source_idx, "agent"))
        if not participants:
            last_end = s1
            continue
        label = clause.label if clause and clause.label else _fallback_label(sent.text)
        ev = LocalEvent(s0, s1, label, date, participants, source_idx, report_tx, [(s0, s1)], from_relative)
        events.append(ev)
        last, last_end = ev, s1
    return events


def _references(text, sent, k, s0, in_sent, window, actors, clause, seen):
    """Actors a sentence names only by "he"/"she" or "the ministry"; see anaphora.py for the limits."""
    out = []
    m = NOMINAL_LEAD.match(sent.text)
    if m and not any(s < s0 + m.end() + 3 for s, e, i in in_sent):
        kinds, word = NOMINAL[m.group(1)]
        ref = window.nearest(k, s0, kinds, word, actors.actors)
        if ref is not None and ref not in seen:
            out.append((ref, "target" if clause is not None and clause.passive else "agent"))
    for pm in PERSON_PRONOUN.finditer(sent.text):
        pos = s0 + pm.start()
        if pm.start() == 0 or any(s < pos and actors.actors[i].type == "person" for s, e, i in in_sent):
            continue    # sentence-initial pronouns are follow-ups; a person named before it is its referent
        ref = window.nearest(k, pos, ("person",), None, actors.actors)
        if ref is not None and ref not in seen and all(ref != r for r, _ in out):
            role = pronoun_role(text, s0 + pm.end()) if pm.group(1) != "him" else "target"
            out.append((ref, role))
        break
    return out


# Nouns after a name that still mean the actor's own people: "FDA officials", "Kivu rebels".
_OWN_PEOPLE = {"officials", "officers", "troops", "forces", "soldiers", "police", "spokesman", "spokeswoman",
               "spokesperson", "fighters", "members", "lawyers", "agents", "investigators", "executives",
               "leaders", "leadership", "militants", "rebels", "board", "management", "authorities"}


def _modifies_noun(text: str, end: int, clause) -> bool:
    """Whether the subject's name only modifies a noun after it ("Kemi Metals shares")."""
    m = re.match(r"\s+([a-z]+)\b", text[end:clause.subject[1] + 1])
    if not m:
        return False
    word = m.group(1)
    return word not in _OWN_PEOPLE and word not in cues.FOLLOWING_NOUN and word not in _FUNCTION_WORDS


_FUNCTION_WORDS = {"and", "or", "of", "in", "on", "at", "for", "to", "from", "with", "by", "who", "which",
                   "that", "has", "have", "had", "is", "was", "were", "are", "will", "would", "also", "said"}


def _role(s: int, e: int, type_: str, clause, head: Optional[int]) -> Optional[str]:
    if clause is None or type_ == "location":
        return None
    if clause.subject[0] <= s and e <= clause.subject[1]:
        # Only the subject's head name acts; names in its apposition do not.
        if s != head:
            return None
        return "target" if clause.passive else "agent"
    if clause.passive and clause.by_agent and clause.by_agent[0] <= s < clause.by_agent[0] + 5:
        return "agent"    # the name right after "by" (allowing "the ")
    if not clause.passive and clause.object[0] <= s and e <= clause.object[1]:
        return "target"
    return None


def _pronoun_referent(prev: LocalEvent, types: list[str], person: bool) -> Optional[int]:
    want = ("person",) if person else ("organization", "group", "media")
    for i, role in prev.participants:
        if types[i] in want and role in ("agent", "target"):
            return i
    for i, _ in prev.participants:
        if types[i] in want:
            return i
    return None


def _fallback_label(sentence: str) -> str:
    words = re.findall(r"[\w'’-]+", sentence)[:8]
    while len(words) > 3 and words[-1].lower() in _FUNCTION_WORDS | {"the", "a", "an", "its", "their"}:
        words.pop()
    return " ".join(words)
