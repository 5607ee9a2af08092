from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404 as django_get_or_404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

import access

from . import services
from .forms import (
    WHOLE_WORK,
    ApprovalForm,
    ChangesForm,
    SubmissionForm,
    WithdrawForm,
    gallery_items,
)
from .models import ConsentRecord, VoicesWork
from .selectors import editor_comments, public_works, status_of


@never_cache
def quick_exit(request):
    """The quick exit: ends the session, asks the browser to forget this site's cookies, storage
    and cache, and sends it to a neutral page. A plain GET (a link, no form), so that it works
    at once and without JavaScript; the worst a forged link can do is sign someone out."""
    logout(request)
    response = HttpResponseRedirect(
        getattr(settings, "SURVIVORS_EXIT_URL", "https://www.weather.gov/")
    )
    response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def before_you_start(request):
    """Explains the exit button and its limits before a first visit to the section."""
    next_url = request.GET.get("next") or "/voices/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/voices/"
    return render(request, "survivors/before_you_start.html", {"next_url": next_url})


@login_required
def submit(request):
    access.require(request.user, "survivors.submit")
    has_pseudonym = bool(request.user.pseudonym)
    form = SubmissionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and has_pseudonym and form.is_valid():
        try:
            services.work_submit(author=request.user, submission=form.submission())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "Thank you. Your work is with the editors; you will see their comments here, "
                "and nothing is published until you approve the final version.",
            )
            return redirect("survivors:dashboard")
    return render(request, "survivors/submit.html", {"form": form, "has_pseudonym": has_pseudonym})


@login_required
def dashboard(request):
    works = access.visible(request.user, "survivors.work.manage", VoicesWork.objects.all())
    rows = [
        {"work": work, "status": status_of(work)}
        for work in works.specific().order_by("-latest_revision_created_at")
    ]
    withdrawn = ConsentRecord.objects.filter(author=request.user, withdrawn_path__gt="").order_by(
        "-withdrawn_at"
    )
    return render(
        request,
        "survivors/dashboard.html",
        {
            "rows": rows,
            "withdrawn": withdrawn,
            "may_submit": access.can(request.user, "survivors.submit"),
        },
    )


def _own_work(request, pk):
    return access.get_object_or_404(
        request.user, "survivors.work.manage", VoicesWork.objects.all(), pk=pk
    ).specific


@login_required
def work_detail(request, pk):
    """One of her works: status, the editors' comments, and, when it waits for her, the exact
    version she is asked to approve."""
    work = _own_work(request, pk)
    status = status_of(work)
    revision = work.get_latest_revision() if status["awaiting_approval"] else None
    consent = status["consent"]
    initial_channels = (
        [c for c in ("website", "print_magazine", "exhibition") if getattr(consent, c)]
        if consent
        else sorted(services.requested_channels(work))
    )
    approval_form = ApprovalForm(
        initial={"revision_id": revision.pk if revision else None, "channels": initial_channels}
    )
    return _render_detail(request, work, status, revision, approval_form, ChangesForm())


def _render_detail(request, work, status, revision, approval_form, changes_form, status_code=200):
    return render(
        request,
        "survivors/work_detail.html",
        {
            "work": work,
            "status": status,
            "preview": revision.as_object() if revision else None,
            "comments": editor_comments(work),
            "approval_form": approval_form,
            "changes_form": changes_form,
            "gallery": gallery_items(work),
        },
        status=status_code,
    )


@login_required
@require_POST
def approve(request, pk):
    # The work's existence is no secret to someone holding its approval link; refusing with
    # 403 tells an editor plainly that this step is the author's alone.
    work = django_get_or_404(VoicesWork, pk=pk).specific
    access.require(request.user, "survivors.work.manage", work)
    form = ApprovalForm(request.POST)
    if form.is_valid():
        try:
            services.work_approve(
                work=work,
                user=request.user,
                revision_id=form.cleaned_data["revision_id"],
                channels=form.cleaned_data["channels"],
                ends_on=form.cleaned_data["ends_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Thank you. Your approval and consent are recorded.")
            return redirect("survivors:work", pk=work.pk)
    status = status_of(work)
    revision = work.get_latest_revision() if status["awaiting_approval"] else None
    return _render_detail(request, work, status, revision, form, ChangesForm(), 400)


@login_required
@require_POST
def request_changes(request, pk):
    work = django_get_or_404(VoicesWork, pk=pk).specific
    access.require(request.user, "survivors.work.manage", work)
    form = ChangesForm(request.POST)
    if form.is_valid():
        try:
            services.work_request_changes(
                work=work, user=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your note is with the editors.")
            return redirect("survivors:work", pk=work.pk)
    status = status_of(work)
    revision = work.get_latest_revision() if status["awaiting_approval"] else None
    approval_form = ApprovalForm(initial={"revision_id": revision.pk if revision else None})
    return _render_detail(request, work, status, revision, approval_form, form, 400)


@login_required
def withdraw(request, pk):
    work = _own_work(request, pk)
    return _withdraw(request, work, on_behalf=False)


@login_required
def withdraw_on_behalf(request, pk):
    """An editor withdraws for an author who lost access to her account (logged)."""
    if not access.can(request.user, "survivors.withdraw_on_behalf"):
        raise Http404
    work = django_get_or_404(VoicesWork, pk=pk).specific
    return _withdraw(request, work, on_behalf=True)


def _withdraw(request, work, *, on_behalf: bool):
    """Confirm, then withdraw the whole work or one image of a gallery. The choice is made on
    this page, already marked when she came from an image's own "Withdraw" link."""
    chosen = request.GET.get("image", WHOLE_WORK)
    data = request.POST if request.method == "POST" else None
    form = WithdrawForm(data, work=work, initial={"what": chosen})
    if request.method == "POST" and form.is_valid():
        image_id = form.image_id()
        try:
            if image_id is None:
                services.work_withdraw(work=work, user=request.user, on_behalf=on_behalf)
            else:
                services.image_withdraw(
                    work=work, image_id=image_id, user=request.user, on_behalf=on_behalf
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _withdrawn(request, work, image_id=image_id, on_behalf=on_behalf)
    return render(
        request,
        "survivors/withdraw.html",
        {"work": work, "on_behalf": on_behalf, "form": form},
        status=400 if form.is_bound else 200,
    )


def _withdrawn(request, work, *, image_id, on_behalf):
    if image_id is not None:
        messages.success(request, "The image is withdrawn. Its files and copies are deleted.")
        if on_behalf:
            return redirect("wagtailadmin_pages:edit", work.pk)
        return redirect("survivors:work", pk=work.pk)
    if on_behalf:
        messages.success(request, "The work is withdrawn on its author’s behalf.")
        return redirect(reverse("wagtailadmin_explore", args=[work.get_parent().pk]))
    messages.success(request, "Your work is withdrawn. Its files and versions are deleted.")
    return redirect("survivors:dashboard")


def identities(request):
    """Pseudonym to person, for advocates only (missing and forbidden look the same)."""
    if not access.can(request.user, "survivors.view_legal_identity"):
        raise Http404
    authors = (
        VoicesWork.objects.exclude(author=None)
        .values("author__pseudonym", "author__display_name", "author__email")
        .distinct()
        .order_by("author__pseudonym")
    )
    return render(request, "survivors/identities.html", {"authors": authors})


class WorksFeed(Feed):
    """New works, for feed readers: only what the public may read."""

    feed_type = Atom1Feed
    title = "Survivor Voices"
    link = "/voices/"
    subtitle = "New writing, art and spoken word by survivor-leaders, published with their consent."

    def items(self):
        return public_works().specific()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"By {item.byline}"

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_author_name(self, item):
        return item.byline
