"""The library under load: the index (every facet counted) and a filtered listing, for an
anonymous visitor and a signed-in member, over 10,000 resources made with bulk inserts.

    /work/main/.venv/bin/python -m bench.library                 # 10,000 resources
    /work/main/.venv/bin/python -m bench.library --items 2000    # a quicker run

Prints the median and 95th percentile response time and the SQL queries of one request.
The query count must not depend on the number of resources (the index shows 20 a page).
The database is a separate SQLite file under var/ and is rebuilt when its size does not
match the run (or with --rebuild)."""

import argparse
import datetime
import os
import random
import sys
from pathlib import Path

from bench.common import ROOT, measure, print_table, progress, setup_django

BATCH = 1_000
WORDS = (
    "labor trafficking child sex investigation prosecution protocol survivor housing "
    "interpreter referral outreach evidence interview trauma-informed services shelter "
    "roadmap task force webinar toolkit checklist agriculture hotel massage online"
).split()


def _database(items: int) -> Path:
    path = ROOT / "var" / f"bench-library-{items}.sqlite3"
    path.parent.mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return path


def _insert(model, objs):
    """Insert rows of one table of a multi-table page model (Django's bulk_create refuses
    inherited models; the page tree rows are made beforehand)."""
    model._base_manager._insert(objs, fields=model._meta.local_concrete_fields)


def _build(items: int) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from core.demo import ensure_home_page
    from library import demo
    from library.models import (
        EventSession,
        LibraryIndexPage,
        ResourceFormat,
        ResourcePage,
        Topic,
    )
    from taskforces.models import Membership, TaskForce
    from users.models import User

    print(f"Building: {items:,} resources", file=sys.stderr)
    call_command("migrate", verbosity=0)
    rng = random.Random(3)
    with transaction.atomic():
        ensure_home_page()
        index = demo.ensure_index()
        taxonomies, _ = demo._taxonomies()
        taskforce = TaskForce.objects.create(
            name="Bench Task Force",
            slug="bench",
            state="IL",
            jurisdiction="Bench",
            population_band="under_500k",
            lead_law_enforcement_agency="PD",
            lead_victim_service_provider="VSP",
        )
        member = User.objects.create(email="bench-member@example.org", display_name="Member")
        Membership.objects.create(
            user=member, taskforce=taskforce, discipline="victim_services", status="approved"
        )
    index = LibraryIndexPage.objects.get(pk=index.pk)
    kinds = list(ResourcePage.__subclasses__())
    content_types = ContentType.objects.get_for_models(*kinds)
    topics = list(taxonomies[Topic].values())
    audiences = list(taxonomies[demo.Audience].values())
    types = list(taxonomies[demo.TraffickingType].values())
    tiers = ["public"] * 5 + ["members"] * 3 + ["law_enforcement"] * 2
    now = timezone.now()
    start_number = index.numchild
    rows = []
    for n in progress(range(items), items, "resources"):
        kind = kinds[n % len(kinds)]
        words = " ".join(rng.choices(WORDS, k=6))
        slug = f"bench-{n}"
        published = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(4000))
        page = Page(
            title=f"{words.capitalize()} {n}",
            draft_title=f"{words.capitalize()} {n}",
            slug=slug,
            path=index._get_path(index.path, index.depth + 1, start_number + n + 1),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{slug}/",
            content_type=content_types[kind],
            live=True,
            first_published_at=now,
            last_published_at=now,
            locale_id=index.locale_id,
        )
        rows.append((kind, page, published))
        if len(rows) >= BATCH or n == items - 1:
            _flush(rows, rng, topics, audiences, types, tiers, kind_format=ResourceFormat)
            rows = []
    LibraryIndexPage.objects.filter(pk=index.pk).update(numchild=start_number + items)
    webinar_like = ResourcePage.objects.filter(
        resource_format__in=["webinar", "classroom_training"]
    ).values_list("pk", flat=True)
    sessions = []
    for pk in webinar_like:
        start = now + datetime.timedelta(days=rng.randrange(-300, 300))
        sessions.append(
            EventSession(page_id=pk, start=start, end=start + datetime.timedelta(hours=1))
        )
    EventSession.objects.bulk_create(sessions, batch_size=BATCH)


def _flush(rows, rng, topics, audiences, types, tiers, *, kind_format):
    from django.db import transaction
    from wagtail.models import Page

    from library.models import ResourcePage

    with transaction.atomic():
        pages = Page.objects.bulk_create([page for _, page, _ in rows])
        resources, specific = [], {}
        topic_links, audience_links, type_links = [], [], []
        for (kind, _, published), page in zip(rows, pages, strict=True):
            fields = {
                "page_ptr_id": page.pk,
                "summary": f"A bench resource about {page.title.lower()}.",
                "publication_date": published,
                "last_reviewed": published,
                "access_tier": rng.choice(tiers),
                "resource_format": kind.FORMAT,
                "publisher": "Bench",
            }
            resources.append(ResourcePage(**fields))
            specific.setdefault(kind, []).append(kind(resourcepage_ptr_id=page.pk, **fields))
            for topic in rng.sample(topics, 2):
                topic_links.append(
                    ResourcePage.topics.through(resourcepage_id=page.pk, topic_id=topic.pk)
                )
            audience_links.append(
                ResourcePage.audiences.through(
                    resourcepage_id=page.pk, audience_id=rng.choice(audiences).pk
                )
            )
            type_links.append(
                ResourcePage.trafficking_types.through(
                    resourcepage_id=page.pk, traffickingtype_id=rng.choice(types).pk
                )
            )
        _insert(ResourcePage, resources)
        for kind, objs in specific.items():
            _insert(kind, objs)
        ResourcePage.topics.through.objects.bulk_create(topic_links)
        ResourcePage.audiences.through.objects.bulk_create(audience_links)
        ResourcePage.trafficking_types.through.objects.bulk_create(type_links)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=10_000, help="resources to generate")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the bench database")
    parser.add_argument("--repeat", type=int, default=30, help="requests per measurement")
    args = parser.parse_args()
    path = _database(args.items)
    if args.rebuild and path.exists():
        path.unlink()
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    setup_test_environment()

    tables = connection.introspection.table_names()
    built = False
    if "library_resourcepage" in tables:
        from library.models import ResourcePage

        built = ResourcePage.objects.count() >= args.items
    if not built:
        if path.exists():
            connection.close()
            path.unlink()
        _build(args.items)

    from wagtail.models import Site

    from library.models import LibraryIndexPage, ResourcePage
    from users.models import User

    site = Site.objects.get(is_default_site=True)
    Site.objects.filter(pk=site.pk).update(hostname="testserver", port=80)
    Site.clear_site_root_paths_cache()
    index_url = LibraryIndexPage.objects.get().url
    filtered = index_url + "?topic=labor-trafficking&format=webinar&audience=prosecutors"
    anonymous = Client()
    member = Client()
    member.force_login(User.objects.get(email="bench-member@example.org"))
    for client in (anonymous, member):
        for url in (index_url, filtered, index_url + "?page=10&sort=title"):
            status = client.get(url).status_code
            assert status == 200, (url, status)

    total = ResourcePage.objects.live().count()
    rows = [
        measure("index, anonymous", lambda: anonymous.get(index_url), repeat=args.repeat),
        measure("index, member", lambda: member.get(index_url), repeat=args.repeat),
        measure("filtered, anonymous", lambda: anonymous.get(filtered), repeat=args.repeat),
        measure("filtered, member", lambda: member.get(filtered), repeat=args.repeat),
        measure(
            "index page 10 by title, member",
            lambda: member.get(index_url + "?page=10&sort=title"),
            repeat=args.repeat,
        ),
        measure(
            "upcoming first, member",
            lambda: member.get(index_url + "?sort=upcoming"),
            repeat=args.repeat,
        ),
    ]
    print_table(rows, title=f"Library: {total:,} live resources ({connection.vendor})")


if __name__ == "__main__":
    main()
