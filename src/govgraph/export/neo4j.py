"""Neo4j export: CSV files for `neo4j-admin database import full`, import.sh, import.cypher.

Every node also gets the label Entity, so one uniqueness constraint covers all ids
(neo4j-admin treats ids as one global space too) and LOAD CSV can match
relationship endpoints through its index whatever their type.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import networkx as nx

from govgraph.export.flat import JOIN, join_items, mention_count, sorted_edges, sorted_nodes, write_atomic

BASE_LABEL = "Entity"
NODE_HEADER = ["id:ID", ":LABEL", "name", "aliases:string[]", "count:int", "docs:string[]", "code", "parent"]
REL_HEADER = [
    ":START_ID", ":END_ID", ":TYPE", "weight:int", "role", "pmi:double", "evidence_count:int", "evidence:string[]",
]


def write_neo4j(G: nx.MultiDiGraph, outdir) -> Path:
    """Write outdir/neo4j/ (CSV files, import.sh, import.cypher, README.md); return that folder."""
    folder = Path(outdir) / "neo4j"
    nodes, rels = {}, {}
    for node, data in sorted_nodes(G):
        nodes.setdefault(label_name(data.get("type")), []).append(_node_row(node, data))
    for u, v, key, data in sorted_edges(G):
        rel_type = type_name(data.get("type") or key)
        rels.setdefault(rel_type, []).append(_rel_row(u, v, rel_type, data))
    node_files = {f"nodes_{label}.csv": label for label in sorted(nodes)}
    rel_files = {f"rels_{rel_type}.csv": rel_type for rel_type in sorted(rels)}
    for name, label in node_files.items():
        write_atomic(folder / name, _csv_bytes(NODE_HEADER, nodes[label]))
    for name, rel_type in rel_files.items():
        write_atomic(folder / name, _csv_bytes(REL_HEADER, rels[rel_type]))
    # Files of labels/types gone since the last export would otherwise linger beside the new ones.
    for stale in sorted(folder.glob("nodes_*.csv")) + sorted(folder.glob("rels_*.csv")):
        if stale.name not in node_files and stale.name not in rel_files:
            stale.unlink()
    write_atomic(folder / "import.sh", import_sh(node_files, rel_files).encode("utf-8"), mode=0o755)
    write_atomic(folder / "import.cypher", import_cypher(node_files, rel_files).encode("utf-8"))
    write_atomic(folder / "README.md", README.encode("utf-8"))
    return folder


def label_name(node_type) -> str:
    """Node type as a Neo4j label that needs no backticks (Agency, Place, ...)."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", str(node_type or ""))
    if not name or not name[0].isalpha():
        name = "T_" + name if name else BASE_LABEL
    return name


def type_name(edge_type) -> str:
    """Edge type in Neo4j style: runs -> RUNS, co_occurs_with -> CO_OCCURS_WITH."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", str(edge_type or "")).upper()
    if not name or not name[0].isalpha():
        name = "R_" + name
    return name


def evidence_item(ev: dict) -> str:
    """One supporting sentence with where it came from: `text [doc@start-end]`."""
    return f"{ev.get('text', '')} [{ev.get('doc', '')}@{ev.get('start', '')}-{ev.get('end', '')}]"


def _node_row(node, data: dict) -> list:
    label = label_name(data.get("type"))
    labels = label if label == BASE_LABEL else f"{label}{JOIN}{BASE_LABEL}"
    return [
        str(node),
        labels,
        str(data.get("name") or ""),
        join_items(sorted(data.get("aliases") or ())),
        mention_count(data),
        join_items(sorted(data.get("docs") or ())),
        "" if data.get("code") is None else str(data["code"]),
        "" if data.get("parent") is None else str(data["parent"]),
    ]


def _rel_row(u, v, rel_type: str, data: dict) -> list:
    evidence = data.get("evidence") or ()
    weight = data.get("weight")
    pmi = data.get("pmi")
    return [
        str(u),
        str(v),
        rel_type,
        int(weight) if weight is not None else len(evidence),
        "" if data.get("role") is None else str(data["role"]),
        repr(float(pmi)) if pmi is not None and math.isfinite(pmi) else "",
        len(evidence),
        join_items(evidence_item(ev) for ev in evidence),
    ]


def _csv_bytes(header: list, rows: list) -> bytes:
    # RFC 4180 quoting ("" inside quoted fields), which neo4j-admin and LOAD CSV read;
    # an empty unquoted field means "no property" to both, so QUOTE_MINIMAL and never
    # QUOTE_NONNUMERIC (it would write "" for an empty string).
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows([_one_line_ending(v) for v in row] for row in rows)
    return buf.getvalue().encode("utf-8")


def _one_line_ending(value):
    # The writer quotes only fields containing ',', '"' or its line terminator '\n';
    # a bare '\r' would go out unquoted, and Neo4j's CSV readers end a line there.
    # '\r\n' and a lone '\r' become '\n', as an XML reader does with the GEXF/GraphML text.
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def import_sh(node_files: dict, rel_files: dict) -> str:
    args = [f'  --nodes="${{DIR}}{name}" \\' for name in node_files]
    args += [f'  --relationships="${{DIR}}{name}" \\' for name in rel_files]
    return "\n".join([
        "#!/usr/bin/env bash",
        "# Bulk-load this folder into a new, empty Neo4j 5 database (Neo4j must be stopped).",
        "# Usage: ./import.sh [database] [more neo4j-admin options, e.g. --overwrite-destination=true]",
        "# NEO4J_ADMIN may point at the neo4j-admin binary, e.g. $NEO4J_HOME/bin/neo4j-admin.",
        "set -euo pipefail",
        'DB="${1:-neo4j}"',
        "if [ $# -gt 0 ]; then shift; fi",
        'ADMIN="${NEO4J_ADMIN:-neo4j-admin}"',
        'case "$ADMIN" in',
        "  /*) ;;",
        '  */*) ADMIN="$PWD/$ADMIN" ;;',
        '  *) ADMIN="$(command -v -- "$ADMIN")" || {',
        '       echo "import.sh: neo4j-admin not found; set NEO4J_ADMIN to its path" >&2; exit 127; } ;;',
        "esac",
        'HERE="$(cd -- "$(dirname -- "$0")" && pwd)"',
        "# Absolute file names, so options in \"$@\" keep paths relative to where you are. neo4j-admin",
        "# reads ',' and '=' in a --nodes value as separators, and may read a name as a pattern:",
        "# in a folder whose path has any other character, run there and give bare file names.",
        'case "$HERE" in',
        '  *[!A-Za-z0-9_./-]*) cd -- "$HERE"; DIR="" ;;',
        '  *) DIR="$HERE/" ;;',
        "esac",
        "# The database name comes first: from Neo4j 5.19 a name after --nodes/--relationships",
        "# can be taken for one more file.",
        '"$ADMIN" database import full "$DB" \\',
        *args,
        "  --array-delimiter=';' \\",
        "  --multiline-fields=true \\",
        '  "$@"',
        'echo "Imported into $DB. After starting Neo4j, run the CREATE CONSTRAINT line of import.cypher once."',
        "",
    ])


def import_cypher(node_files: dict, rel_files: dict) -> str:
    parts = [
        "// Load the govgraph CSV files into a running Neo4j 5 with LOAD CSV.",
        "// First copy the nodes_*.csv and rels_*.csv files of this folder into Neo4j's import directory.",
        "// Running this file twice changes nothing: the constraint is IF NOT EXISTS and all writes MERGE on ids.",
        "// For graphs too large for one transaction, prefer import.sh (neo4j-admin).",
        "",
        f"CREATE CONSTRAINT govgraph_entity_id IF NOT EXISTS FOR (n:{BASE_LABEL}) REQUIRE n.id IS UNIQUE;",
        "",
    ]
    for name, label in node_files.items():
        extra = "" if label == BASE_LABEL else f"n:{label},\n    "
        parts += [
            f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row",
            f"MERGE (n:{BASE_LABEL} {{id: row.`id:ID`}})",
            f"SET {extra}n.name = row.name,",
            f"    n.aliases = {_list('aliases:string[]')},",
            "    n.count = toInteger(row.`count:int`),",
            f"    n.docs = {_list('docs:string[]')},",
            f"    n.code = {_text('code')},",
            f"    n.parent = {_text('parent')};",
            "",
        ]
    for name, rel_type in rel_files.items():
        parts += [
            f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row",
            f"MATCH (a:{BASE_LABEL} {{id: row.`:START_ID`}})",
            f"MATCH (b:{BASE_LABEL} {{id: row.`:END_ID`}})",
            f"MERGE (a)-[r:{rel_type}]->(b)",
            "SET r.weight = toInteger(row.`weight:int`),",
            f"    r.role = {_text('role')},",
            "    r.pmi = toFloat(row.`pmi:double`),",
            "    r.evidence_count = toInteger(row.`evidence_count:int`),",
            f"    r.evidence = {_list('evidence:string[]')};",
            "",
        ]
    return "\n".join(parts)


def _text(column: str) -> str:
    # An empty field may reach Cypher as null or as ''; both mean "no property".
    return f"CASE WHEN row.`{column}` <> '' THEN row.`{column}` END"


def _list(column: str) -> str:
    return f"CASE WHEN row.`{column}` <> '' THEN split(row.`{column}`, '{JOIN}') END"


README = """\
# govgraph graph for Neo4j

Written by govgraph's Neo4j exporter. Two ways in; both give the same graph:
every node has the label `Entity` plus its type (`Agency`, `Place`, ...) and the
properties `id`, `name`, `aliases` (list), `count`, `docs` (list), `code`, `parent`;
relationships (`RUNS`, `LOCATED_IN`, `CO_OCCURS_WITH`, ...) have `weight`, `role`,
`pmi`, `evidence_count` and `evidence` (list of `sentence [doc@start-end]`).
A ';' inside a list item was written as the full-width '；', and a carriage return
('\\r\\n' or a lone '\\r') as '\\n'.

## 1. Offline bulk import (neo4j-admin, new database)

Stop Neo4j, then run `./import.sh [database]` (default database `neo4j`; set
`NEO4J_ADMIN` to the neo4j-admin binary if it is not on PATH; extra options such as
`--overwrite-destination=true` go after the database name). It runs
`neo4j-admin database import full <database> --nodes=... --relationships=...` with
`--array-delimiter=';'` and `--multiline-fields=true` (texts may contain line breaks),
naming the CSV files by absolute path. Start Neo4j and run the `CREATE CONSTRAINT`
statement from `import.cypher` once.

## 2. Into a running database (import.cypher)

Copy the `nodes_*.csv` and `rels_*.csv` files into Neo4j's import directory
(`$NEO4J_HOME/import`, or the folder named by `server.directories.import`),
then run `cypher-shell -u neo4j -p <password> -f import.cypher`, or paste the
statements into Neo4j Browser. Running it again does not duplicate anything.

The files quote the RFC 4180 way: a `"` inside a field is written `""`. LOAD CSV
by default also reads a backslash before a quote (`\\"`) as an escaped quote
(`dbms.import.csv.legacy_quote_escaping=true`), so a text containing `\\"` would
be cut short or fail to load. Set `dbms.import.csv.legacy_quote_escaping=false`
in `neo4j.conf` before running `import.cypher` (neo4j-admin, and so `import.sh`,
reads the files as written).

## What was checked

govgraph's tests check these files' CSV headers, quoting, types and ids against
the neo4j-admin rules and parse every statement of `import.cypher` with Neo4j's
Cypher grammar. Nothing was run against a live Neo4j when these files were made or tested.
"""
