"""``eventscope extract``: the JSON contract, selection through the core filter, user errors."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = str(ROOT / "seeds")


def _extract(capsys, *args):
    rc = main(["extract", *args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_extract_writes_the_documented_schema(capsys):
    rc, out, _ = _extract(capsys, SEEDS)
    assert rc == 0
    data = json.loads(out)
    assert set(data) >= {"documents", "timexes", "actors", "mentions", "events", "ties", "errors"}
    doc = data["documents"][0]
    assert (doc["id"], doc["dct"], doc["dct_precision"]) == ("000_54cc48f895b22f49", "2007-11", "month")
    text = (ROOT / "seeds" / "000_54cc48f895b22f49.txt").read_text(encoding="utf-8")
    for t in data["timexes"]:
        assert text[t["start"]:t["end"]] == t["text"]
        assert set(t) >= {"doc", "start", "end", "text", "type", "value", "interval", "precision"}
    for m in data["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]
    for e in data["events"]:
        assert text[e["start"]:e["end"]] == e["text"]
    actor_ids = {a["id"] for a in data["actors"]}
    for t in data["ties"]:
        assert t["source"] in actor_ids and t["target"] in actor_ids and t["weight"] > 0 and t["events"]


def test_select_returns_only_that_actors_events(capsys):
    rc, out, _ = _extract(capsys, SEEDS, "--select", "Krykbayev")
    data = json.loads(out)
    assert rc == 0 and len(data["events"]) == 2
    ids = data["selection"]["actors"]
    assert all(any(p["actor"] in ids for p in e["actors"]) for e in data["events"])
    event_ids = {e["id"] for e in data["events"]}
    assert all(set(t["events"]) <= event_ids for t in data["ties"])


def test_dct_override_reanchors_yearless_dates(capsys, tmp_path):
    f = tmp_path / "n.txt"
    f.write_text("The minister resigned on March 3 after a week of protests.", encoding="utf-8")
    _, out, _ = _extract(capsys, str(f), "--dct", "1999-03-10")
    values = [t["value"] for t in json.loads(out)["timexes"]]
    assert "1999-03-03" in values
    _, out, _ = _extract(capsys, str(f))
    undated = json.loads(out)["timexes"]
    assert any(t["value"] == "XXXX-03-03" and t.get("year_unknown") for t in undated)


def test_window_keeps_overlapping_events(capsys):
    _, out, _ = _extract(capsys, SEEDS, "--from", "2007-11-07", "--to", "2007-11-07")
    for e in json.loads(out)["events"]:
        assert e["date"]["start"] <= "2007-11-07" <= e["date"]["end"]


@pytest.mark.parametrize("args,needle", [
    (["--select", "Krykbayv"], "did you mean"),
    (["--from", "yesterday"], "--from: cannot read the date 'yesterday'; use YYYY"),
    (["--dct", "next Tuesday"], "--dct:"),
    (["--json", "/proc/nope/out.json"], "cannot write /proc/nope/out.json"),
])
def test_user_errors_exit_2_with_one_clear_line(capsys, args, needle):
    rc, _, err = _extract(capsys, SEEDS, *args)
    assert rc == 2 and needle in err and "Traceback" not in err


def test_bad_files_are_skipped_with_a_warning(capsys, tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "ok.txt").write_text("Rebels seized the town on 4 May 2001.", encoding="utf-8")
    rc, out, err = _extract(capsys, str(tmp_path))
    data = json.loads(out)
    assert rc == 0 and [d["id"] for d in data["documents"]] == ["ok"]
    assert "bin.txt: looks like a binary file" in err
    assert data["errors"][0]["path"].endswith("bin.txt")


def test_only_bad_files_is_an_error(capsys, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    rc, _, err = _extract(capsys, str(tmp_path))
    assert rc == 2 and "no readable documents" in err


def test_module_entry_point_runs_headless(tmp_path):
    out = tmp_path / "o.json"
    r = subprocess.run([sys.executable, "-m", "desktop_app", "extract", SEEDS, "--json", str(out)],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["id"] == "000_54cc48f895b22f49"


def test_cli_main_module_runs_when_executed_directly(tmp_path):
    # `python -m desktop_app.cli.main` used to import the module and exit 0 without doing anything.
    out = tmp_path / "o.json"
    r = subprocess.run([sys.executable, "-m", "desktop_app.cli.main", "extract", SEEDS, "--json", str(out)],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["id"] == "000_54cc48f895b22f49"


def test_cli_main_module_reports_bad_input_with_exit_code(tmp_path):
    r = subprocess.run([sys.executable, "-m", "desktop_app.cli.main", "extract", str(tmp_path / "missing")],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode != 0 and "Traceback" not in r.stderr and r.stderr.strip()
