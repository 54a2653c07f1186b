"""Turning one annotated document's sentences into events and undated facts.

Works on document-local actor indexes; the pipeline's merge step maps them
to corpus-wide actor ids. Every event keeps its span inside one sentence, so
a mark on the timeline always leads back to the words it came from.

How events are formed (README "Events"):
* every prose sentence (not the dateline, byline or a sign-off) with a date of a
  happening is an event, whether or not a named actor takes part;
* a sentence whose dates fall in different clauses gives one event per clause,
  each with its own date and label;
* a date that is not the happening's (a contrast, a deadline or maturity, an
  attribute of a thing, a title) dates nothing; "since X" / "until X" give an
  open start / end;
* a sentence with no date of its own is dated by ``DATELESS_RULE``;
* a sentence with neither a date nor an actor gives nothing; nor does a question or a
  sentence addressed to the reader (``not_news.py``).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Optional

from ..model import EventDate, Interval, Timex
from ..actors import cues
from .anaphora import NOMINAL, NOMINAL_LEAD, PERSON_PRONOUN, Window, pronoun_role
from .citations import find_citation
from .clauses import _is_past, _whole_phrases, read_clause
from .nominal import nominal_happening
from .not_news import reports_nothing

# A time expression after these words is a contrast or a bound, not the event's time.
_NOT_EVENT_TIME = re.compile(
    r"(?:\bunlike(?:\s+in)?|\bcompared\s+(?:with|to)|\bthan(?:\s+in)?|\bthan\s+(?:it\s+)?(?:was|were|did)(?:\s+in)?"
    r"|\bby(?:\s+the\s+(?:end|middle|start|beginning|close)\s+of)?"                  # "by 2026": a deadline
    r"|\bdue(?:\s+(?:in|on|by))?|\bmatur(?:e|es|ing)(?:\s+(?:in|on))?|\bexpir(?:e|es|ing)(?:\s+(?:in|on))?"
    r"|\bdeadline(?:\s+(?:of|is|was))?|\bpayable(?:\s+(?:on|in))?|\bof\s+record"
    r"|\b(?:puttable|callable|redeemable)\b[^,;.]{0,30}?\b(?:in|on|after|from)"     # a bond's terms, like its maturity
    # "to $85.7 million from $93.3 million a year earlier": the base of a comparison
    r"|\b(?:up|down)?\s*from\s+(?:about\s+|roughly\s+|(?:fewer|more|less)\s+than\s+)?\$?[\d.,]+(?:\s+(?:million|billion|percent|%|cents?))?(?:,?\s+or\s+[^,;]{1,30})?,?(?:\s+in)?)\s*$",
    re.I)
_EARLIER_PERIOD = re.compile(r"\b(?:ago|earlier)\b|^(?:the\s+)?(?:last|previous|prior)\s+(?:year|quarter)\b", re.I)
_SINCE = re.compile(r"(?:\bsince|\bstarting(?:\s+(?:in|on))?|\bbeginning(?:\s+(?:in|on))?)\s*$", re.I)
_DECADE_OR_FINER = re.compile(r"\d{3}")   # TIMEX3 values: "199X" is a decade, "11" a century
# "the first papal visit since 1982", "the worst recession since 1929": the last time something like it
# happened, the base of a comparison, not a period the happening spans.
_SINCE_BASELINE = re.compile(
    r"\b(?:first|only|highest|lowest|biggest|largest|smallest|worst|best|deadliest|strongest|weakest|heaviest"
    r"|longest|shortest|fastest|slowest|busiest|greatest|hottest|coldest|sharpest|steepest|most|fewest)\b"
    r"[^,;.!?]{0,30}\bsince\s*$", re.I)
_UNTIL = re.compile(r"(?:\buntil|\btill|\bthrough|\bup\s+to)\s*$", re.I)
# Time words that mid-sentence and capitalised are a name ("High Noon", "Today" the show).
_TIME_WORDS = {"noon", "midnight", "today", "tonight", "tomorrow", "yesterday", "morning", "evening",
               "afternoon", "night", "now", "day", "week", "year", "dawn", "dusk"}
_FOLLOW_UP = re.compile(r"^(?:He|She|It|They|His|Her|Its|Their|The\s+(?:group|organization|company|man|woman|official|suspect))\b")
_PRONOUN_PERSON = re.compile(r"^(?:He|She|His|Her|The\s+(?:man|woman|official|suspect))\b")
_POSSESSIVE_LEAD = re.compile(r"^(?:His|Her|Its|Their)\b")
_UNANCHORED = {"PRESENT_REF", "FUTURE_REF", "PAST_REF"}
# Where a sentence's clauses meet: a dated clause ends at the first of these after its date.
_CLAUSE_BREAK = {",", ";", ":", "and", "but", "while", "whereas", "after", "before", "when", "that", "as",
                 "--", "—", "–", "which", "who", "then"}

# What a prose sentence with no date of its own gets (measured on TBAQ, README "Events"):
#   "story":    the latest date told before it when that was in the same paragraph (it goes on
#               with the same happening); else the report day when the story names it ("Tuesday"
#               in a Tuesday report); else nothing (a date paragraphs back was right for 5 of
#               17 judged sentences on TBAQ, F1 80.0 -> 80.3 without it). Only a told
#               happening (past tense) takes it; "has claimed" and "…, officials said" take the
#               named report day first; a present statement only the report day; "will" nothing;
#   "previous": always the latest date before it;  "report": the named report day or nothing;
#   "none":     no date (an undated fact when an actor takes part).
DATELESS_RULE = "story"
# How many sentences after one dated an earlier day the report day stays out of dateless sentences.
EARLIER_DAY_REACH = 3
# How many sentences a told date reaches within its paragraph: a page printed one sentence a line
# (web copies, comment threads) is one long paragraph, where a year told sixty lines earlier dated
# every past-tense sentence after it (TBAQ anchors: reach 3 is P/R 88.2/77.1, 8 or more 88.0/77.0).
STORY_REACH = 3
# A story that never writes its creation day takes as its report day a day its lead tells, at
# most this many days before the creation time, in its first LEAD_SENTENCES prose sentences.
LEAD_DAY_LAG = 3
LEAD_SENTENCES = 3


@dataclass(slots=True)
class LocalEvent:
    start: int
    end: int
    label: str
    date: Optional[EventDate]
    participants: list[tuple[int, Optional[str]]] = field(default_factory=list)   # (local actor, role)
    report_source: Optional[int] = None
    report_timex: Optional[Timex] = None
    sentences: list[tuple[int, int]] = field(default_factory=list)   # the sentence it comes from
    from_relative: bool = False     # dated "on or before" by a vague past reference
    inferred: bool = False          # dated by the story around it, not by its own words
    basis: str = ""                 # how the date was chosen ("own", "story", "report", ...): for diagnosis


def _date_from_timex(t: Timex, relation: str) -> EventDate:
    return EventDate(t.value, t.interval, relation, t.text, t.start)


def date_relation(text: str, t: Timex, sentence_start: int) -> Optional[str]:
    """How a time expression dates the happening of its clause: "on", "from" (an open start,
    "since 1985"), "until" (an open end), or None when it is not the happening's date."""
    if t.interval is None or t.value in _UNANCHORED or t.type not in ("DATE", "TIME", "DURATION"):
        return None     # sets and vague references date nothing
    if t.type == "DURATION" and not re.search(r"\b(?:past|last|previous|recent)\b", t.text, re.I):
        return None     # "the next four years", "for three days": a span, not when it happened
    if t.type == "DURATION" and re.fullmatch(r"P\d*(?:\.\d+)?(?:Y|DE|CE)", t.value or ""):
        return None     # "over the past 20 years": the period of a trend or a state, not a happening's date
    before = text[max(sentence_start, t.start - 40):t.start]
    if _NOT_EVENT_TIME.search(before):
        return None
    if re.search(r"\bfrom\s+$", before) and _EARLIER_PERIOD.search(t.text):
        return None     # "grew 19% from a year ago": the base of a comparison
    after = text[t.end:t.end + 30]
    first = t.text.split()[0] if t.text.split() else ""
    if t.start > sentence_start and first[:1].isupper() and first.lower().strip(".,") in _TIME_WORDS \
            and not re.search(r"[.!?]\s*$", before):
        return None     # "High Noon": a title
    if re.fullmatch(r"\d\d", t.value) and re.match(r"[\s-]+[a-z]", after):
        return None     # "the fabled 11th century temple": the age of a thing
    if re.fullmatch(r"\d{4}", t.value) and re.fullmatch(r"\d{4}", t.text) and \
            re.search(r"(?:\b(?:a|an)|\w['’]s)\s+$", before) and re.match(r"\s+[A-Z]", after):
        return None     # "a 1987 Chevrolet Cavalier", "Kopp's 1987 Chevrolet": a model year
    if re.match(r"[\s-]+(?:year|month|week|day)s?[\s-]+old\b", after):
        return None     # an age
    if _SINCE.search(before):
        return None if _SINCE_BASELINE.search(before) else "from"
    if _UNTIL.search(before):
        return "until"
    return "on"


def build_events(doc, dateless: Optional[str] = None) -> list[LocalEvent]:
    """Events of an ``AnnotatedDocument`` (core/annotated.py); one bad sentence is noted in
    ``doc.notes`` and skipped, never costing the rest of the document."""
    reader = _Reader(doc, dateless or DATELESS_RULE)
    for k, sent in enumerate(doc.sentences):
        if not doc.prose[k] or not doc.tokens[k]:
            continue
        try:
            reader.sentence(k, sent)
        except Exception as exc:    # noqa: BLE001 - a sentence the rules cannot read is skipped, said
            doc.notes.append(f"sentence at {sent.start} skipped: {type(exc).__name__}: {exc}")
    return reader.events


class _Reader:
    """The state one pass over a document keeps: the events so far and the story's date."""

    def __init__(self, doc, dateless: str):
        self.doc = doc
        self.text = doc.text
        self.dateless = dateless
        actors = doc.actors
        self.actors = actors
        self.types = [a.type for a in actors.actors]
        self.mentions = sorted((s, e, idx) for (s, e), idx in actors.by_span.items() if actors.actors[idx].mentions)
        self.window = Window(self.text, doc.sentences, self.mentions)
        # Sorted starts, so each sentence finds its mentions and timexes by bisection: a scan of
        # the whole document per sentence is quadratic and stalls on book-length texts.
        self.m_starts = [m[0] for m in self.mentions]
        self.timexes = sorted(doc.timexes, key=lambda t: (t.start, t.end))
        self.t_starts = [t.start for t in self.timexes]
        self.events: list[LocalEvent] = []
        self.last: Optional[LocalEvent] = None
        self.last_end = -1
        self.story_date: Optional[EventDate] = None   # the latest date of a happening read so far
        self.story_k = -1
        self._basis = ""      # which branch of _dateless gave the last date
        self.nominal_dates: set[int] = set()   # ids of this sentence's timexes that date a noun
        # The report day as the story itself names it ("Tuesday" in a Tuesday report): the day a
        # dateless sentence of the story is told on. A day the text never names is no such day.
        report = doc.report_timex()
        day = (report.value if report is not None else (doc.dct_value or ""))[:10]
        named = next((t for t in self.timexes if t.value == day and t.interval is not None), None) \
            if re.fullmatch(r"\d{4}-\d\d-\d\d", day) else None
        if named is None:
            named = self._lead_day()
        self.report_date: Optional[EventDate] = _date_from_timex(named, "on") if named is not None else None

    def _lead_day(self) -> Optional[Timex]:
        """The news day a story's lead tells when the text never writes its creation day (a report
        filed the day after: "Cuba's leadership warned Wednesday" in a Thursday file): a day at most
        ``LEAD_DAY_LAG`` days before the creation time, dating a happening in the first
        ``LEAD_SENTENCES`` prose sentences (measured on TBAQ, README "Events")."""
        dct = self.doc.dct_interval
        if dct is None:
            return None
        lead = [s for k, s in enumerate(self.doc.sentences) if self.doc.prose[k]][:LEAD_SENTENCES]
        for sent in lead:
            for t in self.timexes[bisect_left(self.t_starts, sent.start):bisect_left(self.t_starts, sent.end)]:
                if t.interval is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", t.value or ""):
                    continue
                if 0 <= (dct.start - t.interval.start).days <= LEAD_DAY_LAG \
                        and date_relation(self.text, t, sent.start) == "on":
                    return t
        return None

    def sentence(self, k: int, sent) -> None:
        text, types = self.text, self.types
        s0, s1 = sent.start, sent.end
        toks = self.doc.tokens[k]
        tx = [t for t in self.timexes[bisect_left(self.t_starts, s0):bisect_left(self.t_starts, s1)] if t.end <= s1]
        if reports_nothing(sent.text, dated=any(t.interval is not None and t.type in ("DATE", "TIME")
                                                and any(c.isdigit() for c in t.text) for t in tx)):
            return      # a question, or the page speaking to its reader (not_news.py): no event
        in_sent = [m for m in self.mentions[bisect_left(self.m_starts, s0):bisect_left(self.m_starts, s1)] if m[1] <= s1]
        names = [(s, e, types[i]) for s, e, i in in_sent]
        cit = find_citation(text, s0, s1, tx, names)
        source_idx = self.actors.by_span.get(cit.source) if cit and cit.source else None
        if cit and cit.nominal:
            kinds, word = NOMINAL[cit.nominal]
            source_idx = self.window.nearest(k, cit.start, kinds, word, self.actors.actors)
        # "His lawyer, Peter Haas, said": the sentence is about the named man, not a follow-up.
        named_lead = bool(_POSSESSIVE_LEAD.match(sent.text)) and any(
            types[i] != "location" and re.search(r",\s*$", text[max(s0, s - 3):s]) and s - s0 < 60
            for s, e, i in in_sent)
        report_tx = cit.timex if cit else None
        own = []
        for t in tx:
            if cit and not cit.in_text and cit.start <= t.start < cit.end:
                continue     # "(Karavan, November 2)": the report's date, not the happening's
            rel = date_relation(text, t, s0)
            if rel is not None:
                own.append((t, rel))
        if cit and cit.in_text and report_tx is not None and all(t is not report_tx for t, _ in own):
            own.insert(0, (report_tx, "on"))
        # "the Aug. 7 bombings": a happening named by a noun with its own date (nominal.py).
        # The clause around it may still take that date when it has no other (measured: dropping
        # it there lost 1.0 F1 on TBAQ).
        nominal = []
        self.nominal_dates = set()
        for t, rel in own:
            if rel == "on" and not t.value.startswith("P"):
                np = nominal_happening(text, t, s1)
                if np is not None:
                    nominal.append((t, np))
                    self.nominal_dates.add(id(t))
        paragraph_break = "\n\n" in text[self.last_end:s0] if self.last_end >= 0 else True
        follow_up = (self.last is not None and not paragraph_break and bool(_FOLLOW_UP.match(sent.text))
                     and not named_lead)
        # A closing "…, officials said" is read apart: the label comes from what was said.
        body_toks = toks
        if cit is not None and cit.trailing and cit.start > s0:
            cut = [t for t in toks if t.end <= cit.start]
            if len(cut) >= 3:
                body_toks = cut
        groups = _date_groups(own, text) if own else [[]]
        # With one date the closing "…, officials said" only trims the label; with several, the
        # telling ("…, a newspaper reported Friday") is a dated clause of its own.
        segments, groups = _segments(body_toks if len(groups) == 1 else toks, groups)
        prev_verb: list[str] = []
        made = []
        n = len(segments)
        for i, (seg_toks, group) in enumerate(zip(segments, groups)):
            # One event spans its whole sentence; clauses of one sentence share it out.
            lo = s0 if i == 0 else seg_toks[0].start
            hi = s1 if i == n - 1 else seg_toks[-1].end
            ev = self._event(k, sent, (lo, hi), seg_toks, group, in_sent, cit, source_idx, report_tx, tx,
                             follow_up, prev_verb, first=i == 0)
            if ev is not None:
                made.append(ev)
        if follow_up:
            self._follow_up(in_sent, source_idx, report_tx)
        nominal_events = [self._nominal(t, np, in_sent, sent) for t, np in nominal]
        if not made:
            self.events.extend(nominal_events)
            self.last_end = s1
            return
        for ev in made:
            self.events.append(ev)
            # A century ("the 12th century") is a background, not a happening the
            # next sentences go on with; neither is a date a question asks about.
            if ev.date is not None and not ev.inferred and ev.date.relation == "on" \
                    and _DECADE_OR_FINER.match(ev.date.value) and not self.text[s0:s1].rstrip().endswith("?"):
                self.story_date = ev.date
                self.story_k = k
        self.events.extend(nominal_events)     # background: they never become the story's date
        # A chain of follow-ups ("It intends ... It also hopes ...") goes on with the event that
        # opened it, not with each other.
        if not follow_up:
            self.last = made[-1]
        self.last_end = s1

    def _nominal(self, t: Timex, np: tuple[int, int, int, int], in_sent, sent) -> LocalEvent:
        """The event of a dated noun phrase ("the 1995 shooting of Dr. Hugh Short"): labelled by the
        phrase after its date, the names after "by" acting and the others undergoing it."""
        lo, hi, head_start, _ = np
        words = [w for w in self.text[head_start:hi].split() if w.lower() not in ("a", "an", "the")]
        label = " ".join(words[:8])
        participants: list[tuple[int, Optional[str]]] = []
        for s, e, i in in_sent:
            if lo <= s and e <= hi and all(i != p for p, _ in participants):
                if self.types[i] == "location":
                    role = None
                elif re.search(r"\bby\s+(?:the\s+)?$", self.text[max(lo, s - 8):s]):
                    role = "agent"
                else:
                    role = "target" if s > head_start else None
                participants.append((i, role))
        return LocalEvent(lo, hi, label, _date_from_timex(t, "on"), participants,
                          sentences=[(sent.start, sent.end)], basis="nominal")

    def _follow_up(self, in_sent, source_idx, report_tx) -> None:
        """A pronoun-led sentence ("He allegedly received ...") goes on with the event before it:
        its actors and its citation join that event, whose span stays its own sentence."""
        last = self.last
        known = {p[0] for p in last.participants}
        for s, e, i in in_sent:
            if i not in known and i != source_idx:
                last.participants.append((i, None))
                known.add(i)
        if last.report_source is None and source_idx is not None:
            last.report_source = source_idx
        if last.report_timex is None and report_tx is not None:
            last.report_timex = report_tx
            if last.from_relative and report_tx.interval is not None:
                last.date = _date_from_timex(report_tx, "on_or_before")

    def _telling_an_earlier_day(self, k: int) -> bool:
        """Whether a sentence at most ``EARLIER_DAY_REACH`` sentences back dated its happening on
        a day before the report day ("On Wednesday, Alarcon met ... He told reporters ..."): the
        story is telling that day, and the report day is not the date of what follows (measured
        on TBAQ, README "Events": such sentences took the right report day less than half the time)."""
        told, report = self.story_date, self.report_date
        if told is None or report is None or told.interval is None or report.interval is None:
            return False
        return bool(0 < k - self.story_k <= EARLIER_DAY_REACH and re.fullmatch(r"\d{4}-\d\d-\d\d", told.value or "")
                    and told.interval.end <= report.interval.start)

    def _dateless(self, k: int) -> Optional[EventDate]:
        """The date of a prose sentence that has none of its own (``DATELESS_RULE``)."""
        rule = self.dateless
        if rule == "none":
            return None
        # Within the paragraph of the last dated sentence, the story goes on with that happening.
        near = self.story_date is not None and k - self.story_k <= STORY_REACH and "\n\n" not in self.text[
            self.doc.sentences[self.story_k].end:self.doc.sentences[k].start]
        if rule == "previous" or (rule == "story" and near):
            self._basis = "story"
            return self.story_date      # goes on with the happening just told
        if rule in ("report", "story") and self.report_date is not None:
            self._basis = "report"
            return self.report_date     # what the story tells on its own day
        # A date told paragraphs back, in a story that never names its own day, was right for
        # under a third of the sentences it reached (TBAQ): they are left undated.
        return None

    def _event(self, k, sent, span, seg_toks, group, in_sent, cit, source_idx, report_tx, tx, follow_up,
               prev_verb, first) -> Optional[LocalEvent]:
        text, types = self.text, self.types
        s0 = sent.start
        lo, hi = span
        seg_names = [m for m in in_sent if lo <= m[0] and m[1] <= hi]
        date: Optional[EventDate] = None
        from_relative = inferred = False
        basis = ""
        if group:
            basis = "own"
            # "at about 10:35 a.m. (0735 GMT) Friday": the day dates the happening; the clock
            # time is a detail of it (and news rarely links a happening to its minute).
            rel_at = _RELATIVE.search(text, lo, hi)
            rel_at = rel_at.start() if rel_at else hi
            # A date that names a noun's happening ("the incidents of Aug. 7") dates the clause
            # only when the clause has no other; a hyphenated period qualifying a noun ("third-quarter
            # results") yields to an adverbial date ("in mid-November").
            t, rel = min(group, key=lambda tr: _subordinate(tr[0], rel_at) + (2 if id(tr[0]) in self.nominal_dates else 0)
                         + (0.25 if _adjective_date(text, tr[0]) else 0))
            date = _date_from_timex(t, rel)
            dct = self.doc.dct_interval
            if rel == "from" and dct is not None and t.interval.end < dct.end:
                # "since 1985": open at the end, so it runs up to the report
                date.interval = Interval(t.interval.start, dct.end, t.interval.precision)
        elif report_tx is not None and report_tx.interval is not None:
            date = _date_from_timex(report_tx, "on_or_before")
            basis = "citation"
        else:
            relative = [t for t in tx if t.value == "PAST_REF"]
            if relative and self.doc.dct_interval is not None:
                t = relative[0]
                date = EventDate(self.doc.dct_value or "", self.doc.dct_interval, "on_or_before", t.text, t.start)
                from_relative = True
                basis = "relative"
            else:
                inferred = True     # decided once the clause is read: only a told happening is dated
        protected = [(s, e) for s, e, _ in seg_names]
        skip = [(t.start, t.end) for t in tx] + ([(cit.start, cit.end)] if cit and not cit.in_text else [])
        clause = read_clause(text, seg_toks, protected, skip,
                             tuple((s, e) for s, e, i in seg_names if types[i] == "person")) if seg_toks else None
        if inferred:
            tense = _tense(text, clause)
            telling = (cit is not None and cit.trailing) or (clause is not None and clause.speaker is not None) \
                or (clause is not None and text[clause.verb[0]:clause.verb[1]].lower().split()[-1:] == ["said"])
            if telling and self.report_date is not None and self.dateless != "none":
                date, basis = self.report_date, "telling"     # "…, officials said": told on the report's day
            elif tense == "perfect":
                date = (self.report_date or self._dateless(k)) if self.dateless != "none" else None
                basis = "perfect"
            elif tense == "past":
                date = self._dateless(k)
                basis = "past-" + self._basis
            else:
                date = self.report_date if tense == "present" and self.dateless != "none" else None
                basis = "present"
            if date is not None and date is self.report_date and self._telling_an_earlier_day(k):
                date = None     # the report day would be a guess against the day the story just told
            inferred = date is not None
        if clause is not None and clause.speaker is not None and clause.speaker != clause.subject \
                and source_idx is None:
            # "X said (that) Y": X is the source of the report; the label is Y.
            told = [i for s, e, i in seg_names if clause.speaker[0] <= s and e <= clause.speaker[1]
                    and types[i] != "location"]
            source_idx = told[0] if told else None
        participants: list[tuple[int, Optional[str]]] = []
        seen: set[int] = set()
        if first and clause and follow_up:
            ref = _pronoun_referent(self.last, types, person=bool(_PRONOUN_PERSON.match(sent.text)))
            if ref is not None:
                participants.append((ref, "target" if clause.passive else "agent"))
                seen.add(ref)
        if first:
            for ref, role in _references(text, sent, k, s0, in_sent, self.window, self.actors, clause, seen):
                participants.append((ref, role))
                seen.add(ref)
        head = None
        if clause:
            subj = [(s, e, i) for s, e, i in seg_names if clause.subject[0] <= s and e <= clause.subject[1]
                    and types[i] != "location"]
            head = subj[0][0] if subj else None
        # A closing "…, X said" names the teller; X takes part only when no one else is named.
        trailing_teller = cit is not None and cit.trailing and any(i != source_idx for _, _, i in in_sent)
        for s, e, i in seg_names:
            if i in seen or (i == source_idx and (not (cit and cit.in_text) or trailing_teller and cit.start <= s)):
                continue
            seen.add(i)
            teller = cit is not None and cit.trailing and i == source_idx and cit.start <= s
            role = "agent" if teller else _role(s, e, types[i], clause, head)
            if role is not None and i != source_idx and s == head and not clause.passive and _modifies_noun(text, e, clause):
                role = None     # "Kemi Metals shares jumped": the shares acted, not the company
            participants.append((i, role))
        if first and not participants and source_idx is not None and cit is not None and cit.trailing:
            participants.append((source_idx, "agent"))
        if not participants and date is None:
            return None     # no date and no one named: nothing to place or to tie
        if date is not None and inferred and not participants and clause is None:
            return None     # a dateless fragment with neither actor nor verb
        label = clause.label if clause and clause.label else ""
        if clause is None and prev_verb and seg_toks:
            # "…, West Germany in 1955": the verb of the clause before carries over.
            label = " ".join(prev_verb + _plain_words(seg_toks, skip)[:5])
        if not label:
            # (From the first token: page furniture opening the sentence has none.)
            toks = seg_toks or self.doc.tokens[k]
            label = _fallback_label(text[max(lo, toks[0].start):hi] if toks else sent.text)
        if clause is not None and clause.label:
            verb_words = [w for w in text[clause.verb[0]:clause.verb[1]].split()]
            prev_verb[:] = verb_words[-1:]
        return LocalEvent(lo, hi, label, date, participants, source_idx, report_tx if first else None,
                          [(sent.start, sent.end)], from_relative, inferred, basis if date is not None else "")


_AUX_WORDS = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "did", "does", "do",
              "can", "could", "may", "might", "should", "must", "says", "said"}
_PRESENT_ONLY = {"rule", "remain", "exist"}
_MODAL = {"will", "would", "may", "might", "can", "could", "should", "must", "shall"}


def _tense(text: str, clause) -> Optional[str]:
    """"past" for a told happening (past tense or present perfect: "was killed", "has claimed",
    "said"), "present" for what holds as the story is told ("are counting on", "says"), None
    for a prospect or a clause with no verb ("would appeal", "will meet")."""
    if clause is None:
        return None
    words = text[clause.verb[0]:clause.verb[1]].lower().split()
    if not words or words[0] in _MODAL:
        return None
    w = words[0]
    if w in ("has", "have"):
        return "perfect"      # "No one has claimed responsibility": done, and still so as the story is told
    if w in ("was", "were", "had", "did"):
        return "past"
    # The verb list of clauses.py also holds present forms ("says", "rule"): only past ones count.
    past = _is_past(w) and not w.endswith("s") and w not in _PRESENT_ONLY
    return "past" if past else "present"


def _plain_words(toks, skip) -> list[str]:
    return [t.text for t in toks if t.is_word and t.text.lower() not in _CLAUSE_BREAK
            and t.text.lower() not in ("the", "a", "an", "in", "on", "at")
            and not any(s <= t.start and t.end <= e for s, e in skip)]


def _date_groups(own: list, text: str) -> list[list]:
    """Dates of a sentence grouped by happening: the same value, or one inside the other
    ("Friday ... 10:35 a.m."), is one happening; a new value starts the next clause's.
    A date that only describes a thing ("the July 11 vote", "the Dec. 21, 1988 bombing")
    starts no clause and dates the clause only when nothing else does."""
    groups: list[list] = []
    values: set = set()
    for t, rel in own:
        g = groups[-1] if groups else None
        # Compared with the group's first date and its values only: a sentence may hold thousands.
        if g is not None and (t.value in values or _same_happening(t, g[0][0]) or _attributive(text, t)):
            g.append((t, rel))
        else:
            groups.append([(t, rel)])
            values = set()
        values.add(t.value)
    for g in groups:
        g.sort(key=lambda tr: _attributive(text, tr[0]))    # stable: own dates first
    return groups


_RELATIVE = re.compile(r"\b(?:who|whom|whose|which|where|when)\b", re.I)


def _subordinate(t: Timex, relative_at: int) -> float:
    """How far a date of a clause is from dating its main happening (lower is nearer): a date
    in a relative clause ("the men who launched the revolution four decades ago") or a clock
    time beside its day ("at about 10:35 a.m. (0735 GMT) Friday": news dates a happening by its
    day). A date describing a thing ("the 1995 shooting") is not put last: measured, it dates
    the clause's happening as often as not."""
    score = 0.0
    if relative_at < t.start:     # after the clause's first "who"/"which"/"when"
        score += 1
    if t.type == "TIME":
        score += 0.5
    return score


def _attributive(text: str, t: Timex) -> bool:
    """"the July 11 parliamentary vote": a date between a determiner and its noun."""
    return bool(re.search(r"(?:\b(?:the|a|an|its|their|his|her|this|that)|['’]s)\s+$", text[max(0, t.start - 8):t.start])
                and re.match(r"\s+[a-z]", text[t.end:t.end + 3])) or _adjective_date(text, t)


def _adjective_date(text: str, t: Timex) -> bool:
    """"third-quarter results", "year-ago charge": a hyphenated period is an adjective of its noun."""
    return "-" in t.text and " " not in t.text.strip() and bool(re.match(r"\s+[a-z]", text[t.end:t.end + 3])) \
        and not _PERIOD_NEXT.match(text, t.end)


# "the year-ago third quarter": the hyphenated date qualifies another date, not a thing.
_PERIOD_NEXT = re.compile(r"\s+(?:first|second|third|fourth|quarter|period|half|year|month|week)\b")


def _same_happening(a: Timex, b: Timex) -> bool:
    if a.value == b.value:
        return True
    ia, ib = a.interval, b.interval
    return ia is not None and ib is not None and (
        ia.start <= ib.start and ib.end <= ia.end or ib.start <= ia.start and ia.end <= ib.end)


def _segments(toks, groups) -> tuple[list[list], list[list]]:
    """Split a sentence's tokens into one run per date group, cutting at the first clause
    break (with a verb before it) after each group's last date. Two dates with no such break
    between them are in one clause: their groups merge, and the clause picks one date."""
    if len(groups) <= 1:
        return [toks], groups
    merged = [list(groups[0])]
    last_end = max(t.end for t, _ in groups[0])
    cuts: list[int] = []
    k = 0
    # What the current clause holds so far, read once left to right (a sentence may hold
    # thousands of dates: re-reading the clause at every break was quadratic).
    scan, has_verb, has_lower = 0, False, False
    for nxt in groups[1:]:
        nxt_start = min(t.start for t, _ in nxt)
        while k < len(toks) and toks[k].start < last_end:
            k += 1
        seg_start = cuts[-1] if cuts else 0
        cut = None
        for j in range(k, len(toks)):
            if toks[j].start >= nxt_start:
                break
            if toks[j].text.lower() in _CLAUSE_BREAK:
                # The first clause has a verb: "In Sunday's debate against Vacco," is a lead phrase
                # of the clause after it. Later ones may share it ("…, West Germany in 1955 and …").
                while scan < j:
                    t = toks[scan]
                    if t.is_lower:
                        has_lower = True
                        has_verb = has_verb or _is_past(t.text) or t.text in _AUX_WORDS
                    scan += 1
                if has_verb or (cuts and has_lower):
                    # punctuation closes the clause before; a word ("and", "that") opens the next
                    cut = j + 1 if not toks[j].is_word else j
                    break
        if cut is None or cut <= seg_start:
            merged[-1].extend(nxt)
            last_end = max(last_end, max(t.end for t, _ in nxt))
            continue
        cuts.append(cut)
        merged.append(list(nxt))
        last_end = max(t.end for t, _ in nxt)
        k = cut
        scan, has_verb, has_lower = cut, False, False
    out = []
    prev = 0
    for c in cuts:
        out.append(toks[prev:c])
        prev = c
    out.append(toks[prev:])
    if not all(out):
        return [toks], [[tr for g in merged for tr in g]]
    return out, merged


def _references(text, sent, k, s0, in_sent, window, actors, clause, seen):
    """Actors a sentence names only by "he"/"she" or "the ministry"; see anaphora.py for the limits."""
    out = []
    m = NOMINAL_LEAD.match(sent.text)
    if m and not any(s < s0 + m.end() + 3 for s, e, i in in_sent):
        kinds, word = NOMINAL[m.group(1)]
        ref = window.nearest(k, s0, kinds, word, actors.actors)
        if ref is not None and ref not in seen:
            out.append((ref, "target" if clause is not None and clause.passive else "agent"))
    for pm in PERSON_PRONOUN.finditer(sent.text):
        pos = s0 + pm.start()
        if pm.start() == 0 or any(s < pos and actors.actors[i].type == "person" for s, e, i in in_sent):
            continue    # sentence-initial pronouns are follow-ups; a person named before it is its referent
        ref = window.nearest(k, pos, ("person",), None, actors.actors)
        if ref is not None and ref not in seen and all(ref != r for r, _ in out):
            role = pronoun_role(text, s0 + pm.end()) if pm.group(1) != "him" else "target"
            out.append((ref, role))
        break
    return out


# Nouns after a name that still mean the actor's own people: "FDA officials", "Kivu rebels".
_OWN_PEOPLE = {"officials", "officers", "troops", "forces", "soldiers", "police", "spokesman", "spokeswoman",
               "spokesperson", "fighters", "members", "lawyers", "agents", "investigators", "executives",
               "leaders", "leadership", "militants", "rebels", "board", "management", "authorities"}


def _modifies_noun(text: str, end: int, clause) -> bool:
    """Whether the subject's name only modifies a noun after it ("Kemi Metals shares")."""
    m = re.match(r"\s+([a-z]+)\b", text[end:clause.subject[1] + 1])
    if not m:
        return False
    word = m.group(1)
    return word not in _OWN_PEOPLE and word not in cues.FOLLOWING_NOUN and word not in _FUNCTION_WORDS


_FUNCTION_WORDS = {"and", "or", "of", "in", "on", "at", "for", "to", "from", "with", "by", "who", "which",
                   "that", "has", "have", "had", "is", "was", "were", "are", "will", "would", "also", "said"}


def _role(s: int, e: int, type_: str, clause, head: Optional[int]) -> Optional[str]:
    if clause is None or type_ == "location":
        return None
    if clause.subject[0] <= s and e <= clause.subject[1]:
        # Only the subject's head name acts; names in its apposition do not.
        if s != head:
            return None
        return "target" if clause.passive else "agent"
    if clause.passive and clause.by_agent and clause.by_agent[0] <= s < clause.by_agent[0] + 5:
        return "agent"    # the name right after "by" (allowing "the ")
    if not clause.passive and clause.object[0] <= s and e <= clause.object[1]:
        return "target"
    return None


def _pronoun_referent(prev: LocalEvent, types: list[str], person: bool) -> Optional[int]:
    want = ("person",) if person else ("organization", "group", "media")
    for i, role in prev.participants:
        if types[i] in want and role in ("agent", "target"):
            return i
    for i, _ in prev.participants:
        if types[i] in want:
            return i
    return None


_WORD_OR_ABBREVIATION = re.compile(r"\b(?:[A-Za-z]\.){2,}|\$?\d+(?:[.,]\d+)*%?(?:-[^\W_]+)*|[^\W_][\w'’-]*")


def _fallback_label(sentence: str) -> str:
    """The sentence's first words when no clause was read, up to a closing quote or a semicolon
    ('"...," said X' is not part of it), cut at a phrase's end. "U.S." and "N.Y." are one word,
    so a label never ends inside one ("raises Ratners's U")."""
    first = re.split(r",?\s*(?:''|\"|”)|;", sentence.strip().lstrip("`\"'“‘ "), maxsplit=1)[0]
    words = _WORD_OR_ABBREVIATION.findall(first)
    if len(words) < 3:
        words = _WORD_OR_ABBREVIATION.findall(sentence)
    if len(words) > 10:
        whole = _whole_phrases(words[:10])
        words = whole if len(whole) >= 4 else words[:8]     # a headline "X to Name Y ..." is no phrase to cut back to
    while len(words) > 3 and words[-1].lower() in _FUNCTION_WORDS | {"the", "a", "an", "its", "their"}:
        words.pop()
    return " ".join(words)
