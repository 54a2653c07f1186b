"""The exception interchange raises for files the user gave us that we cannot take."""
from __future__ import annotations


class InterchangeError(Exception):
    """A user-facing message: what is wrong with the file, and where in it."""
