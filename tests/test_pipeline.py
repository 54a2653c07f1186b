"""The extraction pipeline: determinism, processes, progress/cancel, re-dating, acceptance selection."""
import json
import pickle
from pathlib import Path

import pytest

from desktop_app.core.filtering import FilterIndex
from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_corpus, extract_document, reresolve_document
from desktop_app.core.tasks import Cancelled, TaskState

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_54cc48f895b22f49.txt"

TEXTS = [
    "Lena Ford, chief executive of Harbour Bank, resigned on March 3 (Metro Herald, March 4).",
    "The Harbour Bank board met in Oslo on March 5. Ford was not present.",
    "Police in Bergen arrested two members of the Krona gang on 2 April 2021.",
]


def _docs():
    return [Document(id=f"d{i}", path=f"d{i}.txt", text=t, dct="2021-04-10") for i, t in enumerate(TEXTS)]


def _seed():
    return Document(id="seed", path=str(SEED), text=SEED.read_text(encoding="utf-8"), dct="2007-11")


def test_krykbayev_selection_returns_its_two_events():
    c = extract_corpus([_seed()])
    ix = FilterIndex(c)
    (gid,) = ix.find_actors("Krykbayev Group")
    assert ix.find_actors("krykbayev") == [gid]
    r = ix.filter([gid])
    assert len(r.events) == 2
    labels = {e.id: e.label for e in c.events}
    assert any("discovered" in labels[e] for e in r.events)
    assert any("opened" in labels[e] for e in r.events)


def test_same_input_same_ids_and_workers_agree():
    one = extract_corpus(_docs(), workers=1).to_json()
    again = extract_corpus(list(reversed(_docs())), workers=1).to_json()
    from desktop_app.core import pipeline
    pipeline._CACHE.clear()   # make the two-process run really extract
    many = _docs() * 6
    many = [Document(id=f"{d.id}-{i}", path=d.path, text=d.text, dct=d.dct) for i, d in enumerate(many)]
    serial = extract_corpus(many, workers=1).to_json()
    pipeline._CACHE.clear()
    two_many = extract_corpus(many, workers=2).to_json()
    assert json.dumps(serial) == json.dumps(two_many)
    two = extract_corpus(_docs(), workers=2).to_json()
    assert json.dumps(one["actors"]) == json.dumps(again["actors"]) == json.dumps(two["actors"])
    assert json.dumps(one["events"]) == json.dumps(two["events"])
    assert one["ties"] == two["ties"]


def test_cross_document_surname_and_bank():
    c = extract_corpus(_docs())
    names = {a.name for a in c.actors}
    assert "Lena Ford" in names and "Ford" not in names
    bank = [a for a in c.actors if a.name == "Harbour Bank"]
    assert len(bank) == 1
    docs_of_bank = {m.doc for m in c.mentions if m.actor == bank[0].id}
    assert docs_of_bank == {"d0", "d1"}
    assert any(t.source == bank[0].id or t.target == bank[0].id for t in c.ties)


def test_document_extraction_is_picklable():
    ex = extract_document(_docs()[0])
    assert ex.error is None
    back = pickle.loads(pickle.dumps(ex))
    assert [a.name for a in back.actors] == [a.name for a in ex.actors]
    assert len(back.events) == len(ex.events) >= 1


def test_progress_and_cancel():
    seen = []
    task = TaskState(lambda f, m: seen.append(f))
    extract_corpus([Document(id="p", path="p", text=TEXTS[2] + " x", dct="2021-04-10")], task=task)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    task = TaskState()
    task.cancel()
    with pytest.raises(Cancelled):
        extract_corpus(_docs(), task=task)


def test_redating_a_document():
    docs = [Document(id="r", path="r", text="The Krona gang robbed a bank in Bergen on Friday.", dct="2021-04-10")]
    c = extract_corpus(docs)
    (e,) = c.events
    before = e.date.value
    c2 = reresolve_document(c, "r", "2019-06-12")
    (e2,) = c2.events
    assert e2.date.value != before and e2.date.value.startswith("2019-06")
    assert c2.documents[0].dct == "2019-06-12" and c2.documents[0].source == "user"
    with pytest.raises(KeyError):
        reresolve_document(c, "missing", "2020")


def test_bad_documents_do_not_crash():
    docs = [Document(id="empty", path="e", text=""), Document(id="junk", path="j", text="\x00\x01 ,,, (((", dct="garbage"),
            Document(id="nodct", path="n", text="Acme Holdings bought Nordlys Group on May 3.")]
    c = extract_corpus(docs)
    assert [d.id for d in c.documents] == ["empty", "junk", "nodct"]
    json.dumps(c.to_json())
    assert {a.name for a in c.actors} >= {"Acme Holdings", "Nordlys Group"}


def test_cached_extraction_keeps_each_documents_own_path(tmp_path):
    text = "The Interior Ministry arrested Ivan Petrov on 2 November 2007."
    a = Document(id="same", path=str(tmp_path / "a" / "same.txt"), text=text, dct="2007-11", sha256="x")
    b = Document(id="same", path=str(tmp_path / "b" / "same.txt"), text=text, dct="2007-11", sha256="x")
    assert extract_corpus([a]).documents[0].path == a.path
    assert extract_corpus([b]).documents[0].path == b.path
