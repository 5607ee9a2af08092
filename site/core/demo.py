"""Demo content for the site-wide layer: the page tree's home page and the staff accounts."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from .models import HomePage, StandardPage


def demo_user(email: str, display_name: str, **fields):
    """Create or refresh a demo account with a verified email and the demo password."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=email, defaults={"display_name": display_name, **fields}
    )
    changed = created
    for name, value in {"display_name": display_name, **fields}.items():
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed = True
    if created or not user.check_password(settings.DEMO_PASSWORD):
        user.set_password(settings.DEMO_PASSWORD)
        changed = True
    if changed:
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


HOME_BODY = [
    {
        "type": "hero",
        "value": {
            "heading": "One team against human trafficking",
            "text": "A library, a community and a mentoring network for the multidisciplinary "
            "task forces of the Enhanced Collaborative Model: law enforcement, prosecutors, "
            "victim service providers and survivor-leaders working as one team.",
            "image": None,
        },
    },
    {
        "type": "cards",
        "value": [
            {
                "title": "Library",
                "text": "Toolkits, webinars, online and classroom trainings, "
                "protocol templates and the Development & Operations Roadmap.",
                "link_page": None,
                "link_url": "/library/",
                "link_text": "Browse the library",
            },
            {
                "title": "Task Force Connect",
                "text": "Ask peers, share what worked, and talk in "
                "your task force's and region's private groups.",
                "link_page": None,
                "link_url": "/connect/",
                "link_text": "Open Connect",
            },
            {
                "title": "Peer mentoring",
                "text": "Be matched with a task force that has solved "
                "what you are working on, role to role.",
                "link_page": None,
                "link_url": "/mentoring/",
                "link_text": "Find a mentor",
            },
            {
                "title": "Survivor Voices",
                "text": "Writing, art and spoken word by survivor-"
                "leaders, published only with their consent.",
                "link_page": None,
                "link_url": "/voices/",
                "link_text": "Read and listen",
            },
        ],
    },
    {
        "type": "callout",
        "value": {
            "heading": "Plan the year with the Roadmap",
            "text": "<p>The Development &amp; Operations Roadmap describes four areas of "
            "function and five stages of development. Rate your task force, find the gaps, "
            "and ask a peer task force that has closed them to mentor you.</p>",
        },
    },
    {
        "type": "quote",
        "value": {
            "quote": "The staging model in the roadmap gave us a way to spot what's working and "
            "deduce clear steps to fill gaps.",
            "attribution": "A task force coordinator, Cook County (Illinois) ECM task force",
        },
    },
]


def ensure_home_page() -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        # Wagtail's first migration leaves a placeholder welcome page; replace it.
        placeholder = Page.objects.filter(depth=2, slug="home").first()
        if placeholder is not None and placeholder.specific_class is Page:
            placeholder.slug = "welcome-placeholder"
            placeholder.save()
        home = root.add_child(
            instance=HomePage(title="Task Force Hub", slug="home", body=HOME_BODY)
        )
        home.save_revision().publish()
        if placeholder is not None and placeholder.specific_class is Page:
            Site.objects.filter(root_page=placeholder).update(root_page=home)
            placeholder.delete()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Task Force Hub",
        )
    elif site.root_page_id != home.pk or site.site_name != "Task Force Hub":
        site.root_page = home
        site.site_name = "Task Force Hub"
        site.save()
    return home


STATEMENTS = [
    (
        "accessibility",
        "Accessibility",
        "We aim to meet WCAG 2.2 level AA on every page.",
        "<p>Every page has a skip link, landmarks, visible focus, labelled form fields and "
        "colour contrast of at least 4.5:1. Everything works with a keyboard and without "
        "JavaScript. If something stands in your way, tell your task force's co-leads or write "
        "to the technical assistance team, and we will fix it.</p>",
    ),
    (
        "privacy",
        "Privacy",
        "No trackers, no third-party scripts, fonts or embeds: every file comes from this site.",
        "<p>We keep what membership needs: your email address, your name as members see it, "
        "your task force memberships and what you publish. Survivor-leaders publish under a "
        "pseudonym that only advocates can connect to an account, and can withdraw their work "
        "at any time. Uploaded images are stored without location or camera data. Files of "
        "restricted resources are only ever served to people allowed to open them.</p>",
    ),
]


def ensure_statements(home):
    for slug, title, intro, text in STATEMENTS:
        if StandardPage.objects.filter(slug=slug).exists():
            continue
        page = home.add_child(
            instance=StandardPage(
                title=title, slug=slug, intro=intro, body=[{"type": "paragraph", "value": text}]
            )
        )
        page.save_revision().publish()


def seed(*, log):
    home = ensure_home_page()
    ensure_statements(home)
    admin = demo_user(
        "admin@example.org",
        "Avery Stone (site administrator)",
        is_staff=True,
        is_superuser=True,
        job_title="Technical assistance lead",
        organisation="Task Force Hub",
    )
    editors = Group.objects.filter(name="Editors").first()
    editor = demo_user(
        "editor@example.org",
        "Priya Nair (library editor)",
        is_staff=True,
        job_title="Training and technical assistance editor",
        organisation="Task Force Hub",
    )
    if editors is not None:
        editor.groups.add(editors)
    coordinator = demo_user(
        "coordinator@example.org",
        "Morgan Ellis (mentoring coordinator)",
        is_staff=True,
        job_title="Mentoring coordinator",
        organisation="Task Force Hub",
    )
    if editors is not None:
        coordinator.groups.add(editors)
    demo_user(
        "newcomer@example.org",
        "Casey Newcomer",
        job_title="Victim advocate",
        organisation="Cook County Survivor Services",
    )
    log("home page and staff accounts", [admin, editor, coordinator])
