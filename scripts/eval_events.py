#!/usr/bin/env python3
"""Score actors and dated events on the held-out invented articles (tests/data/events_heldout/).

    python scripts/eval_events.py              # totals
    python scripts/eval_events.py -v           # plus every miss and false alarm, with labels
    python scripts/eval_events.py --json       # machine-readable totals

Actors: a found actor counts when its name or one of its aliases equals a gold
name (case, accents and a leading "the" ignored) and its type is the gold type
(or an accepted alternative). Dated events: a found event with a date counts
when its sentence span covers the gold sentence and its date value equals the
gold date (or an accepted alternative; a time of day on the right day counts).
On matched events it also reports how often the relation, the reporting source,
the participants and the gold agent/target roles agree.
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT / "tests" / "data" / "events_heldout"


def norm(name: str) -> str:
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")
    s = " ".join(s.replace(".", "").split())
    return s[4:] if s.startswith("the ") else s


def load_gold(folder: Path = DATA) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold_docs: list[dict], verbose: bool = False) -> dict:
    from desktop_app.core.model import Document
    from desktop_app.core.pipeline import extract_corpus

    tot = dict(act_tp=0, act_sys=0, act_gold=0, ev_tp=0, ev_sys=0, ev_gold=0,
               rel_ok=0, src_ok=0, part_tp=0, part_sys=0, part_gold=0, role_ok=0, role_n=0)
    for g in gold_docs:
        doc = Document(id=g["id"], path=f"{g['id']}.txt", text=g["text"], dct=g.get("dct"))
        corpus = extract_corpus([doc])
        names = {a.id: {norm(a.name), *map(norm, a.aliases)} for a in corpus.actors}
        types = {a.id: a.type for a in corpus.actors}
        label = {a.id: a.name for a in corpus.actors}

        def gold_actor_of(aid: str):
            for ga in g["actors"]:
                if norm(ga["name"]) in names[aid]:
                    return ga
            return None

        # Actors
        used_gold = set()
        for a in corpus.actors:
            ga = gold_actor_of(a.id)
            ok = ga is not None and a.type in [ga["type"], *ga.get("alt_types", [])] and ga["name"] not in used_gold
            tot["act_sys"] += 1
            if ok:
                tot["act_tp"] += 1
                used_gold.add(ga["name"])
            elif verbose:
                why = f"type {a.type}, gold {ga['type']}" if ga else "not in gold"
                print(f"  [{g['id']}] actor FP: {a.name!r} ({why})")
        tot["act_gold"] += len(g["actors"])
        if verbose:
            for ga in g["actors"]:
                if ga["name"] not in used_gold:
                    print(f"  [{g['id']}] actor FN: {ga['name']!r} ({ga['type']})")

        # Dated events
        # This gold (written before events without a named actor and dates read from the story
        # around a sentence existed) lists events with a named actor dated by their own words;
        # the others are judged against the TimeBank/AQUAINT anchors (README "Events").
        dated = [e for e in corpus.events if e.dated and e.actors and e.date.text and e.date.text in e.text]
        tot["ev_sys"] += len(dated)
        tot["ev_gold"] += len(g["events"])
        taken: set[str] = set()
        for ge in g["events"]:
            pos = g["text"].index(ge["sentence"])
            ok_dates = {ge["date"], *ge.get("alt_dates", [])}
            hit = None
            for e in dated:
                if e.id in taken or not (e.start <= pos and pos + len(ge["sentence"]) <= e.end):
                    continue
                if e.date.value.split("T")[0] in ok_dates:
                    hit = e
                    break
            if hit is None:
                if verbose:
                    cover = [e for e in corpus.events if e.start <= pos < e.end]
                    got = ", ".join(f"{e.date.value if e.date else None} '{e.label}'" for e in cover) or "no event"
                    print(f"  [{g['id']}] event FN: {ge['sentence']!r} want {ge['date']} got {got}")
                continue
            taken.add(hit.id)
            tot["ev_tp"] += 1
            tot["rel_ok"] += hit.date.relation == ge["relation"]
            src = hit.report.source if hit.report else None
            src_ok = (src is None and ge["source"] is None) or (
                src is not None and ge["source"] is not None and norm(ge["source"]) in names[src])
            tot["src_ok"] += src_ok
            sys_parts = {}
            for p in hit.actors:
                ga = gold_actor_of(p.actor)
                sys_parts[ga["name"] if ga else "?" + label[p.actor]] = p.role
            gold_parts = {p["name"]: p["role"] for p in ge["participants"]}
            tp = len(set(sys_parts) & set(gold_parts))
            tot["part_tp"] += tp
            tot["part_sys"] += len(sys_parts)
            tot["part_gold"] += len(gold_parts)
            for n, r in gold_parts.items():
                if r is not None:
                    tot["role_n"] += 1
                    tot["role_ok"] += sys_parts.get(n) == r
            if verbose:
                flags = []
                if hit.date.relation != ge["relation"]:
                    flags.append(f"relation {hit.date.relation} want {ge['relation']}")
                if not src_ok:
                    flags.append(f"source {label.get(src) if src else None} want {ge['source']}")
                if sys_parts != gold_parts:
                    flags.append(f"parts {sys_parts} want {gold_parts}")
                print(f"  [{g['id']}] event ok: '{hit.label}'" + (" | " + "; ".join(flags) if flags else ""))
        if verbose:
            for e in dated:
                if e.id not in taken:
                    print(f"  [{g['id']}] event FP: {e.date.value} '{e.label}' :: {e.text.strip()[:90]!r}")
    a = _prf(tot["act_tp"], tot["act_sys"], tot["act_gold"])
    ev = _prf(tot["ev_tp"], tot["ev_sys"], tot["ev_gold"])
    pa = _prf(tot["part_tp"], tot["part_sys"], tot["part_gold"])
    m = max(tot["ev_tp"], 1)
    return {
        "documents": len(gold_docs), **tot,
        "actors": {"precision": a[0], "recall": a[1], "f1": a[2]},
        "dated_events": {"precision": ev[0], "recall": ev[1], "f1": ev[2]},
        "on_matched_events": {
            "relation_accuracy": tot["rel_ok"] / m, "source_accuracy": tot["src_ok"] / m,
            "participant_precision": pa[0], "participant_recall": pa[1],
            "role_accuracy": tot["role_ok"] / max(tot["role_n"], 1),
        },
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    ap.add_argument("--json", action="store_true", help="print the totals as JSON")
    ap.add_argument("--data", type=Path, default=DATA, help="folder of gold JSON files")
    args = ap.parse_args(argv)
    gold = load_gold(args.data)
    if not gold:
        print(f"no gold files in {args.data}", file=sys.stderr)
        return 2
    res = score(gold, args.verbose)
    if args.json:
        print(json.dumps(res, indent=1))
        return 0
    a, e, o = res["actors"], res["dated_events"], res["on_matched_events"]
    print(f"{res['documents']} documents")
    print(f"actors (name+type):  P {a['precision']:.3f}  R {a['recall']:.3f}  F1 {a['f1']:.3f}"
          f"   ({res['act_tp']} of {res['act_sys']} found, {res['act_gold']} gold)")
    print(f"dated events:        P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}"
          f"   ({res['ev_tp']} of {res['ev_sys']} found, {res['ev_gold']} gold)")
    print(f"on matched events:   relation {o['relation_accuracy']:.3f}  source {o['source_accuracy']:.3f}  "
          f"participants P {o['participant_precision']:.3f} R {o['participant_recall']:.3f}  "
          f"roles {o['role_accuracy']:.3f} (of {res['role_n']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
