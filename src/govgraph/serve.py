"""Read-only SPARQL 1.1 Protocol endpoint over an exported graph.

Queries are answered by the Oxigraph server binary (PyPI package `oxigraph`):
`oxigraph serve-read-only` refuses every write, answers GET and POST (form or
application/sparql-query) at /query with JSON, XML, CSV or TSV results by
content negotiation, adds CORS headers with --cors, and reads nothing from disk
except its private copy of the graph: besides /query it only serves its
built-in query page at / and a read-only dump of the data at /store.

It listens on a private loopback port behind a small guard (this module's
HTTP server, 127.0.0.1 by default) that enforces what the binary does not:

* request size: request line (GET queries) at most MAX_URL bytes (414), body
  at most max_request bytes (413), a Content-Length required for bodies (411);
* query time: a response must be complete within `timeout` seconds, or the
  client gets 503 (or a cut connection, once results have started) and the
  Oxigraph process, still computing, is replaced by a fresh one (its own
  --timeout-s does not stop every query, e.g. a large COUNT);
* read-only: only GET, HEAD, OPTIONS and POST /query pass (403 otherwise),
  SPARQL Update is refused, and so is SERVICE, since federated queries would
  make the server fetch arbitrary URLs, including ones on the local network;
* at most MAX_CONCURRENT requests at a time (503 beyond).
"""

from __future__ import annotations

import http.client
import math
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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


MAX_URL = 16 * 1024  # bytes in the request line (a GET query travels in it)
MAX_REQUEST = 1024 * 1024  # bytes in a request body (a POSTed query)
MAX_CONCURRENT = 16
DRAIN = 16 * 1024 * 1024  # a refused body up to this size is read and dropped; a larger one cuts the connection
GRACE = 2.0  # seconds on top of the query timeout for the backend to answer
IDLE = 30  # seconds a client may take to send its request

_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "content-length", "host"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Backend:
    """The oxigraph serve-read-only process on a private loopback port; replaceable."""

    def __init__(self, store: Path, workdir: Path, timeout: float, cors: bool):
        self.store, self.workdir, self.timeout, self.cors = store, workdir, timeout, cors
        self.lock = threading.Lock()
        self.generation = 0
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.restarts = 0

    def start(self) -> None:
        self.port = _free_port()
        cmd = [
            oxigraph_binary(), "serve-read-only",
            "--location", str(self.store),
            "--bind", _bind("127.0.0.1", self.port),
            "--timeout-s", str(max(1, math.ceil(self.timeout))),
        ]
        if self.cors:
            cmd.append("--cors")
        log = self.workdir / "server.log"
        with open(log, "wb") as out:
            self.process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.generation += 1
        _wait_ready(self.process, f"http://127.0.0.1:{self.port}/query", log, time.monotonic() + 30)

    def replace(self, generation: int) -> None:
        """Kill the process that ran a query past its time (unless already replaced) and start another."""
        with self.lock:
            if generation != self.generation or self.process is None:
                return
            self.stop()
            self.restarts += 1
            self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _wait_ready(process: subprocess.Popen, query_url: str, log: Path, deadline: float) -> None:
    probe = query_url + "?query=ASK%7B%7D"
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via an http_proxy
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with direct.open(probe, timeout=1) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    message = log.read_text(errors="replace").strip()
    if process.poll() is None:
        process.kill()
        process.wait()
    raise RuntimeError(f"oxigraph server did not start: {message or 'timed out'}")


# SPARQL text that cannot hold a keyword: strings, IRIs, comments (after \u escapes,
# which SPARQL decodes before parsing)
_SKIP = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
                   r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*''', re.S)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.I)


def _unescape(m: re.Match) -> str:
    code = int(m.group(1) or m.group(2), 16)
    return chr(code) if code < 0x110000 else ""


def uses_service(query: str) -> bool:
    """Does a SPARQL query contain the SERVICE keyword (a federated query)?"""
    text = _ESCAPE.sub(_unescape, query)
    return bool(_SERVICE.search(_SKIP.sub(" ", text)))


class _Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class _Guard(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, backend: _Backend, timeout: float, max_request: int):
        self.backend = backend
        self.query_timeout = timeout
        self.max_request = max_request
        self.slots = threading.BoundedSemaphore(MAX_CONCURRENT)
        super().__init__(address, _GuardHandler)


class _GuardHandler(BaseHTTPRequestHandler):
    server: _Guard
    timeout = IDLE  # a client that sends nothing for this long is dropped
    server_version = "govgraph-sparql"
    protocol_version = "HTTP/1.0"

    def log_message(self, format, *args):  # quiet: no access log on stderr
        pass

    def do_GET(self):
        self._handle()

    def do_HEAD(self):
        self._handle()

    def do_OPTIONS(self):
        self._handle()

    def do_POST(self):
        self._handle()

    def _read_only(self):
        self._send_error(403, "read-only endpoint: only queries (GET, or POST to /query)")

    do_PUT = do_DELETE = do_PATCH = _read_only

    def _send_error(self, status: int, message: str) -> None:
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.close_connection = True

    def _handle(self) -> None:
        if not self.server.slots.acquire(blocking=False):
            self._send_error(503, f"busy: at most {MAX_CONCURRENT} requests at a time")
            return
        try:
            body = self._check()
            self._forward(body)
        except _Refused as r:
            self._send_error(r.status, str(r))
        except (ConnectionError, TimeoutError, socket.timeout):
            self.close_connection = True
        finally:
            self.server.slots.release()

    def _check(self) -> bytes:
        """The request body, once the request is known to be a read-only query within limits."""
        if len(self.requestline) > MAX_URL:
            raise _Refused(414, f"request line longer than {MAX_URL} bytes: POST the query instead")
        url = urllib.parse.urlsplit(self.path)
        body = b""
        if self.command == "POST":
            if url.path != "/query":
                raise _Refused(403, "read-only endpoint: POST only to /query")
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                raise _Refused(411, "a request body needs a Content-Length")
            try:
                length = int(self.headers.get("Content-Length", "0"))
            except ValueError:
                raise _Refused(400, "bad Content-Length") from None
            if length < 0:
                raise _Refused(400, "bad Content-Length")
            if length > self.server.max_request:
                left = length if length <= DRAIN else 0  # read it, so that a client still sending gets the answer
                while left > 0 and (got := self.rfile.read(min(left, 65536))):
                    left -= len(got)
                raise _Refused(413, f"request body of {length} bytes; the limit is {self.server.max_request}")
            body = self.rfile.read(length)
            if len(body) < length:
                raise ConnectionError("request body cut short")
        queries = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if self.command == "POST":
            if ctype == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                for k, v in form.items():
                    queries.setdefault(k, []).extend(v)
            elif ctype == "application/sparql-query":
                queries.setdefault("query", []).append(body.decode("utf-8", "replace"))
            elif ctype == "application/sparql-update":
                raise _Refused(403, "read-only endpoint: SPARQL Update is refused")
        if "update" in queries:
            raise _Refused(403, "read-only endpoint: SPARQL Update is refused")
        if any(uses_service(q) for q in queries.get("query", [])):
            raise _Refused(403, "SERVICE (federated query) is disabled on this endpoint")
        return body

    def _forward(self, body: bytes) -> None:
        backend = self.server.backend
        timeout = self.server.query_timeout
        deadline = time.monotonic() + timeout + GRACE
        generation = backend.generation
        conn = http.client.HTTPConnection("127.0.0.1", backend.port, timeout=timeout + GRACE)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
        if self.command == "POST":
            headers["Content-Length"] = str(len(body))
        try:
            try:
                conn.request(self.command, self.path, body=body or None, headers=headers)
                resp = conn.getresponse()
            except (socket.timeout, TimeoutError):
                backend.replace(generation)
                raise _Refused(503, f"query time limit exceeded ({timeout:g} s)") from None
            except (ConnectionError, http.client.HTTPException) as e:
                raise _Refused(502, f"SPARQL server unavailable ({e})") from None
            self.send_response(resp.status, resp.reason)
            for k, v in resp.getheaders():
                if k.lower() not in _HOP:
                    self.send_header(k, v)
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            if self.command == "HEAD":
                return
            while True:
                left = deadline - time.monotonic()
                if left <= 0:  # results still streaming past the time limit: cut, and stop the query
                    backend.replace(generation)
                    return
                conn.sock.settimeout(left)
                try:
                    chunk = resp.read1(65536)
                except (socket.timeout, TimeoutError):
                    backend.replace(generation)
                    return
                if not chunk:
                    return
                self.wfile.write(chunk)
        finally:
            conn.close()


class Endpoint:
    """A running read-only endpoint (guard + Oxigraph); use as a context manager or call stop()."""

    def __init__(self, guard: _Guard, backend: _Backend, url: str, workdir: Path):
        self.guard = guard
        self.backend = backend
        self.url = url
        self.query_url = url + "/query"
        self.workdir = workdir
        self._thread = threading.Thread(target=guard.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        self._thread.start()

    @property
    def process(self) -> subprocess.Popen:
        """The Oxigraph process now answering queries (replaced after a query runs out of time)."""
        return self.backend.process

    def stop(self) -> None:
        if self._thread.is_alive():
            self.guard.shutdown()
            self._thread.join()
        self.guard.server_close()
        with self.backend.lock:
            self.backend.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def wait(self) -> None:
        """Block until the endpoint stops (Ctrl-C or SIGTERM in serve())."""
        while self._thread.is_alive():
            self._thread.join(0.5)

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start(path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30, cors: bool = True,
          max_request: int = MAX_REQUEST) -> Endpoint:
    """Load path into a private temporary store, start Oxigraph behind the guard on host:port;
    return once it answers."""
    workdir = Path(tempfile.mkdtemp(prefix="govgraph-sparql-"))
    backend = None
    try:
        store = build_store(path, workdir / "store")
        backend = _Backend(store, workdir, timeout, cors)
        backend.start()
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        guard_cls = type("_GuardV6", (_Guard,), {"address_family": family}) if family == socket.AF_INET6 else _Guard
        guard = guard_cls((host, port), backend, timeout, max_request)
    except BaseException:
        if backend is not None:
            backend.stop()
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    shown = f"[{host}]" if ":" in host else host
    return Endpoint(guard, backend, f"http://{shown}:{guard.server_address[1]}", workdir)


def serve(path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30) -> int:
    """Serve path until interrupted (Ctrl-C or SIGTERM); return 0."""
    endpoint = start(path, host=host, port=port, timeout=timeout)
    # SIGTERM -> KeyboardInterrupt, so both paths clean up the temporary store.
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler) if main else None
    print(f"SPARQL endpoint (read-only): {endpoint.query_url}", file=sys.stderr)
    try:
        endpoint.wait()
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        endpoint.stop()
        if main:
            signal.signal(signal.SIGTERM, previous)
