"""Any corpus the model allows exports to valid SVG with its labels as text, never a crash."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.model import (ACTOR_TYPES, Actor, Corpus, Document, Event, EventDate, Interval,
                                    Participant, Report)
from desktop_app.figures.compose import compose
from desktop_app.figures.export import ensure_gui_app
from desktop_app.figures.spec import FigureSpec
from desktop_app.figures.svg_backend import render_svg
from export_fixtures import interval

SVG = "{http://www.w3.org/2000/svg}"
PRECISIONS = ("hour", "day", "week", "month", "quarter", "year", "decade")
names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@st.composite
def corpora(draw):
    n_actors = draw(st.integers(0, 8))
    actors = [Actor(f"a{i}", draw(names), draw(st.sampled_from(ACTOR_TYPES + ("unknown",))))
              for i in range(n_actors)]
    events = []
    for k in range(draw(st.integers(0, 25))):
        start = datetime(1, 1, 1) + timedelta(days=draw(st.integers(3700, 3_640_000)))
        precision = draw(st.sampled_from(PRECISIONS))
        iv = interval(start, precision)
        dated = draw(st.booleans()) or k == 0
        date = EventDate("x", iv if dated else None, draw(st.sampled_from(("on", "on_or_before"))))
        who = draw(st.lists(st.sampled_from([a.id for a in actors]), max_size=3, unique=True)) if actors else []
        rep = None
        if draw(st.booleans()):
            r = iv.end + timedelta(days=draw(st.integers(0, 400)))
            rep = Report(actors[0].id if actors else None, "x", Interval(r, r + timedelta(days=1), "day"))
        events.append(Event(f"e{k}", "d", 0, 1, "", "", date if draw(st.booleans()) or k == 0 else None,
                            [Participant(a) for a in who], rep))
    doc = Document("d", "/x/doc.txt", "", title=draw(st.none() | names))
    return Corpus(documents=[doc], actors=actors, events=events)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora(), view=st.sampled_from(("timeline", "network", "both")),
       lanes=st.sampled_from(("actors", "single")), title=names)
def test_any_corpus_exports_valid_svg(corpus, view, lanes, title):
    ensure_gui_app()
    scene, info = compose(corpus, FigureSpec(view=view, lanes=lanes, width=900, height=500,
                                             title=title, banner=title))
    root = ET.fromstring(render_svg(scene).encode("utf-8"))
    texts = [el.text or "" for el in root.iter(f"{SVG}text")]
    assert len(texts) == len(scene.texts())
    assert info.events >= 0
