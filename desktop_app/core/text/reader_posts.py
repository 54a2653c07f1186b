"""Readers' posts saved with a news page: comment boards, "Have your say", "Your stories", message
boards, whether or not the page gives each post a header with a time stamp.

A report tells what happened in the third person; a board of readers' posts is a run of
paragraphs in the first person, each signed by its reader: a name and a place on a line of their
own or glued to the post ("Alfred Penderel Bright, Harrogate, North Yorkshire.", "SUSAN
WESTWOOD, PORT AU PRINCE, HAITI I am a paediatric nurse ...", "Dr Vicente Torres, Monterrey,
Nuevo Leon, Mexico I have been trying ..."), or introduced by the site ('Catherine McMillan from
Oxfordshire sent us this request ...: Catherine: "I am searching ...'). A region of the page
holding two signatures or more, whose other lines mostly speak in the first person outside
quotation, is readers' words: no event and no actor comes from it (a reader's "I", a reader's
home town read as a person, "Pool Quay Welshpool"); so is a run of six lines or more in the first
person around a lone signature (a page of readers' stories that kept one signature). A signed
line in a report is a quoted witness or a byline, and a report quoting a witness at length has
no signatures: both stay news.
"""
from __future__ import annotations

import re

from .gazetteer_words import place_names
from .glued import sentence_openers
from .quotes import speaks_in_first_person

# A reader's name at the start of a line, then a comma: "Dr Vicente Torres, ", "Dave B (Brit
# ex-pat), ", "Agustin & JJ, ", "SUSAN WESTWOOD, ".
_SIGNER = re.compile(r"[ \t]*(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?[ \t]+)?[A-Z][\w.'’-]*(?:[ \t]+(?:&[ \t]+|and[ \t]+)?[A-Z][\w.'’-]*){0,3}"
                     r"(?:[ \t]*\([^()\n]{1,30}\))?,[ \t]+")
# No reader's name: an abbreviation ("GMT, PORT-AU-PRINCE" in a diary's "19 JANUARY, 2200 GMT, ..."),
# a month or a weekday.
_NOT_SIGNER = re.compile(r"[ \t]*(?:[A-Z]{1,5}|(?i:January|February|March|April|May|June|July|August|September|October"
                         r"|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))")
# The places after it, comma-separated runs of capitalised words.
_PLACE_RUN = re.compile(r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*)*")
# The site introducing a post ("... sent us this message in August 2009: Neil: "Firstly ...'), or a
# poster's name before the post's opening quotation mark.
_POST_INTRO = re.compile(r"\b(?:sent|e-?mailed|wrote\s+to)\s+us\b|(?:^|[:.][ \t]+)[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?:"
                         r"[ \t]*[\"“]")
_FIRST_PERSON_OPENERS = frozenset({"I", "I'm", "I've", "I'd", "My", "We", "We're", "We've", "Our"})
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"'”’)]*|$)")
# Lines between two signatures of one board (long posts, and signatures the rule does not see).
MAX_GAP = 60
# Of the lines of a board that are no signature, at least this share speak in the first person.
MIN_FIRST_PERSON = 1 / 4
# Lines in the first person around a lone signature that make a board.
MIN_LONE_BOARD = 6
# Lines looked ahead when a board is widened beyond its signatures.
WINDOW = 6


def is_signature(line: str, whole: bool = True) -> bool:
    """A reader's name and place opening ``line``: the whole line ("Ashok, St Petersburg, FL, USA";
    only if ``whole``), or followed by the post glued to it, when the last place is one the
    gazetteer knows ("Yeny Gregorio Davila, Mexico City The situation in Mexico City is ...")."""
    m = _SIGNER.match(line)
    if m is None or _NOT_SIGNER.fullmatch(m.group(0).rstrip(", \t")):
        return False
    pos, places = m.end(), place_names()
    while True:
        run = _PLACE_RUN.match(line, pos)
        if run is None:
            return False
        rest = line[run.end():].strip()
        if rest in ("", "."):
            return whole
        if rest.startswith(",") and _PLACE_RUN.match(rest[1:].lstrip()):
            pos = line.index(",", run.end()) + 1
            while pos < len(line) and line[pos] in " \t":
                pos += 1
            continue
        words = run.group(0).split()
        # The post glued on: the run's words up to a known place, then a capitalised word ("Mexico
        # City The situation ..."), or up to a word that only opens sentences ("St Austell, Cornwall
        # How do we ...", "Southport Great Britain Seems to me ...").
        openers = _openers()
        return any(words[k] in openers or any(" ".join(words[j:k]).lower().rstrip(".") in places for j in range(k))
                   for k in range(1, len(words)))


def _openers() -> frozenset:
    """Capitalised words that open a sentence and never end a place's name: the function words of
    text/glued.py and the first person."""
    return sentence_openers() | _FIRST_PERSON_OPENERS


def signed(line: str) -> bool:
    """A reader's signature opens ``line`` or is glued inside it after the post before it ("...
    wash hands Darren Spraggs, New Malden, UK By not panicking ...")."""
    if ", " not in line:
        return False
    # (Inside a line, a name and a place closing it are a caption's "... in Port-au-Prince, Haiti.")
    return any(is_signature(line[m.start():], whole=m.start() == 0) for m in _NAME_START.finditer(line))


# Where a signature may start inside a line: at its start, after a sentence, after a plain word.
_NAME_START = re.compile(r"(?:^|(?<=[.!?][ \t])|(?<=[a-z][ \t]))(?=[A-Z])")


def _first_person(line: str) -> bool:
    return any(speaks_in_first_person(s.group(0)) for s in _SENTENCE.finditer(line))


def reader_post_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every region of ``text`` that is readers' posts (see the module's note)."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for ln in text.split("\n"):
        if ln.strip():
            lines.append((pos, pos + len(ln)))
        pos += len(ln) + 1
    if len(lines) < 3:
        return []
    marks = [k for k, (s, e) in enumerate(lines) if signed(text[s:e]) or _POST_INTRO.search(text[s:e])]
    if not marks:
        return []
    first = [_first_person(text[s:e]) for s, e in lines]
    # One board from the first signature to the last (a long board signs few of its posts in a
    # way the rule sees), else the boards of signatures close together.
    whole = _board(marks, first, lines)
    if whole:
        return [whole]
    out: list[tuple[int, int]] = []
    group = [marks[0]]
    for k in marks[1:] + [None]:
        if k is not None and k - group[-1] <= MAX_GAP:
            group.append(k)
            continue
        board = _board(group, first, lines)
        if board and out and board[0] <= out[-1][1]:      # two boards widened into each other
            out[-1] = (out[-1][0], max(out[-1][1], board[1]))
        elif board:
            out.append(board)
        group = [k] if k is not None else []
    return out


def _board(marks: list[int], first: list[bool], lines: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The board between the first and the last of ``marks`` (signed lines), widened, if two
    signatures or more hold lines at least ``MIN_FIRST_PERSON`` of which speak in the first person;
    around one signature, a board if ``MIN_LONE_BOARD`` lines of it speak in the first person (a
    page of readers' stories that kept one of its signatures)."""
    if len(marks) == 1:
        lo, hi = _widen(marks[0], -1, first), _widen(marks[0], 1, first)
        return (lines[lo][0], lines[hi][1]) if sum(first[lo:hi + 1]) >= MIN_LONE_BOARD else None
    signed_lines = set(marks)
    inner = [j for j in range(marks[0], marks[-1] + 1) if j not in signed_lines]
    if not inner or sum(first[j] for j in inner) < MIN_FIRST_PERSON * len(inner):
        return None
    lo, hi = _widen(marks[0], -1, first), _widen(marks[-1], 1, first)
    return lines[lo][0], lines[hi][1]


def _widen(k: int, d: int, first: list[bool]) -> int:
    """The board goes on before its first signature (a post signed below it) and after its last
    one (a post signed above it) while the next ``WINDOW`` lines hold two in the first person; it
    ends on the last such line."""
    end = k
    while 0 <= k + d < len(first):
        ahead = first[k + d:k + d + WINDOW * d:d] if d > 0 else first[max(0, k - WINDOW):k][::-1]
        if sum(ahead) < 2:
            break
        k += d
        if first[k]:
            end = k
    return end
