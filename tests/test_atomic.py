"""Every user-facing file write: all or nothing, with a message that says what to do."""
import errno
import os

import pytest

from desktop_app.core.atomic import WriteError, write_atomic, write_text_atomic


def test_success_replaces_the_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    assert os.stat(target).st_mode & 0o644 == 0o644


def test_a_failing_writer_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("good", encoding="utf-8")

    def half(tmp):
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("renderer crashed")
    with pytest.raises(RuntimeError):
        write_atomic(target, half)
    assert target.read_text(encoding="utf-8") == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(WriteError, match="folder '.*missing' does not exist — create it or choose another folder"):
        write_text_atomic(tmp_path / "missing" / "x.graphml", "x")


def test_full_disk_says_so(tmp_path, monkeypatch):
    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(WriteError, match="the disk is full — free space or choose another folder"):
        write_text_atomic(tmp_path / "x.svg", "x")
    assert list(tmp_path.iterdir()) == []
