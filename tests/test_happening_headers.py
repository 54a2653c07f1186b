"""A page's header date, in a corpus without creation times: when the page was written, not when its happening happened."""
from datetime import datetime, timedelta

from desktop_app.core.happenings import group_happenings
from desktop_app.core.happenings.header_dates import header_dates
from desktop_app.core.model import Actor, Corpus, Document, Event, EventDate, Interval, Participant, Timex

ACTORS = [Actor("person:duncan-rait", "Duncan Rait", "person")]
HEADLINE = "Australian Climber Dies in Fall"


def _interval(iso):
    d = datetime.fromisoformat(iso)
    return Interval(d, d + timedelta(days=1), "day")


def _page(doc, header, body, body_date=None, dct=None):
    """A page: headline, a header line ``header`` (or none), then ``body``, whose only event is dated by
    the header's date (``body_date`` None) or by a date in its own sentence ``(text, iso)``."""
    lines = [HEADLINE] + ([header] if header else []) + [body]
    text = "\n".join(lines)
    timexes = []
    if header:
        written = header.split(" | ")[0].removeprefix("Published: ")
        at = text.index(written)
        timexes.append(Timex(doc, at, at + len(written), written, "DATE", "2013-09-16", _interval("2013-09-16")))
    if body_date:
        written, iso = body_date
        at = text.index(written)
        timexes.append(Timex(doc, at, at + len(written), written, "DATE", iso, _interval(iso)))
        date = EventDate(iso, _interval(iso), "on", written)
    else:
        date = EventDate("2013-09-16", _interval("2013-09-16"), "on", timexes[0].text)
    start = text.index(body)
    event = Event(f"{doc}#e1", doc, start, start + len(body), body, "Duncan Rait died", date,
                  [Participant("person:duncan-rait")])
    return Document(doc, f"{doc}.txt", text, publication=f"Paper {doc}", dct=dct), timexes, event


def _corpus(*pages):
    return Corpus(documents=[p[0] for p in pages], timexes=[t for p in pages for t in p[1]], actors=ACTORS,
                  events=[p[2] for p in pages])


def _one_happening(corpus):
    h = group_happenings(corpus)
    return len({h.id_of_event(i) for i in range(len(corpus.events))}) == 1


def test_a_line_near_the_top_holding_only_a_date_is_the_header_and_a_dated_sentence_is_not():
    doc, timexes, _ = _page("a", "Published: September 16, 2013 | 9:36 am ET", "Duncan Rait died in a fall.")
    assert header_dates([doc], timexes) == {"a": ("2013-09-16", frozenset({"September 16, 2013"}))}
    doc, timexes, _ = _page("b", None, "Duncan Rait died on September 14, 2013 in a fall.",
                            ("September 14, 2013", "2013-09-14"))
    assert header_dates([doc], timexes) == {}
    # A page with a creation time has its events dated against it: its header is not read.
    doc, timexes, _ = _page("c", "September 16, 2013", "Duncan Rait died in a fall.", dct="2013-09-16")
    assert header_dates([doc], timexes) == {}


def test_a_death_dated_by_its_page_header_joins_the_report_dating_it_two_days_earlier():
    by_header = _page("a", "September 16, 2013", "Duncan Rait died in a fall.")
    by_words = _page("b", None, "Duncan Rait died on September 14, 2013 in a fall.", ("September 14, 2013", "2013-09-14"))
    assert _one_happening(_corpus(by_header, by_words))


def test_the_same_dates_written_in_the_sentences_themselves_still_conflict():
    own = _page("a", None, "Duncan Rait died on September 16, 2013 in a fall.", ("September 16, 2013", "2013-09-16"))
    by_words = _page("b", None, "Duncan Rait died on September 14, 2013 in a fall.", ("September 14, 2013", "2013-09-14"))
    assert not _one_happening(_corpus(own, by_words))
