"""Survivor Voices in the Wagtail admin: publishing a work needs the author's approval of that
exact revision; an editor with the permission may withdraw on an author's behalf; content
note themes as snippets. Consent records are written only by the author's own actions, so
they have no admin form."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import access

from .models import ConsentRequired, ContentTheme, VoicesWork


@hooks.register("before_publish_page")
def publish_only_what_the_author_approved(request, page):
    page = page.specific
    if not isinstance(page, VoicesWork):
        return None
    try:
        page.check_consent(page.get_latest_revision())
    except ConsentRequired as refusal:
        messages.error(request, str(refusal))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("register_log_actions")
def survivors_log_actions(actions):
    actions.register_action(
        "survivors.withdraw", "Withdraw (author's consent)", "Withdrawn by its author"
    )
    actions.register_action(
        "survivors.withdraw_image",
        "Withdraw one image (author's consent)",
        "An image withdrawn by its author",
    )
    actions.register_action(
        "survivors.consent_ended", "Unpublish (consent ended)", "Unpublished: consent ended"
    )


@hooks.register("register_page_listing_more_buttons")
def withdraw_on_behalf_button(page, user, next_url=None):
    if isinstance(page.specific_deferred, VoicesWork) and access.can(
        user, "survivors.withdraw_on_behalf"
    ):
        yield Button(
            "Withdraw on the author’s behalf",
            reverse("survivors:withdraw_on_behalf", args=[page.pk]),
            priority=90,
        )


@hooks.register("register_permissions")
def survivors_permissions():
    return Permission.objects.filter(
        content_type__app_label="survivors",
        codename__in=["view_legal_identity", "withdraw_on_behalf"],
    )


class ContentThemeViewSet(SnippetViewSet):
    model = ContentTheme
    icon = "warning"
    menu_label = "Content note themes"
    list_display = ["name"]


register_snippet(ContentThemeViewSet)
