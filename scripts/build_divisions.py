#!/usr/bin/env python3
"""Build src/govgraph/gazetteers/divisions.tsv from jionlp's china_location data.

Source: jionlp/dictionary/china_location.zip (Apache-2.0), a tab-indented tree:
depth 0 province, 1 prefecture, 2 county (each `name<TAB>code<TAB>alias`),
3 township, 4 village (name only). Villages are skipped.

Usage: python scripts/build_divisions.py [--source ZIP] [--out TSV]
"""
from __future__ import annotations

import argparse
import importlib.util
import zipfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "src" / "govgraph" / "gazetteers" / "divisions.tsv"
LEVELS = ("province", "prefecture", "county", "township")
HEADER = ("id", "name", "level", "parent", "aliases")

# Placeholder nodes of the code table ("directly administered units"), not places.
PSEUDO_NAMES = {"省直辖行政区划", "市直辖行政区划"}
# jionlp aliases shared by dozens of development zones; useless as names.
GENERIC_ALIASES = {"经开区", "高新区", "管理区", "开发区", "产业园", "新区", "市中", "省直辖", "市直辖",
                   # a kind of zone, not one zone's name (衡阳综合保税区 -> 保税区)
                   "保税区", "综保区", "示范区", "工业园", "化工园区", "物流区", "文旅区"}
# short forms jionlp leaves out: it gives 南沙 only to Sansha's 南沙区, not to Guangzhou's
EXTRA_ALIASES = {"440115": ("南沙",)}
# Autonomous unit suffix -> the short suffix used in everyday text (延边州, 长阳县).
SHORT_SUFFIX = {"自治州": "州", "自治县": "县", "自治旗": "旗"}


def default_source() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or spec.origin is None:
        raise SystemExit("jionlp is not installed; pass --source PATH/china_location.zip")
    return Path(spec.origin).parent / "dictionary" / "china_location.zip"


def read_lines(source: Path) -> list[str]:
    with zipfile.ZipFile(source) as zf:
        text = zf.read("china_location.txt").decode("utf-8")
    return text.splitlines()  # the file uses CRLF


def aliases_for(name: str, raw: str) -> list[str]:
    forms = [a for a in raw.split("/") if a]
    for suffix, short in SHORT_SUFFIX.items():
        if name.endswith(suffix):
            forms += [a + short for a in forms if name.startswith(a) and not a.endswith(short)]
    out = []
    for a in forms:
        if a != name and len(a) > 1 and a not in GENERIC_ALIASES and a not in out:
            out.append(a)
    return out


def build(lines: list[str]) -> list[tuple[str, str, str, str, str]]:
    parsed = []
    for line in lines:
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 3:
            continue
        parsed.append((depth, line.strip().split("\t")))

    # Codes carried by more than one county-level line (HK/Macau districts, a few
    # dev zones) cannot serve as ids on their own.
    county_codes = Counter(f[1] for d, f in parsed if d == 2 and len(f) == 3)

    rows: dict[str, tuple[str, str, str, str, str]] = {}
    province = prefecture = county = None  # id each child level attaches to
    county_name = ""
    for depth, fields in parsed:
        name = fields[0]
        if depth == 0:
            code, alias = fields[1], fields[2]
            province = prefecture = county = code
            rows[code] = (code, name, "province", "", ";".join(aliases_for(name, alias)))
        elif depth == 1:
            code, alias = fields[1], fields[2]
            # Municipalities repeat the province; 省直辖 is a placeholder: attach to province.
            if code == province or name in PSEUDO_NAMES:
                prefecture = county = province
                continue
            prefecture = county = code
            rows[code] = (code, name, "prefecture", province, ";".join(aliases_for(name, alias)))
        elif depth == 2:
            if name in PSEUDO_NAMES:  # 东莞/中山/儋州/嘉峪关 have towns directly under them
                county, county_name = prefecture, ""
                continue
            code, alias = (fields[1], fields[2]) if len(fields) == 3 else ("", "")
            if code and county_codes[code] == 1 and code not in (province, prefecture):
                cid = code
            else:  # shared or missing code (Taiwan): qualify with the name
                cid = f"{code or prefecture}-{name}"
            county, county_name = cid, name
            rows[cid] = (cid, name, "county", prefecture,
                         ";".join(aliases_for(name, "/".join((alias, *EXTRA_ALIASES.get(cid, ()))))))
        else:
            # Some towns are listed as "化德县七号镇"; keep the town's own name.
            if county_name and name.startswith(county_name) and len(name) - len(county_name) >= 3:
                name = name[len(county_name):]
            tid = f"{county}-{name}"
            rows.setdefault(tid, (tid, name, "township", county, ""))
    return [rows[k] for k in sorted(rows)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", type=Path, help="china_location.zip (default: the installed jionlp's)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()

    rows = build(read_lines(args.source or default_source()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(HEADER) + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")

    counts = Counter(r[2] for r in rows)
    print(f"wrote {len(rows)} rows to {args.out}")
    for level in LEVELS:
        print(f"{level}\t{counts[level]}")


if __name__ == "__main__":
    main()
