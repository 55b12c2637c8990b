// Timeline: dated statements from /api/timeline drawn with vis-timeline; ranges for imprecise times.
"use strict";
(async () => {
  const box = document.getElementById("timeline");
  const status = document.getElementById("timeline-status");
  const selection = document.getElementById("timeline-selection");
  document.querySelectorAll("#timeline-filters select").forEach((s) =>
    s.addEventListener("change", () => s.form.submit()));
  if (typeof vis === "undefined") { status.textContent = "The timeline viewer is not installed."; return; }
  const data = await fontes.getJSON(box.dataset.src);
  if (!data.items.length) { status.textContent = "No dated statements match."; return; }
  const items = new vis.DataSet(data.items.map((item) => ({
    id: item.id,
    content: fontes.el("span", { text: item.content }),   // an element, so the text is never read as HTML
    start: item.start,
    end: item.end || undefined,
    type: item.end ? "range" : "point",
    title: `${item.document}: ${item.sentence}`,
    className: [item.approximate ? "approximate" : "", item.open ? "open" : "", `precision-${item.precision}`].join(" "),
  })));
  const byId = new Map(data.items.map((item) => [item.id, item]));
  const timeline = new vis.Timeline(box, items, {
    stack: true, zoomable: true, moveable: true, maxHeight: 520, tooltip: { followMouse: true },
    xss: { disabled: false },
  });
  status.textContent = `${data.items.length} dated statements` +
    (data.truncated ? ` (the first ${data.cap}; filter by entity or document to see the rest)` : "") + ".";
  timeline.on("select", ({ items: chosen }) => {
    const item = byId.get(chosen[0]);
    if (!item) return;
    selection.replaceChildren(
      fontes.el("h2", { text: `${item.content} (${item.edtf || item.start})` }),
      fontes.el("blockquote", { class: "quote" }, fontes.el("a", { href: item.link, text: `“${item.sentence}”` }),
        fontes.el("footer", { text: `${item.document} · d${item.doc_id}` })));
  });
  box.dataset.ready = "true";
})();
