"""The security suite builds one world and crawls it once per test session (per worker), in
a transaction that is rolled back afterwards, so every test here asserts on the same crawl
and no row outlives it. Modules using ``crawl`` are marked ``django_db`` so that pytest-django
creates the test database even when only they are selected."""

import pytest
from django.core.cache import cache
from django.db import transaction


@pytest.fixture(scope="session")
def crawl(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.test import override_settings

    from . import crawler, world

    media = tmp_path_factory.mktemp("security-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        with transaction.atomic():
            result = crawler.run(world.build())
            transaction.set_rollback(True)
    cache.clear()
    return result


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()
