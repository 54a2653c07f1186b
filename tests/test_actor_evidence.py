"""Merge evidence: recorded by the identity step, exported in the JSON, shown in the actor's details."""
from __future__ import annotations

import json

from desktop_app.core.interchange.json_codec import corpus_from_json, corpus_to_json
from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_corpus
from desktop_app.gui.actor_details import evidence_lines

DOCS = [
    Document(id="a", path="a.txt", dct="2021-03-01",
             text="Senator Mara Quillfeather met Governor Tobias Venn in Lisbon on Monday. Quillfeather said the talks went well."),
    Document(id="b", path="b.txt", dct="2021-03-02",
             text="Quillfeather flew to Lisbon on Tuesday, where Venn welcomed her."),
]


def test_short_form_in_another_document_joins_with_its_evidence():
    c = extract_corpus(DOCS)
    mara = [a for a in c.actors if a.name == "Mara Quillfeather"]
    assert len(mara) == 1
    assert {m.actor for m in c.mentions if m.text == "Quillfeather"} == {mara[0].id}
    assert any("surname" in e and "Quillfeather" in e for e in mara[0].evidence)


def test_evidence_is_exported_and_read_back_from_json():
    c = extract_corpus(DOCS)
    data = json.loads(json.dumps(corpus_to_json(c)))
    exported = {a["id"]: a for a in data["actors"]}
    assert all(isinstance(a.get("evidence"), list) for a in exported.values())
    back = corpus_from_json(data)
    assert {a.id: a.evidence for a in back.actors} == {a.id: a.evidence for a in c.actors}


def test_details_show_role_and_reasons_as_plain_lines():
    lines = evidence_lines(["role: Senator", "same name \"X\" in 2 documents", "a", "b", "c", "d", "e"], shown=2)
    assert lines[0] == "Role: Senator"
    assert lines[1] == "One actor because:"
    assert lines[-1].endswith("and 4 more")
    assert evidence_lines([]) == []


def test_a_place_confirmed_in_capitals_by_a_few_datelines_keeps_the_usual_casing():
    from desktop_app.core.actors.merge import ActorTable
    from desktop_app.core.actors.resolve import DocActor
    table = ActorTable()
    for i in range(5):
        table.add(DocActor("geneva", "Geneva", "location", strength=9, canonical=True), f"d{i}")
    for i in range(5, 7):   # seen last: the last confirmed name used to name the actor
        table.add(DocActor("geneva", "GENEVA", "location", strength=9, canonical=True), f"d{i}")
    ids = table.finalize()
    assert len(set(ids)) == 1
    assert [a.name for a in table.actors()] == ["Geneva"]
