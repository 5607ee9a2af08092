"""Webinars and classroom trainings: registration with capacity and a waitlist, cancellation
with promotion from the waitlist, reminders before a session, and iCalendar files.

Seats are counted while the session row is locked, so two members asking for the last seat at
once cannot both get it: PostgreSQL locks the row (`select_for_update`); SQLite has no row
locks, but the settings open every transaction with BEGIN IMMEDIATE, which takes the
database's single write lock before the count is read.
"""

import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, Q
from django.utils import dateformat, timezone

import access
from core.emails import send_templated

from .models import (
    EventSession,
    Registration,
    RegistrationStatus,
    ResourceFormat,
    ResourcePage,
    WebinarPage,
)

ACTIVE = ~Q(status=RegistrationStatus.CANCELLED)
EVENT_FORMATS = (ResourceFormat.WEBINAR, ResourceFormat.CLASSROOM_TRAINING)


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def zone_of(session: EventSession) -> ZoneInfo:
    """The session's own time zone; a bad name (only possible outside the admin form, which
    validates it) falls back to the site's rather than breaking the page."""
    try:
        return ZoneInfo(session.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def local_start(session: EventSession) -> datetime:
    return session.start.astimezone(zone_of(session))


def local_end(session: EventSession) -> datetime:
    return session.end.astimezone(zone_of(session))


def when_text(session: EventSession) -> str:
    """ "Tuesday, December 1, 2026, 10:00 AM–12:30 PM CST", in the session's own time zone
    (emails and messages; templates use the `timezone` tag with the row's zone)."""
    start, end = local_start(session), local_end(session)
    if start.date() == end.date():
        return f"{dateformat.format(start, 'l, F j, Y, g:i A')}–{dateformat.format(end, 'g:i A T')}"
    return f"{dateformat.format(start, 'l, F j, Y, g:i A T')} to " + dateformat.format(
        end, "l, F j, Y, g:i A T"
    )


# --- who may register ------------------------------------------------------------------------


def external_registration_url(page: ResourcePage) -> str:
    """A webinar run by someone else registers people on their site."""
    if page.resource_format != ResourceFormat.WEBINAR:
        return ""
    if isinstance(page, WebinarPage):
        return page.registration_url
    urls = WebinarPage.objects.filter(pk=page.pk).values_list("registration_url", flat=True)
    return urls.first() or ""


def registration_refusal(*, session: EventSession, user, page: ResourcePage | None = None) -> str:
    """Why this user cannot register here ("" when they can). Built-in registration is for
    signed-in members of a task force who may open the resource."""
    page = page or session.page
    if external_registration_url(page):
        return "Registration for this webinar is on the organiser’s website."
    if user is None or not user.is_authenticated:
        return "Sign in to register."
    if not access.can(user, "library.view", page):
        return "This resource is not available to you."
    if not access.viewer_for(user).is_member:
        return "Registration is open to members of a task force."
    if session.start <= timezone.now():
        return "This session has started, so registration is closed."
    return ""


# --- seats -----------------------------------------------------------------------------------


def confirmed_count(session: EventSession) -> int:
    return session.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def seats_left(session: EventSession, confirmed: int | None = None) -> int | None:
    """Free seats, or None when the session has no limit."""
    if session.capacity is None:
        return None
    taken = confirmed_count(session) if confirmed is None else confirmed
    return max(0, session.capacity - taken)


def waitlist_position(registration: Registration) -> int | None:
    """1 for the next person to get a seat; None when not on the waitlist."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        session_id=registration.session_id, status=RegistrationStatus.WAITLISTED
    ).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def active_registration(session: EventSession, user) -> Registration | None:
    if user is None or not user.is_authenticated:
        return None
    return session.registrations.filter(ACTIVE, user=user).first()


# SQLite's shared-cache in-memory database (the test database) answers a held write lock at
# once instead of waiting for the busy timeout, so there a writer waits and tries again.
_LOCK_RETRIES = 200
_LOCK_PAUSE = 0.02


def _under_seat_lock(session_pk: int, work: Callable[[EventSession], object]):
    """Run `work(locked_session)` in a transaction that holds the session's seats."""
    for attempt in range(_LOCK_RETRIES):
        try:
            with transaction.atomic():
                locked = EventSession.objects.select_for_update().get(pk=session_pk)
                return work(locked)
        except OperationalError as exc:
            retry = connection.vendor == "sqlite" and "locked" in str(exc)
            if not retry or attempt == _LOCK_RETRIES - 1 or connection.in_atomic_block:
                raise
            time.sleep(_LOCK_PAUSE)
    raise AssertionError("unreachable")


def _email_context(registration: Registration, session: EventSession) -> dict:
    page = session.page
    return {
        "registration": registration,
        "session": session,
        "page": page,
        "when": when_text(session),
        "url": absolute_url(page.url or "/"),
        "ics_url": absolute_url(session_ics_path(session)),
        "my_library_url": absolute_url(my_library_path()),
        "position": waitlist_position(registration),
    }


def _email(template: str, registration: Registration, session: EventSession) -> None:
    send_templated(
        f"library/emails/{template}",
        to=[registration.user.email],
        context=_email_context(registration, session),
    )


# --- registration ----------------------------------------------------------------------------


def registration_create(*, session: EventSession, user) -> Registration:
    """Register a member: confirmed while seats remain, otherwise on the waitlist. Registering
    twice returns the registration they already have."""
    refusal = registration_refusal(session=session, user=user)
    if refusal:
        raise ValidationError(refusal)

    def register(locked: EventSession) -> Registration:
        existing = locked.registrations.filter(ACTIVE, user=user).first()
        if existing is not None:
            return existing
        # Counted only now, with the seats locked.
        left = seats_left(locked)
        status = (
            RegistrationStatus.CONFIRMED
            if left is None or left > 0
            else RegistrationStatus.WAITLISTED
        )
        registration = Registration.objects.create(session=locked, user=user, status=status)
        _email(
            "registration_confirmed"
            if status == RegistrationStatus.CONFIRMED
            else "registration_waitlisted",
            registration,
            locked,
        )
        return registration

    try:
        return _under_seat_lock(session.pk, register)
    except IntegrityError:
        # A double submit from the same person raced past the check above.
        existing = active_registration(session, user)
        if existing is None:
            raise
        return existing


def _fill_seats(session: EventSession) -> list[Registration]:
    """Give free seats to the waitlist in the order people joined it (the caller holds the
    seat lock). Nobody is promoted into a session that has already started."""
    if session.start <= timezone.now():
        return []
    left = seats_left(session)
    if left == 0:
        return []
    waiting = session.registrations.filter(status=RegistrationStatus.WAITLISTED).select_related(
        "user"
    )
    promoted = list(waiting if left is None else waiting[:left])
    now = timezone.now()
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        _email("registration_promoted", registration, session)
    return promoted


def registration_cancel(*, registration: Registration, by) -> Registration:
    """Cancel a registration (its owner or staff) and give the freed seat to the first person
    on the waitlist, who is told by email."""
    access.require(by, "library.registration.cancel", registration)

    def cancel(locked: EventSession) -> Registration:
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == RegistrationStatus.CANCELLED:
            return current
        current.status = RegistrationStatus.CANCELLED
        current.save(update_fields=["status"])
        _fill_seats(locked)
        return current

    return _under_seat_lock(registration.session_id, cancel)


def session_fill_seats(*, session: EventSession) -> list[Registration]:
    """After an editor raises a session's capacity: promote from the waitlist."""
    return _under_seat_lock(session.pk, _fill_seats)


# --- reminders -------------------------------------------------------------------------------


def reminder_hours() -> float:
    return float(getattr(settings, "LIBRARY_REMINDER_HOURS", 24))


def send_reminders(*, now: datetime | None = None, log: Callable[[str], None] | None = None):
    """Email every confirmed registrant whose session starts within LIBRARY_REMINDER_HOURS,
    once each (`reminded_at`), and only while they may still open the resource."""
    now = now or timezone.now()
    log = log or (lambda message: None)
    due = (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminded_at__isnull=True,
            user__is_active=True,
            session__start__gt=now,
            session__start__lte=now + timedelta(hours=reminder_hours()),
            session__page__live=True,
        )
        .select_related("user", "session__page")
        .order_by("session__start", "pk")
    )
    sent = 0
    for registration in due:
        session = registration.session
        if not access.can(registration.user, "library.view", session.page):
            continue
        # Claiming the row first keeps the reminder to one even if two runs overlap.
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed:
            continue
        _email("reminder", registration, session)
        sent += 1
        log(f"Reminded {registration.user.email} of “{session.page.title}”.")
    log(f"Sent {sent} reminder{'' if sent == 1 else 's'}.")
    return sent


# --- what a viewer sees ----------------------------------------------------------------------


def visible_sessions(user):
    """Sessions of live webinars and trainings this user may open."""
    pages = ResourcePage.objects.live().visible_to(user).filter(resource_format__in=EVENT_FORMATS)
    return EventSession.objects.filter(page__in=pages).select_related("page")


def upcoming_sessions(user, now: datetime | None = None):
    return visible_sessions(user).filter(end__gte=now or timezone.now()).order_by("start", "pk")


def past_sessions(user, now: datetime | None = None):
    return visible_sessions(user).filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


def session_rows(sessions: Iterable[EventSession], user, page: ResourcePage) -> list[dict]:
    """What the registration panel shows for each session: its local times, seats left, this
    user's registration and place on the waitlist, and whether they may register."""
    sessions = list(sessions)
    confirmed = dict(
        Registration.objects.filter(session__in=sessions, status=RegistrationStatus.CONFIRMED)
        .values("session")
        .annotate(n=Count("pk"))
        .values_list("session", "n")
    )
    mine = {}
    if user is not None and user.is_authenticated:
        mine = {
            r.session_id: r
            for r in Registration.objects.filter(ACTIVE, session__in=sessions, user=user)
        }
    external = external_registration_url(page)
    rows = []
    for session in sessions:
        left = seats_left(session, confirmed.get(session.pk, 0))
        registration = mine.get(session.pk)
        rows.append(
            {
                "session": session,
                "zone": zone_of(session),
                "when": when_text(session),
                "seats_left": left,
                "full": left == 0,
                "registration": registration,
                "position": waitlist_position(registration) if registration else None,
                "upcoming": session.start > timezone.now(),
                "refusal": registration_refusal(session=session, user=user, page=page),
                "external_url": external,
            }
        )
    return rows


# --- iCalendar -------------------------------------------------------------------------------


def session_ics_path(session: EventSession) -> str:
    from django.urls import reverse

    return reverse("library:session_ics", args=[session.pk])


def my_library_path() -> str:
    from django.urls import reverse

    return reverse("library:my_library")


def session_uid(session: EventSession) -> str:
    """Stable for the life of the session, so calendars update the event instead of adding
    a second one when it moves."""
    host = urlsplit(settings.SITE_URL).hostname or "taskforcehub"
    return f"library-session-{session.pk}@{host}"


def session_event(session: EventSession) -> icalendar.Event:
    page = session.page
    url = absolute_url(page.url or "/")
    event = icalendar.Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", local_start(session))
    event.add("dtend", local_end(session))
    event.add("summary", page.title)
    description = "\n\n".join(part for part in (page.summary, url) if part)
    event.add("description", description)
    event.add("url", url)
    event.add("location", session.place or "Online")
    if page.last_published_at:
        event.add("last-modified", page.last_published_at)
    return event


def calendar_bytes(sessions: Iterable[EventSession], *, name: str) -> bytes:
    """An iCalendar file of these sessions, with the time zones they use."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Library//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for session in sessions:
        calendar.add_component(session_event(session))
    calendar.add_missing_timezones()
    return calendar.to_ical()
