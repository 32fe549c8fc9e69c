"""Read-only SPARQL 1.1 Protocol endpoint over an exported graph.

Runs the Oxigraph server binary (PyPI package `oxigraph`) rather than our own
HTTP code: `oxigraph serve-read-only` refuses every write (403), answers GET
and POST (form or application/sparql-query) at /query with JSON, XML, CSV or
TSV results by content negotiation, adds CORS headers with --cors, cancels
queries after --timeout-s, caps request bodies (128 MiB, fixed in the binary)
and reads nothing from disk except its store: besides /query it only serves
its built-in query page at / and a read-only dump of the data at /store.
"""

from __future__ import annotations

import math
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from govgraph.export.rdf import ontology_file
from govgraph.query import graph_file


def oxigraph_binary() -> str:
    """Path of the `oxigraph` executable: next to this Python first, then on PATH."""
    local = Path(sys.executable).parent / "oxigraph"
    if local.is_file():
        return str(local)
    found = shutil.which("oxigraph")
    if not found:
        raise FileNotFoundError("the `oxigraph` server binary is missing: pip install oxigraph")
    return found


def build_store(path, location) -> Path:
    """Bulk-load the graph at path (folder or RDF file) and the ontology into an Oxigraph store."""
    files = [graph_file(path)]
    onto = ontology_file()
    if onto is not None:
        files.append(onto)
    cmd = [oxigraph_binary(), "load", "--location", str(location)]
    for f in files:
        cmd += ["--file", str(f)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"oxigraph load failed:\n{done.stderr.strip()}")
    return Path(location)


def _bind(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class Endpoint:
    """A running read-only server; use as a context manager or call stop()."""

    def __init__(self, process: subprocess.Popen, url: str, workdir: Path):
        self.process = process
        self.url = url
        self.query_url = url + "/query"
        self.workdir = workdir

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _wait_ready(endpoint: Endpoint, log: Path, deadline: float) -> None:
    probe = endpoint.query_url + "?query=ASK%7B%7D"
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via an http_proxy
    while time.monotonic() < deadline:
        if endpoint.process.poll() is not None:
            break
        try:
            with direct.open(probe, timeout=1) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    message = log.read_text(errors="replace").strip()
    endpoint.stop()
    raise RuntimeError(f"oxigraph server did not start: {message or 'timed out'}")


def start(path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30, cors: bool = True) -> Endpoint:
    """Load path into a private temporary store and start the server; return once it answers."""
    workdir = Path(tempfile.mkdtemp(prefix="govgraph-sparql-"))
    try:
        store = build_store(path, workdir / "store")
        log = workdir / "server.log"
        cmd = [
            oxigraph_binary(), "serve-read-only",
            "--location", str(store),
            "--bind", _bind(host, port),
            "--timeout-s", str(max(1, math.ceil(timeout))),
        ]
        if cors:
            cmd.append("--cors")
        with open(log, "wb") as out:
            process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    shown = f"[{host}]" if ":" in host else host
    endpoint = Endpoint(process, f"http://{shown}:{port}", workdir)
    _wait_ready(endpoint, log, time.monotonic() + 30)
    return endpoint


def serve(path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30) -> int:
    """Serve path until interrupted (Ctrl-C or SIGTERM); return the server's exit status."""
    endpoint = start(path, host=host, port=port, timeout=timeout)
    # SIGTERM -> KeyboardInterrupt, so both paths clean up the temporary store.
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler) if main else None
    print(f"SPARQL endpoint (read-only): {endpoint.query_url}", file=sys.stderr)
    try:
        return endpoint.process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        endpoint.stop()
        if main:
            signal.signal(signal.SIGTERM, previous)
