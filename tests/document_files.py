"""Real files of each kind Eventscope reads, built at test time from open material.

Nothing is downloaded: PDFs are written byte by byte (Type 1 Helvetica, one of
the 14 fonts every reader has, WinAnsi encoding), .docx and .odt are zip files
of hand-written XML, e-mail comes from the standard library's ``email``
package, .xlsx from openpyxl. ``scripts/bench_pdf.py`` uses the same PDF writer.
"""
from __future__ import annotations

import textwrap
import zipfile
import zlib
from pathlib import Path
from typing import Optional, Sequence
from xml.sax.saxutils import escape

# -- PDF ----------------------------------------------------------------------------

Line = tuple  # (x, y, size, text)


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _content(lines: Sequence[Line]) -> bytes:
    out = []
    for x, y, size, text in lines:
        out.append(b"BT /F1 %d Tf %d %d Td " % (size, x, y) + _pdf_string(text) + b" Tj ET")
    return b"\n".join(out)


def pdf_bytes(pages: Sequence[Optional[Sequence[Line]]], info: Optional[dict] = None,
              image_pages: Sequence[int] = (), big_stream: int = 0) -> bytes:
    """A PDF with one page per item; ``None`` (or an index in ``image_pages``) is a page with an image and no text.

    ``info`` becomes the document information dictionary (``/CreationDate`` ...);
    ``big_stream`` adds a page whose content stream inflates to that many bytes of spaces.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    gray = zlib.compress(bytes(range(0, 256, 4)) * 64)
    image = add(b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(gray) + gray + b"\nendstream")
    pages_id = len(objects) + 1
    objects.append(b"")  # the page tree, filled in below
    kids = []
    specs = list(pages)
    for i, lines in enumerate(specs):
        if lines is None or i in image_pages:
            stream = b"q 400 0 0 400 100 200 cm /Im1 Do Q"
        else:
            stream = zlib.compress(_content(lines))
        filt = b"" if lines is None or i in image_pages else b" /Filter /FlateDecode"
        content = add(b"<< /Length %d%s >>\nstream\n" % (len(stream), filt) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                        % (pages_id, content, font, image)))
    if big_stream:
        blob = deflate_repeated(b" " * (1 << 20), big_stream >> 20, zlib_wrapper=True)
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(blob) + blob + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)))
    objects[pages_id - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                             + b"] /Count %d >>" % len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info_id = None
    if info:
        info_id = add(b"<< " + b" ".join(b"/" + k.encode() + b" " + _pdf_string(v) for k, v in info.items()) + b" >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info_id:
        trailer += b" /Info %d 0 R" % info_id
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def layout_pages(paragraphs: Sequence[str], header: Optional[str] = None, footer: bool = True,
                 width: int = 90, lines_per_page: int = 46, hyphenate=()) -> list[list[Line]]:
    """Paragraphs set as pages of left-aligned lines; a running header and a page-number footer.

    A word in ``hyphenate`` (with ``True``: any lower-case word of eight letters or more) that
    starts a line is split "organ-" / "ized" across the break before it, as a typesetter would.
    """
    body: list[Optional[str]] = []
    for para in paragraphs:
        lines = textwrap.wrap(para, width)
        for k in range(len(lines) - 1):
            line, nxt = lines[k], lines[k + 1]
            first = nxt.split(" ", 1)[0]
            word = first.strip(".,;:")
            chosen = (word.isalpha() and word.islower() and len(word) >= 8) if hyphenate is True else word in hyphenate
            if chosen and len(first) > 4:
                cut = len(first) // 2
                lines[k] = line + " " + first[:cut] + "-"
                lines[k + 1] = first[cut:] + nxt[len(first):]
        body.extend(lines)
        body.append(None)  # a blank line between paragraphs
    pages: list[list[Line]] = []
    for start in range(0, len(body), lines_per_page):
        chunk = body[start:start + lines_per_page]
        n = len(pages) + 1
        page: list[Line] = []
        if header:
            page.append((72, 750, 9, header))
        y = 720
        for line in chunk:
            if line:
                page.append((72, y, 11, line))
            y -= 14
        if footer:
            page.append((300, 40, 9, f"Page {n}"))
        pages.append(page)
    return pages


def encrypt_pdf(data: bytes, password: str = "secret", algorithm: str = "RC4-128") -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password="owner", algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# -- Word processor files ------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _w_par(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r></w:p>"


def docx_bytes(paragraphs: Sequence[str], table: Sequence[Sequence[str]] = (), header: str = "",
               footer: str = "", created: Optional[str] = None, title: Optional[str] = None,
               creator: Optional[str] = None) -> bytes:
    """A .docx as Word writes it: body paragraphs, an optional table, header and footer parts, core properties."""
    import io
    body = "".join(_w_par(p) for p in paragraphs)
    if table:
        rows = "".join("<w:tr>" + "".join(f"<w:tc>{_w_par(c)}</w:tc>" for c in row) + "</w:tr>" for row in table)
        body += f"<w:tbl>{rows}</w:tbl>"
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>{body}</w:body></w:document>'
    core = ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            + (f"<dc:title>{escape(title)}</dc:title>" if title else "")
            + (f"<dc:creator>{escape(creator)}</dc:creator>" if creator else "")
            + (f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>' if created else "")
            + "</cp:coreProperties>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", doc)
        z.writestr("docProps/core.xml", core)
        if header:
            z.writestr("word/header1.xml", f'<?xml version="1.0"?><w:hdr {_W}>{_w_par(header)}</w:hdr>')
        if footer:
            z.writestr("word/footer1.xml", f'<?xml version="1.0"?><w:ftr {_W}>{_w_par(footer)}</w:ftr>')
    return buf.getvalue()


def odt_bytes(paragraphs: Sequence[str], created: Optional[str] = None) -> bytes:
    import io
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    body = "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs)
    content = f'<?xml version="1.0"?><office:document-content {ns}><office:body><office:text>{body}' \
              f'</office:text></office:body></office:document-content>'
    meta = ('<?xml version="1.0"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta>'
            + (f"<meta:creation-date>{created}</meta:creation-date>" if created else "")
            + "</office:meta></office:document-meta>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
        z.writestr("meta.xml", meta)
    return buf.getvalue()


def deflate_repeated(chunk: bytes, times: int, zlib_wrapper: bool = False) -> bytes:
    """``chunk * times`` deflated, without compressing it ``times`` times.

    A full flush ends a block on a byte boundary and forgets the window, so the
    compressed form of one chunk can be repeated: a gigabyte in a few megabytes,
    written in a fraction of a second.
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    body = piece * times + zlib.compressobj(9, zlib.DEFLATED, -15).flush()   # an empty final block
    if not zlib_wrapper:
        return body
    adler = 1
    for _ in range(times):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + body + adler.to_bytes(4, "big")


def zip_bomb(path: Path, member: str, size: int = 1 << 30) -> Path:
    """A small zip (a few MB) whose ``member`` truly inflates to ``size`` bytes of zeros (below 4 GB)."""
    import struct
    chunk = b"\0" * (1 << 20)
    times = size >> 20
    data = deflate_repeated(chunk, times)
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    name = member.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(name), 0) + name
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                          len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(data), 0)
    path.write_bytes(local + data + central + end)
    return path


# -- E-mail ---------------------------------------------------------------------------

def email_message(subject: str, sender: str, date: str, body: str, html: Optional[str] = None,
                  attachments: Sequence[tuple[str, bytes, str]] = ()):
    """An ``EmailMessage``; attachments are ``(filename, data, mime type)``."""
    from email.message import EmailMessage
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "analyst@example.org"
    msg["Subject"] = subject
    msg["Date"] = date
    msg.set_content(body)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    for name, data, mime in attachments:
        main, sub = mime.split("/", 1)
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return msg


def write_mbox(path: Path, messages) -> Path:
    import mailbox
    box = mailbox.mbox(str(path))
    try:
        for m in messages:
            box.add(m)
        box.flush()
    finally:
        box.close()
    return path


# -- tables and networks ----------------------------------------------------------------

ACLED_HEADER = ["event_id_cnty", "event_date", "year", "event_type", "actor1", "actor2", "country",
                "location", "latitude", "longitude", "source", "notes"]


def write_xlsx(path: Path, rows: Sequence[Sequence]) -> Path:
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="label" attr.type="string"/>
  <key id="d1" for="node" attr.name="type" attr.type="string"/>
  <key id="d2" for="edge" attr.name="weight" attr.type="double"/>
  <graph id="G" edgedefault="undirected">
{nodes}
{edges}
  </graph>
</graphml>
"""


def graphml_text(nodes: Sequence[tuple[str, str, str]], edges: Sequence[tuple[str, str, float]]) -> str:
    n = "\n".join(f'    <node id="{escape(i)}"><data key="d0">{escape(label)}</data><data key="d1">{escape(t)}</data></node>'
                  for i, label, t in nodes)
    e = "\n".join(f'    <edge source="{escape(s)}" target="{escape(t)}"><data key="d2">{w}</data></edge>'
                  for s, t, w in edges)
    return GRAPHML.format(nodes=n, edges=e)


def gexf_text(nodes: Sequence[tuple[str, str, str]], edges: Sequence[tuple[str, str, float]]) -> str:
    n = "\n".join(f'      <node id="{escape(i)}" label="{escape(label)}"><attvalues><attvalue for="0" value="{escape(t)}"/>'
                  f'</attvalues></node>' for i, label, t in nodes)
    e = "\n".join(f'      <edge id="{k}" source="{escape(s)}" target="{escape(t)}" weight="{w}"/>'
                  for k, (s, t, w) in enumerate(edges))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
  <graph defaultedgetype="undirected">
    <attributes class="node"><attribute id="0" title="type" type="string"/></attributes>
    <nodes>
{n}
    </nodes>
    <edges>
{e}
    </edges>
  </graph>
</gexf>
"""
