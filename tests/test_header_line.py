"""A header line's date is read the same way by a PDF without a creation date and by the grouping of a page
without one (one owner, ``core.documents.header_line``); a failed task says what went wrong in one line."""
from desktop_app.core.documents.header_line import top_lines, without_label
from desktop_app.core.documents.pdf_text import first_date_line
from desktop_app.core.tasks import one_line

from test_happening_headers import _page
from desktop_app.core.happenings.header_dates import header_dates


def test_top_lines_skip_blank_lines_and_stop_at_the_count():
    text = "Headline\n\n   \nPublished: May 2, 2013\nBody one\nBody two"
    lines = top_lines(text, 3)
    assert [text[a:b] for a, b in lines] == ["Headline", "Published: May 2, 2013", "Body one"]


def test_a_header_label_is_dropped_before_the_date_whichever_reader_asks():
    assert without_label("Last updated: January 6, 2011") == "January 6, 2011"
    assert without_label("Datum: 9. November 2007") == "9. November 2007"
    assert without_label("Dateline Nairobi") == "Dateline Nairobi"       # a word that merely starts like one
    # The PDF reader and the header-date reader agree on a labelled header line.
    assert first_date_line("Headline\n\nPublished: September 16, 2013\nBody") == ("2013-09-16", "day")
    doc, timexes, _ = _page("a", "Published: September 16, 2013", "Duncan Rait died in a fall.")
    assert header_dates([doc], timexes)["a"][0] == "2013-09-16"


def test_a_failure_is_one_line_and_names_the_error_when_it_has_no_message():
    assert one_line(ValueError("bad value\n  Traceback (most recent call last): ...")) == "bad value"
    assert one_line(KeyError()) == "KeyError"
    assert len(one_line(RuntimeError("x" * 500))) == 120
