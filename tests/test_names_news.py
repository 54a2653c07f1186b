"""Names written the way news writes them: headlines, offices after a name, addresses, weak type guesses."""
from __future__ import annotations

from desktop_app.core.actors.gazetteer import load
from desktop_app.core.actors.identity import Entry, resolve_identities
from desktop_app.core.actors.names import SentenceNames
from desktop_app.core.actors.resolve import resolve_document
from desktop_app.core.text.tokens import tokenize


def _actors(text: str) -> dict[str, tuple[str, list[str]]]:
    res = resolve_document(text)
    return {a.name: (a.type, [m[2] for m in a.mentions]) for a in res.actors if a.mentions}


def _spans(text: str) -> dict[str, str]:
    return {s.text: s.role for s in SentenceNames(text, tokenize(text), load(), False).find()}


def test_all_capitals_headline_names_what_the_prose_names():
    got = _actors("CHARGERS' WILLIAMS ARRESTED ON SUSPICION OF DUI\n"
                  "San Diego Chargers defensive tackle Jamal Williams was arrested. The Chargers said so.\n")
    assert "WILLIAMS" in got["Jamal Williams"][1]
    assert got["San Diego Chargers"][0] == "organization"
    assert "CHARGERS" in got["San Diego Chargers"][1] and "Chargers" in got["San Diego Chargers"][1]


def test_office_after_a_name_is_not_part_of_it():
    got = _actors("Obama will name Dr. Sanjay Gupta Surgeon General, officials said.\n")
    assert got["Sanjay Gupta"][0] == "person"
    assert not any("Surgeon" in n for n in got)


def test_sentence_adverb_ranking_and_abbreviated_role_stay_out_of_names():
    got = _spans("Typically Microsoft releases fixes on Tuesdays. The No. 5 Saints won. RB Pierre Thomas scored.")
    assert "Microsoft" in got and "Typically Microsoft" not in got
    assert "Saints" in got and not any(n.startswith("No.") for n in got)
    assert got["Pierre Thomas"] == "RB"


def test_ordinal_street_is_a_place_and_company_form_ends_a_name():
    got = _actors("She was hit on 117th Street near the TallGrass Distribution Ltd Christmas party.\n")
    assert got["117th Street"][0] == "location"
    assert got["TallGrass Distribution Ltd"][0] == "organization"
    assert "Christmas" not in got


def test_listed_place_in_a_title_case_headline_is_taken():
    got = _actors("Woman Killed In Queens Hit-And-Run, Driver Charged\nA woman was killed on Friday.\n")
    assert got["Queens"][0] == "location"
    assert "Hit-And-Run" not in got


def _group_of(entries, i):
    ident = resolve_identities(entries)
    return next((g, why) for g, why in zip(ident.groups, ident.evidence) if i in g)


def test_lone_word_guessed_a_person_joins_the_same_name_typed_an_organization_on_evidence():
    entries = [Entry("Microsoft Corp.", "organization", [], 6, False, "d1"),
               Entry("Microsoft", "person", [], 3, False, "d2")]
    group, why = _group_of(entries, 1)
    assert 0 in group and any("stronger evidence" in w for w in why)


def test_titled_lone_word_stays_a_person():
    entries = [Entry("Ford Motor Co.", "organization", [], 6, False, "d1"),
               Entry("Ford", "person", [], 5, False, "d2", ["President"])]
    assert 0 not in _group_of(entries, 1)[0]


def test_full_name_weakly_typed_person_and_organization_is_one_actor():
    entries = [Entry("Indianapolis Colts", "organization", [], 2, False, "d1"),
               Entry("Indianapolis Colts", "organization", [], 2, False, "d2"),
               Entry("Indianapolis Colts", "person", [], 2, False, "d3")]
    assert set(_group_of(entries, 2)[0]) == {0, 1, 2}


def test_descriptor_role_does_not_block_a_surname_joining_its_full_name():
    entries = [Entry("Tara Reid", "person", [], 4, False, "d1", ["reporter"]),
               Entry("Carson Daly", "person", [], 4, False, "d1"),
               Entry("Reid", "person", [], 2, False, "d2", ["actress"]),
               Entry("Carson Daly", "person", [], 4, False, "d2")]
    assert 0 in _group_of(entries, 2)[0]


def test_company_cues_type_a_suffixless_name_an_organization():
    got = _actors("Shares of Newmont rose on Monday. Bre-X's chief executive David Walsh spoke. Norilsk shares fell.\n")
    assert got["Newmont"][0] == got["Bre-X"][0] == got["Norilsk"][0] == "organization"
    assert got["David Walsh"][0] == "person"


def test_listed_organization_after_a_name_splits_from_it():
    got = _spans("Officials in the Nixon White House denied it. The Bank of New York said so.")
    assert "Nixon" in got and "White House" in got and "Nixon White House" not in got
    assert "Bank of New York" in got
