"""Synthetic news articles: deterministic, news-length, and the real pipeline finds what they contain."""
from collections import Counter
from pathlib import Path
import subprocess
import sys

import pytest

from desktop_app.core.documents import load_paths, parse_dct
from desktop_app.core.pipeline import extract_corpus
from desktop_app.core.synthetic.news import make_documents
from desktop_app.core.synthetic.writer import write_documents

ROOT = Path(__file__).resolve().parents[1]


def test_same_seed_same_documents_other_seed_differs():
    a, b, c = make_documents(6, seed=4), make_documents(6, seed=4), make_documents(6, seed=5)
    assert [d.to_json() | {"text": d.text} for d in a] == [d.to_json() | {"text": d.text} for d in b]
    assert [d.text for d in a] != [d.text for d in c]


def test_documents_are_news_length_with_valid_creation_times():
    docs = make_documents(40, seed=1)
    assert len({d.id for d in docs}) == 40
    for d in docs:
        words = len(d.text.split())
        assert 400 <= words <= 1000, words
        assert parse_dct(d.dct) is not None and d.dct_precision == "day"
        assert d.title and d.publication


def test_date_forms_are_varied():
    text = "\n".join(d.text for d in make_documents(30, seed=2))
    for form in ("last week", "ago", "yesterday", "s (", "quarter of", "the 19", "-", " 20", "reported"):
        assert form in text, form
    assert text.count("(") > 30     # citations "(Outlet, Month day)"


def test_real_pipeline_finds_timexes_actors_and_events():
    docs = make_documents(6, seed=3)
    corpus = extract_corpus(docs)
    assert corpus.errors == []
    per_doc = Counter(e.doc for e in corpus.events)
    assert set(per_doc) == {d.id for d in docs}
    assert min(per_doc.values()) >= 5
    assert len({t.doc for t in corpus.timexes}) == len(docs)
    precisions = Counter(t.precision for t in corpus.timexes)
    assert {"day", "month", "year"} <= set(precisions)
    types = Counter(a.type for a in corpus.actors)
    assert types["person"] >= 3 and types["organization"] + types["group"] >= 2
    assert sum(1 for e in corpus.events if e.dated) > 0.5 * len(corpus.events)
    assert len(corpus.ties) > 0


def test_written_files_load_back_identically(tmp_path):
    docs = make_documents(4, seed=6)
    write_documents(docs, tmp_path)
    loaded, errors = load_paths([tmp_path])
    assert errors == []
    by_id = {d.id: d for d in loaded}
    for d in docs:
        got = by_id[d.id]
        assert (got.text, got.title, got.publication, got.dct, got.sha256) == (d.text, d.title, d.publication, d.dct,
                                                                            d.sha256)


def test_make_corpus_script_writes_and_refuses_bad_targets(tmp_path):
    script = ROOT / "scripts" / "make_corpus.py"
    out = tmp_path / "corpus"
    run = subprocess.run([sys.executable, str(script), str(out), "--docs", "3", "--seed", "9"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"news009_0000{i}.txt" for i in range(3)] + [f"news009_0000{i}.txt.meta.json" for i in range(3)])
    blocker = tmp_path / "file"
    blocker.write_text("x")
    bad = subprocess.run([sys.executable, str(script), str(blocker), "--docs", "1"], capture_output=True,
                         text=True, timeout=120)
    assert bad.returncode == 2 and "not a folder" in bad.stderr and "Traceback" not in bad.stderr


def test_bad_arguments_are_clear_errors():
    with pytest.raises(ValueError, match="n_docs"):
        make_documents(-1)
    with pytest.raises(ValueError, match="year range"):
        make_documents(1, first_year=2020, last_year=2000)
