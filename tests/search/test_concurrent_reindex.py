"""An item reindexed or removed by someone else between ranking and reading the page's rows
is left out of that page, rather than failing the search (seen under concurrent posting)."""

import pytest

from search import service
from search.backends.database import DatabaseBackend
from search.models import IndexEntry

from .helpers import titles


@pytest.mark.django_db
def test_an_entry_removed_while_the_page_is_read_is_skipped(index, monkeypatch):
    index(
        {"object_id": "1", "title": "Harvest crews"}, {"object_id": "2", "title": "Harvest housing"}
    )
    read_rows = DatabaseBackend._hits

    def removed_meanwhile(self, request, ids):
        IndexEntry.objects.filter(id=ids[0]).delete()
        return read_rows(self, request, ids)

    monkeypatch.setattr(DatabaseBackend, "_hits", removed_meanwhile)
    found = titles(service.search(None, "harvest"))
    assert len(found) == 1 and found[0].startswith("Harvest")
