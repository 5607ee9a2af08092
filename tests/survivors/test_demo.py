"""seed_demo's Survivor Voices: an issue with pieces, an art show with generated paintings, a
spoken-word recording with transcript and an upcoming event, all published with consent
recorded through the services; twice is once."""

from core import demo as core_demo
from survivors import demo
from survivors.models import (
    ConsentRecord,
    ExhibitionPage,
    PiecePage,
    SpokenWordPage,
    VoicesEventPage,
    VoicesWork,
)
from taskforces import demo as taskforces_demo


def _seed():
    log = lambda *args, **kwargs: None  # noqa: E731
    core_demo.seed(log=log)
    taskforces_demo.seed(log=log)
    demo.seed(log=log)


def test_the_demo_publishes_fictional_work_with_consent_and_is_idempotent(db, client):
    _seed()
    count = VoicesWork.objects.count()
    _seed()
    assert VoicesWork.objects.count() == count == 4
    assert all(work.live for work in VoicesWork.objects.all())
    assert PiecePage.objects.count() == 2
    gallery = ExhibitionPage.objects.get()
    assert gallery.gallery_images.count() == 3 and gallery.byline == "Marisol"
    assert gallery.event == VoicesEventPage.objects.get(slug="spring-art-show")
    assert SpokenWordPage.objects.get().media_file.name.endswith(".wav")
    assert ConsentRecord.objects.filter(approved_revision__isnull=False).count() == 4
    response = client.get(gallery.url)
    assert response.status_code == 200 and "Marisol" in response.content.decode()
    assert "Maria Reyes" not in response.content.decode()
