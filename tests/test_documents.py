"""graph.json's documents table (graph["documents"]): one row per document read,
with the JSON Lines fields named by --id-field/--title-field/--date-field."""

import contextlib
import io
import json

from govgraph.cli import main


def build(*argv) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["build", *map(str, argv), "--no-progress", "--jobs", "1"])
    return code, err.getvalue()


def graph(out) -> dict:
    return json.loads((out / "graph.json").read_text(encoding="utf-8"))


def test_custom_jsonl_fields_give_ids_titles_and_dates(tmp_path):
    records = [
        # the default field names hold decoys: only the fields named on the command line count
        {"uid": "n-17", "headline": "民政工作简报", "published": "2024-03-05", "content": "武汉市民政局开展活动。",
         "id": "wrong", "title": "wrong title", "date": "1999-01-01", "text": "湖北省公安厅。"},
        {"uid": 42, "headline": "第二篇", "published": 20240306, "content": "湖北省教育厅印发通知。"},
        {"content": "洪山区民政局走访居民。"},  # no id: its line number; no title or date
    ]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "feed.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    code, err = build(tmp_path / "in", "-o", tmp_path / "out", "--text-field", "content", "--id-field", "uid",
                      "--title-field", "headline", "--date-field", "published")
    assert code == 0, err
    data = graph(tmp_path / "out")
    assert data["graph"]["documents"] == [
        {"id": "feed.jsonl#3", "source": "feed.jsonl", "title": None, "date": None, "encoding": "utf-8",
         "chars": len(records[2]["content"]), "parts": 1},
        {"id": "feed.jsonl#42", "source": "feed.jsonl", "title": "第二篇", "date": "20240306", "encoding": "utf-8",
         "chars": len(records[1]["content"]), "parts": 1},
        {"id": "feed.jsonl#n-17", "source": "feed.jsonl", "title": "民政工作简报", "date": "2024-03-05",
         "encoding": "utf-8", "chars": len(records[0]["content"]), "parts": 1},
    ]
    texts = {"feed.jsonl#n-17": records[0]["content"], "feed.jsonl#42": records[1]["content"],
             "feed.jsonl#3": records[2]["content"]}
    mentions = [m for n in data["nodes"] for m in n["mentions"]]
    assert {m["doc"] for m in mentions} == set(texts)  # the --text-field, under the --id-field ids
    for m in mentions:
        assert texts[m["doc"]][m["start"]:m["end"]] == m["text"]
    assert "湖北省公安厅" not in {n["name"] for n in data["nodes"]}  # "text" was not read
    # the RDF carries them too, for every document read
    from rdflib import Graph, Literal
    from rdflib.namespace import DCTERMS

    from govgraph.export.rdf import doc_iri

    rdf = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert rdf.value(doc_iri("feed.jsonl#n-17"), DCTERMS.title) == Literal("民政工作简报")
    assert rdf.value(doc_iri("feed.jsonl#42"), DCTERMS.date) == Literal("20240306")
    assert rdf.value(doc_iri("feed.jsonl#3"), DCTERMS.identifier) == Literal("feed.jsonl#3")
    assert rdf.value(doc_iri("feed.jsonl#3"), DCTERMS.title) is None


def test_every_input_file_is_a_row_and_clashing_names_stay_apart(tmp_path):
    for folder, text in (("A", "武汉市民政局开展活动。"), ("B", "湖北省教育厅印发通知。")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(text, encoding="utf-8")
    (tmp_path / "B" / "quiet.txt").write_bytes("今天天气很好。".encode("gb18030"))  # no entities: still a row
    code, err = build(tmp_path / "A", tmp_path / "B", "-o", tmp_path / "out")
    assert code == 0, err
    data = graph(tmp_path / "out")
    rows = data["graph"]["documents"]
    assert [(r["id"], r["source"], r["encoding"], r["chars"]) for r in rows] == [
        ("A/x.txt", "A/x.txt", "utf-8", 11), ("B/x.txt", "B/x.txt", "utf-8", 11), ("quiet.txt", "quiet.txt", "gb18030", 7)]
    docs = {n["name"]: n["docs"] for n in data["nodes"]}
    assert docs["武汉市民政局"] == ["A/x.txt"] and docs["湖北省教育厅"] == ["B/x.txt"]


def test_documents_survive_a_cached_rebuild_and_a_reexport(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "f.jsonl").write_text(
        json.dumps({"id": "a", "title": "标题", "date": "2024-01-02", "text": "武汉市民政局开展活动。"},
                   ensure_ascii=False) + "\n", encoding="utf-8")
    assert build(tmp_path / "in", "-o", tmp_path / "out")[0] == 0
    first = (tmp_path / "out" / "graph.json").read_bytes()
    code, err = build(tmp_path / "in", "-o", tmp_path / "out")
    assert code == 0 and "cache hits 1, misses 0" in err
    assert (tmp_path / "out" / "graph.json").read_bytes() == first
    # a changed title is a changed document: extracted again, and the new title is written
    (tmp_path / "in" / "f.jsonl").write_text(
        json.dumps({"id": "a", "title": "新标题", "date": "2024-01-02", "text": "武汉市民政局开展活动。"},
                   ensure_ascii=False) + "\n", encoding="utf-8")
    code, err = build(tmp_path / "in", "-o", tmp_path / "out")
    assert code == 0 and "cache hits 0, misses 1" in err
    assert [r["title"] for r in graph(tmp_path / "out")["graph"]["documents"]] == ["新标题"]
    # the exporters read graph.json back with its documents
    from govgraph.export.json import read_json
    assert read_json(tmp_path / "out" / "graph.json").graph["documents"][0]["id"] == "f.jsonl#a"
