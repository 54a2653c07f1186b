"""Identity on a story about one person: frequent full names, families, place adjectives, brackets.

Each corpus is a few invented news sentences per document, read by the real pipeline
(per-document extraction, then the identity step), the way a long story is read.
"""
from __future__ import annotations

from desktop_app.core.actors.resolve import resolve_document
from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_document, merge


def _corpus(texts: list[str]):
    docs = [Document(f"d{i:02d}", f"d{i:02d}.txt", t, dct="2011-11-07") for i, t in enumerate(texts)]
    return merge([extract_document(d) for d in docs])


def _actor_of(corpus, doc: str, text: str):
    """The actor of the first mention written ``text`` in ``doc``."""
    by_id = {a.id: a for a in corpus.actors}
    for m in corpus.mentions:
        if m.doc == doc and m.text == text:
            return by_id[m.actor]
    raise AssertionError(f"no mention {text!r} in {doc}")


_TRIAL = ("Dr Alan Pryce denied involuntary manslaughter in Los Angeles on Monday. "
          "Pryce's lawyers said the singer Daniel Okafor had taken the drug himself.")


def test_a_full_name_in_many_stories_is_not_the_given_names_of_a_name_glued_once():
    # A missing full stop glues "Alan Pryce" to the next sentence's "Okafor" once.
    glued = ("Prosecutor Ed Walsh said: Daniel Okafor trusted his life to the medical skills of Alan Pryce "
             "Okafor \"died so rapidly, he did not even have time to call for help\".")
    corpus = _corpus([_TRIAL] * 6 + [glued])
    pryce = _actor_of(corpus, "d00", "Alan Pryce")
    assert pryce.name == "Alan Pryce"
    assert _actor_of(corpus, "d01", "Pryce") is pryce
    assert not any("given names" in e for e in pryce.evidence)
    assert _actor_of(corpus, "d00", "Daniel Okafor") is not pryce


def test_a_bare_surname_is_the_person_named_in_full_not_the_family():
    text = ("Daniel Okafor died in June. The Okafor family said they would hold a private funeral. "
            "Okafor had been rehearsing for a tour in London.")
    got = {a.name: (a.type, [m[2] for m in a.mentions]) for a in resolve_document(text).actors if a.mentions}
    assert got["Daniel Okafor"][1] == ["Daniel Okafor", "Okafor"]
    # The family is named as the text names it ("the Okafor family"), apart from the person.
    assert got["Okafor family"] == ("group", ["Okafor family"]) and "Okafor" not in got


def test_a_surname_said_elsewhere_joins_no_family_typed_a_group():
    family = "The Okafor family said on Monday they would attend the hearing in Los Angeles."
    bare = "The tour would go ahead, Okafor said on Monday in London."
    corpus = _corpus([_TRIAL, _TRIAL, family, family, bare])
    said = _actor_of(corpus, "d04", "Okafor")
    assert said.type == "person"
    assert said is not _actor_of(corpus, "d02", "Okafor family")


def test_a_place_and_a_surname_used_as_an_adjective_take_no_short_form():
    gig = "Stars will perform at the UK Okafor tribute gig in Cardiff on Saturday."
    family = "The Okafor family said on Monday they would attend the tribute gig in Cardiff."
    corpus = _corpus([_TRIAL, _TRIAL, family, family, gig])
    fam = _actor_of(corpus, "d02", "Okafor family")
    assert not any("without its place" in e or "without its prefix" in e for e in fam.evidence)
    assert "UK Okafor" not in fam.aliases and fam.name != "UK Okafor"


def test_a_lone_surname_joins_the_bearer_the_corpus_is_about_unless_the_honorific_says_otherwise():
    main = ("Singer Daniel Okafor performed in Lagos with the band Blue Harbour. "
            "Mr Okafor said the concert would be his last.")
    relatives = [f"His cousin {g} Okafor spoke to reporters in Abuja on Tuesday."
                 for g in ("Ruth", "Peter", "Grace", "Samuel", "Esther", "Joseph", "Mary", "David", "Sarah",
                           "Paul", "Ann")]
    lone = "On Friday, Okafor said he had performed in Lagos with Blue Harbour."
    mrs = "Mrs Okafor said in Abuja that she was proud of the family."
    corpus = _corpus([main] * 36 + relatives + [lone, mrs])
    daniel = _actor_of(corpus, "d00", "Daniel Okafor")
    assert _actor_of(corpus, f"d{36 + len(relatives)}", "Okafor") is daniel
    assert _actor_of(corpus, f"d{37 + len(relatives)}", "Okafor") is not daniel


def test_a_bracket_that_is_no_other_name_gives_no_alias():
    cases = {
        "She recorded with Michael Jackson (It's The Falling In Love) and Luther Vandross.": "Michael Jackson",
        "NEW DELHI (Reuters Life!) - India reported its first case on Saturday.": "India",
        "Troops of the UN mission in Haiti (Minustah) patrolled the streets of Port-au-Prince.": "Haiti",
        "Mexico (Adds ministry confirmation, details and background) reported a new death.": "Mexico",
    }
    for text, name in cases.items():
        got = {a.name: a.aliases for a in resolve_document(text).actors if a.mentions}
        assert got[name] == [], (text, got[name])
    kept = {a.name: a.aliases for a in resolve_document(
        "The Federal Bureau of Investigation (FBI) said on Monday it was investigating.").actors if a.mentions}
    assert "FBI" in kept["Federal Bureau of Investigation"]


def test_a_bracketed_middle_name_is_no_alias_of_the_given_name():
    text = ("Father Thomas was thought to have been a railway worker in Cardiff. "
            "From a brief search there is one Thomas (Morgan) Maddox who entered the States around this time.")
    got = {a.name: a.aliases for a in resolve_document(text).actors if a.mentions}
    assert "Thomas" in got and not any("Morgan" in al for al in got.values())


def test_a_plural_head_word_joins_the_name_across_for_and_and():
    got = {a.name: a.type for a in resolve_document(
        "The U.S. Centers for Disease Control and Prevention said on Friday that 20 cases were confirmed.").actors
        if a.mentions}
    assert got == {"U.S. Centers for Disease Control and Prevention": "organization"}


def test_a_rare_longer_form_does_not_name_the_actor():
    news = "Harbour News reported on Monday that the port in Lagos was closed, harbour master Ade Bello said."
    glued = "Lagos Harbour News reported on Monday that the port was closed, harbour master Ade Bello said."
    corpus = _corpus([news] * 8 + [glued])
    actor = _actor_of(corpus, "d00", "Harbour News")
    assert actor is _actor_of(corpus, "d08", "Lagos Harbour News")      # one actor ...
    assert actor.name == "Harbour News"                                  # ... called as the eight stories call it


def test_an_abbreviation_inside_a_name_counts_whole_in_its_initials():
    text = ("Their arrival comes as UN and US forces pushed back a crowd. The US Navy sent a carrier. "
            "The UN said aid was arriving.")
    got = {a.name: a.aliases for a in resolve_document(text).actors if a.mentions}
    assert "UN" in got and "UN" not in got["US Navy"]


def test_a_listed_acronym_is_not_folded_into_another_name_with_its_initials():
    text = ("Writing in the Mexican paper El Universal, Ricardo Rocha says swine flu is a threat. "
            "An EU meeting will discuss possible travel restrictions.")
    got = {a.name: a.aliases for a in resolve_document(text).actors if a.mentions}
    assert "EU" in got and "EU" not in got["El Universal"]


def test_a_count_before_a_name_and_a_state_abbreviation_do_not_name_the_actor():
    corpus = _corpus(["Oxfam said on Monday that aid was reaching Port-au-Prince."] * 5 +
                     ["Two Oxfam workers were hurt in Port-au-Prince on Tuesday, Oxfam said.",
                      "A sniper killed a doctor in Buffalo, N.Y., on Friday.",
                      "Officials in New York said the case was open."])
    assert _actor_of(corpus, "d05", "Two Oxfam").name == "Oxfam"
    state = _actor_of(corpus, "d06", "N.Y.")
    assert state.type == "location" and state.name == "New York"


def test_a_word_written_twice_in_a_row_starts_a_second_name():
    text = ("Michael Jackson was murdered for money, according to his sister LaToya LaToya Jackson has "
            "claimed her brother was murdered.")
    names = {a.name for a in resolve_document(text).actors if a.mentions}
    assert "LaToya Jackson" in names and not any("LaToya LaToya" in n for n in names)


def test_a_person_name_glued_to_the_next_name_once_is_split_in_its_document():
    text = ("Dr Conrad Murray denies involuntary manslaughter. Prosecutors say Conrad Murray gave Michael "
            "Jackson the drug.\nThe prosecutor said Michael Jackson trusted his life to the medical skills of "
            "Conrad Murray Jackson \"died so rapidly, he did not even have time to call for help\". Jackson was 50.")
    got = {a.name: [m[2] for m in a.mentions] for a in resolve_document(text).actors if a.mentions}
    assert "Conrad Murray Jackson" not in got
    assert got["Conrad Murray"].count("Conrad Murray") == 3
    assert got["Michael Jackson"].count("Jackson") == 2
    kept = {a.name for a in resolve_document("New York is big. He lives in New York. The New York Times said so.").actors
            if a.mentions}
    assert "New York Times" in kept


def test_a_generation_suffix_is_no_second_name():
    text = ("Michael Jackson died in 2009. Michael Jackson's children are Michael Joseph Jackson Jr. (13), "
            "Paris Jackson (12) and Prince Michael Jackson II (8), commonly known as Blanket.")
    names = {a.name for a in resolve_document(text).actors if a.mentions}
    assert any(n.endswith("Jackson II") for n in names)
