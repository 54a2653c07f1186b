"""Event labels on real news sentences: who did what to whom, in a few words, never cut mid-phrase."""
from desktop_app.core.annotated import annotate
from desktop_app.core.events.build import build_events

_AUXILIARIES = {"is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
                "could", "may", "might", "should", "must", "did", "does", "do"}
_PREPOSITIONS = {"of", "in", "on", "at", "for", "from", "with", "by", "to", "into", "about", "than"}


def _label(sentence, dct="1998-08-14"):
    doc = annotate(sentence, dct, "t")
    (ev,) = [e for e in build_events(doc) if e.start == 0]
    return ev.label


def _ends_well(label):
    last = label.split()[-1].lower()
    return last not in _AUXILIARIES and last not in _PREPOSITIONS and last not in {"that", "the", "a", "and"}


def test_the_label_keeps_the_object_of_its_verb():
    # an "-ing" noun is no participle that ends the object
    assert _label("This man, Eric Rudolph has already been charged in the Birmingham bombing.").endswith(
        "Birmingham bombing")
    # "want X to do Y": the infinitive is the point of the wanting
    assert "to suspend" in _label("The Justice Department wants the appeals court to suspend the temporary "
                                  "injunction issued Thursday.")
    # a range is not cut at its "to"
    assert "15% to 20%" in _label("Ocean Drilling said on Friday it will offer 15% to 20% of the "
                                  "contract-drilling business through an initial public offering.")
    # the place phrase a copula needs stays ("could be | in the gulf region")
    assert _label("On Friday, Bush seemed to suggest that American forces could be in the gulf region for some "
                  "time.").endswith("in gulf region")


def test_what_x_said_or_claimed_is_the_label_and_x_its_source():
    assert _label("In the past, Russia has often claimed that Ukraine was undermining efforts at closer "
                  "cooperation within the CIS on Friday.").startswith("Ukraine")
    assert _label("The SEC alleged on Friday that Mr. Antar aimed to pump up the company's stock price through "
                  "false financial statements.").startswith("Antar aimed to pump up")
    told = _label("Lena Ford told reporters on Friday that the Oslo police had arrested Tor Berg.")
    assert told == "Oslo police arrested Tor Berg"


def test_no_label_ends_on_an_auxiliary_a_preposition_or_an_unfinished_infinitive():
    sentences = [
        "White heads a team that is investigating and prosecuting the bombings which killed 224 people on Friday.",
        "In Nairobi, a top Kenyan police official on Friday denied a newspaper report that more arrests had been "
        "made there.",
        "The day before Tuesday's hearing, Manuel went to Lazaro's home to try to work out their differences.",
        "On Friday, Puerto Rico Police Superintendent Pedro Toledo urged people who might be targeted by kidnappers "
        "to be alert.",
        "Riva had yet to regain consciousness on Friday and was listed in critical condition.",
    ]
    for s in sentences:
        label = _label(s)
        assert _ends_well(label), (s, label)
        assert not label.split()[-1].lower() in {"try", "simply"}, (s, label)
    assert _label(sentences[0]).startswith("White heads team")
    assert _label(sentences[1]).endswith("denied newspaper report")


def test_a_coordinated_subject_and_a_name_in_its_tail_do_not_replace_its_head():
    assert _label("On Friday, Stealth fighter planes and the aircraft carrier John F. Kennedy are also headed to "
                  "Saudi Arabia.").startswith("Stealth fighter planes headed")
    assert _label("The mayor of Moscow on Friday allocated funds to help build a museum.").startswith("mayor allocated")


def test_a_cleft_is_labelled_by_what_it_tells():
    assert _label("On Friday it was the INS that decided to return the boy.") == "INS decided to return boy"
    assert _label("It is bad enough that conservatives in Congress on Friday voted to dismantle reproductive "
                  "rights.").startswith("conservatives voted to dismantle")


def test_verbs_found_by_their_form():
    # an irregular past the verb finder knew nothing of, and an adverb inside the verb group
    assert _label("The boy clung to an inner tube for two days and was plucked from the Atlantic on Thanksgiving "
                  "Day.").startswith("boy clung to inner tube")
    # "It's" is "it is"; "had withdrawn" keeps its "had" (a bare participle reads as a passive)
    assert _label("On Friday, It's going to be the leading edge technology.").startswith("It going to be")
    assert _label("The army had withdrawn from the border on Friday.") == "army had withdrawn from border"


def test_a_sentence_without_a_clause_never_ends_inside_an_abbreviation():
    label = _label("The acquisition of 87-store Weisfield's in 1989 raises Ratners's U.S. presence to 450 stores.",
                   "1989-10-27")
    assert "U.S." in label.split() or "U" not in label.split()


def test_a_speaker_who_reports_on_itself_keeps_its_name_and_loses_the_said():
    assert _label("They said on Friday they would appeal the decision.") == "They would appeal decision"
    assert _label("The company said on Friday it would cut 500 jobs.") == "company would cut 500 jobs"
    # not when the pronoun is only part of the subject of what was said ("She other family members had spoken")
    label = _label("She said on Friday she and other family members had spoken to Elian's father.")
    assert "she and other family members had spoken" in label


def test_a_contracted_negative_is_kept_with_its_verb():
    assert _label("Mr. Drabinsky couldn't be reached for comment on Friday.").endswith("couldn't be reached for comment")
    assert "doesn't know" in _label("The company said on Friday it doesn't know when its machine will be available.")


def test_a_result_clause_and_a_shown_clause_are_kept():
    assert _label("On Friday the bomb was so powerful that it shook furniture in homes a mile away.").endswith(
        "it shook furniture")
    # "records show X was found guilty": what the records show is the happening, the records its source
    assert _label("Florida state records show Lazaro Gonzalez, 49, was found guilty of driving under the influence "
                  "on Friday.").startswith("Lazaro Gonzalez found guilty")
    # a preposition whose date the label skips does not dangle
    assert _ends_well(_label("On Friday he said this gives him protection that he will not be repatriated to Cuba "
                             "between now and Feb. 10."))


def test_a_cut_for_length_never_splits_a_name_nor_leaves_a_bare_infinitive():
    label = _label("The newspaper of Cuba's Communist Party, daily Gramma, published a letter Thursday from Elian's "
                   "grandmothers to Reno and Immigration and Naturalization Service Commissioner Doris Meissner.")
    assert not label.endswith("Immigration") and "published letter" in label
    # "not just" keeps its "just": "We don't arrive" would say the opposite
    assert "don't just arrive" in _label("``We don't just arrive,'' said Gen. John Dailey on Friday.")


def test_a_degree_adverb_stays_in_the_verb_group():
    assert "will almost double" in _label("Qantas will almost double its flights between Australia and India by "
                                          "August 1998.")
