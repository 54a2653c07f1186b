"""Giving freed memory back to the operating system after a large build.

Building a million-event corpus creates and frees millions of short-lived
objects and grows buffers by copying; glibc keeps the freed heap for reuse,
so the process's resident size stays at the build's peak long after the
corpus has settled at half of it.  ``malloc_trim(0)`` returns that memory
(measured at 200k events: 278 MB resident before, 158 MB after).  Other C
libraries and platforms have no such call; there it does nothing.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import lru_cache


@lru_cache(maxsize=1)
def _trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):   # musl and others have no malloc_trim
        return None


def release_free_memory() -> bool:
    """Hand the allocator's free memory back to the OS; True when the platform allows it."""
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    return True
