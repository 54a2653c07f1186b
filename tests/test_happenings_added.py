"""Adding documents to a grouped corpus keeps its happenings and groups only the new events."""
from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

import desktop_app.core.happenings as happenings
from desktop_app.core.happenings import HappeningIndex, event_features
from desktop_app.core.happenings.added import added_happenings
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


def _partition(h) -> list[list[str]]:
    return sorted(sorted(h[k].reports) for k in range(len(h)))


def _changed(corpus, rng: random.Random):
    """``corpus`` with one document removed or changed as re-extraction would see it: fewer events,
    another document's events, or another creation time (its text differs, so it is not the same input)."""
    doc = rng.choice(corpus.documents)
    kind = rng.choice(["remove", "fewer", "other", "redated"])
    docs = [d for d in corpus.documents if d.id != doc.id] if kind == "remove" else \
        [replace(d, text=d.text + " (updated)", dct="2001-01-01" if kind == "redated" else d.dct)
         if d.id == doc.id else d for d in corpus.documents]
    events = [e for e in corpus.events if e.doc != doc.id]
    mine = [e for e in corpus.events if e.doc == doc.id]
    if kind == "fewer":
        mine = [e for e in mine if rng.random() < 0.5]
    elif kind == "other":
        other = rng.choice([d for d in corpus.documents if d.id != doc.id]).id
        mine = [replace(e, id=f"{doc.id}#n{i}", doc=doc.id) for i, e in enumerate(e for e in corpus.events
                                                                              if e.doc == other)]
    if kind != "remove":
        at = next(i for i, e in enumerate(corpus.events) if e.doc == doc.id)
        events = events[:at] + mine + events[at:]
    return replace(corpus, documents=docs, events=events, happenings=None), kind


def test_a_changed_or_removed_document_regroups_its_action_keys_as_grouping_everything_would(full_groupings):
    kinds = set()
    for seed in range(12):
        corpus = make_corpus((300, 900)[seed % 2], 60, seed=seed, spans=False)
        happenings.with_happenings(corpus)
        changed, kind = _changed(corpus, random.Random(seed))
        kinds.add(kind)
        full_groupings.clear()
        h = added_happenings(changed, corpus, exact_share=1.0)
        assert h.regrouped == "keys" and full_groupings == []
        assert _partition(h) == _partition(happenings.group_happenings(changed)), (seed, kind)
    assert kinds == {"remove", "fewer", "other", "redated"}


def test_a_removed_report_leaves_its_happening_and_the_rest_is_kept(full_groupings):
    docs = _docs()
    first = extract_corpus([docs["a"], docs["b"], docs["c"]])
    ford = first.happenings.index_of("h:a#e1")
    assert "b#e1" in first.happenings[ford].reports
    full_groupings.clear()
    second = extract_corpus([docs["a"], docs["c"]], previous=first)
    assert full_groupings == []
    h = second.happenings
    assert not any(r.startswith("b#") for k in range(len(h)) for r in h[k].reports)
    assert _members(h) == _members(extract_corpus([docs["a"], docs["c"]]).happenings)


def test_splitting_where_the_removed_reports_held_a_happening_together_keeps_the_untouched_ones():
    corpus = make_corpus(3000, 80, seed=5, spans=False)
    happenings.with_happenings(corpus)
    before = corpus.happenings
    gone = max(corpus.documents, key=lambda d: sum(e.doc == d.id for e in corpus.events)).id
    changed = replace(corpus, documents=[d for d in corpus.documents if d.id != gone],
                      events=[e for e in corpus.events if e.doc != gone], happenings=None)
    h = added_happenings(changed, corpus, exact_share=0.0)
    assert h.regrouped == "split"
    old, new = _members(before), _members(h)
    out = {e.id for e in corpus.events if e.doc == gone}
    touched = {hid for hid, reports in old.items() if reports & out}
    assert touched
    for hid, reports in old.items():
        if hid not in touched:
            assert new[hid] == reports                      # untouched happenings as they were
    left = {frozenset(old[hid] - out) for hid in touched} - {frozenset()}
    parts = [frozenset(r) for hid, r in new.items() if hid not in old or hid in touched]
    assert set().union(*parts) == set().union(*left)        # the reports left, and only they, regrouped
    for p in parts:                                         # each part inside one old happening: split, never joined
        assert any(p <= rest for rest in left)
    assert sum(len(r) for r in new.values()) == len(changed.events)


def test_corrections_survive_re_extracting_a_redated_document_without_regrouping(tmp_path, full_groupings):
    from desktop_app.core.workspace import edits as edit_builders
    from desktop_app.core.workspace.happening_edits import merge_happenings
    from happening_reports import dated_event
    docs = _docs()
    ws = Workspace(data_dir=tmp_path / "data")
    ws.add_documents([docs["a"], docs["b"], docs["c"]])
    ws.reextract()
    ws.push(merge_happenings(ws.corpus, [dated_event(ws.corpus, "a"), dated_event(ws.corpus, "c")]))
    doc_c = next(d for d in ws.documents if d.id == "c")
    ws.push(edit_builders.set_dct(doc_c, "2021-04-09", "day"))
    full_groupings.clear()
    ws.reextract()
    assert full_groupings == []
    assert ws.base_happenings.regrouped == "keys"
    h = ws.happenings
    merged = h[h.of_event[ws.corpus.events.index_of(dated_event(ws.corpus, "a").id)]].reports
    assert {dated_event(ws.corpus, d).id for d in "abc"} <= set(merged)    # the analyst's merge still holds


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
