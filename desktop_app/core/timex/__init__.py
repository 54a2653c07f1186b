"""Rule-based TIMEX3 tagging and normalisation (HeidelTime-style), with no Qt and no clock.

    from desktop_app.core.timex import tag, parse_dct
    timexes = tag(text, "2007-11", doc_id="a1")
    value, interval = parse_dct("1998-02-06T22:19:00")
"""
from desktop_app.core.timex.dct import parse_dct
from desktop_app.core.timex.tagger import tag
from desktop_app.core.timex.values import to_interval

__all__ = ["tag", "parse_dct", "to_interval"]
