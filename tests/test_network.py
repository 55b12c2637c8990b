"""The entity network: one entity's neighbourhood, communities, the search behind the network's box,
and what claims naming two entities have one of them do."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from fontes import network
from fontes.web import views
from fontes.web.app import create_app


@pytest.fixture(scope="module")
def client(sample_store) -> TestClient:
    return TestClient(create_app(sample_store.path))


def test_an_ego_network_holds_the_entity_and_only_its_neighbours(sample_store):
    soviet = sample_store.entity_named("Soviet Union")["id"]
    g = network.ego(sample_store, soviet, depth=1)
    assert g.nodes[soviet]["ego"] and g.nodes[soviet]["step"] == 0
    assert len(g) > 3 and all(n == soviet or g.has_edge(soviet, n) for n in g.nodes)
    wider = network.ego(sample_store, soviet, depth=2)
    assert set(g.nodes) <= set(wider.nodes)
    assert {wider.nodes[n]["step"] for n in wider.nodes} <= {0, 1, 2}


def test_every_entity_gets_a_community_and_the_largest_is_numbered_first(sample_store):
    g = network.graph(sample_store)
    sizes = {}
    for n in g.nodes:
        sizes[g.nodes[n]["community"]] = sizes.get(g.nodes[n]["community"], 0) + 1
    assert sorted(sizes) == list(range(len(sizes)))
    assert sizes[0] == max(sizes.values())


def test_a_stated_relation_names_one_of_the_two_entities_as_the_doer(sample_store):
    g = network.graph(sample_store)
    for a, b, attrs in g.edges(data=True):
        for part in attrs.get("stated", "").split("; ") if attrs.get("stated") else []:
            doer, verbs = part.rsplit(": ", 1)
            assert doer in (g.nodes[a]["label"], g.nodes[b]["label"]) and verbs


def test_a_small_network_is_shown_whole_and_a_named_entity_opens_its_neighbourhood(sample_store):
    assert views.network(sample_store)["ego"] is None  # the sample is small enough to read whole
    korea = sample_store.entity_named("Korea")["id"]
    data = views.network(sample_store, entity_id=korea)
    assert data["ego"] == {"id": korea, "name": "Korea", "depth": 1}
    assert {n["data"]["id"] for n in data["nodes"]} >= {f"e{korea}"}


def test_the_search_finds_entities_by_part_of_a_name_or_alias(client, sample_store):
    found = client.get("/api/entities", params={"q": "soviet"}).json()["entities"]
    assert sample_store.entity_named("Soviet Union")["name"] in [e["name"] for e in found]
    assert client.get("/api/entities", params={"q": "%"}).json()["entities"] == []  # a wildcard is a character
    assert client.get("/api/network", params={"entity": 999999}).status_code == 404
