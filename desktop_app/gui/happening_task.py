"""Group the shared corpus's happenings off the UI thread when it arrives without them, once per corpus.

Extraction groups them already (``pipeline.extract_corpus``); a corpus that
comes without (an older workspace, a correction that replaced the events)
is grouped here, and ``AppState.happenings_changed`` tells the views.  The
timeline, the table and the Key events panel all ask; only the first asking starts the work,
and it starts once the views have been built for the new corpus (the next turn of the event
loop): grouping beside the table's and the network's builds added its peak to theirs (at a
million events 1.7 GB against 1.1 GB one after the other).
"""
from __future__ import annotations

import threading
import weakref

from PySide6.QtCore import QTimer

from desktop_app.core.happenings.heads import fresh_happenings
from desktop_app.core.tasks import one_line
from .workers import run_task

_running: dict[int, object] = {}      # id(corpus.events) -> the task grouping it
# Workers grouping the same corpus (the views' task here, the Key events panel's) take turns: the
# second finds the happenings the first grouped instead of grouping a million events again.
_grouping = threading.Lock()


def group_once(corpus, task=None):
    """``core.happenings.with_happenings`` that never runs twice at once (any thread)."""
    from desktop_app.core.happenings import with_happenings
    with _grouping:
        return with_happenings(corpus)


_group = group_once


def ensure_grouped(state) -> bool:
    """True when ``state.corpus`` has its happenings now; else start grouping them (once) and return False."""
    corpus = state.corpus
    if fresh_happenings(corpus) is not None:
        return True
    if not len(corpus.events) or id(corpus.events) in _running:
        return False
    key = id(corpus.events)
    _running[key] = None                # asked: started after the other views' handlers returned
    state_ref = weakref.ref(state)

    def done(*_):
        _running.pop(key, None)
        st = state_ref()
        if st is not None and st.corpus is corpus and fresh_happenings(corpus) is not None:
            st.happenings_changed.emit()

    def failed(exc):
        st = state_ref()
        if st is not None and st.corpus is corpus:
            st.happenings_failed.emit(one_line(exc))

    def start():
        st = state_ref()
        if st is None or st.corpus is not corpus:
            _running.pop(key, None)     # replaced meanwhile: its views ask for their own corpus
            return
        handle = _running[key] = run_task(_group, corpus)
        handle.error.connect(failed)
        handle.finished.connect(done)
    QTimer.singleShot(0, start)
    return False
