"""Eventscope: dated events and actor networks from document corpora."""
__version__ = "0.1.0"
