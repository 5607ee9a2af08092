"""The XSS corpus rendered through the forum in a real browser: a member opens the pages that
show the payloads as topic titles, opening posts and replies, and the test fails if any
script runs (a dialog, a call to the trap the page is given, or a console error such as the
Content-Security-Policy refusing an injected inline script)."""

import pytest

from tests.e2e.test_foundation_journey import sign_in
from tests.security.test_xss import corpus

TRAP = """
window.__xss = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__xss.push(name + "(" + args.join(",") + ")"); };
}
"""


@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_in_the_browser(page, home_page, settings):
    from forum import services
    from forum.models import Space, SpaceKind
    from taskforces.factories import MembershipFactory
    from users.factories import PASSWORD

    settings.FORUM_TOPIC_RATE = None
    settings.FORUM_POST_RATE = None
    category = Space.objects.create(kind=SpaceKind.CATEGORY, name="General", slug="general")
    author = MembershipFactory().user
    reader = MembershipFactory().user
    topic = None
    for payload in corpus():
        outcome = services.topic_create(
            space=category, author=author, title=payload[:200], body=payload
        )
        topic = topic or outcome.post.topic
        services.post_create(topic=topic, author=reader, body=payload)

    ran, console_errors = [], []
    page.add_init_script(TRAP)
    page.on("dialog", lambda dialog: (ran.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    sign_in(page, reader.email, PASSWORD)
    page.wait_for_url("**/me/")
    paths = [
        "/connect/",
        f"/connect/s/{category.slug}/",
        f"/connect/s/{category.slug}/?page=2",
        f"/connect/s/{category.slug}/?page=3",
        f"/connect/t/{topic.pk}/",
        f"/connect/t/{topic.pk}/?page=2",
        f"/connect/t/{topic.pk}/?page=3",
    ]
    for path in paths:
        page.goto(path)
        page.wait_for_load_state("load")
        page.mouse.move(200, 200)  # hover-triggered handlers, had any survived
        page.keyboard.press("Tab")
        ran += page.evaluate("window.__xss")
    assert ran == []
    assert console_errors == []
