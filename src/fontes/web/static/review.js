// Review on the conflict, agreement and revision pages: confirm, reject, relabel or take back the
// decision about a group (POST/DELETE /api/alignments/ID/decision), and go through the groups with
// the keyboard: j/k next and previous, c confirm, x reject, u undo.
"use strict";
(() => {
  const groups = [...document.querySelectorAll("details.group")];
  if (!groups.length) return;
  let current = Math.max(0, groups.findIndex((g) => g.open));

  async function decide(group, decision) {
    const tools = group.querySelector(".review");
    const said = tools.querySelector(".review-said");
    const body = { decision, by: "reader" };
    if (decision === "relabel") body.relation = tools.querySelector("[data-relabel]").value;
    const response = await fetch(`/api/alignments/${tools.dataset.id}/decision`, decision === "undo"
      ? { method: "DELETE", headers: { Accept: "application/json" } }
      : { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) });
    const data = await response.json();
    if (!response.ok) { said.textContent = data.detail || "Not possible."; return; }
    const group_ = data.alignment;
    const badge = group.querySelector(".badge.decision");
    badge.className = `badge decision ${group_.status}`;
    badge.textContent = `${group_.status} by ${group_.decided_by}`;
    badge.hidden = group_.status === "machine";
    group.querySelector("summary .relation").textContent = group_.relation;
    tools.querySelector('[data-decision="undo"]').disabled = group_.status === "machine";
    said.textContent = decision === "undo" ? "Decision taken back." : `Saved: ${group_.status}` +
      (decision === "relabel" ? ` as ${group_.relation}` : "") + ".";
    group.dataset.status = group_.status;
  }

  groups.forEach((group) => group.querySelectorAll("[data-decision]").forEach((button) =>
    button.addEventListener("click", () => decide(group, button.dataset.decision))));

  function go(step) {
    current = Math.min(groups.length - 1, Math.max(0, current + step));
    groups.forEach((g, i) => { g.classList.toggle("current", i === current); });
    groups[current].open = true;
    groups[current].scrollIntoView({ block: "nearest" });
  }
  const keys = { j: () => go(1), k: () => go(-1), c: () => decide(groups[current], "confirm"),
    x: () => decide(groups[current], "reject"), u: () => decide(groups[current], "undo") };
  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, select, textarea") || event.ctrlKey || event.metaKey || event.altKey) return;
    const action = keys[event.key];
    if (action) { event.preventDefault(); action(); }
  });
  groups[current].classList.add("current");
  document.body.dataset.review = "ready";
})();
