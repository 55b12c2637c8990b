"""Entity resolution: aliases, abbreviations, short forms and metonymy become one entity."""
from __future__ import annotations

from pathlib import Path

from conftest import NEWS, WORKING_PAPER, build_store, entity_of
from fontes.export import json_export

WP, AP = WORKING_PAPER, NEWS


def entity_ids(export: dict, doc: str, text: str) -> set[str]:
    doc_id = next(d["id"] for d in export["documents"] if Path(d["path"]).name == doc)
    return {e["id"] for e in export["entities"] for m in e["mentions"] if m["doc"] == doc_id and m["text"] == text}


def test_dprk_names_are_one_entity(reference_export):
    dprk = entity_ids(reference_export, WP, "DPRK")
    assert len(dprk) == 1
    assert entity_ids(reference_export, WP, "North Korea") == dprk
    assert entity_ids(reference_export, AP, "North Korea") == dprk
    assert entity_ids(reference_export, WP, "Democratic People’s Republic of Korea") == dprk


def test_pyongyang_acting_is_the_dprk_and_as_a_place_is_the_city(reference_export):
    dprk = entity_ids(reference_export, WP, "DPRK")
    pyongyang = entity_ids(reference_export, AP, "Pyongyang")
    # "Hanoi accepted an offer by Pyongyang", "Pyongyang greeted ... coldly": the government acts
    assert pyongyang == dprk
    # "the Chinese Embassy in Pyongyang": the city
    assert entity_ids(reference_export, WP, "Pyongyang") - dprk


def test_kim_il_sung_and_kim_are_one_person(reference_export):
    kim_il_sung = entity_ids(reference_export, WP, "Kim Il Sung")
    assert len(kim_il_sung) == 1
    assert entity_ids(reference_export, WP, "Kim") <= kim_il_sung | entity_ids(reference_export, WP, "Kim Ok-sun")
    assert entity_of(reference_export, WP, "Kim", 0) in kim_il_sung
    assert entity_ids(reference_export, AP, "Kim Il Sung") == kim_il_sung


def test_north_vietnam_hanoi_and_drv_are_one_state(reference_export):
    drv = entity_ids(reference_export, WP, "DRV")
    assert len(drv) == 1
    assert entity_ids(reference_export, WP, "North Vietnam") == drv
    assert entity_ids(reference_export, AP, "North Vietnam") == drv
    assert drv & entity_ids(reference_export, AP, "Hanoi")  # "Hanoi accepted an offer"


def test_soviet_union_and_moscow_are_one_state(tmp_path):
    text = ("The Soviet Union sent advisers in 1950. Moscow agreed to send more aircraft, and the USSR "
            "paid for the fuel. The advisers lived in Moscow before they left.\n")
    (tmp_path / "ussr.txt").write_text(text, encoding="utf-8")
    export = json_export.build(build_store(tmp_path, [tmp_path / "ussr.txt"]))
    ussr = entity_ids(export, "ussr.txt", "Soviet Union")
    assert ussr == entity_ids(export, "ussr.txt", "USSR")
    assert entity_of(export, "ussr.txt", "Moscow", 0) in ussr  # Moscow agreed: the government
    assert entity_of(export, "ussr.txt", "Moscow", 1) not in ussr  # lived in Moscow: the city


def test_surname_after_full_name_is_the_same_person(reference_export):
    dinh = entity_ids(reference_export, AP, "Vu Ngoc Dinh")
    assert len(dinh) == 1 and entity_ids(reference_export, AP, "Dinh") == dinh
    assert entity_ids(reference_export, AP, "Dau") == entity_ids(reference_export, AP, "Duong Van Dau")


def test_the_same_name_in_two_documents_is_one_entity(reference_export):
    assert len(entity_ids(reference_export, WP, "Merle Pribbenow")) == 1
    assert entity_ids(reference_export, WP, "Merle Pribbenow") == entity_ids(reference_export, AP, "Merle Pribbenow")


def test_accents_do_not_split_a_person(reference_export):
    nghi = entity_ids(reference_export, WP, "Le Thanh Nghi")
    assert len(nghi) == 1
    assert entity_ids(reference_export, WP, "Lê Thanh Nghị") == nghi


def test_a_city_named_after_a_person_is_not_the_person(reference_export):
    ho = entity_ids(reference_export, WP, "Ho Chi Minh")
    assert not (ho & entity_ids(reference_export, AP, "Ho Chi Minh City"))


def test_every_entity_has_a_name_type_and_mentions(reference_export):
    for entity in reference_export["entities"]:
        assert entity["name"] and entity["type"] and entity["mentions"]
        assert entity["name"] not in entity["aliases"]
