"""Sentence splitting with character offsets.

Rule-based because the extractors only need sentence *spans* for provenance
and clause scoping; an abbreviation list plus a few shape rules handle news
prose ("U.S.", "Dr.", "Mo.", initials) without a model.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .glued import seam_candidates, seams_in
from .metadata import dateline_span  # noqa: F401  (re-exported: one dateline rule)

# Abbreviations after which a period does not end a sentence (lower-cased, without the dot).
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "col", "lt", "capt",
    "sgt", "maj", "adm", "rev", "sen", "rep", "gov", "pres", "no", "nos", "vol", "pp", "fig",
    "inc", "ltd", "co", "corp", "dept", "univ", "assn", "bros", "etc", "vs", "cf", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mo", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind",
    "kan", "ky", "la", "md", "mass", "mich", "minn", "miss", "mont", "neb", "nev", "okla",
    "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "ont", "que", "e.g", "i.e",
    "a.m", "p.m", "u.s", "u.k", "u.n", "n.y", "n.j", "d.c", "e.u",
}

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n\s*\n|\n(?=[A-Z][A-Z ,.'-]{2,}\n)")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` closes an abbreviation rather than a sentence."""
    i = dot
    while i > 0 and not text[i - 1].isspace() and text[i - 1] not in "(\"'“‘":
        i -= 1
    word = text[i:dot].lower()
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    # Single initials ("J. Smith") and dotted acronyms ("U.S.", "N.Y.").
    if len(word) == 1 and word.isalpha():
        return True
    if _INITIALS.fullmatch(word):
        # A dotted acronym ends a sentence only when a capitalised word follows
        # that would otherwise start a new sentence; too ambiguous: keep it inside.
        nxt = text[dot + 1:dot + 3]
        return not (nxt[:1].isspace() and nxt[1:2].isupper() and False)
    return False


# Capitalised words that open a sentence and never follow a title or an initial: after "N.C." or
# "Corp." they show that the abbreviation also closed the sentence ("... of Charlotte, N.C. The
# Dallas concern said ...").
_OPENERS = {"The", "A", "An", "He", "She", "It", "They", "We", "I", "In", "On", "At", "But", "And", "This",
            "That", "These", "Those", "His", "Her", "Its", "Their", "There", "After", "Before", "When",
            "While", "Yesterday", "Today", "Last", "Earlier", "Later", "Meanwhile", "However", "Also"}
_TITLES = {"mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "capt", "sgt", "maj",
           "adm", "rev", "sen", "rep", "gov", "pres", "no", "nos", "vol", "pp", "fig", "vs", "cf", "approx"}
_NEXT_WORD = re.compile(r"\s+([A-Z][a-z]*)\b")


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether the word after an abbreviation's dot starts a new sentence."""
    m = _NEXT_WORD.match(text, pos)
    if not m or m.group(1) not in _OPENERS or text[m.end():m.end() + 1] == ".":
        return False      # "J. A. Smith": an initial, not "A" opening a sentence
    i = pos - 1
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return text[i:pos - 1].lower().rstrip(".") not in _TITLES


def split_sentences(text: str, offset: int = 0, dateline: Optional[tuple[int, int]] = None) -> list[Sentence]:
    """Sentences of ``text`` with offsets (shifted by ``offset``), whitespace trimmed.

    ``dateline``: its (start, end) when the caller already found it (text/metadata.py);
    the dateline is always a sentence of its own."""
    spans: list[tuple[int, int]] = []
    start = 0
    dl_start, dl_end = dateline if dateline is not None else dateline_span(text)
    dl_at = dl_start if dl_end else -1
    for m in _BOUNDARY.finditer(text, 0):
        if dl_end and start <= dl_start < m.end():
            # The dateline is its own span, whatever punctuation it holds ("Oct. 15").
            if dl_start > start:
                spans.append((start, dl_start))
            spans.append((dl_start, dl_end))
            start = dl_end
            dl_end = 0
            if m.end() <= start:
                continue
        punct = m.group(0)
        if punct.startswith(".") and not punct.strip().startswith("\n"):
            if _is_abbreviation(text, m.start()) and not _opens_sentence(text, m.end()):
                # An abbreviation still ends a sentence when the next line is blank.
                continue
            # "... 4.5 kilos": decimal points are not followed by whitespace, so never here.
        end = m.end()
        spans.append((start, end))
        start = end
    if dl_end and start <= dl_start:
        if dl_start > start:
            spans.append((start, dl_start))
        spans.append((dl_start, dl_end))
        start = dl_end
    spans.append((start, len(text)))
    out: list[Sentence] = []
    for s, e in _unglued(text, spans, dl_at):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(s + offset, e + offset, text[s:e]))
    return out


def _unglued(text: str, spans: list[tuple[int, int]], dl_at: int) -> list[tuple[int, int]]:
    """``spans`` cut where a headline or a photo caption written without a full stop runs into
    the sentence after it ("Haiti devastated by massive quake Thousands of people are ...":
    text/glued.py); the dateline stays whole."""
    candidates = seam_candidates(text)
    if not candidates:
        return spans
    out: list[tuple[int, int]] = []
    lo = 0
    for s, e in spans:
        while lo < len(candidates) and candidates[lo] <= s:
            lo += 1
        hi = lo
        while hi < len(candidates) and candidates[hi] < e:
            hi += 1
        cuts = seams_in(text, candidates[lo:hi], s, e) if hi > lo and e - s > 40 and s != dl_at else []
        for c in cuts:
            out.append((s, c))
            s = c
        out.append((s, e))
    return out
