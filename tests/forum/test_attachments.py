"""Attachments are served only through the access policy, and downloads in private groups
are recorded in an append-only log that the group's moderators review."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forum import services
from forum.forms import prepare_attachment
from forum.models import AccessAction, AccessLogEntry


@pytest.fixture
def group_post(spaces, users):
    upload = SimpleUploadedFile("protocol-draft.pdf", b"%PDF-1.4\n%%EOF\n")
    return services.topic_create(
        space=spaces["taskforce"],
        author=users["co_lead"],
        title="Draft protocol",
        body="Attached.",
        attachments=[prepare_attachment(upload)],
    ).post


def test_group_members_download_and_outsiders_get_404(client, group_post, users):
    item = group_post.attachments.get()
    client.force_login(users["taskforce_member"])
    response = client.get(reverse("forum:attachment", args=[item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(users["member"])
    assert client.get(reverse("forum:attachment", args=[item.pk])).status_code == 404


def test_the_media_url_asks_the_same_rule(client, group_post, users):
    item = group_post.attachments.get()
    client.force_login(users["member"])
    assert client.get(f"/media/{item.file.name}").status_code in {403, 404}
    client.force_login(users["taskforce_member"])
    assert client.get(f"/media/{item.file.name}").status_code == 200


def test_reads_and_downloads_are_logged_for_the_groups_moderators(client, group_post, users):
    item = group_post.attachments.get()
    reader = users["survivor_leader"]
    client.force_login(reader)
    client.get(group_post.topic.get_absolute_url())
    client.get(group_post.topic.get_absolute_url())  # one read entry per half hour
    client.get(reverse("forum:attachment", args=[item.pk]))
    actions = list(AccessLogEntry.objects.filter(user=reader).values_list("action", flat=True))
    assert sorted(actions) == [AccessAction.DOWNLOAD, AccessAction.READ]
    slug = group_post.topic.space.slug
    assert client.get(reverse("forum:access_log", args=[slug])).status_code == 404
    client.force_login(users["co_lead"])
    page = client.get(reverse("forum:access_log", args=[slug])).content.decode()
    assert reader.display_name in page and "protocol-draft.pdf" in page


def test_reads_in_categories_are_not_logged(client, topic, users):
    client.force_login(users["prosecutor"])
    client.get(topic.get_absolute_url())
    assert not AccessLogEntry.objects.exists()


def test_the_access_log_is_append_only(client, group_post, users):
    client.force_login(users["survivor_leader"])
    client.get(group_post.topic.get_absolute_url())
    entry = AccessLogEntry.objects.get()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.update(action="download")
