"""Fuzz: annotating a document and reading its events raises nothing, on any text and creation time.

Unlike ``test_properties_extract`` (which goes through ``extract_document`` and its
catch-all), these call the annotator and the event builder directly, so an exception
anywhere in them fails the test instead of becoming an "extraction failed" note.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.annotated import annotate
from desktop_app.core.events.build import build_events
from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_document
from test_properties_timex import WORDS, control_text, dcts

BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LEADS = ["Yesterday,", "On Monday,", "Earlier this year,", "According to", "In 2005,", "At least", "Despite",
         "NICOSIA, August 8 (Xinhua) --", "WASHINGTON (AP) _", "By JOHN SMITH\n", "Here's ABC's Jim Laurie.",
         "said", "he", "It", "since", "until", "due", "the 11th century", "a 1987 Chevrolet", "High Noon", ",", ".",
         "\n\n", "``", "''", "(", ")", "--", "_", "|", "Police", "arrested", "the", "Mr. Smith", "U.S.", "that"]
news = st.lists(st.sampled_from(LEADS + WORDS), min_size=0, max_size=50).map(" ".join)
# Any code point, lone surrogates and control characters included.
anything = st.text(st.characters(), max_size=300)
texts = st.one_of(news, anything, control_text, st.tuples(news, anything).map("".join),
                  st.tuples(news, st.sampled_from(["Yesterday,", "On Monday,", "Earlier this year,"]))
                  .map(lambda p: p[0] + " " + p[1]))


def _check(text: str, dct) -> None:
    doc = annotate(text, dct, "f")
    assert len(doc.sentences) == len(doc.tokens) == len(doc.prose)
    events = build_events(doc)
    assert doc.notes == [], doc.notes          # no sentence had to be skipped
    sentences = [(s.start, s.end) for s in doc.sentences]
    for ev in events:
        assert 0 <= ev.start < ev.end <= len(text)
        assert any(s <= ev.start and ev.end <= e for s, e in sentences), "an event inside one sentence"
        assert isinstance(ev.label, str)


@BOUNDED
@given(texts, dcts)
def test_annotate_and_events_never_raise(text, dct):
    _check(text, dct)


@BOUNDED
@given(news, dcts)
def test_text_ending_in_a_lead_adverbial_never_raises(text, dct):
    for tail in ("Yesterday,", "On Monday,", "Earlier this year,", "According to", "Despite the"):
        _check(text + " " + tail, dct)


def test_lone_surrogates_and_control_characters():
    text = "Police arrested \ud800 two men on May 3.\x00\x1b Yesterday,\udfff"
    _check(text, "2021-05-20")
    res = extract_document(Document(id="s", path="s", text=text, dct="2021-05-20"))
    assert res.error is None
    assert [e.date.value for e in res.events if e.date] == ["2021-05-03"]


def test_a_very_long_line():
    text = ("The stock fell 7/8 Thursday, traders said, and " * 4000) + "Yesterday,"
    res = extract_document(Document(id="l", path="l", text=text, dct="1989-11-02"))
    assert res.error is None and res.events
