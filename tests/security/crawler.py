"""Request every URL as every kind of user and keep what came back, so the security tests
assert on one crawl instead of each building the world and crawling it again."""

import re
import traceback
from dataclasses import dataclass, field
from urllib.parse import quote

from django.core.signals import got_request_exception
from django.db import connection
from django.template.base import Template
from django.test import Client
from django.test.utils import CaptureQueriesContext

import access
from tests.conftest import USER_KINDS

from . import routes

KINDS = list(USER_KINDS)
# Who could act through most views: staff pass almost every check, and only a task force's
# co-lead may accept its pairings.
ACTORS = ["staff", "co_lead"]
CONTROL = "zqmarkffffffffff"  # shaped like a marker, planted nowhere
# Bookkeeping a GET may write (reviewed): the session; reading marks a topic read and, in
# private groups, writes the access log; opening a notification marks it read; a forum
# profile is created on first visit; searches that find nothing are counted.
BOOKKEEPING_TABLES = {
    "django_session",
    "forum_topicread",
    "forum_accesslogentry",
    "forum_forumprofile",
    "forum_notification",
    "search_zeroresultquery",
}
WRITE = re.compile(r'^\s*(?:INSERT INTO|UPDATE|DELETE FROM|REPLACE INTO)\s+"?(\w+)"?', re.I)


def writes(queries) -> set[str]:
    """The tables these queries wrote to, bookkeeping aside."""
    tables = set()
    for query in queries:
        match = WRITE.match(query["sql"])
        if match and match.group(1) not in BOOKKEEPING_TABLES:
            tables.add(match.group(1))
    return tables


@dataclass
class Result:
    status: int
    location: str
    title: str  # the page's <title> and first <h1>: which page was shown
    content: bytes
    headers: dict
    error: str = ""
    acted: set = field(default_factory=set)  # tables written
    signed_out: bool = False


@dataclass
class Crawl:
    world: object
    urls: list  # every routes.Url
    unfilled: list  # routes no FILL row matched
    gets: dict = field(default_factory=dict)  # (kind, path) -> Result
    extra: dict = field(default_factory=dict)  # (kind, path) -> Result: searches, files
    posts: dict = field(default_factory=dict)  # (kind, path) -> Result, without a CSRF token
    posts_acted: dict = field(default_factory=dict)  # kind -> tables written
    # The policy's answers, asked while the world still exists (it is rolled back after):
    may_see: dict = field(default_factory=dict)  # (kind, marker text) -> bool
    hidden: dict = field(default_factory=dict)  # (kind, path) -> an object in it is hidden


def _record(response, errors) -> Result:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return Result(
        status=response.status_code,
        location=response.get("Location", ""),
        title=_title(content) if "html" in response.get("Content-Type", "") else "",
        content=content,
        headers=dict(response.items()),
        error="\n".join(errors),
    )


def _saved_render():
    from django.test.utils import _TestState

    saved = getattr(_TestState, "saved_data", None)
    return saved.template_render if saved else Template._render


def _title(content: bytes) -> str:
    text = content.decode("utf-8", "replace")
    found = [re.search(rf"<{tag}[^>]*>(.*?)</{tag}>", text, re.S) for tag in ("title", "h1")]
    return " | ".join(" ".join(m.group(1).split()) for m in found if m)


def _client(user, **kwargs) -> Client:
    client = Client(raise_request_exception=False, **kwargs)
    if user is not None:
        client.force_login(user)
    return client


def run(world) -> Crawl:
    urls, unfilled = [], []
    for route in routes.routes():
        try:
            urls += routes.urls_for(route, world)
        except LookupError:
            unfilled.append(route)
    crawl = Crawl(world, urls, unfilled)
    errors: list[str] = []

    def on_error(sender, request=None, **kwargs):
        errors.append(f"{request.path if request else '?'}: {traceback.format_exc(limit=-3)}")

    got_request_exception.connect(on_error)
    # The test client copies every template's context as it renders, which triples the
    # crawl's time; the crawl compares the pages shown by their titles instead.
    instrumented, Template._render = Template._render, _saved_render()
    try:
        for kind in KINDS:
            _crawl_as(crawl, kind, errors)
        for kind in ("anonymous", *ACTORS):
            _post_without_token(crawl, kind, errors)
        for kind in KINDS:
            _ask_the_policy(crawl, kind)
    finally:
        Template._render = instrumented
        got_request_exception.disconnect(on_error)
    return crawl


def _crawl_as(crawl: Crawl, kind: str, errors: list) -> None:
    user = crawl.world.users[kind]
    client = _client(user)
    for url in crawl.urls:
        errors.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url.path)
        result = _record(response, errors)
        result.acted = writes(queries.captured_queries)
        if user is not None and "_auth_user_id" not in client.session:
            result.signed_out = True
            client.force_login(user)
        crawl.gets[(kind, url.path)] = result
    texts = [m.text for m in crawl.world.markers] + [CONTROL]
    extra = [f"/search/?q={quote(text)}" for text in texts]
    # Suggestions complete titles; what a title hides is planted in titles.
    titled = [m.text for m in crawl.world.markers if "title" in m.where or "entry" in m.where]
    extra += [f"/search/suggest/?q={quote(text)}" for text in [*titled, CONTROL]]
    extra += [f"/media/{name}" for name, _ in crawl.world.files]
    for path in extra:
        errors.clear()
        crawl.extra[(kind, path)] = _record(client.get(path), errors)


def _ask_the_policy(crawl: Crawl, kind: str) -> None:
    user = crawl.world.users[kind]
    for marker in crawl.world.markers:
        crawl.may_see[(kind, marker.text)] = bool(marker.may_see(user))
    for url in crawl.urls:
        crawl.hidden[(kind, url.path)] = _hidden_from(crawl.world, url, user)


def _hidden_from(world, url, user) -> bool:
    """Does the policy hide (one of) the objects in this URL from this user?"""
    for thing, obj in url.objects:
        if thing == "page":
            if not access.can(user, "page.view", obj):
                return True
        elif not world.things[thing].may_read(user, obj):
            return True
    return False


def _post_without_token(crawl: Crawl, kind: str, errors: list) -> None:
    """POST to every URL without a CSRF token, as a browser tricked by another site would."""
    client = _client(crawl.world.users[kind], enforce_csrf_checks=True)
    body = {
        "title": "Forged",
        "body": "Forged",
        "message": "Forged",
        "decision": "approve",
        "display_name": "Forged",
        "email": "forged@example.org",
        "password": "forged-password-123",
        "reason": "other",
        "level": "watching",
    }
    seen = set()
    for url in crawl.urls:
        if url.variant == "missing" or url.path in seen:
            continue
        seen.add(url.path)
        errors.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url.path, body)
        crawl.posts[(kind, url.path)] = _record(response, errors)
        crawl.posts_acted.setdefault(kind, set()).update(writes(queries.captured_queries))
