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
    EditForm,
    NoteForm,
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


def _render_detail(
    request, work, status, revision, approval_form, changes_form, status_code=200, note_form=None
):
    comments = editor_comments(work)
    return render(
        request,
        "survivors/work_detail.html",
        {
            "work": work,
            "status": status,
            "preview": revision.as_object() if revision else None,
            "comments": comments,
            "approval_form": approval_form,
            "changes_form": changes_form,
            "gallery": gallery_items(work),
            **_note_forms(note_form, comments),
        },
        status=status_code,
    )


def _note_forms(bound, comments):
    """A note that came back with an error is shown where she wrote it: in its thread's reply
    box, or (also when that thread is gone) in the general one."""
    threads = {
        str(note["reply_to"]) for note in comments if note["reply_to"] and not note["by_author"]
    }
    thread = str(bound.data.get("reply_to") or "") if bound is not None else ""
    replying = thread in threads
    return {
        "note_form": bound if bound is not None and not replying else NoteForm(),
        "reply_form": bound if replying else None,
        "replying_to": thread if replying else "",
    }


@login_required
@require_POST
def approve(request, pk):
    # The work's existence is no secret to someone holding its approval link; refusing with
    # 403 tells an editor plainly that this step is the author's alone.
    work = django_get_or_404(VoicesWork, pk=pk).specific
    access.require(request.user, "survivors.work.manage", work)
    return _author_step(
        request,
        work,
        ApprovalForm(request.POST),
        lambda data: services.work_approve(
            work=work,
            user=request.user,
            revision_id=data["revision_id"],
            channels=data["channels"],
            ends_on=data["ends_on"],
        ),
        "Thank you. Your approval and consent are recorded.",
    )


@login_required
@require_POST
def request_changes(request, pk):
    work = django_get_or_404(VoicesWork, pk=pk).specific
    access.require(request.user, "survivors.work.manage", work)
    return _author_step(
        request,
        work,
        ChangesForm(request.POST),
        lambda data: services.work_request_changes(
            work=work, user=request.user, comment=data["comment"]
        ),
        "Your note is with the editors.",
    )


@login_required
@require_POST
def note(request, pk):
    """Her note to the editors, new or in reply to one of theirs."""
    work = _own_work(request, pk)
    return _author_step(
        request,
        work,
        NoteForm(request.POST),
        lambda data: services.work_note(
            work=work, user=request.user, text=data["text"], reply_to=data["reply_to"]
        ),
        "Your note is with the editors.",
    )


def _author_step(request, work, form, act, done: str):
    """One of her steps, posted from her work's page: on success a message and back to that
    page; on an error the page comes back (400) with what she typed, in the form she used."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("survivors:work", pk=work.pk)
    status = status_of(work)
    revision = work.get_latest_revision() if status["awaiting_approval"] else None
    bound = {type(form): form}
    approval_form = bound.get(ApprovalForm) or ApprovalForm(
        initial={"revision_id": revision.pk if revision else None}
    )
    changes_form = bound.get(ChangesForm) or ChangesForm()
    return _render_detail(
        request,
        work,
        status,
        revision,
        approval_form,
        changes_form,
        400,
        note_form=bound.get(NoteForm),
    )


@login_required
def edit(request, pk):
    """Change her own words; the new version goes to the editors and back to her."""
    work = _own_work(request, pk)
    form = EditForm(request.POST if request.method == "POST" else None, work=work)
    if form.is_bound and form.is_valid():
        fields, images = form.changes()
        services.work_edit(work=work, user=request.user, fields=fields, images=images)
        messages.success(
            request,
            "Your changes are saved and with the editors. You will be asked to approve the "
            "new version before it appears.",
        )
        return redirect("survivors:work", pk=work.pk)
    return render(
        request,
        "survivors/edit.html",
        {"work": work, "form": form},
        status=400 if form.is_bound else 200,
    )


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
