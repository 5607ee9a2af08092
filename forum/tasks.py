"""Background work: telling readers about new posts, emails for notifications and the daily
or weekly digests.

Emails from private groups carry only a link, never the text or even the title: an inbox is
not as safe as the site."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

import access
from core.emails import send_templated

from .markup import excerpt


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@task()
def notify_readers(*, post_id: int, mentioned: list[int], quoted: list[int]) -> int:
    """Notify the people a newly published post concerns (queued when it is published). A
    post hidden or deleted since is no news to anyone."""
    from .models import Post, PostStatus
    from .services import fan_out

    post = (
        Post.objects.select_related("topic__space", "author", "reply_to")
        .filter(pk=post_id, status=PostStatus.PUBLISHED)
        .first()
    )
    if post is None:
        return 0
    with transaction.atomic():  # the notifications and their email task, or neither
        return fan_out(post, mentioned_user_ids=mentioned, quoted_post_ids=quoted)


@task()
def email_notifications(*, notification_ids: list[int]) -> int:
    """Email each notification to members who asked for single emails."""
    from .models import EmailMode, Notification
    from .services import profile_for

    sent = 0
    notifications = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True, read_at__isnull=True
    ).select_related("user", "topic__space", "post", "actor")
    access.prime([notification.user for notification in notifications])
    for notification in notifications:
        user = notification.user
        if not user.is_active or profile_for(user).email_mode != EmailMode.IMMEDIATE:
            continue
        topic = notification.topic
        if topic is not None and not access.can(user, "forum.topic.read", topic):
            continue
        restricted = topic is None or topic.space.is_restricted
        post = notification.post
        send_templated(
            "forum/email/notification",
            to=[user.email],
            context={
                "restricted": restricted,
                "notification": notification,
                "actor": notification.actor,
                "topic": None if restricted else topic,
                "excerpt": "" if restricted or post is None else excerpt(post.body_html, 500),
                "url": _url(post.get_absolute_url() if post else "/connect/notifications/"),
                "settings_url": _url("/connect/settings/"),
            },
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        sent += 1
    return sent


PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


@task()
def send_digests(*, frequency: str) -> int:
    """Each member who chose this digest hears what is new in the spaces they can read:
    titles and excerpts for categories, only a count and a link for private groups."""
    from .models import ForumProfile, Level, Subscription, Topic

    now = timezone.now()
    sent = 0
    profiles = ForumProfile.objects.filter(digest=frequency, user__is_active=True).select_related(
        "user"
    )
    for profile in profiles:
        user = profile.user
        since = profile.last_digest_at or now - PERIODS[frequency]
        muted = Subscription.objects.filter(user=user, level=Level.MUTED)
        topics = (
            access.visible(user, "forum.topic.read", Topic.objects.all())
            .filter(last_post_at__gt=since)
            .exclude(space__in=muted.exclude(space=None).values("space"))
            .exclude(pk__in=muted.exclude(topic=None).values("topic"))
            .select_related("space")
            .order_by("space__position", "-last_post_at")[:60]
        )
        open_items, private = [], {}
        for topic in topics:
            if topic.space.is_restricted:
                private[topic.space_id] = private.get(topic.space_id, 0) + 1
            else:
                open_items.append({"topic": topic, "url": _url(topic.get_absolute_url())})
        if open_items or private:
            send_templated(
                "forum/email/digest",
                to=[user.email],
                context={
                    "frequency": frequency,
                    "items": open_items,
                    "private_count": sum(private.values()),
                    "forum_url": _url("/connect/"),
                    "settings_url": _url("/connect/settings/"),
                },
            )
            sent += 1
        profile.last_digest_at = now
        profile.save(update_fields=["last_digest_at"])
    return sent
