"""Staff manage spaces (invitations, moderators) and guard patterns in the Wagtail admin."""

from forum.models import Space, SpaceRole
from users.factories import UserFactory


def test_staff_list_and_edit_spaces_and_patterns(client, spaces, users):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    for url in [
        "/admin/snippets/forum/space/",
        "/admin/snippets/forum/sensitivepattern/",
        f"/admin/snippets/forum/space/edit/{spaces['invite'].pk}/",
        "/admin/snippets/forum/space/add/",
    ]:
        assert client.get(url).status_code == 200, url


def test_staff_invite_a_member_from_the_admin(client, spaces, users):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    space = spaces["invite"]
    existing = list(space.roles.all())
    data = {
        "name": space.name,
        "slug": space.slug,
        "kind": space.kind,
        "description": "",
        "position": 100,
        "discipline": "",
        "roles-TOTAL_FORMS": str(len(existing) + 1),
        "roles-INITIAL_FORMS": str(len(existing)),
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
    }
    for index, role in enumerate(existing):
        data.update(
            {
                f"roles-{index}-id": role.pk,
                f"roles-{index}-user": role.user_id,
                f"roles-{index}-role": role.role,
                f"roles-{index}-ORDER": index,
                f"roles-{index}-DELETE": "",
            }
        )
    n = len(existing)
    data.update(
        {
            f"roles-{n}-id": "",
            f"roles-{n}-user": users["prosecutor"].pk,
            f"roles-{n}-role": "member",
            f"roles-{n}-ORDER": n,
            f"roles-{n}-DELETE": "",
        }
    )
    response = client.post(f"/admin/snippets/forum/space/edit/{space.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SpaceRole.objects.filter(space=space, user=users["prosecutor"]).exists()
    assert Space.objects.get(pk=space.pk).kind == "invite"
