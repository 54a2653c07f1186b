"""Key events as a dated list: `eventscope chronology`, clean summary lines, one line per happening."""
import json

from desktop_app.cli.main import main
from desktop_app.core.happenings.summary_text import clean_sentence

ARTICLES = {
    "a1": ("2021-04-03", "Bergen Post",
           "BERGEN, Norway (AP) -- Police in Bergen arrested Lena Ford on 2 April 2021 after a long inquiry.\n"
           "Storms flooded the harbour of Tromso on 1 April 2021, officials in the city said."),
    "a2": ("2021-04-04", "Oslo Daily",
           "By Kari Nordmann\nLena Ford was arrested by police in Bergen on April 2 after a long inquiry.\n"
           "The harbour authority of Tromso reported flooding on April 1."),
    "a3": ("2021-04-06", "North News",
           "Police in Bergen arrested Lena Ford on Friday, April 2, after a long inquiry into the bank.\n"
           "Ministers met in Oslo on 5 April 2021 to discuss the budget for the coming year."),
}


def _folder(tmp_path):
    for name, (dct, pub, text) in ARTICLES.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.txt.meta.json").write_text(json.dumps({"dct": dct, "publication": pub}))
    return tmp_path


def test_chronology_json_has_at_most_t_dates_and_n_lines_and_each_happening_once(tmp_path):
    folder = _folder(tmp_path)
    out = tmp_path / "chrono.json"
    assert main(["chronology", str(folder), "--dates", "2", "--per-date", "1", "--json", str(out)]) == 0
    entries = json.loads(out.read_text())["chronology"]
    assert 1 <= len(entries) <= 2
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    assert "2021-04-02" in [e["date"] for e in entries]
    # With room for one date only, it is the day most documents report on (April 2: all three).
    one = tmp_path / "one.json"
    assert main(["chronology", str(folder), "--dates", "1", "--json", str(one)]) == 0
    assert [e["date"] for e in json.loads(one.read_text())["chronology"]] == ["2021-04-02"]
    happenings = [h for e in entries for h in e["happenings"]]
    assert len(happenings) == len(set(happenings))
    for e in entries:
        assert len(e["summary"]) <= 1 and e["sources"]
        for line in e["summary"]:
            assert "(AP)" not in line and not line.startswith("By ") and "BERGEN, Norway" not in line


def test_chronology_markdown_and_a_bad_option_give_one_line(tmp_path, capsys):
    folder = _folder(tmp_path)
    md = tmp_path / "chrono.md"
    assert main(["chronology", str(folder), "--md", str(md)]) == 0
    assert md.read_text().startswith("# Key events") and "## 2021-04-02" in md.read_text()
    assert main(["chronology", str(folder), "--dates", "0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--dates" in err[0]


def test_clean_sentence_drops_wire_headers_bylines_and_stamps():
    assert clean_sentence("NAIROBI, Kenya (AP) -- Two bombs exploded outside the U.S. embassies on Friday.") \
        == "Two bombs exploded outside the U.S. embassies on Friday."
    assert clean_sentence("By Jane Doe\nTwo bombs exploded outside the U.S. embassies on Friday.") \
        == "Two bombs exploded outside the U.S. embassies on Friday."
    assert clean_sentence("William Crawley | 22:29 UK time, Wednesday, 13 January 2010 The mayor's body was "
                          "found in the ruins of his office.") == "The mayor's body was found in the ruins of his office."
    assert clean_sentence("He said so.") is None                   # too short, and leans on what came before
    assert clean_sentence('"It is a tragedy beyond imagination, he said.') is None   # half a quotation
