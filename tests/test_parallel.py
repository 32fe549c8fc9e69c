"""--jobs N and --executor dask give the graph of a one-process build; results stream in input order."""

import random
import sys
import threading
import time
from concurrent.futures import Future

import pytest
from small_corpus import OUTPUTS, differing_outputs, paragraphs, write_corpus

from govgraph.cli import main
from govgraph.cache import document_key
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
    # the exports too, which two jobs write in two processes
    assert differing_outputs(local_build, tmp_path, (*OUTPUTS, "graph.jsonld", "graph.html")) == []


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
        self.started = []  # how many tasks had been submitted at each start()
        self.lock = threading.Lock()

    def start(self):
        self.started.append(len(self.submitted))

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

    def close(self, cancel=False, wait=True):
        self.closed = cancel

    def join(self):
        pass


def _docs(n):
    return [make_document(f"d{i:03d}", f"第{i}篇文章。") for i in range(n)]


def test_results_stream_in_input_order_with_bounded_tasks_in_flight():
    random.seed(8)
    ex = ShuffledExecutor()
    out = [r["doc"] for r, cached in run_documents(iter(_docs(200)), ex, chunk_docs=3, window=4)]
    assert out == [f"d{i:03d}" for i in range(200)]
    assert sum(map(len, ex.submitted)) == 200
    assert ex.most_in_flight <= 5  # the window, plus the chunk just submitted


class DictCache(dict):
    def get(self, key):
        return super().get(key)

    def put_many(self, items):
        self.update(items)


def test_workers_start_at_the_first_document_the_cache_lacks():
    """The pool starts before the first task closes (its workers load the pipeline while
    the build reads on), and not at all when the cache has every document."""
    docs = _docs(40)
    cache = DictCache({document_key(d): {"doc": d.id, "sentences": [], "mentions": [], "relations": []}
                       for d in docs[:30]})
    read = []

    class Recording(ShuffledExecutor):
        def start(self):
            super().start()
            self.read_at_start = len(read)

    def reading(docs):
        for d in docs:
            read.append(d.id)
            yield d

    ex = Recording()
    out = [r["doc"] for r, cached in run_documents(reading(docs), ex, cache, chunk_docs=100)]
    assert out == [d.id for d in docs]
    assert ex.started[0] == 0  # before any task was submitted
    assert ex.read_at_start == 31  # when the first miss, document 31, was read
    assert ex.submitted == [[d.id for d in docs[30:]]]

    ex = ShuffledExecutor()
    list(run_documents(iter(docs[:30]), ex, cache, chunk_docs=100))
    assert ex.started == [] and ex.submitted == []


def test_a_failed_task_stops_the_build_and_cancels_the_rest():
    ex = ShuffledExecutor(fail_on="d050")
    with pytest.raises(RuntimeError, match="worker failed"):
        list(run_documents(iter(_docs(200)), ex, chunk_docs=4, window=4))
    assert ex.closed is True


def test_exports_in_two_processes_keep_order_and_raise_the_childs_error(tmp_path):
    import os

    from govgraph.export.run import run_exports

    def task(name, fail=None):
        def run():
            if fail:
                raise fail
            (tmp_path / name).write_text(str(os.getpid()))
            return [tmp_path / name]
        return run

    tasks = [(4.0, task("a")), (3.0, task("b")), (1.0, task("c")), (0.5, task("d"))]
    assert run_exports(tasks, processes=2) == [tmp_path / n for n in "abcd"]
    pids = {(tmp_path / n).read_text() for n in "abcd"}
    assert len(pids) == (2 if sys.platform.startswith("linux") else 1) and str(os.getpid()) in pids
    # a - and c, d - go to one side, b to the other: whichever side fails, the error is raised here
    for i in range(2):
        failing = list(tasks)
        failing[i] = (failing[i][0], task("x", PermissionError(f"{tmp_path}/x: denied")))
        with pytest.raises(PermissionError, match="x: denied"):
            run_exports(failing, processes=2)
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        run_exports([(1.0, task("a")), (1.0, lambda: [1 / 0])], processes=2)


def test_the_build_process_does_not_load_spacy_when_workers_extract(corpus, tmp_path):
    # with several jobs the pipeline is only named here (PipelineSpec) and loaded in the
    # workers: importing spaCy in the build's own process would add its second of start-up
    import subprocess

    code = ("import sys; from govgraph.cli import main; "
            "assert main(['build', sys.argv[1], '-o', sys.argv[2], '--jobs', '2', '--no-progress']) == 0; "
            "print('spacy' in sys.modules, 'onnxruntime' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(corpus), str(tmp_path / "out")],
                          capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"], done.stderr
