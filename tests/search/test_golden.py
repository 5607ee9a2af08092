"""The golden set: practitioner queries over the demo content, with the item a practitioner
expects in the top 3 (at least 22 of 25) on the database backend."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from search import service

GOLDEN = json.loads((Path(__file__).parent / "golden.json").read_text())


@pytest.mark.django_db
def test_practitioners_find_the_expected_item_in_the_top_three(users):
    call_command("seed_demo", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    staff = users["staff"]  # sees everything: this measures ranking, not access
    misses = []
    for case in GOLDEN["queries"]:
        urls = [hit.url for hit in service.search(staff, case["q"]).hits[:3]]
        if not any(case["expect"] in url for url in urls):
            misses.append((case["q"], case["expect"], urls))
    found = len(GOLDEN["queries"]) - len(misses)
    assert len(GOLDEN["queries"]) >= 25
    assert found >= GOLDEN["min_top3"], misses
