"""Two Eventscopes on one workspace (issue 16, failure 1), with real processes.

Before: no lock; A and B both autosaved to the same ``ws.esw.recovery``, A's save deleted the file
B wrote, B's save overwrote A's saved edit, and with B killed after A's save, B's unsaved work was
gone.  Now the first holds ``ws.esw.lock``; the second opens read-only (or a copy) and writes its
own recovery file, which no other session deletes; a lock left by a crash is taken over.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop_app.core.workspace import Workspace, WorkspaceError, WorkspaceLocked, edits
from desktop_app.core.workspace.lock import STALE_AFTER, WorkspaceLock, hostname, lock_path, read_lock
from desktop_app.core.workspace.store import WorkspaceData, leftover_temp_files, write_workspace
from workspace_corpus import by_name, sample_corpus

ROOT = Path(__file__).resolve().parents[1]
PRELUDE = f"""
import os, sys
sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}]
from desktop_app.core.workspace import Workspace, WorkspaceLocked, edits
from workspace_corpus import by_name
def wait(word):
    print(word, flush=True)
    return sys.stdin.readline()
"""


class Child:
    """A second Eventscope process running ``script``; ``wait("word")`` in it pauses until ``go()``."""

    def __init__(self, script: str):
        self.proc = subprocess.Popen([sys.executable, "-c", PRELUDE + textwrap.dedent(script)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def expect(self, word: str) -> None:
        line = self.proc.stdout.readline().strip()
        assert line == word, (line, self.proc.stderr.read() if self.proc.poll() is not None else "")

    def go(self) -> None:
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=60)

    def finish(self) -> int:
        self.proc.stdin.close()
        return self.proc.wait(timeout=120)


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "ws.esw"
    write_workspace(path, WorkspaceData(sample_corpus()))
    return path


def test_a_second_process_cannot_open_for_writing_and_opens_read_only(saved, tmp_path):
    a = Child(f"""
        ws = Workspace.open({str(saved)!r}, data_dir={str(tmp_path / 'a')!r})
        wait("holding")
        ws.close()
    """)
    a.expect("holding")
    with pytest.raises(WorkspaceLocked) as err:
        Workspace.open(saved, data_dir=tmp_path / "b")
    assert err.value.holder.pid == a.proc.pid and err.value.holder.host == hostname()
    assert "is open in another Eventscope" in str(err.value) and "\n" not in str(err.value)
    b = Workspace.open_read_only(saved, data_dir=tmp_path / "b")
    assert b.read_only and b.locked_by.pid == a.proc.pid
    b.push(edits.rename_actor(by_name(b.corpus, "Mara Velk"), "M. Velk"))
    with pytest.raises(WorkspaceError, match="read-only"):
        b.save()
    copy = b.save(tmp_path / "mine.esw")                   # Save As a new file is fine
    assert copy.name == "mine.esw" and not b.read_only
    b.close()
    a.go()
    assert a.finish() == 0
    assert not lock_path(saved).exists()                    # released on close
    Workspace.open(saved, data_dir=tmp_path / "c").close()  # and free again


def test_two_sessions_lose_nothing_the_issue_scenario(saved, tmp_path):
    # A holds the workspace and renames an actor; B (read-only) renames another, autosaves and is
    # killed after A's save.  A's save is on disk and B's unsaved work is offered for recovery.
    a = Child(f"""
        ws = Workspace.open({str(saved)!r}, data_dir={str(tmp_path / 'a')!r})
        ws.push(edits.rename_actor(by_name(ws.corpus, "Mara Velk"), "A's name"))
        assert ws.autosave()
        wait("edited")
        ws.save()
        wait("saved")
        ws.close()
    """)
    a.expect("edited")
    b = Child(f"""
        try:
            Workspace.open({str(saved)!r}, data_dir={str(tmp_path / 'b')!r})
            raise SystemExit("opened for writing while A holds it")
        except WorkspaceLocked:
            pass
        ws = Workspace.open_read_only({str(saved)!r}, data_dir={str(tmp_path / 'b')!r})
        ws.push(edits.rename_actor(by_name(ws.corpus, "Harbour Council"), "B's name"))
        assert ws.autosave()
        wait("autosaved")
        os._exit(9)
    """)
    b.expect("autosaved")
    recovery_files = sorted(saved.parent.glob("ws.esw.*.recovery"))
    assert len(recovery_files) == 2                          # one per session
    a.go()
    a.expect("saved")
    assert len(sorted(saved.parent.glob("ws.esw.*.recovery"))) == 1   # A dropped only its own
    b.go()
    assert b.proc.wait(timeout=60) == 9
    a.go()
    assert a.finish() == 0
    ws = Workspace.open(saved, data_dir=tmp_path / "c")
    assert by_name(ws.corpus, "A's name")                    # A's save is there
    rec = ws.pending_recovery_file()
    assert rec is not None
    restored, warnings = Workspace.from_recovery(rec, data_dir=tmp_path / "c")
    assert by_name(restored.corpus, "A's name") and by_name(restored.corpus, "B's name")
    assert warnings and "saved again" in warnings[0]
    restored.save()
    assert not rec.exists()
    ws.close()
    restored.close()


def test_a_lock_left_by_a_killed_process_is_taken_over(saved, tmp_path):
    a = Child(f"""
        ws = Workspace.open({str(saved)!r}, data_dir={str(tmp_path / 'a')!r})
        ws.push(edits.rename_actor(by_name(ws.corpus, "Mara Velk"), "Before the crash"))
        assert ws.autosave()
        wait("holding")
    """)
    a.expect("holding")
    pid = a.proc.pid
    a.kill()
    assert read_lock(lock_path(saved)).pid == pid            # the crash left its lock behind
    ws = Workspace.open(saved, data_dir=tmp_path / "b")
    assert ws.lock.recovered_stale is not None and ws.lock.recovered_stale.pid == pid
    assert read_lock(lock_path(saved)).pid == os.getpid()
    restored, _ = Workspace.from_recovery(ws.pending_recovery_file(), data_dir=tmp_path / "b")
    assert by_name(restored.corpus, "Before the crash")
    ws.close()
    restored.close()


def _fake_lock(saved: Path, host: str, pid: int, age: float) -> None:
    path = lock_path(saved)
    path.write_text(json.dumps({"pid": pid, "host": host, "token": "t" * 32, "started": "2026-01-01T00:00:00+00:00"}))
    then = time.time() - age
    os.utime(path, (then, then))


def test_a_lock_from_another_machine_holds_until_it_is_no_longer_refreshed(saved, tmp_path):
    _fake_lock(saved, "elsewhere.example", 1, age=10)
    with pytest.raises(WorkspaceLocked, match="elsewhere.example"):
        Workspace.open(saved, data_dir=tmp_path)
    _fake_lock(saved, "elsewhere.example", 1, age=STALE_AFTER + 60)
    ws = Workspace.open(saved, data_dir=tmp_path)
    assert ws.lock.recovered_stale.host == "elsewhere.example"
    ws.close()


def test_the_holder_refreshes_its_lock(saved, tmp_path):
    ws = Workspace.open(saved, data_dir=tmp_path)
    old = time.time() - 1000
    os.utime(lock_path(saved), (old, old))
    ws.lock.refresh()
    assert time.time() - lock_path(saved).stat().st_mtime < 60
    from desktop_app.core.workspace.lock import HEARTBEAT
    os.utime(lock_path(saved), (old, old))
    HEARTBEAT.beat()                                        # what the background thread does every minute
    assert time.time() - lock_path(saved).stat().st_mtime < 60
    ws.close()


def test_the_cli_refuses_to_write_a_held_workspace_in_one_line_and_still_reads_it(saved, tmp_path):
    a = Child(f"""
        ws = Workspace.open({str(saved)!r}, data_dir={str(tmp_path / 'a')!r})
        wait("holding")
        ws.close()
    """)
    a.expect("holding")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = lambda *args: subprocess.run([sys.executable, "-m", "desktop_app", "workspace", *map(str, args)],
                                       cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    doc = tmp_path / "d.txt"
    doc.write_text("On 2 May 2021 the Harbour Council met.")
    for args in (("add", saved, doc), ("reextract", saved)):
        proc = run(*args)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr
        assert proc.stderr.count("\n") == 1 and "open in another Eventscope" in proc.stderr
        assert f"process {a.proc.pid}" in proc.stderr
    assert run("info", saved).returncode == 0
    assert run("export", saved, "--format", "events_csv", "--out", tmp_path / "e.csv").returncode == 0
    a.go()
    assert a.finish() == 0
    assert run("add", saved, doc).returncode == 0


def test_leftover_temp_files_of_killed_saves_are_removed_by_the_next_writer_only(saved, tmp_path):
    leftovers = [saved.with_name(f".ws.esw.{tag}.tmp") for tag in ("abcd1234", "zz_9yy8x")]
    for p in leftovers:
        p.write_bytes(b"half a save")
    unrelated = saved.with_name(".other.esw.abcd1234.tmp")
    unrelated.write_bytes(b"x")
    assert leftover_temp_files(saved) == sorted(leftovers)
    Workspace.open_read_only(saved, data_dir=tmp_path).close()
    assert all(p.exists() for p in leftovers)                # a reader never removes them
    Workspace.open(saved, data_dir=tmp_path).close()
    assert not any(p.exists() for p in leftovers) and unrelated.exists()


def test_a_killed_save_leaves_a_temp_file_that_the_next_open_removes(saved, tmp_path):
    child = Child(f"""
        import sqlite3
        from desktop_app.core.workspace import store
        real = store.os.replace
        def stop(*a):
            wait("before rename")
        store.os.replace = stop
        ws = Workspace.open({str(saved)!r}, data_dir={str(tmp_path / 'a')!r})
        ws.mark_unsaved()
        ws.save()
    """)
    child.expect("before rename")
    assert len(leftover_temp_files(saved)) == 1
    child.kill()
    ws = Workspace.open(saved, data_dir=tmp_path)
    assert leftover_temp_files(saved) == []
    ws.close()


def test_within_one_process_a_workspace_opened_twice_shares_the_lock(saved, tmp_path):
    first = Workspace.open(saved, data_dir=tmp_path)
    second = Workspace.open(saved, data_dir=tmp_path)
    first.close()
    assert lock_path(saved).exists()                        # the second still holds it
    second.close()
    assert not lock_path(saved).exists()


def test_a_lock_file_that_is_not_a_lock_is_judged_by_its_age(saved, tmp_path):
    lock_path(saved).write_text("garbage")
    with pytest.raises(WorkspaceLocked):
        WorkspaceLock(saved).acquire()
    old = time.time() - STALE_AFTER - 10
    os.utime(lock_path(saved), (old, old))
    lock = WorkspaceLock(saved)
    lock.acquire()
    assert lock.held and read_lock(lock_path(saved)).pid == os.getpid()
    lock.release()


@pytest.mark.parametrize("choice", ["read_only", "copy", None])
def test_the_app_asks_read_only_or_copy_when_another_process_holds_the_workspace(qtbot, saved, tmp_path,
                                                                                monkeypatch, choice):
    from PySide6.QtWidgets import QMainWindow
    from desktop_app.gui import edit_dialogs
    from desktop_app.gui.state import AppState
    from desktop_app.gui.workspace_controller import WorkspaceController
    asked = []
    monkeypatch.setattr(edit_dialogs, "ask_locked", lambda parent, name, holder: asked.append((name, holder)) or choice)
    a = Child(f"""
        ws = Workspace.open({str(saved)!r}, data_dir={str(tmp_path / 'a')!r})
        wait("holding")
        ws.close()
    """)
    a.expect("holding")
    window = QMainWindow()
    qtbot.addWidget(window)
    ctl = WorkspaceController(window, AppState(None), data_dir=tmp_path / "data", offer_recovery=False,
                              extractor=lambda docs, task=None: None)
    opened = ctl.open_workspace(str(saved), background=False)
    assert asked and asked[0][0] == "ws.esw" and f"process {a.proc.pid}" in asked[0][1]
    if choice is None:
        assert not opened and ctl.ws.path is None
    elif choice == "read_only":
        assert opened and ctl.ws.read_only and ctl.ws.path == saved
        assert "(read-only)" in window.windowTitle()
        assert len(ctl.state.corpus.events) == len(sample_corpus().events)
    else:
        assert opened and ctl.ws.path is None and ctl.ws.dirty
    a.go()
    assert a.finish() == 0
    ctl.ws.close()


def test_a_lock_dropped_while_another_is_taken_is_released_without_deadlock(tmp_path):
    # The finalizer of a dropped lock can run inside acquire() of another, in the same thread
    # (garbage collection); the registry's guard must let it through.
    import gc
    import threading

    from desktop_app.core.workspace import lock as lock_mod

    first = lock_mod.WorkspaceLock(tmp_path / "a.esw")
    first.acquire()
    done = threading.Event()

    def take_under_guard():
        with lock_mod._HELD_GUARD:           # as acquire() holds it when the GC strikes
            nonlocal first
            first = None
            gc.collect()                     # runs first's finalizer, which takes the guard again
        done.set()

    worker = threading.Thread(target=take_under_guard, daemon=True)
    worker.start()
    worker.join(10)
    assert done.is_set()
    assert not (tmp_path / "a.esw.lock").exists()
