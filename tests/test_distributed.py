"""Cluster extraction gives exactly the single-process result, on a loopback-only local Dask cluster."""
import sys

import pytest

from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_corpus
from desktop_app.core.synthetic.news import make_documents
from desktop_app.core.tasks import Cancelled, TaskState


def _dask_or_skip():
    return pytest.importorskip("distributed", reason="dask[distributed] is not installed (optional 'cluster' extra)")


@pytest.fixture(scope="module")
def docs():
    return make_documents(20, seed=11)


def test_cluster_result_equals_single_process_result(docs):
    _dask_or_skip()
    from desktop_app.core.distributed import extract_on_cluster
    seen = []
    task = TaskState(on_progress=lambda f, m: seen.append(f))
    got = extract_on_cluster(docs, scheduler=None, task=task, chunk=3)
    want = extract_corpus(docs, workers=1)
    assert len(want.events) > 0 and len(want.actors) > 0 and len(want.ties) > 0
    assert [a.to_json() for a in got.actors] == [a.to_json() for a in want.actors]
    assert [e.to_json() for e in got.events] == [e.to_json() for e in want.events]
    assert [t.to_json() for t in got.ties] == [t.to_json() for t in want.ties]
    assert got.to_json() == want.to_json()
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_cancel_stops_the_cluster_run(docs):
    _dask_or_skip()
    from desktop_app.core.distributed import extract_on_cluster
    box = []
    # The user presses Cancel as soon as the work has been sent to the cluster.
    task = TaskState(on_progress=lambda f, m: box[0].cancel() if f >= 0.05 else None)
    box.append(task)
    with pytest.raises(Cancelled):
        extract_on_cluster(docs, task=task, chunk=1)


def test_unreachable_scheduler_is_a_clear_error(monkeypatch):
    _dask_or_skip()
    from desktop_app.core import distributed as cluster
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "2s")
    doc = Document(id="d", path="d.txt", text="The Ministry of Finance met Anna Novak on May 3, 2001.")
    with pytest.raises(cluster.ClusterError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        cluster.extract_on_cluster([doc], scheduler="tcp://127.0.0.1:9")
    with pytest.raises(cluster.ClusterError, match="not a scheduler address"):
        cluster.extract_on_cluster([doc], scheduler="tcp://host 8786")


def test_missing_dask_says_how_to_install(monkeypatch):
    from desktop_app.core import distributed as cluster
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(cluster.ClusterError, match=r"pip install 'dask\[distributed\]'"):
        cluster.extract_on_cluster([Document(id="d", path="d.txt", text="x")])


def test_no_documents_needs_no_cluster():
    _dask_or_skip()
    from desktop_app.core.distributed import extract_on_cluster
    corpus = extract_on_cluster([], scheduler="tcp://127.0.0.1:9")
    assert corpus.events == [] and corpus.documents == []


def test_local_cluster_listens_on_loopback_only():
    distributed = _dask_or_skip()
    from desktop_app.core import distributed as cluster
    client, local = cluster._connect(distributed, "local")
    try:
        assert local is not None
        assert local.scheduler_address.startswith("tcp://127.0.0.1:")
        workers = client.scheduler_info()["workers"]
        assert len(workers) >= 1 and all(addr.startswith("tcp://127.0.0.1:") for addr in workers)
        # Every socket the cluster listens on (scheduler, its small HTTP health server, which Dask
        # starts even with the dashboard off, nannies, workers) is bound to loopback.
        psutil = pytest.importorskip("psutil", reason="psutil lists the listening sockets")
        me = psutil.Process()
        listening = [c.laddr.ip for p in [me, *me.children(recursive=True)]
                     for c in p.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
        assert listening and set(listening) == {"127.0.0.1"}
    finally:
        client.close()
        local.close()


def test_worker_failure_becomes_a_clear_error(monkeypatch, docs):
    _dask_or_skip()
    from desktop_app.core import distributed as cluster

    def broken(batch):
        raise ModuleNotFoundError("No module named 'desktop_app'")

    # What a worker without Eventscope installed reports; the user is told what to do.
    monkeypatch.setattr(cluster, "_extract_batch", broken)
    with pytest.raises(cluster.ClusterError, match="install Eventscope .* on every worker"):
        cluster.extract_on_cluster(docs[:2])


def test_running_scheduler_by_address(docs):
    """The path `eventscope extract --scheduler tcp://host:8786` takes: connect to a scheduler someone else runs."""
    distributed = _dask_or_skip()
    import logging

    from desktop_app.core.distributed import extract_on_cluster
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=logging.ERROR) as running:
        address = running.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        got = extract_on_cluster(docs[:5], scheduler=address, chunk=2)
        # Our client leaves; the scheduler it did not start keeps running for others.
        assert running.scheduler.status.name == "running"
    assert got.to_json() == extract_corpus(docs[:5]).to_json()
