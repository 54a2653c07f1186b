"""Extraction on a Dask cluster: the pipeline's own per-document function, mapped over many machines.

``extract_on_cluster`` sends documents in small batches to Dask workers,
each batch running ``pipeline.extract_document`` (the very function
``extract_corpus`` uses), gathers the results and joins them with
``pipeline.merge``. The result is therefore the same ``Corpus`` a
single-process run gives: same actors, ids, events and ties.

``scheduler`` semantics (what ``eventscope extract --scheduler`` passes):

- ``None`` or ``"local"``: start a private cluster on this machine, bound to
  127.0.0.1 only, one single-threaded worker process per core, no
  dashboard (Dask still opens a small HTTP health endpoint, also on
  127.0.0.1); it is shut down when extraction ends.
- ``"tcp://host:8786"`` (or ``"host:8786"``): connect to a running
  ``dask scheduler``; its workers must have Eventscope installed (same
  version), since they import ``desktop_app.core.pipeline``.

Dask is optional (``pip install 'eventscope[cluster]'``); without it
``ClusterError`` says how to install it.
"""
from __future__ import annotations

import logging
import os
import time
from typing import Iterable, Optional

from .happenings import with_happenings
from .model import Corpus, Document
from .pipeline import DocumentExtraction, extract_document, merge
from .tasks import Cancelled, TaskState, report

LOCAL = "local"
CONNECT_TIMEOUT = "15s"
_POLL_SECONDS = 0.1


class ClusterError(RuntimeError):
    """The cluster could not be used; the message says why and what to do."""


def _extract_batch(docs: list[Document]) -> list[DocumentExtraction]:
    # Runs on a worker. Batches amortise Dask's per-task overhead (about a millisecond)
    # over several documents without making progress too coarse.
    return [extract_document(d) for d in docs]


def _dask():
    try:
        import distributed
    except ImportError:
        raise ClusterError("cluster extraction needs Dask: pip install 'dask[distributed]' "
                           "(or install eventscope with the 'cluster' extra)") from None
    return distributed


def _connect(distributed, scheduler: Optional[str]):
    """A client, and the cluster to close afterwards when we started one."""
    if scheduler is None or scheduler.strip().lower() == LOCAL:
        try:
            cluster = distributed.LocalCluster(
                n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
        except Exception as exc:
            raise ClusterError(f"could not start a local Dask cluster: {exc}") from None
        try:
            return distributed.Client(cluster, set_as_default=False), cluster
        except Exception as exc:
            cluster.close()
            raise ClusterError(f"could not connect to the local Dask cluster: {exc}") from None
    address = scheduler.strip()
    if not address or " " in address:
        raise ClusterError(f"{scheduler!r} is not a scheduler address; give one like tcp://host:8786")
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except Exception as exc:   # Dask raises comm, timeout and parse errors of several kinds here
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}. Is `dask scheduler` "
                           f"running there, and is the port open?") from None
    return client, None


def extract_on_cluster(documents: Iterable[Document], scheduler: Optional[str] = None,
                       task: Optional[TaskState] = None, chunk: int = 8) -> Corpus:
    """Extract ``documents`` on a Dask cluster and merge as ``pipeline.extract_corpus`` does.

    Progress goes to ``task``; cancelling it cancels the outstanding work on
    the cluster and raises ``tasks.Cancelled``. Raises ``ClusterError`` when
    Dask is missing, the scheduler cannot be reached, or workers fail.
    """
    docs = list(documents)
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    distributed = _dask()
    n = len(docs)
    local = scheduler is None or scheduler.strip().lower() == LOCAL
    report(task, 0.0, "Starting a local cluster" if local else f"Connecting to {scheduler}")
    if n == 0:
        report(task, 1.0, "No documents")
        return merge([])
    client, cluster = _connect(distributed, scheduler)
    futures = []
    try:
        batches = [docs[i:i + chunk] for i in range(0, n, chunk)]
        report(task, 0.05, f"Extracting {n} document(s) on {len(client.scheduler_info().get('workers', {}))} worker(s)")
        futures = client.map(_extract_batch, batches, pure=False)
        where = {f.key: k for k, f in enumerate(futures)}
        results: list[Optional[list[DocumentExtraction]]] = [None] * len(batches)
        done = 0
        pending = distributed.as_completed(futures, loop=client.loop, with_results=True)
        while not pending.is_empty():
            # Polled rather than blocking so a cancel is noticed while batches are still running.
            report(task, 0.05 + 0.85 * done / n, f"Extracted {done} of {n}")
            ready = pending.next_batch(block=False)
            if not ready:
                time.sleep(_POLL_SECONDS)
                continue
            for fut, res in ready:
                # next_batch hands back a failed task's error as its "result" instead of raising.
                if fut.status != "finished":
                    raise fut.exception() or RuntimeError(f"a batch ended as {fut.status}")
                results[where[fut.key]] = res
                done += len(res)
    except Cancelled:
        client.cancel(futures)
        raise
    except ClusterError:
        raise
    except Exception as exc:
        hint = (" — install Eventscope (the same version) on every worker machine"
                if isinstance(exc, ImportError) or "desktop_app" in str(exc) else "")
        raise ClusterError(f"extraction failed on the cluster: {type(exc).__name__}: {exc}{hint}") from None
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    report(task, 0.92, "Resolving names across documents")
    corpus = merge([ex for batch in results for ex in (batch or [])])
    corpus = with_happenings(corpus)   # the same corpus-level step as extract_corpus (core/happenings)
    report(task, 1.0, f"{len(corpus.events)} events, {len(corpus.actors)} actors")
    return corpus
