"""Event tables (.csv, .xlsx) through a column mapping, and actor networks (GraphML, GEXF), into the corpus."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core.documents import load_paths
from desktop_app.core.documents.event_tables import read_table
from desktop_app.core.documents.table_mapping import TableMap, guess_mapping, preset_for
from desktop_app.core.documents.found import FormatError
from desktop_app.core.pipeline import extract_corpus
from document_files import ACLED_HEADER, gexf_text, graphml_text, write_xlsx

ROWS = [
    ["KAZ1", "02 November 2007", "2007", "Strategic developments", "Krykbayev Group", "National Security Committee",
     "Kazakhstan", "Almaty", "43.2", "76.9", "Karavan", "The KNB found forged candidacy papers."],
    ["KAZ2", "07 November 2007", "2007", "Arrests", "Financial Police of Zhambyl Region", "Zhaksylyk Umirzak",
     "Kazakhstan", "Taraz", "42.9", "71.4", "Interfax-Kazakhstan", "Arrested on suspicion of extortion."],
    ["KAZ3", "not a date", "2007", "Protests", "Protesters (Kazakhstan)", "", "Kazakhstan", "Astana", "", "",
     "Karavan", "A rally outside the akimat."],
]


def _acled_csv(path: Path, rows=ROWS) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(ACLED_HEADER)
        w.writerows(rows)
    return path


def test_acled_header_is_recognised_with_no_options():
    name, m = preset_for(ACLED_HEADER)
    assert name == "ACLED"
    assert (m.date, m.actors, m.place, m.source, m.notes) == ("event_date", ["actor1", "actor2"], "location",
                                                              "source", "notes")
    assert m.label == "event_type"


def test_table_rows_become_events_with_row_provenance(tmp_path):
    docs, errors = load_paths([_acled_csv(tmp_path / "acled.csv")])
    (doc,) = docs
    assert doc.kind == "table"
    corpus = extract_corpus(docs)
    events = list(corpus.events)
    assert len(events) == 3
    first = events[0]
    assert first.text.startswith("Row 2 of acled.csv: 02 November 2007")
    assert (first.date.value, first.date.interval.precision, first.date.text) == ("2007-11-02", "day", "02 November 2007")
    names = {a.id: a.name for a in corpus.actors}
    roles = {names[p.actor]: p.role for p in first.actors}
    assert roles == {"Krykbayev Group": "agent", "National Security Committee": "target", "Almaty": None}
    assert names[first.report.source] == "Karavan"
    assert first.label == "Strategic developments"
    assert events[2].date is None                     # an unreadable date is an undated fact, and said so
    assert any("1 of 3 rows have no readable date" in e["message"] for e in errors)
    types = {a.name: a.type for a in corpus.actors}
    assert types["Almaty"] == "location" and types["Karavan"] == "media"


def test_table_events_share_actors_with_text_events(tmp_path):
    (tmp_path / "story.txt").write_text("The National Security Committee (KNB) questioned members of the "
                                        "Krykbayev Group in Almaty on 3 November 2007.", encoding="utf-8")
    corpus = extract_corpus(load_paths([_acled_csv(tmp_path / "acled.csv"), tmp_path / "story.txt"])[0])
    groups = [a for a in corpus.actors if a.name == "Krykbayev Group"]
    assert len(groups) == 1
    docs_of_group = {e.doc for e in corpus.events if groups[0].id in e.actor_ids()}
    assert docs_of_group == {"acled", "story"}


def test_xlsx_reads_like_csv(tmp_path):
    p = write_xlsx(tmp_path / "events.xlsx", [ACLED_HEADER, *ROWS[:2]])
    corpus = extract_corpus(load_paths([p])[0])
    assert [e.date.value for e in corpus.events] == ["2007-11-02", "2007-11-07"]
    assert list(corpus.events)[1].text.startswith("Row 3 of events.xlsx")


def test_unknown_layout_asks_for_a_mapping_and_a_mapping_reads_it(tmp_path):
    p = tmp_path / "mine.csv"
    p.write_text("When,Who,Against,Where,What\n2021-03-01,Blue Party,Red Party,Springfield,Rally\n"
                 "2021-03-05,Red Party,,Shelbyville,Statement\n", encoding="utf-8")
    docs, errors = load_paths([p])
    assert docs == [] and "unknown table layout (columns: When, Who, Against, Where, What)" in errors[0]["message"]
    guess = guess_mapping(["When", "Who", "Against", "Where", "What"])
    assert guess.date == "When" and "Who" in guess.actors and guess.place == "Where" and guess.label == "What"
    m = TableMap(date="When", actors=["Who", "Against"], place="Where", label="What")
    corpus = extract_corpus(load_paths([p], table_map=m)[0])
    assert [e.label for e in corpus.events] == ["Rally", "Statement"]


def test_end_date_column_makes_a_range(tmp_path):
    p = tmp_path / "ranges.csv"
    p.write_text("start,end,actor\n2021-03-01,2021-03-04,Blue Party\n2021-03,,Red Party\n", encoding="utf-8")
    m = TableMap(date="start", end_date="end", actors=["actor"])
    events = list(extract_corpus(load_paths([p], table_map=m)[0]).events)
    iv = events[0].date.interval
    assert (iv.start.day, iv.latest().day, iv.precision) == (1, 4, "week")
    assert events[1].date.interval.precision == "month"


def test_mapping_naming_a_missing_column_is_a_message(tmp_path):
    p = _acled_csv(tmp_path / "a.csv")
    with pytest.raises(FormatError, match="no column named 'date'"):
        read_table(p, TableMap(date="date", actors=["actor1"]))


def test_csv_with_broken_encoding_is_a_one_line_message(tmp_path):
    p = tmp_path / "mixed.csv"
    p.write_bytes(",".join(ACLED_HEADER).encode() + b"\nK1,2007-11-02,2007,x,Kr\xc3\xa9dit Bank,Caf\xe9 Owners,"
                  b"K,Almaty,,,src,notes\n")
    docs, errors = load_paths([p])
    assert docs == [] and "mixes text encodings" in errors[0]["message"] and "\n" not in errors[0]["message"]


def test_xlsx_zip_bomb_is_refused(tmp_path):
    from document_files import zip_bomb
    p = zip_bomb(tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", size=1 << 30)
    docs, errors = load_paths([p])
    assert docs == [] and "zip bomb" in errors[0]["message"]


def test_cli_reads_acled_without_options_and_others_with_a_mapping_file(tmp_path, capsys):
    p = _acled_csv(tmp_path / "acled.csv")
    assert main(["extract", str(p), "--json", str(tmp_path / "out.json")]) == 0
    data = json.loads((tmp_path / "out.json").read_text())
    assert [e["date"]["value"] if e["date"] else None for e in data["events"]] == ["2007-11-02", "2007-11-07", None]
    other = tmp_path / "other.csv"
    other.write_text("day;party\n2021-03-01;Blue Party\n", encoding="utf-8")
    assert main(["extract", str(other)]) == 2
    assert "unknown table layout" in capsys.readouterr().err
    (tmp_path / "map.json").write_text(json.dumps({"date": "day", "actors": "party"}))
    assert main(["extract", str(other), "--table-map", str(tmp_path / "map.json"), "--json", str(tmp_path / "o.json")]) == 0
    assert json.loads((tmp_path / "o.json").read_text())["events"][0]["date"]["value"] == "2021-03-01"
    assert main(["extract", str(other), "--date-col", "day", "--actor-col", "party", "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["events"][0]["label"] == "row 2"
    (tmp_path / "bad.json").write_text('{"when": "day"}')
    assert main(["extract", str(other), "--table-map", str(tmp_path / "bad.json")]) == 2
    err = capsys.readouterr().err
    assert "unknown key(s) when" in err and err.count("\n") == 1


NODES = [("n1", "Krykbayev Group", "armed group"), ("n2", "National Security Committee", "agency"),
         ("n3", "Zhaksylyk Umirzak", "Person"), ("n4", "Almaty", "city"), ("n5", "Karavan", "")]
EDGES = [("n1", "n2", 2.5), ("n2", "n3", 1), ("n3", "n4", 1.0)]


@pytest.mark.parametrize("suffix, make", [(".graphml", graphml_text), (".gexf", gexf_text)])
def test_network_file_maps_ids_labels_types_and_weights(tmp_path, suffix, make):
    p = tmp_path / f"net{suffix}"
    p.write_text(make(NODES, EDGES), encoding="utf-8")
    docs, errors = load_paths([p])
    assert errors == [] and docs[0].kind == "network"
    corpus = extract_corpus(docs)
    types = {a.name: a.type for a in corpus.actors}
    assert types == {"Krykbayev Group": "group", "National Security Committee": "organization",
                     "Zhaksylyk Umirzak": "person", "Almaty": "location", "Karavan": "organization"}
    names = {a.id: a.name for a in corpus.actors}
    ties = {frozenset((names[t.source], names[t.target])): t.weight for t in corpus.ties}
    assert ties == {frozenset(("Krykbayev Group", "National Security Committee")): 2.5,
                    frozenset(("National Security Committee", "Zhaksylyk Umirzak")): 1.0,
                    frozenset(("Zhaksylyk Umirzak", "Almaty")): 1.0}


def test_imported_ties_add_to_the_extracted_ones(tmp_path):
    (tmp_path / "net.graphml").write_text(graphml_text(NODES, EDGES), encoding="utf-8")
    both = extract_corpus(load_paths([tmp_path / "net.graphml", _acled_csv(tmp_path / "acled.csv")])[0])
    names = {a.id: a.name for a in both.actors}
    tie = next(t for t in both.ties if {names[t.source], names[t.target]} == {"Krykbayev Group", "National Security Committee"})
    assert tie.weight == pytest.approx(3.5) and len(tie.events) == 1


def test_graphml_with_entities_is_refused_by_defusedxml(tmp_path):
    p = tmp_path / "laughs.graphml"
    p.write_text('<?xml version="1.0"?><!DOCTYPE graphml [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">]>'
                 '<graphml><graph><node id="&b;"/></graph></graphml>')
    docs, errors = load_paths([p])
    assert docs == [] and "refused" in errors[0]["message"] and "\n" not in errors[0]["message"]


def test_network_file_that_is_not_a_network_is_a_message(tmp_path):
    p = tmp_path / "x.gexf"
    p.write_text("<html><body>hi</body></html>")
    docs, errors = load_paths([p])
    assert docs == [] and "neither GraphML nor GEXF" in errors[0]["message"]
