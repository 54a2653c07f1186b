#!/usr/bin/env python3
"""Score the temporal tagger on the invented held-out news paragraphs (tests/data/timex_heldout.json).

    python scripts/eval_timex_heldout.py [--errors] [--json] [--data FILE]
    python scripts/eval_timex_heldout.py --data tests/data/timex_heldout_fresh.json

The paragraphs were written and annotated by hand, not taken from TimeBank,
so they check that rules tuned on TBAQ carry over to other news. Matching
follows the TempEval-3 scorer: one-to-one, exact spans first, then the
largest overlap; value accuracy is counted on relaxed matches, and a value
counts as right when it equals the gold value or one of its listed
alternatives (notations TimeML practice uses interchangeably).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from desktop_app.core.timex import tag  # noqa: E402

DATA = REPO / "tests" / "data" / "timex_heldout.json"


def gold_spans(doc: dict) -> list[dict]:
    """Gold timexes with character offsets; raises ValueError when an entry cannot be placed."""
    out = []
    seen = set()
    for g in doc["timexes"]:
        hits = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(g['text'])}(?!\w)", doc["text"])]
        nth = g.get("nth", 0)
        if nth >= len(hits):
            raise ValueError(f"{doc['id']}: gold {g['text']!r} occurrence {nth} not in the text")
        s = hits[nth]
        span = (s, s + len(g["text"]))
        if span in seen:
            raise ValueError(f"{doc['id']}: gold {g['text']!r} placed twice; give it an nth")
        seen.add(span)
        out.append({**g, "start": span[0], "end": span[1], "values": {g["value"], *g.get("alt", [])}})
    return out


def align(gold: list[dict], pred: list) -> list[tuple[int, int, bool]]:
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            ov = min(g["end"], p.end) - max(g["start"], p.start)
            if ov > 0:
                cands.append((-int((g["start"], g["end"]) == (p.start, p.end)), -ov, i, j))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for neg_exact, _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j, neg_exact == -1))
    return pairs


def evaluate(data: dict) -> tuple[dict, list[str]]:
    c = dict(gold=0, sys=0, strict=0, relaxed=0, value=0)
    errors = []
    for doc in data["docs"]:
        gold = gold_spans(doc)
        pred = tag(doc["text"], doc["dct"], doc["id"])
        pairs = align(gold, pred)
        c["gold"] += len(gold)
        c["sys"] += len(pred)
        c["relaxed"] += len(pairs)
        for i, j, strict in pairs:
            c["strict"] += strict
            ok = pred[j].value in gold[i]["values"]
            c["value"] += ok
            if not ok or not strict:
                errors.append(f"{doc['id']}\t{'VALUE' if not ok else 'SPAN '} gold {gold[i]['text']!r}={gold[i]['value']}"
                              f" | sys {pred[j].text!r}={pred[j].value}")
        mg, mp = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
        errors += [f"{doc['id']}\tMISS  gold {g['text']!r}={g['value']}" for i, g in enumerate(gold) if i not in mg]
        errors += [f"{doc['id']}\tFALSE sys {p.text!r}={p.value}" for j, p in enumerate(pred) if j not in mp]

    def prf(hit):
        p = hit / c["sys"] if c["sys"] else 0.0
        r = hit / c["gold"] if c["gold"] else 0.0
        return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0}

    relaxed, strict = prf(c["relaxed"]), prf(c["strict"])
    vacc = c["value"] / c["relaxed"] if c["relaxed"] else 0.0
    return {"docs": len(data["docs"]), "counts": c, "relaxed": relaxed, "strict": strict,
            "value_accuracy": vacc, "value_F1": vacc * relaxed["F1"]}, errors


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DATA), help="held-out JSON file (default tests/data/timex_heldout.json)")
    ap.add_argument("--errors", action="store_true", help="also list every span, value, missed and false timex")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    a = ap.parse_args(argv)
    try:
        data = json.loads(Path(a.data).read_text(encoding="utf-8"))
        res, errors = evaluate(data)
    except (OSError, ValueError, KeyError) as exc:
        print(f"eval_timex_heldout: cannot score {a.data}: {exc}", file=sys.stderr)
        return 2
    if a.json:
        print(json.dumps(res, indent=1))
    else:
        c = res["counts"]
        pct = lambda x: f"{100 * x:6.2f}"  # noqa: E731
        print(f"docs {res['docs']}   gold timexes {c['gold']}   system timexes {c['sys']}")
        print("            P       R       F1")
        for k in ("strict", "relaxed"):
            r = res[k]
            print(f"{k:<8} {pct(r['P'])}  {pct(r['R'])}  {pct(r['F1'])}")
        print(f"value accuracy (on relaxed matches) {pct(res['value_accuracy'])}   value F1 {pct(res['value_F1'])}")
    if a.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
