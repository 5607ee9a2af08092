"""One of everything the site holds, built through the apps' own services: every kind of user,
forum spaces of every kind with topics, replies, held and hidden posts and attachments,
mentoring requests, offers, a published pairing and technical assistance, a pending join
request, pages (live, draft, and every page type with an access tier), private images and
documents, and search entries at every tier.

Restricted content carries a unique marker, and each marker knows (from the access policy)
who may see it, so a crawl can check that no one else ever does.

``World.things`` feeds the URL parameters: for each kind of object, one that most users may
open (``open``), one that few may (``private``), and how the policy decides who reads it."""

import datetime
import io
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from PIL import Image as PILImage

import access
from access.search import may_see
from taskforces.factories import TaskForceFactory
from tests.conftest import make_home_page, make_users

Reader = Callable[[Any, Any], bool]  # (user, obj) -> may this user open it?


@dataclass
class Thing:
    open: Any
    private: Any
    may_read: Reader


@dataclass
class Marker:
    text: str
    where: str
    may_see: Callable[[Any], bool]


@dataclass
class World:
    users: dict
    things: dict[str, Thing] = field(default_factory=dict)
    markers: list[Marker] = field(default_factory=list)
    pages: list = field(default_factory=list)
    files: list[tuple[str, Callable[[Any], bool]]] = field(default_factory=list)

    def mark(self, where: str, may_see: Callable[[Any], bool]) -> str:
        text = f"zqmark{secrets.token_hex(5)}"
        self.markers.append(Marker(text, where, may_see))
        return text


def can(action: str) -> Reader:
    return lambda user, obj: access.can(user, action, obj)


def everyone(user, obj) -> bool:
    return True


def build() -> World:
    cache.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        home = make_home_page()
        taskforce = TaskForceFactory(
            name="Cook County Human Trafficking Task Force", slug="cook-county"
        )
        other = TaskForceFactory(
            name="Tarrant County Human Trafficking Task Force", slug="tarrant-county", state="TX"
        )
        world = World(users=make_users(taskforce, other))
        world.things["taskforce"] = Thing(taskforce, other, can("taskforce.view"))
        _join_request(world, taskforce)
        _forum(world, taskforce)
        _mentoring(world, taskforce, other)
        _pages(world, home)
        _library(world, home)
        _survivors(world, home)
        _media(world)
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("search_reindex", verbosity=0)
        _search_entries(world)
    cache.clear()
    return world


# --- task forces ---------------------------------------------------------------------------


def _join_request(world: World, taskforce) -> None:
    from taskforces import services
    from users.factories import UserFactory

    applicant = UserFactory(display_name="Applicant")
    mark = world.mark(
        "join request message",
        lambda user: (
            user == applicant or access.can(user, "taskforce.decide_membership", taskforce)
        ),
    )
    membership = services.membership_request(
        user=applicant, taskforce=taskforce, discipline="victim_services", message=mark
    )
    world.things["join_request"] = Thing(
        membership,
        membership,
        lambda user, m: access.can(user, "taskforce.decide_membership", m.taskforce),
    )


# --- forum ---------------------------------------------------------------------------------


def _forum(world: World, taskforce) -> None:
    from forum import services
    from forum.forms import prepare_attachment
    from forum.models import Flag, Notification
    from tests.forum.conftest import make_spaces

    users = world.users
    spaces = make_spaces(users, taskforce)
    authors = {
        "category": users["member"],
        "taskforce": users["co_lead"],
        "region": users["navigator"],
        "discipline": users["prosecutor"],
        "invite": users["member"],
    }
    topics, posts, attachments = {}, {}, {}
    for kind, space in spaces.items():
        restricted = kind != "category"

        def reader(user, space=space):
            return access.can(user, "forum.space.read", space)

        title = f"Case notes {world.mark(f'{kind} topic title', reader)}"
        body = f"Opening post {world.mark(f'{kind} topic body', reader)}"
        upload = SimpleUploadedFile(
            f"notes-{world.mark(f'{kind} attachment name', reader)}.txt",
            f"Attachment text {world.mark(f'{kind} attachment content', reader)}".encode(),
        )
        outcome = services.topic_create(
            space=space,
            author=authors[kind],
            title=title,
            body=body,
            tags=[f"tag-{kind}"],
            is_question=True,
            attachments=[prepare_attachment(upload)],
        )
        topic = outcome.post.topic
        reply = services.post_create(
            topic=topic,
            author=users["staff"],
            body=f"A reply {world.mark(f'{kind} reply', reader)}",
        ).post
        topics[kind], posts[kind] = topic, reply
        attachments[kind] = outcome.post.attachments.get()
        if restricted:
            world.files.append(
                (
                    attachments[kind].file.name,
                    lambda user, a=attachments[kind]: access.can(user, "forum.attachment.read", a),
                )
            )

    category, topic = spaces["category"], topics["category"]
    held = services.post_create(
        topic=topic,
        author=users["taskforce_member"],
        body=f"Call me at 312-555-0134 {world.mark('held post', _post_reader_later)}",
        send_for_review=True,
    ).post
    hidden = services.post_create(
        topic=topic,
        author=users["law_enforcement"],
        body=f"Off topic {world.mark('hidden post', _post_reader_later)}",
    ).post
    services.post_hide(post=hidden, by=users["staff"], reason="Off topic")
    for marker in world.markers:
        if marker.may_see is _post_reader_later:
            post = held if marker.where == "held post" else hidden
            marker.may_see = lambda user, post=post: _shows_body(user, post)
    flag = services.flag_create(post=posts["category"], reporter=users["member"], reason="other")
    assert isinstance(flag, Flag)

    world.things["space"] = Thing(category, spaces["discipline"], can("forum.space.list"))
    world.things["topic"] = Thing(topic, topics["discipline"], can("forum.topic.read"))
    world.things["post"] = Thing(posts["category"], posts["discipline"], can("forum.post.read"))
    world.things["attachment"] = Thing(
        attachments["category"], attachments["discipline"], can("forum.attachment.read")
    )
    world.things["tag"] = Thing(topic.tags.get(), topics["discipline"].tags.get(), _tag_reader)
    world.things["flag"] = Thing(
        flag, flag, lambda user, f: access.can(user, "forum.topic.moderate", f.post.topic)
    )
    notification = Notification.objects.filter(user=users["prosecutor"]).first() or (
        Notification.objects.create(
            user=users["prosecutor"], kind="reply", topic=topics["discipline"]
        )
    )
    world.things["notification"] = Thing(
        notification, notification, lambda user, n: user is not None and user.pk == n.user_id
    )


def _post_reader_later(user) -> bool:  # replaced once the post exists
    raise AssertionError("placeholder reader")


def _shows_body(user, post) -> bool:
    """Held and hidden posts: their author (held only) and the space's moderators."""
    if access.can(user, "forum.topic.moderate", post.topic):
        return True
    return post.status == "pending" and user is not None and user.pk == post.author_id


def _tag_reader(user, tag) -> bool:
    from forum.models import Topic

    return access.visible(user, "forum.topic.read", Topic.objects.filter(tags=tag)).exists()


# --- mentoring -----------------------------------------------------------------------------


def _mentoring(world: World, mentee_tf, mentor_tf) -> None:
    from mentoring import services
    from mentoring.factories import AreaFactory, FrameworkFactory, KeyElementFactory
    from mentoring.models import MentoringRole
    from taskforces.factories import MembershipFactory

    users = world.users
    mentor_tf.region = "South"  # the matcher pairs task forces across regions
    mentor_tf.save(update_fields=["region"])
    framework = FrameworkFactory(name="Illustrative roadmap")
    area = AreaFactory(framework=framework, name="Investigation & prosecution")
    labor = KeyElementFactory(area=area, code="labor", name="Labor trafficking investigation")
    protocol = KeyElementFactory(area=area, code="protocol", name="Protocol development")
    for tf, stages in ((mentee_tf, (1, 2)), (mentor_tf, (4, 5))):
        services.assessment_save(
            taskforce=tf,
            year=2026,
            user=None,
            shared=False,
            stages={labor.pk: stages[0], protocol.pk: stages[1]},
        )
    made = {}  # markers are planted before their object exists; the policy asks it later

    def may(action, key):
        return lambda user: access.can(user, action, made[key])

    today = datetime.date.today()
    offer = services.offer_create(
        taskforce=mentor_tf,
        user=users["law_enforcement"],
        areas=[labor, protocol],
        capacity=2,
        people_capacity=4,
        available_from=today,
        available_until=today + datetime.timedelta(days=300),
        availability=world.mark("mentor offer availability", may("mentoring.view_own", "offer")),
        mentors=[
            {
                "user": users["member"],
                "role": MentoringRole.ADVOCATE,
                "capacity": 1,
                "years": 5,
                "areas": [labor],
            },
        ],
    )
    made["offer"] = offer
    goals = world.mark("mentee request goals", may("mentoring.view_own", "request"))
    request = services.request_create(
        taskforce=mentee_tf,
        user=users["co_lead"],
        areas=[labor, protocol],
        must_have=[labor],
        goals=f"Open our first cases {goals}",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=200),
        participants=[{"user": users["taskforce_member"], "role": MentoringRole.ADVOCATE}],
    )
    made["request"] = request
    run = services.match_run(user=users["staff"])
    services.run_publish(run=run, user=users["staff"])
    pairing = run.pairings.get()
    services.pairing_accept(pairing=pairing, user=users["co_lead"])
    mentor_colead = MembershipFactory(taskforce=mentor_tf, role="co_lead").user
    pairing = services.pairing_accept(pairing=pairing, user=mentor_colead)
    draft_run = services.match_run(user=users["staff"])
    constraint = services.constraint_set(
        kind="forbid", request=request, offer=offer, user=users["staff"]
    )
    services.conflict_record(
        taskforce_a=mentee_tf,
        taskforce_b=mentor_tf,
        reason="other",
        note=world.mark("conflict register note", lambda u: access.can(u, "mentoring.coordinate")),
        user=users["staff"],
    )
    ta = services.assistance_request(
        taskforce=mentee_tf,
        user=users["taskforce_member"],
        topic="other",
        summary="Help with a protocol",
        details=world.mark("technical assistance details", may("mentoring.view_assistance", "ta")),
    )
    made["ta"] = ta
    goal = pairing.goals.first()
    world.things["mentee_request"] = Thing(request, request, can("mentoring.view_own"))
    world.things["offer"] = Thing(offer, offer, can("mentoring.view_own"))
    world.things["pairing"] = Thing(pairing, pairing, can("mentoring.view_pairing"))
    world.things["goal"] = Thing(
        goal, goal, lambda u, g: g is None or access.can(u, "mentoring.view_pairing", g.pairing)
    )
    world.things["run"] = Thing(draft_run, draft_run, can("mentoring.coordinate"))
    world.things["constraint"] = Thing(constraint, constraint, can("mentoring.coordinate"))
    world.things["assistance"] = Thing(ta, ta, can("mentoring.view_assistance"))


# --- pages, files, search ------------------------------------------------------------------


def _pages(world: World, home) -> None:
    from core.models import StandardPage

    about = home.add_child(instance=StandardPage(title="About", slug="about", intro="Public."))
    draft = StandardPage(
        title="Draft", slug="draft", intro=world.mark("draft page", lambda u: False), live=False
    )
    home.add_child(instance=draft)
    about.intro = world.mark("unpublished revision", lambda u: False)
    about.save_revision()  # saved, not published
    world.pages += [home, about, draft]
    for model, tier in _tiered_page_models():
        world.pages.append(_tiered_page(world, home, model, tier))


def _tiered_page_models():
    """Every page type with an access tier, at every tier but public. A concrete base that
    editors cannot create (the library's ResourcePage) is covered by its subclasses."""
    from wagtail.models import Page

    from access.tiers import Tier

    for model in apps.get_models():
        if issubclass(model, Page) and not model._meta.abstract and model.is_creatable:
            names = {f.name for f in model._meta.get_fields()}
            if "access_tier" in names:
                for tier in (Tier.MEMBERS, Tier.LAW_ENFORCEMENT):
                    yield model, tier


def _tiered_page(world: World, home, model, tier):
    """A page of this type at this tier, made by the app's factory when it has one."""
    import importlib

    page_ref = []
    mark = world.mark(
        f"{model.__name__} at tier {tier}", lambda u: access.can(u, "page.view", page_ref[0])
    )
    fields = {"title": f"Tiered {mark}", "slug": f"tiered-{mark}", "access_tier": tier}
    try:
        factories = importlib.import_module(f"{model._meta.app_label}.factories")
    except ImportError:
        factories = None
    factory = next(
        (
            f
            for f in vars(factories or object).values()
            if getattr(getattr(f, "_meta", None), "model", None) is model
        ),
        None,
    )
    parent = _parent_for(model, home)
    if factory is not None:
        page = factory.build(**fields)
    else:
        page = model(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page_ref.append(page)
    return page


def _parent_for(model, home, depth=0):
    """A page this type may live under: the home page, one already in the tree, or a new
    (public, live) page of an allowed parent type, itself placed the same way."""
    from wagtail.models import Page

    allowed = [p for p in model.allowed_parent_page_models() if p is not Page]
    if any(isinstance(home.specific, p) for p in allowed):
        return home
    for page in home.get_descendants().specific():
        if type(page) in allowed:
            return page
    for parent_model in allowed:
        if depth < 3:
            try:
                grand = _parent_for(parent_model, home, depth + 1)
            except AssertionError:
                continue
            page = parent_model(title=parent_model.__name__, slug=parent_model.__name__.lower())
            grand.add_child(instance=page)
            return page
    raise AssertionError(
        f"No parent for {model.__name__} in the test page tree: add one in world._pages"
    )


def _library(world: World, home) -> None:
    """A public and a law-enforcement-only webinar with a session each, a series, and a saved
    search; the resources themselves are planted by _pages (every tiered page type)."""
    from library import mylibrary
    from library.factories import (
        EventSessionFactory,
        LibraryIndexPageFactory,
        ToolkitPageFactory,
        WebinarPageFactory,
        WebinarSeriesFactory,
    )
    from library.models import LibraryIndexPage

    index = LibraryIndexPage.objects.first() or LibraryIndexPageFactory(
        parent=home, title="Library", slug="library"
    )
    series = WebinarSeriesFactory(name="Open series", slug="open-series")
    other_series = WebinarSeriesFactory(name="Closed series", slug="closed-series")
    start = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=14)
    sessions = {}
    for tier, its_series in (("public", series), ("law_enforcement", other_series)):
        page = WebinarPageFactory(
            parent=index, title=f"Webinar {tier}", access_tier=tier, series=its_series
        )
        sessions[tier] = EventSessionFactory(
            page=page, start=start, end=start + datetime.timedelta(hours=1), capacity=5
        )
    public = ToolkitPageFactory(parent=index, title="Open toolkit", access_tier="public")
    closed = ToolkitPageFactory(parent=index, title="Closed toolkit", access_tier="law_enforcement")
    mine = mylibrary.saved_search_create(
        user=world.users["prosecutor"], name="Mine", query="q=trafficking"
    )

    def session_reader(user, session):
        return access.can(user, "page.view", session.page.specific)

    world.things["series"] = Thing(series, other_series, everyone)  # feeds filter sessions
    world.things["session"] = Thing(sessions["public"], sessions["law_enforcement"], session_reader)
    world.things["resource"] = Thing(public, closed, can("page.view"))
    world.things["saved_search"] = Thing(
        mine, mine, lambda user, search: user is not None and user.pk == search.user_id
    )


def _survivors(world: World, home) -> None:
    """A survivor-leader's submitted (unpublished) work: only she, and staff who may withdraw
    on an author's behalf, reach its pages."""
    from survivors import services
    from survivors.models import MagazineIssuePage, SurvivorVoicesIndexPage

    index = home.add_child(instance=SurvivorVoicesIndexPage(title="Survivor Voices", slug="voices"))
    index.save_revision().publish()
    issue = index.add_child(instance=MagazineIssuePage(title="Spring issue", slug="spring"))
    issue.save_revision().publish()
    services.voices_workflow()
    author = world.users["survivor_leader"]
    author.pseudonym = "Wren"
    author.save(update_fields=["pseudonym"])
    made = []  # the marker is planted before the work exists; the policy asks it later
    title = world.mark(
        "unpublished survivor work", lambda u: access.can(u, "survivors.work.manage", made[0])
    )
    work = services.work_submit(
        author=author,
        submission=services.Submission(
            kind="poetry",
            title=title,
            body="I woke.",
            content_note="References to confinement",
            channels={"website"},
        ),
    )
    made.append(work)
    world.things["work"] = Thing(work, work, can("survivors.work.manage"))
    world.things["work_on_behalf"] = Thing(work, work, can("survivors.withdraw_on_behalf"))


def _jpeg() -> SimpleUploadedFile:
    out = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(out, "JPEG")
    return SimpleUploadedFile("photo.jpg", out.getvalue(), "image/jpeg")


def _media(world: World) -> None:
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Collection

    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    private = root.add_child(name="Members only")
    image = Image.objects.create(title="Private", file=_jpeg(), collection=private)
    public_image = Image.objects.create(title="Public", file=_jpeg())
    rendition = image.get_rendition("width-20")
    public_image.get_rendition("width-20")
    doc_ref = []
    text = world.mark(
        "private document content", lambda u: access.can(u, "document.view", doc_ref[0])
    )
    document = Document.objects.create(
        title="Members memo",
        file=SimpleUploadedFile("memo.txt", f"Memo {text}".encode()),
        collection=private,
    )
    doc_ref.append(document)
    public_doc = Document.objects.create(
        title="Public memo", file=SimpleUploadedFile("public.txt", b"Public memo")
    )
    world.things["document"] = Thing(public_doc, document, can("document.view"))
    world.files += [
        (image.file.name, lambda u: access.can(u, "image.view", image)),
        (rendition.file.name, lambda u: access.can(u, "image.view", image)),
        (document.file.name, lambda u: access.can(u, "document.view", document)),
        (public_image.file.name, lambda u: True),
    ]
    world.things["media"] = Thing(public_image.file.name, image.file.name, _file_reader)


def _file_reader(user, name) -> bool:
    from access.media import can_read_file

    return can_read_file(user, name)


def _search_entries(world: World) -> None:
    """Entries indexed directly at every tier and for one user's eyes only, so search is
    checked even for kinds whose app has not landed yet."""
    from access.search import STAFF, tier_tokens, user_token
    from search import service
    from search.registry import SearchDocument

    own = world.users["survivor_leader"]
    cases = [
        ("members tier entry", tier_tokens("members")),
        ("law enforcement tier entry", tier_tokens("law_enforcement")),
        ("staff entry", frozenset({STAFF})),
        ("one user's draft entry", frozenset({user_token(own.pk), STAFF})),
    ]
    documents = []
    for n, (where, tokens) in enumerate(cases):
        mark = world.mark(where, lambda u, tokens=tokens: may_see(u, tokens))
        documents.append(
            SearchDocument(
                kind=next(iter(_kinds()), "library"),
                object_id=f"security-{n}",
                title=f"Entry {mark}",
                body=f"Body {mark}",
                url=f"/security-entry-{n}/",
                access=tokens,
            )
        )
    service.index_documents(documents)


def _kinds():
    from search import registry

    return registry.kinds()
