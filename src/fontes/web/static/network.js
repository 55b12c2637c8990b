// Network: entities and co-occurrence from /api/network drawn with Cytoscape.js.
"use strict";
(async () => {
  const box = document.getElementById("cy");
  const status = document.getElementById("network-status");
  const panel = document.getElementById("selection");
  if (typeof cytoscape === "undefined") { status.textContent = "The network viewer is not installed."; return; }
  const data = await fontes.getJSON(box.dataset.src);
  if (!data.nodes.length) { status.textContent = "No entities match."; return; }
  const most = Math.max(...data.nodes.map((n) => n.data.mentions));
  const heaviest = Math.max(1, ...data.edges.map((e) => e.data.weight));
  const colours = { PERSON: "#b5523b", GPE: "#3b6fb5", NORP: "#6d8f3a", ORG: "#8a5fb0", LOC: "#2f8f8a", FAC: "#9a7a2b" };
  const cy = cytoscape({
    container: box,
    elements: [...data.nodes, ...data.edges],
    style: [
      { selector: "node", style: {
        label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3, color: "#222",
        width: (n) => 14 + 36 * Math.sqrt(n.data("mentions") / most), height: (n) => 14 + 36 * Math.sqrt(n.data("mentions") / most),
        "background-color": (n) => colours[n.data("type")] || "#777" } },
      { selector: "edge", style: { width: (e) => 1 + 5 * e.data("weight") / heaviest, "line-color": "#bbb", opacity: 0.7 } },
      { selector: ":selected", style: { "border-width": 3, "border-color": "#111" } },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 40000, idealEdgeLength: () => 120 },
  });
  status.textContent = `${data.nodes.length} entities, ${data.edges.length} links` +
    (data.nodes.length >= data.limit ? ` (the ${data.limit} most mentioned)` : "") + ".";
  cy.on("tap", "node", async (event) => {
    const entity = await fontes.getJSON(`/api/entities/${event.target.id().slice(1)}`);
    fontes.entityPanel(panel, entity);
  });
  box.dataset.ready = "true";
  window.fontesNetwork = cy;
})();
