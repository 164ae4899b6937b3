// Lays out graphs with Graphviz's `dot` (the reference for layered drawings), compiled to
// WebAssembly (npm @viz-js/viz, pinned): the same layout on every machine, nothing installed.
//
// Usage: node graphviz_layout.mjs < graphs.json > layouts.json
//   graphs.json is {name: DOT source}; layouts.json is {name: Graphviz's JSON output}.

import { instance } from "@viz-js/viz";

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const graphs = JSON.parse(Buffer.concat(chunks).toString("utf-8"));
const viz = await instance();
const layouts = {};
for (const [name, dot] of Object.entries(graphs)) {
  const result = viz.render(dot, { format: "json" });
  if (result.status !== "success") {
    console.error(`${name}: ${result.errors.map((error) => error.message).join("; ")}`);
    process.exit(1);
  }
  layouts[name] = JSON.parse(result.output);
}
process.stdout.write(JSON.stringify(layouts));
