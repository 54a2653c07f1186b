"""A workspace file that lies, a save that was killed, and the modes files are written with (issue 16, failure 6).

Before: a ``.esw`` whose offsets were 2**63-1 or -5 opened and exported without complaint; saving
reset a workspace's mode to 0600 and exports were 0644 whatever the umask; a first save that failed
said "the previous save is intact" when there was none.
"""
from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.interchange import export
from desktop_app.core.workspace import Workspace, WorkspaceError, read_workspace, write_workspace
from desktop_app.core.workspace.store import WorkspaceData, leftover_temp_files
from workspace_corpus import sample_corpus

ROOT = Path(__file__).resolve().parents[1]


def _saved(tmp_path) -> Path:
    path = tmp_path / "w.esw"
    write_workspace(path, WorkspaceData(sample_corpus()))
    return path


def _tamper(path: Path, sql: str) -> None:
    db = sqlite3.connect(path)
    with db:
        db.execute(sql)
    db.close()


@pytest.mark.parametrize("sql, needle", [
    ("UPDATE events SET span_end = 9223372036854775807 WHERE ord = (SELECT min(ord) FROM events)",
     "offsets"),
    ("UPDATE events SET span_start = -5 WHERE ord = (SELECT min(ord) FROM events)", "-5"),
    ("UPDATE mentions SET span_start = -5 WHERE rowid = (SELECT min(rowid) FROM mentions)", "mention"),
    ("UPDATE timexes SET span_end = 9223372036854775807 WHERE rowid = (SELECT min(rowid) FROM timexes)",
     "time expression"),
    ("UPDATE events SET date_timex_start = -5 WHERE date_timex_start IS NOT NULL", "its date at offset -5"),
    ("UPDATE events SET date_start = 'yesterday' WHERE date_start IS NOT NULL", "unreadable date 'yesterday'"),
    ("UPDATE events SET date_end = '1000-01-01' WHERE date_end IS NOT NULL", "ends (1000-01-01) before"),
    ("UPDATE ties SET weight = -1", "weight -1"),
    ("UPDATE ties SET weight = 1e308 * 10", "weight"),
    ("UPDATE actors SET id = '' WHERE ord = (SELECT min(ord) FROM actors)", "empty id"),
    ("UPDATE documents SET dct = 'soon'", "creation time 'soon'"),
    ("INSERT INTO participants (event, pos, actor, role) VALUES (999999, 0, 'x', NULL)", "event row 999999"),
])
def test_out_of_range_values_in_a_workspace_are_refused_naming_what_is_wrong(tmp_path, sql, needle):
    path = _saved(tmp_path)
    _tamper(path, sql)
    before = path.read_bytes()
    with pytest.raises(WorkspaceError) as err:
        read_workspace(path)
    message = str(err.value)
    assert "\n" not in message and needle in message and "w.esw is damaged" in message
    assert path.read_bytes() == before


def test_the_cli_refuses_an_out_of_range_offset_in_one_line(tmp_path):
    path = _saved(tmp_path)
    _tamper(path, "UPDATE events SET span_end = 9223372036854775807")
    for op in (["info", str(path)], ["export", str(path), "--format", "events_csv", "--out", str(tmp_path / "e.csv")]):
        proc = subprocess.run([sys.executable, "-m", "desktop_app", "workspace", *op], cwd=ROOT, capture_output=True,
                              text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert proc.stderr.count("\n") == 1 and "9223372036854775807" in proc.stderr
    assert not (tmp_path / "e.csv").exists()


def test_saving_keeps_the_mode_a_workspace_had(tmp_path):
    path = _saved(tmp_path)
    os.chmod(path, 0o640)
    ws = Workspace.open(path, data_dir=tmp_path / "rec")
    ws.mark_unsaved()
    ws.save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    ws.close()


def test_new_workspaces_and_exports_follow_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        path = _saved(tmp_path)
        ws = Workspace.open(path, data_dir=tmp_path / "rec")
        for kind, name in (("events_csv", "e.csv"), ("graphml", "n.graphml"), ("json", "w.json")):
            export(kind, ws, tmp_path / name)
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o640, kind
        ws.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_an_export_replacing_a_file_keeps_that_files_mode(tmp_path):
    ws = Workspace.open(_saved(tmp_path), data_dir=tmp_path / "rec")
    out = tmp_path / "e.csv"
    out.write_text("old")
    os.chmod(out, 0o600)
    export("events_csv", ws, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_text(encoding="utf-8-sig") != "old"
    ws.close()


def test_a_failed_first_save_does_not_claim_a_previous_save(tmp_path):
    data = WorkspaceData(sample_corpus())
    data.corpus.ties[0].weight = float("nan")          # SQLite stores NaN as NULL: NOT NULL fails
    with pytest.raises(WorkspaceError) as err:
        write_workspace(tmp_path / "new.esw", data)
    assert "intact" not in str(err.value) and "Nothing was written" in str(err.value)
    assert not (tmp_path / "new.esw").exists() and leftover_temp_files(tmp_path / "new.esw") == []
    good = _saved(tmp_path)
    with pytest.raises(WorkspaceError) as err:
        write_workspace(good, data)
    assert "The previous save is intact" in str(err.value)
    assert read_workspace(good).corpus.ties[0].weight == sample_corpus().ties[0].weight


def test_a_save_with_a_name_near_the_limit_fits_its_temporary_file(tmp_path):
    path = tmp_path / ("w" * 250 + ".esw")
    write_workspace(path, WorkspaceData(sample_corpus()))
    assert len(read_workspace(path).corpus.events) == len(sample_corpus().events)


@pytest.mark.parametrize("argv", [["extract", "seeds", "--json", "-", "--dct", "9999"],
                                  ["workspace", "create", "{tmp}/w.esw", "seeds", "--dct", "9999-12"],
                                  ["extract", "seeds", "--json", "-", "--dct", "9999-12-31"]])
def test_a_creation_time_past_what_dates_can_hold_is_refused_up_front(tmp_path, argv):
    # Before: --dct 9999 was accepted and then every document failed extraction with "not a date".
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    proc = subprocess.run([sys.executable, "-m", "desktop_app", *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "--dct: year 9999 is out of range" in proc.stderr
    assert not (tmp_path / "w.esw").exists()

