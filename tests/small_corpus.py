"""A small JSON Lines corpus cut from seeds/ paragraphs, for builds that run several times."""

import json
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def paragraphs(n: int, size: int = 300) -> list[str]:
    """n pieces of about `size` characters, whole sentences, from the repaired seed texts in turn."""
    from govgraph.ingest import make_document

    pieces = []
    for f in sorted(SEEDS.glob("*.txt")):
        text = make_document(f.name, f.read_text(encoding="utf-8")).clean
        buf = ""
        for sent in text.replace("。", "。\n").split("\n"):
            buf += sent.strip()
            if len(buf) >= size:
                pieces.append((f.name, buf))
                buf = ""
    by_file = {}
    for name, piece in pieces:
        by_file.setdefault(name, []).append(piece)
    # round robin over the files, so that a few records cover all of them
    picked = [p for group in zip(*by_file.values()) for p in group][:n]
    assert len(picked) == n, "seeds/ has fewer pieces than asked for"
    return picked


def write_corpus(path: Path, texts: list[str], ids: list[str] | None = None) -> Path:
    ids = ids or [f"p{i:03d}" for i in range(len(texts))]
    with open(path, "w", encoding="utf-8") as f:
        for i, t in zip(ids, texts):
            f.write(json.dumps({"id": i, "title": f"title {i}", "date": "20240101", "text": t},
                               ensure_ascii=False) + "\n")
    return path


OUTPUTS = ("graph.json", "graph.ttl", "graph.nt", "graph.gexf", "graph.graphml", "neo4j")


def differing_outputs(a: Path, b: Path, names=OUTPUTS) -> list[str]:
    """Names of the outputs (files, or folders such as neo4j/) that differ between two build folders."""
    return [n for n in names if _contents(a / n) != _contents(b / n)]


def _contents(path: Path):
    if path.is_dir():
        return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
    return path.read_bytes()
