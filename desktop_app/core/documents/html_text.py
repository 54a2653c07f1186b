"""Readable text and metadata from an HTML page.

The standard library's tolerant ``HTMLParser`` is used rather than a DOM:
broken markup from scraped news must never stop ingestion, and a streaming
pass keeps a 50 MB page cheap. Scripts, styles and other non-text elements
are dropped; block elements become paragraph breaks so sentence splitting
downstream sees the article's structure.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Optional

_SKIP = {"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object", "canvas", "select", "button"}
_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "br", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table",
    "blockquote", "pre", "figure", "figcaption", "address", "form", "fieldset", "title",
}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}

# Meta names that carry a publication date, most specific first.
_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "publishdate",
    "publish-date", "pubdate", "date", "dc.date.issued", "dc.date", "dcterms.date",
    "dcterms.created", "sailthru.date", "parsely-pub-date", "og:updated_time", "article:modified_time",
)
_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "title", "headline")
_PUB_KEYS = ("og:site_name", "application-name", "publisher", "dc.publisher", "article:publisher")


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.skip_stack: list[str] = []
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.in_title = False
        self.time_datetime: Optional[str] = None
        self.h1: list[str] = []
        self.in_h1 = False

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
            return
        if tag == "time" and a.get("datetime") and self.time_datetime is None:
            self.time_datetime = a["datetime"]
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True
        if tag in _SKIP and tag not in _VOID:
            self.skip_stack.append(tag)
            self.skip_depth += 1
            return
        if tag in _BLOCK and not self.skip_depth:
            self.parts.append("\n\n" if tag not in ("br", "li", "tr", "dt", "dd") else "\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if self.skip_stack and tag in _SKIP:
            # Close up to the matching tag; broken pages leave tags unclosed.
            if tag in self.skip_stack:
                while self.skip_stack:
                    t = self.skip_stack.pop()
                    self.skip_depth -= 1
                    if t == tag:
                        break
            return
        if tag in _BLOCK and not self.skip_depth:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
        if self.skip_depth:
            return
        if self.in_h1:
            self.h1.append(data)
        self.parts.append(data)


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = re.sub(r"[ \t\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def extract_html(markup: str) -> dict:
    """Return ``{"text", "title", "date", "publication"}`` for an HTML page."""
    p = _Extractor()
    try:
        p.feed(markup)
        p.close()
    except Exception:  # noqa: BLE001 - HTMLParser may still raise on pathological input
        pass
    title = next((p.meta[k] for k in _TITLE_KEYS if p.meta.get(k)), None)
    if not title:
        title = " ".join("".join(p.title_parts).split()) or " ".join("".join(p.h1).split()) or None
    date = next((p.meta[k] for k in _DATE_KEYS if p.meta.get(k)), None) or p.time_datetime
    pub = next((p.meta[k] for k in _PUB_KEYS if p.meta.get(k)), None)
    return {"text": _tidy("".join(p.parts)), "title": title, "date": date, "publication": pub}
