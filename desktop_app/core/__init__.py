"""Eventscope's core: documents, extraction, store and analysis. Never imports Qt."""
