"""Hostile JSON imports get one line, never a traceback (issue 16, failure 4).

Before: ``workspace import`` of JSON with a 5,000-digit number (ValueError), an interval ending
9999-12-31 (OverflowError) or a ``\\ud800`` escape (UnicodeEncodeError at save) exited with a
traceback, the GUI's import let them escape with no message, and NaN weights or duplicate ids gave
"NOT NULL/UNIQUE constraint failed ... previous save is intact" when nothing had been saved.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.interchange import InterchangeError, import_workspace_json, workspace_to_json
from desktop_app.core.workspace import Workspace, edits
from workspace_corpus import by_name, sample_corpus

ROOT = Path(__file__).resolve().parents[1]


def _payload() -> dict:
    c = sample_corpus()
    return json.loads(json.dumps(workspace_to_json(c, c, [edits.rename_actor(by_name(c, "Mara Velk"), "MV")])))


def _huge_weight(text: str) -> str:
    return text.replace('"weight": 2.0', '"weight": ' + "9" * 5000, 1)


def _huge_offset(text: str) -> str:
    return text.replace('"start": 0,', '"start": ' + "1" * 5000 + ",", 1)


def _last_day(d: dict) -> None:
    d["extraction"]["events"][0]["date"]["end"] = "9999-12-31"
    d["extraction"]["events"][0]["date"]["start"] = "9999-12-01"


def _nan(d: dict) -> None:
    d["extraction"]["ties"][0]["weight"] = float("nan")


def _infinity(d: dict) -> None:
    d["extraction"]["ties"][0]["weight"] = float("inf")


def _duplicate_actor(d: dict) -> None:
    d["extraction"]["actors"][1]["id"] = d["extraction"]["actors"][0]["id"]


def _duplicate_document(d: dict) -> None:
    d["extraction"]["documents"][1]["id"] = d["extraction"]["documents"][0]["id"]


def _unreadable_dct(d: dict) -> None:
    d["extraction"]["documents"][0]["dct"] = "next Tuesday"


def _offset_2_63(d: dict) -> None:
    d["extraction"]["events"][0]["end"] = 2**63


# (how the file is made, what the one-line message must say)
REFUSED = [
    ("huge-weight", lambda t: _huge_weight(t), "5000 digits"),
    ("huge-offset", lambda t: _huge_offset(t), "5000 digits"),
    ("last-day", _last_day, "9999-12-31"),
    ("nan-weight", _nan, "finite number, got nan"),
    ("infinite-weight", _infinity, "finite number, got inf"),
    ("duplicate-actor", _duplicate_actor, "two actors share the id"),
    ("duplicate-document", _duplicate_document, "two documents share the id"),
    ("offset-2-63", _offset_2_63, "too large"),
    ("unreadable-dct", _unreadable_dct, "unreadable creation time 'next Tuesday'"),
]


def _write(tmp_path: Path, make) -> Path:
    d = _payload()
    text = json.dumps(d, indent=1)
    try:
        out = make(text)
    except (TypeError, AttributeError):
        out = None
    if not isinstance(out, str):
        make(d)
        out = json.dumps(d, indent=1)      # NaN and Infinity are written as JSON's common extension
    path = tmp_path / "w.json"
    path.write_text(out, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, make, needle", REFUSED, ids=[r[0] for r in REFUSED])
def test_hostile_numbers_dates_and_ids_are_refused_in_one_line(tmp_path, name, make, needle):
    path = _write(tmp_path, make)
    with pytest.raises(InterchangeError) as err:
        import_workspace_json(path)
    assert needle in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("name, make, needle", REFUSED[:4] + REFUSED[5:6], ids=[r[0] for r in REFUSED[:4] + REFUSED[5:6]])
def test_the_cli_import_says_one_line_and_writes_nothing(tmp_path, name, make, needle):
    path = _write(tmp_path, make)
    out = tmp_path / "w.esw"
    proc = subprocess.run([sys.executable, "-m", "desktop_app", "workspace", "import", str(path), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.count("\n") == 1 and needle in proc.stderr
    assert "intact" not in proc.stderr and not out.exists()


def test_a_lone_surrogate_escape_becomes_a_replacement_character_and_saves(tmp_path):
    d = _payload()
    text = json.dumps(d).replace('"name": "Harbour Council"', '"name": "Harbour \\ud800Council"')
    text = text.replace("The Harbour Council met", "The Harbour \\udfffCouncil met")
    assert text.count("\\ud") >= 2
    path = tmp_path / "w.json"
    path.write_text(text, encoding="utf-8")
    data = import_workspace_json(path)
    assert any(a.name == "Harbour \ufffdCouncil" for a in data.corpus.actors)
    assert "\ufffd" in data.corpus.documents[0].text
    ws = Workspace(data, data_dir=tmp_path)
    ws.save(tmp_path / "w.esw")                # UnicodeEncodeError here before
    assert any(a.name == "Harbour \ufffdCouncil" for a in Workspace.open(tmp_path / "w.esw").corpus.actors)


def test_a_surrogate_pair_escape_is_kept_as_the_character_it_encodes(tmp_path):
    d = _payload()
    text = json.dumps(d).replace('"name": "Harbour Council"', '"name": "Harbour \\ud83d\\ude00Council"')
    path = tmp_path / "w.json"
    path.write_text(text, encoding="utf-8")
    assert any(a.name == "Harbour \U0001F600Council" for a in import_workspace_json(path).corpus.actors)


@pytest.mark.parametrize("name, make, needle", REFUSED[:3] + REFUSED[3:4], ids=[r[0] for r in REFUSED[:4]])
def test_the_app_import_warns_in_one_line(qtbot, tmp_path, monkeypatch, name, make, needle):
    from PySide6.QtWidgets import QMainWindow
    from desktop_app.gui import edit_dialogs
    from desktop_app.gui.state import AppState
    from desktop_app.gui.workspace_controller import WorkspaceController
    warned = []
    monkeypatch.setattr(edit_dialogs, "warn", lambda parent, message: warned.append(message))
    window = QMainWindow()
    qtbot.addWidget(window)
    ctl = WorkspaceController(window, AppState(None), data_dir=tmp_path / "data", offer_recovery=False,
                              extractor=lambda docs, task=None: None)
    assert not ctl.import_json(str(_write(tmp_path, make)))
    assert len(warned) == 1 and needle in warned[0] and "\n" not in warned[0]


def test_an_empty_creation_time_imports_as_unknown_and_the_saved_workspace_reopens(tmp_path):
    # Found by the hostile-import property: "" was imported as a creation time, saved, and the
    # workspace then refused to reopen ("unreadable creation time ''").
    d = _payload()
    d["extraction"]["documents"][0]["dct"] = ""
    path = tmp_path / "w.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    data = import_workspace_json(path)
    assert data.corpus.documents[0].dct is None
    ws = Workspace(data, data_dir=tmp_path / "rec")
    ws.save(tmp_path / "w.esw")
    again = Workspace.open(tmp_path / "w.esw", data_dir=tmp_path / "rec")
    assert again.corpus.documents[0].dct is None and len(again.corpus.events) == len(ws.corpus.events)
