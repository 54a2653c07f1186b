"""A place and the state acting under its name are one actor; each mention keeps its own role."""
from __future__ import annotations

import pytest

from desktop_app.core.actors.mention_role import mention_role, roles_summary
from desktop_app.core.interchange.json_codec import corpus_from_json, corpus_to_json
from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_corpus
from desktop_app.gui.actor_details import evidence_lines


def _role(sentence: str, name: str, place: bool = True) -> str:
    s = sentence.index(name)
    return mention_role(sentence, s, s + len(name), place)


@pytest.mark.parametrize("sentence, name, role", [
    ("Iraq invaded Kuwait on Aug. 2.", "Iraq", "agent"),
    ("Iraq has agreed to let them leave.", "Iraq", "agent"),
    ("Kuwait was invaded by Iraq.", "Iraq", "agent"),
    ("Kuwait was invaded by Iraq.", "Kuwait", "participant"),
    ("Thousands of foreigners are trapped in Iraq.", "Iraq", "location"),
    ("Troops massed in northern Iraq on Monday.", "Iraq", "location"),
    ("the mayor of Baghdad said", "Baghdad", "location"),
    ("A letter from Iraq's Saddam reached Bush.", "Iraq", "participant"),
    ("An embargo on trade with Iraq was ordered.", "Iraq", "participant"),
    ("The leader of Iraq said so.", "Iraq", "participant"),
])
def test_mention_role_reads_the_words_around_the_name(sentence, name, role):
    assert _role(sentence, name) == role


def test_only_a_place_can_be_a_location():
    assert _role("a stake in Microsoft", "Microsoft", place=False) == "participant"
    assert _role("Investors in Microsoft said", "Microsoft", place=False) == "participant"


def test_roles_summary_names_each_role_only_when_they_differ():
    assert roles_summary(["location", "agent", "location", None]) == "location 2, agent 1"
    assert roles_summary(["location", "location"]) == ""


def test_place_and_state_acting_are_one_actor_with_each_mention_role_kept_through_json():
    docs = [Document(id="a", path="a.txt", text="Iraq invaded Kuwait on August 2, 1990. Thousands of "
                                               "soldiers were stationed in Iraq in 1991.\n", dct="1991-03-01"),
            Document(id="b", path="b.txt", text="On March 3, 1991, the United Nations said that Iraq had "
                                               "accepted the terms.\n", dct="1991-03-04")]
    corpus = extract_corpus(docs)
    iraq = [m for m in corpus.mentions if m.text == "Iraq"]
    assert len({m.actor for m in iraq}) == 1
    assert sorted(m.role for m in iraq) == ["agent", "agent", "location"]
    actor = next(a for a in corpus.actors if a.id == iraq[0].actor)
    assert "mentioned as: agent 2, location 1" in actor.evidence
    assert "Mentioned as: agent 2, location 1" in evidence_lines(actor.evidence)
    data = corpus_to_json(corpus)
    assert {m["role"] for m in data["mentions"] if m["text"] == "Iraq"} == {"agent", "location"}
    again = corpus_from_json(data)
    assert sorted(m.role for m in again.mentions if m.text == "Iraq") == ["agent", "agent", "location"]


def test_a_listed_country_typed_an_organization_where_it_acts_joins_the_place():
    from desktop_app.core.actors.identity import Entry, resolve_identities
    entries = [Entry("Iraq", "location", [], 5, True, "d1"), Entry("Iraq", "organization", [], 5, False, "d2"),
               Entry("Buffalo Bills", "organization", [], 5, False, "d3"), Entry("Mercury", "location", [], 5, False, "d4"),
               Entry("Mercury", "organization", [], 5, False, "d5"), Entry("Boston", "location", [], 5, True, "d6"),
               Entry("Boston Corp.", "organization", [], 5, False, "d7")]
    ident = resolve_identities(entries)
    group = next(g for g in ident.groups if 0 in g)
    assert 1 in group
    assert any("the place and the state" in w for w in ident.evidence[ident.groups.index(group)])
    # A name no gazetteer lists as a place stays two actors when both typings are firm.
    assert not any(3 in g and 4 in g for g in ident.groups)
    # A company named after the city is not the city acting.
    assert not any(5 in g and 6 in g for g in ident.groups)
