"""Edits against the real extraction pipeline: they survive re-extraction, new documents and reopening."""
from __future__ import annotations

import json
from datetime import datetime

import pytest

from desktop_app.core.documents import load_paths
from desktop_app.core.model import Interval
from desktop_app.core.pipeline import extract_corpus
from desktop_app.core.workspace import Workspace, edits

ARTICLES = {
    "harbour.txt": ("The Harbour Council met the Fishers Union on 3 March 2021 in Portmere.\n\n"
                    "Council chair Mara Velk says talks will resume after the meeting.\n\n"
                    "On 10 March 2021 the Fishers Union accused the Harbour Council of delay, "
                    "Velk told the Coast Times.\n", "2021-03-12"),
    "strike.txt": ("The Fishers Union called a strike last month, union leader Tomas Greer said on Tuesday.\n\n"
                   "Greer met Mara Velk of the Harbour Council in Portmere.\n", "2021-04-15"),
}
LATE = ("Tomas Greer and the Harbour Council signed a deal on 2 June 2021 in Portmere.\n", "2021-06-03")


def _write(folder, name, text, dct):
    (folder / name).write_text(text, encoding="utf-8")
    (folder / f"{name}.meta.json").write_text(json.dumps({"dct": dct}), encoding="utf-8")


def _actor(corpus, name):
    return next(a for a in corpus.actors if a.name == name)


def _event_in(corpus, doc, words):
    return next(e for e in corpus.events if e.doc == doc and words in e.text)


@pytest.fixture
def workspace(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, (text, dct) in ARTICLES.items():
        _write(folder, name, text, dct)
    docs, errors = load_paths([folder])
    assert errors == []
    ws = Workspace(data_dir=tmp_path / "data")
    assert len(ws.add_documents(docs).added) == 2
    ws.reextract(extract_corpus)
    return ws, folder


def test_corrections_survive_new_documents_reextraction_and_reopening(workspace, tmp_path):
    ws, folder = workspace
    c = ws.corpus
    resumed = _event_in(c, "harbour", "talks will resume")
    assert resumed.date is None
    meeting = _event_in(c, "strike", "Greer met")
    ws.push(edits.rename_actor(_actor(c, "Mara Velk"), "Mara K. Velk"))
    ws.push(edits.set_actor_type(_actor(ws.corpus, "Coast Times"), "group"))
    ws.push(edits.set_event_date(ws.corpus, resumed, "2021-03-04",
                                 Interval(datetime(2021, 3, 4), datetime(2021, 3, 5), "day")))
    ws.push(edits.delete_event(ws.corpus, meeting))
    ws.push(edits.merge_actors(_actor(ws.corpus, "Fishers Union"), [_actor(ws.corpus, "Tomas Greer")]))
    ws.push(edits.note(ws.corpus, _actor(ws.corpus, "Mara K. Velk"), "chairs the council"))
    before = ws.corpus

    def check(corpus, notes, skipped):
        assert skipped == []
        velk = _actor(corpus, "Mara K. Velk")
        assert "Mara Velk" in velk.aliases
        assert any(m.actor == velk.id for m in corpus.mentions)
        assert _actor(corpus, "Coast Times").type == "group"
        assert _event_in(corpus, "harbour", "talks will resume").date.value == "2021-03-04"
        assert not any(e.doc == "strike" and "Greer met" in e.text for e in corpus.events)
        assert "Tomas Greer" not in {a.name for a in corpus.actors}
        union = _actor(corpus, "Fishers Union")
        assert "Tomas Greer" in union.aliases
        assert all(union.id not in (t.source, t.target) or t.source != t.target for t in corpus.ties)
        assert [(n.kind, n.target, n.text) for n in notes] == [("actor", velk.id, "chairs the council")]

    ws.reextract(extract_corpus)
    assert ws.corpus == before
    _write(folder, "late.txt", *LATE)
    docs, _ = load_paths([folder / "late.txt"])
    ws.add_documents(docs)
    assert ws.stale_documents() == ["late"]
    ws.reextract(extract_corpus)
    check(ws.corpus, ws.notes, ws.replayed.skipped)
    # The new article's actors are corrected too: Greer is folded into the union there as well.
    late_event = _event_in(ws.corpus, "late", "signed a deal")
    assert _actor(ws.corpus, "Fishers Union").id in late_event.actor_ids()
    path = ws.save(tmp_path / "study.esw")
    reopened = Workspace.open(path, data_dir=tmp_path / "data")
    check(reopened.corpus, reopened.notes, reopened.replayed.skipped)
    reopened.reextract(extract_corpus)
    check(reopened.corpus, reopened.notes, reopened.replayed.skipped)


def test_creation_time_correction_re_resolves_relative_dates(workspace):
    ws, _ = workspace
    strike = next(d for d in ws.documents if d.id == "strike")
    called = _event_in(ws.corpus, "strike", "called a strike")
    assert called.date.value == "2021-03"          # "last month" against 2021-04-15
    ws.push(edits.set_dct(strike, "2020-06-15", "day"))
    assert ws.stale_documents() == ["strike"]
    ws.reextract(extract_corpus)
    assert _event_in(ws.corpus, "strike", "called a strike").date.value == "2020-05"
    assert next(d for d in ws.corpus.documents if d.id == "strike").dct == "2020-06-15"
    ws.undo()
    ws.reextract(extract_corpus)
    assert _event_in(ws.corpus, "strike", "called a strike").date.value == "2021-03"
