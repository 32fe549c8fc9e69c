"""The graph stage: per-document results -> one networkx MultiDiGraph.

Nodes merge by id across documents; co-occurrence edges count the sentences
two entities share; the graph attribute "documents" lists the documents read
(see docs/graph-model.md)."""

import math
from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx

CO = "co_occurs_with"


def build_graph(results) -> nx.MultiDiGraph:
    """results: DocResult dicts from govgraph.pipeline.extract_document (any iterable)."""
    builder = GraphBuilder()
    for r in results:
        builder.add(r)
    return builder.graph()


class GraphBuilder:
    """Merges DocResults one at a time, so that a build need not keep them all.

    What it keeps grows with the entities and the provenance the graph carries
    (mentions, evidence sentences), not with the documents' full results.
    Add results in input order: a node's type, code and parent come from its
    first mention, so the same order gives the same graph."""

    def __init__(self):
        self.nodes: dict[str, dict] = {}
        self.pair_ev = defaultdict(list)
        self.rel_ev = defaultdict(list)
        self.node_sents = Counter()
        self.n_sents = 0
        self.n_docs = 0  # results added (a text split into parts gives one per part)
        self.documents: dict[str, dict] = {}

    def add(self, r: dict) -> None:
        nodes, pair_ev = self.nodes, self.pair_ev
        doc = r["doc"]
        self.n_docs += 1
        self.n_sents += len(r["sentences"])
        self._add_document(doc, r.get("document") or {})
        in_sent = defaultdict(set)
        for m in r["mentions"]:
            node = nodes.get(m["key"])
            if node is None:
                node = nodes[m["key"]] = {"type": m["label"], "names": Counter(), "aliases": set(),
                                          "mentions": [], "code": None, "parent": None}
            node["names"][m["name"]] += 1
            node["aliases"].add(m["surface"])
            node["mentions"].append({"doc": doc, "start": m["raw_start"], "end": m["raw_end"], "text": m["raw_text"],
                                     "sentence": r["sentences"][m["sent"]]["text"]})
            node["code"] = node["code"] or m.get("code")
            node["parent"] = node["parent"] or m.get("parent")
            in_sent[m["sent"]].add(m["key"])
        for si, keys in in_sent.items():
            s = r["sentences"][si]
            ev = {"doc": doc, "start": s["raw_start"], "end": s["raw_end"], "text": s["raw_text"]}
            self.node_sents.update(keys)
            for a, b in combinations(sorted(keys), 2):
                pair_ev[(a, b)].append(ev)
        for rel in r.get("relations", []):
            self.rel_ev[(rel["source"], rel["target"], rel["type"])].append((rel.get("role"), rel["evidence"]))

    def _add_document(self, doc: str, d: dict) -> None:
        """One row per document: the parts of a split text add up to one."""
        row = self.documents.get(doc)
        if row is None:
            self.documents[doc] = {"id": doc, "source": d.get("source", doc), "title": d.get("title"),
                                   "date": d.get("date"), "encoding": d.get("encoding"),
                                   "chars": d.get("chars", 0), "parts": 1}
        else:
            row["chars"] += d.get("chars", 0)
            row["parts"] += 1

    def graph(self) -> nx.MultiDiGraph:
        """The merged graph. Hands the builder's state over to it: call once, after the last add."""
        nodes, node_sents, n_sents = self.nodes, self.node_sents, self.n_sents
        G = nx.MultiDiGraph(documents=[self.documents[d] for d in sorted(self.documents)])
        for key in sorted(nodes):
            n = nodes[key]
            mentions = sorted(n["mentions"], key=lambda m: (m["doc"], m["start"], m["end"]))
            G.add_node(key, type=n["type"], name=_canonical(key, n["names"]), aliases=sorted(n["aliases"]),
                       mentions=mentions, code=n["code"], parent=n["parent"],
                       docs=sorted({m["doc"] for m in mentions}), count=len(mentions))
        for (a, b), evs in sorted(self.pair_ev.items()):
            evs = _dedupe(evs)
            G.add_edge(a, b, key=CO, type=CO, weight=len(evs), evidence=evs,
                       pmi=_npmi(len(evs), node_sents[a], node_sents[b], n_sents))
        for (a, b, t), items in sorted(self.rel_ev.items()):
            if a not in G or b not in G:
                continue
            evs = _dedupe([ev for _, ev in items])
            roles = sorted({role for role, _ in items if role})
            G.add_edge(a, b, key=t, type=t, weight=len(evs), evidence=evs, role=roles[0] if roles else None)
        self.nodes, self.pair_ev, self.rel_ev, self.node_sents = {}, defaultdict(list), defaultdict(list), Counter()
        self.documents = {}
        return G


def _canonical(key, names: Counter) -> str:
    # most frequent resolved name; ties by length (fuller) then text
    return max(names.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]


def _dedupe(evs):
    seen, out = set(), []
    for ev in sorted(evs, key=lambda e: (e["doc"], e["start"], e["end"])):
        k = (ev["doc"], ev["start"], ev["end"])
        if k not in seen:
            seen.add(k)
            out.append(ev)
    return out


def _npmi(joint, a, b, total):
    """Normalised PMI of two entities over sentences, in [-1, 1]."""
    if not total or joint == 0:
        return -1.0
    pxy, px, py = joint / total, a / total, b / total
    if pxy >= 1.0:
        return 1.0
    return round(math.log(pxy / (px * py)) / -math.log(pxy), 4)
