"""The XSS corpus (xss_corpus.txt: past sanitizer bypasses and Markdown tricks) typed into
every place a user writes text, then rendered where others read it: no executable markup
survives (no script element, no event handler attribute, no script or data URL).

The same corpus runs in a real browser in tests/e2e/test_xss_in_browser.py."""

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from django.urls import reverse

from forum.models import Topic

CORPUS = Path(__file__).with_name("xss_corpus.txt")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
NEVER = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}


def corpus() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("# ")]


class _Executable(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not (attrs.get("src") or "").startswith("/static/"):
            self.found.append(f"<script {attrs}>")
        if tag in NEVER:
            self.found.append(f"<{tag}>")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta refresh>")
        for name, value in attrs.items():
            if name.startswith("on") or name == "srcdoc":
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value:
                squeezed = "".join(ch for ch in value if ch > " " and ch not in "\u200b\u00ad")
                if squeezed.lower().startswith(BAD_SCHEMES):
                    self.found.append(f"<{tag} {name}={value!r}>")


def executable(html: str) -> list[str]:
    parser = _Executable()
    parser.feed(html)
    parser.close()
    return parser.found


def _check(client, paths) -> list[str]:
    failures = []
    for path in paths:
        response = client.get(path, follow=False)
        assert response.status_code < 500, path
        failures += [f"{path}: {bad}" for bad in executable(response.content.decode())]
    return failures


@pytest.fixture
def category(db):
    from forum.models import Space, SpaceKind

    return Space.objects.create(kind=SpaceKind.CATEGORY, name="General", slug="general")


@pytest.fixture
def no_rate_limits(settings):
    settings.FORUM_TOPIC_RATE = None
    settings.FORUM_POST_RATE = None


def test_the_corpus_is_the_one_shipped(db):
    payloads = corpus()
    assert len(payloads) >= 60
    assert any("javascript:" in p for p in payloads) and any("<math" in p for p in payloads)


def test_the_checker_catches_what_runs():
    """The checker itself must fail on markup that would run."""
    assert executable('<img src=x onerror="alert(1)">')
    assert executable('<a href=" jAvA&#x73;cript:alert(1)">x</a>')
    assert executable("<script>alert(1)</script>")
    assert not executable('<a href="/x">&lt;script&gt;</a><script src="/static/js/site.js">')


def test_forum_titles_bodies_and_replies(client, users, category, home_page, no_rate_limits):
    client.force_login(users["member"])
    for payload in corpus():
        client.post(
            reverse("forum:topic_create", args=[category.slug]),
            {"title": payload[:200], "body": payload, "tags": ""},
        )
    topics = list(Topic.objects.filter(space=category))
    assert len(topics) == len(corpus()), "every payload was accepted as text"
    reader = users["taskforce_member"]
    client.force_login(reader)
    target = topics[0]
    for payload in corpus():
        client.post(reverse("forum:reply", args=[target.pk]), {"body": payload})
    paths = [t.get_absolute_url() for t in topics]
    paths += [f"{target.get_absolute_url()}?page={n}" for n in (1, 2)]
    paths += [reverse("forum:index"), reverse("forum:space", args=[category.slug])]
    paths += [reverse("forum:unanswered"), reverse("forum:notifications")]
    client.force_login(users["member"])
    paths += [reverse("forum:notifications")]
    assert _check(client, paths) == []


def test_names_and_pseudonyms(client, users, category, home_page, no_rate_limits):
    from forum import services

    author = users["member"]
    topic = services.topic_create(space=category, author=author, title="Hello", body="Hi").post
    client.force_login(author)
    failures = []
    for n, payload in enumerate(corpus()):
        client.post(
            reverse("users:profile"),
            {"display_name": payload[:120], "pseudonym": f"{payload[:100]}{n}"},
        )
        failures += _check(client, [reverse("users:profile"), reverse("users:dashboard")])
        client.force_login(users["taskforce_member"])
        failures += _check(client, [topic.topic.get_absolute_url()])
        client.force_login(author)
    assert failures == []


def test_join_request_messages(client, users, taskforce, home_page):
    from users.factories import UserFactory

    for payload in corpus():
        client.force_login(UserFactory())
        client.post(
            reverse("taskforces:join", args=[taskforce.slug]),
            {"discipline": "victim_services", "message": payload},
        )
    assert taskforce.memberships.filter(status="requested").count() == len(corpus())
    client.force_login(users["co_lead"])
    assert _check(client, [reverse("taskforces:requests", args=[taskforce.slug]), "/"]) == []


def test_mentoring_free_text(client, users, taskforce, home_page):
    from mentoring.models import AssistanceRequest

    client.force_login(users["taskforce_member"])
    for payload in corpus():
        client.post(
            reverse("mentoring:ta_list"),
            {
                "taskforce": taskforce.pk,
                "topic": AssistanceRequest._meta.get_field("topic").choices[0][0],
                "summary": payload[:200],
                "details": payload,
            },
        )
    items = list(AssistanceRequest.objects.all())
    assert len(items) == len(corpus())
    paths = [reverse("mentoring:ta_list")] + [
        reverse("mentoring:ta_detail", args=[t.pk]) for t in items
    ]
    failures = _check(client, paths)
    client.force_login(users["staff"])
    failures += _check(client, paths[:1] + paths[1:6])
    assert failures == []


def test_search_echoes_the_query_as_text(client, users, home_page):
    client.force_login(users["member"])
    failures = []
    for payload in corpus():
        failures += _check(client, [f"/search/?q={quote(payload)}"])
        response = client.get(f"/search/suggest/?q={quote(payload)}")
        assert response["Content-Type"].startswith("application/json")
        json.loads(response.content)
    assert failures == []
