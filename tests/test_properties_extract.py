"""Property tests of the whole extractor: any documents in, a consistent corpus out.

``extract_corpus`` gets one to three documents of arbitrary unicode or of
news-like soup (names, titles, verbs, dates, quotes and punctuation) with
random creation times. It must not raise, every span must be a slice of its
document, every id must resolve, and the same input must give the same output.
"""
from __future__ import annotations


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.model import ACTOR_TYPES, PRECISIONS, Document
from desktop_app.core.pipeline import extract_corpus
from test_properties_timex import WORDS, check_timex, dcts, unicode_text, well_formed

BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NAMES = ["the Ministry of Finance", "John Smith", "Mr. Smith", "Reuters", "the United Nations", "UN", "NATO",
         "President Ali Hassan", "Hassan", "the Central Bank of Kenya", "Dr. María José Núñez", "O'Brien",
         "al-Qaeda", "the European Union", "Washington", "Moscow", "BBC News", "the Taliban", "A", "I", "The"]
VERBS = ["said", "met", "attacked", "announced", "signed", "accused", "told", "visited", "rejected",
         "was arrested", "will meet", "had warned", "according to", "reported"]
PUNCT = [".", ",", ";", ":", "!", "?", " —", "\"", "'", "(", ")", "\n\n", "...", "“", "”"]
TOKENS = NAMES + VERBS + PUNCT + WORDS
news_soup = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=60).map(" ".join)
texts = st.one_of(news_soup, news_soup, unicode_text,
                  st.tuples(news_soup, unicode_text).map(lambda p: p[0] + p[1]))


@st.composite
def documents(draw):
    n = draw(st.integers(1, 3))
    out = []
    for i in range(n):
        dct = draw(dcts)
        precision = None if dct is None else ("year" if len(dct) == 4 else "month" if len(dct) == 7 else
                                              "day" if len(dct) == 10 else "minute")
        out.append(Document(id=f"doc{i}", path=f"doc{i}.txt", text=draw(texts), dct=dct, dct_precision=precision))
    return out


def check_corpus(corpus, docs) -> None:
    # A document's text never makes extraction fail: an error here is a crash the pipeline swallowed
    # (a document ending in "Yesterday," lost all its events to an IndexError while this passed).
    assert corpus.errors == [], corpus.errors
    texts_by_id = {d.id: d.text for d in docs}
    assert [d.id for d in corpus.documents] == [d.id for d in docs]
    for t in corpus.timexes:
        check_timex(t, texts_by_id[t.doc], t.doc)
    actors = {a.id: a for a in corpus.actors}
    assert len(actors) == len(corpus.actors), "duplicate actor ids"
    for a in corpus.actors:
        assert a.type in ACTOR_TYPES and a.name.strip()
    for m in corpus.mentions:
        text = texts_by_id[m.doc]
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
        assert m.actor in actors
    events = {e.id for e in corpus.events}
    assert len(events) == len(corpus.events), "duplicate event ids"
    for e in corpus.events:
        text = texts_by_id[e.doc]
        assert 0 <= e.start <= e.end <= len(text) and text[e.start:e.end] == e.text
        assert all(p.actor in actors for p in e.actors)
        if e.date is not None:
            assert well_formed(e.date.value), e.date.value
            if e.date.interval is not None:
                assert e.date.interval.start < e.date.interval.end
                assert e.date.interval.precision in PRECISIONS
            if e.date.timex_start is not None and e.date.text:
                s = e.date.timex_start
                assert text[s:s + len(e.date.text)] == e.date.text
        if e.report is not None and e.report.source is not None:
            assert e.report.source in actors
    for t in corpus.ties:
        assert t.source in actors and t.target in actors and t.source != t.target
        assert t.weight > 0 and set(t.events) <= events


@BOUNDED
@given(docs=documents())
def test_extractor_on_arbitrary_documents(docs):
    check_corpus(extract_corpus(docs), docs)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=documents())
def test_extractor_is_deterministic(docs):
    assert extract_corpus(docs).to_json() == extract_corpus(docs).to_json()
