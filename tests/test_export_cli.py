"""``eventscope export``: success, clear one-line errors with exit code 2, and atomic writes.

Most cases call ``run(args)`` with the extraction replaced by a hand-built
corpus, so they test the command and not the extractor; one runs the real
command on the seed article in a subprocess with no display.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop_app.cli import export_cmd
from export_fixtures import realistic_corpus

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_54cc48f895b22f49.txt"


def _parse(argv):
    parser = argparse.ArgumentParser(prog="eventscope")
    sub = parser.add_subparsers(dest="command")
    export_cmd.add_parser(sub)
    return parser.parse_args(["export", *argv])


@pytest.fixture
def fake_extract(monkeypatch):
    corpus = realistic_corpus()
    calls = []

    def load_and_extract(paths, dct, workers=1, scheduler=None):
        calls.append((list(paths), dct))
        return corpus
    monkeypatch.setattr(export_cmd, "load_and_extract", load_and_extract)
    return calls


def _run(argv, capsys):
    code = export_cmd.run(_parse(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_exports_png_and_svg(fake_extract, tmp_path, capsys):
    code, out, err = _run(["doc.txt", "--out", str(tmp_path / "f.svg"), "--view", "both",
                           "--title", "T", "--banner", "CAVEAT", "--size", "1200x700"], capsys)
    assert code == 0, err
    assert "wrote" in out and "events" in out
    root = ET.parse(tmp_path / "f.svg").getroot()
    assert root.get("viewBox") == "0 0 1200 700"
    code, _, err = _run(["doc.txt", "--out", str(tmp_path / "f.png"), "--preset", "a4"], capsys)
    assert code == 0, err
    from PySide6.QtGui import QImage
    img = QImage(str(tmp_path / "f.png"))
    assert (img.width(), img.height()) == (3508, 2480)


def test_a4_svg_declares_paper_size(fake_extract, tmp_path, capsys):
    code, _, _ = _run(["d", "--out", str(tmp_path / "a4.svg"), "--preset", "a4"], capsys)
    assert code == 0
    root = ET.parse(tmp_path / "a4.svg").getroot()
    assert (root.get("width"), root.get("height")) == ("297mm", "210mm")


def test_select_by_name_filters_and_unknown_name_lists_close_matches(fake_extract, tmp_path, capsys):
    code, out, _ = _run(["d", "--out", str(tmp_path / "s.svg"), "--select", "amara okonkwo"], capsys)
    assert code == 0
    texts = [el.text for el in ET.parse(tmp_path / "s.svg").getroot().iter("{http://www.w3.org/2000/svg}text")]
    assert any("Events involving: Amara Okonkwo" in (t or "") for t in texts)
    code, _, err = _run(["d", "--out", str(tmp_path / "s2.svg"), "--select", "Amara Okonkow"], capsys)
    assert code == 2
    assert "no actor named 'Amara Okonkow'" in err and "did you mean: Amara Okonkwo" in err
    assert "Traceback" not in err
    assert not (tmp_path / "s2.svg").exists()


@pytest.mark.parametrize("argv, needle", [
    (["--out", "{tmp}/f.jpg"], "name the file .png"),
    (["--out", "{tmp}/f"], "no extension"),
    (["--out", "{tmp}/missing/f.png"], "does not exist"),
    (["--out", "{tmp}/f.png", "--size", "big"], "bad size 'big'"),
    (["--out", "{tmp}/f.png", "--size", "10x10"], "must be 200..20000"),
    (["--out", "{tmp}/f.png", "--scale", "0"], "scale 0 is out of range"),
    (["--out", "{tmp}/f.png", "--from", "next tuesday"], "--from"),
    (["--out", "{tmp}/f.png", "--from", "2008-01", "--to", "2007-01"], "before --from"),
])
def test_bad_input_is_one_clear_line_and_exit_2(fake_extract, tmp_path, capsys, argv, needle):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, out, err = _run(["d", *argv], capsys)
    assert code == 2
    assert needle in err, err
    assert err.startswith("eventscope: ") and err.count("\n") == 1
    assert "Traceback" not in err
    # Options are checked before extraction so a typo does not cost a full run.
    assert fake_extract == [] or "--select" in argv


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions, so nothing to refuse")
def test_unwritable_folder_says_permission_denied(fake_extract, tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = _run(["d", "--out", str(locked / "f.png")], capsys)
    finally:
        locked.chmod(0o700)
    assert code == 2
    assert "permission denied — choose another folder" in err


def test_permission_message_without_relying_on_root(fake_extract, tmp_path, capsys, monkeypatch):
    # Running as root ignores folder modes, so make the access check itself say no.
    from desktop_app.figures import export as export_mod
    monkeypatch.setattr(export_mod.os, "access", lambda path, mode: False)
    code, _, err = _run(["d", "--out", str(tmp_path / "f.svg")], capsys)
    assert code == 2
    assert err.strip() == f"eventscope: cannot write {tmp_path / 'f.svg'}: permission denied — choose another folder"
    assert fake_extract == []


def test_a_folder_as_output_is_refused(fake_extract, tmp_path, capsys):
    (tmp_path / "dir.png").mkdir()
    code, _, err = _run(["d", "--out", str(tmp_path / "dir.png")], capsys)
    assert code == 2 and "it is a folder" in err


def test_failed_export_leaves_the_old_file_untouched(fake_extract, tmp_path, capsys, monkeypatch):
    target = tmp_path / "keep.svg"
    target.write_text("<svg>good</svg>", encoding="utf-8")
    from desktop_app.figures import export as export_mod

    def broken(*a, **k):
        raise export_mod.ExportError("simulated failure while rendering")
    monkeypatch.setattr(export_mod, "render_bytes", broken)
    code, _, err = _run(["d", "--out", str(target)], capsys)
    assert code == 2 and "simulated failure" in err
    assert target.read_text(encoding="utf-8") == "<svg>good</svg>"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.svg"]   # no stray temp file


def test_write_failure_midway_removes_the_temp_file(tmp_path, monkeypatch):
    from desktop_app.figures import export as export_mod
    target = tmp_path / "x.png"
    target.write_bytes(b"old")

    def failing_replace(src, dst):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(export_mod.os, "replace", failing_replace)
    with pytest.raises(export_mod.ExportError, match="permission denied — choose another folder"):
        export_mod.write_atomically(target, b"new data")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.png"]


def test_export_of_the_seed_article_headless(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "seed.svg"
    proc = subprocess.run([sys.executable, "-m", "desktop_app", "export", str(SEED), "--out", str(out),
                           "--view", "both", "--title", "Seed"], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    root = ET.parse(out).getroot()
    texts = [el.text for el in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Seed" in texts
    assert len(texts) > 10


def test_select_frames_the_selected_actors_lanes_and_only_active_lays_their_network_out_afresh(fake_extract, tmp_path,
                                                                                              capsys):
    svg = "{http://www.w3.org/2000/svg}"
    code, _, err = _run(["d", "--out", str(tmp_path / "t.svg"), "--select", "Amara Okonkwo"], capsys)
    assert code == 0, err
    root = ET.parse(tmp_path / "t.svg").getroot()
    lanes = [el.text for el in root.iter(f"{svg}text") if el.get("class") == "lane"]
    assert lanes == ["Amara Okonkwo"]            # the screen's lanes for a selection, not every co-actor
    assert [el for el in root.iter(f"{svg}text") if el.get("class") == "event"]
    shapes = {}
    for flag in ([], ["--only-active"]):
        out = tmp_path / f"n{len(flag)}.svg"
        code, _, err = _run(["d", "--out", str(out), "--view", "network", "--select", "Amara Okonkwo", *flag], capsys)
        assert code == 0, err
        shapes[len(flag)] = out.read_text()
    assert shapes[0] != shapes[1]
