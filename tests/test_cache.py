"""The result cache: a rebuild re-extracts only new and changed documents and gives the
graph of a full build; a changed pipeline never reads the old entries."""

import json
import re
import shutil
from pathlib import Path

import pytest
from small_corpus import differing_outputs, paragraphs, write_corpus

import govgraph.executors
from govgraph.cache import PIPELINE_PARTS, document_key, pipeline_version
from govgraph.cli import main
from govgraph.ingest import make_document

SRC = Path(govgraph.executors.__file__).resolve().parent


@pytest.fixture
def extracted(monkeypatch):
    """Ids of the documents the (one-process) build extracts rather than reads from the cache."""
    seen = []
    real = govgraph.executors._run_chunk

    def counting(model, documents):
        seen.extend(d.id.split("#", 1)[1] for d in documents)
        return real(model, documents)

    monkeypatch.setattr(govgraph.executors, "_run_chunk", counting)
    return seen


def build(corpus, out, *extra):
    return main(["build", str(corpus), "-o", str(out), "--jobs", "1", "--no-progress", *extra])


def cache_counts(err):
    m = re.search(r"cache hits (\d+), misses (\d+)", err)
    return int(m[1]), int(m[2])


def test_rebuild_extracts_only_changed_documents_and_equals_a_full_build(tmp_path, extracted, capsys):
    texts = paragraphs(20)
    corpus = write_corpus(tmp_path / "news.jsonl", texts)
    out = tmp_path / "out"
    assert build(corpus, out) == 0
    assert len(extracted) == 20 and cache_counts(capsys.readouterr().err) == (0, 20)

    # edit one document, add one, drop one
    texts[7] = texts[7].replace("。", "。湖南省财政厅印发《湖南省社区治理实施方案》。", 1)
    ids = [f"p{i:03d}" for i in range(20)]
    del texts[3], ids[3]
    texts.append(paragraphs(22)[-1])
    ids.append("p100")
    write_corpus(corpus, texts, ids)
    extracted.clear()
    assert build(corpus, out) == 0
    assert sorted(extracted) == ["p007", "p100"]
    assert cache_counts(capsys.readouterr().err) == (18, 2)

    full = tmp_path / "full"
    assert build(corpus, full, "--no-cache") == 0
    assert "cache off" in capsys.readouterr().err
    assert not (full / ".cache").exists()
    assert differing_outputs(out, full) == []
    assert "湖南省社区治理实施方案" in (out / "graph.json").read_text(encoding="utf-8")

    # unchanged: nothing to extract, same bytes again
    before = (out / "graph.json").read_bytes()
    extracted.clear()
    assert build(corpus, out) == 0
    assert extracted == [] and (out / "graph.json").read_bytes() == before


def test_a_process_pool_build_fills_and_uses_the_same_cache(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "news.jsonl", paragraphs(12))
    out = tmp_path / "out"
    assert main(["build", str(corpus), "-o", str(out), "--jobs", "2", "--no-progress"]) == 0
    first = (out / "graph.json").read_bytes()
    capsys.readouterr()
    assert build(corpus, out) == 0
    assert cache_counts(capsys.readouterr().err) == (12, 0)
    assert (out / "graph.json").read_bytes() == first


def _tamper(out):
    """Rename every mention in the cached results, to see whether a build reads them."""
    packs = list((out / ".cache").glob("*/packs/*.json"))
    assert packs
    for p in packs:
        data = json.loads(p.read_text(encoding="utf-8"))
        for r in data.values():
            for m in r["mentions"]:
                m["name"] = "TAMPERED"
        p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_entries_of_another_pipeline_version_are_not_used(tmp_path, monkeypatch, capsys):
    corpus = write_corpus(tmp_path / "news.jsonl", paragraphs(6))
    out = tmp_path / "out"
    monkeypatch.setattr(govgraph.cache, "pipeline_version", lambda model=None: "a" * 64)
    assert build(corpus, out) == 0
    _tamper(out)
    assert build(corpus, out) == 0  # same version: the (tampered) cache is what it reads
    assert "TAMPERED" in (out / "graph.json").read_text(encoding="utf-8")
    capsys.readouterr()

    monkeypatch.setattr(govgraph.cache, "pipeline_version", lambda model=None: "b" * 64)
    assert build(corpus, out) == 0
    assert cache_counts(capsys.readouterr().err) == (0, 6)
    assert "TAMPERED" not in (out / "graph.json").read_text(encoding="utf-8")
    assert [d.name for d in (out / ".cache").iterdir()] == ["b" * 24]  # the old version's folder is gone


def test_a_damaged_cache_is_rebuilt(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "news.jsonl", paragraphs(6))
    out, full = tmp_path / "out", tmp_path / "full"
    assert build(corpus, out) == 0
    assert build(corpus, full, "--no-cache") == 0
    packs = sorted((out / ".cache").glob("*/packs/*.json"))
    packs[0].write_text("{not json", encoding="utf-8")
    capsys.readouterr()
    assert build(corpus, out) == 0
    hits, misses = cache_counts(capsys.readouterr().err)
    assert misses > 0 and hits + misses == 6
    assert differing_outputs(out, full) == []
    next((out / ".cache").glob("*/index.json")).write_text("[]", encoding="utf-8")
    assert build(corpus, out) == 0
    assert cache_counts(capsys.readouterr().err) == (0, 6)
    assert differing_outputs(out, full) == []


def test_pipeline_version_follows_the_extraction_sources_and_model(tmp_path):
    root = tmp_path / "govgraph"
    for part in PIPELINE_PARTS:
        src = SRC / part
        if src.is_dir():
            shutil.copytree(src, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            root.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, root / part)
    (root / "export").mkdir()
    v = pipeline_version(None, root)
    assert v == pipeline_version(None, SRC) == pipeline_version(None, root)
    assert pipeline_version("zh_core_web_sm", root) != v

    (root / "export" / "rdf.py").write_text("# exporters do not change extraction\n")
    (root / "resolve" / "__pycache__").mkdir()
    (root / "resolve" / "__pycache__" / "names.cpython-311.pyc").write_bytes(b"\0")
    assert pipeline_version(None, root) == v

    names = root / "resolve" / "names.py"
    names.write_text(names.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert pipeline_version(None, root) != v
    names.write_text(names.read_text(encoding="utf-8")[: -len("\n# changed\n")], encoding="utf-8")
    assert pipeline_version(None, root) == v
    (root / "gazetteers" / "extra.tsv").write_text("x\n", encoding="utf-8")
    assert pipeline_version(None, root) != v


def test_document_key_covers_id_text_and_fields():
    base = document_key(make_document("a.jsonl#1", "民政局。", {"title": "t", "date": "20240101"}))
    assert base == document_key(make_document("a.jsonl#1", "民政局。", {"date": "20240101", "title": "t"}))
    assert base != document_key(make_document("a.jsonl#2", "民政局。", {"title": "t", "date": "20240101"}))
    assert base != document_key(make_document("a.jsonl#1", "民政厅。", {"title": "t", "date": "20240101"}))
    assert base != document_key(make_document("a.jsonl#1", "民政局。", {"title": "u", "date": "20240101"}))
    # the same record read with other ingest options (traditional characters converted or not)
    assert (document_key(make_document("a.jsonl#1", "民政機構。", traditional="always"))
            != document_key(make_document("a.jsonl#1", "民政機構。", traditional="never")))


def test_an_interrupted_build_keeps_what_it_extracted(tmp_path, monkeypatch, capsys):
    corpus = write_corpus(tmp_path / "news.jsonl", paragraphs(12))
    out, full = tmp_path / "out", tmp_path / "full"
    real = govgraph.executors._run_chunk
    tasks = []

    def interrupted(model, documents):
        tasks.append(len(documents))
        if len(tasks) == 2:
            raise KeyboardInterrupt  # Ctrl-C during the second task
        return real(model, documents)

    monkeypatch.setattr(govgraph.executors, "_run_chunk", interrupted)
    run = govgraph.executors.run_documents  # small tasks, so that the corpus takes several
    monkeypatch.setattr(govgraph.executors, "run_documents",
                        lambda *a, **k: run(*a, **{**k, "max_chars": 400, "min_chars": 100}))
    with pytest.raises(KeyboardInterrupt):
        build(corpus, out)
    monkeypatch.setattr(govgraph.executors, "_run_chunk", real)
    capsys.readouterr()
    assert build(corpus, out) == 0
    assert cache_counts(capsys.readouterr().err) == (tasks[0], 12 - tasks[0])
    assert build(corpus, full, "--no-cache") == 0
    assert differing_outputs(out, full) == []


def test_pipeline_version_follows_a_model_folder_retrained_in_place(tmp_path):
    import os

    model = tmp_path / "model"
    (model / "ner").mkdir(parents=True)
    (model / "config.cfg").write_text("[nlp]\nlang = \"zh\"\n", encoding="utf-8")
    (model / "meta.json").write_text("{}", encoding="utf-8")
    weights = model / "ner" / "model"
    weights.write_bytes(b"\1" * 64)
    v = pipeline_version(str(model))
    assert v == pipeline_version(str(model)) != pipeline_version(None)
    weights.write_bytes(b"\2" * 65)  # retrained: config and meta unchanged
    assert pipeline_version(str(model)) != v
    v = pipeline_version(str(model))
    st = weights.stat()
    weights.write_bytes(b"\3" * 65)  # same size, new time
    os.utime(weights, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert pipeline_version(str(model)) != v
