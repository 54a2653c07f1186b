#!/usr/bin/env python3
"""Score the Eventscope temporal tagger on TimeBank/AQUAINT with the shared TempEval-3 scorer.

    python scripts/score_timex.py [--shared PATH] [--corpus TimeBank|AQUAINT|all] [--out DIR] [--errors FILE]

The shared folder defaults to <repo>/../shared (override with EVENTSCOPE_SHARED
or --shared). The scorer's `export` subcommand writes each document's plain
text and DCT; we tag those files, write predictions.jsonl and print the
scorer's report. Exit code 2 when the corpus or scorer is missing.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from desktop_app.core.timex import tag  # noqa: E402

CORPORA = {"TimeBank": ["TimeBank"], "AQUAINT": ["AQUAINT"], "all": ["TimeBank", "AQUAINT"]}


def shared_dir(cli: str | None) -> Path:
    return Path(cli or os.environ.get("EVENTSCOPE_SHARED") or REPO.parent / "shared")


def locate(shared: Path, corpus: str) -> tuple[Path, list[Path]]:
    """The scorer script and the gold folders, or SystemExit(2) with a clear message."""
    scorer = shared / "tools" / "timex_score.py"
    base = shared / "corpora" / "tbaq"
    gold = [base / name for name in CORPORA[corpus]]
    missing = [str(p) for p in [scorer, *gold] if not p.exists()]
    if missing:
        print("score_timex: TimeBank/AQUAINT corpus or scorer not found: " + ", ".join(missing)
              + "\n  set EVENTSCOPE_SHARED or pass --shared to the folder holding tools/ and corpora/tbaq/",
              file=sys.stderr)
        raise SystemExit(2)
    return scorer, gold


def predict(text_dir: Path, pred_path: Path) -> tuple[int, float]:
    """Tag every exported document; returns (documents, seconds spent tagging)."""
    n, spent = 0, 0.0
    with open(text_dir / "docs.jsonl", encoding="utf-8") as index, open(pred_path, "w", encoding="utf-8") as out:
        for line in index:
            d = json.loads(line)
            text = (text_dir / d["file"]).read_text(encoding="utf-8")
            t0 = time.perf_counter()
            timexes = tag(text, d["dct"], d["doc"])
            spent += time.perf_counter() - t0
            n += 1
            for t in timexes:
                out.write(json.dumps({"doc": t.doc, "start": t.start, "end": t.end, "value": t.value,
                                      "type": t.type, "text": t.text}) + "\n")
    return n, spent


def run(shared: Path, corpus: str, out_dir: Path, errors: str | None = None, as_json: bool = False) -> str:
    scorer, gold = locate(shared, corpus)
    text_dir = out_dir / "text"
    subprocess.run([sys.executable, str(scorer), "export", *map(str, gold), "-o", str(text_dir)],
                   check=True, stdout=subprocess.DEVNULL)
    pred = out_dir / "predictions.jsonl"
    n, spent = predict(text_dir, pred)
    cmd = [sys.executable, str(scorer), "score", *map(str, gold), "-p", str(pred)]
    if errors:
        cmd += ["--errors", errors]
    if as_json:
        cmd.append("--json")
    res = subprocess.run(cmd, check=True, capture_output=True, text=True)
    if res.stderr.strip():
        print(res.stderr.strip(), file=sys.stderr)
    return res.stdout if as_json else f"{corpus}: tagged {n} docs in {spent:.2f} s\n{res.stdout}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", help="folder with tools/timex_score.py and corpora/tbaq (default <repo>/../shared)")
    ap.add_argument("--corpus", choices=list(CORPORA), default="all")
    ap.add_argument("--out", help="keep texts and predictions here (default: a temporary folder)")
    ap.add_argument("--errors", help="write the scorer's per-timex error list to this file")
    ap.add_argument("--json", action="store_true", help="print the scorer's JSON instead of its table")
    a = ap.parse_args(argv)
    shared = shared_dir(a.shared)
    if a.out:
        out = Path(a.out)
        out.mkdir(parents=True, exist_ok=True)
        print(run(shared, a.corpus, out, a.errors, a.json))
    else:
        with tempfile.TemporaryDirectory(prefix="timex_score_") as tmp:
            print(run(shared, a.corpus, Path(tmp), a.errors, a.json))
    return 0


if __name__ == "__main__":
    sys.exit(main())
