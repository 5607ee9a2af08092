"""Survivor Voices: who reads a work and its files, who submits, who approves and withdraws,
and who may connect a pseudonym to a person.

- A work is public only while it is live and the author's consent to this website is in force
  (not ended, not withdrawn); its author and staff also see it (e.g. her own draft files).
- Its images, their resized copies and its recordings follow the work: no URL reaches the
  files of an unpublished or withdrawn work.
- Survivor-leaders submit work. Only the author approves, changes her consent or withdraws
  her own work; an editor with ``survivors.withdraw_on_behalf`` may withdraw for her.
- Only advocates (``survivors.view_legal_identity``) may see who is behind a pseudonym.
"""

from .core import Viewer, filter_rule, rule
from .media import register_file_prefix, register_image_rule
from .pages import register_page_rule


def _work_readable(viewer: Viewer, work) -> bool:
    if viewer.is_staff or (viewer.is_authenticated and viewer.id == work.author_id):
        return True
    from survivors.models import Channel

    return bool(work.live) and work.consent_allows(Channel.WEBSITE)


def _register_pages() -> None:
    from survivors.models import VoicesWork

    register_page_rule(VoicesWork, _work_readable)


_register_pages()


@rule("survivors.submit")
def can_submit(viewer: Viewer, obj=None) -> bool:
    return viewer.is_survivor_leader


@rule("survivors.work.manage")
def is_author(viewer: Viewer, work) -> bool:
    """Approve, request changes, withdraw: the author, and only her."""
    return viewer.is_authenticated and work.author_id == viewer.id


@filter_rule("survivors.work.manage")
def own_works(viewer: Viewer, queryset):
    if not viewer.is_authenticated:
        return queryset.none()
    return queryset.filter(author_id=viewer.id)


@rule("survivors.withdraw_on_behalf")
def can_withdraw_on_behalf(viewer: Viewer, work=None) -> bool:
    return viewer.has_perm("survivors.withdraw_on_behalf")


@rule("survivors.view_legal_identity")
def can_view_legal_identity(viewer: Viewer, obj=None) -> bool:
    return viewer.has_perm("survivors.view_legal_identity")


def _image_rule(viewer: Viewer, image):
    from survivors.models import ExhibitionImage

    uses = list(
        ExhibitionImage.objects.filter(image=image)
        .select_related("page")
        .values_list("page_id", flat=True)
    )
    if not uses:
        return None
    from survivors.models import ExhibitionPage

    return any(_work_readable(viewer, work) for work in ExhibitionPage.objects.filter(pk__in=uses))


register_image_rule(_image_rule)


def _media_rule(viewer: Viewer, name: str) -> bool:
    from survivors.models import SpokenWordPage

    work = SpokenWordPage.objects.filter(media_file=name).first()
    return work is not None and _work_readable(viewer, work)


register_file_prefix("voices/", _media_rule)
