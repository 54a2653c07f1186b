"""One document read once: its sentences and tokens, and the layers annotators add over them.

``annotate`` splits the text into sentences and tokens a single time, marks the
spans that are about the report rather than the news (header, dateline, byline,
sign-offs: text/metadata.py), then adds the layers every later step reads from
the same object: time expressions, actor mentions. The event builder adds
clauses, citations and events over the same tokens and sentences.

    doc = annotate(text, dct="1998-08-08", doc_id="a")
    doc.sentences[k], doc.tokens[k]      # the k-th sentence and its tokens
    doc.is_prose(k)                      # False for the dateline, a sign-off ...
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .actors.resolve import DocActors, resolve_document
from .model import Interval, Timex
from .text.metadata import Metadata, MetaSpan, find_metadata, is_sign_off
from .text.sentences import Sentence, split_sentences
from .text.tokens import Token, tokenize


@dataclass
class AnnotatedDocument:
    text: str
    metadata: Metadata
    sentences: list[Sentence]
    tokens: list[list[Token]]          # per sentence, absolute offsets; empty for header, byline, sign-off
    prose: list[bool]                  # per sentence: news text (True) or metadata (False)
    timexes: list[Timex] = field(default_factory=list)
    actors: Optional[DocActors] = None
    dct_value: Optional[str] = None
    dct_interval: Optional[Interval] = None
    notes: list[str] = field(default_factory=list)   # what went wrong in one layer, kept going

    def is_prose(self, k: int) -> bool:
        return self.prose[k]

    def report_timex(self) -> Optional[Timex]:
        """The date written in the dateline ("NICOSIA, August 8 (Xinhua) --"), if any."""
        dl = self.metadata.span("dateline")
        if dl is None:
            return None
        return next((t for t in self.timexes if dl.start <= t.start and t.end <= dl.end
                     and t.interval is not None), None)


def _sentences(text: str, meta: Metadata) -> tuple[list[Sentence], list[bool]]:
    dl = meta.span("dateline")
    raw = _cut_at_furniture(text, split_sentences(text, dateline=(dl.start, dl.end) if dl else (0, 0)), meta)
    out: list[Sentence] = []
    prose: list[bool] = []
    for s in raw:
        start = s.start
        # A sentence that opens inside a metadata span (a byline on the line above the
        # first sentence) keeps only what follows the span.
        for m in meta.spans:
            if m.kind in _IN_PROSE:
                continue      # page furniture stays inside its sentence, out of its tokens
            if m.start <= start < m.end:
                if s.end <= m.end:
                    out.append(s)
                    prose.append(False)
                    start = -1
                    break
                start = m.end
                while start < s.end and text[start].isspace():
                    start += 1
                out.append(Sentence(s.start, m.end, text[s.start:m.end]))
                prose.append(False)
        if start < 0:
            continue
        sent = s if start == s.start else Sentence(start, s.end, text[start:s.end])
        if start < meta.body_start:
            prose.append(False)     # the header block
        elif is_sign_off(sent.text):
            meta.spans.append(MetaSpan("sign-off", sent.start, sent.end))
            prose.append(False)
        else:
            prose.append(True)
        out.append(sent)
    meta.spans.sort(key=lambda m: m.start)
    return out, prose


# Metadata kinds left inside the sentence they were glued to (its date still dates what the sentence
# tells, as it did before they were found) but out of its tokens: no name, verb or label word.
_IN_PROSE = ("furniture", "heading")


def _without_furniture(toks: list[Token], furniture: list[MetaSpan]) -> list[Token]:
    """A sentence's tokens less those inside page furniture: no name, verb or label word comes from
    "Updated: November 11, 2011 20:09 IST" on the line between a headline and the story."""
    if not toks or not any(m.start < toks[-1].end and toks[0].start < m.end for m in furniture):
        return toks
    return [t for t in toks if not any(m.start <= t.start < m.end for m in furniture)]


def _cut_at_furniture(text: str, raw: list[Sentence], meta: Metadata) -> list[Sentence]:
    """A sentence with page furniture glued inside a line ("... says sister Page last updated at 08:58
    GMT ... UK Michael Jackson was murdered") ends where the furniture starts: the headline before
    it is a sentence of its own, the furniture and the story after it another."""
    # (Furniture on a line of its own, inside a sentence the splitter joined across lines, stays
    # in it: its words are left out of the sentence's tokens instead, see ``_without_furniture``.)
    cuts = [m.start for m in meta.spans if m.kind in _IN_PROSE
            and text[text.rfind("\n", 0, m.start) + 1:m.start].strip()]
    if not cuts:
        return raw
    out: list[Sentence] = []
    for s in raw:
        start = s.start
        for c in cuts:
            if start < c < s.end:
                end = c
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    out.append(Sentence(start, end, text[start:end]))
                start = c
        out.append(s if start == s.start else Sentence(start, s.end, text[start:s.end]))
    return out


def annotate(text: str, dct: Optional[str] = None, doc_id: str = "") -> AnnotatedDocument:
    """Sentences, tokens, metadata, time expressions and actor mentions of one text."""
    meta = find_metadata(text)
    sentences, prose = _sentences(text, meta)
    dl = meta.span("dateline")
    # The dateline's words are read for names (its place and agency are actors of the corpus);
    # as metadata it never gives an event, an agent or a participant.
    tokens = [tokenize(s.text, s.start) if p or (dl is not None and s.start == dl.start) else []
              for s, p in zip(sentences, prose)]
    furniture = [m for m in meta.spans if m.kind in _IN_PROSE]
    if furniture:
        tokens = [_without_furniture(toks, furniture) for toks in tokens]
    doc = AnnotatedDocument(text, meta, sentences, tokens, prose)
    try:
        from .timex import parse_dct, tag
    except ImportError as exc:    # the app still finds actors and undated facts without it
        doc.notes.append(f"time expressions not tagged: {exc}")
    else:
        doc.timexes = tag(text, dct, doc_id)
        if dct:
            try:
                doc.dct_value, doc.dct_interval = parse_dct(dct)
            except (ValueError, TypeError):
                pass
    doc.actors = resolve_document(text, sentences=sentences, tokens=tokens,
                                  dateline=(dl.start, dl.end) if dl is not None else (0, 0))
    return doc
