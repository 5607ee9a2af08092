"""Demo Survivor Voices: a magazine issue with pieces, a spring art show with generated
paintings, a spoken-word recording (generated tones) with its transcript and an upcoming
event, under invented pseudonyms. Every name and work here is fictional. Built through the
services, so consent is recorded exactly as for real work."""

import io
import math
import struct
import wave
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from core.demo import demo_user
from core.models import HomePage
from core.uploads import clean_image
from taskforces.models import Discipline, Role, TaskForce
from taskforces.services import membership_grant

from . import services
from .media import clean_media
from .models import (
    EventKind,
    MagazineIssuePage,
    SurvivorVoicesIndexPage,
    VoicesEventPage,
    VoicesWork,
)

NOTE = "Demo content: every name and work in this section is fictional."

# email, account name (fictional), pseudonym
AUTHORS = [
    ("author.one@example.org", "Jo Demo-Author", "River"),
    ("author.two@example.org", "Sam Demo-Author", "Wren"),
]


def _page(parent, model, slug, **fields):
    page = model.objects.filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish()
    return page


def _authors():
    cook = TaskForce.objects.filter(slug="cook-county").first()
    people = {}
    marisol = get_user_model().objects.filter(pseudonym="Marisol").first()
    if marisol is not None:
        people["Marisol"] = marisol
    for email, name, pseudonym in AUTHORS:
        user = demo_user(email, name, pseudonym=pseudonym, job_title="Survivor-leader")
        if cook is not None:
            membership_grant(
                user=user, taskforce=cook, discipline=Discipline.SURVIVOR_LEADER, role=Role.MEMBER
            )
        people[pseudonym] = user
    return people


def _painting(seed: int, title: str) -> SimpleUploadedFile:
    colours = [(32, 78, 120), (190, 110, 40), (60, 130, 90)]
    image = Image.new("RGB", (900, 640), colours[seed % 3])
    draw = ImageDraw.Draw(image)
    for n in range(12):
        x = (n * 83 + seed * 47) % 900
        draw.rectangle([x, 80 + n * 30, x + 160, 200 + n * 30], fill=colours[(seed + n) % 3])
    draw.rectangle([350, 180, 550, 460], outline=(240, 240, 230), width=14)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return SimpleUploadedFile(f"{title}.jpg", out.getvalue(), content_type="image/jpeg")


def _recording(seconds: int = 3) -> SimpleUploadedFile:
    rate = 16000
    frames = b"".join(
        struct.pack("<h", int(6000 * math.sin(2 * math.pi * (220 + 40 * (i // rate)) * i / rate)))
        for i in range(rate * seconds)
    )
    out = io.BytesIO()
    with wave.open(out, "wb") as target:
        target.setnchannels(1)
        target.setsampwidth(2)
        target.setframerate(rate)
        target.writeframes(frames)
    return SimpleUploadedFile("recording.wav", out.getvalue(), content_type="audio/wav")


def _publish(author, submission):
    """Submit, let the editors pass it, and have the author approve her exact version."""
    existing = VoicesWork.objects.filter(author=author, title=submission.title).first()
    if existing is not None:
        return existing
    work = services.work_submit(author=author, submission=submission)
    work.current_workflow_state.current_task_state.approve(user=None)
    work = type(work).objects.get(pk=work.pk)
    services.work_approve(
        work=work,
        user=author,
        revision_id=work.get_latest_revision().pk,
        channels=submission.channels,
    )
    return work


def seed(*, log):
    home = HomePage.objects.first()
    if home is None:
        return
    index = _page(
        home,
        SurvivorVoicesIndexPage,
        "voices",
        title="Survivor Voices",
        intro="Writing, art and spoken word by survivor-leaders, published only with their "
        f"consent. {NOTE}",
    )
    services.voices_workflow()
    issue = _page(
        index,
        MagazineIssuePage,
        "spring-2026",
        title="Spring 2026 issue",
        intro=f"Poems and short prose about finding a way forward. {NOTE}",
    )
    start = (timezone.now() + timedelta(days=30)).replace(hour=18, minute=0, second=0)
    show = _page(
        index,
        VoicesEventPage,
        "spring-art-show",
        title="Spring art show",
        kind=EventKind.ART_SHOW,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        location="A community gallery in Chicago (fictional)",
        description=f"An evening of paintings and readings by survivor-leaders. {NOTE}",
    )
    authors = _authors()
    if len(authors) < 3:
        log("Survivor Voices: the demo survivor-leaders are missing (run taskforces.demo)", [])
        return
    themes = services.ensure_themes(["References to confinement", "Coercion and control"])
    works = [
        _publish(
            authors["Marisol"],
            services.Submission(
                kind="art",
                title="Three windows",
                content_note="References to confinement.",
                themes=themes[:1],
                statement="I painted the windows I looked through, and then the one I opened. "
                "(Fictional demo work.)",
                channels={"website", "print_magazine", "exhibition"},
                event=show,
                images=[
                    services.ImageUpload(
                        clean_image(_painting(n, f"window {n}")),
                        alt_text=alt,
                        medium="Acrylic on canvas",
                        caption=caption,
                    )
                    for n, (alt, caption) in enumerate(
                        [
                            ("A small barred window in dark blue tones", "The first window"),
                            ("An orange window half covered by a curtain", "The second window"),
                            ("A green window standing open onto light", "The open window"),
                        ]
                    )
                ],
            ),
        ),
        _publish(
            authors["Marisol"],
            services.Submission(
                kind="poetry",
                title="Inventory",
                issue=issue,
                content_note="Mentions of control over money and papers.",
                themes=themes[1:],
                body="They kept my papers in a drawer.\nI kept my name in my mouth.\n\n"
                "Now the drawer is mine,\nand so is the mouth,\nand so is the name.",
                channels={"website", "print_magazine"},
            ),
        ),
        _publish(
            authors["River"],
            services.Submission(
                kind="writing",
                title="What the bus driver knew",
                issue=issue,
                body="Every morning the same driver said good morning. She never asked "
                "questions. One day she gave me a card with a number on it, and said: in "
                "case you ever want to ride somewhere else. (A fictional demo piece.)",
                channels={"website", "print_magazine"},
            ),
        ),
        _publish(
            authors["Wren"],
            services.Submission(
                kind="spoken_word",
                title="Roll call",
                content_note="Describes being watched.",
                media=clean_media(_recording()),
                transcript="[Tones, a few seconds: a fictional demo recording.]\n\nThey counted "
                "us every night. Now I count other things: the steps to my door, the friends "
                "who call, the years.",
                channels={"website"},
            ),
        ),
    ]
    log(f"Survivor Voices: {len(works)} works, 1 issue, 1 event", list(authors.values()))
