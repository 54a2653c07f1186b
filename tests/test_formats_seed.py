"""The seed article as PDF, Word and e-mail gives what the .txt gives, through ``eventscope extract``."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from document_files import docx_bytes, email_message, layout_pages, pdf_bytes

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_54cc48f895b22f49.txt"


def _paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _extract(tmp_path: Path, path: Path, *extra: str) -> dict:
    out = tmp_path / f"{path.name}.json"
    assert main(["extract", str(path), "--json", str(out), *extra]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _summary(data: dict) -> dict:
    names = {a["id"]: a["name"] for a in data["actors"]}
    events = sorted(
        (e["label"], json.dumps(e["date"], sort_keys=True), tuple(sorted((names[p["actor"]], p["role"] or "")
                                                                         for p in e["actors"])),
         names.get((e["report"] or {}).get("source")), (e["report"] or {}).get("date"))
        for e in data["events"])
    return {"actors": sorted((a["name"], a["type"], tuple(a["aliases"])) for a in data["actors"]),
            "events": events,
            "timexes": sorted((t["text"], t["value"]) for t in data["timexes"]),
            "ties": sorted((names[t["source"]], names[t["target"]], t["weight"]) for t in data["ties"])}


@pytest.fixture(scope="module")
def txt_month(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("txt")
    return _summary(_extract(tmp, SEED))


def test_seed_as_pdf_with_a_sidecar_gives_the_same_events_with_pages(tmp_path, txt_month):
    pages = layout_pages(_paragraphs(), header="Eurasia Daily Monitor", lines_per_page=22,
                         hyphenate=True)
    assert len(pages) >= 3
    assert any(line[3].endswith("-") and line[3][-2].isalpha() for page in pages for line in page)   # really hyphenated
    pdf = tmp_path / "seed.pdf"
    pdf.write_bytes(pdf_bytes(pages))
    shutil.copy(SEED.with_name(SEED.name + ".meta.json"), tmp_path / "seed.pdf.meta.json")
    data = _extract(tmp_path, pdf)
    assert (data["documents"][0]["dct"], data["documents"][0]["kind"]) == ("2007-11", "pdf")
    assert _summary(data) == txt_month
    starts = data["documents"][0]["pages"]
    assert {e["page"] for e in data["events"]} == set(range(1, len(starts) + 1))
    for e in data["events"]:
        assert starts[e["page"] - 1] <= e["start"] and (e["page"] == len(starts) or e["start"] < starts[e["page"]])


def test_seed_as_docx_with_its_creation_time_gives_the_same_events(tmp_path, txt_month):
    p = tmp_path / "seed.docx"
    p.write_bytes(docx_bytes(_paragraphs(), created="2007-11", header="Jamestown Foundation"))
    data = _extract(tmp_path, p)
    assert (data["documents"][0]["dct"], data["documents"][0]["dct_precision"]) == ("2007-11", "month")
    assert _summary(data) == txt_month


def test_seed_as_email_gives_the_same_events_as_the_txt_on_its_date(tmp_path):
    msg = email_message("Kazakhstan: organized crime", "Eurasia Daily Monitor <edm@example.org>",
                        "Fri, 09 Nov 2007 14:30:00 +0600", SEED.read_text(encoding="utf-8"))
    p = tmp_path / "seed.eml"
    p.write_bytes(bytes(msg))
    data = _extract(tmp_path, p)
    doc = data["documents"][0]
    assert (doc["dct"], doc["title"], doc["publication"]) == ("2007-11-09T14:30", "Kazakhstan: organized crime",
                                                              "Eurasia Daily Monitor")
    txt = tmp_path / "plain"
    txt.mkdir()
    shutil.copy(SEED, txt / SEED.name)      # no sidecar: the --dct below is its only creation time
    assert _summary(data) == _summary(_extract(tmp_path, txt / SEED.name, "--dct", "2007-11-09T14:30"))


def test_pages_mail_headers_tables_and_networks_survive_a_workspace_and_its_json(tmp_path):
    import csv

    from desktop_app.core.documents import load_paths
    from desktop_app.core.interchange import workspace_from_json, workspace_to_json
    from desktop_app.core.pipeline import extract_corpus
    from desktop_app.core.workspace import read_workspace, write_workspace
    from desktop_app.core.workspace.store import WorkspaceData
    from document_files import ACLED_HEADER, gexf_text
    pdf = tmp_path / "seed.pdf"
    pdf.write_bytes(pdf_bytes(layout_pages(_paragraphs(), lines_per_page=22)))
    (tmp_path / "m.eml").write_bytes(bytes(email_message("Subj", "A <a@b.org>", "Thu, 08 Nov 2007 10:00:00 +0000",
                                                         "The KNB met in Almaty on 7 November 2007.")))
    with open(tmp_path / "acled.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(ACLED_HEADER)
        w.writerow(["K", "2007-11-02", "2007", "Arrests", "KNB", "Krykbayev Group", "KZ", "Almaty", "", "", "Karavan", ""])
    (tmp_path / "n.gexf").write_text(gexf_text([("1", "KNB", "agency"), ("2", "Karavan", "media")], [("1", "2", 2)]))
    corpus = extract_corpus(load_paths([tmp_path])[0])
    write_workspace(tmp_path / "w.esw", WorkspaceData(corpus))
    assert {d.kind for d in corpus.documents} == {"pdf", "email", "table", "network"}
    from_file = read_workspace(tmp_path / "w.esw").corpus
    from_json = workspace_from_json(json.loads(json.dumps(workspace_to_json(corpus, corpus, [])))).corpus
    for back in (from_file, from_json):
        by_id = {d.id: d for d in back.documents}
        for d in corpus.documents:
            b = by_id[d.id]
            assert (b.kind, b.pages, b.parent, b.layout) == (d.kind, d.pages, d.parent, d.layout)
        assert _key(extract_corpus(list(back.documents))) == _key(corpus)


def _key(corpus):
    names = {a.id: a.name for a in corpus.actors}
    return (sorted((a.name, a.type) for a in corpus.actors),
            sorted((e.doc, e.label, e.date.value if e.date else None) for e in corpus.events),
            sorted((names[t.source], names[t.target], t.weight) for t in corpus.ties))
