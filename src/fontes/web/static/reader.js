// Reader: toggle each kind of highlight, open a note from its marker, and show what a clicked
// claim or name is linked to in the side panel.
"use strict";
(() => {
  const text = document.getElementById("text");
  const panel = document.getElementById("selection");
  document.querySelectorAll("[data-toggle]").forEach((box) => {
    box.addEventListener("change", () => text.classList.toggle(`hide-${box.dataset.toggle}`, !box.checked));
  });

  function openNote(id) {
    document.querySelectorAll(".note.open").forEach((n) => n.classList.remove("open"));
    const note = document.getElementById(id);
    if (!note) return;
    note.classList.add("open");
    note.scrollIntoView({ block: "nearest" });
  }

  text.addEventListener("click", async (event) => {
    const piece = event.target.closest("[data-keys]");
    if (!piece) return;
    if (piece.dataset.note) {
      event.preventDefault();
      openNote(piece.dataset.note);
      return;
    }
    const keys = piece.dataset.keys.split(" ");
    const entity = keys.find((k) => /^e\d+$/.test(k)) && !text.classList.contains("hide-entity")
      ? keys.find((k) => /^e\d+$/.test(k)) : null;
    const claim = keys.find((k) => /^c\d+$/.test(k));
    try {
      if (entity) fontes.entityPanel(panel, await fontes.getJSON(`/api/entities/${entity.slice(1)}`));
      else if (claim) fontes.claimPanel(panel, await fontes.getJSON(`/api/claims/${claim.slice(1)}`));
      else return;
      text.querySelectorAll(".selected").forEach((n) => n.classList.remove("selected"));
      const key = entity || claim;
      text.querySelectorAll("[data-keys]").forEach((n) => {
        if (n.dataset.keys.split(" ").includes(key)) n.classList.add("selected");
      });
    } catch (error) {
      panel.replaceChildren(fontes.el("p", { class: "error", text: String(error) }));
    }
  });

  if (location.hash.startsWith("#n")) openNote(location.hash.slice(1));
})();
