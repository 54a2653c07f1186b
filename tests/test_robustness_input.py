"""Bad documents never crash ingestion or extraction, and never cost the good ones.

Each hostile file is put in a folder beside a good article; loading the
folder must return the good article intact, and either a readable document
or one error entry naming the bad file. Whatever loads must then go through
tagging and extraction with every span inside its text.
"""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from desktop_app.core.documents import load_file, load_paths
from desktop_app.core.model import Document

from desktop_app.core.pipeline import extract_corpus
from desktop_app.core.timex import tag

GOOD = ("Officials met in Geneva on 12 March 2007 to resume the talks.\n"
        "The finance ministry said on Tuesday that the agreement would be signed next month.\n")


def check_corpus_spans(corpus, docs) -> None:
    texts = {d.id: d.text for d in docs}
    for t in corpus.timexes:
        assert texts[t.doc][t.start:t.end] == t.text
    for m in corpus.mentions:
        assert texts[m.doc][m.start:m.end] == m.text
    ids = {a.id for a in corpus.actors}
    assert {m.actor for m in corpus.mentions} <= ids
    for e in corpus.events:
        assert 0 <= e.start <= e.end <= len(texts[e.doc])
        assert e.text.strip() and e.text.strip() in texts[e.doc][e.start:e.end] or e.text in texts[e.doc]


def load_beside_good(tmp_path: Path, name: str, data: bytes):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    docs, errors = load_paths([tmp_path])
    good = [d for d in docs if d.id == "good"]
    assert len(good) == 1 and good[0].text == GOOD, "a bad file cost the good document"
    bad_docs = [d for d in docs if d.path.endswith(name)]
    bad_errors = [e for e in errors if e["path"].endswith(name)]
    assert len(bad_docs) + len(bad_errors) == 1, (bad_docs, bad_errors)
    for e in errors:
        assert isinstance(e["message"], str) and "\n" not in e["message"] and name in e["message"]
    return docs, bad_docs, bad_errors


def run_everything(docs) -> None:
    if tag is not None:
        for d in docs:
            for t in tag(d.text, d.dct, d.id):
                assert d.text[t.start:t.end] == t.text
    if extract_corpus is not None:
        check_corpus_spans(extract_corpus(docs), docs)


def test_binary_file_is_refused_by_name(tmp_path):
    rnd = random.Random(1)
    data = b"\x89PNG\r\n\x1a\n" + bytes(rnd.randrange(256) for _ in range(20000))
    docs, bad, errors = load_beside_good(tmp_path, "picture.txt", data)
    assert errors and "binary" in errors[0]["message"]
    run_everything(docs)


def test_elf_like_binary_without_nul_in_head(tmp_path):
    rnd = random.Random(2)
    data = bytes(rnd.choice([1, 2, 3, 4, 5, 6, 7, 14, 15, 65, 66]) for _ in range(50000))
    docs, bad, errors = load_beside_good(tmp_path, "blob.md", data)
    assert errors and "binary" in errors[0]["message"]


@pytest.mark.parametrize("name, data, must_contain", [
    ("latin1.txt", "Caf\xe9 talks on 3 f\xe9vrier 2007 in Montr\xe9al.".encode("latin-1"), "talks on 3"),
    ("cp1251.txt", ("Переговоры 12 марта 2007 года. " * 20).encode("cp1251"), "2007"),
    ("utf16.txt", ("\ufeffTalks on 12 March 2007.").encode("utf-16-le"), "12 March 2007"),
    ("utf8bom.txt", b"\xef\xbb\xbfTalks on 12 March 2007.", "Talks on 12 March 2007."),
    ("mixed.txt", "Talks on 12 March 2007 — in Zürich. ".encode("utf-8") + "Caf\xe9 \u201cquoted\u201d in Montr\xe9al.".encode("cp1252"),
     "12 March 2007"),
    ("truncated.txt", "Talks on 12 March 2007 in Zürich".encode("utf-8")[:-3], "12 March 2007"),
    ("lone_bytes.txt", b"Talks on 12 March 2007.\xff\xfe\xfd and after\xc3(", "12 March 2007"),
])
def test_undecodable_or_foreign_text_still_loads(tmp_path, name, data, must_contain):
    docs, bad, errors = load_beside_good(tmp_path, name, data)
    assert bad, errors
    assert must_contain in bad[0].text
    assert "\x00" not in bad[0].text
    run_everything(docs)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff".encode("utf-8"), b"\xef\xbb\xbf"])
def test_empty_files_are_reported_not_loaded(tmp_path, data):
    docs, bad, errors = load_beside_good(tmp_path, "empty.txt", data)
    assert errors and "empty" in errors[0]["message"]


def test_control_characters_and_nul_free_junk_text(tmp_path):
    junk = "".join(chr(c) for c in range(9, 14)) + "\u2028\u2029\u200b\u00ad\ufffd" * 50 + "\nOn 12 March 2007 talks resumed.\r\n"
    docs, bad, errors = load_beside_good(tmp_path, "junk.txt", junk.encode("utf-8"))
    assert bad and "12 March 2007" in bad[0].text
    run_everything(docs)


def test_html_with_scripts_styles_and_broken_markup(tmp_path):
    html = (b"<html><head><title>Talks resume</title><style>p{color:red}</style>"
            b"<script>var d = 'On 1 January 1999 nothing happened'; fetch('http://x.invalid/');</script>"
            b"</head><body><div><p>Officials met on 12 March 2007 <b>to resume <i>the talks</p></div>"
            b"<p>Unclosed <a href='x'>link<p>Another paragraph, 3 April 2008.<table><tr><td>cell"
            b"<!-- a comment with 5 May 2005 --><noscript>enable scripts</noscript></body")
    docs, bad, errors = load_beside_good(tmp_path, "page.html", html)
    assert bad, errors
    text = bad[0].text
    assert "12 March 2007" in text and "3 April 2008" in text
    assert "1 January 1999" not in text and "fetch(" not in text and "color:red" not in text
    assert "5 May 2005" not in text
    run_everything(docs)


@pytest.mark.parametrize("suffix", [".html", ".xhtml"])
def test_entity_expansion_and_external_entities_are_inert(tmp_path, suffix):
    # Billion laughs and an external entity: an XML parser would expand them;
    # documents must be read as HTML, where a DOCTYPE's entities mean nothing.
    lol = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    doc = ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY lol0 "lol">' + lol +
           '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&lol9; &xxe; Talks on 12 March 2007.</p></body></html>')
    docs, bad, errors = load_beside_good(tmp_path, "evil" + suffix, doc.encode("utf-8"))
    assert bad, errors
    text = bad[0].text
    assert "root:" not in text
    assert len(text) < 5000 and text.count("lol") < 100
    run_everything(docs)


def test_very_long_line_without_newline(tmp_path):
    rnd = random.Random(3)
    words = "talks resumed after officials met said the ministry on in and".split()
    parts = []
    while sum(map(len, parts)) < 1_000_000:
        parts.append(" ".join(rnd.choices(words, k=20)) + (f" on {rnd.randint(1, 28)} March {rnd.randint(1990, 2010)}"
                                                            if rnd.random() < 0.2 else ""))
    line = " ".join(parts)
    assert "\n" not in line and len(line) >= 1_000_000
    docs, bad, errors = load_beside_good(tmp_path, "oneline.txt", line.encode("utf-8"))
    assert bad and len(bad[0].text) == len(line)
    run_everything(docs)


def test_thousands_of_dates():
    text = " ".join(f"On {d % 28 + 1} March {1950 + d % 60} talks resumed." for d in range(3000))
    doc = Document(id="dates", path="dates.txt", text=text, dct="2010-01-01", dct_precision="day")
    found = tag(doc.text, doc.dct, doc.id)
    assert len(found) >= 2900
    if extract_corpus is not None:
        corpus = extract_corpus([doc])
        check_corpus_spans(corpus, [doc])
        assert len(corpus.timexes) >= 2900


def test_document_without_any_date():
    text = "The ministry said the talks would resume. Officials denied any agreement. " * 200
    doc = Document(id="nodates", path="nodates.txt", text=text)
    corpus = extract_corpus([doc])
    assert corpus.timexes == []
    assert not any(e.dated for e in corpus.events)
    check_corpus_spans(corpus, [doc])


@pytest.mark.parametrize("text", ["x", ".", "\n\n\n", "2007", "March", "a" * 10000, "On 12 March 2007" * 1])
def test_degenerate_documents_extract(text):
    doc = Document(id="d", path="d.txt", text=text, dct=None)
    check_corpus_spans(extract_corpus([doc]), [doc])


def test_symlink_loop_in_a_folder_terminates(tmp_path):
    if not hasattr(os, "symlink"):
        pytest.skip("no symlinks")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    docs, errors = load_paths([tmp_path])
    assert [d.text for d in docs].count(GOOD) >= 1


def test_missing_path_and_unsupported_type_are_errors_not_exceptions(tmp_path):
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    docs, errors = load_paths([tmp_path / "nope.txt", tmp_path / "sheet.xlsx"])
    assert docs == []
    messages = " ".join(e["message"] for e in errors)
    assert "nope.txt" in messages and "sheet.xlsx" in messages and ".txt" in messages


@pytest.mark.parametrize("sidecar", [
    b"{not json", b"[1, 2]", b'{"dct": "the day after"}', b'{"dct": 12}', b"\xff\xfe\x00garbage",
    b'{"title": ["a list"], "dct": {"y": 2007}}', b'{"dct": "2007-11-09", "title": 1e999}',
    b'{"title": ' + b"[" * 5000 + b"]" * 5000 + b"}",
])
def test_malformed_sidecar_costs_only_its_document(tmp_path, sidecar):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "other.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "other.txt.meta.json").write_bytes(sidecar)
    docs, errors = load_paths([tmp_path])
    assert any(d.id == "good" and d.text == GOOD for d in docs)
    for e in errors:
        assert "other" in e["message"] and "\n" not in e["message"]


def test_load_file_raises_only_its_documented_error(tmp_path):
    from desktop_app.core.documents import DocumentError
    p = tmp_path / "folder.txt"
    p.mkdir()
    with pytest.raises(DocumentError):
        load_file(p)


def test_sidecar_values_of_the_wrong_type_do_not_reach_the_document(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text('{"title": ["a list"], "publication": 5, "dct": "2007-11-09"}',
                                              encoding="utf-8")
    docs, errors = load_paths([tmp_path])
    for d in docs:
        assert d.title is None or isinstance(d.title, str)
        assert d.publication is None or isinstance(d.publication, str)
    assert docs or errors
