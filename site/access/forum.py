"""Task Force Connect: who reads, posts in, moderates and sees each space, its topics, posts
and attachments. Every forum view, list, count, email and search result asks these rules.

Spaces by kind (staff read and moderate everything):
- category: every verified member reads and posts; anyone sees it listed (so people know
  what joining offers); moderators are assigned per category.
- task force group: that task force's approved members; its co-leads and moderators
  moderate.
- regional group: members of that region (its navigators and regional team); the region's
  navigators moderate. No one else reads it, not even the task force's other members.
- discipline group: members of that discipline (e.g. prosecutors-only).
- invite-only group: the members staff invited.
Private groups are listed only to the people who can read them. Archived spaces stay
readable but take no new posts. A moderator may also be assigned to any one space.
"""

from dataclasses import dataclass

from django.db.models import Q

from .core import Viewer, filter_rule, rule
from .media import register_file_prefix
from .search import register_token_provider

_FACTS_ATTR = "_forum_facts"


@dataclass(frozen=True)
class ForumFacts:
    invited_space_ids: frozenset[int]
    moderated_space_ids: frozenset[int]


def facts_for(viewer: Viewer) -> ForumFacts:
    """The viewer's invitations and space-scoped moderator roles, loaded once per viewer."""
    facts = viewer.__dict__.get(_FACTS_ATTR)
    if facts is None:
        invited, moderated = set(), set()
        if viewer.is_authenticated:
            from forum.models import SpaceRole, SpaceRoleKind

            for space_id, role in SpaceRole.objects.filter(user_id=viewer.id).values_list(
                "space_id", "role"
            ):
                (moderated if role == SpaceRoleKind.MODERATOR else invited).add(space_id)
        facts = ForumFacts(frozenset(invited), frozenset(moderated))
        viewer.__dict__[_FACTS_ATTR] = facts
    return facts


def forget_facts(viewer: Viewer) -> None:
    viewer.__dict__.pop(_FACTS_ATTR, None)


# --- spaces -----------------------------------------------------------------------------


@rule("forum.space.read")
def can_read_space(viewer: Viewer, space) -> bool:
    if not viewer.is_authenticated:
        return False
    if viewer.is_staff:
        return True
    kind = space.kind
    if kind == "category":
        return viewer.is_member
    if kind == "taskforce":
        return viewer.member_of(space.taskforce_id)
    if kind == "region":
        return space.region_id in viewer.region_ids
    if kind == "discipline":
        return space.discipline in viewer.disciplines
    if kind == "invite":
        return space.pk in facts_for(viewer).invited_space_ids
    return False


def _readable_q(viewer: Viewer) -> Q:
    q = Q(kind="taskforce", taskforce_id__in=viewer.taskforce_ids)
    q |= Q(kind="region", region_id__in=viewer.region_ids)
    q |= Q(kind="discipline", discipline__in=viewer.disciplines)
    q |= Q(kind="invite", pk__in=facts_for(viewer).invited_space_ids)
    if viewer.is_member:
        q |= Q(kind="category")
    return q


@filter_rule("forum.space.read")
def readable_spaces(viewer: Viewer, queryset):
    if not viewer.is_authenticated:
        return queryset.none()
    if viewer.is_staff:
        return queryset
    return queryset.filter(_readable_q(viewer))


@rule("forum.space.list")
def can_see_space_listed(viewer: Viewer, space) -> bool:
    return space.kind == "category" or can_read_space(viewer, space)


@filter_rule("forum.space.list")
def listed_spaces(viewer: Viewer, queryset):
    if viewer.is_staff:
        return queryset
    if not viewer.is_authenticated:
        return queryset.filter(kind="category")
    return queryset.filter(_readable_q(viewer) | Q(kind="category"))


@rule("forum.space.post")
def can_post_in_space(viewer: Viewer, space) -> bool:
    return not space.is_archived and can_read_space(viewer, space)


@rule("forum.space.moderate")
def can_moderate_space(viewer: Viewer, space) -> bool:
    if not viewer.is_authenticated:
        return False
    if viewer.is_staff:
        return True
    if space.pk in facts_for(viewer).moderated_space_ids:
        return True
    if space.kind == "taskforce":
        return viewer.is_co_lead_of(space.taskforce_id) or viewer.has_role(
            "moderator", space.taskforce_id
        )
    if space.kind == "region":
        return space.region_id in viewer.navigator_region_ids
    return False


@rule("forum.moderate_any")
def can_moderate_any_space(viewer: Viewer, obj=None) -> bool:
    """Moderates some space (the Moderation link), from facts already loaded: no query."""
    if not viewer.is_authenticated:
        return False
    return (
        viewer.is_staff
        or bool(viewer.navigator_region_ids)
        or any(m.role in {"co_lead", "moderator"} for m in viewer.memberships)
        or bool(facts_for(viewer).moderated_space_ids)
    )


@filter_rule("forum.space.moderate")
def moderated_spaces(viewer: Viewer, queryset):
    if not viewer.is_authenticated:
        return queryset.none()
    if viewer.is_staff:
        return queryset
    led = [m.taskforce_id for m in viewer.memberships if m.role in {"co_lead", "moderator"}]
    return queryset.filter(
        Q(pk__in=facts_for(viewer).moderated_space_ids)
        | Q(kind="taskforce", taskforce_id__in=led)
        | Q(kind="region", region_id__in=viewer.navigator_region_ids)
    )


@rule("forum.space.manage")
def can_manage_spaces(viewer: Viewer, space=None) -> bool:
    """Creating groups, inviting members, purging: staff only."""
    return viewer.is_staff


@rule("forum.space.review_access_log")
def can_review_access_log(viewer: Viewer, space) -> bool:
    return space.is_restricted and can_moderate_space(viewer, space)


# --- topics and posts --------------------------------------------------------------------


@rule("forum.topic.read")
def can_read_topic(viewer: Viewer, topic) -> bool:
    if topic.deleted_at is not None and not viewer.is_staff:
        return False
    if not can_read_space(viewer, topic.space):
        return False
    if not topic.is_hidden:
        return True
    # A topic waiting for approval (or hidden) stays visible to its author, with the reason.
    return topic.author_id == viewer.id or can_moderate_space(viewer, topic.space)


@filter_rule("forum.topic.read")
def readable_topics(viewer: Viewer, queryset):
    """For lists, feeds and counts: listed topics of readable spaces."""
    if not viewer.is_authenticated:
        return queryset.none()
    queryset = queryset.filter(is_hidden=False, deleted_at__isnull=True)
    if viewer.is_staff:
        return queryset
    from forum.models import Space

    return queryset.filter(space__in=readable_spaces(viewer, Space.objects.all()))


@rule("forum.topic.reply")
def can_reply(viewer: Viewer, topic) -> bool:
    if not can_read_topic(viewer, topic) or not can_post_in_space(viewer, topic.space):
        return False
    if topic.is_hidden or topic.deleted_at is not None:
        return False
    return not topic.is_locked or can_moderate_space(viewer, topic.space)


@rule("forum.topic.moderate")
def can_moderate_topic(viewer: Viewer, topic) -> bool:
    return can_moderate_space(viewer, topic.space)


@rule("forum.topic.mark_solution")
def can_mark_solution(viewer: Viewer, topic) -> bool:
    if not topic.is_question or not can_read_topic(viewer, topic):
        return False
    return topic.author_id == viewer.id or can_moderate_space(viewer, topic.space)


@rule("forum.post.read")
def can_read_post(viewer: Viewer, post) -> bool:
    if not can_read_topic(viewer, post.topic):
        return False
    if post.status == "published":
        return True
    if post.status == "pending" and post.author_id == viewer.id:
        return True
    return post.status != "purged" and can_moderate_space(viewer, post.topic.space)


@rule("forum.post.edit")
def can_edit_post(viewer: Viewer, post) -> bool:
    if post.status in {"deleted", "purged"} or not can_read_post(viewer, post):
        return False
    if can_moderate_space(viewer, post.topic.space):
        return True
    return (
        post.author_id == viewer.id
        and post.status in {"published", "pending"}
        and not post.topic.is_locked
        and can_post_in_space(viewer, post.topic.space)
    )


@rule("forum.post.delete")
def can_delete_post(viewer: Viewer, post) -> bool:
    return can_edit_post(viewer, post)


@rule("forum.post.react")
def can_react(viewer: Viewer, post) -> bool:
    return (
        post.status == "published"
        and post.author_id != viewer.id
        and can_read_post(viewer, post)
        and can_post_in_space(viewer, post.topic.space)
    )


@rule("forum.post.flag")
def can_flag(viewer: Viewer, post) -> bool:
    return (
        post.status == "published" and post.author_id != viewer.id and can_read_post(viewer, post)
    )


@rule("forum.post.purge")
def can_purge(viewer: Viewer, post) -> bool:
    return viewer.is_staff


@rule("forum.attachment.read")
def can_read_attachment(viewer: Viewer, attachment) -> bool:
    return can_read_post(viewer, attachment.post)


# --- files and search --------------------------------------------------------------------


def _can_read_attachment_file(viewer: Viewer, name: str) -> bool:
    from forum.models import Attachment

    attachment = Attachment.objects.select_related("post__topic__space").filter(file=name).first()
    return attachment is not None and can_read_attachment(viewer, attachment)


register_file_prefix("forum/", _can_read_attachment_file)


def space_token(space_id: int) -> str:
    return f"forum-space:{space_id}"


def _space_tokens(viewer: Viewer):
    if not viewer.is_authenticated:
        return []
    from forum.models import Space

    ids = readable_spaces(viewer, Space.objects.all()).values_list("pk", flat=True)
    return [space_token(pk) for pk in ids]


register_token_provider(_space_tokens)
