"""Eventscope never touches the network at run time.

Ingestion, extraction and export of the seed corpus run with Python's socket
layer replaced by a guard that records and refuses every connection and name
lookup (``conftest_network``); the CLI runs in a child process with the same
guard and, where the OS allows, in a network namespace with no interfaces.
The GUI's offline test lives in ``test_offline_gui.py``.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from conftest_network import NetworkAttempt, blocked_network, guarded_python, offline_command

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"



def run_cli(args, cwd=ROOT, timeout=600):
    code = "import sys; from desktop_app.cli.main import main; sys.exit(main(sys.argv[1:]))"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    argv = offline_command(guarded_python(code) + list(args))
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


# -- the guard itself -----------------------------------------------------------

def test_guard_refuses_and_records_a_deliberate_connection():
    with blocked_network() as guard:
        with pytest.raises(NetworkAttempt):
            socket.create_connection(("example.org", 80), timeout=1)
        with pytest.raises(NetworkAttempt):
            socket.getaddrinfo("example.org", 443)
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            with pytest.raises(NetworkAttempt):
                s.connect(("127.0.0.1", 9))
            with pytest.raises(NetworkAttempt):
                s.connect_ex(("127.0.0.1", 9))
        finally:
            s.close()
    assert len(guard.attempts) == 4
    assert "example.org" in guard.attempts[0]


def test_guard_records_attempts_that_the_caller_swallows():
    # Library code that catches the error and falls back must still be caught.
    with blocked_network() as guard:
        try:
            urllib.request.urlopen("http://example.org/", timeout=1)
        except BaseException:
            pass
    assert guard.attempts, "a swallowed urlopen went unrecorded"


def test_guard_restores_the_socket_module():
    before = (socket.socket.connect, socket.create_connection, socket.getaddrinfo)
    with blocked_network():
        assert socket.getaddrinfo is not before[2]
    assert (socket.socket.connect, socket.create_connection, socket.getaddrinfo) == before


def test_guard_allows_local_unix_sockets():
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix-domain sockets on this OS")
    a, b = socket.socketpair()
    with blocked_network() as guard:
        a.sendall(b"x")
        assert b.recv(1) == b"x"
    a.close()
    b.close()
    assert guard.attempts == []


def test_child_guard_fails_the_process_even_if_the_attempt_is_swallowed():
    code = ("import socket\n"
            "try:\n socket.create_connection(('example.org', 80), timeout=1)\n"
            "except BaseException:\n pass\n")
    proc = subprocess.run(guarded_python(code), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 99
    assert "NETWORK ATTEMPTS" in proc.stderr and "example.org" in proc.stderr


# -- the application, offline -----------------------------------------------------

def test_ingestion_of_seeds_is_offline():
    from desktop_app.core.documents import load_paths
    with blocked_network() as guard:
        docs, errors = load_paths([SEEDS])
    assert guard.attempts == []
    assert docs and not errors
    assert all(d.text.strip() for d in docs)


def test_temporal_tagging_of_seeds_is_offline():
    from desktop_app.core.documents import load_paths
    from desktop_app.core.timex import tag
    docs, _ = load_paths([SEEDS])
    with blocked_network() as guard:
        found = [t for d in docs for t in tag(d.text, d.dct, d.id)]
    assert guard.attempts == []
    assert found, "no time expression found in the seed corpus"


def test_extraction_of_seeds_is_offline():
    from desktop_app.core.documents import load_paths
    from desktop_app.core.pipeline import extract_corpus
    docs, _ = load_paths([SEEDS])
    with blocked_network() as guard:
        corpus = extract_corpus(docs)
    assert guard.attempts == []
    assert corpus.timexes and corpus.events


def test_dateparser_needs_no_download():
    # A fresh interpreter so import-time behaviour is covered too; several
    # languages and search_dates exercise its language detection, which must
    # use the tables it ships and never a fetched model.
    code = ("import sys, dateparser\n"
            "from dateparser.search import search_dates\n"
            "assert dateparser.parse('3 mars 2007') is not None\n"
            "assert dateparser.parse('3. März 2007') is not None\n"
            "assert dateparser.parse('hace 2 días') is not None\n"
            "hits = search_dates('Talks resumed on 12 March 2007 and ended in April.')\n"
            "assert hits, hits\n"
            "bad = [m for m in ('fasttext', 'langdetect', 'requests', 'urllib3') if m in sys.modules]\n"
            "assert not bad, bad\n")
    proc = subprocess.run(offline_command(guarded_python(code)), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_cli_extract_runs_offline():
    proc = run_cli(["extract", str(SEEDS), "--json", "-"])
    assert proc.returncode == 0, proc.stderr[-2000:]
    payload = json.loads(proc.stdout)
    assert payload["documents"] and payload["timexes"]
    assert "NETWORK" not in proc.stderr


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_cli_export_runs_offline(tmp_path, suffix):
    out = tmp_path / f"figure{suffix}"
    proc = run_cli(["export", str(SEEDS), "--out", str(out)])
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = out.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    else:
        assert b"<svg" in data[:2000]


def test_block_network_option_fails_a_test_that_swallows_its_connection(tmp_path):
    (tmp_path / "test_probe.py").write_text(
        "import socket, pytest\n"
        "def test_quiet_fetch():\n"
        "    try:\n        socket.create_connection(('example.org', 80), timeout=1)\n"
        "    except BaseException:\n        pass\n"
        "@pytest.mark.allow_network\n"
        "def test_exempt():\n"
        "    with pytest.raises(OSError):\n        socket.getaddrinfo('', None, flags=-1)\n"
        "def test_offline_work():\n    assert sum(range(4)) == 6\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent))
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "conftest_network",
                           "--block-network", str(tmp_path / "test_probe.py")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert "1 failed, 2 passed" in proc.stdout, proc.stdout[-2000:]
    assert "test_quiet_fetch" in proc.stdout and "example.org" in proc.stdout
