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
import gc
import sys
from contextlib import contextmanager
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


_M_MMAP_THRESHOLD = -3          # mallopt parameter number in glibc's malloc.h
_MMAP_THRESHOLD = 128 * 1024    # glibc's own starting value


def return_large_blocks_promptly() -> bool:
    """Keep glibc from holding freed large blocks: every block of 128 KiB or more is mapped on its own
    and unmapped when freed.

    By default glibc raises this threshold each time such a block is freed (up to 32 MiB), after
    which numpy's temporaries come from the heap and stay resident when freed.  At a million
    events that held 50-100 MB of dead arrays after each first sort or search and pushed the peak
    past 1 GB (measured: peak building the views 914 MB -> 879 MB, held 889 -> 823 MB).
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD))
    except (OSError, AttributeError):
        return False


def release_free_memory() -> bool:
    """Hand the allocator's free memory back to the OS; True when the platform allows it."""
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    return True


@contextmanager
def gc_paused():
    """Hold off the cyclic garbage collector while a large build runs.

    Building millions of objects (or tables while a million-event corpus is
    in memory) triggers collection after collection that walks everything
    alive and finds nothing: what these builds make is not cyclic.  Pausing
    it made them two to ten times faster; collection resumes afterwards.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
