"""Deterministic synthetic corpora for tests and scale benchmarks.

- ``make_event_columns``: events as numpy arrays (a million in about a second);
- ``make_corpus``: the same events as model objects, with documents and spans;
- ``make_documents``: news-like English texts for the real extraction pipeline.
"""
from .columns import EventColumns, from_corpus
from .corpus import corpus_from_columns, make_corpus
from .events import DEFAULT_PRECISION_MIX, make_event_columns
from .news import make_documents
from .writer import write_documents

__all__ = ["EventColumns", "from_corpus", "corpus_from_columns", "make_corpus", "make_event_columns",
           "DEFAULT_PRECISION_MIX", "make_documents", "write_documents"]
