"""The document view: exact span positions (emoji, CRLF), clicks select actors, events scroll to sentences."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop_app.core import palette
from desktop_app.gui.document_view import SENTENCE_BACKGROUND, DocumentView, QtOffsets
from desktop_app.gui.state import AppState

from views_corpus import DOC1, DOC2, NAMES, make_corpus


@pytest.fixture
def state():
    return AppState(make_corpus())


@pytest.fixture
def view(qtbot, state):
    v = DocumentView(state)
    qtbot.addWidget(v)
    v.resize(800, 500)
    v.show()
    qtbot.waitExposed(v)
    return v


def _qt_text(view, start: int, end: int) -> str:
    """The characters Qt shows between two Python offsets, as Qt sees them."""
    cursor = QTextCursor(view.text.document())
    cursor.setPosition(view.offsets.to_qt(start))
    cursor.setPosition(view.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_offsets_account_for_surrogate_pairs_and_crlf():
    text = "a\U0001F6A2b\r\nc"
    off = QtOffsets(text)
    assert [off.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 5, 5, 6]
    assert off.to_py(3) == 2 and off.to_py(5) == 5


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "é", "\U0001F600", "\U00020000", "\r", "\n", " "]), max_size=40))
def test_offsets_agree_with_what_qt_shows(qapp, text):
    view = DocumentView(AppState())
    view.text.setPlainText(text)
    view.offsets = QtOffsets(text)
    assert view.text.document().characterCount() - 1 == view.offsets.to_qt(len(text))
    for i in range(len(text)):
        ch = text[i]
        if ch == "\n" and i and text[i - 1] == "\r":
            continue
        shown = _qt_text(view, i, i + 1)
        expected = "\u2029" if ch in "\r\n" else ch
        assert shown == expected, (text, i)
    view.deleteLater()


def test_every_mention_and_timex_is_marked_on_exactly_its_text(view, state):
    marks = view.text.extraSelections()
    corpus = state.corpus
    d1_mentions = [m for m in corpus.mentions if m.doc == "d1"]
    d1_timexes = [t for t in corpus.timexes if t.doc == "d1"]
    assert len(marks) == len(d1_mentions) + len(d1_timexes)
    shown = {(sel.cursor.selectionStart(), sel.cursor.selectionEnd()) for sel in marks}
    for span in d1_mentions + d1_timexes:
        assert (view.offsets.to_qt(span.start), view.offsets.to_qt(span.end)) in shown
        assert _qt_text(view, span.start, span.end) == span.text
    # After the emoji (+1 unit) and three CRLFs (-1 each) Python and Qt disagree by two.
    last = max(d1_mentions, key=lambda m: m.start)
    assert DOC1[:last.start].count("\r\n") == 3
    assert view.offsets.to_qt(last.start) == last.start - 2


def test_mentions_coloured_by_actor_type_and_timexes_styled_apart(view, state):
    spans = {(s, e): colour for s, e, colour in view.highlighted()}
    blue = next(m for m in state.corpus.mentions if m.doc == "d1" and m.actor == NAMES["Blue Party"])
    ana = next(m for m in state.corpus.mentions if m.doc == "d1" and m.actor == NAMES["Ana Sørensen"])
    assert spans[(blue.start, blue.end)] == palette.blend(palette.actor_color("organization"), 0.2).lower()
    assert spans[(ana.start, ana.end)] == palette.blend(palette.actor_color("person"), 0.2).lower()
    timex = next(t for t in state.corpus.timexes if t.doc == "d1")
    assert spans[(timex.start, timex.end)] not in {spans[(blue.start, blue.end)], spans[(ana.start, ana.end)]}


def test_selecting_an_event_switches_document_and_highlights_its_sentence(view, state):
    count = view.redraw_count
    state.selection.set_event("ev-left")
    assert view.redraw_count == count + 1
    assert view.doc.id == "d2"
    start = DOC2.index("By May 2020")
    end = DOC2.index(".", start) + 1
    assert view.sentence_span == (start, end)
    sentence_marks = [(s, e) for s, e, c in view.highlighted() if c == SENTENCE_BACKGROUND.name()]
    assert sentence_marks == [(start, end)]
    assert _qt_text(view, start, end) == "By May 2020 Eastbank had left Northport."
    cursor = view.text.textCursor()
    assert view.offsets.to_py(cursor.position()) == start
    assert view.picker.currentData() == "d2"


def test_event_sentence_exact_after_emoji_and_crlf(view, state):
    state.selection.set_event("ev-criticise")
    start = DOC1.index("Later, Ana")
    end = DOC1.index(".", start) + 1
    assert view.sentence_span == (start, end)
    sel = next(s for s in view.text.extraSelections() if s.format.background().color() == SENTENCE_BACKGROUND)
    # Qt positions: one extra unit for the emoji's surrogate pair, one less per CRLF before it.
    prefix = DOC1[:start]
    expected_qt = len(prefix.encode("utf-16-le")) // 2 - prefix.count("\r\n")
    assert sel.cursor.selectionStart() == expected_qt
    assert sel.cursor.selectedText() == "Later, Ana Sørensen criticised the Blue Party."


def test_long_document_scrolls_to_the_event_sentence(qtbot):
    corpus = make_corpus()
    filler = "".join(f"Filler line {i} says nothing at all.\n" for i in range(400))
    doc = corpus.documents[1]
    shift = len(filler)
    doc.text = filler + doc.text
    for group in (corpus.mentions, corpus.timexes, corpus.events):
        for span in group:
            if span.doc == "d2":
                span.start += shift
                span.end += shift
    state = AppState(corpus)
    v = DocumentView(state)
    qtbot.addWidget(v)
    v.resize(700, 300)
    v.show()
    qtbot.waitExposed(v)
    state.selection.set_event("ev-left")
    qtbot.wait(10)
    bar = v.text.verticalScrollBar()
    assert bar.value() > bar.minimum()
    rect = v.text.cursorRect()
    assert v.text.viewport().rect().contains(rect.center())


def test_clicking_a_mention_selects_its_actor_and_ctrl_click_toggles(view, state, qtbot):
    ana = next(m for m in state.corpus.mentions if m.doc == "d1" and m.actor == NAMES["Ana Sørensen"])
    cursor = QTextCursor(view.text.document())
    cursor.setPosition(view.offsets.to_qt(ana.start + 2))
    point = view.text.cursorRect(cursor).center()
    qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert state.selection.actors == {NAMES["Ana Sørensen"]}
    blue = next(m for m in state.corpus.mentions if m.doc == "d1" and m.actor == NAMES["Blue Party"])
    assert view.click_offset(blue.start, ctrl=True) == NAMES["Blue Party"]
    assert state.selection.actors == {NAMES["Ana Sørensen"], NAMES["Blue Party"]}
    # Plain text is not a mention: nothing changes.
    assert view.click_offset(DOC1.index("criticised")) is None
    assert state.selection.actors == {NAMES["Ana Sørensen"], NAMES["Blue Party"]}


def test_selected_actors_mentions_are_emphasised(view, state):
    state.selection.set_actors([NAMES["Blue Party"]])
    strong = palette.blend(palette.actor_color("organization"), 0.45).lower()
    blue_spans = {(m.start, m.end) for m in state.corpus.mentions if m.doc == "d1" and m.actor == NAMES["Blue Party"]}
    assert {(s, e) for s, e, c in view.highlighted() if c == strong} == blue_spans


def test_tooltips_name_the_actor_and_the_timex_value(view, state):
    ana = next(m for m in state.corpus.mentions if m.doc == "d1" and m.actor == NAMES["Ana Sørensen"])
    tip = view.tooltip_at(ana.start)
    assert "Ana Sørensen" in tip and "person" in tip and "A. Sorensen" in tip
    assert "Here as" not in tip        # a mention with no role says nothing about it
    t = next(t for t in state.corpus.timexes if t.text == "3 March 2020")
    tip = view.tooltip_at(t.start + 1)
    assert "2020-03-03" in tip and "Precision: day" in tip
    later = next(t for t in state.corpus.timexes if t.value == "FUTURE_REF")
    assert "Not placed" in view.tooltip_at(later.start)
    assert view.tooltip_at(DOC1.index("criticised")) == ""


def test_one_redraw_per_relevant_change_and_none_for_window_or_mode(view, state):
    from datetime import datetime
    count = view.redraw_count
    state.selection.update(actors=[NAMES["Blue Party"]], event="ev-meet")
    assert view.redraw_count == count + 1
    # a window and mode that still show the selected event (one that hid it would clear it: a redraw)
    state.selection.update(mode="all", window=(datetime(2020, 3, 1), datetime(2020, 3, 31)))
    assert view.redraw_count == count + 1


def test_mention_tooltip_says_what_the_mention_does_there(qtbot):
    corpus = make_corpus()
    ana = next(m for m in corpus.mentions if m.doc == "d1" and m.actor == NAMES["Ana Sørensen"])
    ana.role = "agent"
    v = DocumentView(AppState(corpus))
    qtbot.addWidget(v)
    v.show_document("d1")
    assert "Here as: agent" in v.tooltip_at(ana.start)


def test_unknown_document_and_empty_corpus_give_messages(qtbot):
    v = DocumentView(AppState())
    qtbot.addWidget(v)
    assert "No documents" in v.info.text()
    assert v.show_document("nope") is False
    assert "not in the corpus" in v.info.text()
    assert v.click_offset(3) is None and v.tooltip_at(0) == ""


def test_picker_lists_documents_and_switches(view, state):
    assert view.picker.count() == 2 and view.picker.isVisibleTo(view)
    view.picker.setCurrentIndex(1)
    assert view.doc.id == "d2"
    assert view.text.toPlainText() == DOC2


def test_selected_span_reports_python_offsets_after_emoji_and_crlf(view):
    start = DOC1.index("Écluse Media reported")
    end = start + len("Écluse Media reported")
    cursor = QTextCursor(view.text.document())
    cursor.setPosition(view.offsets.to_qt(start))
    cursor.setPosition(view.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    view.text.setTextCursor(cursor)
    assert view.selected_span() == ("d1", start, end)
    assert DOC1[start:end] == "Écluse Media reported"
    view.text.moveCursor(QTextCursor.MoveOperation.Start)
    assert view.selected_span() is None


def _long_corpus(paragraphs: int = 3000):
    """One long article: the same sentence with two mentions and a date, many times over."""
    from desktop_app.core.model import Actor, Corpus, Document, Event, Mention, Timex
    sentence = "On 3 March the Blue Party met the Harbour Union again.\n"
    text = sentence * paragraphs
    mentions, timexes = [], []
    for k in range(paragraphs):
        base = k * len(sentence)
        for name, aid in (("Blue Party", "blue"), ("Harbour Union", "harbour")):
            i = base + sentence.index(name)
            mentions.append(Mention("long", i, i + len(name), name, aid))
        i = base + sentence.index("3 March")
        timexes.append(Timex("long", i, i + 7, "3 March", "DATE", "XXXX-03-03"))
    last = (paragraphs - 1) * len(sentence)
    events = [Event("ev-last", "long", last, last + len(sentence) - 1, sentence.strip(), "met", None, [])]
    return Corpus(documents=[Document("long", "/corpus/long.txt", text)],
                  actors=[Actor("blue", "Blue Party", "organization"), Actor("harbour", "Harbour Union", "group")],
                  mentions=mentions, timexes=timexes, events=events), len(sentence)


def test_long_document_marks_only_near_the_viewport_and_follows_scrolling(qtbot):
    corpus, _ = _long_corpus()
    state = AppState(corpus)
    v = DocumentView(state)
    qtbot.addWidget(v)
    v.resize(700, 400)
    v.show()
    qtbot.waitExposed(v)
    total = len(corpus.mentions) + len(corpus.timexes)
    drawn = v.highlighted()
    # Marks cover the first screens, not the whole article ...
    assert 0 < len(drawn) < total / 10
    assert (corpus.mentions[0].start, corpus.mentions[0].end) in {(s, e) for s, e, _ in drawn}
    assert max(e for _, e, _ in drawn) < len(corpus.documents[0].text) / 10
    # ... while every span of the article has its mark ready.
    assert len(v.mark_spans()) == total
    # Jumping to the last sentence re-marks the end of the article.
    state.selection.set_event("ev-last")
    ends = {(s, e) for s, e, _ in v.highlighted()}
    last_mention = corpus.mentions[-1]
    assert (last_mention.start, last_mention.end) in ends
    assert (corpus.events[0].start, corpus.events[0].end) in ends
    # Scrolling back to the top marks the start again.
    v.text.verticalScrollBar().setValue(0)
    starts = {(s, e) for s, e, _ in v.highlighted()}
    assert (corpus.mentions[0].start, corpus.mentions[0].end) in starts


def test_actor_tooltip_shows_the_merge_evidence_escaped(qtbot, state):
    ana = next(a for a in state.corpus.actors if a.id == NAMES["Ana Sørensen"])
    ana.evidence = ["role: <b>Minister</b>", "\"A. Sorensen\" is the surname of <i>x</i>"]
    view = DocumentView(state)
    qtbot.addWidget(view)
    view.show_document("d1")
    m = next(m for m in state.corpus.mentions if m.doc == "d1" and m.actor == ana.id)
    tip = view.tooltip_at(m.start)
    assert "Role: &lt;b&gt;Minister&lt;/b&gt;" in tip
    assert "One actor because:" in tip and "&lt;i&gt;x&lt;/i&gt;" in tip
