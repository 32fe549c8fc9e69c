(function () {
  "use strict";
  // Document text is only ever put in the DOM with textContent / createTextNode.
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const CO = "co_occurs_with";
  const FONT = 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  const DIM = "#e4e4e4";
  const FALLBACK = { color: "#9e9e9e", shape: "dot", symbol: "●" };
  const style = (type) => data.types[type] || FALLBACK;
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));

  const nodes = new vis.DataSet(data.nodes.map((n) => ({
    id: n.id, label: n.name, x: n.x, y: n.y, value: n.size,
    shape: style(n.type).shape, color: style(n.type).color,
  })));
  // co_occurs_with takes the default edge style below; only typed relations carry their own.
  const edges = new vis.DataSet(data.edges.map((e) => e.type === CO
    ? { id: e.id, from: e.from, to: e.to }
    : { id: e.id, from: e.from, to: e.to, arrows: "to", label: e.type, width: 2, dashes: false,
        color: { color: "#555", highlight: "#111", hover: "#111" } }));

  const network = new vis.Network(document.getElementById("network"), { nodes, edges }, {
    autoResize: true,
    layout: { improvedLayout: false }, // positions come from Python
    physics: data.large ? false : { solver: "barnesHut", stabilization: { iterations: 150, fit: true } },
    nodes: {
      borderWidth: 1,
      font: { face: FONT, size: 12, color: "#222" },
      scaling: { min: 10, max: 36, label: { enabled: true, min: 12, max: 22, drawThreshold: 6 } },
    },
    edges: {
      smooth: data.large ? false : { type: "continuous" },
      selectionWidth: 2,
      width: 1,
      color: { color: "#c4c4c4", highlight: "#888", hover: "#888" },
      // Dashed strokes cost ~0.1 ms each in Chromium's canvas: large graphs draw co-occurrence plain.
      dashes: data.large ? false : [4, 4],
      font: { size: 11, face: FONT, color: "#444", strokeWidth: 3, align: "horizontal" },
      // relation labels only once zoomed in: at overview scale they bury the node names
      scaling: { label: { enabled: true, min: 11, max: 11, drawThreshold: data.large ? 14 : 8 } },
    },
    interaction: { hover: !data.large, hideEdgesOnDrag: data.large, hideEdgesOnZoom: data.large },
  });
  if (data.large) document.getElementById("co-key").textContent = "──";
  network.once("stabilizationIterationsDone", () => network.setOptions({ physics: false }));
  network.once("afterDrawing", () => { window.govgraphReady = true; });

  // ---- filters: node types, co-occurrence on/off and weight threshold
  const hiddenTypes = new Set();
  const coBox = document.getElementById("show-co");
  const coSlider = document.getElementById("co-weight");
  const coValue = document.getElementById("co-weight-value");
  coSlider.min = String(data.co_min);
  coSlider.max = String(Math.max(data.co_max, data.co_min));
  coSlider.value = String(data.co_min);
  coValue.textContent = coSlider.value;
  const nodeHidden = new Map();
  const edgeHidden = new Map();

  function applyFilters() {
    const coMin = Number(coSlider.value);
    const nodeUpdates = [];
    for (const n of data.nodes) {
      const hidden = hiddenTypes.has(n.type);
      if ((nodeHidden.get(n.id) || false) !== hidden) {
        nodeHidden.set(n.id, hidden);
        nodeUpdates.push({ id: n.id, hidden });
      }
    }
    const edgeUpdates = [];
    for (const e of data.edges) {
      const hidden = Boolean(nodeHidden.get(e.from) || nodeHidden.get(e.to) ||
        (e.type === CO && (!coBox.checked || e.weight < coMin)));
      if ((edgeHidden.get(e.id) || false) !== hidden) {
        edgeHidden.set(e.id, hidden);
        edgeUpdates.push({ id: e.id, hidden });
      }
    }
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
  }
  coBox.addEventListener("change", applyFilters);
  // Large graphs refilter on release only: each pass restyles thousands of edges.
  coSlider.addEventListener("input", () => {
    coValue.textContent = coSlider.value;
    if (!data.large) applyFilters();
  });
  coSlider.addEventListener("change", applyFilters);

  const el = (tag, text, className) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  };

  const legend = document.getElementById("legend");
  const typeBoxes = new Map();
  const counts = new Map();
  for (const n of data.nodes) counts.set(n.type, (counts.get(n.type) || 0) + 1);
  const types = Object.keys(data.types).concat([...counts.keys()].filter((t) => !(t in data.types)).sort());
  for (const type of types) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.type = type;
    box.addEventListener("change", () => {
      if (box.checked) hiddenTypes.delete(type); else hiddenTypes.add(type);
      applyFilters();
    });
    typeBoxes.set(type, box);
    const swatch = el("span", style(type).symbol, "swatch");
    swatch.style.color = style(type).color;
    label.append(box, swatch, document.createTextNode(`${type || "?"} (${counts.get(type) || 0})`));
    legend.append(label);
  }

  // ---- neighbourhood highlight: select the node's neighbours; in small graphs also grey out the rest
  // (restyling every node costs ~0.5 s at 5,000 nodes, selection is free)
  let dimmed = false;
  function highlight(id) {
    const keep = new Set(network.getConnectedNodes(id));
    keep.add(id);
    network.selectNodes([...keep]);
    if (data.large) return;
    nodes.update(data.nodes.map((n) => ({
      id: n.id,
      color: keep.has(n.id) ? style(n.type).color : DIM,
      font: { color: keep.has(n.id) ? "#222" : "#bbb" },
    })));
    dimmed = true;
  }
  function clearHighlight() {
    if (!dimmed) return;
    nodes.update(data.nodes.map((n) => ({ id: n.id, color: style(n.type).color, font: { color: "#222" } })));
    dimmed = false;
  }

  // ---- side panel
  const panel = document.getElementById("panel");
  const body = document.getElementById("panel-body");
  document.getElementById("panel-close").addEventListener("click", () => { panel.hidden = true; });

  function field(dl, name, value) {
    if (value === undefined || value === null || value === "") return;
    dl.append(el("dt", name), el("dd", value));
  }
  function marked(sentence, text) {
    const p = el("p");
    const i = text ? sentence.indexOf(text) : -1;
    if (i < 0) { p.textContent = sentence; return p; }
    p.append(document.createTextNode(sentence.slice(0, i)), el("mark", text),
      document.createTextNode(sentence.slice(i + text.length)));
    return p;
  }
  function evidenceList(title, items, total, render) {
    if (!items.length) return;
    body.append(el("h3", `${title} (${total})`));
    const ol = el("ol");
    for (const item of items) {
      const li = el("li");
      li.append(el("small", item.doc), render(item));
      ol.append(li);
    }
    body.append(ol);
    if (total > items.length) body.append(el("p", `… ${total - items.length} more not shown`));
  }
  function showNode(n) {
    body.replaceChildren(el("h2", n.name), el("p", n.type, "type"));
    const dl = el("dl");
    field(dl, "Aliases", n.aliases.join("、"));
    field(dl, "Division code", n.code);
    field(dl, "Mentions", n.count);
    field(dl, "Id", n.key);
    body.append(dl);
    if (n.docs.length) {
      body.append(el("h3", `Documents (${n.docs_total})`));
      const ul = el("ul");
      for (const d of n.docs) ul.append(el("li", d));
      body.append(ul);
    }
    evidenceList("Evidence", n.mentions, n.mentions_total, (m) => marked(m.sentence, m.text));
    panel.hidden = false;
  }
  function showEdge(e) {
    body.replaceChildren(el("h2", e.type), el("p",
      `${nodeById.get(e.from).name} → ${nodeById.get(e.to).name}`, "type"));
    const dl = el("dl");
    field(dl, "Weight", e.weight);
    field(dl, "Role", e.role);
    field(dl, "PMI", e.pmi);
    body.append(dl);
    evidenceList("Evidence", e.evidence, e.evidence_total, (ev) => el("p", ev.text));
    panel.hidden = false;
  }

  network.on("click", (params) => {
    if (params.nodes.length) {
      const n = nodeById.get(params.nodes[0]);
      highlight(n.id);
      showNode(n);
    } else if (params.edges.length) {
      clearHighlight();
      showEdge(edgeById.get(params.edges[0]));
    } else {
      clearHighlight();
      panel.hidden = true;
    }
  });

  // ---- search by name or alias: exact, then prefix, then substring; most mentioned wins
  const searchIndex = data.nodes.map((n) => [n, [n.name, ...n.aliases].map((s) => s.toLowerCase())]);
  const names = document.getElementById("names");
  for (const name of [...new Set(data.nodes.flatMap((n) => [n.name, ...n.aliases]))].sort()) {
    const option = el("option");
    option.value = name;
    names.append(option);
  }
  function find(query) {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    let best = null;
    let bestRank = 3;
    for (const [n, keys] of searchIndex) {
      const rank = keys.includes(q) ? 0 : keys.some((k) => k.startsWith(q)) ? 1
        : keys.some((k) => k.includes(q)) ? 2 : 3;
      if (rank < bestRank || (rank === bestRank && rank < 3 && n.count > best.count)) {
        best = n;
        bestRank = rank;
      }
    }
    return best;
  }
  const search = document.getElementById("search");
  const status = document.getElementById("search-status");
  function runSearch() {
    const n = find(search.value);
    status.textContent = search.value.trim() && !n ? "not found" : "";
    if (!n) return;
    if (hiddenTypes.has(n.type)) {
      hiddenTypes.delete(n.type);
      typeBoxes.get(n.type).checked = true;
      applyFilters();
    }
    network.focus(n.id, { scale: Math.max(network.getScale(), 1), animation: false });
    highlight(n.id);
    showNode(n);
  }
  document.getElementById("search-form").addEventListener("submit", (ev) => { ev.preventDefault(); runSearch(); });
  search.addEventListener("change", runSearch);

  window.govgraph = { network, nodes, edges, find }; // for debugging and tests
})();
