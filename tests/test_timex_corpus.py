"""Regression floor on TimeBank + AQUAINT, scored by the shared TempEval-3 scorer.

Skips cleanly when the shared corpus is absent (<repo>/../shared or
EVENTSCOPE_SHARED). The floors sit just under the scores measured when they
were set; raise them when the tagger improves, never lower them quietly.
"""
from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVENTSCOPE_SHARED") or REPO.parent / "shared")
CORPUS = SHARED / "corpora" / "tbaq"
SCORER = SHARED / "tools" / "timex_score.py"

needs_corpus = pytest.mark.skipif(not (CORPUS.is_dir() and SCORER.is_file()),
                                  reason=f"TimeBank/AQUAINT not found under {SHARED}")

FLOORS = {  # percent; measured 93.93 / 87.93 / 80.80, 93.82 / 88.92 / 81.22, 94.15 / 85.84 / 79.90
    "all": {"relaxed": 93.7, "strict": 87.7, "value_F1": 80.6},
    "TimeBank": {"relaxed": 93.6, "strict": 88.7, "value_F1": 81.0},
    "AQUAINT": {"relaxed": 93.9, "strict": 85.6, "value_F1": 79.6},
}


def _score_script():
    spec = importlib.util.spec_from_file_location("score_timex", REPO / "scripts" / "score_timex.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    mod = _score_script()
    out = {}
    for corpus in ("TimeBank", "AQUAINT"):
        res = json.loads(mod.run(SHARED, corpus, tmp_path_factory.mktemp(corpus), as_json=True))
        out[corpus] = res
    # Micro-averaged "all" from the two parts' counts, without tagging twice.
    c = {k: out["TimeBank"]["counts"][k] + out["AQUAINT"]["counts"][k] for k in out["TimeBank"]["counts"]}
    p, r = c["relaxed"] / c["sys"], c["relaxed"] / c["gold"]
    sp, sr = c["strict"] / c["sys"], c["strict"] / c["gold"]
    rf = 2 * p * r / (p + r)
    out["all"] = {"relaxed": {"F1": rf}, "strict": {"F1": 2 * sp * sr / (sp + sr)},
                  "value_F1": c["value"] / c["relaxed"] * rf}
    return out


@needs_corpus
@pytest.mark.parametrize("corpus", ["all", "TimeBank", "AQUAINT"])
def test_scores_stay_above_the_floor(scores, corpus):
    res, floor = scores[corpus], FLOORS[corpus]
    got = {"relaxed": 100 * res["relaxed"]["F1"], "strict": 100 * res["strict"]["F1"],
           "value_F1": 100 * res["value_F1"]}
    for k, v in floor.items():
        assert got[k] >= v, f"{corpus} {k} {got[k]:.2f} fell below {v}"


def test_missing_corpus_exits_2(tmp_path, capsys):
    mod = _score_script()
    with pytest.raises(SystemExit) as exc:
        mod.main(["--shared", str(tmp_path / "nowhere")])
    assert exc.value.code == 2
    assert "not found" in capsys.readouterr().err


@needs_corpus
def test_keyword_windows_lose_nothing_on_real_news():
    """Windowed matching is only an optimisation: on every 4th TBAQ document it equals a full scan."""
    import sys
    sys.path.insert(0, str(SCORER.parent))
    import timex_score
    from desktop_app.core.timex import tagger
    corpus = timex_score.load_corpus([str(CORPUS)])
    for doc in sorted(corpus)[::4]:
        d = corpus[doc]
        anchor = tagger.make_anchor(d["dct"])
        fast = [(s, e, h.value) for s, e, h, _ in tagger.find(d["text"], anchor)]
        full = [(s, e, h.value) for s, e, h, _ in tagger.find(d["text"], anchor, windowed=False)]
        assert fast == full, doc
