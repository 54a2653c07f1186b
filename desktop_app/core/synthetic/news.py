"""News-length English articles for exercising the real extraction pipeline.

Articles are written from sentence templates about a recurring cast of
actors (so the same people and agencies appear across documents, as in a
real news corpus) with dates in many written forms and source citations.
Nothing here knows what the extractor will find; the texts only have to
read like news.
"""
from __future__ import annotations

import hashlib
import random
from datetime import date

from ..model import Document
from .names import ROLES, NameMaker
from .phrases import FILLER
from .written_dates import citation_date, written_date

WORDS = (400, 900)
WORLD_SIZE = 400

# (label, past with object, past participle with object)
ACTIONS = (
    ("met", "met with {o}", "met with {o}"),
    ("accused", "accused {o} of abuse of power", "accused {o} of abuse of power"),
    ("signed", "signed a cooperation agreement with {o}", "signed a cooperation agreement with {o}"),
    ("criticized", "sharply criticized {o}", "sharply criticized {o}"),
    ("arrested", "arrested two officials linked to {o}", "arrested two officials linked to {o}"),
    ("negotiated", "held talks with {o}", "held talks with {o}"),
    ("sued", "filed a complaint against {o}", "filed a complaint against {o}"),
    ("backed", "publicly backed {o}", "publicly backed {o}"),
    ("investigated", "opened an inquiry into {o}", "opened an inquiry into {o}"),
    ("warned", "warned {o} against further delays", "warned {o} against further delays"),
    ("funded", "pledged new funds to {o}", "pledged new funds to {o}"),
    ("visited", "visited the offices of {o}", "visited the offices of {o}"),
)
QUOTES = (
    "We will not accept these conditions",
    "The process must be transparent",
    "This is a first step, not the last one",
    "Nobody is above the law",
    "We expect a response within weeks",
    "The allegations are without foundation",
    "Our position has not changed",
)
TOPICS = ("corruption", "energy prices", "border security", "the election", "water rights", "the budget",
          "public health", "organized crime", "press freedom", "trade tariffs")


class _Actor:
    __slots__ = ("name", "kind", "role")

    def __init__(self, name: str, kind: str, role: str | None):
        self.name, self.kind, self.role = name, kind, role

    def first(self, rng: random.Random) -> str:
        """First mention in an article: people get a title, bodies an article."""
        if self.kind == "person":
            return f"{self.role} {self.name}" if self.role and rng.random() < 0.6 else self.name
        if self.kind in ("organization", "group") and not self.name.startswith("The "):
            return "the " + self.name
        return self.name

    def later(self, rng: random.Random) -> str:
        if self.kind == "person":
            return self.name.split()[-1]
        return self.first(rng)


def make_world(seed: int, size: int = WORLD_SIZE) -> list[_Actor]:
    """A cast shared by all articles of one seed; order is popularity rank."""
    rng = random.Random(f"world-{seed}")
    maker = NameMaker(rng)
    kinds = ("person",) * 9 + ("organization",) * 5 + ("group",) * 2 + ("media",) * 2 + ("location",) * 2
    world = []
    for _ in range(size):
        kind = rng.choice(kinds)
        world.append(_Actor(maker.make(kind), kind, rng.choice(ROLES) if kind == "person" else None))
    return world


def _pick(rng: random.Random, world: list[_Actor], kind: str | None, k: int) -> list[_Actor]:
    pool = [a for a in world if kind is None or a.kind == kind]
    weights = [1.0 / (r + 1) ** 1.1 for r in range(len(pool))]
    out: list[_Actor] = []
    while len(out) < min(k, len(pool)):
        a = rng.choices(pool, weights)[0]
        if a not in out:
            out.append(a)
    return out


class _Article:
    def __init__(self, rng: random.Random, world: list[_Actor], dct: date):
        self.rng, self.dct = rng, dct
        self.cast = _pick(rng, [a for a in world if a.kind not in ("media", "location")], None, rng.randint(3, 7))
        self.outlets = _pick(rng, world, "media", 3)
        self.places = _pick(rng, world, "location", 3)
        self.seen: set[str] = set()
        self.topic = rng.choice(TOPICS)

    def name(self, actor: _Actor) -> str:
        if actor.name in self.seen:
            return actor.later(self.rng)
        self.seen.add(actor.name)
        return actor.first(self.rng)

    def pair(self) -> tuple[_Actor, _Actor]:
        a, b = self.rng.sample(self.cast, 2)
        return a, b

    def sentence(self) -> str:
        rng = self.rng
        a, b = self.pair()
        label, past, perfect = rng.choice(ACTIONS)
        when, _day = written_date(self.dct, rng)
        place = rng.choice(self.places).name if self.places else None
        outlet = rng.choice(self.outlets).name if self.outlets else None
        kind = rng.randrange(9)
        if kind == 0 and outlet:
            return f"According to {outlet}, {self.name(a)} {past.format(o=self.name(b))} {when}."
        if kind == 1 and outlet:
            cited, _ = citation_date(self.dct, rng)
            return f"{_cap(self.name(a))} {past.format(o=self.name(b))} {when} ({outlet}, {cited})."
        if kind == 2 and outlet:
            return f"{outlet} reported {when} that {self.name(a)} had {perfect.format(o=self.name(b))}."
        if kind == 3:
            quote = rng.choice(QUOTES)
            return f"\u201c{quote},\u201d {self.name(a)} said {when}."
        if kind == 4:
            return f"{_cap(when)}, {self.name(a)} {past.format(o=self.name(b))} in {place or 'the capital'}."
        if kind == 5:
            since = self.dct.year - rng.randint(2, 25)
            rel = "who" if a.kind == "person" else "which"
            return (f"{_cap(self.name(a))}, {rel} has dealt with {self.topic} since {since}, "
                    f"{past.format(o=self.name(b))} {when}.")
        if kind == 6 and outlet:
            cited, _ = citation_date(self.dct, rng)
            return (f"{_cap(self.name(a))} and {self.name(b)} disagreed over {self.topic} in {place or 'the region'}"
                    f" ({outlet}, {cited}).")
        if kind == 7:
            return f"{_cap(self.name(a))} {past.format(o=self.name(b))} in {place or 'the region'} {when}."
        return rng.choice(FILLER)

    def title(self) -> str:
        a, b = self.cast[0], self.cast[1]
        return f"{a.name} and {b.name}: new dispute over {self.topic}"

    def text(self, target_words: int) -> str:
        rng = self.rng
        paragraphs: list[str] = []
        words = 0
        while words < target_words:
            para = [self.sentence() for _ in range(rng.randint(2, 5))]
            words += sum(len(s.split()) for s in para)
            paragraphs.append(" ".join(para))
        return "\n\n".join(paragraphs) + "\n"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def make_documents(n_docs: int, seed: int = 0, *, first_year: int = 1995, last_year: int = 2024) -> list[Document]:
    """``n_docs`` news articles of 400-900 words with day-precision creation times; deterministic in ``seed``."""
    if n_docs < 0:
        raise ValueError("n_docs must be 0 or more")
    if first_year > last_year or first_year < 1900:
        raise ValueError(f"bad year range {first_year}..{last_year}")
    world = make_world(seed)
    rng = random.Random(f"docs-{seed}")
    lo = date(first_year, 1, 1).toordinal()
    hi = date(last_year, 12, 31).toordinal()
    docs = []
    for j in range(n_docs):
        dct = date.fromordinal(rng.randint(lo, hi))
        article = _Article(rng, world, dct)
        text = article.text(rng.randint(*WORDS))
        outlet = article.outlets[0].name if article.outlets else None
        doc_id = f"news{seed:03d}_{j:05d}"
        docs.append(Document(
            id=doc_id, path=f"{doc_id}.txt", text=text, title=article.title(), publication=outlet,
            dct=dct.isoformat(), dct_precision="day", source="synthetic",
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        ))
    return docs
