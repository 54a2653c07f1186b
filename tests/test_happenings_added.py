"""Adding documents to a grouped corpus keeps its happenings and groups only the new events."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

import desktop_app.core.happenings as happenings
from desktop_app.core.happenings import HappeningIndex, event_features
from desktop_app.core.happenings.features import event_columns
from desktop_app.core.pipeline import extract_corpus
from desktop_app.core.synthetic import make_corpus
from desktop_app.core.tasks import TaskState
from desktop_app.core.workspace import Workspace
from happening_reports import TEXTS, report_docs


@pytest.fixture
def full_groupings(monkeypatch):
    """Every call of the full grouping (``group_happenings``), counted."""
    calls = []
    real = happenings.group_happenings

    def spy(corpus):
        calls.append(len(corpus.events))
        return real(corpus)
    monkeypatch.setattr(happenings, "group_happenings", spy)
    return calls


def _members(h) -> dict[str, set[str]]:
    return {h.ids[k]: set(h[k].reports) for k in range(len(h))}


def _docs():
    return {d.id: d for d in report_docs()}


def _assert_extended(before, after, new_doc):
    old, new = _members(before), _members(after)
    for hid, reports in old.items():
        assert hid in new                                   # every existing happening keeps its id
        assert {r for r in new[hid] if not r.startswith(new_doc + "#")} == reports   # and its reports


def test_adding_a_report_to_a_grouped_corpus_keeps_its_happenings_and_joins_the_matching_one(full_groupings):
    docs = _docs()
    first = extract_corpus([docs["a"], docs["c"]])
    assert len(first.happenings) == 2
    full_groupings.clear()
    second = extract_corpus([docs["a"], docs["c"], docs["b"]], previous=first)
    assert full_groupings == []                            # nothing regrouped
    _assert_extended(first.happenings, second.happenings, "b")
    h = second.happenings
    ford = h.index_of("h:a#e1")
    assert "b#e1" in h[ford].reports                        # the second report of the Bergen arrest joined it
    # The same happenings as grouping the three documents from scratch.
    scratch = extract_corpus([docs["b"], docs["c"], docs["a"]])
    assert _members(scratch.happenings) == _members(h)


def test_a_changed_document_regroups_everything(full_groupings):
    docs = _docs()
    first = extract_corpus([docs["a"], docs["c"]])
    full_groupings.clear()
    redated = replace(docs["a"], dct="2021-05-01")
    extract_corpus([redated, docs["c"], docs["b"]], previous=first)
    assert len(full_groupings) == 1


def test_workspace_extraction_of_added_documents_keeps_the_happenings(tmp_path, full_groupings):
    docs = _docs()
    ws = Workspace(data_dir=tmp_path / "data")
    ws.add_documents([docs["a"], docs["c"]])
    ws.reextract()
    before = ws.base_happenings
    full_groupings.clear()
    ws.add_documents([docs["b"]])
    assert ws.stale_documents() == ["b"]
    ws.reextract()
    assert full_groupings == []
    _assert_extended(before, ws.base_happenings, "b")
    assert "b#e1" in ws.happenings[ws.happenings.index_of("h:a#e1")].reports


def test_opening_files_beside_a_grouped_corpus_groups_only_their_events(tmp_path, full_groupings):
    from desktop_app.gui.ingest import ingest
    docs = _docs()
    first = extract_corpus([docs["a"], docs["c"]])
    text, publication = TEXTS["b"]
    path = tmp_path / "b.txt"
    path.write_text(text, encoding="utf-8")
    full_groupings.clear()
    result = ingest([str(path)], list(first.documents), "2021-04-06", task=TaskState(), previous=first)
    assert result.added == 1 and full_groupings == []
    h = result.corpus.happenings
    new_doc = next(d.id for d in result.corpus.documents if d.id not in {"a", "c"})
    _assert_extended(first.happenings, h, new_doc)
    assert any(r.startswith(new_doc + "#") for r in h[h.index_of("h:a#e1")].reports)


def test_a_seeded_grouping_extends_like_the_index_that_grouped_it():
    corpus = make_corpus(6000, 300, seed=3, compact=True, spans=False)
    store = event_columns(corpus)
    f = event_features(corpus, store)
    docs = np.asarray(store.c["doc"])
    later = np.flatnonzero(docs >= docs.max() - 4)          # the last five documents' events
    earlier = np.setdiff1d(np.arange(len(store)), later)
    grown = HappeningIndex(f, store.ids)
    grown.add(earlier)
    seeded = HappeningIndex.from_groups(f, store.ids, grown.of_event.copy(), grown.founder_rows())
    assert seeded.happening_ids() == grown.happening_ids()
    grown.add(later)
    seeded.add(later)
    assert seeded.happening_ids() == grown.happening_ids()
    assert np.array_equal(seeded.of_event, grown.of_event)


def test_documents_added_in_the_window_are_grouped_into_the_workspace_happenings(qtbot, tmp_path, full_groupings):
    import json

    from PySide6.QtWidgets import QMainWindow

    from desktop_app.gui.state import AppState
    from desktop_app.gui.workspace_controller import WorkspaceController
    docs = _docs()
    first = extract_corpus([docs["a"], docs["c"]])
    window = QMainWindow()
    qtbot.addWidget(window)
    ctl = WorkspaceController(window, AppState(first), data_dir=tmp_path / "data", offer_recovery=False)
    before = ctl.ws.base_happenings
    text, publication = TEXTS["b"]
    path = tmp_path / "b.txt"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "b.txt.meta.json").write_text(json.dumps({"dct": "2021-04-06", "publication": publication}),
                                             encoding="utf-8")
    full_groupings.clear()
    assert ctl.add_documents([str(path)])
    qtbot.waitUntil(lambda: len(ctl.ws.extraction.events) > len(first.events) and not ctl.busy
                    and not ctl.ws.stale_documents(), timeout=30000)
    assert full_groupings == []
    after = ctl.ws.base_happenings
    new_doc = next(d.id for d in ctl.ws.documents if d.id not in {"a", "c"})
    _assert_extended(before, after, new_doc)
    assert any(r.startswith(new_doc + "#") for r in after[after.index_of("h:a#e1")].reports)
