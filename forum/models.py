"""Task Force Connect: spaces (categories and private groups), topics, posts and everything
that keeps members up to date and keeps the forum safe.

Who may read, post or moderate is never decided here: see ``site/access/forum.py``."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


class SpaceKind(models.TextChoices):
    CATEGORY = "category", "Category (all verified members)"
    TASKFORCE = "taskforce", "Task force group"
    REGION = "region", "Regional group"
    DISCIPLINE = "discipline", "Discipline group"
    INVITE = "invite", "Invite-only group"


class SpaceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_archived=False)

    def categories(self):
        return self.filter(kind=SpaceKind.CATEGORY)

    def groups(self):
        return self.exclude(kind=SpaceKind.CATEGORY)


class Space(ClusterableModel):
    """A place to talk: a category every verified member reads, or a private group."""

    kind = models.CharField(max_length=20, choices=SpaceKind.choices, default=SpaceKind.CATEGORY)
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=100)
    taskforce = models.OneToOneField(
        "taskforces.TaskForce",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forum_space",
        help_text="Task force groups only: its approved members read and post.",
    )
    region = models.OneToOneField(
        "taskforces.Region",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="forum_space",
        help_text="Regional groups only: members of this region and its navigators.",
    )
    discipline = models.CharField(
        max_length=30,
        blank=True,
        help_text="Discipline groups only, e.g. “prosecution” for a prosecutors-only group.",
    )
    is_archived = models.BooleanField(
        default=False, help_text="Archived spaces can be read but not posted to."
    )
    topic_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SpaceQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("position"),
        FieldPanel("taskforce"),
        FieldPanel("region"),
        FieldPanel("discipline"),
        FieldPanel("is_archived"),
        InlinePanel("roles", label="Invited members and moderators"),
    ]

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        needs = {
            SpaceKind.TASKFORCE: ("taskforce", "a task force"),
            SpaceKind.REGION: ("region", "a region"),
            SpaceKind.DISCIPLINE: ("discipline", "a discipline"),
        }
        if self.kind in needs:
            field, label = needs[self.kind]
            if not getattr(self, field if field == "discipline" else f"{field}_id"):
                raise ValidationError(
                    {field: f"A {self.get_kind_display().lower()} needs {label}."}
                )

    def get_absolute_url(self):
        return reverse("forum:space", kwargs={"slug": self.slug})

    @property
    def is_restricted(self) -> bool:
        """Private groups: reads and downloads are logged, emails carry only a link."""
        return self.kind != SpaceKind.CATEGORY


class SpaceRoleKind(models.TextChoices):
    MEMBER = "member", "Invited member"
    MODERATOR = "moderator", "Moderator"


class SpaceRole(models.Model):
    """An invitation to an invite-only group, or a moderator scoped to one space."""

    space = ParentalKey(Space, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_roles"
    )
    role = models.CharField(max_length=20, choices=SpaceRoleKind.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "user", "role"], name="forum_role_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} of {self.space}"


class Tag(models.Model):
    name = models.CharField(max_length=40, unique=True)
    slug = models.SlugField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:tag", kwargs={"slug": self.slug})


class TopicQuerySet(models.QuerySet):
    def listed(self):
        """Topics readers see in lists (moderators see hidden ones on the topic page)."""
        return self.filter(is_hidden=False, deleted_at__isnull=True)

    def in_spaces(self, spaces):
        return self.filter(space__in=spaces)

    def questions(self):
        return self.filter(is_question=True)

    def unanswered(self):
        return self.questions().filter(reply_count=0, solution__isnull=True)

    def unsolved(self):
        return self.questions().filter(solution__isnull=True)


class Topic(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_topics"
    )
    is_question = models.BooleanField(default=False)
    solution = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="topics")
    is_locked = models.BooleanField(default=False)
    is_pinned = models.BooleanField(default=False)
    is_hidden = models.BooleanField(default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    slow_mode_seconds = models.PositiveIntegerField(
        default=0, help_text="When set, each member may post here once per this many seconds."
    )
    # Posts are numbered 1, 2, 3 … within a topic; pages are ranges of numbers.
    last_number = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    library_draft_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="The draft library resource made from this topic."
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-last_post_at"]
        indexes = [
            models.Index(fields=["space", "-is_pinned", "-last_post_at"]),
            models.Index(fields=["-last_post_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forum:topic", kwargs={"pk": self.pk})

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class PostStatus(models.TextChoices):
    PUBLISHED = "published", "Published"
    PENDING = "pending", "Waiting for a moderator"
    HIDDEN = "hidden", "Hidden by a moderator"
    DELETED = "deleted", "Deleted"
    PURGED = "purged", "Purged"


class PostQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PostStatus.PUBLISHED)


class Post(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts"
    )
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(help_text="Markdown, as the author wrote it.")
    body_html = models.TextField(editable=False, help_text="Rendered and cleaned once, on save.")
    status = models.CharField(
        max_length=20, choices=PostStatus.choices, default=PostStatus.PUBLISHED
    )
    moderation_reason = models.CharField(max_length=300, blank=True)
    guard_findings = models.CharField(
        max_length=300, blank=True, help_text="What the guard found when sent for approval."
    )
    helpful_count = models.PositiveIntegerField(default=0)
    edit_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    linked_pages = models.ManyToManyField(
        "wagtailcore.Page", blank=True, related_name="+", help_text="Pages shown as cards."
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["topic", "number"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "number"], name="forum_post_number")
        ]
        indexes = [models.Index(fields=["author", "-created_at"])]

    def __str__(self):
        return f"#{self.number} in {self.topic}"

    def get_absolute_url(self):
        return reverse("forum:post", kwargs={"pk": self.pk})

    @property
    def is_first(self) -> bool:
        return self.number == 1

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.PUBLISHED


class PostRevision(models.Model):
    """The text a post had before an edit: the visible edit history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    body_html = models.TextField()
    title = models.CharField(max_length=200, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Revision of {self.post_id} at {self.created_at:%Y-%m-%d %H:%M}"


def attachment_path(instance, filename):
    return f"forum/attachments/{instance.space_id}/{filename}"


class AttachmentKind(models.TextChoices):
    IMAGE = "image", "Image"
    DOCUMENT = "document", "Document"


class Attachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(upload_to=attachment_path, max_length=255)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("forum:attachment", kwargs={"pk": self.pk})

    @property
    def is_image(self) -> bool:
        return self.kind == AttachmentKind.IMAGE


class Reaction(models.Model):
    """“This was helpful.” One per member per post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reactions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="forum_reaction_unique")
        ]

    def __str__(self):
        return f"{self.user_id} found {self.post_id} helpful"


class Level(models.TextChoices):
    WATCHING = "watching", "Watching: tell me about every new post"
    TRACKING = "tracking", "Tracking: count unread posts, tell me when I’m mentioned or answered"
    MUTED = "muted", "Muted: never tell me, hide from my latest list"


class Subscription(models.Model):
    """How closely a member follows a space or a topic (a topic's setting wins)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    space = models.ForeignKey(
        Space, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    level = models.CharField(max_length=10, choices=Level.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "space"], condition=models.Q(topic=None), name="forum_sub_space"
            ),
            models.UniqueConstraint(
                fields=["user", "topic"], condition=models.Q(space=None), name="forum_sub_topic"
            ),
            models.CheckConstraint(
                condition=models.Q(space__isnull=True) ^ models.Q(topic__isnull=True),
                name="forum_sub_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.user_id}: {self.level}"


class TopicRead(models.Model):
    """How far a member has read a topic: the highest post number they have seen."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reads")
    last_read_number = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="forum_read_unique")]

    def __str__(self):
        return f"{self.user_id} read {self.topic_id} to #{self.last_read_number}"


class NotificationKind(models.TextChoices):
    REPLY = "reply", "replied"
    MENTION = "mention", "mentioned you"
    QUOTE = "quote", "quoted you"
    WATCHING = "watching", "posted"
    SOLUTION = "solution", "marked your answer as the solution"
    MODERATION = "moderation", "moderation"
    FLAG = "flag", "reported a post"
    APPROVAL = "approval", "asked a moderator to approve a post"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    topic = models.ForeignKey(Topic, null=True, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, null=True, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.CharField(max_length=400, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.user_id}"


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", "Email me each notification"
    NONE = "none", "No emails for single notifications"


class Digest(models.TextChoices):
    NONE = "none", "No digest"
    DAILY = "daily", "Daily digest"
    WEEKLY = "weekly", "Weekly digest"


class ForumProfile(models.Model):
    """A member's forum handle (for @mentions) and email preferences."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_profile"
    )
    handle = models.SlugField(max_length=40, unique=True)
    email_mode = models.CharField(
        max_length=10, choices=EmailMode.choices, default=EmailMode.IMMEDIATE
    )
    digest = models.CharField(max_length=10, choices=Digest.choices, default=Digest.WEEKLY)
    last_digest_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"@{self.handle}"

    @staticmethod
    def handle_base(user) -> str:
        return (slugify(user.display_name or user.email.split("@")[0]) or "member")[:34]


class Draft(models.Model):
    """What a member is writing, kept while they write (autosave) until they post."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=40, help_text="space-<id>, topic-<id> or post-<id>.")
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    tags = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="forum_draft_key")]

    def __str__(self):
        return f"Draft {self.key} of {self.user_id}"


class FlagReason(models.TextChoices):
    IDENTIFIES_VICTIM = "identifies_victim", "Identifies a victim or survivor"
    CASE_SENSITIVE = "case_sensitive", "Shares case-sensitive information"
    HARASSMENT = "harassment", "Harassment or disrespect"
    MISINFORMATION = "misinformation", "Misleading or unsafe advice"
    SPAM = "spam", "Spam or advertising"
    OTHER = "other", "Something else"


# Reasons serious enough that the post is hidden at once while a moderator looks.
URGENT_FLAG_REASONS = frozenset({FlagReason.IDENTIFIES_VICTIM, FlagReason.CASE_SENSITIVE})


class FlagResolution(models.TextChoices):
    HIDDEN = "hidden", "Post hidden"
    EDITED = "edited", "Post edited by a moderator"
    DISMISSED = "dismissed", "No action needed"


class Flag(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=30, choices=FlagReason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolution = models.CharField(max_length=20, choices=FlagResolution.choices, blank=True)
    resolution_note = models.CharField(max_length=500, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_reason_display()} – {self.post}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("This log is append-only.")

    def delete(self):
        raise PermissionError("This log is append-only.")


class AppendOnlyModel(models.Model):
    """Rows are written once and never changed or removed (by the ORM)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("This log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("This log is append-only.")


class ModerationAction(models.TextChoices):
    HIDE = "hide", "Hid a post"
    RESTORE = "restore", "Restored a post"
    EDIT = "edit", "Edited a post"
    DELETE = "delete", "Deleted a post"
    PURGE = "purge", "Purged"
    APPROVE = "approve", "Approved a post"
    REJECT = "reject", "Declined a post"
    LOCK = "lock", "Locked a topic"
    UNLOCK = "unlock", "Unlocked a topic"
    PIN = "pin", "Pinned a topic"
    UNPIN = "unpin", "Unpinned a topic"
    HIDE_TOPIC = "hide_topic", "Hid a topic"
    RESTORE_TOPIC = "restore_topic", "Restored a topic"
    MOVE = "move", "Moved a topic"
    SPLIT = "split", "Split a topic"
    SLOW_MODE = "slow_mode", "Changed slow mode"
    RESOLVE_FLAG = "resolve_flag", "Resolved a report"
    AUTO_HIDE = "auto_hide", "Hid a post after an urgent report"
    TO_LIBRARY = "to_library", "Made a draft library resource"


class ModerationLogEntry(AppendOnlyModel):
    """What a moderator (or the system) did, and why. Never holds the post's text."""

    space = models.ForeignKey(Space, null=True, on_delete=models.SET_NULL, related_name="+")
    topic = models.ForeignKey(Topic, null=True, on_delete=models.SET_NULL, related_name="+")
    post = models.ForeignKey(Post, null=True, on_delete=models.SET_NULL, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=ModerationAction.choices)
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "moderation log entries"

    def __str__(self):
        return f"{self.actor or 'System'}: {self.get_action_display()}"


class AccessAction(models.TextChoices):
    READ = "read", "Read"
    DOWNLOAD = "download", "Downloaded"


class AccessLogEntry(AppendOnlyModel):
    """Who read which topic or downloaded which attachment in a private group."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, null=True, on_delete=models.SET_NULL, related_name="+")
    attachment = models.ForeignKey(
        Attachment, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "access log entries"
        indexes = [models.Index(fields=["space", "-created_at"])]

    def __str__(self):
        return f"{self.user_id} {self.action} in {self.space_id}"


def _patterns_changed() -> None:
    """Forget the guard's cached patterns now (for the rest of this transaction) and again
    at commit (in case another process cached the old ones in between)."""
    from .guard import forget_patterns

    forget_patterns()
    transaction.on_commit(forget_patterns)


class SensitivePatternQuerySet(models.QuerySet):
    """Bulk writes forget the guard's cached patterns, as saves and deletes do."""

    def update(self, **kwargs):
        result = super().update(**kwargs)
        _patterns_changed()
        return result

    def delete(self):
        result = super().delete()
        _patterns_changed()
        return result

    def bulk_create(self, *args, **kwargs):
        result = super().bulk_create(*args, **kwargs)
        _patterns_changed()
        return result


class SensitivePattern(models.Model):
    """What the guard looks for before a post is published. Editable by staff."""

    name = models.CharField(max_length=80)
    pattern = models.TextField(
        help_text="A Python regular expression; start it with (?i) to ignore case."
    )
    explanation = models.CharField(
        max_length=300, help_text="What the author is told, e.g. why it must not be shared."
    )
    is_active = models.BooleanField(default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("pattern"),
        FieldPanel("explanation"),
        FieldPanel("is_active"),
    ]

    objects = SensitivePatternQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        _patterns_changed()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        _patterns_changed()
        return result

    def clean(self):
        try:
            re.compile(self.pattern)
        except re.error as exc:
            raise ValidationError({"pattern": f"This is not a valid pattern: {exc}"}) from exc
