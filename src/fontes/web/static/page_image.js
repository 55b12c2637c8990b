// Reader, PDF documents: the page that holds a clicked span, drawn from the PDF, with a box around
// each stretch of the span's glyphs (the boxes come from /api/documents/ID/boxes, in points).
"use strict";
(() => {
  const view = document.getElementById("page-view");
  const text = document.getElementById("text");
  if (!view || !text) return;
  const frame = view.querySelector(".page-frame");
  const image = frame.querySelector("img");
  const layer = frame.querySelector(".page-boxes");
  const status = document.getElementById("page-status");

  // The stretch of pieces carrying `key` around the clicked one, joined where their offsets meet.
  function spanOf(piece, key) {
    const all = [...text.querySelectorAll("[data-keys]")].filter((n) => n.dataset.keys.split(" ").includes(key));
    let lo = all.indexOf(piece);
    let hi = lo;
    while (lo > 0 && all[lo - 1].dataset.end === all[lo].dataset.start) lo -= 1;
    while (hi < all.length - 1 && all[hi + 1].dataset.start === all[hi].dataset.end) hi += 1;
    return [Number(all[lo].dataset.start), Number(all[hi].dataset.end)];
  }

  // The mark the reader's panel shows for a click: a visible name first, then a claim, else any.
  function keyOf(piece) {
    const keys = piece.dataset.keys.split(" ");
    const entity = keys.find((k) => /^e\d+$/.test(k));
    if (entity && !text.classList.contains("hide-entity")) return entity;
    return keys.find((k) => /^c\d+$/.test(k)) || keys[0];
  }

  async function show(start, end) {
    const response = await fetch(`/api/documents/${view.dataset.doc}/boxes?start=${start}&end=${end}`,
      { headers: { Accept: "application/json" } });
    const data = await response.json();
    if (!response.ok) {
      frame.hidden = true;
      status.textContent = data.detail || `no page image (${response.status})`;
      return;
    }
    const page = data.pages.find((p) => p.boxes.length) || data.pages[0];
    if (!page) return;
    layer.replaceChildren(...page.boxes.map(([left, top, right, bottom]) => {
      const box = fontes.el("div", { class: "page-box" });
      Object.assign(box.style, {
        left: `${(100 * left) / page.width}%`, top: `${(100 * top) / page.height}%`,
        width: `${(100 * (right - left)) / page.width}%`, height: `${(100 * (bottom - top)) / page.height}%`,
      });
      return box;
    }));
    if (image.getAttribute("src") !== page.image) image.src = page.image;
    view.dataset.page = page.page;
    const more = data.pages.filter((p) => p !== page && p.boxes.length).map((p) => p.page);
    status.textContent = `Page ${page.page} of the PDF` + (more.length ? ` (continues on ${more.join(", ")})` : "");
    frame.hidden = false;
    layer.firstChild?.scrollIntoView({ block: "nearest" });
  }

  text.addEventListener("click", (event) => {
    const piece = event.target.closest("[data-keys]");
    if (piece) show(...spanOf(piece, keyOf(piece))).catch((error) => { status.textContent = String(error); });
  });
  if (view.dataset.start) show(Number(view.dataset.start), Number(view.dataset.end));
})();
