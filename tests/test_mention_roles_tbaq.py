"""Mention roles on real TimeBank/AQUAINT articles (read from ../shared at test time, never copied).

In the 1990 Gulf crisis wires Iraq is both where foreigners are trapped and the
state that acts ("Iraq has agreed", "Iraq said it invaded Kuwait"): one actor,
each mention with its own role.
"""
from __future__ import annotations

import re

import pytest

from desktop_app.core.pipeline import extract_corpus
from test_identity_tbaq import TBAQ, _document     # the same reading of the TimeML files

_ABOUT = re.compile(r"Iraq (?:has agreed|said it invaded)")


@pytest.fixture(scope="module")
def extracted():
    paths = sorted(TBAQ.glob("*/*.tml"))
    assert paths, f"TimeBank/AQUAINT not found at {TBAQ}"
    docs = [d for d in map(_document, paths) if _ABOUT.search(d.text)]     # (the files' words are inside tags)
    assert docs
    return extract_corpus(docs), {d.id: d for d in docs}


def _mentions(extracted, pattern: str):
    """Iraq's mentions inside the sentences matching ``pattern``."""
    corpus, docs = extracted
    out = []
    for m in corpus.mentions:
        if m.text != "Iraq":
            continue
        text = docs[m.doc].text
        if any(mt.start() <= m.start < mt.end() for mt in re.finditer(pattern, text)):
            out.append(m)
    return out


def test_the_state_acting_and_the_place_are_one_actor(extracted):
    acting = _mentions(extracted, r"Iraq (?:has agreed|said it invaded)")
    where = _mentions(extracted, r"(?:trapped|caught) in Iraq")
    assert acting and where
    assert {m.actor for m in acting} == {m.actor for m in where} and len({m.actor for m in acting}) == 1


def test_each_mention_keeps_its_own_role(extracted):
    assert {m.role for m in _mentions(extracted, r"Iraq (?:has agreed|said it invaded)")} == {"agent"}
    assert {m.role for m in _mentions(extracted, r"(?:trapped|caught) in Iraq")} == {"location"}
    assert {m.role for m in _mentions(extracted, r"trade with Iraq")} == {"participant"}


def test_the_actor_details_say_how_its_mentions_act(extracted):
    corpus, _ = extracted
    actor_id = _mentions(extracted, r"Iraq has agreed")[0].actor
    actor = next(a for a in corpus.actors if a.id == actor_id)
    line = next(e for e in actor.evidence if e.startswith("mentioned as: "))
    assert "agent" in line and "location" in line
