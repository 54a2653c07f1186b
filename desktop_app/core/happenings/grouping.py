"""Events that tell the same real-world happening, in one document or many, grouped.

The rules (README "Happenings" says the same in prose). An event joins a happening when
  1. the action is the same kind: the same action key (``action.py``: the label's verb, stemmed,
     with its noun for light verbs) — word overlap elsewhere in the label does not count;
  2. the dates are compatible: the event's interval overlaps the happening's (the intersection
     of its reports' intervals); an undated event is bounded by its report (``features.py``).
     Two day-precise dates one day apart are accepted only with a shared participant, and the
     happening then records a date conflict (time zones, "yesterday" read a day off) — the dates
     are never averaged. Within one story (``stories.py``) a date that is not firm on either side
     (its document has no creation or report date) is no conflict;
  3. the participants are compatible: when both name people, at least one person is shared
     (two arrests of different people on one day stay apart) — across the documents of one story,
     only when the clause names one of its document's main people (a name in passing is no
     conflict); when both name the organization
     that acted (the clause's agent), at least one is shared ("Telerate shares closed" and
     "Seagram closed", one day, one exchange named by both, are two happenings); across stories,
     when both labels write names (``label_names.py``: not places), at least one is shared
     ("Hudson Bay shares closed" and "Cineplex closed" are two happenings);
  4. there is positive evidence beyond the action word: a shared participant (person,
     organization, group or place; a document's story participants count for all its events),
     or both dates known to the day and overlapping, or the same document (a report repeating
     its own action word), or the same story.
Among the happenings that qualify the event joins the best supported one (shared
participants, then a precise date match, then the same document). The tests are against the
whole happening (cluster level: its date intersection, the people of all its reports), and a
report that fits two happenings through shared participants merges them when they fit each
other as they were before it (not single-link chaining through the report's own people).

Blocking makes this cheap and incremental: candidates come only from the same action key,
looked up by day (precise dates), by the event's own participants (the most recent few
happenings of each), by document and by story, so adding one document costs the size of its events, not of the corpus.  A happening's id is
``h:`` + its founding event's id, so the same input always gives the same ids and a happening
keeps its id as documents are added.
"""
from __future__ import annotations

from typing import Iterable, Optional

import numpy as np

from desktop_app.core.memory import gc_paused
from desktop_app.core.union_find import UnionFind

from .features import _EMPTY, UNBOUNDED_LO, EventFeatures

RECENT = 6             # happenings per participant, day or document (per action) looked at: the most recent
# The index lists (``_Block``) keep only their RECENT latest entries: nothing reads further back, and
# whole lists held most of grouping's memory and a slice per lookup.
MAX_DAYS_INDEXED = 3   # a precise happening is found under at most this many of its days
BRIDGE = 5             # fit a report needs with two happenings to merge them: a shared participant


CHUNK = 1 << 16        # events turned into Python values at a time (a million at once held ~200 MB of lists)


def _row_sets(ptr: np.ndarray, val: np.ndarray, rows: np.ndarray) -> list:
    """Row ``r`` of a CSR pair as a frozenset for each of ``rows``: one gather, no numpy slice per row.

    Most rows hold one value: those share one frozenset per distinct value (made once, not once per
    row), and every row's set is picked from one list by index (half the time of a set per row).
    """
    a = ptr[rows]
    n = ptr[rows + 1] - a
    pick = np.zeros(len(rows), np.int64)        # 0: the shared empty set
    sets = [_EMPTY]
    one = n == 1
    if one.any():
        single, which = np.unique(val[a[one]], return_inverse=True)
        pick[one] = which + 1
        sets += map(frozenset, zip(single.tolist()))
    many = np.flatnonzero(n > 1)
    if len(many):
        k = n[many]
        ends = np.cumsum(k)
        starts = ends - k
        flat = val[np.repeat(a[many] - starts, k) + np.arange(int(ends[-1]))].tolist()
        pick[many] = len(sets) + np.arange(len(many))
        sets += [frozenset(flat[s:e]) for s, e in zip(starts.tolist(), ends.tolist())]
    return list(map(sets.__getitem__, pick.tolist()))


def _doc_sets(ptr: Optional[np.ndarray], val: Optional[np.ndarray], docs: np.ndarray) -> Optional[dict]:
    """Document code -> its row of a CSR over document codes as a frozenset, for each of ``docs`` (None: no CSR)."""
    if ptr is None:
        return None
    return dict(zip(docs.tolist(), _row_sets(ptr, val, docs)))


def document_context(f: EventFeatures, docs: np.ndarray) -> tuple[dict, Optional[dict]]:
    """(story participants, main people) of each of the document codes ``docs``, as dicts of frozensets:
    what ``HappeningIndex.add`` reads per event, made in one pass each."""
    docs = np.unique(docs)
    return _doc_sets(f.s_ptr, f.s_val, docs), _doc_sets(f.m_ptr, f.m_val, docs)


def _placed(f: EventFeatures, rows: np.ndarray, *extra: np.ndarray):
    """(row, key, lo, hi, precise, doc, persons, own others, agents, *extra) of each of ``rows``, in order.

    Only one chunk of rows exists as Python values at a time: grouping a million events
    otherwise held every column and participant array as lists at once (the peak, not the result).
    """
    for s in range(0, len(rows), CHUNK):
        part = rows[s:s + CHUNK]
        agents = _row_sets(f.a_ptr, f.a_val, part) if f.a_ptr is not None else [_EMPTY] * len(part)
        yield from zip(part.tolist(), f.key_code[part].tolist(), f.lo[part].tolist(), f.hi[part].tolist(),
                       f.precise[part].tolist(), f.doc[part].tolist(), _row_sets(f.p_ptr, f.p_val, part),
                       _row_sets(f.o_ptr, f.o_val, part), agents, *(x[part].tolist() for x in extra))


def _list_under(table: dict, keys, h: int) -> None:
    """Happening ``h`` appended to ``table``'s list of each of ``keys``, which keeps its RECENT latest entries."""
    for k in keys:
        lst = table.get(k)
        if lst is None:
            table[k] = [h]
        else:
            lst.append(h)
            if len(lst) > RECENT:
                del lst[0]


def _list_once(table: dict, k, h: int) -> None:
    """Happening ``h`` appended to ``table``'s list of ``k`` unless it is already the last there (RECENT latest kept)."""
    lst = table.get(k)
    if lst is None:
        table[k] = [h]
    elif lst[-1] != h:
        lst.append(h)
        if len(lst) > RECENT:
            del lst[0]


class _Block:
    """The happenings of one action key, indexed by day, by participant and by document."""

    __slots__ = ("by_day", "by_person", "by_other", "by_doc", "by_story")

    def __init__(self):
        self.by_day: dict[int, list[int]] = {}
        # Name word / actor code -> happenings, latest last (at most RECENT). Events are placed earliest
        # first, so the latest few of a participant's happenings are the ones nearest in time.
        self.by_person: dict[int, list[int]] = {}
        self.by_other: dict[int, list[int]] = {}
        self.by_doc: dict[int, list[int]] = {}
        self.by_story: dict[int, list[int]] = {}


class HappeningIndex:
    """Happenings over a growing set of events; ``add(rows)`` groups new events into them.

    Internally a happening is a number; a report that bridges two happenings merges them (the
    later into the earlier, union-find), so ``of_event`` and ``happening_ids()`` give the live
    happenings numbered in founding order.
    """

    def __init__(self, features: EventFeatures, event_ids):
        self.f = features
        self.event_ids = event_ids
        n = len(features)
        self._of = np.full(n, -1, np.int32)      # internal happening number per event (before merges)
        self._resolved: Optional[tuple[np.ndarray, np.ndarray]] = None     # (of_event, founder rows)
        self._ids: Optional[list[str]] = None
        # Per happening (parallel lists): founding row, date intersection, participants, precise?
        self.founder: list[int] = []
        self.uf = UnionFind()                # a merged happening points at the one it joined
        self.parent = self.uf.parent
        self.lo: list[int] = []
        self.hi: list[int] = []
        # Participants as frozensets shared with the founding event until a join adds to them.
        self.persons: list[frozenset] = []
        self.agents: list[frozenset] = []    # acting organizations (features.agents): differing ones conflict
        self.others: list[frozenset] = []
        self.precise: list[bool] = []
        self.doc0: list[int] = []           # the founding report's document
        self.more_docs: dict[int, set] = {}  # documents of the other reports, for happenings that have them
        # Per document code its story (stories.py); a happening's founding story is that of its doc0.
        self.doc_story: list[int] = features.story_of_doc(np.arange(int(features.doc.max()) + 1 if n else 0)).tolist()
        # The founding report's date is firm (features.firm_date): written with its year or read against a creation date.
        self.firm: list[bool] = []
        self.story0: list[int] = []          # the founding report's story (doc_story of doc0), read per candidate
        self.more_stories: dict[int, set] = {}  # stories of the other reports, when they differ
        self.blocks: dict[int, _Block] = {}     # action key code -> its happenings
        self.merged = False                  # any happening merged into another yet
        # The happenings merged into another: a few thousand, so asking this small set is cheaper
        # per candidate than reading the parent list at a happening number far apart from the last.
        self.merged_away: set[int] = set()
        # A grouping seeded by ``from_groups``: its happenings' state is rebuilt per action key on demand.
        self._lazy = False
        self._known_ids: list[str] = []      # ids of the happenings ``from_groups`` was given
        self._replayed_h = np.zeros(0, bool)  # per seeded happening: replayed by ``_seed`` yet
        self.replayed = 0                    # reports ``_seed`` replayed (the cost of extending a seeded grouping)

    def __len__(self) -> int:
        return len(self.founder_rows())

    @classmethod
    def from_groups(cls, features: EventFeatures, event_ids, of_event: np.ndarray,
                    founders: np.ndarray, ids: Optional[list[str]] = None) -> "HappeningIndex":
        """An index holding a known grouping, so ``add`` can extend it without grouping anything again.

        ``of_event``: the happening number of each row (-1 = not grouped yet); ``founders``: each
        happening's founding row (its id is ``h:`` + that event's id). A happening's state (dates,
        participants, documents, index entries) is rebuilt only for the action keys ``add`` is
        given events of (``_seed``), since a new event is only ever compared with happenings of its
        own key: adding one document costs a few array passes plus its keys' reports, not a regrouping.
        ``ids``: the happenings' ids when the caller has them (else read from ``event_ids``).
        """
        f = features
        idx = cls(f, event_ids)
        of = np.asarray(of_event, np.int32)
        founders = np.asarray(founders, np.int64)
        nh = len(founders)
        counts = np.bincount(of[of >= 0], minlength=nh)
        if len(counts) != nh or np.any(counts == 0) or np.any(of[founders] != np.arange(nh)):
            raise ValueError("every happening needs its founder among its members")
        idx._of[:] = of
        idx.founder = founders.tolist()
        idx.uf = UnionFind(nh)
        idx.parent = idx.uf.parent
        # Until ``_seed`` replays a happening's reports, its state is its founder's (never read:
        # only seeded happenings are indexed, so only they can be candidates).
        idx.lo, idx.hi = f.lo[founders].tolist(), f.hi[founders].tolist()
        idx.precise, idx.doc0 = f.precise[founders].tolist(), f.doc[founders].tolist()
        idx.firm = f.firm_date[founders].tolist()
        idx.story0 = f.story_of_doc(f.doc[founders]).tolist()
        empty_set: frozenset = frozenset()
        idx.persons, idx.others, idx.agents = [empty_set] * nh, [empty_set] * nh, [empty_set] * nh
        idx._lazy = True
        idx._replayed_h = np.zeros(nh, bool)
        if ids is not None:
            if len(ids) != nh:
                raise ValueError("one id per happening")
            idx._known_ids = list(ids)
        return idx

    def _seed(self, new_rows: np.ndarray) -> None:
        """Rebuild the seeded happenings the events at ``new_rows`` can find, by replaying their joins.

        An event finds happenings of its action key through its days, its people, its own other
        participants and its document (``_place``). A happening is listed under a day only within a
        precise report's interval, and under a participant only if a report names it, so the
        happenings with a report that shares the key and one of these are all the new events can
        reach; their lists and state come out as grouping left them. Their reports go through
        ``_join`` in the order ``add`` places events, with the happening each already belongs to
        (nothing searched), a happening's first placed report founding its state; merges made by
        bridging reports replay as joins of the merged happening. Exact for one ``add`` after
        ``from_groups``; a later ``add`` may list a happening replayed then after newer ones.
        """
        f = self.f
        of = self._of
        keys = np.unique(f.key_code[new_rows])
        keys = keys[keys >= 0]
        if not len(keys):
            return
        # Reached: a report of the same action key sharing a participant, the document, or a precise day.
        key = f.key_code.astype(np.int64)
        reach = np.zeros(len(of), bool)
        for ptr, val in ((f.p_ptr, f.p_val), (f.o_ptr, f.o_val)):
            width = int(val.max()) + 1 if len(val) else 1
            mine = np.unique(np.concatenate([key[r] * width + val[ptr[r]:ptr[r + 1]] for r in new_rows.tolist()]
                                            or [np.zeros(0, np.int64)]))
            if len(mine):
                owner = np.repeat(np.arange(len(of)), np.diff(ptr))
                reach[owner[np.isin(key[owner] * width + val, mine)]] = True
        reach |= np.isin(f.doc, np.unique(f.doc[new_rows])) & np.isin(key, keys)
        story_of_row = f.story_of_doc(f.doc)
        mine = np.unique(story_of_row[new_rows])
        reach |= np.isin(story_of_row, mine[mine >= 0]) & np.isin(key, keys)
        lo, hi, precise = f.lo, f.hi, f.precise
        by_key: dict[int, np.ndarray] = {}      # precise rows of each key a precise new event has (one pass each)
        for r in new_rows[precise[new_rows]].tolist():
            q_lo, q_hi = int(lo[r]) - 1, min(int(hi[r]), int(lo[r]) + MAX_DAYS_INDEXED)
            same = by_key.get(int(key[r]))
            if same is None:
                same = by_key[int(key[r])] = np.flatnonzero(precise & (key == key[r]))
            reach[same[(lo[same] <= q_hi) & (hi[same] > q_lo)]] = True
        reach &= (of >= 0) & (key >= 0)
        reach[new_rows] = False
        happ = np.unique(of[reach])
        happ = happ[~self._replayed_h[happ]]
        if not len(happ):
            return
        self._replayed_h[happ] = True
        rows = np.flatnonzero(np.isin(of, happ))
        rows = rows[~np.isin(rows, new_rows)]
        unb = (f.lo[rows] <= UNBOUNDED_LO).astype(np.int64)
        rows = rows[np.lexsort((rows, f.doc[rows], f.lo[rows], unb))]
        self.replayed += len(rows)
        started: set[int] = set()
        stories = _doc_sets(f.s_ptr, f.s_val, np.unique(f.doc[rows]))     # one pass, not a slice per document
        with gc_paused():
            for r, key, lo, hi, precise, doc, persons, own, agents, h, st in _placed(f, rows, of, story_of_row):
                block = self.blocks.get(key)
                if block is None:
                    block = self.blocks[key] = _Block()
                story = stories[doc]
                others = own | story if story else own
                if h in started:
                    self._join(h, r, block, lo, hi, precise, doc, st, persons, others, own, agents)
                    continue
                started.add(h)
                self.lo[h], self.hi[h], self.precise[h] = lo, hi, bool(precise)
                self.persons[h], self.others[h], self.agents[h] = persons, others, agents
                self._index(block, h, lo, hi, precise, doc, st, persons, own)

    # -- grouping ------------------------------------------------------------
    def add(self, rows: Optional[Iterable[int]] = None, context: Optional[tuple] = None) -> None:
        """Group the events at ``rows`` (all not yet grouped when None), earliest first.

        ``context``: ``document_context`` over (at least) these events' documents, when the caller
        groups several batches of one corpus (read once, not once per batch).
        """
        f = self.f
        if rows is None:
            rows = np.flatnonzero(self._of < 0)
        rows = np.asarray(list(rows) if not isinstance(rows, np.ndarray) else rows, np.int64)
        if len(rows) == 0:
            return
        self._resolved = self._ids = None
        if self._lazy:
            self._seed(rows)
        # Earliest first, bounded dates before unbounded ones, then document and row: a stable order.
        unb = (f.lo[rows] <= UNBOUNDED_LO).astype(np.int64)
        rows = rows[np.lexsort((rows, f.doc[rows], f.lo[rows], unb))]
        stories, mains = context if context is not None else document_context(f, f.doc[rows])
        doc_story = self.doc_story      # read per event: a story list per row would be a million more ints
        blocks, decide, found = self.blocks, self._decide, self._found
        with gc_paused():       # millions of small sets and lists, none of them cyclic
            for r, key, lo, hi, precise, doc, people, own, agents, firm in _placed(f, rows, f.firm_date):
                st = doc_story[doc]
                story = stories[doc]
                # Evidence: the clause's own participants and its story's; looked up by its own.
                # Sets are never changed in place (a happening copies before it grows), so a clause
                # naming no others of its own shares its document's story set instead of a copy.
                others = (own | story if own else story) if story else own
                if key < 0:
                    found(r, None, lo, hi, precise, doc, st, people, others, own, agents, firm)
                    continue
                block = blocks.get(key)
                if block is None:
                    block = blocks[key] = _Block()
                # Candidates: the happenings of its action key listed under its days, its people, its
                # own other participants, its document and its story (the lists hold their RECENT
                # latest: read whole, no slice). Inline here: this runs once per event.
                cands: set[int] = set()
                more = cands.update
                if precise:
                    by_day = block.by_day
                    for d in range(lo - 1, (hi if hi < lo + MAX_DAYS_INDEXED else lo + MAX_DAYS_INDEXED) + 1):
                        more(by_day.get(d, ()))
                by_person, by_other = block.by_person, block.by_other
                for a in people:
                    more(by_person.get(a, ()))
                for a in own:
                    more(by_other.get(a, ()))
                more(block.by_doc.get(doc, ()))
                if st >= 0:             # a story of several documents (a lone document's is its by_doc list)
                    more(block.by_story.get(st, ()))
                if not cands:
                    found(r, block, lo, hi, precise, doc, st, people, others, own, agents, firm)
                    continue
                decide(r, block, cands, lo, hi, precise, doc, st, people, others, own, agents, firm,
                       not people or not people.isdisjoint(mains[doc] if mains is not None else _EMPTY))

    def _decide(self, r, block, cands, lo, hi, precise, doc, st, persons, others, own, agents,
                firm_date=True, firm_people=True) -> None:
        """The event at ``r`` joins the best fitting of ``cands`` (bridging others), or founds one.

        How well it fits a happening (0 = not at all) is tested inline, cheap integer tests
        first: this loop runs some ten times per event.
        """
        best, best_score, strong = -1, 0, None
        merged_away, h_lo_, h_hi_, h_precise = self.merged_away, self.lo, self.hi, self.precise
        h_persons, h_others, doc0, more_docs = self.persons, self.others, self.doc0, self.more_docs
        h_agents = self.agents
        story0, more_stories = self.story0, self.more_stories
        firm = self.firm
        find = self.uf.find
        name_base = self.f.name_base
        for h in cands:
            if h in merged_away:        # merged into another since it was indexed
                h = find(h)
                if h == best:
                    continue
            h_lo = h_lo_[h]
            h_hi = h_hi_[h]
            if lo < h_hi and h_lo < hi:
                overlap, soft_date = True, False
            else:
                overlap = soft_date = False
                # Within one story, a date that is not firm (either side) is no conflict.
                if not (firm_date and firm[h]) and (st == story0[h] or (h in more_stories and st in more_stories[h])):
                    soft_date = True
                elif not (precise and h_precise[h] and lo <= h_hi and h_lo <= hi):    # adjacent days
                    continue
            both_precise = precise and h_precise[h]
            hp = h_persons[h]
            if persons and hp and hp.isdisjoint(persons):     # both name people, none shared
                # Forgiven only for a clause naming none of its document's main people, from another
                # document of the happening's story (within one document names mean what they say).
                if firm_people or doc == doc0[h] or (h in more_docs and doc in more_docs[h]) \
                        or not (st == story0[h] or (h in more_stories and st in more_stories[h])):
                    continue
            if agents:
                ha = h_agents[h]
                # Both name who acted, different organizations; or, across stories, the names their
                # labels write (features.label_names) differ.
                if ha and (_disjoint_below(ha, agents, name_base) or (
                        not (st == story0[h] or (h in more_stories and st in more_stories[h]))
                        and _disjoint_below(ha, agents, None, name_base))):
                    continue
            ho = h_others[h]
            shared = (len(hp & persons) if hp and persons else 0) + (len(ho & others) if ho and others else 0)
            # One day apart, both to the day: the same happening dated two ways only with a shared participant.
            if not overlap and not shared and not soft_date:
                continue
            same_doc = doc == doc0[h] or (h in more_docs and doc in more_docs[h])
            same_story = not same_doc and (st == story0[h] or (h in more_stories and st in more_stories[h]))
            if not (shared or (both_precise and overlap) or same_doc or same_story):
                continue
            score = 4 * shared + 2 * (both_precise and overlap) + same_doc + same_story + 1
            if score >= BRIDGE:
                if strong is None:
                    strong = [h]
                else:
                    strong.append(h)
            if score > best_score or (score == best_score and h < best):
                best, best_score = h, score
        if best < 0:
            self._found(r, block, lo, hi, precise, doc, st, persons, others, own, agents, firm_date)
            return
        # A report that shares participants with two happenings of its kind and fits both
        # bridges them: they are one happening when they fit each other too, as they were before
        # the report (its own people must not make two arrests of different people compatible).
        bridge = strong is not None and len(strong) > 1
        if bridge:
            before = (h_lo_[best], h_hi_[best], frozenset(h_persons[best]), frozenset(h_agents[best]))
        self._join(best, r, block, lo, hi, precise, doc, st, persons, others, own, agents)
        if bridge:
            for h in sorted(strong):
                root, h = self.uf.find(best), self.uf.find(h)
                if h != root and self._compatible(before, h):
                    before = (max(before[0], h_lo_[h]), min(before[1], h_hi_[h]), before[2] | h_persons[h],
                              before[3] | h_agents[h])
                    self._merge(root, h, block)

    def _compatible(self, a: tuple, b: int) -> bool:
        """Happening ``b`` and a happening whose (lo, hi, people, acting organizations) are ``a`` may
        be one: their dates overlap and neither their people nor their acting organizations conflict."""
        lo, hi, pa, ga = a
        if not (lo < self.hi[b] and self.lo[b] < hi):
            return False
        pb, gb = self.persons[b], self.agents[b]
        return not (pa and pb and pa.isdisjoint(pb)) and not (ga and gb and _disjoint_below(ga, gb, self.f.name_base))

    def _merge(self, a: int, b: int, block) -> None:
        """Happening ``b`` joins ``a``; the earlier founded one stays (its id is kept)."""
        root = self.uf.union(a, b)
        a, b = root, a + b - root
        self.merged = True
        self.merged_away.add(b)
        self.lo[a], self.hi[a] = max(self.lo[a], self.lo[b]), min(self.hi[a], self.hi[b])
        self.precise[a] = self.precise[a] or self.precise[b]
        self.persons[a] = set(self.persons[a]) | self.persons[b]
        self.others[a] = set(self.others[a]) | self.others[b]
        self.agents[a] = set(self.agents[a]) | self.agents[b]
        docs = self.more_docs.setdefault(a, set())
        docs.add(self.doc0[b])
        docs.update(self.more_docs.pop(b, ()))
        docs.discard(self.doc0[a])
        stories = self.more_stories.setdefault(a, set())
        stories.add(self.story0[b])
        stories.update(self.more_stories.pop(b, ()))
        stories.discard(self.story0[a])
        # b's index entries now lead to a through _find; a's interval may have narrowed to days.
        self._index(block, a, self.lo[a], self.hi[a], self.precise[a], None, None, (), ())

    def _found(self, r, block, lo, hi, precise, doc, st, persons, others, own, agents, firm=None) -> None:
        """Event ``r`` founds a happening; ``firm``: its ``features.firm_date`` when the caller has it."""
        h = len(self.founder)
        self.founder.append(r)
        self.parent.append(h)       # UnionFind.add inline: a set of its own (this runs once per happening)
        self.lo.append(lo)
        self.hi.append(hi)
        self.persons.append(persons)
        self.others.append(others)
        self.agents.append(agents)
        self.precise.append(bool(precise))
        self._of[r] = h
        self.doc0.append(doc)
        self.story0.append(self.doc_story[doc])
        self.firm.append(bool(self.f.firm_date[r]) if firm is None else bool(firm))
        if block is not None:
            self._index(block, h, lo, hi, precise, doc, st, persons, own)

    def _join(self, h, r, block, lo, hi, precise, doc, st, persons, others, own, agents) -> None:
        self._of[r] = h
        h_lo_, h_hi_, h_precise = self.lo, self.hi, self.precise
        h_lo, h_hi = h_lo_[h], h_hi_[h]
        new_lo = h_lo if h_lo >= lo else lo
        new_hi = h_hi if h_hi <= hi else hi
        if new_lo < new_hi:       # the intersection narrows; a conflicting date leaves it as it was
            if precise and not h_precise[h]:
                h_precise[h] = True
            h_lo_[h], h_hi_[h] = new_lo, new_hi
        elif precise and not h_precise[h]:
            h_lo_[h], h_hi_[h], h_precise[h] = lo, hi, True
        h_persons, h_others = self.persons, self.others
        fresh_p = persons - h_persons[h] if persons else persons
        fresh_o = others - h_others[h] if others else others
        # A happening's participants grow in place: copying a large happening's set on every join
        # would cost its size each time. Until then they are its founding event's frozenset.
        if fresh_p:
            hp = h_persons[h]
            if type(hp) is frozenset:
                hp = h_persons[h] = set(hp)
            hp |= fresh_p
        if fresh_o:
            ho = h_others[h]
            if type(ho) is frozenset:
                ho = h_others[h] = set(ho)
            ho |= fresh_o
        if agents and not agents <= self.agents[h]:
            ga = self.agents[h]
            self.agents[h] = (set(ga) if type(ga) is frozenset else ga) | agents
        # (get, not setdefault: no empty set made and dropped on most joins)
        if doc != self.doc0[h]:
            docs = self.more_docs.get(h)
            if docs is None:
                self.more_docs[h] = {doc}
            else:
                docs.add(doc)
        if st != self.story0[h]:
            stories = self.more_stories.get(h)
            if stories is None:
                self.more_stories[h] = {st}
            else:
                stories.add(st)
        lst = block.by_doc.get(doc)
        fresh_doc = lst is None or h not in lst
        if st >= 0:
            lst = block.by_story.get(st)
            fresh_story = lst is None or h not in lst
        else:
            fresh_story = False
        self._index(block, h, h_lo_[h], h_hi_[h], h_precise[h], doc if fresh_doc else None,
                    st if fresh_story else None, fresh_p, fresh_o & own if fresh_o else fresh_o)

    @staticmethod
    def _index(block, h, lo, hi, precise, doc, st, persons, others) -> None:
        """List happening ``h`` under these days, participants, document and story (each list its RECENT latest)."""
        if precise and hi - lo <= MAX_DAYS_INDEXED:
            by_day = block.by_day
            for d in range(lo, hi):
                _list_once(by_day, d, h)
        if persons:
            _list_under(block.by_person, persons, h)
        if others:
            _list_under(block.by_other, others, h)
        if doc is not None:
            _list_once(block.by_doc, doc, h)
        if st is not None and st >= 0:
            _list_once(block.by_story, st, h)

    # -- results -------------------------------------------------------------
    def _numbering(self) -> tuple[np.ndarray, np.ndarray]:
        """(live number of each internal happening's root, founding row of each live happening)."""
        n = len(self.founder)
        root = np.arange(n, dtype=np.int32)
        if self.merged:
            root = np.asarray(self.uf.roots(), np.int32)     # pointer jumping over an array, no find per happening
        live = root == np.arange(n)
        number = np.cumsum(live, dtype=np.int64).astype(np.int32) - 1     # live happenings, in founding order
        return number[root], np.asarray(self.founder, np.int64)[live]

    def _resolve(self) -> tuple[np.ndarray, np.ndarray]:
        if self._resolved is None:
            number, rows = self._numbering()
            of = np.where(self._of >= 0, number[np.clip(self._of, 0, None)] if len(number) else -1, -1).astype(np.int32)
            self._resolved = (of, rows)
        return self._resolved

    def of_rows(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(``of_event`` at ``rows``, ``founder_rows()``) without resolving every event: a batch of a
        million-event grouping reads its own rows only (resolving all of them per batch cost 0.3 s)."""
        number, founders = self._numbering()
        of = self._of[rows]
        return np.where(of >= 0, number[np.clip(of, 0, None)] if len(number) else -1, -1).astype(np.int32), founders

    @property
    def of_event(self) -> np.ndarray:
        """The happening number of each event (-1 = not grouped yet), live happenings numbered in founding order."""
        return self._resolve()[0]

    def happening_ids(self) -> list[str]:
        # Made only when asked: grouping a batch needs the founding rows, and a million id strings cost seconds.
        if self._ids is None:
            rows = self._resolve()[1]
            known = self._known_ids if not self.merged else []     # seeded happenings keep their ids
            self._ids = known + ["h:" + self.event_ids[r] for r in rows[len(known):].tolist()]
        return self._ids

    def founder_rows(self) -> np.ndarray:
        """The founding event row of each live happening (what its id names)."""
        return self._resolve()[1]


def _disjoint_below(a, b, top, bottom: int = 0) -> bool:
    """Both sets hold values in [bottom, top) and share none of them: acting organizations are the
    codes below ``name_base``, the names labels write those from it on."""
    if top is None:
        oa = {x for x in a if x >= bottom}
        ob = {x for x in b if x >= bottom} if oa else oa
    else:
        oa = {x for x in a if x < top}
        ob = {x for x in b if x < top} if oa else oa
    return bool(ob) and oa.isdisjoint(ob)


def naive_groups(f: EventFeatures) -> np.ndarray:
    """The same rules with no blocking: every event against every happening so far (the bench's baseline)."""
    idx = HappeningIndex(f, [str(i) for i in range(len(f))])
    unb = (f.lo <= UNBOUNDED_LO).astype(np.int64)
    order = np.lexsort((np.arange(len(f)), f.doc, f.lo, unb))
    for r in order.tolist():
        key = int(f.key_code[r])
        args = (int(f.lo[r]), int(f.hi[r]), bool(f.precise[r]), int(f.doc[r]),
                int(f.story_of_doc(f.doc[r:r + 1])[0]), f.persons(r),
                f.others(r) | f.story(int(f.doc[r])), f.others(r), f.agents(r))
        if key < 0:
            idx._found(r, None, *args)
            continue
        block = idx.blocks.setdefault(key, _Block())
        cands = {h for h in range(len(idx.founder))
                 if idx.parent[h] == h and f.key_code[idx.founder[h]] == key}
        people, main = args[5], f.main_people(int(f.doc[r]))
        idx._decide(r, block, cands, *args, bool(f.firm_date[r]), not people or not people.isdisjoint(main))
    idx._resolved = idx._ids = None
    return idx.of_event
