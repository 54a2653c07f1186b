"""Loading documents: formats, encodings, metadata, and bad files reported per file."""
import json
from pathlib import Path

import pytest

from desktop_app.core.documents import (
    DctError, DocumentError, dct_interval, load_file, load_paths, parse_dct, write_sidecar,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_54cc48f895b22f49.txt"


def test_seed_is_shipped_unchanged_with_month_precise_dct():
    shared = ROOT.parent / "shared" / "seeds" / SEED.name
    if shared.exists():
        assert SEED.read_bytes() == shared.read_bytes()
    doc = load_file(SEED)
    assert doc.id == "000_54cc48f895b22f49"
    assert doc.dct == "2007-11" and doc.dct_precision == "month"
    assert doc.source == "sidecar"
    assert doc.title and "Eurasia Daily Monitor" in doc.publication
    # Offsets index the file's text exactly as read.
    assert doc.text == SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("text,value,precision", [
    ("2007", "2007", "year"), ("2007-11", "2007-11", "month"), ("2007-11-09", "2007-11-09", "day"),
    ("2007-11-09T14:30:00+03:00", "2007-11-09T14:30", "minute"), ("20071109", "2007-11-09", "day"),
    ("November 9, 2007", "2007-11-09", "day"), ("9 Nov 2007", "2007-11-09", "day"),
    ("Fri, 09 Nov 2007 10:00:00 GMT", "2007-11-09", "day"), ("Nov 2007", "2007-11", "month"),
    ("2 novembre 2007", "2007-11-02", "day"), ("3 ноября 2007", "2007-11-03", "day"),
    ("le 2 novembre 2007 à 14h30", "2007-11-02T14:30", "minute"), ("noviembre de 2007", "2007-11", "month"),
])
def test_parse_dct_keeps_the_precision_that_is_known(text, value, precision):
    assert parse_dct(text) == (value, precision)


@pytest.mark.parametrize("bad", ["", "yesterday", "2007-13", "2007-02-30", "11/09/07", "0000", "2 novembre", "Nov 2"])
def test_parse_dct_rejects_with_the_accepted_forms(bad):
    with pytest.raises(DctError) as e:
        parse_dct(bad)
    assert "YYYY" in str(e.value) or "range" in str(e.value) or "real date" in str(e.value)


def test_dct_interval_spans_its_precision():
    iv = dct_interval("2007-11")
    assert (iv.start.isoformat(), iv.end.isoformat(), iv.precision) == ("2007-11-01T00:00:00", "2007-12-01T00:00:00", "month")
    assert dct_interval("2007-12").end.year == 2008


def test_html_title_date_and_visible_text(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Fallback</title><meta property='og:title' content='Minister resigns'>"
        "<meta property='article:published_time' content='2019-03-04T08:15:00Z'>"
        "<meta property='og:site_name' content='Daily Planet'><style>p{color:red}</style>"
        "<script>var x = 'January 5, 2001';</script></head><body><h1>Minister resigns</h1>"
        "<p>The minister resigned on Monday.<p>Broken <b>markup &amp; more</div></body>",
        encoding="utf-8")
    doc = load_file(page)
    assert doc.title == "Minister resigns" and doc.publication == "Daily Planet"
    assert (doc.dct, doc.dct_precision, doc.source) == ("2019-03-04T08:15", "minute", "html-meta")
    assert "January 5, 2001" not in doc.text and "color:red" not in doc.text
    assert "The minister resigned on Monday." in doc.text and "markup & more" in doc.text


def test_markdown_front_matter(tmp_path):
    md = tmp_path / "note.md"
    md.write_text("---\ntitle: Field note\ndate: 2015-06\n---\n# Heading\nBody text.\n", encoding="utf-8")
    doc = load_file(md)
    assert (doc.title, doc.dct, doc.dct_precision) == ("Field note", "2015-06", "month")


def test_legacy_encoding_is_detected(tmp_path):
    f = tmp_path / "ru.txt"
    sentence = "Министерство внутренних дел сообщило о задержании 12 членов группировки в Алматы. " * 5
    f.write_bytes(sentence.encode("cp1251"))
    assert load_file(f).text == sentence


def test_bad_files_are_reported_by_name_and_the_rest_loads(tmp_path):
    (tmp_path / "good.txt").write_text("Officials met in Geneva on March 3, 2010.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    (tmp_path / "mixed.txt").write_bytes("caf\u00e9 ".encode("utf-8") + "na\u00efve".encode("latin-1") + b" text")
    docs, errors = load_paths([tmp_path, tmp_path / "photo.jpg", tmp_path / "missing.txt"])
    assert sorted(d.id for d in docs) == ["good", "mixed"]
    messages = " | ".join(e["message"] for e in errors)
    assert "empty.txt: is empty" in messages
    assert "binary.txt: looks like a binary file" in messages
    assert "photo.jpg: unsupported file type '.jpg'" in messages
    assert "missing.txt: no such file or folder" in messages


def test_sidecar_overrides_and_dct_override_wins(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Text.", encoding="utf-8")
    write_sidecar(f, {"title": "T", "dct": "1998-02"})
    assert load_file(f).dct == "1998-02"
    assert load_file(f, dct_override="1998-02-06").dct == "1998-02-06"
    with pytest.raises(DctError):
        load_paths([f], dct_override="not a date")


def test_broken_sidecar_is_a_clear_error(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Text.", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text("{broken", encoding="utf-8")
    docs, errors = load_paths([f])
    assert docs == [] and "a.txt.meta.json: cannot read metadata" in errors[0]["message"]


def test_same_file_name_in_two_folders_gets_unique_ids(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(f"Report {sub}.", encoding="utf-8")
    docs, _ = load_paths([tmp_path])
    assert [d.id for d in docs] == ["report", "report-2"]


def test_too_large_file_is_refused_without_reading(tmp_path, monkeypatch):
    import desktop_app.core.documents.loader as loader
    monkeypatch.setattr(loader, "MAX_BYTES", 10)
    f = tmp_path / "big.txt"
    f.write_text("x" * 100, encoding="utf-8")
    with pytest.raises(DocumentError, match="too large"):
        loader.load_file(f)
