"""The web interface's server side, through its real ASGI app and HTTP: pages and JSON API agree with
the store, offsets hold, a source's markup is shown and never run, no request reaches a file outside
the store, and uploads are checked before they are kept."""
from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import time

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLES, FIXTURES, build_store
from fontes.export import annotations
from fontes.web import markdown
from fontes.web.app import create_app

HOSTILE = FIXTURES / "hostile"


@pytest.fixture(scope="module")
def client(sample_store) -> TestClient:
    return TestClient(create_app(sample_store.path))


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("hostile"), [HOSTILE])


def doc_id(store, name: str) -> int:
    return next(d["id"] for d in store.documents() if d["path"].endswith(name))


def test_every_page_renders_with_real_data(client, sample_store):
    essay = doc_id(sample_store, "review-essay.pdf")
    pages = {"/": "Counting the Invisible", f"/doc/{essay}": "Notes on this page", "/timeline": "Timeline",
             "/network": "Network", "/conflicts": "conflict", "/agreements": "corroboration",
             "/archives": "Central Archive of the Ministry of Defense", "/ask?q=How+many+Soviet+pilots": "pilots"}
    for path, expected in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert expected in response.text, path
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_reader_pieces_rebuild_the_text_and_carry_offsets(client, sample_store):
    essay = doc_id(sample_store, "review-essay.pdf")
    text = sample_store.text_of(essay)
    data = client.get(f"/api/documents/{essay}").json()
    assert "".join(p["text"] for p in data["pieces"]) == text[data["paging"]["start"]:data["paging"]["end"]]
    for piece in data["pieces"]:
        assert text[piece["start"]:piece["start"] + len(piece["text"])] == piece["text"]
    claim = next(c for c in sample_store.claims(doc_id=essay) if "1,097" in c["text"])
    marked = client.get(f"/api/documents/{essay}?mark={claim['start']}-{claim['end']}").json()
    target = [p for p in marked["pieces"] if "target" in p["marks"]]
    assert "".join(p["text"] for p in target) == text[claim["start"]:claim["end"]]
    page = client.get(f"/doc/{essay}?mark={claim['start']}-{claim['end']}").text
    assert 'id="target"' in page and page.count('id="target"') == 1


def test_markdown_lines_take_their_role_and_markup_is_hidden_where_it_stands():
    text = ("# The Long Tour #\n\nThe envoys met in *August* 1957 and signed **two protocols** on\n"
            "snake_case_file and 2 * 3:\n\n- river transport\n- the `fond *12*` papers\n1. first reading\n"
            "> Quoted from the [minutes](http://example.org/m).\n")
    roles, styles = markdown.read(text, (0, len(text)))
    assert [(text[r.start:r.end], r.role) for r in roles] == [
        ("# The Long Tour #\n", "h1"), ("- river transport\n", "item"), ("- the `fond *12*` papers\n", "item"),
        ("1. first reading\n", "numbered"), ("> Quoted from the [minutes](http://example.org/m).\n", "quote")]
    assert [(text[s.start:s.end], s.name) for s in sorted(styles, key=lambda s: (s.start, -s.end))] == [
        ("# ", "md-markup"), (" #", "md-markup"), ("*August*", "md-em"), ("*", "md-markup"), ("*", "md-markup"),
        ("**two protocols**", "md-strong"), ("**", "md-markup"), ("**", "md-markup"), ("- ", "md-markup"),
        ("- ", "md-markup"), ("`fond *12*`", "md-code"), ("`", "md-markup"), ("`", "md-markup"), ("> ", "md-markup"),
        ("[minutes](http://example.org/m)", "md-link"), ("[", "md-markup"), ("](http://example.org/m)", "md-markup")]


def test_the_reader_renders_a_markdown_source_and_keeps_every_offset(client, sample_store):
    entry = doc_id(sample_store, "encyclopedia-entry.md")
    text = sample_store.text_of(entry)
    page = client.get(f"/doc/{entry}").text
    # the heading is the unit's name, ordinal included
    assert '<h2 class="md-h1"><span class="md-markup"># </span><span class="entity" data-keys="e' in page
    assert 'title="64th Fighter Aviation Corps (ORG)">64th Fighter Aviation Corps</span>\n</h2>' in page
    assert '<h3 class="md-h2"><span class="md-markup">## </span>Strength\n</h3>' in page
    data = client.get(f"/api/documents/{entry}").json()
    assert "".join(p["text"] for p in data["pieces"]) == text[data["paging"]["start"]:data["paging"]["end"]]
    for piece in data["pieces"]:
        assert text[piece["start"]:piece["start"] + len(piece["text"])] == piece["text"]
    assert "".join(p["text"] for p in data["pieces"] if "md-strong" in p["styles"]) == "**64th Fighter Aviation Corps**"
    assert [text[b["start"]:b["end"]] for b in data["blocks"] if b["role"]] == [
        "# 64th Fighter Aviation Corps\n", "## Strength\n", "## Combat record\n", "## Legacy\n"]
    claim = next(c for c in sample_store.claims(doc_id=entry) if "**" in c["text"])
    marked = client.get(f"/api/documents/{entry}?mark={claim['start']}-{claim['end']}").json()
    assert "".join(p["text"] for p in marked["pieces"] if "target" in p["marks"]) == claim["text"]


def test_long_document_is_read_a_page_at_a_time(tmp_path):
    paragraph = "The regiment moved north in March 1951 with about 40 aircraft and stayed until the autumn.\n"
    (tmp_path / "long.txt").write_text(paragraph * 1500, encoding="utf-8")
    store = build_store(tmp_path, [tmp_path / "long.txt"])
    client = TestClient(create_app(store.path))
    first = client.get("/api/documents/1").json()
    assert first["paging"]["pages"] > 1 and len("".join(p["text"] for p in first["pieces"])) < 50_000
    last = client.get(f"/api/documents/1?mark={len(paragraph) * 1499}-{len(paragraph) * 1500}").json()
    assert last["paging"]["page"] == first["paging"]["pages"]


def test_claim_detail_links_the_other_sources(client, sample_store):
    group = sample_store.alignments(relation="conflict")[0]
    first = group["claims"][0]
    data = client.get(f"/api/claims/{first['id']}").json()
    assert data["claim"]["attribution"] and data["claim"]["link"].startswith(f"/doc/{first['doc_id']}?mark=")
    assert any(g["relation"] == "conflict" and {c["id"] for c in g["claims"]} == {c["id"] for c in group["claims"]}
               for g in data["alignments"])


def test_timeline_draws_imprecise_times_as_ranges(client, sample_store):
    items = client.get("/api/timeline").json()["items"]
    assert items
    years = [i for i in items if i["precision"] == "year" and not i["open"]]
    assert years and all(i["end"] and i["end"] > i["start"] for i in years)
    closed = [i for i in items if not i["open"]]
    assert all((i["end"] is None) == (i["earliest"] == i["latest"]) for i in closed)
    assert any(i["end"] is None for i in closed)
    korea = sample_store.entity_named("Korea")["id"]
    narrowed = client.get(f"/api/timeline?entity={korea}&doc=").json()["items"]
    assert 0 < len(narrowed) < len(items)


def test_network_and_entity(client, sample_store):
    data = client.get("/api/network?type=GPE").json()
    assert data["nodes"] and all(n["data"]["type"] == "GPE" for n in data["nodes"])
    ids = {n["data"]["id"] for n in data["nodes"]}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in data["edges"])
    soviet = sample_store.entity_named("Soviet Union")
    entity = client.get(f"/api/entities/{soviet['id']}").json()
    assert entity["name"] == soviet["name"] and entity["claims"] and entity["mentions"] >= len(entity["documents"])
    # why its mentions were merged: "Soviet Union", "USSR" and acting "Moscow" through the gazetteer
    assert entity["merged_by"].startswith("gazetteer ")
    assert "Mentions merged by: gazetteer" in client.get(f"/entity/{soviet['id']}").text


def test_alignments_are_paged_and_filtered(client, sample_store):
    conflicts = client.get("/api/alignments?relation=conflict").json()
    assert conflicts["paging"]["total"] == len(sample_store.alignments(relation="conflict"))
    assert all(g["relation"] == "conflict" and len(g["claims"]) >= 2 for g in conflicts["groups"])
    assert client.get("/api/alignments?relation=nonsense").status_code == 422


def test_ask_answers_with_quotes(client):
    data = client.get("/api/ask", params={"q": "How many Soviet pilots served in Korea?"}).json()
    quotes = [c for p in data["positions"] for c in p["claims"]]
    assert quotes and all(c["link"].startswith("/doc/") for c in quotes)
    assert data["conflict"] is True


def test_openapi_documents_the_api(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/timeline", "/api/network", "/api/alignments",
                 "/api/archives", "/api/ask", "/api/uploads", "/api/claims/{claim_id}", "/api/entities/{entity_id}"):
        assert path in spec["paths"], path


def test_source_markup_is_escaped(hostile_store):
    client = TestClient(create_app(hostile_store.path))
    for d in hostile_store.documents():
        page = client.get(f"/doc/{d['id']}").text
        assert "<script>window.__pwned" not in page and "<img src=x" not in page
        assert "&lt;script&gt;window.__pwned" in page or "&lt;img src=x" in page
    library = client.get("/").text
    assert "<b onmouseover" not in library and "&lt;b onmouseover" in library


def test_no_request_reads_outside_the_store(client):
    for path in ("/static/../../pyproject.toml", "/static/..%2f..%2f..%2fpyproject.toml", "/vendor/..%2fpackage.json",
                 "/vendor/package.json", "/static/%2e%2e/app.py", "/doc/..%2f..%2fetc%2fpasswd"):
        response = client.get(path)
        assert response.status_code in (404, 422), path
        assert "fontes-web-assets" not in response.text and "[project]" not in response.text


def test_uploads_are_checked_before_they_are_kept(tmp_path):
    store = build_store(tmp_path, [])
    app = create_app(store.path, max_upload=200_000)
    client = TestClient(app)

    def post(name: str, data: bytes):
        return client.post("/api/uploads", files=[("files", (name, io.BytesIO(data), "application/octet-stream"))])

    assert post("tool.exe", b"MZ\x90\x00").status_code == 415
    assert post("empty.txt", b"").status_code == 400
    assert post("big.txt", b"words " * 50_000).status_code == 413
    assert post("broken.pdf", b"%PDF-1.4\n% not really a pdf").status_code == 422
    assert post("junk.txt", bytes(range(256)) * 40).status_code == 422
    assert not any(app.state.uploads.folder.glob("*")) if app.state.uploads.folder.exists() else True
    accepted = post("../../escape.txt", (HOSTILE / "notes-with-markup.txt").read_bytes())
    assert accepted.status_code == 202
    job = accepted.json()
    assert job["files"] == ["escape.txt"]
    for _ in range(600):
        job = client.get(f"/api/jobs/{job['id']}").json()
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert job["state"] == "done" and len(job["added"]) == 1
    assert (app.state.uploads.folder / "escape.txt").is_file() and not (tmp_path.parent / "escape.txt").exists()
    assert client.get("/api/documents").json()["paging"]["total"] == 1


def test_graphml_export_opens_as_a_graph(run_cli, sample_store, tmp_path):
    out = tmp_path / "network.graphml"
    result = run_cli("export", "--format", "graphml", "-o", str(out), db=sample_store.path)
    assert result.exit_code == 0
    g = nx.read_graphml(out)
    soviet = sample_store.entity_named("Soviet Union")
    assert g.nodes[f"e{soviet['id']}"]["label"] == soviet["name"]
    assert g.number_of_edges() > 0 and all(d["weight"] >= 1 for _, _, d in g.edges(data=True))


def test_web_annotations_point_at_the_exact_words(sample_store):
    data = json.loads(json.dumps(annotations.collection(sample_store)))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) and {i["motivation"] for i in items} >= {"identifying", "describing", "linking"}
    texts = {f"urn:sha256:{sample_store.document(str(d['id']))['sha256']}": sample_store.text_of(d["id"])
             for d in sample_store.documents()}
    for item in items:
        position, quote = item["target"]["selector"]
        text = texts[item["target"]["source"]["id"]]
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert text[:position["start"]].endswith(quote["prefix"])


def test_serve_warns_when_listening_beyond_loopback(tmp_path):
    db = tmp_path / "serve.db"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "fontes", "--db", str(db), "serve", "--host", "0.0.0.0",
                                "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
    finally:
        process.kill()
        process.wait()
    assert "warning" in line and "0.0.0.0" in line
