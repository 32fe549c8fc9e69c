"""Neo4j export: neo4j-admin CSV rules, import.sh, and import.cypher parsed by Neo4j's Cypher grammar."""

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from export_sample import HOSTILE, JS_DIR, copy_build, csv_text, node_binary, sample_graph
from govgraph.cli import main
from govgraph.export.json import read_json
from govgraph.export.neo4j import write_neo4j

NODE_HEADER = ["id:ID", ":LABEL", "name", "aliases:string[]", "count:int", "docs:string[]", "code", "parent"]
REL_HEADER = [":START_ID", ":END_ID", ":TYPE", "weight:int", "role", "pmi:double",
              "evidence_count:int", "evidence:string[]"]
# The value types neo4j-admin accepts in a header (each may end in [] for an array).
ADMIN_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point",
               "date", "localtime", "time", "localdatetime", "datetime", "duration"}
IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
SAFE_PATH = re.compile(r"[A-Za-z0-9_./-]+")  # import.sh names files by absolute path in such folders


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


def raw_records(text):
    """CSV text as records of (value, was_quoted), split the way Neo4j's readers split it.

    Outside quotes, '\\n', '\\r' and '\\r\\n' all end a record, so an unquoted '\\r' shows up
    as a record cut short. Inside quotes only '""' is special.
    """
    records, record, i, n = [], [], 0, len(text)
    while i < n:
        if text[i] == '"':
            parts, j = [], i + 1
            while True:
                k = text.find('"', j)
                assert k >= 0, f"quoted field never closed, from offset {i}"
                parts.append(text[j:k])
                if not text.startswith('"', k + 1):
                    break
                parts.append('"')
                j = k + 2
            record.append(("".join(parts), True))
            i = k + 1
        else:
            value = re.compile(r"[^,\r\n]*").match(text, i).group()
            assert '"' not in value, f"quote inside an unquoted field: {value!r}"
            record.append((value, False))
            i += len(value)
        if i == n:
            records.append(record)
        elif text[i] == ",":
            i += 1
            if i == n:
                record.append(("", False))
                records.append(record)
        else:
            assert text[i] in "\r\n", f"text after a closing quote at offset {i}"
            records.append(record)
            record = []
            i += 2 if text.startswith("\r\n", i) else 1
    return records


def check_raw_csv(path):
    """Quoting as neo4j-admin and LOAD CSV need it, read from the bytes of the file."""
    text = path.read_bytes().decode("utf-8")
    assert text.endswith("\n") and "\r" not in text, path.name  # '\r' became '\n'
    records = raw_records(text)
    header = [value for value, _ in records[0]]
    for number, record in enumerate(records):
        assert len(record) == len(header), (path.name, number, record)
        for value, quoted in record:
            if value == "":
                assert not quoted, (path.name, number)  # "" is an empty string to Neo4j, not "no property"
            if any(c in value for c in '\r\n",'):
                assert quoted, (path.name, number, value)
    # The same rows as an RFC 4180 reader gets.
    assert [[v for v, _ in r] for r in records] == list(csv.reader(io.StringIO(text, newline="")))
    return records


def statements(folder):
    text = (folder / "import.cypher").read_text(encoding="utf-8")
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in re.split(r";[ \t]*(?:\n|$)", code) if s.strip()]


def array_delimiter(folder):
    (delimiter,) = re.findall(r"--array-delimiter='(.)'", (folder / "import.sh").read_text(encoding="utf-8"))
    return delimiter


def top_level_items(text):
    """Split at commas outside parentheses and quotes (a SET clause into its items)."""
    items, depth, quote, current = [], 0, None, ""
    for ch in text:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"`":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(current.strip())
            current = ""
            continue
        current += ch
    return items + [current.strip()]


ROW_COLUMN = re.compile(r"row\.(?:`([^`]+)`|(\w+))")


def check_assignments(items, var, columns, delimiter):
    """Each item is `var.prop = <expression of row.<prop's column> alone>`, one per column.

    A plain assignment from the row is what makes a second run change nothing: no +=,
    no reading the node's or relationship's own properties (coalesce(n.count, 0) + ...).
    """
    assigned = {}
    for item in items:
        m = re.fullmatch(r"(\w+)\.(\w+) = (.+)", item, re.S)
        assert m, item
        target, prop, expr = m.groups()
        assert target == var, item
        read = {a or b for a, b in ROW_COLUMN.findall(expr)}
        assert len(read) == 1, item
        (column,) = read
        assert column.partition(":")[0] == prop, item  # each property from its own column
        rest = re.sub(r"'[^']*'", "''", ROW_COLUMN.sub("x", expr))
        assert not re.search(r"\w\.\w", rest), item  # nothing but the row is read
        kind = column.partition(":")[2]
        splits = re.findall(r"split\(row\.`([^`]+)`, '([^']*)'\)", expr)
        if kind.endswith("[]"):
            assert splits == [(column, delimiter)], item  # split on the array delimiter of the files
        else:
            assert "split(" not in expr, item
        assert ("toInteger(" in expr) == (kind == "int"), item
        assert ("toFloat(" in expr) == (kind == "double"), item
        assert prop not in assigned, item
        assigned[prop] = column
    assert sorted(assigned.values()) == sorted(columns)


def check_cypher_matches_files(folder):
    """Each LOAD CSV statement: its label or type, MERGE key, SETs and splits fit the file it loads."""
    delimiter = array_delimiter(folder)
    assert delimiter == ";"
    loads = [s for s in statements(folder) if s.startswith("LOAD CSV")]
    assert sorted(re.match(r"LOAD CSV WITH HEADERS FROM 'file:///([^']+)' AS row\n", s).group(1) for s in loads) \
        == sorted(p.name for p in folder.glob("*.csv"))
    for statement in loads:
        first, *clauses = re.split(r"\n(?=[A-Z])", statement)
        name = re.match(r"LOAD CSV WITH HEADERS FROM 'file:///([^']+)' AS row$", first).group(1)
        header, rows = read_csv(folder / name)
        *heads, set_clause = clauses
        assert set_clause.startswith("SET "), statement
        items = top_level_items(set_clause.removeprefix("SET "))
        if name.startswith("nodes_"):
            label = name.removeprefix("nodes_").removesuffix(".csv")
            assert {row[":LABEL"] for row in rows} <= {f"{label};Entity"}
            # MERGE binds the id and nothing else; the type label is SET after.
            assert heads == ["MERGE (n:Entity {id: row.`id:ID`})"], statement
            assert [i for i in items if re.fullmatch(r"\w+:\w+", i)] == [f"n:{label}"], statement
            props = [i for i in items if not re.fullmatch(r"\w+:\w+", i)]
            check_assignments(props, "n", [c for c in header if c not in ("id:ID", ":LABEL")], delimiter)
        else:
            assert name.startswith("rels_"), name
            rel_type = name.removeprefix("rels_").removesuffix(".csv")
            assert {row[":TYPE"] for row in rows} <= {rel_type}
            assert heads == ["MATCH (a:Entity {id: row.`:START_ID`})", "MATCH (b:Entity {id: row.`:END_ID`})",
                             f"MERGE (a)-[r:{rel_type}]->(b)"], statement
            # MERGE on (start, type, end) is right only if the file has one row per pair.
            pairs = [(row[":START_ID"], row[":END_ID"]) for row in rows]
            assert len(pairs) == len(set(pairs)), name
            check_assignments(items, "r", [c for c in header if c not in (":START_ID", ":END_ID", ":TYPE")],
                              delimiter)


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
    assert set(ids) == {csv_text(n) for n in G.nodes}  # CSV quoting kept the hostile id whole
    _, places = read_csv(folder / "nodes_Place.csv")
    wuhan = next(r for r in places if r["id:ID"] == "place/420100")
    assert (wuhan["name"], wuhan["code"], wuhan["parent"], wuhan["count:int"]) == (
        "武汉市", "420100", "place/420000", "2")
    assert wuhan["docs:string[]"].split(";") == ["a.txt", "b.txt"]
    _, orgs = read_csv(folder / "nodes_Organization.csv")
    assert orgs[0]["name"] == csv_text(HOSTILE) and "\r" in HOSTILE
    assert orgs[0]["aliases:string[]"].split(";") == ["基金会", csv_text(HOSTILE).replace(";", "；")]


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


def test_raw_csv_quoting(export):
    _, folder = export
    files = sorted(folder.glob("*.csv"))
    assert len(files) == 9
    records = {p.name: check_raw_csv(p) for p in files}
    # The hostile name needs quoting for its quotes, comma and line breaks; the empty
    # code/parent next to it must stay unquoted.
    org = records["nodes_Organization.csv"][1]
    assert org[2] == (csv_text(HOSTILE), True)
    assert org[6] == ("", False) and org[7] == ("", False)


def test_raw_csv_check_rejects_bad_quoting(tmp_path):
    path = tmp_path / "x.csv"
    for bad in ('id:ID,name\na,""\n',  # empty string quoted (csv.QUOTE_NONNUMERIC does that)
                'id:ID,name\na,b\rc\n',  # lone carriage return, unquoted
                'id:ID,name\na,"b\rc"\n',  # carriage return left in the text
                'id:ID,name\na,b,c\n'):  # wrong column count
        path.write_bytes(bad.encode("utf-8"))
        with pytest.raises(AssertionError):
            check_raw_csv(path)
    path.write_bytes('id:ID,name\na,"b,\nc"\nd,\n'.encode("utf-8"))
    assert check_raw_csv(path)[1:] == [[("a", False), ("b,\nc", True)], [("d", False), ("", False)]]


def run_import_sh(script, *args, cwd, env):
    return subprocess.run([str(script), *args], env={**os.environ, **env}, capture_output=True, text=True,
                          cwd=cwd)


def fake_admin(tmp_path):
    """A stand-in neo4j-admin that records its working folder and arguments, one per line."""
    fake = tmp_path / "bin" / "fake-neo4j-admin"
    fake.parent.mkdir()
    fake.write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$PWD" "$@" > "$ARGS_OUT"\n')
    fake.chmod(0o755)
    return fake


def test_import_sh_passes_every_file_to_neo4j_admin(export, tmp_path):
    _, folder = export
    script = folder / "import.sh"
    assert os.access(script, os.X_OK)
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    fake = fake_admin(tmp_path)
    out = tmp_path / "args.txt"
    # NEO4J_ADMIN relative to the caller's folder; extra options after the database name.
    proc = run_import_sh(script, "govgraph", "--overwrite-destination=true", cwd=tmp_path,
                         env={"NEO4J_ADMIN": "bin/fake-neo4j-admin", "ARGS_OUT": str(out)})
    assert proc.returncode == 0, proc.stderr
    cwd, *args = out.read_text().splitlines()
    nodes = sorted(p.name for p in folder.glob("nodes_*.csv"))
    rels = sorted(p.name for p in folder.glob("rels_*.csv"))
    assert SAFE_PATH.fullmatch(str(folder)), folder  # else the test below covers this folder's case
    assert Path(cwd) == tmp_path  # no cd: the caller's relative paths keep their meaning
    # Neo4j 5.19+: the database name right after `full`, before the --nodes/--relationships lists.
    assert args == (["database", "import", "full", "govgraph"]
                    + [f"--nodes={folder / n}" for n in nodes]
                    + [f"--relationships={folder / r}" for r in rels]
                    + ["--array-delimiter=;", "--multiline-fields=true", "--overwrite-destination=true"])
    assert all(Path(a.partition("=")[2]).is_file() for a in args if a.startswith(("--nodes=", "--relationships=")))
    # Without arguments: the default database, nothing after the options.
    proc = run_import_sh(script, cwd=tmp_path, env={"NEO4J_ADMIN": str(fake), "ARGS_OUT": str(out)})
    assert proc.returncode == 0, proc.stderr
    assert out.read_text().splitlines()[1:6] == ["database", "import", "full", "neo4j", f"--nodes={folder / nodes[0]}"]
    assert out.read_text().splitlines()[-1] == "--multiline-fields=true"


def test_import_sh_in_a_folder_neo4j_admin_would_misread(tmp_path):
    # ',' and '=' separate file lists and labels in --nodes=...: here the script runs in
    # the folder and gives bare names, after making NEO4J_ADMIN absolute.
    folder = write_neo4j(sample_graph(), tmp_path / "导出 a,b=c")
    fake_admin(tmp_path)
    out = tmp_path / "args.txt"
    proc = run_import_sh(folder / "import.sh", cwd=tmp_path,
                         env={"NEO4J_ADMIN": "bin/fake-neo4j-admin", "ARGS_OUT": str(out)})
    assert proc.returncode == 0, proc.stderr
    cwd, *args = out.read_text().splitlines()
    assert Path(cwd) == folder
    files = [a.partition("=")[2] for a in args if a.startswith(("--nodes=", "--relationships="))]
    assert files == sorted(p.name for p in folder.glob("nodes_*.csv")) + sorted(p.name for p in folder.glob("rels_*.csv"))
    assert args[:4] == ["database", "import", "full", "neo4j"]


def test_import_sh_without_neo4j_admin_says_so(export, tmp_path):
    _, folder = export
    path = "/usr/bin:/bin"
    if shutil.which("neo4j-admin", path=path):
        pytest.skip("neo4j-admin is installed in /usr/bin or /bin")
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_ADMIN"}
    proc = subprocess.run([str(folder / "import.sh")], capture_output=True, text=True, cwd=tmp_path,
                          env={**env, "PATH": path})
    assert proc.returncode == 127 and "NEO4J_ADMIN" in proc.stderr


def test_cypher_is_idempotent_and_names_existing_files(export):
    _, folder = export
    found = statements(folder)
    # Only MERGE writes nodes and relationships; the one CREATE is a guarded constraint.
    assert [s for s in found if re.search(r"\bCREATE\b", s)] == [
        "CREATE CONSTRAINT govgraph_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE"]
    assert not [s for s in found if re.search(r"\b(DELETE|REMOVE)\b", s)]
    check_cypher_matches_files(folder)


@pytest.mark.parametrize("mutation", [
    ("split(row.`aliases:string[]`, ';')", "split(row.`aliases:string[]`, ',')"),
    ("SET n:Place,\n    ", "SET "),
    ("[r:RUNS]", "[r:LOCATED_IN]"),
    ("n.count = toInteger(row.`count:int`)", "n.count = coalesce(n.count, 0) + toInteger(row.`count:int`)"),
    ("r.weight = toInteger(row.`weight:int`)", "r.weight += toInteger(row.`weight:int`)"),
    ("MERGE (n:Entity {id: row.`id:ID`})", "MERGE (n:Entity {id: row.`id:ID`, name: row.name})"),
    ("n.code = CASE WHEN row.`code`", "n.code = CASE WHEN row.`parent`"),
    ("r.pmi = toFloat(", "r.pmi = toInteger("),
])
def test_cypher_check_catches_mistakes(export, mutation):
    _, folder = export
    path = folder / "import.cypher"
    text = path.read_text(encoding="utf-8")
    old, new = mutation
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(AssertionError):
        check_cypher_matches_files(folder)


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
    # LOAD CSV's default reads \" as an escaped quote; the README says how to turn that off.
    assert "dbms.import.csv.legacy_quote_escaping=false" in readme


def test_cli_export_rewrites_neo4j_folder_of_a_build(seeds_build, tmp_path):
    out = copy_build(seeds_build, tmp_path / "build")
    folder = out / "neo4j"
    built = {p.name: p.read_bytes() for p in folder.iterdir()}  # what `govgraph build` wrote
    assert {"import.sh", "import.cypher", "README.md", "nodes_Place.csv", "rels_LOCATED_IN.csv"} <= set(built)
    (folder / "nodes_Place.csv").write_text("old")
    (folder / "nodes_Gone.csv").write_text("id:ID\n")
    (folder / "import.sh").unlink()
    assert main(["export", str(out), "--format", "neo4j"]) == 0
    rewritten = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert rewritten == built
    G = read_json(out / "graph.json")
    nodes = [row for p in sorted(folder.glob("nodes_*.csv")) for row in read_csv(p)[1]]
    rels = [row for p in sorted(folder.glob("rels_*.csv")) for row in read_csv(p)[1]]
    assert len(nodes) == G.number_of_nodes() and len(rels) == G.number_of_edges()
    assert {r["id:ID"] for r in nodes} == {csv_text(str(n)) for n in G.nodes}
    for path in sorted(folder.glob("*.csv")):
        check_raw_csv(path)
    check_cypher_matches_files(folder)


def run_cypher_check(path):
    node = node_binary()
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
    assert len(result["statements"]) == expected == len(statements(folder)) == 1 + 5 + 4


def test_cypher_check_fails_on_a_broken_statement(export, tmp_path):
    _, folder = export
    text = (folder / "import.cypher").read_text(encoding="utf-8")
    parts = [s for s in text.split(";\n") if "LOAD CSV" in s or "CONSTRAINT" in s]
    first, runs = parts[0], next(s for s in parts if "[r:RUNS]" in s)
    broken = tmp_path / "broken.cypher"
    # The constraint as is, then the RUNS statement with one closing parenthesis dropped.
    broken.write_text(first + ";\n" + runs.replace("->(b)", "->(b") + ";\n", encoding="utf-8")
    rc, result = run_cypher_check(broken)
    assert rc == 1 and len(result["statements"]) == 2
    assert {e["index"] for e in result["errors"]} == {1}
    assert {e["check"] for e in result["errors"]} == {"grammar", "lint"}


def test_node_checks_fail_rather_than_skip_when_node_is_missing(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    if (JS_DIR / "node_modules").is_dir():
        with pytest.raises(pytest.fail.Exception, match="not on PATH"):
            node_binary()
    else:
        with pytest.raises(pytest.skip.Exception):
            node_binary()
