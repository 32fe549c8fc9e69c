"""graph.html in headless Debian Chromium, offline: draws, searches, shows evidence, runs no injected code.

Driven over the DevTools protocol by playwright, using /usr/bin/chromium (no browser download).
Leaves a screenshot in test-artifacts/graph.png.
"""

import json
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
import pytest

from govgraph.export.html import write_html

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
SEEDS = ROOT / "seeds"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves, should anything try
]
SENTENCE = "某某市民政局推出暖邻帮社区服务项目，覆盖武汉市各街道。"
HOSTILE = ('通知<script>document.title="pwned";window.__pwned=1</script>'
           '<img src=x onerror="window.__pwned=2">全文')

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")


def sample_graph():
    G = nx.MultiDiGraph()

    def node(key, typ, name, aliases, sentences, code=None):
        mentions = [{"doc": f"doc{i}.txt", "start": 0, "end": len(text), "text": text, "sentence": s}
                    for i, (text, s) in enumerate(sentences)]
        G.add_node(key, type=typ, name=name, aliases=aliases, mentions=mentions, code=code, parent=None,
                   docs=sorted({m["doc"] for m in mentions}), count=len(mentions))

    node("program/暖邻帮", "Program", "暖邻帮", ["暖邻帮"], [("暖邻帮", SENTENCE)])
    node("agency/某某市民政局", "Agency", "某某市民政局", ["市民政局", "某某市民政局"],
         [("某某市民政局", SENTENCE), ("某某市民政局", HOSTILE)])
    node("place/420100", "Place", "武汉市", ["武汉市"], [("武汉市", SENTENCE)], code="420100")
    node("organization/某某社区服务中心", "Organization", "某某社区服务中心", ["某某社区服务中心"], [])
    node("policy/某某管理办法", "Policy", "某某管理办法", ["某某管理办法"], [])
    node("person/张某", "Person", "张某", ["张某"], [])
    ev = [{"doc": "doc0.txt", "start": 0, "end": len(SENTENCE), "text": SENTENCE}]
    for u, v, typ, w in [
        ("agency/某某市民政局", "program/暖邻帮", "runs", 2),
        ("program/暖邻帮", "place/420100", "implemented_in", 1),
        ("person/张某", "agency/某某市民政局", "holds_position", 1),
        ("agency/某某市民政局", "policy/某某管理办法", "issues", 1),
        ("organization/某某社区服务中心", "program/暖邻帮", "co_occurs_with", 1),
        ("organization/某某社区服务中心", "place/420100", "co_occurs_with", 3),
    ]:
        G.add_edge(u, v, key=typ, type=typ, weight=w, evidence=ev, role="局长" if typ == "holds_position" else None,
                   **({"pmi": 0.4} if typ == "co_occurs_with" else {}))
    return G


@contextmanager
def browser_page(path, requests, errors):
    """A page in headless Debian Chromium with every non-file request refused and recorded."""
    from playwright.sync_api import sync_playwright  # the test extra; no `playwright install` needed

    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        ctx = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            offline=True, viewport={"width": 1280, "height": 720})
        try:
            ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else route.abort())
            page = ctx.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.goto(path.as_uri())
            wait_until(page, "window.govgraphReady === true", 15)
            yield page
        finally:
            ctx.close()


def wait_until(page, expression, seconds):
    """Poll a JavaScript expression from here. (page.wait_for_function polls with a string the
    page evaluates, which the page's Content-Security-Policy forbids (no 'unsafe-eval'): it
    fails whenever the condition is not already true at the first try, as on a busy machine.)"""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {seconds} s: {expression}")
        page.wait_for_timeout(50)


def click_node(page, name):
    """Click a point of the node named `name` that no other node covers."""
    x, y = page.evaluate("""(name) => {
        const net = govgraph.network;
        const id = govgraph.find(name).id;
        const box = net.getBoundingBox(id);
        const r = document.getElementById('network').getBoundingClientRect();
        for (const fy of [0.5, 0.3, 0.7, 0.15, 0.85]) for (const fx of [0.5, 0.3, 0.7, 0.15, 0.85]) {
            const p = net.canvasToDOM({x: box.left + fx * (box.right - box.left), y: box.top + fy * (box.bottom - box.top)});
            if (net.getNodeAt(p) === id) return [r.left + p.x, r.top + p.y];
        }
        throw new Error('node ' + name + ' is covered');
    }""", name)
    page.mouse.click(x, y)


def search_then_click(page, name):
    """Search selects and focuses the node and opens its panel; after closing it,
    clicking the node on the canvas opens it again."""
    page.fill("#search", name)
    page.press("#search", "Enter")
    selected = page.evaluate("govgraph.network.getSelectedNodes().map(id => govgraph.nodes.get(id).label)")
    assert name in selected
    assert page.inner_text("#panel h2") == name
    page.click("#panel-close")
    assert not page.is_visible("#panel")
    click_node(page, name)
    # vis handles the click asynchronously; on a loaded machine it can lag
    page.wait_for_selector("#panel", state="visible", timeout=5_000)
    assert page.inner_text("#panel h2") == name


def inked_pixels(page):
    return page.evaluate("""() => {
        const c = document.querySelector('#network canvas');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && px[i] + px[i + 1] + px[i + 2] < 600) n++;
        return n;
    }""")


def test_seeds_page(tmp_path):
    """The page `govgraph build seeds/` writes, plus one hostile document."""
    from govgraph.cli import main

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    markup = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
    (corpus / "hostile.txt").write_text(f"常州市民政局发布通知{markup}全文。", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(corpus), "-o", str(out), "--no-progress"]) == 0
    path = out / "graph.html"
    requests, errors = [], []
    with browser_page(path, requests, errors) as page:
        assert inked_pixels(page) > 2000
        assert page.evaluate("govgraph.nodes.length") > 100

        # the most mentioned programme named in a 志愿服务 sentence (read from the graph, so the
        # test names nothing of the corpus), with no other node's name containing its name
        nodes = json.loads((out / "graph.json").read_text(encoding="utf-8"))["nodes"]
        programme = max((n for n in nodes if n["type"] == "Program"
                         and any("志愿服务" in m["sentence"] for m in n["mentions"])
                         and not any(n["name"] in o["name"] for o in nodes if o is not n)),
                        key=lambda n: (n["count"], n["name"]))["name"]
        search_then_click(page, programme)
        assert programme in page.inner_text("#panel mark")
        evidence = page.inner_text("#panel-body")
        assert "志愿服务" in evidence  # the sentence the programme is named in
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "seeds-graph.png"))

        page.fill("#search", "常州市民政局")
        page.press("#search", "Enter")
        assert page.inner_text("#panel h2") == "常州市民政局"
        assert markup in page.inner_text("#panel-body")
        assert page.evaluate("document.querySelectorAll('#panel script, #panel img').length") == 0
        page.wait_for_timeout(200)
        assert page.evaluate("window.__pwned") is None
        assert page.title() == "govgraph"
    assert requests == [path.as_uri()]
    assert errors == []


def test_page_in_headless_chromium(tmp_path):
    """A small synthetic graph: every control of the page."""
    path = tmp_path / "graph.html"
    write_html(sample_graph(), path)
    requests, errors = [], []
    with browser_page(path, requests, errors) as page:
        page.wait_for_timeout(300)  # small graphs settle with physics briefly
        assert inked_pixels(page) > 500
        assert page.evaluate("Object.keys(govgraph.network.getPositions()).length") == 6

        search_then_click(page, "暖邻帮")
        assert SENTENCE in page.inner_text("#panel-body")
        assert page.inner_text("#panel mark") == "暖邻帮"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "graph.png"))

        # clicking an edge shows relation type, weight, role and evidence
        page.click("#panel-close")
        x, y = page.evaluate("""() => {
            const net = govgraph.network;
            const e = govgraph.edges.get({filter: e => e.label === 'holds_position'})[0];
            const p = net.canvasToDOM(net.body.edges[e.id].edgeType.getPoint(0.5));  // curve midpoint
            const r = document.getElementById('network').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""")
        page.mouse.click(x, y)
        wait_until(page, "document.querySelector('#panel h2')?.textContent === 'holds_position'"
                         " && !document.getElementById('panel').hidden", 5)
        body = page.inner_text("#panel-body")
        assert "张某 → 某某市民政局" in body and "局长" in body and SENTENCE in body

        # co-occurrence can be hidden, or thresholded by weight, from the page
        hidden = "govgraph.edges.get({filter: e => e.hidden}).length"
        page.uncheck("#show-co")
        assert page.evaluate(hidden) == 2
        page.check("#show-co")
        assert page.evaluate(hidden) == 0
        page.fill("#co-weight", "2")
        assert page.evaluate(hidden) == 1
        page.fill("#co-weight", "1")

        # markup inside a document shows as text and runs nothing
        page.fill("#search", "市民政局")
        page.press("#search", "Enter")
        assert page.inner_text("#panel h2") == "某某市民政局"
        body = page.inner_text("#panel-body")
        assert '<script>document.title="pwned"' in body and "<img src=x" in body
        assert page.evaluate("document.querySelectorAll('#panel script, #panel img').length") == 0
        page.wait_for_timeout(200)
        assert page.evaluate("window.__pwned") is None
        assert page.title() == "govgraph"

    assert requests == [path.as_uri()]  # nothing but the page itself was asked for
    assert errors == []
