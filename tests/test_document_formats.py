"""PDF, Word, OpenDocument and e-mail files, built here, read into documents with their layout and dates."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app.core.documents import load_paths
from desktop_app.core.documents.formats import load_format
from desktop_app.core.documents.found import FormatError
from desktop_app.core.documents.pdf_text import first_date_line, pdf_date, read_pdf
from desktop_app.core.tasks import Cancelled, TaskState
from document_files import (
    docx_bytes, email_message, encrypt_pdf, layout_pages, odt_bytes, pdf_bytes, write_mbox, zip_bomb,
)

PARAS = [
    "The regional council met on 3 March 2021 to discuss the budget of the northern districts and the "
    "organisation of the water supply, which had failed twice during the winter months of that year.",
    "Officials of the Ministry of Water Resources said that the pumping stations would be repaired before "
    "the summer, and that the contractors had already been chosen after a long public tender process.",
    "Residents of the villages along the river complained that the promised repairs had been announced "
    "every spring for five years without any visible progress on the ground or in the accounts.",
] * 6


def _words(s: str) -> list[str]:
    return s.split()


@pytest.fixture()
def report_pdf(tmp_path) -> Path:
    pages = layout_pages(PARAS, header="Quarterly Water Review - Confidential", lines_per_page=14,
                         hyphenate={"contractors", "progress", "organisation", "complained"})
    p = tmp_path / "report.pdf"
    p.write_bytes(pdf_bytes(pages, info={"CreationDate": "D:20210305", "Title": "Water review"}))
    return p


def test_pdf_text_is_in_reading_order_without_running_heads_or_page_numbers(report_pdf):
    found = read_pdf(report_pdf)
    assert _words(found.text) == _words(" ".join(PARAS))
    assert "Quarterly Water Review" not in found.text
    assert not re.search(r"\bPage \d+\b", found.text)
    assert found.title == "Water review"


def test_pdf_hyphenated_line_breaks_are_joined(tmp_path):
    pages = layout_pages(PARAS, lines_per_page=14, hyphenate=True)
    broken = [line[3] for page in pages for line in page if line[3].endswith("-")]
    assert broken                         # the file really breaks words at line ends
    p = tmp_path / "h.pdf"
    p.write_bytes(pdf_bytes(pages))
    found = read_pdf(p)
    for line in broken:
        half = line.split()[-1][:-1]
        assert re.search(rf"\b{half}[a-z]+", found.text) and f"{half}-" not in found.text
    assert _words(found.text) == _words(" ".join(PARAS))


def test_pdf_pages_map_offsets_to_pages(report_pdf):
    docs, errors = load_paths([report_pdf])
    (doc,) = docs
    assert errors == []
    assert doc.kind == "pdf" and len(doc.pages) >= 3 and doc.pages[0] == 0
    assert doc.pages == sorted(doc.pages)
    assert doc.page_at(0) == 1 and doc.page_at(len(doc.text) - 1) == len(doc.pages)
    assert doc.page_at(doc.pages[1]) == 2 and doc.page_at(doc.pages[1] - 1) == 1


def test_pdf_creation_time_comes_from_metadata_with_its_precision(report_pdf):
    (doc,), _ = load_paths([report_pdf])
    assert (doc.dct, doc.dct_precision, doc.source) == ("2021-03-05", "day", "pdf-meta")
    assert pdf_date("D:20071109143000+06'00'") == ("2007-11-09T14:30", "minute")
    assert pdf_date("D:2007") == ("2007", "year")


def test_pdf_without_metadata_date_takes_the_first_date_line_and_says_so(tmp_path):
    pages = layout_pages(["Date: 9 November 2007", *PARAS[:3]], lines_per_page=30)
    p = tmp_path / "dated.pdf"
    p.write_bytes(pdf_bytes(pages))
    (doc,), _ = load_paths([p])
    assert (doc.dct, doc.source) == ("2007-11-09", "first-date-line")
    assert first_date_line("no dates here\nat all") is None


def test_pdf_pages_without_text_layer_are_listed(tmp_path):
    pages = layout_pages(PARAS[:6], lines_per_page=20)
    pages.insert(1, None)
    p = tmp_path / "scan.pdf"
    p.write_bytes(pdf_bytes(pages))
    docs, errors = load_paths([p])
    assert docs[0].layout["no_text_pages"] == [2]
    assert docs[0].pages[1] == docs[0].pages[2]
    (warning,) = errors
    assert warning.get("warning") and "page(s) 2 of" in warning["message"] and "no text layer" in warning["message"]


def test_pdf_with_no_text_layer_at_all_is_a_message_not_an_empty_document(tmp_path):
    p = tmp_path / "image.pdf"
    p.write_bytes(pdf_bytes([None, None]))
    docs, errors = load_paths([p])
    assert docs == []
    assert "none of its 2 page(s) has a text layer" in errors[0]["message"]


def test_encrypted_pdf_is_a_one_line_message(tmp_path):
    p = tmp_path / "locked.pdf"
    p.write_bytes(encrypt_pdf(pdf_bytes(layout_pages(PARAS[:2]))))
    docs, errors = load_paths([p])
    assert docs == [] and "protected by a password" in errors[0]["message"]
    assert "\n" not in errors[0]["message"]


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_pdf_encrypted_with_an_empty_password_is_read(tmp_path, algorithm):
    p = tmp_path / "restricted.pdf"
    p.write_bytes(encrypt_pdf(pdf_bytes(layout_pages(PARAS[:2])), password="", algorithm=algorithm))
    (doc,), _ = load_paths([p])
    assert "regional council" in doc.text


@pytest.mark.parametrize("data", [b"%PDF-1.4\n garbage", b"not a pdf at all", b""])
def test_broken_pdf_is_a_one_line_message(tmp_path, data):
    p = tmp_path / "broken.pdf"
    p.write_bytes(data)
    docs, errors = load_paths([p])
    assert docs == [] and errors[0]["message"].startswith("broken.pdf: ")
    assert "\n" not in errors[0]["message"]


def test_pdf_with_a_huge_stream_is_refused_with_a_message(tmp_path):
    p = tmp_path / "bomb.pdf"
    p.write_bytes(pdf_bytes(layout_pages(PARAS[:1]), big_stream=1 << 30))
    assert p.stat().st_size < 5 << 20      # a small file that would inflate to 1 GB
    docs, errors = load_paths([p])
    assert docs == [] and "too large to read" in errors[0]["message"]


def test_long_pdf_reports_progress_by_page_and_can_be_cancelled(report_pdf):
    seen = []
    task = TaskState(lambda f, m: seen.append(m))
    load_paths([report_pdf], task=task)
    assert any(re.search(r"page 2 of \d+", m) for m in seen)

    def stop(f, m):
        if "page 2" in m:
            task2.cancel()
    task2 = TaskState(stop)
    with pytest.raises(Cancelled):
        load_paths([report_pdf], task=task2)


def test_docx_reads_paragraphs_and_table_with_headers_and_footers_apart(tmp_path):
    p = tmp_path / "memo.docx"
    p.write_bytes(docx_bytes(PARAS[:2], table=[["Date", "Place"], ["3 March 2021", "Northern district"]],
                             header="MINISTRY LETTERHEAD", footer="Page 1 of 1", created="2021-03-04T09:15:00Z",
                             title="Memo"))
    (doc,), errors = load_paths([p])
    assert errors == []
    assert doc.kind == "docx" and doc.title == "Memo"
    assert PARAS[0] in doc.text and PARAS[1] in doc.text
    assert "Date | Place\n3 March 2021 | Northern district" in doc.text
    assert "LETTERHEAD" not in doc.text and "Page 1" not in doc.text
    assert doc.layout["headers"] == ["MINISTRY LETTERHEAD"] and doc.layout["footers"] == ["Page 1 of 1"]
    assert (doc.dct, doc.dct_precision, doc.source) == ("2021-03-04T09:15", "minute", "docx-core")


def test_odt_reads_paragraphs_and_creation_date(tmp_path):
    p = tmp_path / "note.odt"
    p.write_bytes(odt_bytes(PARAS[:2], created="2021-03-04T10:00:00"))
    (doc,), _ = load_paths([p])
    assert doc.kind == "odt" and doc.text == "\n\n".join(PARAS[:2])
    assert doc.dct == "2021-03-04T10:00"


@pytest.mark.parametrize("name", ["memo.docx", "sheet.xlsx", "note.odt"])
def test_corrupt_zip_is_a_one_line_message(tmp_path, name):
    p = tmp_path / name
    good = docx_bytes(PARAS[:1])
    p.write_bytes(good[: len(good) // 2])
    docs, errors = load_paths([p])
    assert docs == [] and errors[0]["message"].startswith(f"{name}: ") and "\n" not in errors[0]["message"]


def test_zip_bomb_in_a_docx_is_refused(tmp_path):
    p = zip_bomb(tmp_path / "bomb.docx", "word/document.xml")
    assert p.stat().st_size < 10 << 20
    docs, errors = load_paths([p])
    assert docs == [] and "zip bomb" in errors[0]["message"]


def test_docx_with_xml_entities_is_refused(tmp_path):
    import zipfile
    p = tmp_path / "laughs.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
                   '<!ENTITY b "&a;&a;&a;&a;&a;&a;">]><d>&b;</d>')
    docs, errors = load_paths([p])
    assert docs == [] and "refused" in errors[0]["message"]


def _mbox(tmp_path) -> Path:
    att = docx_bytes(["The inspection report found that the dam near Karavan village was leaking on 1 March 2021."],
                     created="2021-03-02")
    msgs = [
        email_message("Budget meeting", "Anna Field <anna@example.org>", "Wed, 03 Mar 2021 18:20:00 +0100",
                      PARAS[0]),
        email_message("Repairs", "desk@example.org", "Thu, 04 Mar 2021 08:00:00 +0000", "",
                      html="<html><body><p>" + PARAS[1] + "</p><script>alert(1)</script></body></html>"),
        email_message("Inspection", "Inspector Office <office@example.org>", "Fri, 05 Mar 2021 12:30:00 +0000",
                      "See the attached report.",
                      attachments=[("inspection.docx", att,
                                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                                   ("photo.jpg", b"\xff\xd8\xff\xe0", "image/jpeg")]),
    ]
    return write_mbox(tmp_path / "inbox.mbox", msgs)


def test_mbox_gives_one_document_per_message_with_headers_as_metadata(tmp_path):
    docs, errors = load_paths([_mbox(tmp_path)])
    assert errors == []
    msgs = [d for d in docs if d.kind == "email"]
    assert [d.id for d in msgs] == ["inbox-m1", "inbox-m2", "inbox-m3"]
    first = msgs[0]
    assert (first.title, first.publication, first.dct, first.dct_precision, first.source) == \
        ("Budget meeting", "Anna Field", "2021-03-03T18:20", "minute", "email-date")
    assert first.text.strip() == PARAS[0]
    assert first.layout["headers"]["From"] == "Anna Field <anna@example.org>"
    assert msgs[1].text == PARAS[1] and "alert" not in msgs[1].text
    assert msgs[1].publication == "desk@example.org"


def test_mbox_attachment_is_a_document_linked_to_its_message(tmp_path):
    docs, _ = load_paths([_mbox(tmp_path)])
    (att,) = [d for d in docs if d.parent]
    assert att.id == "inbox-m3-a1" and att.parent == "inbox-m3" and att.kind == "docx"
    assert "dam near Karavan village" in att.text and att.title == "inspection.docx"
    assert att.dct == "2021-03-02"       # its own creation time wins over the message's
    msg = next(d for d in docs if d.id == "inbox-m3")
    assert msg.layout["attachments"] == ["inspection.docx", "photo.jpg"]


def test_eml_attachment_without_its_own_date_takes_the_message_date(tmp_path):
    msg = email_message("Notes", "a@example.org", "Mon, 01 Mar 2021 07:00:00 +0000", "Body text here.",
                        attachments=[("notes.txt", b"The convoy left Almaty on Tuesday.", "text/plain")])
    p = tmp_path / "one.eml"
    p.write_bytes(bytes(msg))
    docs, _ = load_paths([p])
    assert [d.id for d in docs] == ["one", "one-a1"]
    assert (docs[1].parent, docs[1].dct, docs[1].source) == ("one", "2021-03-01T07:00", "message-date")


def test_a_sidecar_overrides_what_the_file_says(tmp_path, report_pdf):
    (report_pdf.parent / "report.pdf.meta.json").write_text('{"dct": "2021-02", "publication": "Water Board"}')
    (doc,), _ = load_paths([report_pdf])
    assert (doc.dct, doc.dct_precision, doc.source, doc.publication) == ("2021-02", "month", "sidecar", "Water Board")


def test_unreadable_kinds_never_raise(tmp_path):
    for name, data in [("x.eml", b""), ("x.mbox", b"\x00\x01garbage"), ("x.odt", b"PK\x03\x04"),
                       ("x.docx", b"")]:
        (tmp_path / name).write_bytes(data)
        try:
            docs, errors = load_format(tmp_path / name, "x")
        except FormatError as exc:
            assert "\n" not in str(exc)


def test_attachment_named_with_a_path_stays_in_its_scratch_folder(tmp_path):
    msg = email_message("x", "a@example.org", "Mon, 01 Mar 2021 07:00:00 +0000", "Body.",
                        attachments=[("../../escape.txt", b"The convoy left Almaty on Tuesday.", "text/plain"),
                                     ("..", b"Nothing here.", "text/plain")])
    p = tmp_path / "m.eml"
    p.write_bytes(bytes(msg))
    docs, errors = load_paths([p])
    assert [d.id for d in docs] == ["m", "m-a1"] and "convoy" in docs[1].text
    assert not (tmp_path.parent / "escape.txt").exists()


def test_a_malformed_message_in_an_mbox_does_not_lose_the_others(tmp_path):
    good = email_message("ok", "a@example.org", "Mon, 01 Mar 2021 07:00:00 +0000", "The first message.")
    p = write_mbox(tmp_path / "box.mbox", [good, good])
    raw = p.read_bytes().replace(b"Subject: ok", b"Subject: =?utf-8?q?broken=ZZ?=\nContent-Type: text/plain; charset=no-such-charset", 1)
    p.write_bytes(raw)
    docs, errors = load_paths([p])
    assert len([d for d in docs if d.kind == "email"]) == 2


def test_docx_written_by_python_docx_reads_body_table_and_core_properties(tmp_path):
    # A file from a real writer (python-docx's Word template: styles, sections, settings), not hand-made XML.
    from datetime import datetime

    import docx
    d = docx.Document()
    d.add_heading("Inspection of the northern dam", level=1)
    d.add_paragraph(PARAS[0])
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Site", "Finding"
    t.cell(1, 0).text, t.cell(1, 1).text = "Karavan village", "Leak found on 1 March 2021"
    d.add_paragraph(PARAS[1])
    d.sections[0].header.paragraphs[0].text = "Water Board - internal"
    d.sections[0].footer.paragraphs[0].text = "Confidential"
    d.core_properties.created = datetime(2021, 3, 4, 9, 15)
    d.core_properties.title = "Dam inspection"
    p = tmp_path / "real.docx"
    d.save(p)
    (doc,), errors = load_paths([p])
    assert errors == []
    assert doc.text.split("\n\n") == ["Inspection of the northern dam", PARAS[0],
                                      "Site | Finding\nKaravan village | Leak found on 1 March 2021", PARAS[1]]
    assert doc.layout["headers"] == ["Water Board - internal"] and doc.layout["footers"] == ["Confidential"]
    assert (doc.title, doc.dct, doc.dct_precision) == ("Dam inspection", "2021-03-04T09:15", "minute")


@pytest.mark.parametrize("module, name", [("pdf_text", "big.pdf"), ("email_messages", "big.mbox"),
                                          ("event_tables", "big.csv")])
def test_files_over_the_size_limit_are_a_one_line_message(tmp_path, monkeypatch, module, name):
    import importlib
    monkeypatch.setattr(importlib.import_module(f"desktop_app.core.documents.{module}"), "MAX_BYTES", 1000)
    p = tmp_path / name
    p.write_bytes(b"x" * 2000)
    docs, errors = load_paths([p])
    assert docs == [] and "too large" in errors[0]["message"] and "\n" not in errors[0]["message"]
