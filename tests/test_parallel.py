"""--jobs N and --executor dask give the graph of a one-process build; results stream in input order."""

import random
import threading
import time
from concurrent.futures import Future

import pytest
from small_corpus import differing_outputs, paragraphs, write_corpus

from govgraph.cli import main
from govgraph.executors import run_documents
from govgraph.ingest import make_document


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl", paragraphs(24))


@pytest.fixture(scope="module")
def local_build(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    assert main(["build", str(corpus), "-o", str(out), "--jobs", "1", "--no-cache", "--no-progress"]) == 0
    return out


def test_process_pool_build_equals_one_process_build(corpus, local_build, tmp_path, capsys):
    assert main(["build", str(corpus), "-o", str(tmp_path), "--jobs", "2", "--no-cache", "--no-progress"]) == 0
    assert "jobs 2 (processes)" in capsys.readouterr().err
    assert differing_outputs(local_build, tmp_path, ("graph.json", "graph.ttl", "graph.nt", "graph.gexf",
                                                     "graph.graphml", "graph.html")) == []


def test_dask_build_equals_one_process_build(corpus, local_build, tmp_path, capsys):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster:
        argv = ["build", str(corpus), "-o", str(tmp_path), "--executor", "dask",
                "--scheduler", cluster.scheduler_address, "--no-cache", "--no-progress"]
        assert main(argv) == 0
    assert "jobs 2 (dask)" in capsys.readouterr().err
    assert differing_outputs(local_build, tmp_path) == []


def test_dask_without_scheduler_is_a_clear_error(corpus, tmp_path, capsys):
    assert main(["build", str(corpus), "-o", str(tmp_path), "--executor", "dask", "--no-progress"]) == 2
    assert "--scheduler" in capsys.readouterr().err


class ShuffledExecutor:
    """Completes tasks in random order from a thread; records how many were in flight."""

    name, workers = "test", 2

    def __init__(self, fail_on=None):
        self.in_flight = self.most_in_flight = 0
        self.submitted = []
        self.fail_on = fail_on
        self.closed = None
        self.lock = threading.Lock()

    def submit(self, documents):
        f = Future()
        with self.lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        self.submitted.append([d.id for d in documents])

        def finish():
            time.sleep(random.random() / 200)
            with self.lock:
                self.in_flight -= 1
            if self.fail_on in [d.id for d in documents]:
                f.set_exception(RuntimeError("worker failed"))
            else:
                f.set_result([{"doc": d.id, "sentences": [], "mentions": [], "relations": []} for d in documents])

        threading.Thread(target=finish).start()
        return f

    def close(self, cancel=False):
        self.closed = cancel


def _docs(n):
    return [make_document(f"d{i:03d}", f"第{i}篇文章。") for i in range(n)]


def test_results_stream_in_input_order_with_bounded_tasks_in_flight():
    random.seed(8)
    ex = ShuffledExecutor()
    out = [r["doc"] for r, cached in run_documents(iter(_docs(200)), ex, chunk_docs=3, window=4)]
    assert out == [f"d{i:03d}" for i in range(200)]
    assert sum(map(len, ex.submitted)) == 200
    assert ex.most_in_flight <= 5  # the window, plus the chunk just submitted


def test_a_failed_task_stops_the_build_and_cancels_the_rest():
    ex = ShuffledExecutor(fail_on="d050")
    with pytest.raises(RuntimeError, match="worker failed"):
        list(run_documents(iter(_docs(200)), ex, chunk_docs=4, window=4))
    assert ex.closed is True
