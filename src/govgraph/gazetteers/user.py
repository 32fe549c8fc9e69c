"""Users' own gazetteers (`govgraph build --gazetteer FILE`).

A CSV file with a header row, or JSON Lines, one entry per row/line:

    name,type,aliases,parent
    常州市幸福里服务中心,Organization,幸福里中心;幸福里,常州市

`name` is the canonical name, `type` one of Agency, Organization, Program,
Policy, Place, Person; `aliases` (optional) are other surface forms,
separated by `;` or `|` in CSV, a list in JSONL; `parent` (optional) names
the body the entry belongs to (an Agency or Organization entry: part_of) or
the place it is in (located_in).
"""

import csv
import io
import json
from pathlib import Path

from ..nlp.spec import TYPES


class GazetteerError(ValueError):
    """A gazetteer file that cannot be used; the message names the file and line."""


def load_user_gazetteer(path) -> list[dict]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GazetteerError(f"{path}: gazetteer file not found") from None
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    rows = _jsonl(path, text) if path.suffix.lower() in (".jsonl", ".json") else _csv(path, text)
    entries = [_entry(path, line, row) for line, row in rows]
    if not entries:
        raise GazetteerError(f"{path}: no entries")
    return entries


def _csv(path, text):
    reader = csv.DictReader(io.StringIO(text))
    missing = {"name", "type"} - set(reader.fieldnames or ())
    if missing:
        raise GazetteerError(f"{path}: header must name the columns name,type[,aliases,parent]; missing {sorted(missing)}")
    for row in reader:
        if any((v or "").strip() for v in row.values() if isinstance(v, str)):
            aliases = (row.get("aliases") or "").replace("|", ";")
            yield reader.line_num, {**row, "aliases": [a for a in aliases.split(";")]}


def _jsonl(path, text):
    for line, raw in enumerate(text.splitlines(), 1):
        if raw.strip():
            try:
                row = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise GazetteerError(f"{path}:{line}: not JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise GazetteerError(f"{path}:{line}: expected an object with name and type")
            yield line, row


def _entry(path, line, row) -> dict:
    name = str(row.get("name") or "").strip()
    typ = str(row.get("type") or "").strip()
    if not name:
        raise GazetteerError(f"{path}:{line}: empty name")
    if typ not in TYPES:
        raise GazetteerError(f"{path}:{line}: type {typ!r} is not one of {', '.join(TYPES)}")
    aliases = row.get("aliases") or []
    if isinstance(aliases, str):
        aliases = aliases.replace("|", ";").split(";")
    aliases = sorted({str(a).strip() for a in aliases if str(a).strip()} - {name})
    parent = str(row.get("parent") or "").strip() or None
    return {"name": name, "type": typ, "aliases": aliases, "parent": parent}
