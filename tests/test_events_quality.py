"""Events on invented text: roles, labels, attributions, referents, provenance, and the held-out score."""
import importlib.util
import re
from pathlib import Path

import pytest

from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_corpus

ROOT = Path(__file__).resolve().parents[1]


def _events(text, dct="2021-05-10"):
    c = extract_corpus([Document(id="q", path="q.txt", text=text, dct=dct)])
    name = {a.id: a.name for a in c.actors}
    out = []
    for e in c.events:
        assert text[e.start:e.end] == e.text     # provenance: the event is its sentence, exactly
        out.append((e, {name[p.actor]: p.role for p in e.actors},
                     name.get(e.report.source) if e.report and e.report.source else None))
    return out


def _one(events, needle):
    hits = [x for x in events if needle in x[0].text]
    assert len(hits) == 1, [x[0].text for x in events]
    return hits[0]


def test_active_passive_and_accusation_roles():
    ev = _events("Maria Solberg was arrested by the Bergen Police on 4 May 2021.\n"
                 "The Harbour Bank accused Lena Ford of fraud on 5 May 2021.\n"
                 "On 7 May 2021, the Oslo court fined Harbour Bank 2 million kroner.\n")
    _, roles, _ = _one(ev, "Solberg")
    assert roles == {"Maria Solberg": "target", "Bergen Police": "agent"}
    _, roles, _ = _one(ev, "accused")
    assert roles["Harbour Bank"] == "agent" and roles["Lena Ford"] == "target"
    e, roles, _ = _one(ev, "fined")
    assert roles["Harbour Bank"] == "target" and e.date.value == "2021-05-07"


def test_labels_keep_negation_skip_relative_clauses_and_stay_short():
    ev = _events("Premier Tor Lunde, whose Centre Union lost its majority on Sunday, conceded defeat on 3 May 2021.\n"
                 "Dr. Ane Holm of the Heart Institute said on 4 May 2021 that patients should not stop taking pills.\n"
                 "The Central Election Commission of Moldova on 27 September rejected a complaint by the Party of "
                 "Socialists alleging fraud in the July 11 parliamentary vote.\n", dct="2021-09-28")
    assert "conceded" in _one(ev, "conceded")[0].label and "lost" not in _one(ev, "conceded")[0].label
    long = _one(ev, "Commission")[0].label
    assert "rejected complaint" in long and "alleging" not in long and len(long.split()) <= 10
    for e, _, _ in ev:
        assert e.label.split()[-1].lower() not in {"of", "in", "on", "by", "to", "the", "from", "with", "without"}
    neg = _events("Health officials in Oslo said on 4 May 2021 that the Nordic Pharma pills should not be taken.\n")
    assert all("not" in e.label for e, _, _ in neg if "should" in e.label)


def test_speaker_and_what_he_said_he_did():
    ev = _events("Nordic Steel AB said on Tuesday it had agreed to buy Kemi Metals for 2 billion euros.\n"
                 "Prosecutors said on 3 May 2021 that Jonas Berg paid the inspectors.\n", dct="2022-02-09")
    e, roles, _ = _one(ev, "agreed")
    assert e.label.startswith("Nordic Steel AB agreed to buy") and e.date.value == "2022-02-08"
    assert roles["Nordic Steel AB"] == "agent" and roles["Kemi Metals"] == "target"
    # "X said Y" is labelled by Y: what the prosecutors said Berg did
    e, roles, _ = _one(ev, "Prosecutors")
    assert e.label == "Jonas Berg paid inspectors" and roles == {"Jonas Berg": "agent"}


def test_closing_attribution_names_the_source_and_keeps_the_main_date():
    ev = _events("At least 40 people were injured, the Health Ministry reported on Friday.\n"
                 "The European Medicines Agency ordered a similar recall in July, the agency reported on Thursday.\n"
                 "The Pan Am flights were stopped in June, the newspaper La Tercera reported.\n", dct="2023-01-20")
    e, roles, src = _one(ev, "injured")
    assert src == "Health Ministry" and e.date.value == "2023-01-20" and e.date.relation == "on"
    assert roles == {"Health Ministry": "agent"}      # the teller is all the sentence names
    e, roles, src = _one(ev, "recall")
    assert src == "European Medicines Agency" and e.date.value == "2022-07"
    e, roles, src = _one(ev, "Pan Am")
    assert src == "La Tercera" and "La Tercera" not in roles and e.date.value == "2022-06"


def test_parenthesised_citation_still_bounds_the_date_from_above():
    ev = _events("Castell Building Group denied any wrongdoing (Porto Gazette, March 15).\n", dct="2023-03-16")
    e, _, src = ev[0]
    assert src == "Porto Gazette" and e.date.relation == "on_or_before" and e.date.value == "2023-03-15"


def test_pronoun_and_the_ministry_referents_are_conservative():
    text = ("Daniel Okafor was arrested in June 2021.\n"
            "Prosecutors said he accepted 400,000 euros from Castell Group in 2019.\n"
            "The Defence Ministry said on Monday that 45 militants were killed.\n"
            "A convoy was attacked near Sinjar on August 3.\n"
            "The ministry said on Tuesday that the operation would continue.\n")
    ev = _events(text, dct="2021-08-12")
    _, roles, _ = _one(ev, "accepted")
    assert roles.get("Daniel Okafor") == "agent"
    _, roles, _ = _one(ev, "operation would continue")
    assert roles == {"Defence Ministry": "agent"}
    # a possessive before a named subject is not a follow-up to the previous person
    ev = _events("Judge Maria Lindqvist rejected the request.\nHis lawyer, Peter Haas, said on Thursday that he would appeal.\n",
                 dct="2023-03-16")
    _, roles, _ = _one(ev, "Haas")
    assert "Maria Lindqvist" not in roles


def test_the_group_reaches_only_a_group_and_only_nearby():
    far = "\n\n".join(["The Krona gang robbed a bank in Bergen on 2 April 2021."] + ["Nothing else happened."] * 3
                      + ["The group fled on 5 April 2021."])
    # the sentence is still a dated event ("fled" on 5 April), but "the group" is too far to be Krona
    _, roles, _ = _one(_events(far), "fled")
    assert "Krona" not in roles
    near = "The Krona gang robbed a bank in Bergen on 2 April 2021.\nThe group fled on 5 April 2021.\n"
    _, roles, _ = _one(_events(near), "fled")
    assert roles == {"Krona": "agent"}


def test_every_heldout_event_keeps_its_sentence():
    for path in sorted((ROOT / "tests" / "data" / "events_heldout").glob("*.json")):
        import json
        g = json.loads(path.read_text(encoding="utf-8"))
        _events(g["text"], g["dct"])     # asserts text[start:end] == event.text for every event


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_events", ROOT / "scripts" / "eval_events.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_heldout_scores_do_not_fall_back():
    # Guards the measured level (actors F1 0.944, dated events F1 0.969 when written) with some slack;
    # the blind first run was 0.746 and 0.894.
    mod = _eval_module()
    res = mod.score(mod.load_gold())
    assert res["documents"] == 12
    assert res["actors"]["f1"] >= 0.90
    assert res["dated_events"]["f1"] >= 0.93
    assert res["on_matched_events"]["source_accuracy"] >= 0.9


def test_naming_apposition_is_not_the_main_verb():
    ev = _events("The Congolese army, known as FARDC, said on 4 April 2016 it had killed 30 rebels.\n", dct="2016-04-05")
    e, roles, _ = ev[0]
    assert "known" not in e.label and "killed" in e.label


def test_present_control_verbs_long_lead_phrases_and_possessive_subjects():
    ev = _events("Similarly, with the Oslo office seeking cooperation, these examples of fraud at Harbour Bank "
                 "need to be addressed.\n"
                 "Despite the international dividend accrued to Norway for its support for the war on terror, "
                 "Norway's principal security concerns are still internal.\n"
                 "Most notorious of these is a group known as the \u201cFour Brothers,\u201d said Harbour Bank.\n")
    labels = [e.label for e, _, _ in ev]
    assert any(lb.endswith("need to be addressed") for lb in labels), labels
    assert any("concerns are internal" in lb and not lb.startswith("Despite") for lb in labels), labels
    assert any("known as Four Brothers" in lb for lb in labels), labels


def test_quote_closed_by_inverted_attribution_is_a_trailing_citation():
    # "``…,'' said Eitan, the science minister." reports a saying: the quote is what was said and
    # the closing words name who said it, so the sentence is a telling, not a prospect ("will").
    from desktop_app.core.events.citations import find_citation
    for s, who in [("``We will defend our north from the border,'' said Eitan, the science minister.", "Eitan"),
                   ("``It would be a travesty for the people,'' Howard said on Friday.", "Howard")]:
        at = s.index(who)
        cit = find_citation(s, 0, len(s), [], [(at, at + len(who), "person")])
        assert cit is not None and cit.trailing and cit.source == (at, at + len(who))
        assert s[:cit.start].rstrip().endswith("''")


def test_quote_without_attribution_has_no_citation():
    from desktop_app.core.events.citations import find_citation
    s = "``No one wants to stay in Lebanon; thus we think it better to withdraw.''"
    assert find_citation(s, 0, len(s), [], []) is None
