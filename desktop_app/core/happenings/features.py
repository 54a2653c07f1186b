"""What grouping needs to know about each event, read from the event columns in one pass.

Days are whole days since 1970-01-01 (the store's seconds // 86400); an interval is
``[lo, hi)`` in days. An event with no date of its own is bounded by its report: it happened
at most ``REPORT_WINDOW`` days before its document's creation time and not after it (news
reports what is recent), and is unbounded when the document has no creation time either.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

import numpy as np

from desktop_app.core.model import PRECISIONS, Corpus
from desktop_app.core.store.events import EventStore, event_store
from desktop_app.core.store.times import NONE, to_seconds

from .action import action_key
from .header_dates import from_header
from .label_names import label_names
from .stories import document_stories

DAY = 86400
UNBOUNDED_LO = -(2 ** 40)
UNBOUNDED_HI = 2 ** 40
HEADER_LAG = 2          # days a happening dated only by its page's header date may lie before it
REPORT_WINDOW = 30      # days an undated event may lie before the report that tells it
_DAY_PREC = PRECISIONS.index("day")


@dataclass(slots=True)
class EventFeatures:
    """One row per event, as arrays (a million events must not become millions of Python objects).

    Participants are CSR arrays: people as the words of their names (numbers), others as actor
    codes; ``persons(r)`` / ``others(r)`` give one event's as a frozenset when grouping asks.
    """

    key_code: np.ndarray     # int32 action key per event, -1 = no action (never grouped)
    keys: list[str]          # key code -> key text
    lo: np.ndarray           # int64 days, inclusive
    hi: np.ndarray           # int64 days, exclusive
    precise: np.ndarray      # bool: the event's own date is known to the day (or finer)
    doc: np.ndarray          # int32 document code
    p_ptr: np.ndarray        # CSR over events: words of the people's names
    p_val: np.ndarray
    o_ptr: np.ndarray        # CSR over events: organizations, groups and places (media and sources left out)
    o_val: np.ndarray
    source_code: np.ndarray  # int32: who reported it (cited source, else publication, else document)
    source_names: list[str]
    reported: np.ndarray     # int64 day it was reported (report date, else the document's), UNBOUNDED_HI unknown
    s_ptr: Optional[np.ndarray]   # CSR over document codes: its story participants (actor codes, see _story_actors)
    s_val: Optional[np.ndarray]   # (None once grouped: ``grouped``)
    # CSR over events: organizations and groups the clause names as its agent ("Telerate shares
    # closed", "Seagram closed"); two reports whose acting organizations differ tell two happenings.
    # From ``name_base`` on, the names its label writes (label_names.py): across stories, two
    # reports whose labels name different participants tell two happenings.
    a_ptr: Optional[np.ndarray] = None
    a_val: Optional[np.ndarray] = None
    # Per document code its story (``stories.py``: documents sharing rare participants
    # within weeks), -1 - the code for a document alone; None = every document alone.
    doc_story: Optional[np.ndarray] = None
    # CSR over document codes: the name words of its story participants that are people (its main
    # people); a clause naming none of them names people only in passing.
    m_ptr: Optional[np.ndarray] = None
    m_val: Optional[np.ndarray] = None
    # Per event: its date can be trusted as a conflict, having been read against its document's
    # creation or report date (without one, a page's own date stamp or a weekday read against it
    # may stand for the happening's day); None = all of them.
    firm_date: Optional[np.ndarray] = None
    # Agents below this value are acting organizations (actor codes); from it on, names a label writes.
    name_base: int = 2 ** 62

    def __len__(self) -> int:
        return len(self.key_code)

    def key(self, r: int) -> str:
        k = int(self.key_code[r])
        return self.keys[k] if k >= 0 else ""

    def persons(self, r: int) -> frozenset:
        return _row_set(self.p_ptr, self.p_val, r)

    def others(self, r: int) -> frozenset:
        return _row_set(self.o_ptr, self.o_val, r)

    def agents(self, r: int) -> frozenset:
        return _EMPTY if self.a_ptr is None else _row_set(self.a_ptr, self.a_val, r)

    def story(self, d: int) -> frozenset:
        """The story participants of document code ``d``."""
        return _EMPTY if self.s_ptr is None else _row_set(self.s_ptr, self.s_val, d)

    def main_people(self, d: int) -> frozenset:
        """The name words of document code ``d``'s main people."""
        return _EMPTY if self.m_ptr is None else _row_set(self.m_ptr, self.m_val, d)

    def story_of_doc(self, doc: np.ndarray) -> np.ndarray:
        """The story of each document code in ``doc``: ``-1 - doc`` for a document that is a story alone."""
        return -1 - np.asarray(doc, np.int64) if self.doc_story is None else self.doc_story[doc]

    def source(self, r: int) -> str:
        return self.source_names[int(self.source_code[r])]

    def grouped(self) -> "EventFeatures":
        """These features as the happenings keep them once grouped: without what only grouping reads
        (acting organizations, story participants, main people, firm dates; 7 MB at a million events,
        held as long as the corpus is open). Reports, sources, dates, people, other participants,
        action keys and stories stay: records, salience, the views and added.py read those."""
        return EventFeatures(self.key_code, self.keys, self.lo, self.hi, self.precise, self.doc, self.p_ptr, self.p_val,
                             self.o_ptr, self.o_val, self.source_code, self.source_names, self.reported, None, None,
                             doc_story=self.doc_story, name_base=self.name_base)

    def subset(self, n: int) -> "EventFeatures":
        """The first ``n`` events."""
        return EventFeatures(self.key_code[:n], self.keys, self.lo[:n], self.hi[:n], self.precise[:n], self.doc[:n],
                             self.p_ptr[:n + 1], self.p_val, self.o_ptr[:n + 1], self.o_val, self.source_code[:n],
                             self.source_names, self.reported[:n], self.s_ptr, self.s_val,
                             None if self.a_ptr is None else self.a_ptr[:n + 1], self.a_val, self.doc_story,
                             self.m_ptr, self.m_val, None if self.firm_date is None else self.firm_date[:n], self.name_base)


_EMPTY: frozenset = frozenset()


def _row_set(ptr: np.ndarray, val: np.ndarray, r: int) -> frozenset:
    """Row ``r`` of a CSR (ptr, val) pair as a frozenset (the shared empty one when it has none)."""
    a, b = int(ptr[r]), int(ptr[r + 1])
    return frozenset(val[a:b].tolist()) if b > a else _EMPTY


def _csr(owner: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """CSR (ptr, values) from one owner row per value (owners ascending)."""
    counts = np.bincount(owner, minlength=n) if len(owner) else np.zeros(n, np.int64)
    # int32 pointers while they fit: the happenings keep these for as long as the corpus is open (three
    # CSRs over a million events: 11 MB less than int64).
    ptr = np.concatenate([[0], np.cumsum(counts)])
    return ptr.astype(np.int32 if ptr[-1] < 2 ** 31 else np.int64), values.astype(np.int32)


STORY_ACTORS = 3       # a document's most told participants, shared by all its events as context


def _story_actors(owner, codes, k_of, doc, n_docs):
    """CSR over document codes: each document's story participants (at most ``STORY_ACTORS``).

    A report names the happening's participants once or twice, not in every clause ("The 76ers
    fired him"): the few participants a document's events name most (people included, by actor,
    each in at least two events) are context every event of the document shares. They count as
    a shared participant with another report, never as a conflict (people conflict by their own
    clause's names only).
    """
    keep = k_of != 2
    if not keep.any():
        return np.zeros(n_docs + 1, np.int64), np.zeros(0, np.int32)
    width = int(codes.max()) + 1
    # Each temporary here has one entry per participant mention (2 million at a million events):
    # built in place, narrowed to 32 bits and dropped as soon as used, this was the features pass's peak.
    pair = doc[owner[keep]].astype(np.int64)
    pair *= width
    pair += codes[keep]
    pair.sort()
    starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
    cnt = np.diff(np.r_[starts, len(pair)]).astype(np.int32)
    u = pair[starts]
    del pair, starts
    d_of, a_of = (u // width).astype(np.int32), (u % width).astype(np.int32)
    del u
    # Per document, most told first, then by actor code: the pairs are in (document, actor) order,
    # so a stable sort on (document, -count) keeps equal counts in actor order.
    top = int(cnt.max()) + 1
    order = np.argsort(d_of.astype(np.int64) * top + (top - 1 - cnt), kind="stable")
    d_of, a_of, cnt = d_of[order], a_of[order], cnt[order]
    del order
    first = np.flatnonzero(np.r_[True, d_of[1:] != d_of[:-1]])
    rank = np.arange(len(d_of)) - np.repeat(first, np.diff(np.r_[first, len(d_of)]))
    sel = (rank < STORY_ACTORS) & (cnt >= 2)
    return _csr(d_of[sel], a_of[sel], n_docs)


def event_columns(corpus: Corpus) -> EventStore:
    ev = corpus.events
    return ev if isinstance(ev, EventStore) else event_store(ev, corpus.documents)


# Creation time -> its day interval (None: unreadable), kept across groupings: a corpus read again
# after one document was added or changed has the same few thousand dates (parsing them was a
# third of the features pass then).
_DCT_DAYS: dict[str, Optional[tuple[int, int]]] = {}
_DCT_DAYS_MAX = 200_000


def _dct_day_span(dct: str) -> Optional[tuple[int, int]]:
    from desktop_app.core.documents.dct import DctError, dct_interval
    if dct in _DCT_DAYS:
        return _DCT_DAYS[dct]
    try:
        iv = dct_interval(dct)
        known: Optional[tuple[int, int]] = (to_seconds(iv.start) // DAY, -(-to_seconds(iv.end) // DAY))
    except (DctError, ValueError):
        known = None
    if len(_DCT_DAYS) >= _DCT_DAYS_MAX:
        _DCT_DAYS.clear()
    _DCT_DAYS[dct] = known
    return known


def _dct_days(corpus: Corpus, store: EventStore) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Per document code: the creation time's day interval (unbounded when unknown) and its source name."""
    docs = {d.id: d for d in corpus.documents}
    values = store.codes["doc"].values
    lo = np.full(len(values), UNBOUNDED_LO, np.int64)
    hi = np.full(len(values), UNBOUNDED_HI, np.int64)
    names: list[str] = []
    for code, doc_id in enumerate(values):
        d = docs.get(doc_id)
        names.append((d.publication if d is not None and d.publication else None) or doc_id)
        if d is None or not d.dct:
            continue
        known = _dct_day_span(d.dct)
        if known is not None:
            lo[code], hi[code] = known
    return lo, hi, names


def _days(corpus: Corpus, store: EventStore, doc: np.ndarray, dct_hi: np.ndarray):
    """Per event: (first day, day after its last, its own date known to the day), see the module
    docstring; a function of its own so its temporaries go when it returns."""
    c = store.c
    s, e = c["date_start"], c["date_end"]
    has = (s != NONE) & (c["date_prec"] >= 0)
    lo = np.where(has, s // DAY, 0)
    hi = np.where(has, -(-e // DAY), 0)
    # Without a creation time, an event dated by its page's header line (header_dates.py) happened
    # on that day or up to HEADER_LAG days before it. (Bounding the undated events of such pages by
    # the header date as by a creation time was tried: ECB+ dev -0.9, train -0.4.)
    header_dated = from_header(corpus, store)
    d_hi = dct_hi[doc]
    d_lo = np.where(d_hi >= UNBOUNDED_HI, UNBOUNDED_LO, d_hi - REPORT_WINDOW)
    lo = np.where(has, lo, d_lo)
    hi = np.where(has, hi, d_hi)
    hi = np.maximum(hi, lo + 1)
    lo = np.where(header_dated, lo - HEADER_LAG, lo)
    on = np.asarray([v == "on" for v in store.codes["relation"].values] or [True])
    rel = c["date_rel"].astype(np.int64)
    precise = has & (c["date_prec"] <= _DAY_PREC) & on[np.clip(rel, 0, len(on) - 1)]
    return lo, hi, precise


def event_features(corpus: Corpus, store: EventStore | None = None) -> EventFeatures:
    store = store if store is not None else event_columns(corpus)
    c = store.c
    n = len(store)
    types = {a.id: a.type for a in corpus.actors}
    dct_lo, dct_hi, pub = _dct_days(corpus, store)
    doc = c["doc"].astype(np.int32)
    # Participants, split by type once per distinct actor code. A person is known by the words of
    # its name (as numbers), not its id: "Jamal Williams" and "Chargers' Jamal Williams" may be two
    # actors of one person, and reports of one happening name people differently.
    actor_values = store.codes["actor"].values
    kind = np.array([{"person": 0, "media": 2}.get(types.get(a, ""), 1) for a in actor_values] or [1], np.int8)
    words: dict[str, int] = {}
    name_words = [[words.setdefault(w, len(words)) for w in _name_words(a)] if k == 0 else []
                  for a, k in zip(actor_values, kind.tolist())]
    w_len = np.array([len(x) for x in name_words] or [0], np.int64)
    w_ptr = np.concatenate([[0], np.cumsum(w_len)]).astype(np.int64)
    w_val = np.array([w for x in name_words for w in x], np.int64)
    codes = c["actor"].astype(np.int32, copy=False)     # 32-bit row and actor numbers: half the peak
    owner = np.repeat(np.arange(n, dtype=np.int32), np.diff(c["actor_ptr"]))
    k_of = kind[codes] if len(codes) else np.zeros(0, np.int8)
    is_o = k_of == 1
    o_ptr, o_val = _csr(owner[is_o], codes[is_o], n)
    s_ptr, s_val = _story_actors(owner, codes, k_of, doc, len(dct_hi))
    role_values = list(store.codes["role"].values)
    agent = role_values.index("agent") if "agent" in role_values else -2
    acting = np.array([types.get(a, "") in ("organization", "group") for a in actor_values] or [False])
    is_a = (c["role"].astype(np.int64) == agent) & acting[codes] if len(codes) else np.zeros(0, bool)
    a_ptr, a_val = _csr(owner[is_a], codes[is_a], n)
    del is_a, is_o
    # Stories and main people read the actor rows before they are freed below.
    stories = _stories(doc, owner, codes, k_of, len(dct_hi), dct_lo)
    # Main people: the people a document names in two or more of its events, as the words of their names.
    md, mp = _main_people(owner, codes, k_of, doc)
    is_p = k_of == 0
    pc = codes[is_p].astype(np.int64)
    po = owner[is_p]
    del codes, owner, k_of, is_p
    reps = w_len[pc] if len(pc) else np.zeros(0, np.int64)
    p_owner = np.repeat(po, reps)
    # Each person code expands into its name words: start of its words plus 0..len-1.
    starts = np.repeat(w_ptr[pc] if len(pc) else np.zeros(0, np.int64), reps)
    within = np.arange(len(p_owner), dtype=np.int64) - np.repeat(np.cumsum(reps) - reps, reps)
    p_ptr, p_val = _csr(p_owner, w_val[starts + within] if len(p_owner) else np.zeros(0, np.int64), n)
    del pc, po, reps, p_owner, starts, within     # not held through the labels' pass
    # Independent sources: the cited source when a sentence names one, else the publication.
    names = list(dict.fromkeys([*actor_values, *pub]))
    name_code = {v: i for i, v in enumerate(names)}
    a_code = np.array([name_code[v] for v in actor_values] or [0], np.int32)
    p_code = np.array([name_code[v] for v in pub] or [0], np.int32)
    rsrc = c["report_source"]
    source_code = np.where(rsrc >= 0, a_code[np.clip(rsrc, 0, None)], p_code[doc]).astype(np.int32)
    # One pass over the labels: per distinct label (cached while fewer than 500,000) its action key and
    # the names it writes, read once; each event keeps only its label's number, so the names a label
    # writes are joined to its rows with arrays (a second decoding pass per row cost 1.3 s at 1M).
    key_index: dict[str, int] = {"": -1}
    label_no: dict[str, int] = {}
    label_key: list[int] = []          # label number -> key code
    label_named: list = []             # label number -> (names, opener) it writes, None when none
    rows_label: list[int] = []         # small ints, appended: a numpy store per event cost more than the lookup
    known, append = label_no.get, rows_label.append
    for lab in _labels(store):
        i = known(lab)
        if i is None:
            i = len(label_key)
            text = action_key(lab)
            k = key_index.get(text)
            if k is None:
                k = key_index[text] = len(key_index) - 1
            label_key.append(k)
            got = label_names(lab, text)
            label_named.append(got if got[0] or got[1] else None)
            if len(label_no) < 500_000:
                label_no[lab] = i
        append(i)
    of_row = np.array(rows_label, np.int32) if rows_label else np.empty(0, np.int32)
    del rows_label, label_no
    key_code = np.array(label_key, np.int32)[of_row] if len(of_row) else np.empty(0, np.int32)
    keys = [t for t, _ in sorted(((t, k) for t, k in key_index.items() if k >= 0), key=lambda x: x[1])]
    a_ptr, a_val = _with_label_names(a_ptr, a_val, of_row, label_named, c["actor_ptr"], c["actor"],
                                     actor_values, types)
    del of_row
    # The dates last, so their arrays are not alive through the stories step and the labels' pass.
    lo, hi, precise = _days(corpus, store, doc, dct_hi)
    rs = c["report_start"]
    reported = np.where((c["reported"] != 0) & (rs != NONE), rs // DAY,
                        np.where(dct_lo[doc] <= UNBOUNDED_LO, UNBOUNDED_HI, dct_lo[doc]))
    m_len = w_len[mp] if len(mp) else np.zeros(0, np.int64)
    m_words = w_val[np.repeat(w_ptr[mp], m_len) + np.arange(int(m_len.sum())) - np.repeat(np.cumsum(m_len) - m_len, m_len)] \
        if len(mp) else np.zeros(0, np.int64)
    m_ptr, m_val = _csr(np.repeat(md, m_len), m_words, len(dct_hi))
    return EventFeatures(key_code, keys, lo.astype(np.int64, copy=False), hi.astype(np.int64, copy=False), precise,
                         doc, p_ptr, p_val, o_ptr, o_val, source_code, names, reported.astype(np.int64, copy=False),
                         s_ptr, s_val, a_ptr, a_val,
                         stories, m_ptr, m_val, reported < UNBOUNDED_HI, len(actor_values))


def _main_people(owner, codes, k_of, doc) -> tuple[np.ndarray, np.ndarray]:
    """(document codes ascending, person actor codes): the people each document names in two or more events."""
    is_p = k_of == 0
    if not is_p.any():
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    width = int(codes.max()) + 1
    named = np.sort(owner[is_p].astype(np.int64) * width + codes[is_p])
    named = named[np.r_[True, named[1:] != named[:-1]]]           # (event, person) once each (np.unique hashed: 1.6 s at 1M)
    pair = np.sort(doc[named // width].astype(np.int64) * width + named % width)
    starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
    cnt = np.diff(np.r_[starts, len(pair)])
    keep = pair[starts][cnt >= 2]
    return keep // width, keep % width


def _stories(doc, owner, codes, k_of, n_docs, dct_lo) -> np.ndarray:
    """Per document code its story (``stories.py``), from the participants its events name (media left out)."""
    is_actor = k_of != 2
    story = document_stories(doc[owner[is_actor]], codes[is_actor], n_docs, dct_lo).astype(np.int64)
    # A document alone is numbered -1 - its code, so grouping indexes only stories of several documents.
    return np.where(np.bincount(story, minlength=n_docs)[story] > 1, story, -1 - np.arange(n_docs))


_NAME_NOISE = {"mr", "mrs", "ms", "dr", "sir", "the", "of", "and", "jr", "sr", "president", "minister",
               "general", "chief", "coach", "police", "officer", "man", "woman", "people", "killed", "arrested"}


def _name_words(actor_id: str) -> list[str]:
    slug = actor_id.split(":", 1)[-1]
    return [w for w in slug.split("-") if len(w) >= 3 and w not in _NAME_NOISE and not w.isdigit()]


LABEL_CHUNK = 1 << 16   # labels decoded at a time: a million at once held ~80 MB of strings while grouping


def _labels(store: EventStore) -> Iterator[str]:
    """Every event's label in row order, decoded a chunk at a time."""
    labels = store.labels
    n = len(labels)
    for s in range(0, n, LABEL_CHUNK):
        e = min(n, s + LABEL_CHUNK)
        try:
            yield from labels[s:e]      # one decode per chunk when the column supports slices
        except TypeError:
            yield from (labels[i] for i in range(s, e))


def _with_label_names(a_ptr, a_val, of_row, label_named, actor_ptr, codes, actor_values, types):
    """Each event's acting organizations (actor codes) and the names its label writes (word numbers
    from ``len(actor_values)`` on, ``label_names.py``), less the words of its places and media; a
    capitalised opening word counts when one of the clause's other actors bears it ("Cineplex closed").
    ``of_row`` is each event's label number, ``label_named`` per label number its (names, opener) or None."""
    n = len(of_row)
    slug = [frozenset(_slug_words(a)) for a in actor_values]
    is_place = [types.get(a, "") in ("location", "media") for a in actor_values]
    base = len(actor_values)
    vocab: dict[str, int] = {}
    rows, vals = [], []
    writes = np.array([g is not None for g in label_named], bool)
    # Most labels write no name: only the rows of those that do are read per actor.
    rows_named = np.flatnonzero(writes[of_row]) if n else np.empty(0, np.int64)
    for r, li in zip(rows_named.tolist(), of_row[rows_named].tolist()):
        names, opener = label_named[li]
        places: set = set()
        named: set = set()
        for cd in codes[actor_ptr[r]:actor_ptr[r + 1]].tolist():
            (places if is_place[cd] else named).update(slug[cd])
        if opener and opener in named:
            names = (opener, *names)
        for w in names:
            if w not in places:
                rows.append(r)
                vals.append(base + vocab.setdefault(w, len(vocab)))
    if not rows:
        return a_ptr, a_val
    own = np.repeat(np.arange(n), np.diff(a_ptr))
    owner2 = np.concatenate([own, np.asarray(rows, np.int64)])
    val2 = np.concatenate([a_val.astype(np.int64), np.asarray(vals, np.int64)])
    order = np.argsort(owner2, kind="stable")
    owner2, val2 = owner2[order], val2[order]
    keep = np.r_[True, (owner2[1:] != owner2[:-1]) | (val2[1:] != val2[:-1])]
    return _csr(owner2[keep], val2[keep], n)


def _slug_words(actor_id: str) -> list[str]:
    return [w for w in actor_id.split(":", 1)[-1].split("-") if w]
