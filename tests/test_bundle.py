"""The frozen one-folder build (``make bundle``) works on its own, offline.

Building takes about half a minute here but needs PyInstaller, so these tests
run only when ``EVENTSCOPE_TEST_BUNDLE=1`` (which builds it if missing) or when
``dist/eventscope/eventscope`` already exists. The bundle runs from a scratch
working directory, on the seed copy it carries inside, in a network namespace
without interfaces where the OS allows it: it must need neither the source
tree nor the network.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from conftest_network import offline_command

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "eventscope"
EXE = BUNDLE / ("eventscope.exe" if os.name == "nt" else "eventscope")
INTERNAL = BUNDLE / "_internal"
WANTED = os.environ.get("EVENTSCOPE_TEST_BUNDLE") == "1"



def stale() -> bool:
    """Whether any source or shipped file changed after the bundle was built."""
    if not EXE.exists():
        return True
    built = EXE.stat().st_mtime
    sources = [*(ROOT / "desktop_app").rglob("*.py"), *(ROOT / "resources").rglob("*"),
               ROOT / "packaging" / "eventscope.spec", ROOT / "packaging" / "launcher.py"]
    return any(p.is_file() and p.stat().st_mtime > built for p in sources)


pytestmark = [
    pytest.mark.skipif(not (WANTED or EXE.exists()),
                       reason="no bundle: run `make bundle` or set EVENTSCOPE_TEST_BUNDLE=1"),
    pytest.mark.skipif(not WANTED and EXE.exists() and stale(),
                       reason="dist/eventscope is older than the sources: run `make bundle` to test it"),
]


@pytest.fixture(scope="module")
def bundle() -> Path:
    if stale():
        subprocess.run(["make", "bundle"], cwd=ROOT, check=True, timeout=1800)
    return EXE


def frozen_env() -> dict:
    # Nothing from the development environment may leak into the frozen app.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "QT_PLUGIN", "QT_QPA_PLATFORM_PLUGIN"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["HOME"] = env.get("HOME", "/tmp")
    return env


def run_bundle(exe: Path, args, cwd: Path, timeout=300, env=None):
    return subprocess.run(offline_command([str(exe), *args]), cwd=cwd, env=env or frozen_env(),
                          capture_output=True, text=True, timeout=timeout)


def test_bundle_carries_its_data(bundle):
    for rel in ("resources/fonts/DejaVuSans.ttf", "seeds"):
        assert (INTERNAL / rel).exists(), rel
    gazetteer = ROOT / "resources" / "gazetteer"
    for f in gazetteer.glob("*") if gazetteer.is_dir() else []:
        assert (INTERNAL / "resources" / "gazetteer" / f.name).is_file(), f.name
    platforms = {p.name for p in (INTERNAL / "PySide6" / "Qt" / "plugins" / "platforms").iterdir()}
    assert {"libqoffscreen.so", "libqxcb.so"} <= platforms or os.name != "posix"


def test_bundle_reports_its_version(bundle, tmp_path):
    proc = run_bundle(bundle, ["--version"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"eventscope \d+\.\d+\.\d+\S*\s*", proc.stdout)


def test_bundle_extracts_seeds_offline(bundle, tmp_path):
    proc = run_bundle(bundle, ["extract", str(INTERNAL / "seeds"), "--json", "-"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    payload = json.loads(proc.stdout)
    assert payload["documents"]
    assert payload["timexes"], "the frozen build found no time expression in the seeds"
    for t in payload["timexes"]:
        assert t["value"]
    # The frozen build must find what the source finds: same data, same rules.
    from desktop_app.core.documents import load_paths
    from desktop_app.core.pipeline import extract_corpus
    docs, _ = load_paths([INTERNAL / "seeds"])
    expected = extract_corpus(docs).to_json()
    for key in ("timexes", "actors", "mentions", "events", "ties"):
        assert payload[key] == expected[key], f"the bundle's {key} differ from the source's"


def test_bundle_reads_pdf_word_mail_tables_and_networks_offline(bundle, tmp_path):
    from document_files import (ACLED_HEADER, docx_bytes, email_message, encrypt_pdf, gexf_text, layout_pages,
                                pdf_bytes, write_xlsx)
    paras = ["The KNB arrested Zhaksylyk Umirzak in Almaty on 7 November 2007 after a long inquiry into "
             "the finances of the Zhambyl electric power station."] * 4
    (tmp_path / "r.pdf").write_bytes(encrypt_pdf(pdf_bytes(layout_pages(paras)), password="", algorithm="AES-256"))
    (tmp_path / "m.docx").write_bytes(docx_bytes(paras[:1], created="2007-11-08"))
    (tmp_path / "e.eml").write_bytes(bytes(email_message("s", "a@b.org", "Thu, 08 Nov 2007 10:00:00 +0000", paras[0])))
    write_xlsx(tmp_path / "t.xlsx", [ACLED_HEADER, ["K", "2007-11-07", "2007", "Arrests", "KNB", "Umirzak", "KZ",
                                                    "Almaty", "", "", "Karavan", "n"]])
    (tmp_path / "n.gexf").write_text(gexf_text([("1", "KNB", "agency"), ("2", "Karavan", "media")], [("1", "2", 2)]))
    proc = run_bundle(bundle, ["extract", str(tmp_path), "--json", "-"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    payload = json.loads(proc.stdout)
    assert sorted(d["kind"] for d in payload["documents"]) == ["docx", "email", "network", "pdf", "table"]
    assert payload["errors"] == []


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_bundle_exports_offline(bundle, tmp_path, suffix):
    out = tmp_path / f"figure{suffix}"
    proc = run_bundle(bundle, ["export", str(INTERNAL / "seeds"), "--out", str(out)], tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = out.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 2000
    else:
        assert b"<svg" in data[:2000] and b"</svg>" in data[-200:]


def _gui_quits_on_timer() -> bool:
    app = ROOT / "desktop_app" / "gui" / "app.py"
    return app.exists() and "EVENTSCOPE_QUIT_AFTER_MS" in app.read_text(encoding="utf-8")


@pytest.mark.skipif(not _gui_quits_on_timer(),
                    reason="desktop_app/gui/app.py does not honour EVENTSCOPE_QUIT_AFTER_MS yet")
def test_bundle_opens_the_window_offline(bundle, tmp_path):
    env = frozen_env()
    env["EVENTSCOPE_QUIT_AFTER_MS"] = "3000"
    started = time.monotonic()
    proc = run_bundle(bundle, [str(INTERNAL / "seeds")], tmp_path, timeout=120, env=env)
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    # Not a speed check: a window that quit at once never started its event loop.
    assert elapsed >= 2.5
