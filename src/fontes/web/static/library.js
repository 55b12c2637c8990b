// Library: upload files (drop or pick), show the upload's progress, then the ingest's, then reload.
"use strict";
(() => {
  const zone = document.getElementById("upload");
  const form = document.getElementById("upload-form");
  const input = document.getElementById("files");
  const bar = document.getElementById("upload-progress");
  const status = document.getElementById("upload-status");
  const limit = Number(zone.dataset.limit);

  function send(files) {
    const tooBig = [...files].filter((f) => f.size > limit);
    if (tooBig.length) { status.textContent = `Too large: ${tooBig.map((f) => f.name).join(", ")}`; return; }
    const body = new FormData();
    [...files].forEach((f) => body.append("files", f, f.name));
    const request = new XMLHttpRequest();
    request.open("POST", "/api/uploads");
    bar.hidden = false;
    request.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = (100 * e.loaded) / e.total; };
    request.onload = () => {
      const reply = JSON.parse(request.responseText || "{}");
      if (request.status !== 202) { status.textContent = `Refused: ${reply.detail}`; bar.hidden = true; return; }
      status.textContent = `Uploaded ${reply.files.join(", ")}; ingesting…`;
      bar.value = 0;
      poll(reply.id);
    };
    request.onerror = () => { status.textContent = "Upload failed: the server did not answer."; };
    request.send(body);
  }

  async function poll(id) {
    const job = await fontes.getJSON(`/api/jobs/${id}`);
    bar.value = job.total ? (100 * job.done) / job.total : 0;
    if (job.state === "done" || job.state === "failed") {
      status.textContent = job.state === "done" ? `Done: ${job.message}.` : `Ingest failed: ${job.message}`;
      job.failed.forEach(([path, reason]) => status.append(fontes.el("div", { class: "error", text: `${path}: ${reason}` })));
      if (job.added.length) setTimeout(() => location.reload(), 800);
      return;
    }
    status.textContent = `Ingesting ${job.done} of ${job.total}${job.current ? ` (${job.current})` : ""}…`;
    setTimeout(() => poll(id), 500);
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); if (input.files.length) send(input.files); });
  ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (e) => { e.preventDefault(); zone.classList.add("over"); }));
  ["dragleave", "drop"].forEach((name) => zone.addEventListener(name, (e) => { e.preventDefault(); zone.classList.remove("over"); }));
  zone.addEventListener("drop", (e) => { if (e.dataTransfer.files.length) send(e.dataTransfer.files); });
})();
