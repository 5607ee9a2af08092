"""My library: bookmarks, saved searches and their email alerts.

A saved search stores the library's filter query string; it is read only by
`library.browse.filter_resources`, the one place that understands it, so a saved search always
means what the same URL on the index page means, and never shows what the user may not open.
"""

from collections.abc import Callable
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone

import access
from core.emails import send_templated

from .browse import BadBrowseRequest, filter_resources
from .events import absolute_url, my_library_path
from .models import Bookmark, LibraryIndexPage, ResourcePage, SavedSearch

MAX_SAVED_SEARCHES = 50
MAX_ALERT_ITEMS = 25


# --- bookmarks -------------------------------------------------------------------------------


def is_bookmarked(user, page: ResourcePage) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Bookmark.objects.filter(user=user, page=page).exists()


def bookmark_toggle(*, user, page: ResourcePage) -> bool:
    """Bookmark the resource, or remove the bookmark it has; True when now bookmarked."""
    if not access.can(user, "library.view", page):
        raise ValidationError("This resource is not available to you.")
    with transaction.atomic():
        deleted, _ = Bookmark.objects.filter(user=user, page=page).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                Bookmark.objects.create(user=user, page=page)
        except IntegrityError:
            pass  # a second click that arrived at the same moment already made it
    return True


def bookmarks_for(user):
    """The user's bookmarks of live resources they may still open (a tier can change, and so
    can a membership)."""
    pages = ResourcePage.objects.live().visible_to(user)
    return (
        Bookmark.objects.filter(user=user, page__in=pages)
        .select_related("page")
        .order_by("-created_at", "-pk")
    )


# --- saved searches --------------------------------------------------------------------------


def _params(query: str) -> QueryDict:
    params = QueryDict(query.lstrip("?"), mutable=True)
    params.pop("page", None)  # a saved search starts at the first page
    return params


def canonical_query(user, query: str) -> str:
    """The query string as the browse code understands it (unknown values dropped), or a
    ValidationError saying why it cannot be saved."""
    if len(query) > SavedSearch._meta.get_field("query").max_length:
        raise ValidationError("That search is too long to save.")
    try:
        result = filter_resources(user, _params(query))
    except BadBrowseRequest as exc:
        raise ValidationError(str(exc)) from exc
    if not result.is_filtered:
        raise ValidationError("Choose at least one filter or enter search words before saving.")
    return result.query_string()


class SavedSearchForm(forms.Form):
    name = forms.CharField(max_length=120, strip=True)
    query = forms.CharField(max_length=1000, strip=True, widget=forms.HiddenInput)
    alert = forms.BooleanField(
        required=False, label="Email me when a new resource matches this search"
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_query(self):
        return canonical_query(self.user, self.cleaned_data["query"])


def saved_search_create(*, user, name: str, query: str, alert: bool = False) -> SavedSearch:
    """Save a library search; the same query saved again is updated rather than repeated."""
    query = canonical_query(user, query)
    name = name.strip()[:120]
    if not name:
        raise ValidationError("Give the search a name.")
    with transaction.atomic():
        existing = SavedSearch.objects.filter(user=user, query=query).first()
        if existing is not None:
            existing.name, existing.alert = name, alert
            existing.save(update_fields=["name", "alert"])
            return existing
        if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
            raise ValidationError(
                f"You can keep up to {MAX_SAVED_SEARCHES} saved searches; delete one first."
            )
        return SavedSearch.objects.create(user=user, name=name, query=query, alert=alert)


def saved_search_set_alert(*, saved_search: SavedSearch, alert: bool) -> SavedSearch:
    if alert and not saved_search.alert:
        # Alerts cover what is published from now on, not the whole back catalogue.
        saved_search.last_alerted_at = timezone.now()
    saved_search.alert = alert
    saved_search.save(update_fields=["alert", "last_alerted_at"])
    return saved_search


def saved_search_delete(*, saved_search: SavedSearch) -> None:
    saved_search.delete()


def library_index_url() -> str:
    index = LibraryIndexPage.objects.live().first()
    return index.url if index is not None and index.url else "/library/"


def saved_search_url(saved_search: SavedSearch) -> str:
    return f"{library_index_url()}?{saved_search.query}"


def new_matches(saved_search: SavedSearch, *, since: datetime, until: datetime):
    """Resources first published in (since, until] that match and that the owner may open."""
    try:
        result = filter_resources(saved_search.user, _params(saved_search.query))
    except BadBrowseRequest:
        return ResourcePage.objects.none()
    if not result.is_filtered:
        # Every filter it had is gone (a topic was deleted, say): it would match everything.
        return ResourcePage.objects.none()
    return result.queryset.filter(
        first_published_at__gt=since, first_published_at__lte=until
    ).order_by("-first_published_at", "-pk")


def send_search_alerts(*, now: datetime | None = None, log: Callable[[str], None] | None = None):
    """Email each alerting user the resources published since their last alert that match a
    saved search and that THEY may open, then move the alert's clock on."""
    now = now or timezone.now()
    log = log or (lambda message: None)
    searches = SavedSearch.objects.filter(alert=True, user__is_active=True).select_related("user")
    sent = 0
    for saved_search in searches.order_by("user_id", "pk"):
        since = saved_search.last_alerted_at or saved_search.created_at
        matches = list(new_matches(saved_search, since=since, until=now)[: MAX_ALERT_ITEMS + 1])
        if matches:
            send_templated(
                "library/emails/search_alert",
                to=[saved_search.user.email],
                context={
                    "saved_search": saved_search,
                    "items": [
                        {"title": page.title, "url": absolute_url(page.url or "/")}
                        for page in matches[:MAX_ALERT_ITEMS]
                    ],
                    "more": len(matches) > MAX_ALERT_ITEMS,
                    "search_url": absolute_url(saved_search_url(saved_search)),
                    "my_library_url": absolute_url(my_library_path()),
                },
            )
            sent += 1
            log(f"Alerted {saved_search.user.email}: {len(matches)} new for “{saved_search}”.")
        SavedSearch.objects.filter(pk=saved_search.pk).update(last_alerted_at=now)
    log(f"Sent {sent} search alert{'' if sent == 1 else 's'}.")
    return sent
