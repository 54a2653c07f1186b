"""Where a news text talks about itself: header lines, dateline, byline, sign-offs.

Found once per document (``find_metadata``) and handed to every annotator as
spans, so no event, agent or participant is ever read from "NICOSIA, August 8
(Xinhua) --", "By JOHN SMITH" or "Jim Laurie, ABC News, Hong Kong." Only the
shape of the line is used, never a list of places or reporters, so it holds
for any wire service or broadcaster.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .reader_posts import reader_post_spans

# "Publication: X  Volume: 4": a leading block of "Key: value" lines.
_HEADER_LINE = re.compile(r"[A-Z][\w ]{0,24}:\s+\S")
# A news dateline ("MOSCOW (AP) _", "WASHINGTON, March 12 (Xinhua) --", "GOMA, April 5 (AFP) - ",
# "HONG KONG | Tue May 12, 2009 8:56 am EDT HONG KONG (Reuters) -"). It opens the text or the
# first paragraph after a headline.
_DATELINE = re.compile(r"[ \t]*([A-Z][A-Z.'\- ]{2,})((?:,|\s\|)[^\n(]{1,60})?\s*(?:\(([^()\n]{1,30})\))?"
                       r"\s*(?:_|--?|—|–)(?:\s|$)")
# The same dateline inside one of the first lines, after a byline or a headline glued to it ("By Maggie
# Fox, Health and Science Editor WASHINGTON | Sun May 10, 2009 2:51 pm EDT WASHINGTON (Reuters) - "):
# only with a date or a "|" after the place, a capitalised agency in brackets and a sentence starting
# after the dash, the form no sentence takes ("the UN (United Nations) - led talks" is none).
_DATELINE_IN_LINE = re.compile(r"(?<![\w.'-])([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*)((?:,|\s\|)[^\n(]{1,60})\s*"
                               r"\(([A-Z][\w!.&]*(?: [A-Z][\w!.&]*){0,2})\)\s*(?:_|--?|—|–)\s+(?=[A-Z\"“‘'])")
_HEADLINE = re.compile(r"\s*(?:[^\n]{1,200}\n){1,3}\s*\n")
_BYLINE = re.compile(r"[ \t]*By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:,\s*[^\n]{0,60})?[ \t]*(?=\n|$)")
# Broadcast sign-offs and hand-overs, each a whole sentence: "Jim Laurie, ABC News, Hong Kong.",
# "Steve Hurst, CNN, the state department.", "Here's ABC's Jim Laurie.", "Steve Hurst has that."
_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2}"
_SIGN_OFF = re.compile(
    r"(?:" + _NAME + r",\s+(?:[A-Z]{2,5}|[A-Z][\w]*\s+News)\b(?:,[^,.]{1,40}){0,2}\.?"
    r"|(?:Here's|Here\s+is|Now\s+here's)\s+(?:[A-Z]{2,5}['’]s\s+)?" + _NAME + r"[.!]?"
    r"|(?:[A-Z]{2,5}['’]s\s+)?" + _NAME + r"\s+(?:has\s+(?:that|more|the\s+story|details)|reports)[.!]?"
    # "--- Jane Roe in Amman contributed to this article.": a credit line
    r"|[-_\s]*[A-Z][^.]{0,150}\bcontributed\s+to\s+this\s+(?:article|report|story)\.?)\s*$")


# Web-page furniture saved with the article text, wherever a line of it was glued: the page's
# time stamp ("6 January 2011 Last updated at 04:46 GMT Help", "Page last updated at 08:58 GMT,
# Thursday, 24 June 2010 09:58 UK"), a server error left in the page ("(an error occurred while
# processing this directive)") and a photo credit or caption marker ("Photograph: Carl de
# Souza/AFP/Getty Images", "PHOTO:"). Shapes only, no site's name: a stamp is "last updated"
# followed by nothing but clock times, dates, weekdays and zone abbreviations.
_MONTH_WORD = (r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
               r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
# A reader comment's header: "At 9:53 pm on 22 Jun 2009, sensiblegrannie wrote:", "At 10:16 1st May
# 2009, ynda20 wrote:".
_COMMENT_HEADER = (r"\bAt\s+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s+)?(?:on\s+)?\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_WORD
                   + r",?\s+\d{4},\s+[^\n:]{1,60}?\s+wrote:")
_STAMP_BIT = (r"(?:\d{1,2}/\d{1,2}/\d{2,4}\b|\d{1,4}(?:[:.]\d{2}(?::\d{2})?)?(?:\s*[ap]\.?m\.?)?(?!\w)|[A-Z]{2,4}\b|" + _MONTH_WORD
              + r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|[,|\-–])")
_FURNITURE = re.compile(
    r"(?:(?<=\n)|^)[ \t]*(?:\d{1,2}\s+" + _MONTH_WORD + r"\s+\d{4}\s+)?(?=Last\s+updated)"   # the date before a stamp
    r"|(?:Page\s+last|Last)\s+updated(?:\s+at|:)?(?:\s*" + _STAMP_BIT + r")+(?:\s+Help\b)?"
    # "Added: Tuesday, 19 January, 2010, 17:08 GMT 17:08 UK" (a live page's entry stamp): a weekday
    # or a day and month, then a clock time, after the colon.
    r"|(?:Added|Updated|Published|Posted|First\s+published):\s*(?=(?:[A-Z][a-z]+day,?\s+)?\d{1,2}\s+"
    + _MONTH_WORD + r",?\s+\d{4},?\s+\d{1,2}[:.]\d{2})(?:\s*" + _STAMP_BIT + r")+"
    r"|\(an error occurred while processing this directive\)"
    # A reader comment's header ("At 9:53 pm on 22 Jun 2009, sensiblegrannie wrote:"), glued to the
    # comment before it: the commenter's handle is no actor and the header no label.
    r"|" + _COMMENT_HEADER +
    r"|(?:(?<=\n)|^)[ \t]*[\"“]?(?:Photograph|Photo|PHOTO|Picture)(?:\s+(?:credits?|CREDITS?))?:[ \t]*"
    r"(?:(?:[A-Z][\w.'’-]*(?:[ \t]+(?:de|da|van|von|del|[A-Z][\w.'’-]*)){0,3}/)+[A-Z][\w.'’-]*"
    r"(?:[ \t]+(?:[Ii]mages|Pictures))?|[A-Z]{2,5}\b(?=[ \t]+[A-Z]))?")


# A section heading in capitals glued before the first sentence of its section ("SYMPTOMS - WHAT TO
# DO Swine flu symptoms are ..."): a dash or colon inside it, or four capitalised words or more, so
# "US FDA Commissioner Hamburg said" keeps its subject.
_CAPS_WORD = r"[A-Z][A-Z'’&.]*"
_HEADING = re.compile(r"(?:(?<=\n)|^)[ \t]*(" + _CAPS_WORD + r"(?:[ \t]+" + _CAPS_WORD + r")*(?:[ \t]*(?:[-–—:]|--)[ \t]*"
                      + _CAPS_WORD + r"(?:[ \t]+" + _CAPS_WORD + r")*|(?:[ \t]+" + _CAPS_WORD + r"){3,}))"
                      r"[ \t]+(?=[A-Z][a-z])")


# A bare time stamp of a page or a blog post ("Sunday 26 April 2009 11.25 BST", "Fergus Walsh | 16:45
# UK time, Monday, 22 June 2009", "2009 05 3 08:53 JST"): a run of nothing but date and clock words
# holding a year, a clock time and a zone; prose puts "at", "on" or "local time" between them.
_STAMP_RUN = re.compile(r"(?:(?:(?<=\n)|^)[ \t]*[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){0,3}[ \t]*\|[ \t]*)?"
                        r"(?:(?:(?:Page\s+)?[Ll]ast\s+)?(?:[Uu]pdated|Added|Published|Posted)(?:\s+on|\s+at)?:?[ \t]+)?"
                        r"(?<![\w:.])" + _STAMP_BIT + r"(?:\s*(?:" + _STAMP_BIT + r"|(?<=[A-Z])\s+time\b))+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CLOCK_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_ZONE = re.compile(r"\b[A-Z]{2,4}\b")


_COMMENTS = re.compile(_COMMENT_HEADER)


@dataclass(frozen=True, slots=True)
class MetaSpan:
    kind: str        # "header", "headline", "dateline", "byline", "sign-off", "furniture", "heading", "comments"
    start: int
    end: int


@dataclass(slots=True)
class Metadata:
    spans: list[MetaSpan] = field(default_factory=list)
    body_start: int = 0                     # where the prose starts (after header, dateline, byline)
    place: Optional[str] = None             # the dateline's place, as written
    source: Optional[str] = None            # the dateline's agency: "AP", "Xinhua"

    def span(self, kind: str) -> Optional[MetaSpan]:
        return next((s for s in self.spans if s.kind == kind), None)

    def covers(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside a metadata span."""
        return any(m.start <= start and end <= m.end for m in self.spans)


def header_end(text: str) -> int:
    """Offset where the prose starts when the text opens with a block of "Key: value" lines, else 0."""
    m = re.match(r"\s*", text)
    pos = m.end()
    first_block_end = text.find("\n\n", pos)
    block = text[pos:first_block_end if first_block_end >= 0 else len(text)]
    lines = [ln for ln in block.splitlines() if ln.strip()]
    if lines and all(_HEADER_LINE.match(ln.strip()) for ln in lines) and first_block_end >= 0:
        return first_block_end
    return 0


def _headline_end(text: str):
    m = _HEADLINE.match(text)
    return m.end() if m and m.end() < len(text) else None


def _dateline(text: str):
    """The dateline's regex match, or None.

    A single hyphen only counts when the place is followed by a date or an
    agency in brackets, so "UN - led talks" never reads as a dateline.
    """
    # Also after leading blank lines, as TimeML's <TEXT> and much wire copy begin, and at the start of
    # the second or third line: web copy puts a headline or photo caption on a line of its own with no
    # blank line after it ("Policemen stop a mother ...\nMEXICO CITY | Sat Jun 6, 2009 ... (Reuters) -").
    first, lines = _skip_space(text, 0), _next_line_starts(text, 2)
    for pos in (first, _headline_end(text), *lines):
        if pos is None:
            continue
        m = _DATELINE.match(text, pos)
        if not m:
            continue
        sep = text[m.start():m.end()].rstrip()
        if sep.endswith("-") and not sep.endswith("--") and not ("(" in sep or "," in sep or "|" in sep):
            continue
        return m
    end = text.find("\n", lines[-1] if lines else first)
    return _DATELINE_IN_LINE.search(text, first, min(end if end >= 0 else len(text), 600))


def _next_line_starts(text: str, count: int, within: int = 600) -> list[int]:
    """Where the ``count`` lines after the first start, if they start within ``within`` characters."""
    starts, pos = [], _skip_space(text, 0)
    for _ in range(count):
        nl = text.find("\n", pos, within)
        if nl < 0:
            break
        pos = _skip_space(text, nl + 1)
        starts.append(pos)
    return starts


def dateline_span(text: str) -> tuple[int, int]:
    """(start, end) of a leading news dateline, or (0, 0)."""
    m = _dateline(text)
    return (m.start(1), m.end()) if m else (0, 0)


def find_metadata(text: str) -> Metadata:
    """Every span of ``text`` that is about the report rather than the news."""
    meta = Metadata()
    he = header_end(text)
    if he:
        meta.spans.append(MetaSpan("header", len(text) - len(text.lstrip()), he))
    body = he
    m = _dateline(text)
    if m:
        meta.spans.append(MetaSpan("dateline", m.start(1), m.end()))
        meta.place = m.group(1).strip().rstrip(",") or None
        meta.source = (m.group(3) or "").strip() or None
        body = max(body, m.end())
    b = _BYLINE.match(text, _skip_space(text, body))
    if b and b.start() < 400:
        meta.spans.append(MetaSpan("byline", _skip_space(text, b.start()), b.end()))
        body = max(body, b.end())
    meta.body_start = body
    meta.spans.extend(furniture_spans(text))
    c = _COMMENTS.search(text, body)
    if c:
        # Readers' comments follow the article on its page: from the first comment's header to the
        # end, the text is readers' opinions, not the report (no event, no actor).
        meta.spans.append(MetaSpan("comments", c.start(), len(text)))
    # Boards of signed readers' posts without such headers (text/reader_posts.py).
    meta.spans.extend(MetaSpan("comments", s, e) for s, e in reader_post_spans(text)
                      if not (c and c.start() <= s))
    meta.spans.sort(key=lambda s: s.start)
    return meta


def furniture_spans(text: str) -> list[MetaSpan]:
    """Web-page furniture (page stamps, server errors, photo credits) and capitals section headings
    glued to a sentence, anywhere in ``text``, as spans that give no event, no actor and no label;
    a date opening the stamp's line joins it."""
    out: list[MetaSpan] = []
    for m in _FURNITURE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if s >= e:
            continue
        if out and out[-1].end >= s - 1:        # the date before a stamp, then the stamp
            out[-1] = MetaSpan("furniture", out[-1].start, e)
        else:
            out.append(MetaSpan("furniture", s, e))
    for m in _STAMP_RUN.finditer(text):
        run = m.group(0).rstrip(" \t,|-–")
        if _YEAR.search(run) and _CLOCK_TIME.search(run) and _ZONE.search(run.split("|")[-1]) and not any(
                f.start <= m.start() < f.end for f in out):
            out.append(MetaSpan("furniture", m.start() + len(run) - len(run.lstrip()), m.start() + len(run)))
    for m in _HEADING.finditer(text):
        if sum(c.isalpha() for c in m.group(1)) >= 6:
            out.append(MetaSpan("heading", m.start(1), m.end(1)))
    out.sort(key=lambda m: m.start)
    return out


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def is_sign_off(sentence: str) -> bool:
    """A broadcast hand-over or sign-off: the reporter's name, not news."""
    return len(sentence) <= 200 and _SIGN_OFF.match(sentence) is not None
