"""Happenings: which events tell one real-world happening, and what a happening records."""
from datetime import datetime, timedelta

import numpy as np

from desktop_app.core.happenings import HappeningIndex, Happenings, event_features, group_happenings
from desktop_app.core.happenings.action import action_key
from desktop_app.core.happenings.features import event_columns
from desktop_app.core.model import Actor, Corpus, Document, Event, EventDate, Interval, Participant
from desktop_app.core.pipeline import extract_corpus

ACTORS = [Actor("person:john-kamau", "John Kamau", "person"), Actor("person:ali-hassan", "Ali Hassan", "person"),
          Actor("location:nairobi", "Nairobi", "location"), Actor("location:turkey", "Turkey", "location"),
          Actor("organization:police", "Police", "organization"),
          Actor("location:dar-es-salaam", "Dar es Salaam", "location"),
          Actor("organization:telerate", "Telerate", "organization"),
          Actor("organization:seagram", "Seagram", "organization"),
          Actor("organization:nyse", "New York Stock Exchange", "organization")]


def _day(iso):
    d = datetime.fromisoformat(iso)
    return EventDate(iso, Interval(d, d + timedelta(days=1), "day"))


def _ev(doc, n, label, date, *actors):
    text = label + "."
    return Event(f"{doc}#e{n}", doc, 0, len(text), text, label, _day(date) if date else None,
                 [Participant(a) for a in actors])


def _corpus(*events, dct="1998-08-09"):
    docs = {}
    for e in events:
        docs.setdefault(e.doc, Document(e.doc, f"{e.doc}.txt", e.text, publication=f"Paper {e.doc}", dct=dct))
    return Corpus(documents=list(docs.values()), actors=ACTORS, events=list(events))


def _groups(corpus):
    h = group_happenings(corpus)
    return h, {e.id: h.id_of_event(i) for i, e in enumerate(corpus.events)}


def test_one_happening_reported_by_three_papers_is_one_happening_with_three_sources():
    c = _corpus(_ev("a", 1, "Police arrested John Kamau", "1998-08-07", "person:john-kamau", "location:nairobi"),
                _ev("b", 1, "John Kamau was arrested by police", "1998-08-07", "person:john-kamau"),
                _ev("c", 1, "Kenyan police arrest Kamau", "1998-08-07", "person:john-kamau", "organization:police"))
    h, of = _groups(c)
    assert len(set(of.values())) == 1
    (one,) = [h[k] for k in range(len(h))]
    assert sorted(one.sources) == ["Paper a", "Paper b", "Paper c"]
    assert one.date.start == one.date.end == "1998-08-07" and one.date.precise
    assert len(one.reports) == 3 and one.first_report in one.reports


def test_two_arrests_of_different_people_on_one_day_stay_apart():
    c = _corpus(_ev("a", 1, "Police arrested John Kamau", "1998-08-07", "person:john-kamau", "organization:police"),
                _ev("b", 1, "Police arrested Ali Hassan", "1998-08-07", "person:ali-hassan", "organization:police"))
    _, of = _groups(c)
    assert of["a#e1"] != of["b#e1"]


def test_two_earthquakes_in_one_country_months_apart_stay_apart():
    c = _corpus(_ev("a", 1, "An earthquake struck Turkey", "1999-08-17", "location:turkey"),
                _ev("b", 1, "An earthquake struck Turkey", "1999-11-12", "location:turkey"), dct="1999-11-13")
    _, of = _groups(c)
    assert of["a#e1"] != of["b#e1"]


def test_different_actions_on_one_day_by_one_actor_stay_apart():
    c = _corpus(_ev("a", 1, "Police arrested John Kamau", "1998-08-07", "person:john-kamau"),
                _ev("b", 1, "Police released John Kamau", "1998-08-07", "person:john-kamau"))
    _, of = _groups(c)
    assert of["a#e1"] != of["b#e1"]


def test_dates_a_day_apart_make_a_conflict_and_are_never_averaged():
    c = _corpus(_ev("a", 1, "Bombers attacked the embassy in Nairobi", "1998-08-07", "location:nairobi"),
                _ev("b", 1, "Bombers attacked the embassy in Nairobi", "1998-08-07", "location:nairobi"),
                _ev("c", 1, "Bombers attacked the embassy in Nairobi", "1998-08-08", "location:nairobi"))
    h, of = _groups(c)
    assert len(set(of.values())) == 1
    one = h[0]
    assert one.date.start == "1998-08-07"
    assert [(x.start, x.end) for x in one.conflicts] == [("1998-08-08", "1998-08-08")]


def test_an_undated_report_joins_through_a_shared_participant_within_its_report_window():
    c = _corpus(_ev("a", 1, "Bombers attacked the embassy in Nairobi", "1998-08-07", "location:nairobi"),
                _ev("b", 1, "Bombers attacked the embassy", None, "location:nairobi"))
    _, of = _groups(c)
    assert of["a#e1"] == of["b#e1"]


def test_the_same_action_word_alone_does_not_join_reports_from_different_documents_without_dates():
    c = _corpus(_ev("a", 1, "Bombers attacked the embassy", None, "location:nairobi"),
                _ev("b", 1, "Rebels attacked the town", None, "location:turkey"), dct=None)
    _, of = _groups(c)
    assert of["a#e1"] != of["b#e1"]


def test_happening_ids_are_stable_and_name_the_founding_report():
    c = _corpus(_ev("a", 1, "Police arrested John Kamau", "1998-08-07", "person:john-kamau"),
                _ev("b", 1, "Police arrested John Kamau", "1998-08-07", "person:john-kamau"))
    first = group_happenings(c).ids
    assert first == group_happenings(c).ids
    assert first == ["h:a#e1"]


def test_adding_a_document_groups_only_its_events_and_keeps_existing_ids():
    c = _corpus(_ev("a", 1, "Police arrested John Kamau", "1998-08-07", "person:john-kamau"),
                _ev("b", 1, "An earthquake struck Turkey", "1998-08-07", "location:turkey"),
                _ev("c", 1, "John Kamau was arrested", "1998-08-07", "person:john-kamau"))
    store = event_columns(c)
    f = event_features(c, store)
    idx = HappeningIndex(f, store.ids)
    idx.add([0, 1])
    before = idx.happening_ids()
    idx.add([2])                        # the new document's event only
    assert idx.happening_ids()[:len(before)] == before
    assert idx.of_event[2] == idx.of_event[0]
    h = Happenings(idx.of_event, idx.happening_ids(), store.ids, store.labels, f)
    assert h.id_of_event(2) == "h:a#e1"


def test_action_key_maps_inflections_and_nominalisations_to_one_key():
    assert action_key("Terrorists bombed the embassy") == action_key("The bombing of the embassy")
    assert action_key("Kenyan police arrest Kamau") == "arrest"
    assert action_key("Police arrested the suspect") == action_key("Police arrest two men") == "arrest"
    assert action_key("Sixers fired Cheeks") == action_key("Cheeks was fired") == action_key("Sixers fire Cheeks")
    assert action_key("Police arrested the suspect") != action_key("Police released the suspect")


def test_extraction_writes_happenings_into_the_json():
    docs = [Document("d1", "d1.txt", "Police in Bergen arrested Lena Ford on 2 April 2021.", dct="2021-04-03",
                     publication="Bergen Post"),
            Document("d2", "d2.txt", "Lena Ford was arrested by police in Bergen on April 2.", dct="2021-04-04",
                     publication="Oslo Daily")]
    j = extract_corpus(docs).to_json()
    assert all("happening" in e for e in j["events"])
    ids = {h["id"] for h in j["happenings"]}
    assert {e["happening"] for e in j["events"]} == ids
    arrests = [h for h in j["happenings"] if len(h["reports"]) == 2]
    assert arrests and sorted(arrests[0]["sources"]) == ["Bergen Post", "Oslo Daily"]


def test_words_for_one_kind_of_action_share_a_key_and_a_happening_noun_subject_is_the_action():
    assert action_key("Two bombs exploded outside the embassies") == action_key("The blast occurred") \
        == action_key("Embassy bombings killed 247 people")
    assert action_key("Police apprehended Jackson") == action_key("Jackson arrested on DUI charge")
    # A happening named as the object is not the action: condemning a bombing is a condemnation.
    assert action_key("Cuba condemned the bomb explosions") != action_key("Two bombs exploded")


def test_idioms_with_an_object_between_and_headline_verbs_name_the_action():
    assert action_key("She was pronounced dead") == action_key("The actress died") == action_key("Woman Killed by driver")
    assert action_key("Tara Reid checked herself into rehab") == action_key("Lindsay Lohan Checks Into Rehab") \
        == action_key("She entered rehab")
    assert action_key("Named Maurice Cheeks coach") == action_key("Sixers appointed Cheeks")
    assert action_key("Microsoft rushed out a patch") == action_key("Microsoft issued a patch") \
        == action_key("Microsoft released a patch")
    # An action noun as the subject is the action; an auxiliary never is ("can" is not "canned").
    assert action_key("arrest will not affect his status") == action_key("Police arrested him")
    assert action_key("he can go") != action_key("Sixers canned their coach")
    # A capitalised word that is no known action verb stays a name.
    assert action_key("Nicholas Sparks wrote it") == action_key("He wrote it")


def test_a_resultative_dead_keeps_the_verb_kind_and_a_verbless_label_names_its_action_with_a_noun():
    # "found dead" tells the finding of a body, "shot dead" the shooting: their kind is the verb's.
    assert action_key("Police found her dead") == action_key("Hikers discovered the body")
    assert action_key("Police found her dead") != action_key("The actress died")
    assert action_key("Gunmen shot him dead") == action_key("Gunmen shot the guard")
    # No verb-shaped word: the noun is the action, read as a noun ("fire" is a blaze, not a dismissal).
    assert action_key("Last updated Waitrose fire") == action_key("The fire destroyed the store")
    assert action_key("Last updated Waitrose fire") != action_key("Sixers fire Cheeks")


def test_a_killing_done_to_oneself_is_a_suicide_and_not_a_killing():
    assert action_key("Lo Presti hanged himself") == action_key("The mafioso committed suicide") \
        == action_key("He killed himself in his cell")
    assert action_key("Lo Presti hanged himself") != action_key("Gunmen killed him")


def test_where_the_verb_is_read_attributive_participles_adverbs_and_subjectless_labels():
    # A participle after a preposition or determiner modifies a noun: the verb is "checks".
    assert action_key("Lindsay Lohan checks into unapproved rehab") == action_key("Lohan checked into rehab")
    # A known verb may open a label with no subject; an adverb may stand after the auxiliary.
    assert action_key("checks into rehab facility Updated") == action_key("Lohan checked into rehab")
    assert action_key("Lohan has since checked into rehab") == action_key("Lohan checked into rehab")
    # A capitalised known verb after an auxiliary in a headline; a capitalised happening noun before the verb.
    assert action_key("Barack Obama to Name Dr Sanjay Gupta Surgeon") == action_key("Obama appointed Gupta")
    assert action_key("Powerful Quake hit southern Iran") == action_key("An earthquake struck Iran")
    # A support verb's noun is its object's head, past its adjectives.
    assert action_key("Boston Red Sox made biggest offer to Teixeira") == action_key("Red Sox made an offer")
    # A verb of occurrence tells its subject's kind: "cuts happened" is a cut.
    assert action_key("Three cable cuts happened off Sicily") == action_key("Ships cut three cables")
    assert action_key("The vote took place on Sunday") == action_key("Turkmens voted")
    # Escape is a kind, so a happening noun: "Escape renews calls" tells of the escape.
    assert action_key("Escape renews calls for a shake-up") == action_key("Two inmates escaped")


def test_dates_two_days_apart_are_two_happenings_even_with_the_same_participants():
    c = _corpus(_ev("a", 1, "Bombers attacked the embassy in Nairobi", "1998-08-07", "location:nairobi"),
                _ev("b", 1, "Bombers attacked the embassy in Nairobi", "1998-08-09", "location:nairobi"),
                dct="1998-08-10")
    _, of = _groups(c)
    assert of["a#e1"] != of["b#e1"]


def test_a_corpus_whose_events_were_replaced_is_grouped_again():
    from dataclasses import replace

    from desktop_app.core.happenings import with_happenings
    c = with_happenings(_corpus(_ev("a", 1, "Police arrested John Kamau", "1998-08-07", "person:john-kamau"),
                                _ev("b", 1, "Police arrested John Kamau", "1998-08-07", "person:john-kamau")))
    assert len(c.happenings) == 1
    moved = _ev("b", 1, "Police arrested John Kamau", "1998-09-20", "person:john-kamau")
    edited = with_happenings(replace(c, events=[c.events[0], moved]))    # an edit re-dates one report
    assert len(edited.happenings) == 2


def _undated_reports(*reports):
    """One undated report per document a, b, c ...: (label, actor ids ...) each."""
    return _corpus(*(_ev(chr(ord("a") + k), 1, label, None, *actors) for k, (label, *actors) in enumerate(reports)),
                   dct=None)


def test_a_report_that_bridges_two_compatible_happenings_merges_them():
    # a and b share no participant, so they start apart; c names both the person of a and the
    # place of b, fits both, and they fit each other: one happening.
    h, of = _groups(_undated_reports(("Police arrested John Kamau", "person:john-kamau"),
                                     ("Police in Nairobi arrested a man", "location:nairobi"),
                                     ("Police arrested John Kamau in Nairobi", "person:john-kamau", "location:nairobi")))
    assert of["a#e1"] == of["b#e1"] == of["c#e1"]
    assert h.ids == ["h:a#e1"]             # the earlier happening's id is kept


def test_a_report_does_not_bridge_happenings_whose_people_differ():
    _, of = _groups(_undated_reports(("Police arrested John Kamau", "person:john-kamau"),
                                     ("Police arrested Ali Hassan", "person:ali-hassan"),
                                     ("Police arrested Kamau and Hassan", "person:john-kamau", "person:ali-hassan")))
    assert of["a#e1"] != of["b#e1"]
    assert of["c#e1"] in (of["a#e1"], of["b#e1"])


def test_words_for_one_kind_of_happening_and_verb_idioms_share_a_key():
    assert action_key("Gunman killed a guard") == action_key("The guard died") == action_key("Guard presumed dead")
    assert action_key("Sixers fired coach Cheeks") == action_key("Sixers sacked Cheeks") \
        == action_key("Cheeks was dismissed") == action_key("Sixers let go Cheeks")
    assert action_key("Obama nominated Benjamin") == action_key("Obama named Benjamin") == action_key("The nomination")
    assert action_key("The earthquake strikes Turkey") == action_key("An earthquake struck Turkey")
    assert action_key("Police made an arrest") == action_key("Police arrested him")
    assert action_key("The gunman opened fire") == action_key("The gunman shot three people")
    assert action_key("Fire destroyed 20 homes") != action_key("Sixers fired Cheeks")
    # Still apart: an arrest and a release, a killing and an arrest.
    assert action_key("Police arrested the suspect") != action_key("Police released the suspect")
    assert action_key("Gunman killed a guard") != action_key("Police arrested the gunman")


def _acting(doc, label, agent, *others):
    e = _ev(doc, 1, label, "1989-10-25", *others)
    e.actors.insert(0, Participant(agent, "agent"))
    return e


def test_same_action_same_day_by_two_different_acting_organizations_stays_apart():
    # Two papers' market reports of one day, both naming the exchange: "X shares closed" by two
    # companies are two happenings; the same company in both reports is one.
    c = _corpus(_acting("a", "Telerate shares closed at $19.50", "organization:telerate", "organization:nyse"),
                _acting("b", "Seagram closed at $84.75", "organization:seagram", "organization:nyse"),
                _acting("c", "Telerate shares closed higher", "organization:telerate", "organization:nyse"),
                dct="1989-10-26")
    _, of = _groups(c)
    assert of["a#e1"] != of["b#e1"]
    assert of["a#e1"] == of["c#e1"]


def test_grouping_a_few_action_keys_at_a_time_gives_what_one_index_over_every_event_gives(monkeypatch):
    from desktop_app.core.happenings import batched
    from desktop_app.core.happenings.features import event_columns
    from desktop_app.core.synthetic import make_corpus
    corpus = make_corpus(4000, 120, seed=11, compact=True, spans=False)
    store = event_columns(corpus)
    f = event_features(corpus, store)
    one = HappeningIndex(f, store.ids)
    one.add()
    monkeypatch.setattr(batched, "BATCH", 300)          # many batches of a few keys each
    of_event, founders = batched.group_rows(f, store.ids)
    assert len(np.unique(f.key_code)) > 3
    assert np.array_equal(of_event, one.of_event)
    assert np.array_equal(founders, one.founder_rows())
    assert group_happenings(corpus).ids == one.happening_ids()


def test_participant_rows_read_in_one_pass_are_each_rows_own_set():
    # Grouping reads participant rows a chunk at a time, one-value rows sharing one set per value;
    # each must still be exactly its row, as reading the row alone gives it.
    from desktop_app.core.happenings.features import _row_set
    from desktop_app.core.happenings.grouping import _row_sets
    rng = np.random.default_rng(4)
    lengths = rng.choice([0, 1, 1, 1, 2, 3], 2000)
    ptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    val = rng.integers(0, 40, int(ptr[-1])).astype(np.int32)     # few values: rows repeat them
    rows = rng.permutation(2000)[:1500]
    got = _row_sets(ptr, val, rows)
    assert got == [_row_set(ptr, val, r) for r in rows.tolist()]
    assert sum(1 for s in got if len(s) > 1) > 100 and sum(1 for s in got if len(s) == 1) > 500
    assert _row_sets(ptr, val, rows[:0]) == []


def test_put_and_placed_are_one_action_not_a_support_verb_for_the_next_noun():
    # "placed on injured reserve" and "put on injured reserve" tell one move, not an injury.
    assert action_key("Colts placed Harrison on injured reserve") == action_key("The team put Harrison on injured reserve")
    assert action_key("Colts placed Harrison on injured reserve") != action_key("Harrison was injured")
    assert action_key("Police put him under arrest") == action_key("Police arrested him")


def test_the_participants_and_reports_kept_with_the_happenings_are_32_bit_and_read_back_whole():
    c = _corpus(_ev("a", 1, "Police arrested John Kamau", "1998-08-07", "person:john-kamau", "location:nairobi"),
                _ev("a", 2, "Ali Hassan left Turkey", "1998-08-07", "person:ali-hassan", "location:turkey"),
                _ev("b", 1, "John Kamau was arrested by police", "1998-08-07", "person:john-kamau",
                    "organization:police"))
    h = group_happenings(c)
    f = h.f
    # Held as long as the corpus is open: int32 pointers and rows (half of int64 at a million events).
    assert f.p_ptr.dtype == f.o_ptr.dtype == event_features(c).a_ptr.dtype == h._order.dtype == np.int32
    others = [set(f.o_val[f.o_ptr[r]:f.o_ptr[r + 1]].tolist()) for r in range(3)]
    assert [len(o) for o in others] == [1, 1, 1] and len(set.union(*others)) == 3
    persons = [f.p_val[f.p_ptr[r]:f.p_ptr[r + 1]].tolist() for r in range(3)]
    assert persons[0] == persons[2] and len(persons[0]) == 2 and not set(persons[0]) & set(persons[1])
    _, of = _groups(c)
    kamau = h.index_of(of["a#e1"])
    assert of["b#e1"] == of["a#e1"] and sorted(h.rows(kamau).tolist()) == [0, 2]


def test_grouping_hands_its_freed_memory_back_once_the_happenings_are_made(monkeypatch):
    import desktop_app.core.happenings as happenings
    calls = []
    monkeypatch.setattr(happenings, "release_free_memory", lambda: calls.append(1) or True)
    c = _corpus(_ev("a", 1, "Police arrested John Kamau", "1998-08-07", "person:john-kamau"))
    happenings.with_happenings(c)
    assert calls == [1] and len(c.happenings) == 1
    happenings.with_happenings(c)           # already grouped: nothing made, nothing to hand back
    assert calls == [1]


def test_grouped_happenings_keep_no_array_only_grouping_reads():
    # A million-event corpus keeps its happenings (and their features) as long as it is open: the
    # arrays only grouping reads are dropped once grouped, what records and views read stays.
    c = Corpus(documents=[Document("d1", "d1.txt", "x", dct="1998-08-07")],
               actors=[Actor("organization:police", "Police", "organization"),
                       Actor("person:john-kamau", "John Kamau", "person")],
               events=[Event(f"d1#e{i}", "d1", 0, 1, "x", "Police arrested John Kamau", None,
                             [Participant("organization:police", "agent"), Participant("person:john-kamau")])
                       for i in range(3)])
    full = event_features(c)
    assert full.a_ptr is not None and full.firm_date is not None and full.m_ptr is not None
    kept = group_happenings(c).f
    assert (kept.a_ptr, kept.a_val, kept.s_ptr, kept.s_val, kept.m_ptr, kept.m_val, kept.firm_date) == (None,) * 7
    for name in ("lo", "hi", "precise", "doc", "reported", "source_code", "key_code", "p_ptr", "o_ptr"):
        assert np.array_equal(getattr(kept, name), getattr(full, name))
