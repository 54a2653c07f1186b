"""A user's mistake on the command line gets exit status 2 and a line that says what to do.

Each command runs as a real subprocess (the way a user or a script calls
it), offline. Stderr must hold no traceback, every line must be an
``eventscope:`` message, and the last one must name the offending input and
point at the fix.
"""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest_network import offline_command

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOOD = "Officials met in Geneva on 12 March 2007 to resume the talks.\n"


def has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False




def eventscope(*args, cwd=ROOT, timeout=300, offline=True):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    argv = [sys.executable, "-m", "desktop_app", *map(str, args)]
    return subprocess.run(offline_command(argv) if offline else argv, cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def assert_user_error(proc, *hints: str) -> str:
    """Exit 2, only ``eventscope:`` lines, and the last one carries every hint (case-insensitive)."""
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert lines, "no message at all"
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert all(ln.startswith("eventscope:") for ln in lines), lines
    last = lines[-1].lower()
    for h in hints:
        assert h.lower() in last, (h, lines[-1])
    return lines[-1]


# -- inputs --------------------------------------------------------------------------

@pytest.mark.parametrize("name, data", [("photo.jpg", b"\xff\xd8\xff\xe0"), ("README", b"text")])
def test_unknown_file_type(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    proc = eventscope("extract", tmp_path / name)
    assert_user_error(proc, "no readable documents")
    assert ".txt" in proc.stderr and name in proc.stderr


@pytest.mark.parametrize("name, data, why", [("report.pdf", b"%PDF-1.4", "not a readable pdf"),
                                             ("sheet.xlsx", b"PK\x03\x04", "not a readable excel workbook"),
                                             ("memo.docx", b"PK\x03\x04", "not a readable word document")])
def test_damaged_file_of_a_known_kind(tmp_path, name, data, why):
    (tmp_path / name).write_bytes(data)
    proc = eventscope("extract", tmp_path / name)
    assert_user_error(proc, "no readable documents")
    skipped = [ln for ln in proc.stderr.splitlines() if "skipped" in ln]
    assert len(skipped) == 1 and name in skipped[0] and why in skipped[0].lower()
    assert "Traceback" not in proc.stderr


def test_missing_input(tmp_path):
    assert_user_error(eventscope("extract", tmp_path / "nowhere.txt"), "nowhere.txt", "no such file")


def test_folder_with_nothing_readable(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02" * 1000)
    (tmp_path / "b.txt").write_bytes(b"")
    proc = eventscope("extract", tmp_path)
    assert_user_error(proc, "no readable documents")
    assert "a.txt" in proc.stderr and "b.txt" in proc.stderr


def test_bad_files_are_reported_and_the_good_ones_extracted(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks on 3 April 2008.".encode("latin-1"))
    (tmp_path / "evil.html").write_text(
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">]><html><body><script>alert(1)</script>'
        '<p>&b; &xxe; Talks on 5 May 2009.<p>unclosed <b>bold</body>', encoding="utf-8")
    (tmp_path / "nested.txt").write_text("Talks on 6 June 2010.", encoding="utf-8")
    (tmp_path / "nested.txt.meta.json").write_text('{"dct": "not a date at all"}', encoding="utf-8")
    proc = eventscope("extract", tmp_path, "--json", "-")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert all(ln.startswith("eventscope: warning:") for ln in proc.stderr.splitlines() if ln.strip())
    payload = json.loads(proc.stdout)
    assert {d["id"] for d in payload["documents"]} == {"good", "latin1", "evil"}
    assert {Path(e["path"]).name for e in payload["errors"]} == {"binary.txt", "empty.md", "nested.txt"}
    assert {t["value"] for t in payload["timexes"]} >= {"2007-03-12", "2008-04-03", "2009-05-05"}
    assert "root:" not in proc.stdout and "alert(1)" not in proc.stdout


# -- dates --------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["2007-13-45", "yesterday", "2007-02-30", "99999", "12/03/2007x", "", "2007-11-09T25:00"])
def test_bad_dct(value):
    line = assert_user_error(eventscope("extract", SEEDS, "--dct", value), "--dct")
    assert "2007" in line or "yyyy" in line.lower() or repr(value) in line or "range" in line


@pytest.mark.parametrize("option", ["--from", "--to"])
@pytest.mark.parametrize("value", ["soon", "2007-02-30", "13/13/2013"])
def test_bad_window_bound(option, value):
    assert_user_error(eventscope("extract", SEEDS, option, value), option, "yyyy")


def test_window_backwards(tmp_path):
    assert_user_error(eventscope("export", SEEDS, "--out", tmp_path / "x.svg", "--from", "2009", "--to", "2001"),
                      "before", "swap")


def test_bad_dct_when_opening_the_app():
    assert_user_error(eventscope("open", SEEDS, "--dct", "nonsense"), "dct", "yyyy")


# -- outputs -------------------------------------------------------------------------------

@pytest.mark.parametrize("target, hint", [
    ("missing/dir/out.png", "choose another"),
    ("out.pdf", ".png"),
    ("out", ".svg"),
    (".", ".png"),
])
def test_export_path_that_cannot_be_written(tmp_path, target, hint):
    out = tmp_path / target
    assert_user_error(eventscope("export", SEEDS, "--out", out), hint)
    assert not any(p.suffix in (".png", ".svg") for p in tmp_path.rglob("*"))


def test_export_over_a_folder(tmp_path):
    (tmp_path / "fig.png").mkdir()
    assert_user_error(eventscope("export", SEEDS, "--out", tmp_path / "fig.png"), "fig.png")


def test_export_into_a_file_used_as_folder(tmp_path):
    (tmp_path / "file").write_text("x")
    assert_user_error(eventscope("export", SEEDS, "--out", tmp_path / "file" / "fig.svg"), "fig.svg")
    assert (tmp_path / "file").read_text() == "x"


def test_json_output_that_cannot_be_written(tmp_path):
    assert_user_error(eventscope("extract", SEEDS, "--json", tmp_path / "no" / "such" / "out.json"), "choose another")


def test_failed_json_write_keeps_the_previous_file(tmp_path):
    out = tmp_path / "out.json"
    out.write_text('{"previous": true}')
    os.chmod(tmp_path, 0o500)
    try:
        proc = eventscope("extract", SEEDS, "--json", out)
    finally:
        os.chmod(tmp_path, 0o700)
    if proc.returncode == 0:
        pytest.skip("running as root: a read-only folder is still writable")
    assert_user_error(proc, "out.json")
    assert out.read_text() == '{"previous": true}'


@pytest.mark.skipif(not has("distributed"), reason="Dask distributed not installed")
def test_unreachable_scheduler_is_a_user_error():
    proc = eventscope("extract", SEEDS, "--scheduler", "tcp://256.1.1.1:1", offline=False)
    assert_user_error(proc, "scheduler")


# -- workspaces ------------------------------------------------------------------------------



@pytest.fixture(scope="module")
def good_workspace(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ws") / "good.esw"
    proc = eventscope("workspace", "create", path, SEEDS)
    assert proc.returncode == 0, proc.stderr
    return path


@pytest.mark.parametrize("damage", ["random", "empty", "truncated", "json"])
@pytest.mark.parametrize("operation", [["info"], ["add", "SEEDS"], ["reextract"],
                                       ["export", "--format", "json", "--out", "OUT"]])
def test_damaged_workspace_is_a_user_error_and_stays_untouched(tmp_path, good_workspace, damage, operation):
    good = good_workspace.read_bytes()
    data = {"random": bytes(random_bytes(5000)), "empty": b"", "truncated": good[:3000],
            "json": b'{"format": "eventscope-workspace"}'}[damage]
    bad = tmp_path / "bad.esw"
    bad.write_bytes(data)
    args = [str(SEEDS) if a == "SEEDS" else str(tmp_path / "out.json") if a == "OUT" else a for a in operation]
    proc = eventscope("workspace", args[0], bad, *args[1:])
    assert_user_error(proc, "bad.esw")
    assert bad.read_bytes() == data
    assert not (tmp_path / "out.json").exists()


def random_bytes(n: int) -> bytes:
    import random
    rnd = random.Random(n)
    return bytes(rnd.randrange(256) for _ in range(n))


@pytest.mark.parametrize("raw, hint", [
    (b"[[[[", "not valid json"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"format": "eventscope-workspace", "format_version": 99}', "newer"),
    (b"\xff\xfe\x00\x01", "utf-8"),
    (b'{"documents": [{"id": "d", "path": "p", "text": "abc"}], "timexes": [], "actors": [], "events": [],'
     b' "ties": [], "mentions": [{"doc": "d", "start": 0, "end": 1, "text": "a", "actor": "ghost"}]}', "ghost"),
    (b'{"documents": [{"id": "d", "path": "p", "text": "abc"}]}', "missing field"),
])
def test_malformed_workspace_json_import_is_a_user_error(tmp_path, raw, hint):
    src = tmp_path / "in.json"
    src.write_bytes(raw)
    assert_user_error(eventscope("workspace", "import", src, "--out", tmp_path / "out.esw"), hint)
    assert not (tmp_path / "out.esw").exists()


def test_workspace_export_into_a_folder_is_a_user_error(tmp_path, good_workspace):
    assert_user_error(eventscope("workspace", "export", good_workspace, "--format", "gexf", "--out", tmp_path),
                      "cannot write")


def test_workspace_export_to_a_missing_folder_says_what_to_do(tmp_path, good_workspace):
    out = tmp_path / "missing" / "x.graphml"
    assert_user_error(eventscope("workspace", "export", good_workspace, "--format", "graphml", "--out", out),
                      "choose another")
