"""File names of any length and any bytes: one odd name never stops a folder (issue 16, failure 2 and 6).

Each test reproduces what failed before: a document name of 246+ bytes made its sidecar name pass
the 255-byte limit (ENAMETOOLONG stopped the whole folder), a name that is not UTF-8 made the string
columns raise, and a folder without read permission vanished from the corpus without a word.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.documents import load_paths, read_sidecar, sidecar_path, write_sidecar
from desktop_app.core.documents.filenames import shown_name
from desktop_app.core.pipeline import extract_corpus
from desktop_app.core.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
TEXT = "On 2 November 2007 the police arrested John Smith in Almaty.\n"
LONG = "r" * 246 + ".txt"                        # 250 bytes: NAME.meta.json is 260
LATIN1 = b"caf\xe9.txt"                          # not UTF-8


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    (d / LONG).write_text(TEXT, encoding="utf-8")
    with open(os.path.join(os.fsencode(d), LATIN1), "wb") as fh:
        fh.write(b"On 3 November 2007 the court fined Acme Corp in Astana.\n")
    (d / "plain.txt").write_text("On 4 November 2007 Maria Lopez visited Paris.\n", encoding="utf-8")
    return d


def test_a_long_and_a_non_utf8_name_load_with_the_rest_of_the_folder(tmp_path):
    docs, errors = load_paths([_folder(tmp_path)])
    assert errors == []
    assert sorted(d.id for d in docs) == sorted(["caf\\xe9", "plain", "r" * 246])
    for d in docs:          # what is stored and shown is valid Unicode
        d.id.encode("utf-8")
        d.path.encode("utf-8")
    corpus = extract_corpus(docs)
    assert {e.doc for e in corpus.events} == {d.id for d in docs}


def test_a_folder_with_odd_names_saves_and_reopens_as_a_workspace(tmp_path):
    docs, _ = load_paths([_folder(tmp_path)])
    ws = Workspace(data_dir=tmp_path / "rec")
    ws.add_documents(docs)
    ws.reextract(extract_corpus)
    ws.save(tmp_path / "w.esw")
    again = Workspace.open(tmp_path / "w.esw", data_dir=tmp_path / "rec")
    assert sorted(d.id for d in again.documents) == sorted(d.id for d in docs)
    assert len(again.corpus.events) == len(ws.corpus.events) == 3
    again.close()


def test_the_sidecar_of_a_name_near_the_limit_is_hash_shortened_and_found_again(tmp_path):
    doc = tmp_path / LONG
    doc.write_text(TEXT, encoding="utf-8")
    written = write_sidecar(doc, {"dct": "2007-11", "title": "long"})
    assert len(os.fsencode(written.name)) <= 255
    assert written.name.endswith(".meta.json") and written == sidecar_path(doc)
    assert read_sidecar(doc) == {"dct": "2007-11", "title": "long"}
    # Two long names sharing their first 240 bytes get different sidecars.
    other = tmp_path / ("r" * 246 + ".md")
    assert sidecar_path(other) != sidecar_path(doc)
    docs, errors = load_paths([tmp_path])
    assert errors == [] and [d.dct for d in docs] == ["2007-11"]
    # A short name keeps the plain NAME.meta.json.
    assert sidecar_path(tmp_path / "a.txt").name == "a.txt.meta.json"


def test_the_sidecar_of_a_non_utf8_name_is_read(tmp_path):
    raw = os.path.join(os.fsencode(tmp_path), LATIN1)
    with open(raw, "wb") as fh:
        fh.write(TEXT.encode())
    write_sidecar(Path(os.fsdecode(raw)), {"dct": "2007-11-01"})
    docs, errors = load_paths([tmp_path])
    assert errors == [] and docs[0].dct == "2007-11-01" and docs[0].id == "caf\\xe9"


def test_shown_name_escapes_only_undecodable_bytes():
    assert shown_name(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert shown_name("café.txt") == "café.txt"


def test_an_unreadable_folder_is_listed_as_skipped_and_the_rest_loads(tmp_path, monkeypatch):
    d = _folder(tmp_path)
    locked = d / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        # Root reads any folder whatever its mode, so the refusal is made here as the OS would make it.
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    docs, errors = load_paths([d])
    assert len(docs) == 3
    assert len(errors) == 1 and "locked" in errors[0]["message"] and "skipped" in errors[0]["message"]
    assert "Permission denied" in errors[0]["message"]


@pytest.mark.parametrize("command", ["extract", "workspace create"])
def test_the_cli_reads_a_folder_with_odd_names_without_a_traceback(tmp_path, command):
    d = _folder(tmp_path)
    argv = ["extract", str(d), "--json", "-"] if command == "extract" else \
        ["workspace", "create", str(tmp_path / "w.esw"), str(d)]
    proc = subprocess.run([sys.executable, "-m", "desktop_app", *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    if command == "extract":
        assert len(json.loads(proc.stdout)["documents"]) == 3
    else:
        assert "added 3 document(s)" in proc.stdout


def test_the_app_loads_a_folder_with_odd_names_and_lists_an_unreadable_one(qtbot, tmp_path, monkeypatch):
    # Before: 0 documents and a box "The job could not finish." with the raw exception.
    from PySide6.QtCore import QSettings
    from desktop_app.gui.main_window import MainWindow
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    d = _folder(tmp_path)
    locked = d / "locked"
    locked.mkdir()
    real_scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path=".": (_ for _ in ()).throw(
        PermissionError(13, "Permission denied", os.fspath(path))) if os.fspath(path) == os.fspath(locked)
        else real_scandir(path))
    w = MainWindow(restore=False, workspaces=False)
    qtbot.addWidget(w)
    failures = []
    w.ingestor.failed.connect(failures.append)
    assert w.open_paths([str(d)])
    qtbot.waitUntil(lambda: not w.ingestor.busy, timeout=120000)
    assert failures == []
    assert sorted(doc.id for doc in w.state.corpus.documents) == sorted(["caf\\xe9", "plain", "r" * 246])
    assert any("locked" in e["message"] and "skipped" in e["message"] for e in w.error_log.entries)
