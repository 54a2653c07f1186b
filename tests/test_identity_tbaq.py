"""Cross-document identity on the real TimeBank/AQUAINT articles (read from ../shared at test time).

The articles are never copied into the project: the fixture reads each TimeML
file's <TEXT> and creation time, keeps those that name the people these tests
are about, and extracts them as one corpus, as a user opening them would.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_corpus

TBAQ = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "tbaq"
_ABOUT = re.compile(r"Hussein|Gonzalez|Clinton|Saddam|Laden|Bushnell|Total Assets|Most-Wanted|&LR;|WASHINGTON|NAIROBI|Space Shuttle Columbia|Columbia Savings|Five Iraqis")


def _document(path: Path) -> Document:
    root = ET.parse(path).getroot()
    text = "".join(root.find(".//TEXT").itertext())
    dct = next((t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    return Document(id=path.stem, path=str(path), text=text, dct=dct)


@pytest.fixture(scope="module")
def extracted():
    paths = sorted(TBAQ.glob("*/*.tml"))
    assert paths, f"TimeBank/AQUAINT not found at {TBAQ}"
    docs = [_document(p) for p in paths if _ABOUT.search(p.read_text(encoding="utf-8"))]
    return extract_corpus(docs), {d.id: d for d in docs}


@pytest.fixture(scope="module")
def corpus(extracted):
    return extracted[0]


@pytest.fixture(scope="module")
def documents(extracted):
    return extracted[1]


def _actor_of(corpus, doc_id: str, surface: str) -> set[str]:
    """Actor ids of the mentions written exactly so in that document."""
    return {m.actor for m in corpus.mentions if m.doc == doc_id and m.text == surface}


def _events(corpus) -> Counter:
    return Counter(p.actor for e in corpus.events for p in e.actors)


def test_king_hussein_of_jordan_is_not_saddam_hussein(corpus):
    # AP900815-0044 names both "King Hussein of Jordan" and Saddam Hussein.
    king = _actor_of(corpus, "AP900815-0044", "King Hussein") or _actor_of(corpus, "AP900815-0044", "Hussein")
    saddam = _actor_of(corpus, "AP900815-0044", "Saddam Hussein") | _actor_of(corpus, "AP900815-0044", "Saddam")
    assert king and saddam
    assert not king & saddam
    by_id = {a.id: a for a in corpus.actors}
    assert all("Hussein" not in by_id[s].aliases for s in saddam)


def test_saddam_alone_is_saddam_hussein(corpus):
    ids = {a.id for a in corpus.actors if a.name == "Saddam Hussein"}
    assert len(ids) == 1
    assert _actor_of(corpus, "AP900815-0044", "Saddam") == ids
    assert not any(a.name == "Saddam" for a in corpus.actors)


def test_lazaro_gonzalez_is_not_juan_miguel_gonzalez(corpus):
    by_name = {a.name: a for a in corpus.actors}
    assert "Lazaro Gonzalez" in by_name and "Juan Miguel Gonzalez" in by_name
    assert by_name["Lazaro Gonzalez"].id != by_name["Juan Miguel Gonzalez"].id
    assert "Lazaro Gonzalez" not in by_name["Juan Miguel Gonzalez"].aliases
    assert not any(x.startswith("Juan") for x in by_name["Lazaro Gonzalez"].aliases)


def test_clinton_is_bill_clinton(corpus):
    bill = [a for a in corpus.actors if a.name == "Bill Clinton"]
    assert len(bill) == 1
    clinton = Counter(m.actor for m in corpus.mentions if m.text == "Clinton")
    # Nearly every bare "Clinton" is the president; at most a stray few stay apart.
    assert clinton[bill[0].id] >= 0.8 * sum(clinton.values())
    assert any("surname" in note for note in bill[0].evidence)


def test_bin_laden_is_osama_bin_laden(corpus):
    osama = [a for a in corpus.actors if a.name.lower() == "osama bin laden"]
    assert len(osama) == 1
    assert not any(a.name.lower() == "bin laden" for a in corpus.actors)


def test_no_actor_from_a_dateline_or_a_byline(corpus, documents):
    dated = [d for d in documents.values() if re.match(r"\s*(?:WASHINGTON|NAIROBI)\b[^\n]*\(AP\)", d.text)]
    assert dated
    for d in dated:
        head = re.match(r"\s*[^\n]*\(AP\)", d.text).end()
        assert not [m for m in corpus.mentions if m.doc == d.id and m.start < head], d.id
    upper = {a.name for a in corpus.actors}
    assert "WASHINGTON" not in upper and "NAIROBI" not in upper
    ap = [a.id for a in corpus.actors if a.name in ("Associated Press", "AP")]
    assert sum(_events(corpus)[a] for a in ap) <= 10


def test_listed_junk_is_gone(corpus):
    names = {a.name for a in corpus.actors}
    for junk in ("Wanted List", "Most-Wanted List", "Total Assets", "LR", "I've", "Kenya Prudence Bushnell"):
        assert junk not in names
    assert "Prudence Bushnell" in names


def test_every_merge_says_why(corpus):
    merged = [a for a in corpus.actors if len({m.doc for m in corpus.mentions if m.actor == a.id}) > 1]
    assert merged
    assert all(any(not note.startswith("role:") for note in a.evidence) for a in merged)


def test_craft_banks_and_counts_are_no_persons(corpus):
    types = {a.name: a.type for a in corpus.actors}
    assert types.get("Space Shuttle Columbia", "organization") != "person"
    assert types.get("Columbia Savings", "organization") != "person"
    assert "Space Shuttle Columbia" in types and "Columbia Savings" in types
    assert "Five Iraqis" not in types      # a number word is no given name
    # "Columbia said" beside "Columbia Savings" is the savings bank, not a person.
    ids = _actor_of(corpus, "wsj_1013", "Columbia")
    assert ids and not any(i.startswith("person:") for i in ids)
