"""The web interface on a real corpus, in a real browser: the 183 TimeBank news texts (read from the
shared material at run time, skipped without it), ingested once for this module (about three minutes
on two busy cores), then served and driven in Debian's Chromium as in test_browser.py."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from conftest import build_store
from fontes.export import json_export
from fontes.store import Store
from test_browser import CHROMIUM, Server, browser, page, snap  # noqa: F401  (the browser fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/setup.sh test)")


@pytest.fixture(scope="module")
def timebank(tmp_path_factory, shared) -> Store:
    """The TimeBank texts as `timeml.py prepare` writes them (text, and the publication date beside
    each), ingested into a fresh store."""
    folder = tmp_path_factory.mktemp("timebank")
    texts = folder / "texts"
    subprocess.run([sys.executable, str(shared / "eval" / "timeml.py"), "prepare", str(shared / "corpora" / "timebank"),
                    str(texts)], check=True, capture_output=True)
    (texts / "gold.json").unlink()  # the scorer's answers, not a source
    return build_store(folder, [texts])


@pytest.fixture(scope="module")
def site(timebank):
    with Server(timebank.path) as url:
        yield url


def day_ms(iso: str) -> float:
    return datetime.fromisoformat(iso[:10]).replace(tzinfo=timezone.utc).timestamp() * 1000


def test_the_timeline_opens_on_most_of_the_dates_and_cuts_no_label(page, site, timebank):
    page.goto(site + "/timeline")
    page.locator("#timeline[data-ready=true]").wait_for()
    page.wait_for_timeout(500)  # the clusters are placed after the first drawing
    start, end = page.evaluate("() => { const w = fontesTimeline.getWindow(); return [w.start.valueOf(), w.end.valueOf()]; }")
    items = json.loads(page.evaluate("async () => JSON.stringify((await (await fetch('/api/timeline')).json()).items)"))
    inside = [i for i in items if start <= day_ms(i["start"]) <= end]
    assert len(items) > 500
    assert len(inside) >= 0.9 * len(items)
    assert min(i["start"] for i in items) < "1900" and day_ms(min(i["start"] for i in items)) < start  # an outlier
    labels = page.evaluate("""() => {
        const view = document.querySelector('#timeline .vis-panel.vis-center').getBoundingClientRect();
        const shown = [], cut = [];
        document.querySelectorAll('#timeline .vis-item').forEach((node) => {
          const content = node.querySelector('.vis-item-content');
          if (!content || node.classList.contains('label-hidden') || !content.textContent.trim()) return;
          const r = content.getBoundingClientRect();
          if (r.right <= view.left || r.left >= view.right || r.bottom <= view.top || r.top >= view.bottom) return;
          const frame = node.classList.contains('vis-range') ? node.getBoundingClientRect() : view;
          const text = content.textContent;
          (r.left < Math.max(frame.left, view.left) - 1 || r.right > Math.min(frame.right, view.right) + 1
            || content.scrollWidth > content.clientWidth + 1 ? cut : shown).push(text);
        });
        return {shown, cut};
    }""")
    assert labels["cut"] == []
    assert len(labels["shown"]) >= 10
    assert page.locator("#timeline .vis-cluster").count() > 0  # close items counted together at this zoom
    snap(page, "timebank-timeline")
    page.get_by_role("button", name="everything").click()
    page.wait_for_timeout(300)
    assert page.evaluate("() => fontesTimeline.getWindow().start.valueOf()") <= day_ms(min(i["start"] for i in items))
    assert not page.errors


def test_the_network_search_finds_an_entity_and_opens_its_neighbourhood(page, site, timebank):
    page.goto(site + "/network")
    page.locator("#cy[data-ready=true]").wait_for()
    assert "neighbourhood of" in page.locator("#network-status").inner_text()  # too large to show whole
    page.get_by_label("Find an entity").fill("Iraq")
    page.locator("#entity-results a", has_text="Iraq").first.wait_for()
    assert page.locator("#entity-results a").first.inner_text() == "Iraq"
    page.get_by_label("Find an entity").press("Enter")
    page.wait_for_url("**/network?entity=*")
    page.locator("#cy[data-ready=true]").wait_for()
    assert page.locator("#network-status").inner_text().startswith("The neighbourhood of Iraq (1 step out)")
    ego = page.evaluate("""() => {
        const cy = fontesNetwork, centre = cy.nodes('.ego');
        return {name: centre.data('label'), count: cy.nodes().length,
                linked: cy.nodes().every((n) => n.same(centre) || n.edgesWith(centre).length > 0),
                communities: new Set(cy.nodes().map((n) => n.data('community'))).size,
                labelled: cy.nodes('.labelled').length};
    }""")
    assert ego["name"] == "Iraq" and ego["count"] > 5 and ego["linked"]
    assert ego["communities"] > 1 and 0 < ego["labelled"] <= ego["count"]
    # hover the link whose midpoint lies farthest from every node, so no node covers it
    edge = page.evaluate("""() => {
        const cy = fontesNetwork, box = document.getElementById('cy').getBoundingClientRect();
        const clear = (p) => Math.min(...cy.nodes().map((n) => {
            const q = n.renderedPosition(); return Math.hypot(q.x - p.x, q.y - p.y) - n.renderedWidth() / 2; }));
        const best = cy.edges().max((e) => clear(e.renderedMidpoint())).ele.renderedMidpoint();
        return [box.left + best.x, box.top + best.y]; }""")
    page.mouse.move(*edge)
    page.locator("#edge-tip", has_text="named together in").wait_for(timeout=5000)
    snap(page, "timebank-network")
    assert not page.errors


def _group_with_history(site_get) -> tuple[str, int, int]:
    for relation, path in (("revision", "revisions"), ("conflict", "conflicts"), ("corroboration", "agreements")):
        page_number, pages = 1, 1
        while page_number <= pages:
            data = site_get(f"/api/alignments?relation={relation}&page={page_number}")
            pages = data["paging"]["pages"]
            for g in data["groups"]:
                if g["history"]:
                    return path, page_number, g["id"]
            page_number += 1
    raise AssertionError("no group of the TimeBank store has figures reported on several days")


def test_a_figure_history_is_drawn_for_a_figure_reported_on_several_days(page, site, timebank):
    page.goto(site + "/")
    get = lambda url: json.loads(page.evaluate(f"async () => JSON.stringify(await (await fetch('{url}')).json())"))
    path, number, group = _group_with_history(get)
    history = get(f"/api/alignments?relation={'corroboration' if path == 'agreements' else path.rstrip('s')}"
                  f"&page={number}")
    history = next(g for g in history["groups"] if g["id"] == group)["history"]
    page.goto(f"{site}/{path}?page={number}#a{group}")
    if page.locator(f"#a{group}").get_attribute("open") is None:
        page.locator(f"#a{group} summary").click()
    chart = page.locator(f"#a{group} figure.figure-history[data-drawn=true]")
    chart.wait_for()
    marks = chart.locator("circle")
    assert marks.count() == len(history["points"])
    xs = {round(float(marks.nth(i).get_attribute("cx"))) for i in range(marks.count())}
    assert len(xs) == len({p["day"] for p in history["points"]}) >= 2
    assert history["trend"] in chart.locator("figcaption").inner_text()
    snap(page, "timebank-figure-history")
    assert not page.errors


def test_the_library_of_wire_stories_finds_a_word_and_keeps_to_a_year(page, site, timebank):
    docs = timebank.citation_fields()
    holding = {s["doc_id"] for s in timebank.sentences() if re.search(r"(?<![0-9A-Za-z])hostage", s["text"], re.I)}
    holding |= {d["id"] for d in docs if "hostage" in (d["title"] or "").lower()}
    page.goto(site + "/?q=hostage")
    assert holding and page.locator("#shelf-count").inner_text() == f"{len(holding)} of {len(docs)} documents match."
    links = page.locator("table.library tbody tr td:nth-child(2) > a")
    assert {int(link.get_attribute("href").split("/")[-1]) for link in links.all()} == holding
    form = page.locator("#shelf")
    form.get_by_label("Search").fill("")
    form.get_by_label("From").fill("1998")
    form.get_by_label("To").fill("1998")
    form.get_by_label("Sort").select_option(label="date, oldest first")
    with page.expect_navigation():
        form.get_by_role("button", name="Show").click()
    in_1998 = sorted(d["published"] for d in docs if (d["published"] or "")[:4] == "1998")
    assert page.locator("#shelf-count").inner_text().startswith(f"{len(in_1998)} of {len(docs)} documents match")
    assert page.locator("table.library tbody td:nth-child(4)").all_inner_texts() == in_1998[:50]
    snap(page, "timebank-library")
    assert not page.errors


def test_a_review_decision_made_in_the_browser_is_in_the_next_export(page, site, timebank):
    page.goto(site + "/agreements")
    page.locator("body[data-review=ready]").wait_for()
    first = page.locator("details.group").first
    group = int(first.get_attribute("id")[1:])
    page.keyboard.press("x")  # reject the current (first) group
    first.locator(".badge.decision.rejected").wait_for()
    exported = {a["id"]: a for a in json_export.build(Store(timebank.path))["alignments"]}
    assert exported[f"a{group}"]["status"] == "rejected" and exported[f"a{group}"]["decided_by"] == "reader"
    page.keyboard.press("u")  # and take it back
    first.locator(".review-said", has_text="taken back").wait_for()
    exported = {a["id"]: a for a in json_export.build(Store(timebank.path))["alignments"]}
    assert exported[f"a{group}"]["status"] == "machine"
    assert not page.errors
