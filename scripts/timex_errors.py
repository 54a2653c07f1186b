#!/usr/bin/env python3
"""Show the temporal tagger's TimeBank/AQUAINT errors in context, to find general rules worth fixing.

    python scripts/timex_errors.py [--corpus all] [--kind VALUE|SPAN|MISS|FALSE] [--grep REGEX] [--limit N]

Each line: document, DCT, kind, gold vs system (text=value), the tense the
tagger guessed, and the sentence. Nothing is written into the project.
"""
from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from desktop_app.core.timex.tense import sentence_bounds, tense_at  # noqa: E402


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared")
    ap.add_argument("--corpus", default="all", choices=["TimeBank", "AQUAINT", "all"])
    ap.add_argument("--kind", choices=["VALUE", "SPAN", "MISS", "FALSE"])
    ap.add_argument("--grep", help="only errors whose line matches this regex")
    ap.add_argument("--limit", type=int, default=200)
    a = ap.parse_args(argv)
    score = _load(REPO / "scripts" / "score_timex.py", "score_timex")
    shared = score.shared_dir(a.shared)
    scorer_path, gold_dirs = score.locate(shared, a.corpus)
    scorer = _load(scorer_path, "timex_score")
    corpus = scorer.load_corpus([str(p) for p in gold_dirs])
    with tempfile.TemporaryDirectory(prefix="timex_err_") as tmp:
        errors = Path(tmp) / "errors.txt"
        score.run(shared, a.corpus, Path(tmp), str(errors))
        lines = errors.read_text(encoding="utf-8").splitlines()
    pat = re.compile(a.grep) if a.grep else None
    shown = 0
    for line in lines:
        if not line.strip() or (a.kind and f"\t{a.kind}" not in line) or (pat and not pat.search(line)):
            continue
        doc, rest = line.split("\t", 1)
        d = corpus[doc]
        m = re.search(r"(?:gold|sys) '(.+?)'=", rest)
        ctx, tense = "", None
        if m:
            i = d["text"].find(m.group(1))
            if i >= 0:
                s, e = sentence_bounds(d["text"], i, i + len(m.group(1)))
                ctx = d["text"][s:e].replace("\n", " ")[:240]
                tense = tense_at(d["text"], i, i + len(m.group(1)))
        print(f"{doc}\t{d['dct']}\t{rest}\t[{tense}]\t{ctx}")
        shown += 1
        if shown >= a.limit:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
