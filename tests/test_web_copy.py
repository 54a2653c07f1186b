"""Saved web pages read as news: page furniture, glued headlines and captions, stock lines, and
names that are no actor or no person (README "Events: how they are formed", web copies)."""
from desktop_app.core.annotated import annotate
from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_corpus
from desktop_app.core.text.sentences import split_sentences


def _corpus(*texts, dcts=None):
    dcts = dcts or ["2010-01-15"] * len(texts)
    return extract_corpus([Document(id=f"d{i}", path=f"d{i}.txt", text=t, dct=d)
                           for i, (t, d) in enumerate(zip(texts, dcts))])


def test_a_sentence_addressed_to_the_reader_or_a_question_gives_no_event():
    text = ("Rescuers in Port-au-Prince pulled a girl from the rubble on Thursday.\n"
            "If you have any information you wish to share with the BBC, use the form below.\n"
            "Tell us what you saw in Port-au-Prince.\n"
            "If you have a comment on any of the stories on today's show, the BBC wants to hear it.\n"
            "What did the UN do on Thursday?\n"
            "\"You could hear the screams,\" a survivor told the BBC on Thursday.\n")
    c = _corpus(text)
    sentences = [e.text for e in c.events]
    assert any(s.startswith("Rescuers") for s in sentences)
    assert not any("information you wish" in s or s.startswith("Tell us") or s.startswith("What did")
                   or "today's show" in s for s in sentences)
    # A witness's quoted "you" is the witness's words: the telling is an event; so is a dated
    # sentence in the second person (a letter: "your Oct. 23 item recognized ...").
    assert any("screams" in s for s in sentences)
    letter = _corpus("Your report of 12 January recognized the rescuers in Port-au-Prince.")
    assert any(e.dated for e in letter.events)


def test_a_headline_and_a_caption_glued_to_the_first_sentence_are_sentences_of_their_own():
    text = ("Haiti devastated by massive quake Thousands of people are feared dead after a powerful "
            "earthquake hit the Caribbean nation of Haiti on Tuesday.")
    parts = [s.text for s in split_sentences(text)]
    assert parts[0] == "Haiti devastated by massive quake"
    assert parts[1].startswith("Thousands of people are feared dead")
    c = _corpus(text)
    lead = next(e for e in c.events if e.text.startswith("Thousands"))
    assert "quake Thousands" not in lead.label
    quoted = [s.text for s in split_sentences('Haiti devastated by massive earthquake "All of a sudden everything '
                                              'fell apart," a survivor told the BBC.')]
    assert quoted[0] == "Haiti devastated by massive earthquake"
    # Names, category letters and a quotation a verb of saying introduces stay whole.
    for whole in ('Mr Smith said "The plan is dead and buried for good now."',"It spread to pigs infected with type A influenza in The Hague, officials told The Associated Press.",
                  "It will reduce First of America's operating costs by a third this year."):
        assert [s.text for s in split_sentences(whole)] == [whole]


def test_a_stock_line_printed_in_reports_of_several_days_is_dated_only_by_its_own_words():
    stock = "At least 75,000 bodies have been buried in mass graves, Haiti's government has said."
    dated = "The earthquake struck Haiti on 12 January 2010."
    texts = [f"Aid reached Jacmel on {d} January.\n{stock}\n{dated}\n" for d in ("14", "16", "18")]
    c = _corpus(*texts, dcts=["2010-01-14", "2010-01-16", "2010-01-18"])
    copies = [e for e in c.events if e.text == stock]
    assert len(copies) == 3 and all(not e.dated for e in copies)
    assert all(e.dated and e.date.value == "2010-01-12" for e in c.events if e.text == dated)
    # Syndicated copies of one day's report keep the report's day.
    same_day = _corpus(*texts, dcts=["2010-01-16"] * 3)
    assert all(e.dated for e in same_day.events if e.text == stock)


def test_disease_and_strain_names_are_no_actors():
    c = _corpus("The H1N1 virus spread to Spain on Monday. Swine Flu has killed 20 people in Mexico, "
                "the World Health Organization said on Monday. H1N1 cases rose in Mexico on Tuesday.")
    names = {a.name for a in c.actors}
    assert "Mexico" in names and "World Health Organization" in names
    assert not any("H1N1" in n or "Flu" in n for n in names)


def test_a_name_with_the_article_and_a_plural_verb_is_no_person():
    doc = annotate("The Black Eyed Peas have announced they will perform in Cardiff on Friday. "
                   "Black Eyed Peas singer Fergie said the show would go on. Michael Jackson was 50.", "2011-06-01")
    types = {a.name: a.type for a in doc.actors.actors if a.mentions}
    assert types["Black Eyed Peas"] != "person"
    assert types["Michael Jackson"] == "person"


def test_readers_comments_after_the_article_give_no_event_and_no_actor():
    text = ("Doctors in Mexico City confirmed 20 deaths on Monday.\n"
            "At 10:16 1st May 2009, ynda20 wrote: I think Alice Smith flew to Paris on Monday.\n"
            "At 9:53 pm on 22 Jun 2009, sensiblegrannie wrote: Bob Jones met the mayor of Lyon on Monday.\n")
    c = _corpus(text)
    assert [e.label for e in c.events] == ["Doctors confirmed 20 deaths"]
    names = {a.name for a in c.actors}
    assert "Mexico City" in names and not names & {"Alice Smith", "Paris", "Bob Jones", "Lyon"}


def test_a_surname_before_family_names_the_family_not_the_person():
    doc = annotate("LaToya is not the only member of the Jackson family talking before the anniversary of "
                   "Michael Jackson's death. Jackson died in June 2009.", "2010-06-01")
    by_name = {a.name: a for a in doc.actors.actors if a.mentions}
    assert by_name["Jackson family"].type == "group"
    assert "Jackson" not in by_name
    assert any(t == "Jackson" for _, _, t in by_name["Michael Jackson"].mentions)


def test_a_label_keeps_a_category_letter():
    c = _corpus("Tests confirmed on Friday that eight schoolchildren had a type A influenza virus.")
    assert any("type A influenza" in e.label for e in c.events)


def test_a_quoted_plea_and_a_first_person_plural_are_no_call_to_action():
    from desktop_app.core.events.not_news import reports_nothing
    assert reports_nothing("Tell us your experiences by filling in the form below.")
    assert reports_nothing("Please get involved and leave a comment.")
    assert not reports_nothing('"Please help us," she said on Monday.')
    assert not reports_nothing("Most of us believe the vaccine works.")


def test_a_caption_ending_in_a_place_glued_to_a_sentence_opening_with_a_common_word_is_cut_there():
    text = ("Douglas Alexander promises UK aid to Haiti Half of the nationals still had to make contact "
            "with the embassy in Port-au-Prince.\nAbout half of them live in the capital.")
    parts = [s.text for s in split_sentences(text)]
    assert parts[0] == "Douglas Alexander promises UK aid to Haiti"
    assert parts[1].startswith("Half of the nationals")
    names = {a.name for a in _corpus(text).actors}
    assert "Haiti" in names and not any("Half" in n for n in names)
    # A place that modifies a name, or a name that goes on, is no seam: "the US Housing market",
    # "Manchester Fire and Rescue Service", a word the text never writes in lower case.
    for whole, more in (("A review looked at the state of the US Housing market, one year on from the collapse.",
                         " The housing market fell."),
                        ("A spokesman for Manchester Fire and Rescue Service said the team would fly out today.",
                         " The fire was out."),
                        ("Nick comes live from Edinburgh Fringe nightly from ten until midnight, on the radio.", "")):
        assert [s.text for s in split_sentences(whole + more)][0] == whole


def test_a_board_of_signed_readers_posts_gives_no_event_and_no_actor_but_the_report_above_it_does():
    report = ("The World Health Organization raised its pandemic alert to level five on Wednesday.\n"
              "Health officials in Mexico closed schools on Thursday.\n")
    board = ("I think the media has blown this out of proportion.\n"
             "We went to the shops on Friday and nobody wore a mask.\n"
             "Alfred Penderel Bright, Harrogate, North Yorkshire.\n"
             "My children stayed home from school on Monday.\n"
             "Basic hygiene is all you need Darren Spraggs, New Malden, UK I wash my hands every hour.\n"
             "Our town council closed the pool at Pool Quay Welshpool on Tuesday.\n"
             "Andy Craddock, St Austell, Cornwall How do we get the media to report news again?\n"
             "I am not worried about swine flu at all.\n")
    c = _corpus(report + board)
    texts = [e.text for e in c.events]
    assert any(t.startswith("The World Health Organization raised") for t in texts)
    assert any(t.startswith("Health officials in Mexico") for t in texts)
    assert not any("Friday" in t or "Monday" in t or "Pool Quay" in t or "wash my hands" in t for t in texts)
    names = {a.name for a in c.actors}
    assert "World Health Organization" in names
    assert not any("Welshpool" in n or "Harrogate" in n or "Spraggs" in n for n in names)


def test_a_report_quoting_a_witness_at_length_or_naming_one_reader_stays_news():
    text = ("Rescuers pulled a girl from the rubble in Port-au-Prince on Thursday.\n"
            "Susan Westwood, Port-au-Prince, Haiti I was in the intensive care room when the earthquake hit.\n"
            "The floor started shaking violently on Tuesday, she told the BBC.\n"
            "Aid reached Jacmel on Friday, officials said.\n"
            "I clung on to the babies, she said of the night of 12 January.\n"
            "The UN said on Friday that 3,000 troops would arrive in Port-au-Prince.\n")
    texts = [e.text for e in _corpus(text).events]
    assert any(t.startswith("Aid reached Jacmel") for t in texts)
    assert any(t.startswith("The floor started shaking") for t in texts)


def test_a_name_that_is_places_in_a_row_is_a_place_not_a_person():
    doc = annotate("Catherine McMillan is searching for relatives of James Evans of Pool Quay Welshpool.\n"
                   "The Newills from Welshpool were ironmongers.\n"
                   "Annie was born in Fowey Cornwall in 1880 and lived on a farm in Cornwall.\n"
                   "Ms McMillan met Gabby Logan, who said the archive had helped.", "2010-01-01")
    types = {a.name: a.type for a in doc.actors.actors if a.mentions}
    assert types["Pool Quay Welshpool"] == "location" and types["Fowey Cornwall"] == "location"
    assert types["Catherine McMillan"] == "person" and types["Gabby Logan"] == "person"
    # A team's plural is no place, whatever precedes its short name.
    team = annotate("But the Trail Blazers rebuffed him three times.\nHe won 162 games in Portland, the "
                    "fourth-highest win total in Blazers history.", "2008-01-01")
    assert {a.name: a.type for a in team.actors.actors if a.mentions}.get("Trail Blazers") != "location"
