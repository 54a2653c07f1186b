"""Floors on the invented held-out news paragraphs (tests/data/timex_heldout*.json).

Scored by scripts/eval_timex_heldout.py. timex_heldout.json, blind before the
second tagger pass: relaxed 97.93, strict 95.17, value F1 93.10.
timex_heldout_fresh.json, written after most of that pass and scored blind
once: relaxed 98.33, strict 98.33, value F1 91.67. timex_heldout_final.json,
written at its end and scored blind once: relaxed 98.82, strict 91.76, value
F1 91.76. The floors sit just under the scores measured since; raise them
when the tagger improves.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FLOORS = {  # measured 100.00 / 99.32 / 99.32, 98.33 / 98.33 / 98.33 and 100.00 / 97.67 / 100.00
    "timex_heldout.json": {"relaxed": 98.5, "strict": 97.5, "value_F1": 97.5},
    "timex_heldout_fresh.json": {"relaxed": 97.0, "strict": 97.0, "value_F1": 96.5},
    "timex_heldout_final.json": {"relaxed": 98.0, "strict": 95.0, "value_F1": 97.0},
}


def _script():
    spec = importlib.util.spec_from_file_location("eval_timex_heldout", REPO / "scripts" / "eval_timex_heldout.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def script():
    return _script()


@pytest.mark.parametrize("name, min_docs", [("timex_heldout.json", 15), ("timex_heldout_fresh.json", 8),
                                            ("timex_heldout_final.json", 6)])
def test_every_gold_timex_sits_where_its_text_is(script, name, min_docs):
    data = json.loads((script.DATA.parent / name).read_text(encoding="utf-8"))
    assert len(data["docs"]) >= min_docs
    domains = {d["domain"] for d in data["docs"]}
    assert len(domains) >= 6
    for doc in data["docs"]:
        for g in script.gold_spans(doc):
            assert doc["text"][g["start"]:g["end"]] == g["text"]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_held_out_scores_stay_above_the_floor(script, name):
    data = json.loads((script.DATA.parent / name).read_text(encoding="utf-8"))
    res, _ = script.evaluate(data)
    got = {"relaxed": 100 * res["relaxed"]["F1"], "strict": 100 * res["strict"]["F1"],
           "value_F1": 100 * res["value_F1"]}
    low = {k: round(v, 2) for k, v in got.items() if v < FLOORS[name][k]}
    assert not low, f"{name}: scores fell below the floor: {low} (floors {FLOORS[name]})"


def test_a_misplaced_gold_entry_is_reported_not_crashed(script, tmp_path, capsys):
    bad = {"docs": [{"id": "x", "dct": "2010-01-01", "text": "It rained on Monday.",
                     "timexes": [{"text": "Tuesday", "type": "DATE", "value": "2009-12-29"}]}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert script.main(["--data", str(path)]) == 2
    assert "Tuesday" in capsys.readouterr().err
