"""Reports whose labels name different main participants tell different happenings (across stories)."""
from datetime import datetime, timedelta

from desktop_app.core.happenings import group_happenings
from desktop_app.core.happenings.label_names import label_names
from desktop_app.core.model import Actor, Corpus, Document, Event, EventDate, Interval, Participant

ACTORS = [Actor("organization:nyse", "New York Stock Exchange", "organization"),
          Actor("organization:cineplex-odeon-corp", "Cineplex Odeon Corp.", "organization"),
          Actor("location:nairobi", "Nairobi", "location"),
          Actor("location:dar-es-salaam", "Dar es Salaam", "location"),
          Actor("person:maurice-cheeks", "Maurice Cheeks", "person")]


def _ev(doc, n, label, *actors):
    d = datetime(1989, 10, 26)
    text = label + "."
    return Event(f"{doc}#e{n}", doc, 0, len(text), text, label,
                 EventDate("1989-10-26", Interval(d, d + timedelta(days=1), "day")), [Participant(a) for a in actors])


def _happenings(*events):
    docs = {}
    for e in events:
        docs.setdefault(e.doc, Document(e.doc, f"{e.doc}.txt", e.text, publication=f"Paper {e.doc}", dct="1989-10-26"))
    c = Corpus(documents=list(docs.values()), actors=ACTORS, events=list(events))
    h = group_happenings(c)
    return {e.id: h.id_of_event(i) for i, e in enumerate(c.events)}


def test_label_names_are_capitalised_words_not_the_opening_word_alone_nor_a_headline():
    assert label_names("Hudson Bay shares closed at C$35")[0] == ("hudson", "bay")
    assert label_names("Suspected bombs exploded outside U.S. embassies")[0] == ()
    assert label_names("Cineplex closed at $11") == ((), "cineplex")      # a name if an actor bears it
    assert label_names("GM closed down $1.875")[0] == ("gm",)             # an acronym opening the label
    assert label_names("REPORT RED SOX MAKE HUGE OFFER TO TEIXEIRA")[0] == ()


def test_a_days_closing_reports_of_two_companies_in_two_papers_are_two_happenings():
    # Same day, same action, the same exchange named by both: only the names in the labels differ
    # (neither company is typed as the acting organization, so the agent rule cannot tell them apart).
    of = _happenings(_ev("a", 1, "Cineplex closed at $11", "organization:cineplex-odeon-corp", "organization:nyse"),
                     _ev("b", 1, "Hudson Bay shares closed at C$35", "organization:nyse"),
                     _ev("c", 1, "Hudson Bay shares closed higher", "organization:nyse"))
    assert of["a#e1"] != of["b#e1"]
    assert of["b#e1"] == of["c#e1"]


def test_places_in_labels_are_not_main_participants_and_one_document_keeps_its_own_naming():
    of = _happenings(_ev("a", 1, "Bombs exploded in Nairobi", "location:nairobi"),
                     _ev("b", 1, "Bomb exploded in Dar es Salaam", "location:dar-es-salaam", "location:nairobi"),
                     _ev("c", 1, "Philadelphia Sixers fired their coach", "person:maurice-cheeks"),
                     _ev("c", 2, "Coach Maurice Cheeks fired", "person:maurice-cheeks"))
    assert of["a#e1"] == of["b#e1"]
    assert of["c#e1"] == of["c#e2"]
