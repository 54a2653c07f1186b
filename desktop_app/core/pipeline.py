"""Documents in, Corpus out: timexes, actors, events, undated facts, ties.

Per-document work is the pure function ``extract_document`` (its result is
plain picklable data), so it can be mapped over processes here and over a
cluster later; ``merge`` then resolves names across documents and assigns
ids that depend only on the input (same documents -> same ids).

    from desktop_app.core.pipeline import extract_corpus, reresolve_document
    corpus = extract_corpus(docs, task=TaskState(), workers=2)
    corpus = reresolve_document(corpus, "doc-id", "2007-11-09")
"""
from __future__ import annotations

import atexit
import hashlib
import multiprocessing
import os
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from typing import Optional

from .actors.mention_role import can_be_place, mention_role, roles_summary
from .actors.merge import ActorTable
from .annotated import annotate
from .events.build import LocalEvent, build_events
from .events.stock_lines import stock_lines, unstock
from .model import Corpus, Document, Event, Mention, Participant, Report, Tie, Timex
from .store import CorpusBuilder
from .happenings import with_happenings
from .tasks import TaskState, report


@dataclass
class LocalActor:
    key: str
    name: str
    type: str
    aliases: list[str]
    canonical: bool
    strength: int
    roles: list[str] = field(default_factory=list)
    pending: bool = False     # a lone word only the identity step can place (or drop)


@dataclass
class DocumentExtraction:
    doc: Document
    timexes: list[Timex] = field(default_factory=list)
    actors: list[LocalActor] = field(default_factory=list)
    mentions: list[tuple[int, int, str, int]] = field(default_factory=list)   # start, end, text, local actor
    mention_roles: list[str] = field(default_factory=list)   # per mention: agent, participant or location
    events: list[LocalEvent] = field(default_factory=list)
    error: Optional[str] = None
    ties: list[tuple[int, int, float]] = field(default_factory=list)   # local actors, weight: an imported network


def extract_document(doc: Document) -> DocumentExtraction:
    """Everything one document yields on its own: read -> annotate -> events. Never raises."""
    out = DocumentExtraction(doc)
    if doc.kind in ("table", "network"):
        return _structured_extraction(out)
    text = doc.text or ""
    try:
        ann = annotate(text, doc.dct, doc.id)
        out.timexes = ann.timexes
        keep = [i for i, a in enumerate(ann.actors.actors) if a.mentions]
        local = {old: new for new, old in enumerate(keep)}
        for old in keep:
            a = ann.actors.actors[old]
            out.actors.append(LocalActor(a.key, a.name, a.type, list(a.aliases), a.canonical, a.strength, list(a.roles)))
            for s, e, t in a.mentions:
                out.mentions.append((s, e, t, local[old]))
        for word, spans in ann.actors.pending.items():
            out.actors.append(LocalActor(word, word, "", [], False, 0, pending=True))
            out.mentions.extend((s, e, text[s:e], len(out.actors) - 1) for s, e in spans)
        for name in sorted(ann.actors.things):
            # No mention: tells the identity step that the corpus writes this name for a product.
            out.actors.append(LocalActor(name, name, "thing", [], False, 0))
        out.mentions.sort()
        place = [can_be_place(a.name, a.type) for a in out.actors]
        out.mention_roles = [mention_role(text, s, e, place[li]) for s, e, _, li in out.mentions]
        events = build_events(ann)
        for ev in events:
            ev.participants = [(local[i], r) for i, r in ev.participants if i in local]
            ev.report_source = local.get(ev.report_source) if ev.report_source is not None else None
        out.events = events
        if ann.notes:
            out.error = "; ".join(ann.notes[:3]) + (f" (+{len(ann.notes) - 3} more)" if len(ann.notes) > 3 else "")
    except Exception as exc:   # one odd document must not sink a corpus
        out.error = f"extraction failed: {type(exc).__name__}: {exc}"
    return out


def _structured_extraction(out: DocumentExtraction) -> DocumentExtraction:
    """A table's rows or a network's ties already say who is who: no text extraction, same result type."""
    try:
        if out.doc.kind == "table":
            from .events.table_events import table_extraction
            actors, out.mentions, out.events = table_extraction(out.doc)
        else:
            from .events.network_ties import network_extraction
            actors, out.mentions, out.ties = network_extraction(out.doc)
        out.actors = [LocalActor(name, name, type_, [], False, 1) for name, type_ in actors]
    except Exception as exc:   # a damaged layout must not sink the corpus
        out.error = f"{out.doc.kind} rows failed: {type(exc).__name__}: {exc}"
    return out


def _extract_chunk(docs: list[Document]) -> list[DocumentExtraction]:
    return [extract_document(d) for d in docs]


# One process pool per session, started on first use: spawning workers and
# importing the extractors in each costs about a second, which a second
# extraction (re-dating, reloading) should not pay again.
_POOL: Optional[ProcessPoolExecutor] = None
_POOL_SIZE = 0
_CHUNK_MAX = 64


def _pool(workers: int) -> ProcessPoolExecutor:
    global _POOL, _POOL_SIZE
    if _POOL is None or _POOL_SIZE != workers:
        _drop_pool()
        # "spawn", not fork: the GUI calls this from a thread, and forking a
        # threaded (Qt) process can deadlock the child.
        _POOL = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        _POOL_SIZE = workers
    return _POOL


def _drop_pool() -> None:
    global _POOL, _POOL_SIZE
    if _POOL is not None:
        _POOL.shutdown(wait=False, cancel_futures=True)
    _POOL, _POOL_SIZE = None, 0


def shutdown_workers() -> None:
    """Stop the worker processes (also done at interpreter exit)."""
    _drop_pool()


atexit.register(_drop_pool)


# Recent per-document results, so re-dating one document re-runs only that one.
_CACHE: "OrderedDict[tuple, DocumentExtraction]" = OrderedDict()
_CACHE_MAX = 4096


def _cache_key(doc: Document) -> tuple:
    # Everything the extraction copies from the document is in the key: a hit
    # for the same text at another path must not hand back the other path.
    h = doc.sha256 or hashlib.sha256((doc.text or "").encode("utf-8", "replace")).hexdigest()
    # A table read through another column mapping is another document with the same bytes.
    mapping = str((doc.layout or {}).get("mapping")) if doc.kind == "table" else None
    return (doc.id, h, doc.dct, doc.dct_precision, doc.path, doc.title, doc.publication, mapping)


def _extract_cached(doc: Document) -> DocumentExtraction:
    key = _cache_key(doc)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    res = extract_document(doc)
    _remember(key, res)
    return res


def _remember(key, res) -> None:
    _CACHE[key] = res
    while len(_CACHE) > _CACHE_MAX:
        _CACHE.popitem(last=False)


def extract_corpus(documents: list[Document], task: Optional[TaskState] = None, workers: int = 1,
                   previous: Optional[Corpus] = None) -> Corpus:
    """``previous``: the grouped corpus these documents extend (documents added to it); its
    happenings are kept and only the new events grouped (``core.happenings.added``)."""
    docs = list(documents)
    n = len(docs)
    report(task, 0.0, f"Extracting {n} document(s)")
    results: list[Optional[DocumentExtraction]] = [None] * n
    todo = []
    for i, d in enumerate(docs):
        hit = _CACHE.get(_cache_key(d))
        if hit is not None:
            results[i] = hit
        else:
            todo.append(i)
    done = n - len(todo)
    workers = max(1, min(workers or 1, os.cpu_count() or 1, len(todo) or 1))
    # Below a few dozen documents starting processes costs more than it saves.
    if workers == 1 or len(todo) < 8 * workers:
        for i in todo:
            report(task, 0.9 * done / max(n, 1), f"Reading {docs[i].id}")
            results[i] = _extract_cached(docs[i])
            done += 1
    else:
        pool = _pool(workers)
        # Chunks amortise the pickling round trip per document; several chunks per
        # worker keep the cores busy to the end and progress moving.
        size = max(1, min(_CHUNK_MAX, len(todo) // (workers * 4)))
        chunks = [todo[k:k + size] for k in range(0, len(todo), size)]
        futures = [pool.submit(_extract_chunk, [docs[i] for i in ch]) for ch in chunks]
        try:
            for ch, fut in zip(chunks, futures):
                for i, res in zip(ch, fut.result()):
                    results[i] = res
                    _remember(_cache_key(docs[i]), res)
                    done += 1
                report(task, 0.9 * done / max(n, 1), f"Read {docs[ch[-1]].id}")
        except BrokenProcessPool:
            _drop_pool()
            raise
        except BaseException:
            for f in futures:
                f.cancel()    # a cancelled run leaves the pool warm for the next one
            raise
    report(task, 0.92, "Resolving names across documents")
    corpus = merge([r for r in results if r is not None])
    corpus = with_happenings(corpus, previous)   # corpus-level: one happening per real-world happening (core/happenings)
    report(task, 1.0, f"{len(corpus.events)} events, {len(corpus.actors)} actors")
    return corpus


def merge(extractions: list[DocumentExtraction]) -> Corpus:
    """Join per-document results: one actor per real-world name, stable ids, ties.

    The corpus comes back columnar (``core.store``): each document's objects
    are appended to the columns and dropped, so a large corpus never exists
    as millions of objects.
    """
    ordered = sorted(extractions, key=lambda x: x.doc.id)
    table = ActorTable()
    maps = [[table.add(a, ex.doc.id) for a in ex.actors] for ex in ordered]
    ids = table.finalize()
    actors = table.actors()
    builder = CorpusBuilder()
    for ex in extractions:
        builder.add_document(ex.doc)
    errors = []
    imported: list[Tie] = []
    mention_roles: dict[str, list] = {}
    # Corpus-level: a line printed verbatim in reports of several days dates only by its own words.
    stock = stock_lines(ordered)
    for ex, m in zip(ordered, maps):
        doc = ex.doc
        imported.extend(Tie(ids[m[a]], ids[m[b]], w, []) for a, b, w in ex.ties if ids[m[a]] != ids[m[b]])
        if ex.error:
            errors.append({"path": doc.path, "message": f"{doc.id}: {ex.error}"})
        builder.timexes.extend(ex.timexes)
        roles = ex.mention_roles if len(ex.mention_roles) == len(ex.mentions) else [None] * len(ex.mentions)
        for (s, e, t, li), role in zip(ex.mentions, roles):
            if ids[m[li]]:
                builder.mentions.append(Mention(doc.id, s, e, t, ids[m[li]], role))
                mention_roles.setdefault(ids[m[li]], []).append(role)
        for n, ev in enumerate(ex.events):
            ev = unstock(ev, doc.text or "", stock)
            if ev is None:
                continue        # (ids keep their numbers: a document's ids never depend on the others)
            parts: list[Participant] = []
            seen = set()
            for li, role in ev.participants:
                aid = ids[m[li]]
                if aid in seen:
                    continue
                seen.add(aid)
                parts.append(Participant(aid, role))
            rep = None
            if ev.report_source is not None or ev.report_timex is not None:
                rt = ev.report_timex
                rep = Report(ids[m[ev.report_source]] if ev.report_source is not None else None,
                             rt.value if rt else None, rt.interval if rt else None, rt.text if rt else None)
            builder.events.append(Event(
                id=f"{doc.id}#e{n + 1}", doc=doc.id, start=ev.start, end=ev.end,
                text=doc.text[ev.start:ev.end], label=ev.label, date=ev.date, actors=parts, report=rep))
    for a in actors:
        # A place named as such and acting as a state is one actor; its details say both.
        if (both := roles_summary(mention_roles.get(a.id, ()))):
            a.evidence.append("mentioned as: " + both)
    corpus = builder.build(actors, errors=errors)
    if imported:
        from .store.evidence import pack_ties
        corpus.ties = pack_ties(_fold_imported(list(corpus.ties), imported), corpus.events)
    return corpus


def _fold_imported(ties: list[Tie], imported: list[Tie]) -> list[Tie]:
    """Imported ties added to the extracted ones: one tie per pair, weights summed, evidence kept."""
    by_pair = {frozenset((t.source, t.target)): k for k, t in enumerate(ties)}
    for t in imported:
        k = by_pair.get(frozenset((t.source, t.target)))
        if k is None:
            by_pair[frozenset((t.source, t.target))] = len(ties)
            ties.append(Tie(t.source, t.target, t.weight, []))
        else:
            old = ties[k]
            ties[k] = Tie(old.source, old.target, old.weight + t.weight, list(old.events))
    return ties


def reresolve_document(corpus: Corpus, doc_id: str, new_dct: Optional[str]) -> Corpus:
    """The corpus again after the user corrects one document's creation time.

    Only that document is re-extracted; the others come from the cache (or
    are re-extracted if they fell out of it). Raises KeyError for an unknown id.
    """
    docs = list(corpus.documents)
    for k, d in enumerate(docs):
        if d.id == doc_id:
            docs[k] = replace(d, dct=new_dct, source="user")
            break
    else:
        raise KeyError(f"no document with id {doc_id!r} in this corpus")
    new = extract_corpus(docs)
    new.errors = [e for e in corpus.errors if not str(e.get("message", "")).startswith(f"{doc_id}:")] + \
        [e for e in new.errors if str(e.get("message", "")).startswith(f"{doc_id}:")]
    return new
