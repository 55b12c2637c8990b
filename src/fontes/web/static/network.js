// Network: entities and co-occurrence from /api/network drawn with Cytoscape.js, coloured by
// community. A search box finds an entity and opens its neighbourhood; labels are drawn only where
// they do not overlap a larger entity's label; a line's weight is shown on hover.
"use strict";
(async () => {
  const box = document.getElementById("cy");
  const status = document.getElementById("network-status");
  const panel = document.getElementById("selection");
  const tip = document.getElementById("edge-tip");
  const depth = document.getElementById("filter-depth");
  setUpSearch();
  if (typeof cytoscape === "undefined") { status.textContent = "The network viewer is not installed."; return; }
  const data = await fontes.getJSON(box.dataset.src);
  if (!data.nodes.length) { status.textContent = "No entities match."; return; }
  const most = Math.max(...data.nodes.map((n) => n.data.mentions));
  const heaviest = Math.max(1, ...data.edges.map((e) => e.data.weight));
  // Colour-blind-safe qualitative colours (Okabe-Ito, then Tol), one per community, grey beyond them.
  const palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288", "#88CCEE", "#117733",
    "#AA4499", "#999933"];
  const colour = (n) => palette[n.data("community")] || "#9a9a9a";
  const size = (n) => 14 + 36 * Math.sqrt(n.data("mentions") / most);
  const ego = data.ego;
  const cy = cytoscape({
    container: box,
    elements: [...data.nodes, ...data.edges],
    minZoom: 0.2, maxZoom: 4,
    style: [
      { selector: "node", style: {
        width: size, height: size, "background-color": colour, "border-width": 1, "border-color": "#fff", label: "" } },
      { selector: "node.labelled", style: {
        label: "data(label)", "font-size": 12, "text-valign": "bottom", "text-margin-y": 3, color: "#222",
        "text-background-color": "#fff", "text-background-opacity": 0.75, "text-background-padding": 1 } },
      { selector: "node.ego", style: { "border-width": 4, "border-color": "#111", "font-weight": "bold" } },
      { selector: "edge", style: { width: (e) => 1 + 5 * e.data("weight") / heaviest, "line-color": "#c4c4c4", opacity: 0.7 } },
      { selector: "edge[stated]", style: { "line-color": "#8a6d3b", "line-style": "dashed" } },
      { selector: "edge.hover", style: { "line-color": "#333", opacity: 1 } },
      { selector: ":selected", style: { "border-width": 3, "border-color": "#111" } },
    ],
    layout: ego && ego.depth === 1
      ? { name: "concentric", animate: false, concentric: (n) => 3 - (n.data("step") ?? 2), levelWidth: () => 1,
          minNodeSpacing: 18 }
      : { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 40000, idealEdgeLength: () => 120 },
  });
  if (ego) cy.getElementById(`e${ego.id}`).addClass("ego");

  // Label the largest entities first, each only where its label overlaps no label already placed.
  function placeLabels() {
    const placed = [];
    // labels keep a readable size (12 px on screen) at any zoom; whether they fit is decided at that size
    cy.style().selector("node.labelled").style({ "font-size": 12 / cy.zoom(), "text-margin-y": 3 / cy.zoom() }).update();
    const byWeight = cy.nodes().sort((a, b) => (b.hasClass("ego") - a.hasClass("ego")) || (b.data("mentions") - a.data("mentions")));
    const view = { w: cy.width(), h: cy.height() };
    byWeight.forEach((n) => {
      const p = n.renderedPosition();
      const w = 7 * n.data("label").length + 6, h = 16, top = p.y + n.renderedHeight() / 2 + 2;
      const r = { l: p.x - w / 2, r: p.x + w / 2, t: top, b: top + h };
      const inside = r.l >= 0 && r.r <= view.w && r.b <= view.h;
      const free = placed.every((q) => r.r < q.l || r.l > q.r || r.b < q.t || r.t > q.b);
      n.toggleClass("labelled", inside && free);
      if (inside && free) placed.push(r);
    });
  }
  let pending = null;
  cy.on("viewport", () => { clearTimeout(pending); pending = setTimeout(placeLabels, 80); });
  placeLabels();

  cy.on("mouseover", "edge", (event) => {
    const edge = event.target;
    edge.addClass("hover");
    const a = edge.source().data("label"), b = edge.target().data("label");
    const n = edge.data("weight"), docs = edge.data("documents");
    tip.textContent = `${a} – ${b}: named together in ${n} sentence${n === 1 ? "" : "s"} of ${docs} document${docs === 1 ? "" : "s"}` +
      (edge.data("stated") ? `. In claims naming both, who does what: ${edge.data("stated")}` : "");
    const at = event.renderedPosition, frame = box.getBoundingClientRect();
    Object.assign(tip.style, { left: `${frame.left + window.scrollX + at.x + 12}px`, top: `${frame.top + window.scrollY + at.y + 12}px` });
    tip.hidden = false;
  });
  cy.on("mouseout", "edge", (event) => { event.target.removeClass("hover"); tip.hidden = true; });
  cy.on("tap", "node", async (event) => {
    const entity = await fontes.getJSON(`/api/entities/${event.target.id().slice(1)}`);
    fontes.entityPanel(panel, entity);
    panel.append(fontes.el("p", {}, fontes.el("a", { href: `/network?entity=${entity.id}&depth=${depth.value}`,
      text: `Centre the network on ${entity.name}` })));
  });

  const whole = fontes.el("a", { href: "/network?whole=true", text: "the whole network" });
  fontes.fill(status, ego
    ? [`The neighbourhood of ${ego.name} (${ego.depth} step${ego.depth > 1 ? "s" : ""} out): `,
       `${data.nodes.length} entities, ${data.edges.length} links, ${data.communities} communities. Or see `, whole, "."]
    : [`${data.nodes.length} entities, ${data.edges.length} links, ${data.communities} communities` +
       (data.nodes.length >= data.limit ? ` (the ${data.limit} most mentioned)` : "") + "."]);
  box.dataset.ready = "true";
  window.fontesNetwork = cy;

  // The search box: entities whose name or alias holds the text; choosing one opens its neighbourhood.
  function setUpSearch() {
    const input = document.getElementById("entity-search");
    const results = document.getElementById("entity-results");
    const chosen = document.getElementById("entity-chosen");
    depth.addEventListener("change", () => { if (chosen.value) depth.form.submit(); });
    let asked = 0;
    input.addEventListener("input", async () => {
      const mine = ++asked;
      const text = input.value.trim();
      if (text.length < 2) { results.replaceChildren(); return; }
      const found = await fontes.getJSON(`/api/entities?q=${encodeURIComponent(text)}`);
      if (mine !== asked) return;  // a later keystroke has asked again
      fontes.fill(results, found.entities.length ? found.entities.map((e) => fontes.el("li", {},
        fontes.el("a", { href: `/network?entity=${e.id}&depth=${depth.value}`, text: e.name }),
        fontes.el("span", { class: "hint", text: ` ${e.type} · ${e.mentions} mentions` })))
        : fontes.el("li", { class: "hint", text: "No entity has that name." }));
    });
    input.form.addEventListener("submit", (event) => {
      const first = results.querySelector("a");
      if (first) { event.preventDefault(); window.location.href = first.getAttribute("href"); }
      else if (!chosen.value) event.preventDefault();
    });
  }
})();
