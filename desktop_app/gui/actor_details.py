"""The lines of an actor's details that say why it is one actor (shown as plain text).

The identity step (core/actors/identity.py) records a role line and one line
per kind of join; extraction adds how the actor's mentions act when they
differ (a place in one sentence, the state acting in another). A tooltip has
room for a few notes, so the rest are counted.
"""
from __future__ import annotations

_SHOWN = 4
_ROLE, _MENTIONED = "role: ", "mentioned as: "


def evidence_lines(evidence: list[str], shown: int = _SHOWN) -> list[str]:
    """Plain-text lines: "Role: ...", "Mentioned as: ...", then "One actor because:" notes, then "... and N more"."""
    if not evidence:
        return []
    roles = [e for e in evidence if e.startswith(_ROLE)]
    mentioned = [e for e in evidence if e.startswith(_MENTIONED)]
    notes = [e for e in evidence if not e.startswith((_ROLE, _MENTIONED))]
    out = ["Role: " + r[len(_ROLE):] for r in roles[:1]]
    out.extend("Mentioned as: " + m[len(_MENTIONED):] for m in mentioned[:1])
    if notes:
        out.append("One actor because:")
        out.extend("  " + n for n in notes[:shown])
        if len(notes) > shown:
            out.append(f"  … and {len(notes) - shown} more")
    return out
