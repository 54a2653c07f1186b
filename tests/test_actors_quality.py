"""Actor finding on invented text: typing rules that must hold for any article, not one seed."""
from desktop_app.core.actors.resolve import resolve_document
from desktop_app.core.text.sentences import dateline_span, split_sentences


def _types(text):
    return {a.name: a.type for a in resolve_document(text).actors if a.mentions}


def _actor(text, name):
    for a in resolve_document(text).actors:
        if a.mentions and (a.name == name or name in a.aliases):
            return a
    raise AssertionError(f"{name!r} not found in {_types(text)}")


def test_dateline_after_headline_with_single_hyphen_is_its_own_span_and_no_actor():
    text = "Rebels take town\n\nTARVOS, April 5 (AFP) - Fighters seized the town on Sunday. Talks failed."
    ds, de = dateline_span(text)
    assert text[ds:de].startswith("TARVOS") and text[de:].startswith("Fighters")
    assert [s.text for s in split_sentences(text)][1] == "TARVOS, April 5 (AFP) -"
    assert "TARVOS" not in _types(text) and "AFP" not in _types(text)


def test_hyphen_without_date_or_agency_is_no_dateline():
    assert dateline_span("UN - backed talks failed in Geneva.") == (0, 0)
    assert dateline_span("ROME (Reuters) - Talks failed.")[0] == 0


def test_company_suffixes_business_heads_and_company_behaviour_are_organizations():
    t = _types("Nordic Steel AB bought Kemi Metals. Orvik Fabrics shares fell 3 percent on Monday.")
    assert t["Nordic Steel AB"] == "organization"
    assert t["Kemi Metals"] == "organization"
    assert t["Orvik Fabrics"] == "organization"     # no head word: "X shares fell" says it
    assert _types("The Pan Am jet crashed. Talks with Pan Am failed.")["Pan Am"] == "organization"


def test_multiword_place_after_locative_preposition_is_not_a_person():
    assert _types("Settlers in Beit El protested. Troops moved into Beit El.")["Beit El"] == "location"
    # but a person who speaks stays a person
    assert _types("He met Daniel Okafor in Porto. Daniel Okafor said he would resign.")["Daniel Okafor"] == "person"


def test_lone_capitalised_word_after_a_place_preposition_is_a_place_unless_someone_is_called_so():
    t = _types("Karim met the envoy in Erbil on Sunday. A team went to Minna, the state capital.")
    assert t["Erbil"] == "location" and t["Minna"] == "location"
    a = _actor("Jonas Okafor resigned. Police later searched a house belonging to Okafor in Ulvik.", "Jonas Okafor")
    assert a.type == "person" and "Okafor" in [m[2] for m in a.mentions]


def test_articles_and_preceding_nouns_type_foreign_titles():
    t = _types("The loan was refused in June, the newspaper La Tercera reported.")
    assert t["La Tercera"] == "media"
    assert _types("Protesters gathered (El Comercio, January 19).")["El Comercio"] == "media"
    assert _types("The pharmaceutical company Veritas Pharma recalled pills.")["Veritas Pharma"] == "organization"


def test_cited_name_uses_its_own_cues_before_the_citation():
    text = "Police arrested 14 people (Interior Ministry press office, November 2). Riots spread (Karavan, November 3)."
    t = _types(text)
    assert t["Interior Ministry"] == "organization"
    assert t["Karavan"] == "media"
    assert _types("Prices rose (Central Statistics Agency, May 2).")["Central Statistics Agency"] == "organization"


def test_acronym_joins_the_name_it_spells_and_and_joins_an_institution_name():
    a = _actor("The Food and Drug Administration said it was told on May 2. FDA officials visited the plant.",
               "Food and Drug Administration")
    assert "FDA" in a.aliases and a.type == "organization"


def test_person_of_organization_is_two_actors():
    t = _types("Patients should wait, said Dr. Helen Marsh of the American Heart Association.")
    assert t.get("Helen Marsh") == "person"
    assert t.get("American Heart Association") == "organization"


def test_newspaper_named_for_its_city_does_not_swallow_the_city():
    t = _types("The former mayor of Porto was jailed. He denied it (Porto Gazette, March 15).")
    assert t["Porto"] == "location" and t["Porto Gazette"] == "media"


def test_armed_group_heads_in_a_conflict_text():
    t = _types("Rebels of the Liberation Front of Kivu attacked. The Congolese Army said 30 rebels died.")
    assert t["Liberation Front of Kivu"] == "group"
    assert t.get("Congolese Army", "organization") == "organization"
    # the same head in a text about no fighting stays an organization
    assert _types("The Popular Front of Vestland won the vote.")["Popular Front of Vestland"] == "organization"


def test_guards_found_on_real_news_text():
    # a cut-off middle initial, a company suffix, a dotted abbreviation: no people, no organizations
    t = _types("Police searched for James C. Kopp on Monday. Rhone Poulenc S.A. bought Orkem S.A. last year.")
    assert "James C" not in t and t.get("Rhone Poulenc S.A.") != "person" and t.get("Orkem S.A.") != "person"
    # "the X government" or "the X case" does not make a person an organization
    t = _types("Boris Yeltsin spoke on Monday. Critics of the Boris Yeltsin government protested.")
    assert t["Boris Yeltsin"] == "person"
    # companies after "a stake in", and a name that reports elsewhere, are no places
    t = _types("Ford bought a stake in Jaguar last year. Market makers in Sunco shares sold. Sunco reported a loss.")
    assert t.get("Jaguar") != "location" and t.get("Sunco") != "location"
    t = _types("DPC Acquisition said it would bid. The IG Metall union called a strike.")
    assert t["DPC Acquisition"] == "organization" and t["IG Metall"] == "organization"


def test_religious_armed_groups_long_acronyms_and_modified_type_nouns():
    t = _types("Militants of the Islamic Army of Nineveh attacked. The Iraqi Army said 30 militants died.")
    assert t["Islamic Army of Nineveh"] == "group" and t.get("Iraqi Army", "organization") == "organization"
    assert _types("Peacekeepers from MONUSCO evacuated civilians.")["MONUSCO"] == "organization"
    assert _types("Police fired tear gas, the Viasna human rights centre said.")["Viasna"] == "organization"
    # a preposition is no modifier: "Activists from the group X" does not make "Activists" a group
    assert "Activists" not in _types("Activists from the group Last Chance blocked a road.")
