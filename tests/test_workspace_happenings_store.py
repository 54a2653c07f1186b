"""The workspace file keeps happenings and actor evidence: reopened without regrouping, older files migrated,
damaged rows left out with one line, never a traceback."""
import sqlite3

import numpy as np
import pytest

import desktop_app.core.happenings as happenings_pkg
from desktop_app.core.model import Actor
from desktop_app.core.pipeline import extract_corpus
from happening_reports import dated_event, report_docs
from desktop_app.core.workspace import Workspace
from desktop_app.core.workspace.happening_edits import merge_happenings, split_happening
from desktop_app.core.workspace.schema import schema_version
from desktop_app.core.workspace.store import WorkspaceData, read_workspace, write_workspace


def _saved(tmp_path, evidence=None):
    corpus = extract_corpus(report_docs())
    if evidence is not None:
        corpus.actors = [Actor(a.id, a.name, a.type, list(a.aliases), list(evidence)) for a in corpus.actors]
    ws = Workspace(WorkspaceData(corpus), data_dir=tmp_path / "data")
    path = ws.save(tmp_path / "study.esw")
    ws.close()
    return corpus, path


def _no_grouping(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("grouped again")
    monkeypatch.setattr(happenings_pkg, "group_happenings", refuse)
    monkeypatch.setattr("desktop_app.core.workspace.happening_edits.group_happenings", refuse)


def _reopened(tmp_path, monkeypatch):
    """A saved workspace opened again, with grouping made to fail: (workspace, its path, happenings at open)."""
    _, path = _saved(tmp_path)
    _no_grouping(monkeypatch)
    ws = Workspace.open(path, data_dir=tmp_path / "data")
    return ws, path, len(ws.happenings)


def test_reopened_workspace_has_the_same_happenings_without_grouping(tmp_path, monkeypatch):
    corpus, path = _saved(tmp_path)
    before = [corpus.happenings[k].to_json() for k in range(len(corpus.happenings))]
    _no_grouping(monkeypatch)
    ws = Workspace.open(path, data_dir=tmp_path / "data")
    h = ws.happenings
    assert [h[k].to_json() for k in range(len(h))] == before
    assert ws.corpus.happenings is h


def test_file_rows_describe_each_happening(tmp_path):
    corpus, path = _saved(tmp_path)
    db = sqlite3.connect(path)
    rows = db.execute("SELECT id, label, date_start, first_report, sources FROM happenings ORDER BY ord").fetchall()
    assert [r[0] for r in rows] == list(corpus.happenings.ids)
    bombing = corpus.happenings[corpus.happenings.index_of(corpus.happenings.id_of_event(0))]
    row = next(r for r in rows if r[0] == bombing.id)
    assert row[1] == bombing.label and row[3] == bombing.first_report
    assert db.execute("SELECT count(*) FROM happening_of").fetchone()[0] == len(corpus.events)


def test_merge_after_reopening_needs_no_grouping_and_survives_save(tmp_path, monkeypatch):
    ws, path, n = _reopened(tmp_path, monkeypatch)
    a, c = dated_event(ws.corpus, "a"), dated_event(ws.corpus, "c")
    ws.push(merge_happenings(ws.corpus, [a, c]))
    h = ws.happenings
    assert len(h) == n - 1 and h.id_of_event(ws.corpus.events.index_of(a.id)) == h.id_of_event(
        ws.corpus.events.index_of(c.id))
    ws.undo()
    assert len(ws.happenings) == n
    ws.redo()
    ws.save()
    ws.close()
    again = Workspace.open(path, data_dir=tmp_path / "data")
    assert len(again.happenings) == n - 1
    # The file keeps the extraction's grouping; the merge stays an edit in the log.
    assert len(read_workspace(path).happenings.ids) == n


def test_split_is_a_new_happening_and_undo_restores_it(tmp_path):
    _, path = _saved(tmp_path)
    ws = Workspace.open(path, data_dir=tmp_path / "data")
    b = dated_event(ws.corpus, "b")
    n = len(ws.happenings)
    ws.push(split_happening(ws.corpus, [b]))
    assert len(ws.happenings) == n + 1
    ws.undo()
    assert len(ws.happenings) == n


def test_actor_evidence_round_trips_through_the_file(tmp_path):
    _, path = _saved(tmp_path, evidence=["role: police", "same name in 2 documents"])
    data = read_workspace(path)
    assert all(a.evidence == ["role: police", "same name in 2 documents"] for a in data.corpus.actors)
    assert data.warnings == []


def test_older_workspace_is_migrated_and_grouped_on_open(tmp_path):
    corpus, path = _saved(tmp_path)
    db = sqlite3.connect(path)
    # What a version-2 file looks like: no happenings tables, no evidence column.
    db.executescript("DROP TABLE happenings; DROP TABLE happening_of; ALTER TABLE actors DROP COLUMN evidence; "
                     "PRAGMA user_version = 2;")
    db.close()
    data = read_workspace(path)
    assert data.happenings is None and data.warnings == []
    ws = Workspace(data, data_dir=tmp_path / "data")
    assert len(ws.happenings) == len(corpus.happenings)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 2     # the file is untouched
    assert schema_version() == 3


@pytest.mark.parametrize("damage", [
    "UPDATE happening_of SET happening = 999 WHERE event = 0",
    "DELETE FROM happening_of WHERE event = 0",
    "UPDATE happening_of SET happening = 'x' WHERE event = 0",
    "UPDATE happenings SET id = '' WHERE ord = 1",
    "UPDATE happenings SET ord = 50 WHERE ord = 1",
])
def test_damaged_happenings_are_grouped_again_with_one_line(tmp_path, damage):
    corpus, path = _saved(tmp_path)
    db = sqlite3.connect(path)
    db.execute(damage)
    db.commit()
    db.close()
    data = read_workspace(path)
    assert data.happenings is None
    assert len(data.warnings) == 1 and "\n" not in data.warnings[0] and "grouped again" in data.warnings[0]
    ws = Workspace(data, data_dir=tmp_path / "data")
    assert len(ws.happenings) == len(corpus.happenings)
    assert len(ws.corpus.events) == len(corpus.events)         # nothing else lost


def test_unreadable_evidence_is_left_out_with_one_line(tmp_path):
    _, path = _saved(tmp_path, evidence=["role: police"])
    db = sqlite3.connect(path)
    db.execute("UPDATE actors SET evidence = '{not json' WHERE ord = 0")
    db.commit()
    db.close()
    data = read_workspace(path)
    assert data.corpus.actors[0].evidence == [] and data.corpus.actors[1].evidence == ["role: police"]
    assert len(data.warnings) == 1 and "evidence" in data.warnings[0]


def test_workspace_written_without_happenings_groups_them_on_open(tmp_path):
    corpus = extract_corpus(report_docs())
    corpus.happenings = None
    write_workspace(tmp_path / "plain.esw", WorkspaceData(corpus))
    data = read_workspace(tmp_path / "plain.esw")
    assert data.happenings is None
    ws = Workspace(data, data_dir=tmp_path / "data")
    assert np.array_equal(np.sort(ws.happenings.size()), np.sort(extract_corpus(report_docs()).happenings.size()))


def test_saved_evidence_shows_in_the_actor_details_after_reopening(tmp_path):
    from desktop_app.gui.actor_details import evidence_lines
    from desktop_app.gui.network.data import from_corpus
    _, path = _saved(tmp_path, evidence=["role: police", "same name in 2 documents"])
    ws = Workspace.open(path, data_dir=tmp_path / "data")
    data = from_corpus(ws.corpus)
    assert evidence_lines(data.evidence[0]) == ["Role: police", "One actor because:", "  same name in 2 documents"]


def test_an_analyst_merge_is_recorded_in_the_evidence_and_saved(tmp_path):
    from desktop_app.core.workspace import edits
    _, path = _saved(tmp_path, evidence=["same name in 2 documents"])
    ws = Workspace.open(path, data_dir=tmp_path / "data")
    into, other = ws.corpus.actors[0], ws.corpus.actors[1]
    ws.push(edits.merge_actors(into, [other]))
    merged = next(a for a in ws.corpus.actors if a.name == into.name)
    assert merged.evidence[-1] == f"merged by the analyst with {other.name}"
    ws.save()
    ws.close()
    again = Workspace.open(path, data_dir=tmp_path / "data")
    assert next(a for a in again.corpus.actors if a.name == into.name).evidence == merged.evidence


def test_workspace_json_export_uses_the_saved_happenings_and_the_corrections(tmp_path, monkeypatch):
    import json
    from desktop_app.core.interchange import export_workspace_json
    ws, _, n = _reopened(tmp_path, monkeypatch)
    ws.push(merge_happenings(ws.corpus, [dated_event(ws.corpus, "a"), dated_event(ws.corpus, "c")]))
    export_workspace_json(tmp_path / "w.json", ws)
    out = json.loads((tmp_path / "w.json").read_text())
    assert len(out["happenings"]) == n - 1


def test_event_edits_keep_the_extractions_happenings_without_grouping(tmp_path, monkeypatch):
    from datetime import datetime
    from desktop_app.core.model import Interval
    from desktop_app.core.workspace import edits
    ws, _, n = _reopened(tmp_path, monkeypatch)
    a, b = dated_event(ws.corpus, "a"), dated_event(ws.corpus, "b")
    ws.push(edits.set_event_date(ws.corpus, b, "2021-04-20", Interval(datetime(2021, 4, 20), datetime(2021, 4, 21), "day")))
    h = ws.happenings
    def row_of(e):      # in the corrected corpus of the moment (each edit makes a new one)
        return [x.id for x in ws.corpus.events].index(e.id)
    assert len(h) == n and h.of_event[row_of(a)] == h.of_event[row_of(b)]     # a corrected date does not regroup
    ws.push(edits.delete_event(ws.corpus, a))
    h = ws.happenings
    assert len(h) == n and h.id_of_event(row_of(b)) == "h:" + a.id            # the happening keeps its id


def test_salience_is_saved_and_read_back_for_the_key_events(tmp_path, monkeypatch):
    from desktop_app.core.happenings.salience import salience
    from desktop_app.gui.key_events import key_event_rows
    ws, _, n = _reopened(tmp_path, monkeypatch)
    h = ws.happenings
    assert np.allclose(h.salience, salience(h))
    monkeypatch.setattr("desktop_app.core.happenings.salience.salience",
                        lambda *_a: (_ for _ in ()).throw(AssertionError("computed again")))
    assert len(key_event_rows(ws.corpus)) == n


def test_past_the_record_limit_rows_are_light_and_still_restore(tmp_path, monkeypatch):
    import desktop_app.core.workspace.happening_rows as hr
    monkeypatch.setattr(hr, "RECORDS_AT_SAVE_MAX", 0)
    corpus, path = _saved(tmp_path)
    big = max(range(len(corpus.happenings)), key=lambda k: len(corpus.happenings.rows(k)))
    row = sqlite3.connect(path).execute("SELECT id, date_start, first_report FROM happenings WHERE ord = ?",
                                        (big,)).fetchone()
    assert row[0] == corpus.happenings.ids[big] and row[1] is None
    assert row[2] == corpus.happenings[big].first_report
    ws = Workspace.open(path, data_dir=tmp_path / "data")
    assert ws.happenings[big].to_json() == corpus.happenings[big].to_json()     # the date comes back from the reports
