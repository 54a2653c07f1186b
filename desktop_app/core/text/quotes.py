"""What a sentence says in its own voice, with what it quotes taken out.

A report's "we" inside quotation marks is a witness's words ('"We will rebuild," the mayor
said'); outside them it is the writer's. Read by the reader-address and question tests
(events/not_news.py), the reader-post finder (text/reader_posts.py) and the summary lines
(happenings/summary_text.py)."""
from __future__ import annotations

import re

_QUOTED = re.compile(r'"[^"]*"')


def unquoted(text: str) -> str:
    """``text`` without what it quotes (straight, curly or ``TeX`` quotation marks). A lone
    quotation mark opens or closes a quotation that runs across the sentence's edge: after a comma
    or a full stop it closes one ('... the damage," he said.': the words before it are quoted),
    elsewhere it opens one (the words after it are)."""
    t = _QUOTED.sub(" ", text.replace("``", '"').replace("''", '"').replace("“", '"').replace("”", '"'))
    k = t.find('"')
    if k < 0:
        return t
    return t[k + 1:] if k > 0 and t[k - 1] in ",.!?;:-–—" else t[:k]


# The writer speaking of themself: "I", "we", "my", "our", "me", "us", capitalised at a sentence's
# start too ("We are desperately worried"), but not "US" (a country).
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|[Mm]e|[Mm]y|[Ww]e|[Ww]e're|[Ww]e've|[Uu]s|[Oo]ur)\b")


def speaks_in_first_person(text: str) -> bool:
    """The sentence's own words, outside quotation, are in the first person."""
    return FIRST_PERSON.search(unquoted(text)) is not None
