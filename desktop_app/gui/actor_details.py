"""The lines of an actor's details that say why it is one actor (shown as plain text).

The identity step (core/actors/identity.py) records a role line and one line
per kind of join; a tooltip has room for a few, so the rest are counted.
"""
from __future__ import annotations

_SHOWN = 4


def evidence_lines(evidence: list[str], shown: int = _SHOWN) -> list[str]:
    """Plain-text lines: "Role: ...", then "One actor because: ..." notes, then "... and N more"."""
    if not evidence:
        return []
    roles = [e for e in evidence if e.startswith("role: ")]
    notes = [e for e in evidence if not e.startswith("role: ")]
    out = ["Role: " + r[len("role: "):] for r in roles[:1]]
    if notes:
        out.append("One actor because:")
        out.extend("  " + n for n in notes[:shown])
        if len(notes) > shown:
            out.append(f"  … and {len(notes) - shown} more")
    return out
