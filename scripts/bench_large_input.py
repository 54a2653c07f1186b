"""How loading, tagging and extraction scale with document size.

Generates news-like text (dated sentences, names, filler) of growing size,
times load_file, timex.tag and pipeline.extract_corpus on each, and prints
each time as a ratio to the smallest size's time in this same run, next to
the size ratio: linear work shows the two ratios equal, quadratic work shows
the time ratio growing with the square of the size ratio.

    python scripts/bench_large_input.py            # 0.25 .. 2 MB, a minute or so
    python scripts/bench_large_input.py --sizes 1,4,50 --no-extract
    python scripts/bench_large_input.py --profile 1  # cProfile of tag() on 1 MB
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
FILLER = ("the minister said talks would resume after a pause while officials in the capital denied "
          "any agreement had been reached and analysts expected further delays before the vote").split()
NAMES = ["the finance ministry", "the council", "the central bank", "the opposition party",
         "the election commission", "a government spokesman"]


def news_like_text(nbytes: int, seed: int = 7, one_line: bool = False) -> str:
    """Sentences of which about a third carry a full date and a sixth a relative one."""
    rnd = random.Random(seed)
    out, size = [], 0
    while size < nbytes:
        k = rnd.random()
        if k < 0.3:
            s = (f"On {rnd.randint(1, 28)} {rnd.choice(MONTHS)} {rnd.randint(1950, 2020)}, "
                 f"{rnd.choice(NAMES)} said " + " ".join(rnd.choices(FILLER, k=12)) + ".")
        elif k < 0.45:
            s = f"{rnd.choice(NAMES).capitalize()} met {rnd.choice(NAMES)} last week, " + " ".join(rnd.choices(FILLER, k=10)) + "."
        else:
            s = " ".join(rnd.choices(FILLER, k=18)).capitalize() + "."
        out.append(s)
        size += len(s) + 1
    return (" " if one_line else "\n").join(out)


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.25,0.5,1,2", help="document sizes in MB, smallest is the baseline")
    ap.add_argument("--no-extract", action="store_true", help="time loading and tagging only")
    ap.add_argument("--profile", type=float, metavar="MB", help="print a cProfile of tag() on a document this size")
    args = ap.parse_args(argv)

    from desktop_app.core.documents import load_file
    from desktop_app.core.timex import tag

    if args.profile:
        text = news_like_text(int(args.profile * 1e6))
        prof = cProfile.Profile()
        prof.runcall(tag, text, "2010-01-01", "bench")
        pstats.Stats(prof).sort_stats("tottime").print_stats(12)
        return 0

    sizes = sorted(float(s) for s in args.sizes.split(","))
    base = None
    print(f"{'MB':>6} {'size x':>7} {'load s':>8} {'tag s':>8} {'tag x':>7} {'timexes':>8} {'extract s':>10} {'extract x':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            path = Path(tmp) / f"doc-{mb}.txt"
            path.write_text(news_like_text(int(mb * 1e6)), encoding="utf-8")
            t_load, doc = timed(lambda: load_file(path, dct_override="2010-01-01"))
            t_tag, found = timed(lambda: tag(doc.text, doc.dct, doc.id))
            t_ext = None
            if not args.no_extract:
                from desktop_app.core.pipeline import extract_corpus
                t_ext, _ = timed(lambda: extract_corpus([doc]))
            if base is None:
                base = (mb, t_tag, t_ext)
            ext = f"{t_ext:10.2f} {t_ext / base[2]:9.1f}" if t_ext is not None else f"{'-':>10} {'-':>9}"
            print(f"{mb:6.2f} {mb / base[0]:7.1f} {t_load:8.2f} {t_tag:8.2f} {t_tag / base[1]:7.1f} "
                  f"{len(found):8d} {ext}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
