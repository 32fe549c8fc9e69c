"""Users' own gazetteers: CSV and JSONL files, validation, matching, canonical names, parents."""

import json

import pytest

from govgraph.gazetteers.user import GazetteerError, load_user_gazetteer
from govgraph.ingest import make_document
from govgraph.nlp import load_pipeline, process
from govgraph.pipeline import extract_document

TEXT = "常州市金坛区启动“暖心桥”行动，由桥头乡邻里互助社承办，金坛区民政局指导。互助社已服务三千人次。"


def extract(tmp_path, gazetteer):
    nlp = load_pipeline(None, gazetteers=(gazetteer,))
    ((dd, doc),) = process(nlp, [make_document("t.txt", TEXT)])
    return extract_document(dd, doc)


def test_csv_entries_match_names_and_aliases(tmp_path):
    g = tmp_path / "mine.csv"
    g.write_text("name,type,aliases,parent\n"
                 "桥头乡邻里互助社,Organization,互助社;邻里互助社,金坛区\n"
                 "暖心桥行动,Program,暖心桥,\n", encoding="utf-8")
    r = extract(tmp_path, g)
    orgs = [m for m in r["mentions"] if m["label"] == "Organization"]
    assert {m["surface"] for m in orgs} == {"桥头乡邻里互助社", "互助社"}
    assert {m["name"] for m in orgs} == {"桥头乡邻里互助社"}  # the alias resolves to the entry's name
    assert any(m["name"] == "暖心桥行动" and m["label"] == "Program" for m in r["mentions"])
    located = {(x["source"], x["target"]) for x in r["relations"] if x["type"] == "located_in"}
    place = next(m["key"] for m in r["mentions"] if m["name"] == "常州市金坛区" or m["surface"] == "金坛区")
    assert ("organization/桥头乡邻里互助社", place) in located


def test_jsonl_entries(tmp_path):
    g = tmp_path / "mine.jsonl"
    g.write_text(json.dumps({"name": "桥头乡邻里互助社", "type": "Organization", "aliases": ["互助社"]},
                            ensure_ascii=False) + "\n", encoding="utf-8")
    r = extract(tmp_path, g)
    assert sum(m["name"] == "桥头乡邻里互助社" for m in r["mentions"]) == 2


@pytest.mark.parametrize("content, message", [
    ("name,kind\nA,B\n", "missing ['type']"),
    ("name,type\n互助社,Club\n", "mine.csv:2: type 'Club'"),
    ("name,type\n,Agency\n", "mine.csv:2: empty name"),
    ("name,type\n", "no entries"),
])
def test_bad_csv_names_file_and_line(tmp_path, content, message):
    g = tmp_path / "mine.csv"
    g.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_user_gazetteer(g)


def test_bad_jsonl_line(tmp_path):
    g = tmp_path / "mine.jsonl"
    g.write_text('{"name": "A", "type": "Agency"}\n{oops\n', encoding="utf-8")
    with pytest.raises(GazetteerError, match="mine.jsonl:2: not JSON"):
        load_user_gazetteer(g)


def test_component_saves_and_loads_its_entries(tmp_path):
    from govgraph.nlp.user import UserGazetteer
    c = UserGazetteer(entries=[{"name": "暖心桥行动", "type": "Program", "aliases": ["暖心桥"], "parent": None}])
    c.to_disk(tmp_path / "gg_user")
    d = UserGazetteer().from_disk(tmp_path / "gg_user")
    assert d.entries == c.entries and d.rx.pattern == c.rx.pattern


def test_build_with_a_gazetteer_and_a_bad_one(tmp_path, capsys):
    from govgraph.cli import main
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    g = tmp_path / "mine.csv"
    g.write_text("name,type,aliases\n桥头乡邻里互助社,Organization,互助社\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(corpus), "-o", str(out), "--gazetteer", str(g), "--jobs", "1", "--no-progress"]) == 0
    nodes = json.loads((out / "graph.json").read_text(encoding="utf-8"))["nodes"]
    (node,) = [n for n in nodes if n["id"] == "organization/桥头乡邻里互助社"]
    assert sorted(node["aliases"]) == ["互助社", "桥头乡邻里互助社"]
    # an edited gazetteer is a new pipeline: the cache must not serve the old results
    g.write_text("name,type,aliases\n桥头乡邻里互助社,Organization,\n", encoding="utf-8")
    assert main(["build", str(corpus), "-o", str(out), "--gazetteer", str(g), "--jobs", "1", "--no-progress"]) == 0
    nodes = json.loads((out / "graph.json").read_text(encoding="utf-8"))["nodes"]
    (node,) = [n for n in nodes if n["id"] == "organization/桥头乡邻里互助社"]
    assert node["aliases"] == ["桥头乡邻里互助社"]
    before = (out / "graph.json").read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type\n互助社,Club\n", encoding="utf-8")
    assert main(["build", str(corpus), "-o", str(out), "--gazetteer", str(bad), "--no-progress"]) == 2
    assert "bad.csv:2: type 'Club'" in capsys.readouterr().err
    assert (out / "graph.json").read_bytes() == before  # nothing written
