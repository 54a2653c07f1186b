#!/usr/bin/env python3
"""Reading a 300-page PDF report, with progress, against reading the same text as a .txt file.

    python scripts/bench_pdf.py [--pages 300] [--repeat 3] [--pdfminer]

The PDF is generated here (tests/document_files.py: Helvetica text, a running
header, page-number footers, hyphenated line ends) from the seed article's
paragraphs repeated, and the same text is written as a .txt. Both are read
through ``load_paths`` in this process; the best of ``--repeat`` runs counts.
Prints seconds for each, pages per second, the ratio PDF / .txt, the ratio to
pypdf's bare ``extract_text()`` on every page (what the layout work here costs),
and how many progress reports the PDF read gave. ``--pdfminer`` also times pdfminer.six's
``extract_pages`` (the library measured against pypdf; not a dependency) on the
same file, if it is installed.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from desktop_app.core.documents import load_paths  # noqa: E402
from desktop_app.core.tasks import TaskState  # noqa: E402
from document_files import layout_pages, pdf_bytes  # noqa: E402


def build(folder: Path, pages: int) -> tuple[Path, Path, int]:
    seed = (REPO / "seeds" / "000_54cc48f895b22f49.txt").read_text(encoding="utf-8")
    paras = [" ".join(p.split()) for p in seed.split("\n\n") if p.strip()]
    laid: list = []
    k = 1
    while len(laid) < pages:
        laid = layout_pages(paras * k, header="Annual report on organized crime", hyphenate=True)
        k *= 2
    laid = laid[:pages]
    pdf = folder / "report.pdf"
    pdf.write_bytes(pdf_bytes(laid, info={"CreationDate": "D:20071109"}))
    txt = folder / "report.txt"
    txt.write_text("\n".join(line[3] for page in laid for line in page), encoding="utf-8")
    return pdf, txt, len(laid)


def best(fn, repeat: int) -> float:
    out = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - t0)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pdfminer", action="store_true", help="also time pdfminer.six on the same file")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        pdf, txt, n = build(Path(tmp), args.pages)
        reports: list[str] = []
        task = TaskState(lambda f, m: reports.append(m))
        docs, errors = load_paths([pdf], task=task)
        assert docs and not errors, errors
        t_pdf = best(lambda: load_paths([pdf]), args.repeat)
        t_txt = best(lambda: load_paths([txt]), args.repeat)

        def plain_pypdf():
            from pypdf import PdfReader
            for page in PdfReader(pdf).pages:
                page.extract_text()
        t_plain = best(plain_pypdf, args.repeat)
        chars = len(docs[0].text)
        print(f"PDF: {n} pages, {pdf.stat().st_size / 2**20:.1f} MB, {chars:,} characters of text, "
              f"{len(docs[0].pages)} page offsets, {len(reports)} progress reports")
        print(f"read PDF (pypdf + layout): {t_pdf:.2f} s  ({n / t_pdf:.0f} pages/s)")
        print(f"read the same text as .txt: {t_txt:.3f} s")
        print(f"ratio PDF / .txt: {t_pdf / t_txt:.0f}x")
        print(f"pypdf's own extract_text() over every page, no layout: {t_plain:.2f} s "
              f"(Eventscope's reading costs {t_pdf / t_plain:.2f}x that)")
        if args.pdfminer:
            try:
                from pdfminer.high_level import extract_pages
                from pdfminer.layout import LTTextContainer
            except ImportError:
                print("pdfminer.six is not installed; no comparison")
            else:
                def miner():
                    for page in extract_pages(str(pdf)):
                        "".join(el.get_text() for el in page if isinstance(el, LTTextContainer))
                t_m = best(miner, 1)
                print(f"pdfminer.six extract_pages, same file: {t_m:.2f} s  (pypdf path {t_m / t_pdf:.1f}x faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
