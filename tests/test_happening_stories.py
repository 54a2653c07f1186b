"""Stories: documents clustered by the rare participants they share, and what a story lets grouping join."""
from datetime import datetime, timedelta

import numpy as np

from desktop_app.core.happenings import event_features, group_happenings
from desktop_app.core.happenings.stories import document_stories
from desktop_app.core.model import Actor, Corpus, Document, Event, EventDate, Interval, Participant

ACTORS = [Actor("person:maurice-cheeks", "Maurice Cheeks", "person"),
          Actor("person:billy-king", "Billy King", "person"),
          Actor("person:ed-stefanski", "Ed Stefanski", "person"),
          Actor("person:john-kamau", "John Kamau", "person"), Actor("person:ali-hassan", "Ali Hassan", "person"),
          Actor("organization:76ers", "76ers", "organization"),
          Actor("location:philadelphia", "Philadelphia", "location"),
          Actor("location:turkey", "Turkey", "location"), Actor("location:izmit", "Izmit", "location"),
          Actor("location:duzce", "Duzce", "location"), Actor("location:nairobi", "Nairobi", "location"),
          Actor("organization:kenya-police", "Kenya Police", "organization"),
          Actor("location:oslo", "Oslo", "location"), Actor("location:lima", "Lima", "location")]


def _day(iso):
    d = datetime.fromisoformat(iso)
    return EventDate(iso, Interval(d, d + timedelta(days=1), "day"))


def _corpus(docs, dct=None):
    """docs: {doc id: [(label, date or None, actor ids ...), ...]} (one document per key)."""
    events, documents = [], []
    for doc, evs in docs.items():
        text = " ".join(label + "." for label, *_ in evs)
        documents.append(Document(doc, f"{doc}.txt", text, publication=f"Paper {doc}",
                                  dct=dct(doc) if callable(dct) else dct))
        for n, (label, date, *actors) in enumerate(evs):
            events.append(Event(f"{doc}#e{n}", doc, 0, len(text), text, label, _day(date) if date else None,
                                [Participant(a) for a in actors]))
    return Corpus(documents=documents, actors=ACTORS, events=events)


def _of(corpus):
    h = group_happenings(corpus)
    return {e.id: h.id_of_event(i) for i, e in enumerate(corpus.events)}


# Two other documents, so the coach story's names are rare in the corpus.
_ELSEWHERE = {"x": [("Protesters marched in Oslo", None, "location:oslo")],
              "y": [("Flooding hit Lima", None, "location:lima")]}


def test_documents_sharing_rare_participants_are_one_story_and_one_shared_name_is_not():
    docs = np.array([0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4])
    feats = np.array([10, 11, 12, 10, 11, 12, 20, 21, 20, 22, 30])       # 0 and 1 share three names; 2 and 3 one
    story = document_stories(docs, feats, 5, np.full(5, -(2 ** 40)))
    assert story[0] == story[1]
    assert story[2] != story[3]
    assert len(set(story.tolist())) == 4


def test_documents_created_months_apart_are_two_stories_whatever_they_share():
    docs = np.array([0, 0, 0, 1, 1, 1, 2, 3])
    feats = np.array([10, 11, 12, 10, 11, 12, 20, 21])
    assert document_stories(docs, feats, 4, np.array([10_000, 10_003, 0, 0]))[0] == \
        document_stories(docs, feats, 4, np.array([10_000, 10_003, 0, 0]))[1]
    story = document_stories(docs, feats, 4, np.array([10_000, 10_090, 0, 0]))
    assert story[0] != story[1]


def test_the_same_kind_of_action_in_one_story_joins_without_a_shared_participant_in_its_clause():
    # Undated reports in documents with no creation time: only the story ties "Cheeks fired" to
    # "the team let its coach go" (the second clause names nobody).
    c = _corpus({"a": [("Sixers fired Maurice Cheeks", None, "person:maurice-cheeks", "organization:76ers"),
                       ("Cheeks coached in Philadelphia", None, "person:maurice-cheeks", "location:philadelphia",
                        "organization:76ers")],
                 "b": [("The team let its coach go", None),
                       ("Maurice Cheeks led the 76ers in Philadelphia", None, "person:maurice-cheeks",
                        "organization:76ers", "location:philadelphia"),
                       ("Cheeks joined the 76ers", None, "person:maurice-cheeks", "organization:76ers")],
                 **_ELSEWHERE})
    assert event_features(c).doc_story is not None
    of = _of(c)
    assert of["a#e0"] == of["b#e0"]


def test_without_a_story_the_action_word_alone_still_joins_nothing():
    c = _corpus({"a": [("Sixers fired Maurice Cheeks", None, "person:maurice-cheeks")],
                 "b": [("The team let its coach go", None)], **_ELSEWHERE})
    of = _of(c)
    assert of["a#e0"] != of["b#e0"]


_QUAKE_STORY = {"a": [("An earthquake struck Izmit", "1999-08-17", "location:izmit", "location:turkey",
                       "location:duzce"),
                      ("Rescuers searched Izmit", None, "location:izmit", "location:turkey", "location:duzce")],
                "b": [("An earthquake struck Izmit", "1999-08-21", "location:izmit", "location:turkey"),
                      ("Rescuers reached Duzce", None, "location:duzce", "location:turkey", "location:izmit")],
                **_ELSEWHERE}


def test_within_a_story_dates_read_without_a_creation_time_are_no_conflict():
    # With no creation time, "Tuesday" is read against whatever date the text gives: days apart
    # within one story are one happening.
    of = _of(_corpus(_QUAKE_STORY))
    assert of["a#e0"] == of["b#e0"]


def test_within_a_story_dates_read_against_creation_times_still_conflict():
    of = _of(_corpus(_QUAKE_STORY, dct=lambda doc: "1999-08-21"))
    assert of["a#e0"] != of["b#e0"]


def _arrests(second_person):
    return _corpus({"a": [("Police arrested John Kamau", "1998-08-07", "person:john-kamau",
                           "organization:kenya-police", "location:nairobi"),
                          ("Kamau was questioned in Nairobi", "1998-08-07", "person:john-kamau",
                           "organization:kenya-police", "location:nairobi")],
                    "b": [("Police arrested " + second_person[1], "1998-08-07", second_person[0],
                           "organization:kenya-police", "location:nairobi"),
                          ("John Kamau was held in Nairobi", "1998-08-07", "person:john-kamau",
                           "organization:kenya-police", "location:nairobi"),
                          ("Kamau was charged", "1998-08-08", "person:john-kamau", "organization:kenya-police")],
                    **_ELSEWHERE}, dct="1998-08-09")


def _with_hassan(c, k, label, other):
    """``c`` with one more event in its ``k``-th document naming Ali Hassan (id "<doc>#e9")."""
    doc = c.documents[k]
    c.events.append(Event(f"{doc.id}#e9", doc.id, 0, 10, doc.text, label, _day("1998-08-07"),
                          [Participant("person:ali-hassan"), Participant(other)]))
    return c


def test_within_a_story_two_arrests_of_its_main_people_stay_apart():
    # Document b is about Kamau too, but it names Hassan in two events: he is one of its main
    # people, so his arrest and Kamau's stay two happenings.
    c = _with_hassan(_arrests(("person:ali-hassan", "Ali Hassan")), 1, "Ali Hassan was held", "location:nairobi")
    assert _of(c)["a#e0"] != _of(c)["b#e0"]


def test_within_a_story_a_person_named_only_in_passing_is_no_conflict():
    # b's arrest clause names "Billy King" once (a passing name, e.g. a headline glued on); b's
    # main person is Kamau, so the clause is about Kamau's arrest.
    of = _of(_arrests(("person:billy-king", "Billy King")))
    assert of["a#e0"] == of["b#e0"]


def test_within_one_document_two_arrests_of_people_named_once_stay_apart():
    # Passing names are forgiven across the documents of a story, never inside one document.
    c = _with_hassan(_arrests(("person:billy-king", "Billy King")), 0, "Police arrested Ali Hassan",
                     "organization:kenya-police")
    assert _of(c)["a#e9"] != _of(c)["a#e0"]


def test_a_document_links_into_a_story_only_through_its_three_nearest_documents():
    # Document 0 shares two rare names with each of documents 1-4; document 4 also names one of its
    # own, so it is 0's fourth-nearest: a hub does not pull a fourth neighbour into its story.
    docs = np.array([0] * 8 + [1, 1, 2, 2, 3, 3, 4, 4, 4])
    feats = np.array([10, 11, 20, 21, 30, 31, 40, 41, 10, 11, 20, 21, 30, 31, 40, 41, 99])
    story = document_stories(docs, feats, 5, np.full(5, -(2 ** 40)))
    assert story[0] == story[1] == story[2] == story[3]
    assert story[4] != story[0]


def test_stories_built_a_few_documents_at_a_time_are_the_stories_built_at_once(monkeypatch):
    # The document pairs are made and summed in parts (by lower document) so all of them never exist
    # at once; cutting them into one part per few postings must not change a single link.
    from desktop_app.core.happenings import stories
    rng = np.random.default_rng(3)
    for _ in range(40):
        n_docs = int(rng.integers(2, 40))
        docs = rng.integers(0, n_docs, 200)
        feats = rng.integers(0, 25, 200)
        day = np.where(rng.random(n_docs) < 0.3, -(2 ** 40), rng.integers(0, 60, n_docs))
        monkeypatch.setattr(stories, "PART_POSTINGS", 1 << 17)
        whole = document_stories(docs, feats, n_docs, day)
        monkeypatch.setattr(stories, "PART_POSTINGS", 3)
        monkeypatch.setattr(stories, "SHARED_CHUNK", 5)
        assert len(list(stories._packed_pairs(*_postings(docs, feats, n_docs)))) > 1
        assert document_stories(docs, feats, n_docs, day).tolist() == whole.tolist()


def _postings(docs, feats, n_docs):
    """(document, feature, weight, n_docs, bits) of distinct (document, feature) postings, feature order."""
    key = np.unique(feats.astype(np.int64) * n_docs + docs)
    return (key % n_docs).astype(np.int32), (key // n_docs).astype(np.int32), np.ones(26, np.int64), n_docs, 4
