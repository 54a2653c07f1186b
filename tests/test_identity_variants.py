"""Cross-document identity of people written two ways: a short given name or a misspelt surname."""
from __future__ import annotations

from desktop_app.core.actors.identity import Entry, resolve_identities


def _e(name: str, doc: str) -> Entry:
    return Entry(name, "person", [], 2, False, doc)


def _together(entries, a: int, b: int):
    ident = resolve_identities(entries)
    for group, why in zip(ident.groups, ident.evidence):
        if a in group:
            return (b in group), why
    raise AssertionError("entry missing")


def test_short_given_name_joins_the_full_given_name_when_named_beside_the_same_people():
    entries = [_e("Maurice Cheeks", "d1"), _e("Billy King", "d1"), _e("Mo Cheeks", "d2"), _e("Billy King", "d2")]
    same, why = _together(entries, 0, 2)
    assert same
    assert any("short given name" in w for w in why)


def test_short_given_name_stays_apart_without_shared_context():
    entries = [_e("Maurice Cheeks", "d1"), _e("Billy King", "d1"), _e("Mo Cheeks", "d2"), _e("Ann Lee", "d2")]
    assert not _together(entries, 0, 2)[0]


def test_surname_one_letter_apart_joins_only_with_the_same_given_name():
    entries = [_e("Duncan Rait", "d1"), _e("Mount Cook", "d1"), _e("Duncan Raite", "d2"), _e("Mount Cook", "d2"),
               _e("Scott Raite", "d2")]
    assert _together(entries, 0, 2)[0]
    assert not _together(entries, 0, 4)[0]


def test_surnames_apart_in_letters_or_written_in_one_document_stay_two_people():
    # "Baker"/"Becker" meet only after vowel folding; "Rait"/"Raite" in one story are two people.
    entries = [_e("Hugo Baker", "d1"), _e("Ann Lee", "d1"), _e("Hugo Becker", "d2"), _e("Ann Lee", "d2"),
               _e("Duncan Rait", "d3"), _e("Duncan Raite", "d3")]
    assert not _together(entries, 0, 2)[0]
    assert not _together(entries, 4, 5)[0]


def test_british_and_american_spellings_of_a_name_word_are_one_actor():
    entries = [Entry("Lincoln Centre", "organization", [], 2, False, "d1"),
               Entry("Lincoln Center", "organization", [], 2, False, "d2")]
    assert _together(entries, 0, 1)[0]



def test_given_name_one_letter_apart_joins_only_inside_the_word_and_with_shared_context():
    entries = [_e("Jonathan Tillman", "d1"), _e("Ann Lee", "d1"), _e("Jonathon Tillman", "d2"), _e("Ann Lee", "d2"),
               _e("Carlo Benetti", "d3"), _e("Ann Lee", "d3"), _e("Carla Benetti", "d4"), _e("Ann Lee", "d4"),
               _e("Marcus Hale", "d5"), _e("Marcos Hale", "d6")]
    assert _together(entries, 0, 2)[0]
    assert not _together(entries, 4, 6)[0]       # a changed last letter: maybe another person
    assert not _together(entries, 8, 9)[0]       # nothing named beside both
