// Timeline: dated statements from /api/timeline drawn with vis-timeline. It opens on the span that
// holds most of the dates (the server picks it), clusters close items until one zooms in, draws
// imprecise times as ranges and open-ended ones with an arrow, and never shows a label cut off:
// a label that does not fit its range or the view is hidden (its item keeps it as a tooltip).
"use strict";
(async () => {
  const box = document.getElementById("timeline");
  const status = document.getElementById("timeline-status");
  const selection = document.getElementById("timeline-selection");
  const reach = document.getElementById("timeline-reach");
  document.querySelectorAll("#timeline-filters select").forEach((s) =>
    s.addEventListener("change", () => s.form.submit()));
  if (typeof vis === "undefined") { status.textContent = "The timeline viewer is not installed."; return; }
  // vis-timeline 8.5 checks whether a new cluster is in view before the cluster has a width, finds
  // NaN, and never draws it: a cluster not drawn yet counts as zero pixels wide.
  const Cluster = vis.timeline.components.items.ClusterItem;
  if (!Cluster.prototype.fontesPatched) {
    const visible = Cluster.prototype.isVisible;
    Cluster.prototype.isVisible = function (range) { return visible.call(Object.assign(this, { width: this.width || 0 }), range); };
    Cluster.prototype.fontesPatched = true;
  }
  const data = await fontes.getJSON(box.dataset.src);
  if (!data.items.length) { status.textContent = "No dated statements match."; return; }
  const shown = (item) => item.open === "start" ? `← ${item.content}` : item.open === "end" ? `${item.content} →` : item.content;
  const items = new vis.DataSet(data.items.map((item) => ({
    id: item.id,
    content: fontes.el("span", { text: shown(item) }),   // an element, so the text is never read as HTML
    start: item.start,
    end: item.end || undefined,
    group: item.group || undefined,
    type: item.end ? "range" : "point",
    title: `${item.label} · ${item.document}: ${item.sentence}`,
    className: [item.approximate ? "approximate" : "", item.open ? `open open-${item.open}` : "",
      `precision-${item.precision}`].join(" "),
  })));
  const byId = new Map(data.items.map((item) => [item.id, item]));
  const options = {
    stack: true, zoomable: true, moveable: true, maxHeight: 560, tooltip: { followMouse: true },
    xss: { disabled: false }, orientation: { axis: "top" },
    cluster: { maxItems: 3, showStipes: true, fitOnDoubleClick: true,
      titleTemplate: "{count} dated statements close together: zoom in or double-click to see them" },
  };
  if (data.window) Object.assign(options, { start: data.window.start, end: data.window.end });
  // The items are given once the timeline (and its lanes) exist: vis-timeline 8.5 builds its clusters
  // when items arrive, and clusters built before the lanes exist belong to none and are never drawn.
  const timeline = data.lanes.length
    ? new vis.Timeline(box, null, new vis.DataSet(data.lanes.map((lane) => ({ id: lane.id, content: lane.content }))), options)
    : new vis.Timeline(box, null, options);
  timeline.setItems(items);
  // and places them only when the lanes are stacked again, after the first drawing has measured the view
  let placed = false;
  timeline.on("changed", () => {
    if (placed) return;
    placed = true;
    timeline.itemSet.markDirty({ restackGroups: true });
    timeline.redraw();
    box.dataset.ready = "true";
  });

  // Hide what would be cut: a range's label wider than the range, or any label running past the view.
  const centre = () => box.querySelector(".vis-panel.vis-center").getBoundingClientRect();
  function hideCutLabels() {
    const view = centre();
    box.querySelectorAll(".vis-item").forEach((node) => {
      const content = node.querySelector(".vis-item-content");
      if (!content) return;
      node.classList.remove("label-hidden");
      const label = content.getBoundingClientRect();
      const frame = node.classList.contains("vis-range") ? node.getBoundingClientRect() : view;
      const cut = label.left < Math.max(frame.left, view.left) - 1 || label.right > Math.min(frame.right, view.right) + 1;
      if (cut && label.right > view.left && label.left < view.right) node.classList.add("label-hidden");
    });
  }
  timeline.on("changed", hideCutLabels);

  const w = data.window;
  if (w && (w.before || w.after)) {
    const button = (text, start, end) => {
      const b = fontes.el("button", { type: "button", text });
      b.addEventListener("click", () => timeline.setWindow(start, end, { animation: false }));
      return b;
    };
    fontes.fill(reach,
      w.before ? button(`← ${w.before} earlier (from ${w.earliest.slice(0, 4)})`, w.earliest, w.start) : null,
      button("where most dates are", w.start, w.end),
      button("everything", w.earliest, w.latest),
      w.after ? button(`${w.after} later (to ${w.latest.slice(0, 4)}) →`, w.end, w.latest) : null);
  }
  status.textContent = `${data.items.length} dated statements` +
    (w ? `; the view opens on ${w.holds} of them (${w.start} to ${w.end})` : "") +
    (data.truncated ? ` (the first ${data.cap}; filter by entity or document to see the rest)` : "") + ".";
  timeline.on("select", ({ items: chosen }) => {
    const item = byId.get(chosen[0]);
    if (!item) {  // a cluster: say what it holds and how to open it
      if (chosen.length) selection.replaceChildren(fontes.el("p", { class: "hint",
        text: "Several dated statements close together: zoom in, or double-click the group, to see them one by one." }));
      return;
    }
    selection.replaceChildren(
      fontes.el("h2", { text: `${item.content} (${item.label})` }),
      fontes.el("blockquote", { class: "quote" }, fontes.el("a", { href: item.link, text: `“${item.sentence}”` }),
        fontes.el("footer", { text: `${item.document} · d${item.doc_id}` })));
  });
  window.fontesTimeline = timeline;
})();
