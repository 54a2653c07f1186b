"""Benchmark: workspace save/open at 1k and 10k news-size documents, against a naive JSON baseline.

Run: ``.venv/bin/python scripts/bench_workspace.py [--sizes 1000 10000]``

Corpora come from ``core.synthetic`` (deterministic, ~400-900 words per
document, 20 events per document, mentions and timexes included).  In the
same process, for each size it times:

* workspace save (atomic replace) and open (backup into memory, quick_check,
  read rows into model objects), and the file size;
* the baseline: ``json.dump`` of the lossless corpus JSON and ``json.load`` +
  validation back to model objects, the obvious way to persist it;
* replaying a log of 50 edits over the whole corpus from scratch (what
  opening or re-extraction costs), pushing them one by one, one undo and one
  more push: the costs the analyst feels per correction.

It prints seconds and ratios against the baseline; no thresholds, since
machines differ.

``--million`` measures the columnar path at scale instead: a 1,000,000-event
compact corpus (``make_corpus(1_000_000, 10_000, seed=0, compact=True)``,
taken from ``--pickle`` when that file exists) is saved (time, file size),
then opened in a child process that prints its open time and peak RSS; the
same child opening an empty workspace is the baseline, so the difference is
what opening costs.  For reference the old object path (the file copied into
memory, every row a model object in lists) opens a 100k-event workspace in
a child too.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core.interchange.json_codec import corpus_from_json, corpus_to_json  # noqa: E402
from desktop_app.core.synthetic import make_corpus  # noqa: E402
from desktop_app.core.workspace import Workspace, edits, read_workspace, replay, write_workspace  # noqa: E402
from desktop_app.core.workspace.keys import text_sha256  # noqa: E402
from desktop_app.core.workspace.store import WorkspaceData  # noqa: E402
from process_memory import peak_mb  # noqa: E402


def timed(fn):
    gc.collect()
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def edit_log(corpus, n):
    log = []
    actors = corpus.actors
    for i in range(n):
        a = actors[(i * 7) % len(actors)]
        kind = i % 5
        if kind == 0:
            log.append(edits.rename_actor(a, f"{a.name} (checked {i})"))
        elif kind == 1:
            log.append(edits.add_alias(a, f"alias {i}"))
        elif kind == 2:
            log.append(edits.delete_event(corpus, corpus.events[(i * 101) % len(corpus.events)]))
        elif kind == 3:
            log.append(edits.note(corpus, corpus.events[(i * 37) % len(corpus.events)], f"note {i}"))
        else:
            log.append(edits.merge_actors(actors[-1 - i], [actors[-2 - i]]))
    return log


def run(n_docs: int, tmp: Path) -> None:
    t_make, corpus = timed(lambda: make_corpus(n_docs * 20, max(50, n_docs // 4), seed=1, events_per_doc=20))
    for d in corpus.documents:       # what Workspace.add_documents does for documents without a hash
        d.sha256 = d.sha256 or text_sha256(d.text)
    chars = sum(len(d.text) for d in corpus.documents)
    print(f"\n== {len(corpus.documents)} documents, {chars / 1e6:.1f}M characters, {len(corpus.events)} events, "
          f"{len(corpus.mentions)} mentions, {len(corpus.timexes)} timexes, {len(corpus.actors)} actors "
          f"(generated in {t_make:.1f}s)")
    path = tmp / f"bench-{n_docs}.esw"
    t_save, _ = timed(lambda: write_workspace(path, WorkspaceData(corpus)))
    t_open, back = timed(lambda: read_workspace(path))
    assert back.corpus.events == corpus.events and back.corpus.documents == corpus.documents

    jpath = tmp / f"bench-{n_docs}.json"

    def json_save():
        with open(jpath, "w", encoding="utf-8") as f:
            json.dump(corpus_to_json(corpus), f, ensure_ascii=False)

    def json_load():
        with open(jpath, encoding="utf-8") as f:
            return corpus_from_json(json.load(f))
    t_jsave, _ = timed(json_save)
    t_jload, jback = timed(json_load)
    assert len(jback.events) == len(corpus.events)

    log = edit_log(corpus, 50)
    t_cold, _ = timed(lambda: replay(corpus, log))
    ws = Workspace(WorkspaceData(corpus), data_dir=tmp / "data")
    t_push_all, _ = timed(lambda: [ws.push(e) for e in log])
    ws.undo()
    t_replay, _ = timed(lambda: ws.corpus)
    extra = edits.set_actor_type(ws.corpus.actors[0], "group")
    t_push, _ = timed(lambda: ws.push(extra))
    skipped = len(ws.replayed.skipped)

    print(f"workspace file: {path.stat().st_size / 1e6:.1f} MB   JSON: {jpath.stat().st_size / 1e6:.1f} MB")
    print(f"save   workspace {t_save:6.2f}s   json {t_jsave:6.2f}s   ratio {t_save / t_jsave:.2f}x")
    print(f"open   workspace {t_open:6.2f}s   json {t_jload:6.2f}s   ratio {t_open / t_jload:.2f}x")
    print(f"edits  replay of 50 from scratch {t_cold:6.2f}s   50 pushes {t_push_all:6.2f}s "
          f"({t_push_all / 50 * 1000:.0f} ms each)   undo {t_replay * 1000:.0f} ms   "
          f"one more push {t_push * 1000:.0f} ms   (skipped {skipped})")
    os.unlink(path)
    os.unlink(jpath)


def old_open(path: Path):
    """How opening worked before the columnar store: the file copied into memory, every row an object."""
    import sqlite3
    from desktop_app.core.model import Corpus, Mention
    from desktop_app.core.workspace import rows as r
    mem = sqlite3.connect(":memory:")
    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    src.backup(mem)
    src.close()
    assert mem.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    q = lambda sql: mem.execute(sql).fetchall()
    interval = r._Intervals()
    corpus = Corpus(
        documents=[r.document_from_row(x) for x in q(f"SELECT {r._DOC_COLS} FROM documents ORDER BY ord")],
        timexes=[r.timex_from_row(x, interval) for x in q(f"SELECT {r._TIMEX_COLS} FROM timexes ORDER BY rowid")],
        actors=[r.actor_from_row(x) for x in q(f"SELECT {r._ACTOR_COLS} FROM actors ORDER BY ord")],
        mentions=[Mention(*x) for x in q(f"SELECT {r._MENTION_COLS} FROM mentions ORDER BY rowid")],
        events=list(r.events_from_rows(q(f"SELECT {r._EVENT_COLS} FROM events ORDER BY ord"),
                                       q("SELECT event, pos, actor, role FROM participants ORDER BY event, pos"),
                                       interval)),
        ties=[r.tie_from_row(x) for x in q(f"SELECT {r._TIE_COLS} FROM ties ORDER BY ord")])
    mem.close()
    return corpus


def child_open(path: str, how: str) -> None:
    """Run in a fresh process: open ``path`` and print 'seconds peak_mb baseline_mb events'."""
    from desktop_app.core.store import is_compact
    gc.collect()
    base = peak_mb()
    t = time.perf_counter()
    if how == "old":
        corpus = old_open(Path(path))
    else:
        ws = Workspace.open(path, data_dir=tempfile.gettempdir())
        corpus = ws.corpus
        assert is_compact(corpus) or len(corpus.events) == 0
    took = time.perf_counter() - t
    if how == "edit":
        # What one correction costs: replay makes the lists real objects, edits them, packs them again.
        opened = peak_mb()
        t = time.perf_counter()
        ws.push(edits.rename_actor(corpus.actors[0], corpus.actors[0].name + " (checked)"))
        assert is_compact(ws.corpus)
        print(f"{time.perf_counter() - t:.3f} {peak_mb():.1f} {opened:.1f} {len(ws.corpus.events)}")
        return
    print(f"{took:.3f} {peak_mb():.1f} {base:.1f} {len(corpus.events)}")


def in_child(path: Path, how: str = "new") -> tuple[float, float, float, int]:
    out = subprocess.run([sys.executable, __file__, "--child-open", str(path), how], check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1]), float(out[2]), int(out[3])


def million(tmp: Path, pickled: Path, edit: bool = False) -> None:
    if pickled.exists():
        t_make, corpus = timed(lambda: pickle.loads(pickled.read_bytes()))
    else:
        t_make, corpus = timed(lambda: make_corpus(1_000_000, 10_000, seed=0, compact=True))
    print(f"\n== {len(corpus.events)} events, {len(corpus.mentions)} mentions, {len(corpus.timexes)} timexes, "
          f"{len(corpus.documents)} documents, {len(corpus.ties)} ties (ready in {t_make:.1f}s, "
          f"peak RSS {peak_mb():.0f} MB)")
    empty = tmp / "empty.esw"
    write_workspace(empty, WorkspaceData())
    path = tmp / "million.esw"
    rss0 = peak_mb()
    t_save, _ = timed(lambda: write_workspace(path, WorkspaceData(corpus)))
    print(f"save   {t_save:6.1f}s   file {path.stat().st_size / 1e6:.0f} MB   "
          f"peak RSS of this process {rss0:.0f} -> {peak_mb():.0f} MB")
    corpus = None       # free it before the children run
    gc.collect()
    e_t, e_peak, e_base, _ = in_child(empty)
    t_open, peak, base, n = in_child(path)
    print(f"open   {t_open:6.1f}s   peak RSS {peak:.0f} MB (child before open {base:.0f} MB; empty workspace "
          f"{e_peak:.0f} MB, {e_t:.2f}s)   cost of open {peak - e_peak:.0f} MB   ({n} events, compact)")
    if edit:
        x_t, x_peak, x_base, _ = in_child(path, "edit")
        print(f"edit   one rename pushed on the opened 1M workspace: {x_t:.1f}s, peak RSS {x_base:.0f} -> "
              f"{x_peak:.0f} MB (actor edits replay on the columns; an edit of events makes them real lists first)")
    os.unlink(path)
    small = make_corpus(100_000, 1_000, seed=0)
    spath = tmp / "100k.esw"
    t_ssave, _ = timed(lambda: write_workspace(spath, WorkspaceData(small)))
    small = None
    gc.collect()
    o_t, o_peak, _, o_n = in_child(spath, "old")
    n_t, n_peak, _, _ = in_child(spath)
    print(f"100k   save {t_ssave:.1f}s, file {spath.stat().st_size / 1e6:.0f} MB; open: old object path "
          f"{o_t:.1f}s / +{o_peak - e_peak:.0f} MB, columnar {n_t:.1f}s / +{n_peak - e_peak:.0f} MB "
          f"({o_n} events; ratio time {n_t / o_t:.2f}x, memory {(n_peak - e_peak) / max(1.0, o_peak - e_peak):.2f}x)")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child-open":
        child_open(sys.argv[2], sys.argv[3])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--million", action="store_true", help="the 1M-event columnar measurements instead")
    ap.add_argument("--edit", action="store_true", help="with --million: also time one edit (several GB)")
    ap.add_argument("--pickle", type=Path, default=Path(tempfile.gettempdir()) / "c1m.pkl",
                    help="a pickled 1M-event compact corpus to reuse (default: %(default)s)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        if args.million:
            million(Path(tmp), args.pickle, args.edit)
            return
        for n in args.sizes:
            run(n, Path(tmp))


if __name__ == "__main__":
    main()
