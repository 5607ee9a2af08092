import posixpath

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

import access
from access.media import can_read_file

from .files import serve_private_file


@require_safe
def media(request, name):
    """Every uploaded file is served here, after the access policy said yes."""
    name = posixpath.normpath(name).lstrip("/")
    if name.startswith("..") or "\x00" in name:
        raise Http404
    if not can_read_file(request.user, name):
        raise Http404
    anonymous_may_read = can_read_file(None, name) if request.user.is_authenticated else True
    return serve_private_file(name, cacheable=anonymous_may_read)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


@never_cache
@require_safe
def healthz(request):
    """Up or down for anyone (200 or 503); each part's state for staff or a caller with the
    HEALTHZ_TOKEN bearer token. Never secrets, never a stack trace."""
    from django.conf import settings
    from django.http import JsonResponse
    from django.utils.crypto import constant_time_compare

    from .health import run_checks

    report = run_checks()
    token = getattr(settings, "HEALTHZ_TOKEN", "") or ""
    bearer = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    detailed = (token and bearer and constant_time_compare(token, bearer)) or access.can(
        request.user, "health.details"
    )
    body = report if detailed else {"status": report["status"]}
    response = JsonResponse(body, status=200 if report["status"] == "up" else 503)
    response["Cache-Control"] = "no-store"
    return response
