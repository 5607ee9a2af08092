"""Every write in Survivor Voices: submission, the author's approval (which records her
consent), withdrawal, and the end of consent. Views, the admin, the expiry command and
seed_demo all come here.

Identity: the author is stored only in ``VoicesWork.author`` and ``ConsentRecord.author``.
Pages are owned by a neutral system account, revisions are saved under it, and every step the
author takes is logged without a user (Wagtail shows "system"), so no admin screen connects
her account to her pseudonym.
"""

import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    Comment,
    CommentReply,
    GroupApprovalTask,
    Page,
    PageLogEntry,
    ReferenceIndex,
    Revision,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

import access
from core.emails import send_templated
from search import registry as search_registry

from .models import (
    AuthorApprovalTask,
    Channel,
    ConsentRecord,
    ContentTheme,
    ExhibitionImage,
    ExhibitionPage,
    ImageWithdrawal,
    MagazineIssuePage,
    PiecePage,
    SpokenWordPage,
    SurvivorVoicesIndexPage,
    VoicesWork,
)

SYSTEM_OWNER_EMAIL = "survivor-voices@system.invalid"
WORKFLOW_NAME = "Survivor Voices: editors, then the author"
SEARCH_KIND = "voices"


# --- the section's fixtures --------------------------------------------------------------


def system_owner():
    """The neutral account that owns every work and saves its revisions. It cannot sign in."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=SYSTEM_OWNER_EMAIL,
        defaults={"display_name": "Survivor Voices", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def voices_index() -> SurvivorVoicesIndexPage:
    index = SurvivorVoicesIndexPage.objects.first()
    if index is None:
        raise ValidationError("Survivor Voices is not set up yet.")
    return index


def voices_collection() -> Collection:
    """Works' images live outside the root collection, so that no rule reads them by default."""
    existing = Collection.objects.filter(name="Survivor Voices").first()
    if existing is not None:
        return existing
    return Collection.get_first_root_node().add_child(name="Survivor Voices")


def voices_workflow() -> Workflow:
    """Editors review (and comment), then the author approves the exact version."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.workflow_tasks.exists():
        editors, _ = Group.objects.get_or_create(name="Editors")
        review = GroupApprovalTask.objects.create(name="Survivor Voices: editors’ review")
        review.groups.add(editors)
        author = AuthorApprovalTask.objects.create(name="Author approval")
        WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=author, sort_order=1)
    index = SurvivorVoicesIndexPage.objects.first()
    if index is not None:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


# --- submission --------------------------------------------------------------------------


@dataclass
class ImageUpload:
    clean: object  # core.uploads.CleanImage
    alt_text: str
    caption: str = ""
    medium: str = ""


@dataclass
class Submission:
    kind: str  # writing, poetry, art, spoken_word
    title: str
    body: str = ""
    content_note: str = ""
    themes: list = field(default_factory=list)
    statement: str = ""
    channels: set = field(default_factory=set)
    issue: MagazineIssuePage | None = None
    images: list[ImageUpload] = field(default_factory=list)
    media: object = None  # survivors.media.CleanMedia
    transcript: str = ""
    event: object = None  # the art show an exhibition belongs to


def _slug(title: str) -> str:
    # From the title (which is public anyway) and a random tail, never from a name.
    return f"{slugify(title)[:50].strip('-') or 'work'}-{secrets.token_hex(3)}"


@transaction.atomic
def work_submit(*, author, submission: Submission) -> VoicesWork:
    """A survivor-leader's submission: a draft owned by the system account, in the workflow."""
    access.require(author, "survivors.submit")
    owner = system_owner()
    common = {
        "title": submission.title,
        "slug": _slug(submission.title),
        "author": author,
        "owner": owner,
        "live": False,
        "content_note": submission.content_note,
        "statement": submission.statement,
    }
    index = voices_index()
    if submission.kind in ("writing", "poetry"):
        parent = submission.issue or open_issues().first()
        if parent is None:
            raise ValidationError("No magazine issue is open for submissions right now.")
        work = PiecePage(kind=submission.kind, body=submission.body, **common)
    elif submission.kind == "art":
        parent, work = index, ExhibitionPage(event=submission.event, **common)
    elif submission.kind == "spoken_word":
        parent = index
        work = SpokenWordPage(transcript=submission.transcript, **common)
        if submission.media is not None:
            work.media_file.save(
                f"voices/media/{submission.media.file.name}", submission.media.file, save=False
            )
            work.media_kind = submission.media.kind
            work.media_type = submission.media.content_type
    else:
        raise ValidationError("Please choose what kind of work this is.")
    parent.add_child(instance=work)
    work.content_note_themes.set(submission.themes)
    if isinstance(work, ExhibitionPage):
        Image = get_image_model()
        collection = voices_collection()
        for number, upload in enumerate(submission.images, start=1):
            image = Image(
                title=f"{submission.title} ({number})",
                file=upload.clean.file,
                collection=collection,
                uploaded_by_user=None,
            )
            image.save()
            ExhibitionImage.objects.create(
                page=work,
                image=image,
                alt_text=upload.alt_text,
                caption=upload.caption,
                medium=upload.medium,
                sort_order=number,
            )
    work.save_revision(user=owner, log_action=False)
    # The channels she chose now; she confirms them when she approves the final version.
    ConsentRecord.objects.create(
        work=work,
        author=author,
        version=0,
        website=Channel.WEBSITE in submission.channels,
        print_magazine=Channel.PRINT in submission.channels,
        exhibition=Channel.EXHIBITION in submission.channels,
    )
    voices_workflow().start(work, user=None)
    notify_editors()
    return work


def open_issues():
    return MagazineIssuePage.objects.filter(accepts_submissions=True).order_by("-issue_date")


# --- the author's approval ---------------------------------------------------------------


def pending_author_task(work) -> TaskState | None:
    state = work.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    task_state = state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    if not isinstance(task_state.task.specific, AuthorApprovalTask):
        return None
    return task_state


def _awaiting_her(work) -> TaskState:
    task_state = pending_author_task(work)
    if task_state is None:
        raise ValidationError("This work is not waiting for your approval.")
    return task_state


def requested_channels(work) -> set[str]:
    record = ConsentRecord.objects.filter(work=work).first()
    return {c.value for c in Channel if record and getattr(record, c.value)}


@transaction.atomic
def work_approve(
    *, work, user, revision_id: int, channels: set[str], ends_on: date | None = None
) -> ConsentRecord:
    """The author approves the exact version she read: her consent is recorded against that
    revision and the work is published (after the cooling-off period, if one is set)."""
    work = work.specific
    access.require(user, "survivors.work.manage", work)
    task_state = _awaiting_her(work)
    revision = work.get_latest_revision()
    if revision is None or revision.pk != revision_id:
        raise ValidationError(
            "The work changed while you were reading it. Please read the new version first."
        )
    if ends_on is not None and ends_on <= timezone.localdate():
        raise ValidationError("The end date must be in the future.")
    hours = int(getattr(settings, "SURVIVORS_COOLING_OFF_HOURS", 0) or 0)
    if hours > 0 and Channel.WEBSITE in channels:
        # Publication waits: Wagtail's scheduled publishing reads go_live_at from the revision.
        revision.content["go_live_at"] = (timezone.now() + timedelta(hours=hours)).isoformat()
        revision.save(update_fields=["content"])
    consent = ConsentRecord.objects.create(
        work=work,
        author=user,
        version=_next_version(work),
        website=Channel.WEBSITE in channels,
        print_magazine=Channel.PRINT in channels,
        exhibition=Channel.EXHIBITION in channels,
        approved_revision=revision,
        granted_at=timezone.now(),
        ends_on=ends_on,
    )
    if Channel.WEBSITE in channels:
        task_state.approve(user=None)  # finishes the workflow, which publishes (checked)
    else:
        # Approved for print or exhibitions only: nothing goes on this website.
        task_state.workflow_state.cancel(user=None)
    notify_editors()
    return consent


def _next_version(work) -> int:
    current = ConsentRecord.objects.filter(work=work).aggregate(Max("version"))["version__max"]
    return (current or 0) + 1


@transaction.atomic
def work_request_changes(*, work, user, comment: str) -> None:
    """The author sends the work back to the editors with a note."""
    work = work.specific
    access.require(user, "survivors.work.manage", work)
    task_state = _awaiting_her(work)
    task_state.reject(user=None, comment=comment)
    notify_editors()


@transaction.atomic
def work_note(*, work, user, text: str, reply_to: int | None = None):
    """The author writes to the editors about her work, at any time while it exists: a reply
    in one of their comment threads, or a new comment. Saved under the section's neutral
    account, so the admin shows the words but never whose account wrote them."""
    work = work.specific
    access.require(user, "survivors.work.manage", work)
    text = text.strip()
    if not text:
        raise ValidationError("Please write your note.")
    if reply_to is not None:
        comment = Comment.objects.filter(page=work, pk=reply_to).first()
        if comment is None:
            raise ValidationError("That conversation is no longer open. Send a new note.")
        note = CommentReply.objects.create(comment=comment, user=system_owner(), text=text)
    else:
        note = Comment.objects.create(
            page=work,
            user=system_owner(),
            text=text,
            contentpath="title",
            revision_created=work.get_latest_revision(),
        )
    notify_editors()
    return note


EDITABLE = ("title", "content_note", "content_note_themes", "statement", "body", "transcript")
EDITABLE_IMAGE = ("alt_text", "caption", "medium")


@transaction.atomic
def work_edit(*, work, user, fields: dict, images: dict | None = None) -> Revision:
    """She changes her own words (and her images' descriptions) at any time. The new version
    goes back to the editors and then to her for approval, like a new submission; what is
    published stays as it is until she approves the new version."""
    work = work.specific
    access.require(user, "survivors.work.manage", work)
    draft = work.get_latest_revision_as_object()
    for name, value in fields.items():
        if name not in EDITABLE or not hasattr(draft, name):
            continue
        if name == "content_note_themes":
            draft.content_note_themes = list(value)
        else:
            setattr(draft, name, value.strip() if name == "title" else value)
    if images and isinstance(draft, ExhibitionPage):
        items = list(draft.gallery_images.all())  # each all() gives fresh copies
        for item in items:
            for name, value in images.get(item.image_id, {}).items():
                if name in EDITABLE_IMAGE:
                    setattr(item, name, value)
        draft.gallery_images = items
    revision = draft.save_revision(user=system_owner(), log_action=False)
    state = work.current_workflow_state
    if state is not None:
        state.cancel(user=None)
    voices_workflow().start(Page.objects.get(pk=work.pk).specific, user=None)
    notify_editors()
    return revision


# --- withdrawal and the end of consent -----------------------------------------------------


def relative_path(work) -> str:
    index = voices_index()
    return work.url_path.removeprefix(index.url_path).strip("/")


@transaction.atomic
def work_withdraw(*, work, user, on_behalf: bool = False) -> ConsentRecord:
    """Withdraw a work: unpublished, its files, resized copies and revisions deleted, out of
    search, sitemap and feed; its address answers 410. Logged (without the work's title)."""
    work = work.specific
    allowed = "survivors.withdraw_on_behalf" if on_behalf else "survivors.work.manage"
    access.require(user, allowed, work)
    now = timezone.now()
    path = relative_path(work)
    record = ConsentRecord.objects.filter(work=work).first()
    if record is None:
        record = ConsentRecord(work=work, author_id=work.author_id, version=1)
    record.withdrawn_at = now
    record.withdrawn_by = user if on_behalf else None
    record.on_behalf = on_behalf
    record.withdrawn_path = path
    record.save()
    ConsentRecord.objects.filter(work=work).update(withdrawn_at=now)

    entry = log(
        instance=work,
        action="survivors.withdraw",
        user=user if on_behalf else None,
        title="Withdrawn work",
        data={"on_behalf": on_behalf, "consent_record": record.pk},
    )

    files = _stored_files(work)
    images = (
        [item.image for item in work.gallery_images.all()]
        if isinstance(work, ExhibitionPage)
        else []
    )
    page_type = ContentType.objects.get_for_model(Page)
    WorkflowState.objects.filter(base_content_type=page_type, object_id=str(work.pk)).delete()
    Revision.objects.filter(base_content_type=page_type, object_id=str(work.pk)).delete()
    search_registry.remove(SEARCH_KIND, work.pk)
    work_id = work.pk
    Page.objects.get(pk=work_id).delete()
    # The other entries (and the deletion's own) carry the work's title; she asked for it
    # to be gone. Ours stays, titled "Withdrawn work".
    PageLogEntry.objects.filter(page_id=work_id).exclude(pk=getattr(entry, "pk", None)).delete()
    for image in images:
        image.delete()
    transaction.on_commit(lambda: _delete_files(files))
    return record


@transaction.atomic
def image_withdraw(*, work, image_id: int, user, on_behalf: bool = False) -> ImageWithdrawal:
    """Take one image out of a gallery and leave the rest as it is. The image, its resized
    copies and its files are deleted, and it is cut out of every saved version (so the version
    the author approved is still the one that is live, without it); the gallery's search entry
    is rebuilt and the gallery says an image was withdrawn by its author. Withdrawing the last
    image is withdrawing the work: ``work_withdraw``."""
    work = work.specific
    allowed = "survivors.withdraw_on_behalf" if on_behalf else "survivors.work.manage"
    access.require(user, allowed, work)
    if not isinstance(work, ExhibitionPage):
        raise ValidationError("Only a gallery has images to withdraw one by one.")
    page_type = ContentType.objects.get_for_model(Page)
    revisions = list(
        Revision.objects.select_for_update().filter(
            base_content_type=page_type, object_id=str(work.pk)
        )
    )
    in_gallery = {item.image_id for item in work.gallery_images.all()}
    in_versions = {
        entry.get("image")
        for revision in revisions
        for entry in revision.content.get("gallery_images", [])
    }
    if image_id not in in_gallery | in_versions:
        raise ValidationError("That image is not part of this gallery.")
    if not (in_gallery | in_versions) - {image_id}:
        raise ValidationError("It is the gallery's only image: withdraw the whole work instead.")

    for revision in revisions:
        entries = revision.content.get("gallery_images", [])
        kept = [entry for entry in entries if entry.get("image") != image_id]
        if len(kept) != len(entries):
            revision.content["gallery_images"] = kept
            revision.save(update_fields=["content"])
    ExhibitionImage.objects.filter(page=work, image_id=image_id).delete()
    files = []
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        files = [image.file.name, *image.renditions.values_list("file", flat=True)]
        image.delete()
    ReferenceIndex.create_or_update_for_object(work)

    withdrawal = ImageWithdrawal.objects.create(
        work=work,
        author_id=work.author_id,
        withdrawn_by=user if on_behalf else None,
        on_behalf=on_behalf,
    )
    log(
        instance=work,
        action="survivors.withdraw_image",
        user=user if on_behalf else None,
        data={"on_behalf": on_behalf, "image_withdrawal": withdrawal.pk},
    )
    search_registry.reindex(work)
    transaction.on_commit(lambda: _delete_files(files))
    return withdrawal


def _stored_files(work) -> list[str]:
    names = []
    if isinstance(work, SpokenWordPage) and work.media_file:
        names.append(work.media_file.name)
    if isinstance(work, ExhibitionPage):
        for item in work.gallery_images.select_related("image"):
            names.append(item.image.file.name)
            names.extend(item.image.renditions.values_list("file", flat=True))
    return names


def _delete_files(names: list[str]) -> None:
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)


def consent_expire(*, today: date | None = None, progress=None) -> list[int]:
    """Unpublish every live work whose author's consent ended. Returns their ids."""
    today = today or timezone.localdate()
    ended = []
    for work in VoicesWork.objects.live().specific():
        consent = work.consent()
        if consent is not None and consent.ends_on is not None and consent.ends_on <= today:
            with transaction.atomic():
                work.unpublish(log_action="survivors.consent_ended")
                search_registry.remove(SEARCH_KIND, work.pk)
            ended.append(work.pk)
            if progress:
                progress(f"Unpublished work {work.pk}: consent ended on {consent.ends_on}.")
    return ended


def ensure_themes(names) -> list[ContentTheme]:
    return [ContentTheme.objects.get_or_create(name=name)[0] for name in names]


# --- neutral emails ------------------------------------------------------------------------


def notify_author(work) -> None:
    """The author's inbox may not be private: no title, excerpt or pseudonym."""
    author = getattr(work, "author", None)
    if author is not None and author.email:
        send_templated("survivors/email/update", to=[author.email], context={})


def notify_editors() -> None:
    editors = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(groups__name="Editors")
        .exclude(email=SYSTEM_OWNER_EMAIL)
    )
    send_templated(
        "survivors/email/editors",
        to=sorted({u.email for u in editors}),
        context={},
    )
