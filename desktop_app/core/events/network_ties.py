"""Actors and ties of an imported network document (``documents.network_files``).

No events: an imported tie has no happening behind it, only its weight, so
it is added to the corpus's ties as it is (``pipeline.merge`` folds it into
a tie the extracted events make between the same two actors).
"""
from __future__ import annotations

from ..model import Document


def network_extraction(doc: Document):
    """``(actors, mentions, ties)``: actors ``(name, type)``, mentions ``(start, end, text, actor)``, ties ``(a, b, weight)``."""
    text = doc.text
    layout = doc.layout or {}
    actors: list[tuple[str, str]] = []
    index: dict[tuple[str, str], int] = {}
    node_actor: list[int] = []
    mentions: list[tuple[int, int, str, int]] = []
    for start, end, type_, _id in layout.get("nodes", ()):
        key = (text[start:end], type_)
        if key not in index:
            index[key] = len(actors)
            actors.append(key)
        node_actor.append(index[key])
        mentions.append((start, end, key[0], index[key]))
    ties: list[tuple[int, int, float]] = []
    for a, b, weight, spans in layout.get("ties", ()):
        la, lb = node_actor[a], node_actor[b]
        mentions.append((spans[0], spans[1], text[spans[0]:spans[1]], la))
        mentions.append((spans[2], spans[3], text[spans[2]:spans[3]], lb))
        if la != lb:
            ties.append((la, lb, float(weight)))
    mentions.sort()
    return actors, mentions, ties
