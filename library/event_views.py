"""Views for webinars and trainings (registration, calendars, the events list) and for My
library (bookmarks, saved searches). Every object is fetched through the access policy, so a
resource the viewer may not open answers 404 exactly like one that does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

import access

from . import events, mylibrary
from .models import (
    EventSession,
    Registration,
    RegistrationStatus,
    ResourcePage,
    SavedSearch,
    WebinarSeries,
)

EVENTS_PER_PAGE = 20
FEED_LIMIT = 300


def _back(request, fallback: str):
    """Back to where the form was (a resource page, My library), never off the site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _session_or_404(user, pk: int) -> EventSession:
    page = access.get_object_or_404(
        user, "library.view", ResourcePage.objects.live(), sessions__pk=pk
    )
    session = page.sessions.get(pk=pk)
    session.page = page
    return session


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- registration ----------------------------------------------------------------------------


@login_required
@require_POST
def session_register(request, pk):
    session = _session_or_404(request.user, pk)
    try:
        registration = events.registration_create(session=session, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(request, session.page.url)
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(
            request,
            f"You are registered for “{session.page.title}”, {events.when_text(session)}.",
        )
    else:
        position = events.waitlist_position(registration)
        messages.warning(
            request,
            f"This training is full; you are number {position} on the waitlist. "
            "We will email you if a seat opens.",
        )
    return _back(request, session.page.url)


@login_required
@require_POST
def session_cancel(request, pk):
    session = _session_or_404(request.user, pk)
    registration = events.active_registration(session, request.user)
    if registration is None:
        messages.info(request, "You were not registered for this session.")
    else:
        events.registration_cancel(registration=registration, by=request.user)
        messages.success(request, f"Your registration for “{session.page.title}” is cancelled.")
    return _back(request, session.page.url)


# --- calendars -------------------------------------------------------------------------------


@require_GET
def session_ics(request, pk):
    """One session as a calendar file: "Add to calendar" in one click."""
    session = _session_or_404(request.user, pk)
    body = events.calendar_bytes([session], name=session.page.title)
    return _ics_response(body, f"{session.page.slug}-{session.pk}.ics")


@require_GET
def series_ics(request, slug):
    """Every session of a webinar series that the viewer may open. Calendar apps subscribe
    without signing in, so a subscription shows the public webinars."""
    series = get_object_or_404(WebinarSeries, slug=slug)
    sessions = (
        events.visible_sessions(request.user)
        .filter(page__webinarpage__series=series)
        .order_by("start", "pk")[:FEED_LIMIT]
    )
    return _ics_response(events.calendar_bytes(sessions, name=series.name), f"{series.slug}.ics")


@require_GET
def upcoming_ics(request):
    sessions = events.upcoming_sessions(request.user)[:FEED_LIMIT]
    return _ics_response(
        events.calendar_bytes(sessions, name="Upcoming webinars and trainings"), "upcoming.ics"
    )


# --- the events list -------------------------------------------------------------------------


@require_GET
def event_list(request):
    """Upcoming or past webinars and trainings, only those the viewer may open."""
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    sessions = (
        events.past_sessions(request.user)
        if when == "past"
        else events.upcoming_sessions(request.user)
    )
    series_list = list(WebinarSeries.objects.order_by("name"))
    chosen_series = next((s for s in series_list if s.slug == request.GET.get("series")), None)
    if chosen_series is not None:
        sessions = sessions.filter(page__webinarpage__series=chosen_series)
    paginator = Paginator(sessions, EVENTS_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage as exc:
        raise Http404 from exc
    rows = [{"session": s, "when": events.when_text(s)} for s in page_obj.object_list]
    return render(
        request,
        "library/events/event_list.html",
        {
            "when": when,
            "rows": rows,
            "page_obj": page_obj,
            "series_list": series_list,
            "chosen_series": chosen_series,
        },
    )


# --- my library ------------------------------------------------------------------------------


def _my_registrations(user):
    pages = ResourcePage.objects.live().visible_to(user)
    now = timezone.now()
    registrations = (
        Registration.objects.filter(events.ACTIVE, user=user, session__page__in=pages)
        .select_related("session__page")
        .order_by("session__start", "pk")
    )
    upcoming, past = [], []
    for registration in registrations:
        session = registration.session
        row = {
            "registration": registration,
            "session": session,
            "when": events.when_text(session),
            "position": events.waitlist_position(registration),
        }
        (upcoming if session.end >= now else past).append(row)
    past.reverse()
    return upcoming, past


@login_required
@require_GET
def my_library(request):
    upcoming, past = _my_registrations(request.user)
    searches = [
        {"search": s, "url": mylibrary.saved_search_url(s)}
        for s in SavedSearch.objects.filter(user=request.user).order_by("-created_at", "-pk")
    ]
    return render(
        request,
        "library/my/my_library.html",
        {
            "bookmarks": mylibrary.bookmarks_for(request.user),
            "upcoming_registrations": upcoming,
            "past_registrations": past,
            "searches": searches,
        },
    )


@login_required
@require_POST
def bookmark_toggle(request, page_id):
    page = access.get_object_or_404(
        request.user, "library.view", ResourcePage.objects.live(), pk=page_id
    )
    now_bookmarked = mylibrary.bookmark_toggle(user=request.user, page=page)
    messages.success(
        request,
        f"“{page.title}” is in your library."
        if now_bookmarked
        else f"“{page.title}” is no longer bookmarked.",
    )
    return _back(request, page.url)


@login_required
def saved_search_create(request):
    """Save the library search the user is looking at. GET shows the form for the query in
    the address (the index page links here); POST saves it or shows what to fix."""
    data = request.POST if request.method == "POST" else None
    initial = {"query": request.GET.get("query", "")[:1000], "name": ""}
    form = mylibrary.SavedSearchForm(data, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = mylibrary.saved_search_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Saved “{saved.name}”."
                + (" We will email you when a new resource matches." if saved.alert else ""),
            )
            return redirect("library:my_library")
    status = 400 if request.method == "POST" else 200
    return render(request, "library/my/save_search.html", {"form": form}, status=status)


def _my_search_or_404(user, pk) -> SavedSearch:
    return get_object_or_404(SavedSearch, Q(user=user), pk=pk)


@login_required
@require_POST
def saved_search_alert(request, pk):
    saved_search = _my_search_or_404(request.user, pk)
    alert = request.POST.get("alert") == "on"
    mylibrary.saved_search_set_alert(saved_search=saved_search, alert=alert)
    messages.success(
        request,
        f"Email alerts for “{saved_search.name}” are {'on' if alert else 'off'}.",
    )
    return redirect("library:my_library")


@login_required
@require_POST
def saved_search_delete(request, pk):
    saved_search = _my_search_or_404(request.user, pk)
    mylibrary.saved_search_delete(saved_search=saved_search)
    messages.success(request, f"Deleted the saved search “{saved_search.name}”.")
    return redirect(reverse("library:my_library"))
