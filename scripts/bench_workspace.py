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
"""
from __future__ import annotations

import argparse
import gc
import json
import os
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            run(n, Path(tmp))


if __name__ == "__main__":
    main()
