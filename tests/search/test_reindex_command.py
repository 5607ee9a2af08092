"""search_reindex rebuilds every registered kind and reports documents per second."""

import pytest
from django.core.management import CommandError, call_command

from search import service
from search.models import IndexEntry
from taskforces.factories import TaskForceFactory

pytestmark = pytest.mark.django_db


def test_reindex_rebuilds_from_registered_content_and_drops_stale_entries(capsys, index):
    TaskForceFactory.create_batch(3)
    index({"kind": "gone", "title": "Stale entry"})
    call_command("search_reindex", "--batch-size", "2")
    out, err = capsys.readouterr()
    assert "db: indexed 3 documents" in out and "documents/s" in out
    assert "3/3" in err  # the progress bar
    assert set(IndexEntry.objects.values_list("kind", flat=True)) == {"taskforce"}
    assert service.search(None, "task force").total == 3


def test_elasticsearch_needs_its_url(settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(CommandError):
        call_command("search_reindex", "--backend", "elasticsearch")
