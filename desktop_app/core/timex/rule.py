"""The shape of a tagging rule: one compiled pattern plus the function that normalises its matches."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional, Union

from desktop_app.core.timex.resolve import Ctx, Hit

Handler = Callable[[re.Match, Ctx], Union[Hit, list, None]]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    handler: Handler
    relative: bool = False   # the result depends on the reference day

    def __repr__(self) -> str:  # keeps error dumps readable
        return f"Rule({self.name})"


def rule(name: str, pattern: str, relative: bool = False, flags: int = re.I):
    """Decorator registering ``handler`` with a pattern compiled once at import.

    Patterns are wrapped in word boundaries so no rule fires inside a word.
    """
    compiled = re.compile(rf"(?<![\w$£€¥#@]){pattern}(?![\w])", flags)

    def deco(fn: Handler) -> Rule:
        return Rule(name, compiled, fn, relative)
    return deco


MODS = {
    "early": "START", "late": "END", "mid": "MID", "mid-": "MID", "middle": "MID",
    "the end of": "END", "end of": "END", "the beginning of": "START", "the start of": "START",
    "beginning of": "START", "the middle of": "MID", "the close of": "END", "the turn of": "START",
}
MOD_PREFIX = r"(?:(?P<mod>early|late|mid-|mid|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+close\s+of)[\s-]*)?"


def mod_of(m: re.Match) -> Optional[str]:
    try:
        raw = m.group("mod")
    except IndexError:
        return None
    if not raw:
        return None
    return MODS.get(re.sub(r"\s+", " ", raw.lower()).strip())


def capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()
