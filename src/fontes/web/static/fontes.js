// Shared helpers. Everything from the store is put on the page with textContent, never as HTML,
// so a source's text cannot run as script.
"use strict";
const fontes = (() => {
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key === "href") node.setAttribute("href", safeHref(value));
      else node.setAttribute(key, value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // Links the server makes are same-site paths; anything else is refused.
  function safeHref(value) {
    return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "#";
  }

  // replaceChildren, but taking nested lists and skipping what is left out (null).
  function fill(target, ...children) {
    target.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined));
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }

  function chain(links) {
    return el("ol", { class: "chain" },
      links.map((link) => el("li", {}, el("span", { class: "role", text: link.role.replace("_", " ") }), " ", link.name)));
  }

  function quote(claim) {
    return el("blockquote", { class: "quote" },
      el("a", { href: claim.link, text: `“${claim.text}”` }),
      el("footer", { text: `${claim.document || ""} · d${claim.doc_id} ${claim.start}–${claim.end} · c${claim.id}` +
        (claim.hedged ? " · hedged" : "") }));
  }

  function claimPanel(target, data) {
    const claim = data.claim;
    fill(target,
      el("h2", { text: `Claim c${claim.id}` }),
      quote(claim),
      el("h3", { text: "Says who" }), chain(claim.attribution),
      claim.time ? el("p", { text: `When: ${claim.time.edtf || claim.time.text || ""}` }) : null,
      claim.quantities.length ? el("p", { text: `Figures: ${claim.quantities.join("; ")}` }) : null,
      claim.notes.length ? el("p", { text: `Notes: ${claim.notes.join(", ")}` }) : null,
      el("h3", { text: data.alignments.length ? "Other sources on this" : "No other source is aligned with this claim" }),
      data.alignments.map((group) => el("section", { class: `group-mini ${group.relation}` },
        el("p", {}, el("span", { class: "relation", text: group.relation }), " ", el("strong", { text: group.topic }),
          `: ${group.explanation}`,
          group.shared_origin ? el("span", { class: "badge shared", text: ` shared origin: ${group.shared_origin}` }) : null),
        group.claims.filter((c) => c.id !== claim.id).map(quote))));
  }

  function entityPanel(target, entity) {
    fill(target,
      el("h2", {}, entity.name, " ", el("span", { class: "hint", text: `${entity.type} · e${entity.id}` })),
      entity.aliases.length ? el("p", { text: `Also called: ${entity.aliases.join("; ")}` }) : null,
      el("p", { text: `${entity.mentions} mentions in ${entity.documents_total} documents.` }),
      el("p", {}, el("a", { href: `/entity/${entity.id}`, text: "All about this entity" }), " · ",
        el("a", { href: `/timeline?entity=${entity.id}`, text: "on the timeline" })),
      el("h3", { text: `Claims (${entity.claims_total})` }),
      entity.claims.slice(0, 8).map(quote));
  }

  return { el, fill, getJSON, chain, quote, claimPanel, entityPanel };
})();
