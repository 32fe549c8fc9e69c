"""Grade a graph.json against gold files in the format of the annotation
guidelines: strict/typed/relaxed entity P/R/F1, relation P/R/F1 and
canonical-name accuracy, matched per document as ../shared/eval/score.py
describes (one-to-one on shared surface forms; duplicates cost precision).

The report is the one ../shared/eval/score.py prints, to the character: the
same numbers rounded to 4 places (--json), keys in the same order, and
per-type and per-relation lines sorted by name."""

import json
import re
from collections import Counter
from pathlib import Path

TYPES = ("Agency", "Organization", "Program", "Policy", "Place", "Person")
REL_TYPES = ("located_in", "part_of", "holds_position", "runs", "issues", "implemented_in", "partners_with")
_STRIP = re.compile(r"[\s“”‘’\"'「」『』《》〈〉]+")


def norm(s):
    return _STRIP.sub("", s or "")


def _match(pred, gold, relaxed):
    pairs = []
    for pid, pf in pred.items():
        for gid, gf in gold.items():
            shared = pf & gf
            if shared:
                pairs.append((2, max(map(len, shared)), pid, gid))
            elif relaxed and any(a in b or b in a for a in pf for b in gf if min(len(a), len(b)) >= 2):
                pairs.append((1, 0, pid, gid))
    pairs.sort(key=lambda p: (-p[0], -p[1], str(p[2]), str(p[3])))
    out, used = {}, set()
    for _, _, pid, gid in pairs:
        if pid not in out and gid not in used:
            out[pid] = gid
            used.add(gid)
    return out


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def evaluate(graph_path, gold_dir) -> dict:
    data = json.loads(Path(graph_path).read_text(encoding="utf-8"))
    nodes, links = data["nodes"], data.get("links", data.get("edges", []))
    c = Counter()
    per_type = {t: Counter() for t in TYPES}
    per_rel = {t: Counter() for t in REL_TYPES}
    files = sorted(Path(gold_dir).glob("*.json"))
    if not files:
        raise FileNotFoundError(f"{gold_dir}: no gold *.json files")
    for gf in files:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        doc = gold["doc"]
        gents = {e["id"]: e for e in gold["entities"] if e["type"] in TYPES}
        gforms = {g: ({norm(e["name"])} | {norm(a) for a in e.get("aliases", [])}) - {""} for g, e in gents.items()}
        pn = {n["id"]: n for n in nodes if n.get("type") in TYPES and any(m.get("doc") == doc for m in n.get("mentions", []))}
        pforms = {p: ({norm(n.get("name"))} | {norm(m.get("text")) for m in n["mentions"] if m.get("doc") == doc}) - {""}
                  for p, n in pn.items()}
        strict = _match(pforms, gforms, False)
        relaxed = dict(strict)
        relaxed.update(_match({k: v for k, v in pforms.items() if k not in strict},
                              {k: v for k, v in gforms.items() if k not in set(strict.values())}, True))
        for name, m in (("strict", strict), ("relaxed", relaxed)):
            c[name + "_tp"] += len(m)
            c[name + "_fp"] += len(pn) - len(m)
            c[name + "_fn"] += len(gents) - len(m)
        typed = sum(1 for p, g in strict.items() if pn[p]["type"] == gents[g]["type"])
        c["typed_tp"] += typed
        c["typed_fp"] += len(pn) - typed
        c["typed_fn"] += len(gents) - typed
        c["canon"] += sum(1 for p, g in strict.items() if norm(pn[p].get("name")) == norm(gents[g]["name"]))
        for t in TYPES:
            gt = {g for g, e in gents.items() if e["type"] == t}
            pt = {p for p, n in pn.items() if n["type"] == t}
            tp = sum(1 for p, g in strict.items() if p in pt and g in gt)
            per_type[t].update(tp=tp, fp=len(pt) - tp, fn=len(gt) - tp)
        grels = {(r["head"], r["type"], r["tail"]) for r in gold.get("relations", [])
                 if r["type"] in REL_TYPES and r["head"] in gents and r["tail"] in gents}
        prels = set()
        for link in links:
            if link.get("type") in REL_TYPES and any(e.get("doc") == doc for e in link.get("evidence", [])):
                prels.add((strict.get(link["source"], ("?", link["source"])), link["type"],
                           strict.get(link["target"], ("?", link["target"]))))

        def same(a, b):
            return a == b or (a[1] == b[1] == "partners_with" and a[0] == b[2] and a[2] == b[0])
        for t in REL_TYPES:
            pt = [p for p in prels if p[1] == t]
            gt = [g for g in grels if g[1] == t]
            tp = sum(1 for p in pt if any(same(p, g) for g in gt))
            per_rel[t].update(tp=tp, fp=len(pt) - tp, fn=len(gt) - tp)
            c["rel_tp"] += tp
            c["rel_fp"] += len(pt) - tp
            c["rel_fn"] += len(gt) - tp
    return {
        "entities_strict": prf(c["strict_tp"], c["strict_fp"], c["strict_fn"]),
        "entities_typed": prf(c["typed_tp"], c["typed_fp"], c["typed_fn"]),
        "entities_relaxed": prf(c["relaxed_tp"], c["relaxed_fp"], c["relaxed_fn"]),
        "canonical_name_accuracy": round(c["canon"] / c["strict_tp"], 4) if c["strict_tp"] else 0.0,
        "relations": prf(c["rel_tp"], c["rel_fp"], c["rel_fn"]),
        "per_type": {t: prf(v["tp"], v["fp"], v["fn"]) for t, v in per_type.items()},
        "per_relation": {t: prf(v["tp"], v["fp"], v["fn"]) for t, v in per_rel.items()},
        "gold_docs": len(files),
    }


def format_report(r: dict) -> str:
    lines = []
    for k in ("entities_strict", "entities_typed", "entities_relaxed", "relations"):
        v = r[k]
        lines.append(f"{k:18s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f} (tp={v['tp']} fp={v['fp']} fn={v['fn']})")
    lines.append(f"canonical_name_accuracy {r['canonical_name_accuracy']:.3f}")
    for t, v in sorted(r["per_type"].items()):
        lines.append(f"  type {t:13s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}")
    for t, v in sorted(r["per_relation"].items()):
        lines.append(f"  rel  {t:15s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}")
    return "\n".join(lines)
