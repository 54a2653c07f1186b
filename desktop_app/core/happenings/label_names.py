"""The names a label writes: who or what the reported clause is about.

A day's market reports "Hudson Bay shares closed at C$35" and "Cineplex closed at $11" share a
verb, a day and often an exchange, yet each is about another company. The names written in the
label itself (capitalised words, not the clause's opening word alone, not the verb, not places:
"bombs exploded in Nairobi and Dar es Salaam" is one happening in two places) are the clause's
main participants; two reports whose labels both name someone and share no name tell two
happenings. Capitals mark names only outside headlines (a title-case headline capitalises every
word).
"""
from __future__ import annotations

from .action import _AUX, _SKIP, _WORD, _class, stem, _KNOWN_VERBS

MIN_LEN = 3            # "U.S." and initials name nothing on their own (as the people's name words)


def label_names(label: str, key: str = "") -> tuple[tuple[str, ...], str]:
    """Lower-case name words of ``label`` (not its action ``key``'s word), in order, and its capitalised
    opening word when that alone was left out ("Cineplex closed": a name only if an actor of the
    clause bears it, which the caller knows); ((), "") for a headline."""
    words = _WORD.findall(label or "")
    opener = ""
    if not words:
        return (), opener
    caps = [w[0].isupper() for w in words]
    if sum(caps) >= max(3, 0.7 * len(words)):
        return (), opener           # a headline: every word capitalised
    out = []
    for k, w in enumerate(words):
        acronym = 2 <= len(w) <= 4 and w.isupper()
        if not caps[k] or (len(w) < MIN_LEN and not acronym):
            continue
        lw = w.lower().strip("'")
        if lw.endswith("'s"):
            lw = lw[:-2]
        if lw in _SKIP or lw in _AUX or stem(lw) in _KNOWN_VERBS or (key and _class(lw) == key):
            continue
        # The opening word is capitalised as the sentence's start: a name only when a name follows
        # it or it is an acronym ("GM closed").
        if k == 0 and not (acronym or (len(words) > 1 and caps[1])):
            opener = lw
            continue
        out.append(lw)
    return tuple(dict.fromkeys(out)), opener
