"""Hostile, broken and huge inputs; interrupted builds; unwritable outputs.

Every bad input is written by the test into a temporary folder next to good
files. A build reports each bad one by name (and line) with the documented
message and still builds the rest; with --strict the first one is fatal
(exit 2) and the outputs already in the folder are left as they were.
"""

import codecs
import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from govgraph.cli import main
from govgraph.ingest import iter_documents, make_document, split_sentences
from govgraph.ingest.formats import InputError, html_text, read_file

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

GOOD = "武汉市民政局推出“幸福里”服务，湖北省教育厅印发《湖北省社区治理实施方案》。\n"
TRAD = "武漢市民政局推出“幸福里”服務，湖北省教育廳印發《湖北省社區治理實施方案》。\n"
XSS = "govgraph-xss"
HOSTILE_HTML = (
    "<!DOCTYPE html><html><head><title>通知</title>"
    "<style>p{color:red}</style><script>document.write('<p>武汉市公安局</p>')</script></head><body>"
    f"<p onclick=\"alert('{XSS}')\">武汉市民政局发布&lt;script&gt;alert(\"{XSS}\")&lt;/script&gt;的通知。</p>"
    f"<img src=x onerror=\"alert('{XSS}')\"><!-- <p>注释里的湖北省公安厅</p> -->"
    "<p>洪山区民政局开展活动。1 < 2 && 3 > 2 &unknown; &#0; &#x110000;</p>"
    + "<" * 2000 + "&" * 2000 +
    "<p>武昌区民政局走访居民。</p><script>unclosed('湖北省财政厅'"
)

# name -> (bytes, the message for it, or None for a file that must build)
CASES = {
    "good.txt": (GOOD.encode("utf-8"), None),
    "utf8-bom.txt": (codecs.BOM_UTF8 + GOOD.encode("utf-8"), None),
    "gbk.txt": (GOOD.encode("gbk"), None),
    "gb18030.txt": (("𠀀" + GOOD).encode("gb18030"), None),  # a character GBK lacks
    "utf16-bom.txt": (GOOD.encode("utf-16"), None),
    "utf16be-bom.txt": (codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"), None),
    "utf16le-nobom.txt": (GOOD.encode("utf-16-le"), None),
    # FF FE 00 00 also starts like the UTF-16 LE mark: read as UTF-16 it is text with U+0000 between characters
    "utf32le-bom.txt": (codecs.BOM_UTF32_LE + GOOD.encode("utf-32-le"), None),
    "utf32be-bom.txt": (codecs.BOM_UTF32_BE + GOOD.encode("utf-32-be"), None),
    "crlf.txt": (GOOD.replace("\n", "\r\n").encode("utf-8") * 3, None),
    "traditional.txt": (TRAD.encode("utf-8"), None),
    "big5.txt": (TRAD.encode("big5"), None),
    "hostile.html": (HOSTILE_HTML.encode("utf-8"), None),
    "long-run.txt": (("这是一段没有任何标点符号的很长的文字" * 1500 + GOOD).encode("utf-8"), None),
    "long-ascii.txt": (("x" * 60_000 + "\n" + GOOD).encode("utf-8"), None),
    "empty.txt": (b"", "empty.txt: empty file"),
    "blank.md": (" \n\u3000\r\n\t\n".encode("utf-8"), "blank.md: no text (only whitespace)"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary.txt: binary file (contains NUL bytes)"),
    "nul-utf16.txt": (("武汉市民政局\x00" + GOOD).encode("utf-16"), "nul-utf16.txt: binary file (U+0000 characters in its UTF-16 text)"),
    "nul-utf32.txt": (("武汉市民政局\x00" + GOOD).encode("utf-32"), "nul-utf32.txt: binary file (U+0000 characters in its UTF-32 text)"),
    "controls.txt": (bytes(range(1, 9)) * 200 + GOOD.encode("utf-8"), "controls.txt: binary file (mostly control characters)"),
    "undecodable.txt": (GOOD.encode("utf-8") + b"\xff\xfe\xfd\xff" * 8, "undecodable.txt: not UTF-8, UTF-16, GB18030 or Big5 text (invalid UTF-8 at byte 115)"),
    "bad-bom.txt": (codecs.BOM_UTF8 + b"abc\xff\xfe", "bad-bom.txt: starts with a UTF-8 byte-order mark but is not UTF-8"),
    "empty.html": (b"<html><head><script>alert(1)</script></head><body> <p> </p></body></html>", "empty.html: no visible text"),
}
JSONL_LINES = [
    json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False),
    "{broken json",
    "[1, 2, 3]",
    json.dumps({"id": "no-text", "body": GOOD}, ensure_ascii=False),
    json.dumps({"id": "number", "text": 5}),
    json.dumps({"id": "blank", "text": " \n "}),
    "",
    json.dumps({"id": "a", "text": "重复的记录。"}, ensure_ascii=False),
    "[" * 100_000 + "]" * 100_000,
    json.dumps({"id": "sep", "text": "洪山区民政局\u2028开展活动。"}, ensure_ascii=False),
    json.dumps({"id": "lone\ud800", "text": "武汉市民政局\ud83d开展活动。"}),  # lone surrogates: valid JSON, not UTF-8
]
JSONL_MESSAGES = [
    "news.jsonl:2: malformed JSON (Expecting property name enclosed in double quotes at column 2)",
    "news.jsonl:3: not a JSON object",
    "news.jsonl:4: no string field 'text'",
    "news.jsonl:5: no string field 'text'",
    "news.jsonl:6: empty field 'text'",
    "news.jsonl:8: duplicate id 'a' (first on line 1), record skipped",
    "news.jsonl:9: malformed JSON",
]
BUILT = ["good.txt", "utf8-bom.txt", "gbk.txt", "gb18030.txt", "utf16-bom.txt", "utf16be-bom.txt",
         "utf16le-nobom.txt", "utf32le-bom.txt", "utf32be-bom.txt", "crlf.txt", "traditional.txt", "big5.txt", "hostile.html", "long-run.txt", "long-ascii.txt",
         "news.jsonl#a", "news.jsonl#sep", "news.jsonl#lone\ufffd", "\\xff\\xfename.txt"]
BAD_NAME = os.fsdecode(b"\xff\xfename.txt")  # a file name that is not UTF-8


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (data, _) in CASES.items():
        (folder / name).write_bytes(data)
    (folder / "news.jsonl").write_bytes("\r\n".join(JSONL_LINES).encode("utf-8"))
    (folder / BAD_NAME).write_bytes(GOOD.encode("utf-8"))
    return folder


def run_main(*argv) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    """The build's outputs (not its extraction cache in .cache/) by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(folder).parts}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("bad") / "in")


@pytest.fixture(scope="module")
def build(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    code, err = run_main("build", str(corpus), "-o", str(out), "--no-progress")
    return code, err, out, json.loads((out / "graph.json").read_text(encoding="utf-8"))


def test_bad_inputs_are_reported_by_name_and_the_rest_builds(build):
    code, err, _, _ = build
    assert code == 0, err
    skipped = [line.removeprefix("govgraph: skipped ") for line in err.splitlines() if line.startswith("govgraph: skipped")]
    expected = [msg for _, msg in CASES.values() if msg] + JSONL_MESSAGES
    for msg in expected:
        assert any(msg in line for line in skipped), (msg, skipped)
    assert len(skipped) == len(expected), skipped
    assert f"skipped inputs {len(expected)}" in err


def test_every_good_file_is_in_the_graph(build, corpus):
    _, _, _, data = build
    docs = {m["doc"] for n in data["nodes"] for m in n["mentions"]}
    assert set(BUILT) <= docs, set(BUILT) - docs
    assert not docs - set(BUILT)
    names = {(n["type"], n["name"]) for n in data["nodes"]}
    assert ("Agency", "武汉市民政局") in names and ("Agency", "湖北省教育厅") in names
    # offsets slice the decoded text of every file, whatever its encoding
    texts = {d.id: d.raw for d in iter_documents([str(corpus)], on_error=lambda m: None)}
    for n in data["nodes"]:
        for m in n["mentions"]:
            assert texts[m["doc"]][m["start"]:m["end"]] == m["text"]


def test_every_encoding_gives_the_same_text(corpus):
    docs = {d.id: d for d in iter_documents([str(corpus)], on_error=lambda m: None)}
    for name in ("good.txt", "utf8-bom.txt", "gbk.txt", "utf16-bom.txt", "utf16be-bom.txt", "utf16le-nobom.txt",
                 "utf32le-bom.txt", "utf32be-bom.txt"):
        assert docs[name].raw == GOOD, name
    assert docs["utf32le-bom.txt"].meta["encoding"] == docs["utf32be-bom.txt"].meta["encoding"] == "utf-32"
    assert docs["gb18030.txt"].raw == "𠀀" + GOOD
    assert docs["utf16le-nobom.txt"].meta["encoding"] == "utf-16-le"
    assert docs["gbk.txt"].meta["encoding"] == "gb18030"
    assert docs["big5.txt"].raw == docs["traditional.txt"].raw == TRAD and docs["big5.txt"].meta["encoding"] == "cp950"
    assert docs["big5.txt"].clean == GOOD.strip()  # converted for matching
    assert docs["news.jsonl#lone\ufffd"].raw == "武汉市民政局\ufffd开展活动。"  # one for one: offsets hold


def test_hostile_html_text_is_data_not_markup(build, corpus):
    _, _, out, data = build
    (doc,) = [d for d in iter_documents([str(corpus / "hostile.html")])]
    assert f'发布<script>alert("{XSS}")</script>的通知' in doc.clean  # entities decoded: it is text
    for hidden in ("document.write", "注释里", "湖北省财政厅", "color:red", "onerror", "onclick"):
        assert hidden not in doc.clean, hidden
    assert "武昌区民政局走访居民" in doc.clean and "<<<<" in doc.clean
    names = {n["name"] for n in data["nodes"]}
    assert "武汉市公安局" not in names and "湖北省公安厅" not in names and "湖北省财政厅" not in names
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert XSS in page  # the sentence is in the page, as data
    for raw in ("<script>alert(", "onerror=\"alert", "onclick=\"alert", "<img src=x"):
        assert raw not in page, raw
    for name in ("graph.graphml", "graph.gexf"):  # XML (Turtle and JSON hold the text as a plain string)
        assert "<script>alert(" not in (out / name).read_text(encoding="utf-8"), name


def test_long_runs_are_split_for_the_tagger(corpus):
    docs = {d.id: d for d in iter_documents([str(corpus)], on_error=lambda m: None)}
    for name in ("long-run.txt", "long-ascii.txt"):
        spans = split_sentences(docs[name].clean)
        assert max(e - s for s, e in spans) <= 300
        assert "".join(docs[name].clean[s:e] for s, e in spans) == "".join(docs[name].clean.split())


def test_rebuild_of_the_bad_corpus_is_byte_identical(build, corpus, tmp_path):
    _, _, out, _ = build
    code, _ = run_main("build", str(corpus), "-o", str(tmp_path), "--no-progress")
    assert code == 0
    assert snapshot(tmp_path) == snapshot(out)


@pytest.mark.parametrize("name", [n for n, (_, msg) in CASES.items() if msg] + ["news.jsonl"])
def test_strict_makes_a_bad_input_fatal_and_writes_nothing(name, build, corpus, tmp_path):
    _, _, out, _ = build
    previous = snapshot(out)
    code, err = run_main("build", str(corpus / "good.txt"), str(corpus / name), "-o", str(out), "--strict", "--no-progress")
    assert code == 2
    msg = CASES[name][1] if name in CASES else JSONL_MESSAGES[0]
    assert f"govgraph: error: {corpus / name}" in err and msg in err
    assert snapshot(out) == previous


def test_unreadable_and_vanished_files(tmp_path):
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(InputError, match=r"dir\.txt: cannot read \(Is a directory\)"):
        list(read_file(tmp_path / "dir.txt", "dir.txt"))
    with pytest.raises(InputError, match=r"gone\.txt: cannot read \(No such file or directory\)"):
        list(read_file(tmp_path / "gone.txt", "gone.txt"))


# --- traditional characters ---------------------------------------------------

def test_traditional_text_gives_the_simplified_entities_with_original_mentions(tmp_path):
    simp = "湖北省教育厅印发《湖北省社区治理实施方案》。武汉市卫生健康委员会与武汉市民政局联合开展义诊活动，武昌区政府负责人张国华介绍了情况。\n"
    trad = "湖北省教育廳印發《湖北省社區治理實施方案》。武漢市衛生健康委員會與武漢市民政局聯合開展義診活動，武昌區政府負責人張國華介紹了情況。\n"
    assert len(simp) == len(trad)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "s.txt").write_text(simp, encoding="utf-8")
    (tmp_path / "in" / "t.txt").write_text(trad, encoding="utf-8")
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-progress"]) == 0
    data = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))

    def entities(doc):
        return {(n["type"], n["name"]) for n in data["nodes"] if any(m["doc"] == doc for m in n["mentions"])}

    assert entities("t.txt") == entities("s.txt")
    assert ("Agency", "湖北省教育厅") in entities("t.txt") and ("Policy", "湖北省社区治理实施方案") in entities("t.txt")
    for n in data["nodes"]:
        for m in n["mentions"]:
            raw = trad if m["doc"] == "t.txt" else simp
            assert raw[m["start"]:m["end"]] == m["text"]
    trad_mentions = {m["text"] for n in data["nodes"] for m in n["mentions"] if m["doc"] == "t.txt"}
    assert "湖北省教育廳" in trad_mentions and "武漢市民政局" in trad_mentions
    # the evidence sentence a researcher reads is the text as written
    sentences = {m["sentence"] for n in data["nodes"] for m in n["mentions"] if m["doc"] == "t.txt"}
    assert "湖北省教育廳印發《湖北省社區治理實施方案》。" in sentences


def test_traditional_conversion_keeps_offsets_and_modes():
    d = make_document("t.txt", "武漢\n市民政局的接 通 率達到九成，這項服務受到歡迎。")
    assert d.clean == "武汉市民政局的接通率达到九成，这项服务受到欢迎。"
    assert d.original == "武漢市民政局的接通率達到九成，這項服務受到歡迎。"
    assert d.raw[d.offsets[1]] == "漢" and d.raw[d.offsets[10]] == "達"
    assert make_document("t.txt", d.raw, traditional="never").clean == d.original
    # a simplified text is left as it is: a name may be written with a traditional character
    s = make_document("s.txt", "著名的乾隆皇帝和村民李啟明。")
    assert s.clean == "著名的乾隆皇帝和村民李啟明。" and s.original is None
    assert make_document("s.txt", "李啟明", traditional="always").clean == "李启明"
    with pytest.raises(ValueError, match="traditional"):
        make_document("x", "x", traditional="sometimes")


# --- outputs: interrupted builds, unwritable folders --------------------------

CHILD = textwrap.dedent("""
    import os, signal, sys
    target, how = sys.argv[1], sys.argv[2]
    real = os.replace
    def replace(src, dst, *args, **kwargs):
        if os.path.basename(dst) == target:
            if how == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            raise KeyboardInterrupt  # Ctrl-C
        return real(src, dst, *args, **kwargs)
    os.replace = replace
    from govgraph.cli import main
    sys.exit(main(sys.argv[3:]))
""")


def corpus_a(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    return folder


def corpus_b(folder: Path, copies: int = 1) -> Path:
    folder.mkdir()
    for i in range(copies):
        for p in sorted(SEEDS.glob("*.txt")):
            (folder / f"{i:03d}-{p.name}").write_bytes(p.read_bytes())
    return folder


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """Corpus B (the interrupted rebuild) and the outputs of corpus A (what is in the folder)."""
    base = tmp_path_factory.mktemp("versions")
    a, b = corpus_a(base / "a"), corpus_b(base / "b")
    assert main(["build", str(a), "-o", str(base / "out-a"), "--no-progress"]) == 0
    return b, snapshot(base / "out-a")


def previous_outputs(versions, tmp_path) -> Path:
    _, old = versions
    out = tmp_path / "out"
    out.mkdir()
    for name, data in old.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    return out


def temp_files(folder: Path) -> list[str]:
    return [name for name in snapshot(folder) if name.endswith(".tmp")]


def is_whole(name: str, data: bytes) -> bool:
    """A complete output file: it parses (JSON, RDF, XML) or ends its last line."""
    import xml.etree.ElementTree as ET

    import rdflib
    suffix = Path(name).suffix
    try:
        if suffix in (".json", ".jsonld"):
            json.loads(data)
        elif suffix in (".ttl", ".nt"):
            rdflib.Graph().parse(data=data.decode("utf-8"), format="turtle" if suffix == ".ttl" else "nt")
        elif suffix in (".gexf", ".graphml"):
            ET.fromstring(data)
        elif suffix == ".html":
            return data.rstrip().endswith(b"</html>")
        else:
            return data.endswith(b"\n")
    except Exception:
        return False
    return True


def kill_during_extraction(out: Path, tmp_path: Path, sig: int) -> subprocess.Popen:
    big = corpus_b(tmp_path / "big", copies=20)  # long enough that the signal lands in extraction
    child = subprocess.Popen([sys.executable, "-m", "govgraph.cli", "build", str(big), "-o", str(out)],
                             stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    seen = b""
    while b"extracting" not in seen:
        chunk = child.stderr.read1(4096)
        assert chunk, seen.decode(errors="replace")
        seen += chunk
    child.send_signal(sig)
    child.communicate()
    return child


def test_sigkill_during_extraction_leaves_previous_outputs(versions, tmp_path):
    _, old = versions
    out = previous_outputs(versions, tmp_path)
    child = kill_during_extraction(out, tmp_path, signal.SIGKILL)
    assert child.returncode == -signal.SIGKILL
    assert snapshot(out) == old


def test_ctrl_c_during_extraction_leaves_previous_outputs(versions, tmp_path):
    _, old = versions
    out = previous_outputs(versions, tmp_path)
    child = kill_during_extraction(out, tmp_path, signal.SIGINT)
    assert child.returncode != 0
    assert snapshot(out) == old and not temp_files(out)


@pytest.mark.parametrize("how", ["kill", "interrupt"])
def test_interrupt_while_writing_leaves_every_file_whole(how, versions, tmp_path):
    """SIGKILL (or Ctrl-C) after graph.json and the RDF files are renamed into
    place and graph.html is written to its temporary file: each output is the
    old file or a whole new one; Ctrl-C also removes the temporary file."""
    b, old = versions
    out = previous_outputs(versions, tmp_path)
    # one job: the exports are written one after another, in this process
    child = subprocess.run([sys.executable, "-c", CHILD, "graph.html", how, "build", str(b), "-o", str(out),
                            "--no-progress", "--jobs", "1"], capture_output=True, text=True)
    assert child.returncode == (-signal.SIGKILL if how == "kill" else -signal.SIGINT), child.stderr
    now = snapshot(out)
    leftovers = temp_files(out)
    if how == "kill":  # a killed process cannot clean up: its hidden temporary file stays, never an output
        assert len(leftovers) <= 1 and all(n.startswith(".graph.html.") for n in leftovers), leftovers
    else:
        assert leftovers == []
    outputs = {name: data for name, data in now.items() if name not in leftovers}
    assert set(outputs) == set(old)  # nothing partial or stray
    for name, data in outputs.items():
        assert data == old[name] or is_whole(name, data), name
    assert now["graph.json"] != old["graph.json"]  # renamed into place before the interruption
    assert {m["doc"] for n in json.loads(now["graph.json"])["nodes"] for m in n["mentions"]} == {p.name for p in b.iterdir()}
    for name in ("graph.html", "graph.gexf", "graph.graphml"):  # not reached: still the old ones
        assert now[name] == old[name], name


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="exports run in two processes on Linux only")
@pytest.mark.parametrize("how", ["kill", "interrupt"])
def test_export_process_killed_or_interrupted(how, versions, tmp_path):
    """Two jobs: the exports are split between the build and a forked process. When the
    process writing graph.html dies (or is interrupted), the build says so and every output
    is the old file or a whole new one."""
    b, old = versions
    out = previous_outputs(versions, tmp_path)
    child = subprocess.run([sys.executable, "-c", CHILD, "graph.html", how, "build", str(b), "-o", str(out),
                            "--no-progress", "--jobs", "2"], capture_output=True, text=True)
    if how == "kill":
        assert child.returncode == 2, child.stderr
        assert "govgraph: error: export process exited with code -9" in child.stderr
    else:
        assert child.returncode == -signal.SIGINT, child.stderr
    now = snapshot(out)
    leftovers = temp_files(out)
    assert all(n.startswith(".graph.html.") for n in leftovers), leftovers
    outputs = {name: data for name, data in now.items() if name not in leftovers}
    # the other process may have finished: new neo4j/ files for types the old build lacked
    assert set(old) <= set(outputs) and all(n.startswith("neo4j/") for n in set(outputs) - set(old))
    for name, data in outputs.items():
        assert name not in old or data == old[name] or is_whole(name, data), name
    assert now["graph.html"] == old["graph.html"]


def test_output_folder_that_is_a_file(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "taken").write_text("not a folder", encoding="utf-8")
    code, err = run_main("build", str(tmp_path / "in"), "-o", str(tmp_path / "taken"), "--no-progress")
    assert code == 2 and f"govgraph: error: {tmp_path / 'taken'}: output folder is a file, not a folder" in err
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "not a folder"
    code, err = run_main("build", str(tmp_path / "in"), "-o", str(tmp_path / "taken" / "sub"), "--no-progress")
    assert code == 2 and f"output folder lies under {tmp_path / 'taken'}, which is a file" in err


def test_output_folder_not_writable(tmp_path, monkeypatch):
    """Root can write to a read-only folder, so the probe file is what decides: make it fail."""
    import tempfile

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "ro"
    out.mkdir()

    def refuse(*args, dir=None, **kwargs):
        if dir is not None and Path(dir) == out:
            raise PermissionError(13, "Permission denied")
        return real(*args, dir=dir, **kwargs)

    real = tempfile.mkstemp
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, err = run_main("build", str(tmp_path / "in"), "-o", str(out), "--no-progress")
    assert code == 2 and f"{out}: output folder is not writable (Permission denied)" in err
    assert list(out.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_output_folder_without_write_permission(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        code, err = run_main("build", str(tmp_path / "in"), "-o", str(out), "--no-progress")
    finally:
        out.chmod(0o755)
    assert code == 2 and "output folder is not writable" in err


# --- very large inputs --------------------------------------------------------

def test_large_text_is_split_into_parts_at_paragraphs(tmp_path, monkeypatch):
    from govgraph.ingest import parts

    monkeypatch.setattr(parts, "PART_SIZE", 500)
    para = "武汉市民政局推出“幸福里”服务，受到居民欢迎。" * 4 + "\n\n"
    text = para * 40
    (tmp_path / "big.txt").write_text(text, encoding="gb18030")
    docs = list(iter_documents([str(tmp_path)]))
    assert [d.id for d in docs] == [f"big.txt#part{i:04d}" for i in range(1, len(docs) + 1)]
    assert len(docs) > 1 and all(len(d.raw) <= 500 for d in docs)
    assert "".join(d.raw for d in docs) == text  # exact slices, in order
    for d in docs:
        assert text[d.meta["offset"]:d.meta["offset"] + len(d.raw)] == d.raw
        assert d.meta["part_of"] == d.meta["source"] == "big.txt"
        assert d.raw.endswith("\n\n") or d is docs[-1]  # cut at paragraph breaks
    # the same file gives the same ids; a small file keeps its name
    assert [d.id for d in iter_documents([str(tmp_path)])] == [d.id for d in docs]
    (tmp_path / "small.txt").write_text(para, encoding="utf-8")
    assert [d.id for d in iter_documents([str(tmp_path / "small.txt")])] == ["small.txt"]


def test_large_jsonl_record_and_html_are_split(tmp_path, monkeypatch):
    from govgraph.ingest import parts

    monkeypatch.setattr(parts, "PART_SIZE", 300)
    sentence = "湖北省教育厅印发通知。"
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": "r1", "text": sentence * 100}, ensure_ascii=False), encoding="utf-8")
    page = "<html><body>" + ("<div><p>" + sentence * 5 + "</p></div>\n") * 40 + "</body></html>"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    docs = list(iter_documents([str(tmp_path)]))
    html_docs = [d for d in docs if d.id.startswith("p.html#part")]
    json_docs = [d for d in docs if d.id.startswith("r.jsonl#r1#part")]
    assert len(html_docs) > 1 and len(json_docs) > 1 and len(docs) == len(html_docs) + len(json_docs)
    joined = "".join(d.raw for d in html_docs)
    assert page.startswith(joined) and not html_text(page[len(joined):])[0].strip()  # exact slices; no text dropped
    assert "".join(d.clean for d in json_docs) == sentence * 100
    for before, d in zip(html_docs, html_docs[1:]):  # cut at block tags, never inside markup or text
        assert re.search(r"</(p|div)>\n?$", before.raw) or re.match(r"</?(p|div)>", d.raw), (before.raw[-20:], d.raw[:20])
    for d in html_docs:
        i = d.clean.find("教育厅")
        s, e = d.raw_span(i, i + 3)
        assert d.raw[s:e] == "教育厅"


def _check_slices(data, texts):
    """Every mention and evidence of graph.json names a whole text of `texts` and slices it exactly."""
    spans = [m for n in data["nodes"] for m in n["mentions"]] + [ev for e in data["links"] for ev in e["evidence"]]
    for item in spans:
        assert "#part" not in item["doc"], item
        assert texts[item["doc"]][item["start"]:item["end"]] == item["text"], item
    for e in data["links"]:  # weights count distinct sentences, across parts too
        keys = [(ev["doc"], ev["start"], ev["end"]) for ev in e["evidence"]]
        assert e["weight"] == len(keys) == len(set(keys))
    return spans


def test_parts_report_the_whole_text_through_the_cli(tmp_path, monkeypatch):
    from govgraph.ingest import parts

    monkeypatch.setattr(parts, "PART_SIZE", 400)
    text = "武汉市民政局推出“幸福里”服务。\n\n" * 30 + "洪山区民政局与湖北省教育厅联合开展活动。\n\n" * 10
    record = "湖北省教育厅印发通知，武汉市民政局开展活动。" * 40
    page = "<html><body>" + ("<div><p>洪山区民政局开展活动。武昌区民政局走访居民。</p></div>\n") * 30 + "</body></html>"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.txt").write_text(text, encoding="utf-8")
    (tmp_path / "in" / "p.html").write_text(page, encoding="utf-8")
    (tmp_path / "in" / "r.jsonl").write_text(json.dumps({"id": "r1", "text": record}, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    assert [d.id for d in iter_documents([str(tmp_path / "in")])].count("big.txt#part0002") == 1  # it is split
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-progress"]) == 0
    data = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    spans = _check_slices(data, {"big.txt": text, "p.html": page, "r.jsonl#r1": record})
    assert {s["doc"] for s in spans} == {"big.txt", "p.html", "r.jsonl#r1"}
    for doc, whole in (("big.txt", text), ("p.html", page), ("r.jsonl#r1", record)):
        # results from the last parts too, at their place in the whole text
        assert max(s["end"] for s in spans if s["doc"] == doc) > len(whole) - 400, doc
    rows = {d["id"]: d for d in data["graph"]["documents"]}
    assert set(rows) == {"big.txt", "p.html", "r.jsonl#r1"}
    assert rows["big.txt"]["parts"] > 1 and rows["big.txt"]["chars"] == len(text)
    assert rows["r.jsonl#r1"]["parts"] > 1 and rows["r.jsonl#r1"]["chars"] == len(record)
    assert rows["r.jsonl#r1"]["source"] == "r.jsonl" and rows["p.html"]["parts"] > 1
    (agency,) = [n for n in data["nodes"] if n["name"] == "武汉市民政局"]
    assert agency["docs"] == ["big.txt", "r.jsonl#r1"]
    # one mention per occurrence, none lost or doubled at the cuts
    assert sum(m["doc"] == "big.txt" for m in agency["mentions"]) == text.count("武汉市民政局")


def test_a_text_over_100k_characters_is_reported_against_the_whole_file(tmp_path):
    from govgraph.ingest import PART_SIZE

    # real news text, well over one part: seeds/ four times over, in GB18030
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))) * 4
    assert len(text) > PART_SIZE
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.txt").write_bytes(text.encode("gb18030"))
    code, err = run_main("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-progress")
    assert code == 0, err
    data = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    spans = _check_slices(data, {"big.txt": text})
    assert max(s["start"] for s in spans) > PART_SIZE  # the second part's results, placed in the whole file
    assert any(e["type"] != "co_occurs_with" and any(ev["start"] > PART_SIZE for ev in e["evidence"])
               for e in data["links"])
    (row,) = data["graph"]["documents"]
    assert row["id"] == "big.txt" and row["parts"] > 1 and row["chars"] == len(text)
    assert row["encoding"] == "gb18030"


def test_a_later_build_removes_temporary_files_left_by_a_killed_one(tmp_path):
    from govgraph.export.atomic import prepare_output_dir

    out = tmp_path / "out"
    (out / "neo4j").mkdir(parents=True)
    stale = [out / ".graph.html.k3j_x9a2.tmp", out / "neo4j" / ".import.sh.0a1b2c3d.tmp"]
    fresh = out / ".graph.json.zz99yy88.tmp"  # maybe a build running now
    mine = out / ".notes.tmp"  # not one of ours
    for p in [*stale, fresh, mine]:
        p.write_text("half", encoding="utf-8")
    for p in [*stale, mine]:
        os.utime(p, (1_000_000_000, 1_000_000_000))
    prepare_output_dir(out)
    assert [p.exists() for p in stale] == [False, False] and fresh.exists() and mine.exists()


def test_control_characters_inside_text_are_ignored_for_matching_and_kept_in_mentions(tmp_path):
    raw = "武汉市\x01民政局推出“幸福\u200d里”服务，\x1b[2J湖北省教育厅\ufeff印发通知。\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "c.txt").write_text(raw * 3, encoding="utf-8")
    d = make_document("c.txt", raw)
    assert d.clean.startswith("武汉市民政局推出“幸福里”服务") and "\x01" not in d.clean
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-progress"]) == 0
    data = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    mentions = {n["name"]: {m["text"] for m in n["mentions"]} for n in data["nodes"]}
    assert "武汉市\x01民政局" in mentions["武汉市民政局"] and "湖北省教育厅" in mentions
