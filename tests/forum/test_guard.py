"""The guard before publishing: it finds what must not be shared, the author may edit or send
the post to a moderator, and staff can change the patterns."""

import pytest
from django.urls import reverse

from forum import guard, services
from forum.models import PostStatus, SensitivePattern


@pytest.mark.parametrize(
    "text,finding",
    [
        ("The victim, Maria Lopez, DOB 04/12/2006, was found", "Name with a date of birth"),
        ("Call her at (716) 555-0142 tonight", "Phone number"),
        ("She was staying at 1423 Maple Street last week", "Street address"),
        ("See case no. 2024-CR-00193 for details", "Case or docket number"),
        ("Indicted as 1:23-cr-00045 in WDNY", "Case or docket number"),
    ],
)
def test_the_guard_finds_what_must_not_be_shared(db, text, finding):
    assert finding in {f.name for f in guard.check(text)}


@pytest.mark.parametrize(
    "text",
    [
        "The hotline is 1-888-373-7888 (text 233733).",
        "We met 3 times with the dairy co-op in 2023.",
        "Read the roadmap's four core sections.",
    ],
)
def test_ordinary_posts_pass(db, text):
    assert guard.check(text) == []


def test_the_author_is_told_and_keeps_the_text(client, category, users):
    client.force_login(users["prosecutor"])
    data = {"title": "Witness", "body": "Her number is 716-555-0142", "action": "post"}
    response = client.post(reverse("forum:topic_create", args=["labor"]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "looks like a phone number" in page
    assert "Her number is 716-555-0142" in page
    assert "Send to a moderator for approval" in page


def test_sending_for_approval_holds_the_post_for_a_moderator(client, category, users):
    client.force_login(users["prosecutor"])
    data = {"title": "Witness", "body": "Her number is 716-555-0142", "action": "review"}
    response = client.post(reverse("forum:topic_create", args=["labor"]), data)
    assert response.status_code == 302
    post = users["prosecutor"].forum_posts.get()
    assert post.status == PostStatus.PENDING and post.topic.is_hidden
    client.force_login(users["law_enforcement"])
    assert client.get(post.topic.get_absolute_url()).status_code == 404
    services.post_restore(post=post, by=users["staff"])
    assert client.get(post.topic.get_absolute_url()).status_code == 200


def test_staff_edit_the_patterns(category, users):
    SensitivePattern.objects.create(
        name="Codename",
        pattern=r"(?i)operation bluebird",
        explanation="Operation names stay internal.",
    )
    with pytest.raises(services.GuardWarning):
        services.topic_create(
            space=category, author=users["prosecutor"], title="x", body="About Operation Bluebird"
        )
    SensitivePattern.objects.update(is_active=False)
    services.topic_create(
        space=category, author=users["prosecutor"], title="x", body="About Operation Bluebird"
    )
