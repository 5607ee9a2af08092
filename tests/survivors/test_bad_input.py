"""Bad input: not-an-image, SVG, a decompression bomb, oversized audio, approval by anyone but
the author (403), withdrawal of someone else's work (404): clear messages, never a 500, and
the author's text is never lost."""

import io
import struct
import zlib

import pytest

from survivors.models import VoicesWork

from .conftest import editors_approve, piece, upload

pytestmark = pytest.mark.django_db

TEXT = "My poem, line one.\nLine two, which I do not want to type again."


def bomb_png() -> bytes:
    """A tiny PNG that declares 100,000 × 100,000 pixels."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def wav_bytes(seconds=1) -> bytes:
    import wave

    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x00" * 8000 * seconds)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("painting.jpg", b"this is not an image at all", "not an image"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "SVG"),
        ("huge.png", bomb_png(), "megapixels"),
    ],
)
def test_bad_images_are_refused_and_the_text_is_kept(voices, author, login, name, data, message):
    response = login(author).post(
        "/voices/submit/",
        {
            "kind": "art",
            "title": "My careful title",
            "statement": TEXT,
            "content_note": "My own note",
            "image_1": upload(name, data),
            "alt_1": "My alt text",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "My careful title" in body and "Line two, which I do not want" in body
    assert "My own note" in body and "My alt text" in body
    assert not VoicesWork.objects.exists()


def test_oversized_audio_is_refused(voices, author, login, settings):
    settings.SURVIVORS_MAX_MEDIA_MB = 0
    response = login(author).post(
        "/voices/submit/",
        {
            "kind": "spoken_word",
            "title": "Voice",
            "transcript": TEXT,
            "media": upload("voice.wav", wav_bytes(), "audio/wav"),
        },
    )
    assert response.status_code == 200
    assert "limit" in response.content.decode()
    assert "Line two, which I do not want" in response.content.decode()


def test_a_recording_is_stored_without_tags_under_a_random_name(voices, author, login):
    import tempfile

    from mutagen.id3 import TIT2
    from mutagen.wave import WAVE

    with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:
        tmp.write(wav_bytes())
        tmp.flush()
        tagged = WAVE(tmp.name)
        tagged.add_tags()
        tagged.tags.add(TIT2(encoding=3, text="Recorded at 12 Elm Street"))
        tagged.save()
        data = open(tmp.name, "rb").read()
    assert b"Elm Street" in data
    response = login(author).post(
        "/voices/submit/",
        {
            "kind": "spoken_word",
            "title": "Voice",
            "transcript": TEXT,
            "media": upload("maria-at-home.wav", data, "audio/wav"),
        },
    )
    assert response.status_code == 302
    work = VoicesWork.objects.get().specific
    assert "maria" not in work.media_file.name
    assert b"Elm Street" not in work.media_file.read()


def test_approval_by_anyone_but_the_author_is_forbidden(voices, author, editor, users, login):
    work = editors_approve(piece(author), editor)
    revision = work.get_latest_revision().pk
    for user in (editor, users["staff"], users["co_lead"], users["navigator"]):
        response = login(user).post(
            f"/voices/me/{work.pk}/approve/", {"revision_id": revision, "channels": ["website"]}
        )
        assert response.status_code == 403
    assert not VoicesWork.objects.get(pk=work.pk).live


def test_the_author_must_approve_the_version_she_read(voices, author, editor, login):
    work = editors_approve(piece(author), editor)
    response = login(author).post(
        f"/voices/me/{work.pk}/approve/", {"revision_id": 999999, "channels": ["website"]}
    )
    assert response.status_code == 400
    assert "changed while you were reading" in response.content.decode()


def test_a_non_survivor_leader_cannot_submit(voices, users, login):
    assert login(users["law_enforcement"]).get("/voices/submit/").status_code == 403
