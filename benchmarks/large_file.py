"""Benchmark: one very large input file through ingest (and, optionally, a build of a slice).

Generates a file of --mb megabytes from the seed articles in a temporary folder,
then, each in a fresh process, reads it with `govgraph.ingest.iter_documents`
(decode check, streaming split into parts, OCR repair, sentence split) and prints
the time, the parts and the peak RSS. Run at two sizes to see that time grows
linearly and memory stays flat:

    .venv/bin/python benchmarks/large_file.py --mb 10 --mb 100
    .venv/bin/python benchmarks/large_file.py --mb 100 --shape oneline   # no line breaks, no punctuation
    .venv/bin/python benchmarks/large_file.py --mb 20 --format html --build-mb 0.5

--build-mb N also runs `govgraph build` on the first N MB of the file (the whole
pipeline is far slower than ingest: LAC tags every sentence).
Not a unit test: nothing here is asserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

INGEST = """
import json, resource, sys, time
from govgraph.ingest import iter_documents, split_sentences
t0 = time.perf_counter()
docs = chars = sents = 0
largest = 0
skipped = []
for d in iter_documents([sys.argv[1]], on_error=skipped.append):
    docs += 1
    chars += len(d.raw)
    largest = max(largest, len(d.raw))
    sents += len(split_sentences(d.clean))
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": round(seconds, 2), "parts": docs, "chars": chars, "largest_part": largest,
                  "sentences": sents, "skipped": skipped,
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""

BUILD = """
import json, resource, sys, time
from govgraph.cli import main
if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main(["build", sys.argv[1], "-o", sys.argv[2], "--no-progress", "--no-cache", "-j", "1"])
    print(json.dumps({"exit": code, "seconds": round(time.perf_counter() - t0, 2),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""


def seed_text() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


def generate(path: Path, mb: float, shape: str, fmt: str) -> int:
    """Write about mb megabytes (UTF-8) to path, a block at a time; return the size in bytes."""
    text = seed_text()
    if shape == "oneline":  # the worst case for splitting: no breaks, no punctuation
        text = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    target = int(mb * 1_000_000)
    size = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        if fmt == "html":
            f.write("<!DOCTYPE html><html><head><title>大文件</title><style>p{}</style></head><body>\n")
        n = 0
        while size < target:
            n += 1
            if fmt == "html":
                block = "".join(f"<p>{para}</p>\n" for para in text.split("\n\n"))
            elif fmt == "jsonl":
                block = json.dumps({"id": f"r{n}", "text": text}, ensure_ascii=False) + "\n"
            else:
                block = text + ("" if shape == "oneline" else "\n\n")
            f.write(block)
            size += len(block.encode("utf-8"))
        if fmt == "html":
            f.write("</body></html>\n")
    return path.stat().st_size


def run(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--mb", type=float, action="append", help="file size in MB (repeatable; default 100)")
    p.add_argument("--shape", choices=("paragraphs", "oneline"), default="paragraphs")
    p.add_argument("--format", choices=("txt", "html", "jsonl"), default="txt")
    p.add_argument("--build-mb", type=float, default=0, help="also build the first N MB through the whole pipeline")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="govgraph-large-") as tmp:
        tmp = Path(tmp)
        for mb in args.mb or [100]:
            path = tmp / f"big.{args.format}"
            t0 = time.perf_counter()
            size = generate(path, mb, args.shape, args.format)
            print(f"generated {size / 1e6:.1f} MB ({args.format}, {args.shape}) in {time.perf_counter() - t0:.1f} s")
            r = run(INGEST, str(path))
            if "error" in r:
                print(f"  ingest failed: {r['error']}")
                continue
            print(f"  ingest: {r['seconds']} s ({size / 1e6 / max(r['seconds'], 1e-9):.1f} MB/s), "
                  f"{r['parts']} parts (largest {r['largest_part']} chars), {r['sentences']} sentences, "
                  f"peak RSS {r['peak_rss_mb']} MB, skipped {len(r['skipped'])}")
            path.unlink()
        if args.build_mb:
            path = tmp / f"slice.{args.format}"
            size = generate(path, args.build_mb, args.shape, args.format)
            r = run(BUILD, str(path), str(tmp / "out"))
            print(f"  build of {size / 1e6:.2f} MB: {r}")


if __name__ == "__main__":
    main()
