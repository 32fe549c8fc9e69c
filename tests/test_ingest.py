import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgraph.ingest import Fields, find_inputs, iter_documents, make_document, split_sentences
from govgraph.ingest.decode import DecodeError, decode_bytes
from govgraph.ingest.repair import repair

TEXT = "武汉市民政局推出“幸福里”服务。\n记者 张三 李四\n"


def test_repair_joins_broken_lines_and_spaced_characters():
    raw = "武汉\n市民政局的接 通 率达到\n95%，\n\n新闻 标题"
    r = repair(raw)
    assert "武汉市民政局的接通率达到95%，" in r.text
    for i, ch in enumerate(r.text):
        if ch != "\n":
            assert raw[r.offsets[i]] == ch


def test_blank_line_mid_sentence_is_not_a_paragraph_break():
    body = "近日，本报记者在武汉市采访了市民政局的工作人员，了解到相关情况和做法，记者又联系了湖" + "\n\n" + "北省教育厅的负责人。"
    d = make_document("a.txt", body)
    assert "湖北省教育厅" in d.clean


def test_headline_paragraph_kept():
    d = make_document("a.txt", "标题一行\n\n正文开始。")
    assert d.clean == "标题一行\n正文开始。"
    assert [d.clean[s:e] for s, e in split_sentences(d.clean)] == ["标题一行", "正文开始。"]


def test_ascii_words_keep_one_space():
    assert repair("Hello   world 武汉").text == "Hello world武汉"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("武汉市民政局推出服务。，ab1 \n\u3000")), min_size=1, max_size=80))
def test_every_clean_offset_maps_into_raw(chars):
    raw = "".join(chars)
    d = make_document("x.txt", raw)
    assert len(d.offsets) == len(d.clean) + 1
    for i, ch in enumerate(d.clean):
        o = d.offsets[i]
        assert 0 <= o < len(raw)
        if not ch.isspace():
            assert raw[o] == ch
    # any clean span maps to a raw span whose non-space text is the clean text
    for a in range(len(d.clean)):
        for b in range(a + 1, min(len(d.clean), a + 6) + 1):
            rs, re_ = d.raw_span(a, b)
            assert "".join(raw[rs:re_].split()) == "".join(d.clean[a:b].split())


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-32"])
def test_encodings(tmp_path, enc):
    (tmp_path / "a.txt").write_bytes(TEXT.encode(enc))
    docs = list(iter_documents([str(tmp_path)]))
    assert len(docs) == 1 and docs[0].raw == TEXT and docs[0].id == "a.txt"


def test_binary_and_undecodable_files_are_reported_and_skipped(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfd\x81\x30" * 3)  # no BOM-valid or GB18030 text
    (tmp_path / "empty.txt").write_bytes(b"")
    errors = []
    docs = list(iter_documents([str(tmp_path)], on_error=errors.append))
    assert [d.id for d in docs] == ["good.txt"]
    joined = "\n".join(errors)
    assert "bin.txt" in joined and "binary" in joined
    assert "empty.txt" in joined


def test_decode_error_names_the_file():
    with pytest.raises(DecodeError, match="x.bin"):
        decode_bytes(b"\x00abc", "x.bin")


def test_jsonl_records_ids_fields_and_bad_lines(tmp_path):
    lines = [json.dumps({"id": "r1", "body": "武汉市民政局开展活动。", "title": "t"}, ensure_ascii=False),
             "{not json",
             json.dumps({"id": "r2", "body": "湖北省教育厅印发通知。"}, ensure_ascii=False)]
    (tmp_path / "news.jsonl").write_text("\n".join(lines), encoding="utf-8")
    errors = []
    docs = list(iter_documents([str(tmp_path)], Fields(text="body"), on_error=errors.append))
    assert [d.id for d in docs] == ["news.jsonl#r1", "news.jsonl#r2"]
    assert docs[0].meta["title"] == "t"
    assert any("news.jsonl:2" in e for e in errors)


def test_html_visible_text_with_raw_offsets(tmp_path):
    page = "<html><head><style>p{}</style><script>var x='武汉';</script></head><body><p>武汉市民政局&amp;湖北</p><p>第二段。</p></body></html>"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (d,) = iter_documents([str(tmp_path / "p.html")])
    assert "武汉市民政局&湖北" in d.clean and "var x" not in d.clean
    i = d.clean.index("民政局")
    s, e = d.raw_span(i, i + 3)
    assert d.raw[s:e] == "民政局"


def test_markdown_and_globs(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("# 标题\n正文。", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("正文。", encoding="utf-8")
    found = find_inputs([str(tmp_path / "sub" / "*.md")])
    assert [i for _, i in found] == ["a.md"]
    assert [i for _, i in find_inputs([str(tmp_path)])] == ["sub/a.md", "sub/b.txt"]
    with pytest.raises(FileNotFoundError):
        find_inputs([str(tmp_path / "nothing*.txt")])


def test_markdown_file_is_read_as_text_with_its_id_and_offsets(tmp_path):
    text = ("# 武汉市民政局工作简报\n\n- **洪山区民政局**开展“幸福里”服务。\n"
            "- 湖北省教育厅印发《湖北省社区治理实施方案》。\n\n> 记者 张三\n")
    (tmp_path / "in" / "notes").mkdir(parents=True)
    (tmp_path / "in" / "notes" / "brief.md").write_text(text, encoding="utf-8")
    (d,) = iter_documents([str(tmp_path / "in")])
    assert d.id == "notes/brief.md" and d.raw == text  # the file's text, markup and all
    assert "湖北省教育厅印发《湖北省社区治理实施方案》。" in d.clean
    i = d.clean.index("洪山区民政局")
    s, e = d.raw_span(i, i + 6)
    assert (s, e) == (text.index("洪山区民政局"), text.index("洪山区民政局") + 6)
    from govgraph.cli import main
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-progress", "--jobs", "1"]) == 0
    data = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    mentions = [m for n in data["nodes"] for m in n["mentions"]]
    assert {m["doc"] for m in mentions} == {"notes/brief.md"}
    for m in mentions:
        assert text[m["start"]:m["end"]] == m["text"]
    found = {(m["text"], m["start"]) for m in mentions}
    for name in ("洪山区民政局", "湖北省教育厅", "张三"):
        assert (name, text.index(name)) in found, name


def test_same_relative_path_in_two_inputs_keeps_both_files(tmp_path):
    for folder, text in (("A", "武汉市民政局开展活动。"), ("B", "湖北省教育厅印发通知。")):
        (tmp_path / folder / "sub").mkdir(parents=True)
        (tmp_path / folder / "sub" / "x.txt").write_text(text, encoding="utf-8")
    (tmp_path / "A" / "only.txt").write_text("洪山区民政局走访居民。", encoding="utf-8")
    a, b = str(tmp_path / "A"), str(tmp_path / "B")
    found = [(p, i) for p, i in find_inputs([a, b])]
    assert [i for _, i in found] == ["A/sub/x.txt", "B/sub/x.txt", "only.txt"]  # only the clashing ids change
    assert [p for p, _ in found] == [tmp_path / "A" / "sub" / "x.txt", tmp_path / "B" / "sub" / "x.txt",
                                     tmp_path / "A" / "only.txt"]
    docs = {d.id: d.raw for d in iter_documents([a, b])}
    assert docs == {"A/sub/x.txt": "武汉市民政局开展活动。", "B/sub/x.txt": "湖北省教育厅印发通知。",
                    "only.txt": "洪山区民政局走访居民。"}
    # two files given by name, and folders of the same name: as many parent folders as it takes
    assert [i for _, i in find_inputs([f"{a}/sub/x.txt", f"{b}/sub/x.txt"])] == ["A/sub/x.txt", "B/sub/x.txt"]
    assert [i for _, i in find_inputs([f"{a}/sub", f"{b}/sub"])] == ["A/sub/x.txt", "B/sub/x.txt"]
    assert [i for _, i in find_inputs([str(tmp_path / "*" / "sub" / "x.txt")])] == ["A/sub/x.txt", "B/sub/x.txt"]


def test_a_file_reached_through_two_inputs_is_read_once(tmp_path):
    (tmp_path / "A" / "sub").mkdir(parents=True)
    (tmp_path / "A" / "sub" / "x.txt").write_text("武汉市民政局开展活动。", encoding="utf-8")
    a = tmp_path / "A"
    for inputs in ([a, a], [a, a / "sub" / "x.txt"], [a, a / "sub"], [a, tmp_path / "A" / ".." / "A"]):
        found = find_inputs([str(p) for p in inputs])
        assert found == [(a / "sub" / "x.txt", "sub/x.txt")], inputs  # the first input's id
    assert find_inputs([str(a / "sub"), str(a)]) == [(a / "sub" / "x.txt", "x.txt")]


def test_long_run_without_punctuation_is_split():
    text = "武汉" * 400
    spans = split_sentences(text)
    assert len(spans) > 1 and all(e - s <= 300 for s, e in spans)
    assert "".join(text[s:e] for s, e in spans) == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["武汉", "市", "。", "，", "\n", "\n\n", " ", "\r\n", "ab", "”"]), max_size=120),
       st.integers(4, 40), st.integers(1, 50))
def test_parts_are_exact_bounded_slices(pieces, size, chunk):
    from govgraph.ingest.parts import split_text
    text = "".join(pieces)
    chunks = [text[i:i + chunk] for i in range(0, len(text), chunk)]
    parts = list(split_text(chunks, size))
    assert "".join(p for _, p in parts) == text
    for offset, p in parts:
        assert 0 < len(p) <= size and text[offset:offset + len(p)] == p


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<div class='a'>", "<br/>", "<script>", "</script>", "<!--", "-->",
                                 "&amp;", "&lt;", "&", "<", ">", "武汉", "市", "。", " ", "\n", "<b>", "</b>"]),
                max_size=60), st.integers(8, 60))
def test_html_text_maps_visible_characters_to_raw(pieces, size):
    from govgraph.ingest.formats import html_parts, html_text
    raw = "".join(pieces)
    text, offs = html_text(raw)
    assert len(offs) == len(text)
    for ch, o in zip(text, offs):
        assert 0 <= o < len(raw)
        if ch not in "&<>\n":  # not from an entity or a block break
            assert raw[o] == ch
    parts = list(html_parts(raw, size))
    assert "".join(p for _, p in parts) == raw
    # cutting never changes what is visible
    assert "".join(html_text(p)[0] for _, p in parts).replace("\n", "") == text.replace("\n", "")
    d = make_document("p.html", raw, visible=(text, offs))
    for i, ch in enumerate(d.clean):
        assert 0 <= d.offsets[i] < len(raw)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="武汉市民政局國務院张三李四，。“”《》abc123\n ", min_size=12, max_size=80),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030"]))
def test_any_text_decodes_back(text, enc):
    decoded, _ = decode_bytes(text.encode(enc), "x.txt")
    assert decoded == text
