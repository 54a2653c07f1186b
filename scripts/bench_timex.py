#!/usr/bin/env python3
"""Speed of the Eventscope temporal tagger against dateparser.search.search_dates, same texts, same process.

    python scripts/bench_timex.py [--docs N] [--repeat K] [--shared PATH]

Texts are the first N TimeBank/AQUAINT documents when the shared corpus is
present (<repo>/../shared or EVENTSCOPE_SHARED), else the seed article.
Each system runs K times over the set; the best run counts. Prints
documents/second for both and the ratio (ours / dateparser).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from desktop_app.core.timex import tag  # noqa: E402


def load_texts(shared: Path, n: int) -> tuple[list[tuple[str, str | None]], str]:
    base = shared / "corpora" / "tbaq"
    files = sorted(base.glob("*/*.tml")) if base.is_dir() else []
    if not files:
        seed = REPO / "seeds" / "000_54cc48f895b22f49.txt"
        return [(seed.read_text(encoding="utf-8"), "2007-11")], "seed article"
    docs = []
    for f in files[:n]:
        root = ET.parse(f).getroot()
        text_el = root.find(".//TEXT")
        dct = None
        for t in root.iter("TIMEX3"):
            if t.get("functionInDocument") == "CREATION_TIME":
                dct = t.get("value")
        docs.append(("".join(text_el.itertext()) if text_el is not None else "", dct))
    return docs, f"{len(docs)} TimeBank/AQUAINT documents"


def best_rate(fn, docs, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for text, dct in docs:
            fn(text, dct)
        best = min(best, time.perf_counter() - t0)
    return len(docs) / best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shared")
    a = ap.parse_args(argv)
    shared = Path(a.shared or os.environ.get("EVENTSCOPE_SHARED") or REPO.parent / "shared")
    docs, label = load_texts(shared, a.docs)

    from datetime import datetime
    from dateparser.search import search_dates

    def dateparser_run(text, dct):
        # The DCT as dateparser's relative base, as a fair comparison would set it.
        settings = {}
        if dct and len(dct) >= 10:
            settings["RELATIVE_BASE"] = datetime.fromisoformat(dct[:10])
        search_dates(text, languages=["en"], settings=settings)

    search_dates("warm up on March 3, 1998", languages=["en"])  # exclude one-time loading from timing
    tag("warm up on March 3, 1998", "1998-03-03")
    ours = best_rate(lambda t, d: tag(t, d), docs, a.repeat)
    theirs = best_rate(dateparser_run, docs, a.repeat)
    chars = sum(len(t) for t, _ in docs) / len(docs)
    print(f"texts: {label}, mean {chars:.0f} chars; best of {a.repeat} runs")
    print(f"eventscope timex tagger : {ours:8.1f} docs/s")
    print(f"dateparser search_dates : {theirs:8.1f} docs/s")
    print(f"ratio (ours/dateparser) : {ours / theirs:8.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
