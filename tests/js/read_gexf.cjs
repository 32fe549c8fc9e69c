// Reads a GEXF file with graphology-gexf (the parser used by sigma.js/Gephi Lite)
// and prints what it saw as JSON, for tests/test_export_gexf.py to compare.
'use strict';
const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');

const graph = gexf.parse(Graph, fs.readFileSync(process.argv[2], 'utf8'));
const out = {
  type: graph.type,
  multi: graph.multi,
  order: graph.order,
  size: graph.size,
  nodes: {},
  edges: [],
};
graph.forEachNode((key, attrs) => { out.nodes[key] = attrs; });
graph.forEachEdge((key, attrs, source, target, _sa, _ta, undirected) => {
  out.edges.push({ key, source, target, undirected, attributes: attrs });
});
process.stdout.write(JSON.stringify(out));
