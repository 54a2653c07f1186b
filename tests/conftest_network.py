"""A guard that makes any network use by the code under test fail loudly.

Eventscope must work on air-gapped machines, so a test that runs ingestion,
extraction, the GUI or export inside ``blocked_network()`` proves that none of
them tries to reach the network: every attempt is recorded and raises
``NetworkAttempt``. Recording matters as much as raising, because library code
often swallows the exception and carries on (a silent fallback would hide the
attempt); tests assert that the record is empty.

Only the Python socket layer is covered. For subprocesses (the CLI and the
frozen bundle) ``offline_command()`` additionally wraps the command in a
network namespace with no interfaces when the machine allows it, which also
catches C-level connections (Qt's own networking, for instance).

Local Unix-domain sockets are not network; they are recorded for information
but allowed, because Qt and D-Bus may use them on a desktop.
"""
from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, List

__all__ = ["NetworkAttempt", "NetworkGuard", "blocked_network", "guarded_python", "offline_command"]


class NetworkAttempt(AssertionError):
    """Raised in place of a network call while the guard is active."""


@dataclass
class NetworkGuard:
    attempts: List[str] = field(default_factory=list)
    local: List[str] = field(default_factory=list)
    _saved: dict = field(default_factory=dict)

    def _deny(self, what: str):
        self.attempts.append(what)
        raise NetworkAttempt(f"network access attempted while offline: {what}")

    def install(self) -> None:
        guard = self
        real_connect = socket.socket.connect
        real_connect_ex = socket.socket.connect_ex
        self._saved = {
            (socket.socket, "connect"): real_connect,
            (socket.socket, "connect_ex"): real_connect_ex,
            (socket.socket, "sendto"): socket.socket.sendto,
            (socket, "create_connection"): socket.create_connection,
            (socket, "getaddrinfo"): socket.getaddrinfo,
            (socket, "gethostbyname"): socket.gethostbyname,
            (socket, "gethostbyname_ex"): socket.gethostbyname_ex,
        }

        def is_local(sock) -> bool:
            return getattr(socket, "AF_UNIX", None) is not None and sock.family == socket.AF_UNIX

        def connect(sock, address):
            if is_local(sock):
                guard.local.append(f"connect {address!r}")
                return real_connect(sock, address)
            guard._deny(f"socket.connect({address!r})")

        def connect_ex(sock, address):
            if is_local(sock):
                guard.local.append(f"connect_ex {address!r}")
                return real_connect_ex(sock, address)
            guard._deny(f"socket.connect_ex({address!r})")

        real_sendto = socket.socket.sendto

        def sendto(sock, *args):
            if is_local(sock):
                guard.local.append(f"sendto {args[-1]!r}")
                return real_sendto(sock, *args)
            guard._deny(f"socket.sendto(..., {args[-1]!r})")

        socket.socket.connect = connect
        socket.socket.connect_ex = connect_ex
        socket.socket.sendto = sendto
        socket.create_connection = lambda address, *a, **k: guard._deny(f"socket.create_connection({address!r})")
        socket.getaddrinfo = lambda host, *a, **k: guard._deny(f"socket.getaddrinfo({host!r})")
        socket.gethostbyname = lambda host: guard._deny(f"socket.gethostbyname({host!r})")
        socket.gethostbyname_ex = lambda host: guard._deny(f"socket.gethostbyname_ex({host!r})")

    def uninstall(self) -> None:
        for (owner, name), value in self._saved.items():
            setattr(owner, name, value)
        self._saved = {}


@contextlib.contextmanager
def blocked_network() -> Iterator[NetworkGuard]:
    """Run the block with the network forbidden; yields the guard and its record."""
    guard = NetworkGuard()
    guard.install()
    try:
        yield guard
    finally:
        guard.uninstall()


# Prepended to ``python -c`` so the CLI runs in a child process with the guard
# installed; any attempt is printed and turns the exit status into 99 even if
# the code under test caught the exception.
_CHILD_PRELUDE = """
import atexit, os, sys
sys.path.insert(0, {tests!r})
from conftest_network import NetworkGuard
_guard = NetworkGuard(); _guard.install()
def _report():
    if _guard.attempts:
        sys.stderr.write("NETWORK ATTEMPTS: " + "; ".join(_guard.attempts) + "\\n")
        sys.stderr.flush()
        os._exit(99)
atexit.register(_report)
"""


def guarded_python(code: str) -> List[str]:
    """argv for a Python child that runs ``code`` with the guard installed."""
    prelude = _CHILD_PRELUDE.format(tests=str(Path(__file__).resolve().parent))
    return [sys.executable, "-c", prelude + code]


def _netns_available() -> bool:
    if not shutil.which("unshare"):
        return False
    try:
        return subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


_NETNS = None


def offline_command(argv: List[str]) -> List[str]:
    """``argv`` run in a network namespace with no interfaces, where the OS allows it."""
    global _NETNS
    if _NETNS is None:
        _NETNS = _netns_available()
    return ["unshare", "-rn", *argv] if _NETNS else list(argv)


# -- as a pytest plugin ----------------------------------------------------------------
# `pytest -p conftest_network --block-network` (with tests/ on the Python path,
# e.g. PYTHONPATH=tests) runs every test with the guard installed and fails any
# test that attempts a connection; `@pytest.mark.allow_network` exempts one.

def pytest_addoption(parser):
    parser.addoption("--block-network", action="store_true", default=False,
                     help="fail any test that tries to use the network (see tests/conftest_network.py)")


def pytest_configure(config):
    config.addinivalue_line("markers", "allow_network: this test may open network connections "
                                       "(a local Dask cluster, for instance); exempt from --block-network")


def _pytest_hooks():
    import pytest

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(item):
        if not item.config.getoption("--block-network") or item.get_closest_marker("allow_network"):
            return (yield)
        with blocked_network() as guard:
            result = yield
        if guard.attempts:
            raise NetworkAttempt("test used the network: " + "; ".join(guard.attempts))
        return result

    @pytest.fixture
    def no_network():
        """The guard for one test: its record must be empty when the test ends."""
        with blocked_network() as guard:
            yield guard
        assert guard.attempts == [], guard.attempts

    return pytest_runtest_call, no_network


try:
    pytest_runtest_call, no_network = _pytest_hooks()
except ImportError:      # imported by a child process that has no pytest
    pass
