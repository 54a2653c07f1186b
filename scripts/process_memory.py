"""The memory figures every benchmark prints: what this process holds now and at its peak.

Linux /proc where it exists.  ``peak_mb`` is the high-water mark (VmHWM),
which ``reset_peak`` starts afresh so one step's peak can be told from an
earlier one, and which a child started by fork+exec does not inherit from
its parent (``ru_maxrss`` does); ``lifetime_peak_mb`` is ``ru_maxrss``.
"""
from __future__ import annotations

import os
import resource


def rss_mb() -> float:
    """Resident memory now, MB (NaN where /proc is missing)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20
    except (OSError, ValueError, IndexError):
        return float("nan")


def lifetime_peak_mb() -> float:
    """The largest resident size this process ever had, MB (KiB on Linux, as ru_maxrss reports it)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_mb() -> float:
    """Peak resident size since the last ``reset_peak`` (VmHWM), MB; the lifetime peak where unavailable."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return lifetime_peak_mb()


def reset_peak() -> bool:
    """Forget the peak so far (Linux: 5 written to clear_refs); False where that cannot be done."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False
