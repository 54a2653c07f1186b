"""Events, undated facts, citations and follow-ups, on the seed and on invented text."""
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_corpus

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_54cc48f895b22f49.txt"


def corpus_of(text, dct="2021-05-20", doc_id="t"):
    return extract_corpus([Document(id=doc_id, path=doc_id, text=text, dct=dct)])


@pytest.fixture(scope="module")
def seed():
    doc = Document(id="seed", path=str(SEED), text=SEED.read_text(encoding="utf-8"), dct="2007-11")
    c = extract_corpus([doc])
    names = {a.id: a.name for a in c.actors}
    return c, names


def _event_with(c, names, *actor_names, dated=True):
    out = []
    for e in c.events:
        if e.dated != dated:
            continue
        have = {names[p.actor] for p in e.actors}
        if set(actor_names) <= have:
            out.append(e)
    return out


def test_seed_karavan_report_event(seed):
    c, names = seed
    evs = [e for e in c.events if e.dated and e.date.value == "2007-11-02" and e.date.relation == "on"]
    assert evs, "Karavan's November 2 report"
    e = evs[0]
    assert names[e.report.source] == "Karavan" and e.report.date == "2007-11-02"
    assert "Karavan" in e.label and "reported" in e.label


def test_seed_forged_candidacy_event(seed):
    c, names = seed
    (e,) = _event_with(c, names, "National Security Committee", "Krykbayev Group")
    assert e.date.relation == "on_or_before"
    assert e.date.interval.end <= datetime(2007, 12, 1)
    roles = {names[p.actor]: p.role for p in e.actors}
    assert roles["National Security Committee"] == "agent"
    assert "discovered" in e.label


def test_seed_sixteen_cases_event(seed):
    c, names = seed
    (e,) = _event_with(c, names, "Krykbayev Group", "Saydakhov", "Ayshuak Zhantugel", "Almaty")
    assert e.date.value == "P1W" or e.date.interval is not None
    assert e.date.interval.start <= datetime(2007, 11, 1)
    assert "opened" in e.label


def test_seed_arrest_event_and_its_follow_up_stay_one_sentence_each(seed):
    c, names = seed
    (e,) = [e for e in _event_with(c, names, "Zhaksylyk Umirzak") if "arrested" in e.label]
    assert e.date.value == "2007-11-07" and e.date.relation == "on"
    assert e.label == "Zhaksylyk Umirzak arrested"
    roles = {names[p.actor]: p.role for p in e.actors}
    assert roles["Zhaksylyk Umirzak"] == "target"
    # an event never spans more than its sentence: "He allegedly received ..." is an event of its own
    assert "He allegedly received" not in e.text
    assert c.documents[0].text[e.start:e.end] == e.text
    (f,) = [f for f in _event_with(c, names, "Zhaksylyk Umirzak") if "He allegedly received" in f.text]
    roles = {names[p.actor]: p.role for p in f.actors}
    assert roles["Zhaksylyk Umirzak"] == "agent"          # "He" is the man arrested
    assert "Zhambyl electric power station" in roles
    assert names[f.report.source] == "Interfax-Kazakhstan" and f.report.date == "2007-11-07"
    assert f.date.value == "2007-11-07"


def test_seed_law_and_justice_formed(seed):
    c, names = seed
    (e,) = [e for e in _event_with(c, names, "Law and Justice") if "formed" in e.label]
    assert e.date.relation == "on_or_before"
    assert e.date.value == "2007-11-06"
    assert names[e.report.source] == "Kazakh Television Channel 1"
    assert "formed" in e.label


def test_seed_undated_facts_tie_actors(seed):
    c, names = seed
    facts = _event_with(c, names, "United States", "FBI", "National Security Committee", dated=False)
    assert facts and facts[0].date is None


def test_seed_json_shape(seed):
    c, _ = seed
    j = c.to_json()
    ev = next(e for e in j["events"] if e["report"] and e["date"])
    assert {"id", "doc", "start", "end", "text", "label", "date", "report", "actors"} <= set(ev)
    assert {"value", "start", "end", "precision"} <= set(ev["date"])
    assert {"source", "date"} <= set(ev["report"])
    assert {"actor", "role"} <= set(ev["actors"][0])
    assert {"source", "target", "weight", "events"} <= set(j["ties"][0])
    assert {"doc", "start", "end", "text", "actor"} <= set(j["mentions"][0])


def test_citation_only_date_is_on_or_before():
    c = corpus_of("The Kestrel Bank froze the accounts of three exporters (Metro Herald, April 3).")
    (e,) = c.events
    assert e.date.relation == "on_or_before" and e.date.value == "2021-04-03"
    src = {a.id: a for a in c.actors}[e.report.source]
    assert src.name == "Metro Herald" and src.type == "media"
    # the source reports; it is not a participant
    assert e.report.source not in e.actor_ids()


def test_in_text_report_and_passive_agent():
    text = ("The Harbour Times newspaper reported on May 3 that Lena Ford had resigned. "
            "Victor Hale was questioned by the Serious Fraud Office on May 10.")
    c = corpus_of(text)
    names = {a.id: a.name for a in c.actors}
    first = c.events[0]
    assert names[first.report.source] == "Harbour Times" and first.report.date == "2021-05-03"
    assert first.date.relation == "on"
    second = c.events[1]
    roles = {names[p.actor]: p.role for p in second.actors}
    assert roles == {"Victor Hale": "target", "Serious Fraud Office": "agent"}
    assert second.date.value == "2021-05-10"


def test_recently_without_citation_is_on_or_before_dct():
    c = corpus_of("Greenfield Energy has recently closed its refinery in Gdansk.", dct="2021-05-20")
    (e,) = c.events
    assert e.date.relation == "on_or_before"
    assert e.date.interval.end <= datetime(2021, 5, 21)


def test_contrast_dates_do_not_date_the_event():
    c = corpus_of("Unlike in the 1990s, the Vargas clan now runs legitimate businesses in Lima.")
    (e,) = c.events
    assert e.date is None


def test_a_dated_sentence_without_a_named_actor_is_an_event():
    c = corpus_of("The stock fell 7/8 Thursday.", dct="2021-05-21")
    (e,) = c.events
    assert e.actors == [] and e.date.value == "2021-05-20" and "fell" in e.label


def test_a_sentence_with_neither_date_nor_actor_gives_nothing():
    assert corpus_of("Nobody expected it.").events == []


def test_follow_up_needs_same_paragraph():
    text = ("Marta Silva was detained on May 2 in Porto.\n\n"
            "She later appeared before the Porto Criminal Court on May 4.")
    c = corpus_of(text)
    assert len(c.events) == 2
    names = {a.id: a.name for a in c.actors}
    second = {names[p.actor] for p in c.events[1].actors}
    assert "Porto Criminal Court" in second
