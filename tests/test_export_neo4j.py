"""Neo4j export: neo4j-admin CSV rules, import.sh, and import.cypher parsed by Neo4j's Cypher grammar."""

import csv
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from export_sample import HOSTILE, sample_graph
from govgraph.export.neo4j import write_neo4j

JS_DIR = Path(__file__).parent / "js"
NODE_HEADER = ["id:ID", ":LABEL", "name", "aliases:string[]", "count:int", "docs:string[]", "code", "parent"]
REL_HEADER = [":START_ID", ":END_ID", ":TYPE", "weight:int", "role", "pmi:double",
              "evidence_count:int", "evidence:string[]"]
# The value types neo4j-admin accepts in a header (each may end in [] for an array).
ADMIN_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point",
               "date", "localtime", "time", "localdatetime", "datetime", "duration"}
IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def check_header(header, special):
    for column in header:
        name, _, kind = column.partition(":")
        if not name and kind in special:
            continue
        assert IDENT.match(name), column
        if kind in ("ID",):
            continue
        assert kind == "" or kind.removesuffix("[]") in ADMIN_TYPES, column


def check_typed_values(row):
    for column, value in row.items():
        kind = column.partition(":")[2]
        if value == "":
            continue  # empty unquoted field: no property
        items = value.split(";") if kind.endswith("[]") else [value]
        assert all(items), (column, value)  # no empty array elements
        for item in items:
            if kind.removesuffix("[]") == "int":
                assert -(2**31) <= int(item) < 2**31
            elif kind.removesuffix("[]") == "double":
                float(item)


@pytest.fixture
def export(tmp_path):
    G = sample_graph()
    return G, write_neo4j(G, tmp_path)


def test_node_files_follow_neo4j_admin_rules(export):
    G, folder = export
    node_files = sorted(folder.glob("nodes_*.csv"))
    assert [p.name for p in node_files] == [
        "nodes_Agency.csv", "nodes_Organization.csv", "nodes_Person.csv", "nodes_Place.csv", "nodes_Program.csv"]
    ids = []
    for path in node_files:
        header, rows = read_csv(path)
        assert header == NODE_HEADER
        check_header(header, {"LABEL"})
        label = path.stem.removeprefix("nodes_")
        for row in rows:
            assert row[":LABEL"].split(";") == [label, "Entity"]
            check_typed_values(row)
            ids.append(row["id:ID"])
    assert len(ids) == len(set(ids)) == G.number_of_nodes()
    assert set(ids) == set(G.nodes)  # CSV quoting kept the hostile id whole
    _, places = read_csv(folder / "nodes_Place.csv")
    wuhan = next(r for r in places if r["id:ID"] == "place/420100")
    assert (wuhan["name"], wuhan["code"], wuhan["parent"], wuhan["count:int"]) == (
        "武汉市", "420100", "place/420000", "2")
    assert wuhan["docs:string[]"].split(";") == ["a.txt", "b.txt"]
    _, orgs = read_csv(folder / "nodes_Organization.csv")
    assert orgs[0]["name"] == HOSTILE
    assert orgs[0]["aliases:string[]"].split(";") == ["基金会", HOSTILE.replace(";", "；")]


def test_relationship_files_follow_neo4j_admin_rules(export):
    G, folder = export
    node_ids = {row["id:ID"] for p in folder.glob("nodes_*.csv") for row in read_csv(p)[1]}
    rel_files = sorted(folder.glob("rels_*.csv"))
    assert [p.name for p in rel_files] == [
        "rels_CO_OCCURS_WITH.csv", "rels_HOLDS_POSITION.csv", "rels_LOCATED_IN.csv", "rels_RUNS.csv"]
    count = 0
    for path in rel_files:
        header, rows = read_csv(path)
        assert header == REL_HEADER
        check_header(header, {"START_ID", "END_ID", "TYPE"})
        for row in rows:
            assert row[":START_ID"] in node_ids and row[":END_ID"] in node_ids
            assert row[":TYPE"] == path.stem.removeprefix("rels_") and IDENT.match(row[":TYPE"])
            check_typed_values(row)
            evidence = row["evidence:string[]"].split(";") if row["evidence:string[]"] else []
            assert len(evidence) == int(row["evidence_count:int"])
            count += 1
    assert count == G.number_of_edges()
    _, runs = read_csv(folder / "rels_RUNS.csv")
    assert runs[0]["evidence:string[]"].split(";") == [
        "武汉市民政局开展江城暖心助老行动。 [a.txt@9-26]", '他说："好,\n很好"； [b.txt@50-61]']
    _, posts = read_csv(folder / "rels_HOLDS_POSITION.csv")
    assert posts[0]["role"] == "局长" and posts[0]["pmi:double"] == ""
    _, co = read_csv(folder / "rels_CO_OCCURS_WITH.csv")
    assert float(co[0]["pmi:double"]) == 0.61


def test_import_sh_passes_every_file_to_neo4j_admin(export, tmp_path):
    _, folder = export
    script = folder / "import.sh"
    assert os.access(script, os.X_OK)
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    # A stand-in neo4j-admin that records its arguments, one per line.
    fake = tmp_path / "fake-neo4j-admin"
    fake.write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$PWD" "$@" > "$ARGS_OUT"\n')
    fake.chmod(0o755)
    out = tmp_path / "args.txt"
    env = {**os.environ, "NEO4J_ADMIN": str(fake), "ARGS_OUT": str(out)}
    subprocess.run([str(script), "govgraph", "--overwrite-destination=true"], env=env, check=True,
                   capture_output=True, cwd=tmp_path)
    cwd, *args = out.read_text().splitlines()
    assert Path(cwd) == folder
    nodes = sorted(p.name for p in folder.glob("nodes_*.csv"))
    rels = sorted(p.name for p in folder.glob("rels_*.csv"))
    assert args == (["database", "import", "full"] + [f"--nodes={n}" for n in nodes]
                    + [f"--relationships={r}" for r in rels]
                    + ["--array-delimiter=;", "--multiline-fields=true", "--overwrite-destination=true", "govgraph"])


def test_cypher_is_idempotent_and_names_existing_files(export):
    _, folder = export
    text = (folder / "import.cypher").read_text(encoding="utf-8")
    loaded = re.findall(r"LOAD CSV WITH HEADERS FROM 'file:///([^']+)'", text)
    assert sorted(loaded) == sorted(p.name for p in folder.glob("*.csv"))
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    # Only MERGE writes nodes and relationships; the one CREATE is a guarded constraint.
    assert re.findall(r"\bCREATE\b[^;]*", code) == [
        "CREATE CONSTRAINT govgraph_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE"]
    for column in NODE_HEADER + REL_HEADER:
        if column not in (":LABEL", ":TYPE"):
            assert f"row.`{column}`" in code or f"row.{column}" in code, column


def test_stale_files_removed_and_output_deterministic(tmp_path):
    G = sample_graph()
    first = write_neo4j(G, tmp_path / "a")
    (first / "nodes_Old.csv").write_text("id:ID\n")
    (first / "rels_OLD.csv").write_text(":START_ID,:END_ID\n")
    write_neo4j(G, tmp_path / "a")
    second = write_neo4j(sample_graph(reverse=True), tmp_path / "b")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert "nodes_Old.csv" not in names and "rels_OLD.csv" not in names
    assert not [n for n in names if n.endswith(".tmp") or n.startswith(".")]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
        assert (first / name).stat().st_mode & 0o004, name  # readable by a neo4j service account
    readme = (first / "README.md").read_text(encoding="utf-8")
    assert "neo4j-admin" in readme and "import.cypher" in readme
    assert "Nothing was run against a live Neo4j" in readme


def run_cypher_check(path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not (JS_DIR / "node_modules").is_dir():
        pytest.fail("tests/js/node_modules is missing: run `npm ci --prefix tests/js`")
    proc = subprocess.run([node, str(JS_DIR / "check_cypher.cjs"), str(path)], capture_output=True,
                          text=True, cwd=JS_DIR, timeout=300)
    assert proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def test_every_cypher_statement_parses_with_neo4j_grammar(export):
    _, folder = export
    path = folder / "import.cypher"
    rc, result = run_cypher_check(path)
    assert rc == 0 and result["errors"] == [], result["errors"]
    # Each statement ends a line with ';' and no other line does.
    expected = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.endswith(";"))
    assert len(result["statements"]) == expected == 1 + 5 + 4


def test_cypher_check_fails_on_a_broken_statement(export, tmp_path):
    _, folder = export
    text = (folder / "import.cypher").read_text(encoding="utf-8")
    statements = [s for s in text.split(";\n") if "LOAD CSV" in s or "CONSTRAINT" in s]
    first, runs = statements[0], next(s for s in statements if "[r:RUNS]" in s)
    broken = tmp_path / "broken.cypher"
    # The constraint as is, then the RUNS statement with one closing parenthesis dropped.
    broken.write_text(first + ";\n" + runs.replace("->(b)", "->(b") + ";\n", encoding="utf-8")
    rc, result = run_cypher_check(broken)
    assert rc == 1 and len(result["statements"]) == 2
    assert {e["index"] for e in result["errors"]} == {1}
    assert {e["check"] for e in result["errors"]} == {"grammar", "lint"}
