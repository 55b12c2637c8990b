// Figure histories: each reported value of a quantity, with its bounds, against the date of the
// report, one colour per source. Drawn as SVG into every <figure class="figure-history"> whose
// data-history the server filled (see histories.py); every text is set as text, never as markup.
"use strict";
(() => {
  const SVG = "http://www.w3.org/2000/svg";
  const colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#332288", "#999933"];
  const W = 600, H = 230, M = { left: 78, right: 18, top: 14, bottom: 42 };

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }
  const day = (iso) => Date.parse(`${iso}T00:00:00Z`);
  const number = (v) => v >= 1e6 ? `${+(v / 1e6).toPrecision(3)}M` : v >= 1e4 ? `${+(v / 1e3).toPrecision(3)}k` : `${+v.toPrecision(4)}`;

  function draw(figure, history) {
    const points = history.points;
    const t0 = day(points[0].day), t1 = day(points[points.length - 1].day);
    const values = points.flatMap((p) => [p.value, p.low, p.high]).filter((v) => v !== null && v !== undefined);
    const top = Math.max(...values), bottom = Math.min(0, ...values);
    // a log scale when the figures span more than two orders of magnitude, so the small ones stay visible
    const positive = values.filter((v) => v > 0);
    const log = bottom >= 0 && positive.length && top / Math.min(...positive) > 100;
    const lo = log ? Math.log10(Math.min(...positive)) - 0.2 : bottom, hi = log ? Math.log10(top) + 0.2 : top * 1.12 || 1;
    const y = (v) => {
      const at = log ? Math.log10(Math.max(v, 10 ** lo)) : v;
      return H - M.bottom - (at - lo) / (hi - lo) * (H - M.top - M.bottom);
    };
    const pad = Math.max(86400000, (t1 - t0) * 0.06);
    const x = (iso) => M.left + (day(iso) - t0 + pad) / (t1 - t0 + 2 * pad) * (W - M.left - M.right);  // by report day
    const colour = new Map(history.sources.map((s, i) => [s, colours[i % colours.length]]));
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", class: "history-chart",
      "aria-label": `Reported figures for ${history.measure} by report date` });
    // axes: the first and last report days and the days between when there is room; three values
    chart.append(svg("line", { x1: M.left, y1: H - M.bottom, x2: W - M.right, y2: H - M.bottom, class: "axis" }),
      svg("line", { x1: M.left, y1: M.top, x2: M.left, y2: H - M.bottom, class: "axis" }));
    const days = [...new Set(points.map((p) => p.day))];
    let lastRight = -Infinity;
    days.forEach((d) => {
      const at = x(d);
      if (at - 40 < lastRight && d !== days[days.length - 1]) return;
      lastRight = at + 40;
      chart.append(svg("line", { x1: at, y1: H - M.bottom, x2: at, y2: H - M.bottom + 4, class: "axis" }),
        svg("text", { x: at, y: H - M.bottom + 17, "text-anchor": "middle", class: "tick" },
          points.find((p) => p.day === d).reported));
    });
    const ticks = log ? [10 ** Math.ceil(lo), 10 ** Math.floor((lo + hi) / 2), 10 ** Math.floor(hi)] : [bottom, (bottom + top) / 2, top];
    [...new Set(ticks)].forEach((v) => chart.append(
      svg("line", { x1: M.left - 4, y1: y(v), x2: W - M.right, y2: y(v), class: "grid" }),
      svg("text", { x: M.left - 7, y: y(v) + 4, "text-anchor": "end", class: "tick" }, number(v))));
    // one line per source through its values in report order, then each report with its bounds
    for (const source of history.sources) {
      const mine = points.filter((p) => p.source === source);
      if (mine.length > 1) chart.append(svg("polyline", { points: mine.map((p) => `${x(p.day)},${y(p.value)}`).join(" "),
        fill: "none", stroke: colour.get(source), "stroke-width": 1.5, "stroke-opacity": 0.6 }));
    }
    points.forEach((p) => {
      const cx = x(p.day), c = colour.get(p.source);
      const mark = svg("a", { href: p.link, class: "report" });
      if (p.low !== p.high) {  // a range, a hedge or an open bound ("more than 51"): drawn to the edge when open
        const y1 = p.high === null ? M.top : y(p.high), y2 = p.low === null ? H - M.bottom : y(p.low);
        mark.append(svg("line", { x1: cx, y1, x2: cx, y2, stroke: c, "stroke-width": 3, "stroke-opacity": 0.45,
          "stroke-dasharray": p.high === null || p.low === null ? "4 3" : "" }));
      }
      mark.append(svg("circle", { cx, cy: y(p.value), r: 5, fill: c, stroke: "#fff" },
        svg("title", {}, `${p.label}: ${p.source}, reported ${p.reported} (“${p.text}”)`)));
      chart.append(mark);
    });
    const legend = fontes.el("ul", { class: "history-legend" }, history.sources.map((s) =>
      fontes.el("li", {}, fontes.el("span", { class: "swatch", style: `background:${colour.get(s)}` }), s)));
    fontes.fill(figure, chart, legend, fontes.el("figcaption", {
      text: `Each reported figure (${history.measure}), by the day it was reported (a bar: the values a hedged or bounded ` +
        `figure allows; dashed: open-ended). The figure ${history.trend}.` }));
    figure.dataset.drawn = "true";
  }

  document.querySelectorAll("figure.figure-history[data-history]").forEach((figure) => {
    draw(figure, JSON.parse(figure.dataset.history));
  });
})();
