"""Recordings for spoken word, cleaned before anything is stored: the type is read from the
content (not the name), tags are removed (mutagen), WAV files are rewritten from their audio
frames (so no RIFF INFO or ID3 chunk survives), and the file gets a random name."""

import io
import os
import secrets
import tempfile
import wave
from dataclasses import dataclass

import mutagen
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from core.uploads import _read

from .models import MediaKind

# mutagen's class name -> (extension, MIME type, kind)
FORMATS = {
    "MP3": ("mp3", "audio/mpeg", MediaKind.AUDIO),
    "OggVorbis": ("ogg", "audio/ogg", MediaKind.AUDIO),
    "OggOpus": ("opus", "audio/ogg", MediaKind.AUDIO),
    "FLAC": ("flac", "audio/flac", MediaKind.AUDIO),
    "MP4": ("m4a", "audio/mp4", MediaKind.AUDIO),
}
ALLOWED = "MP3, M4A, MP4, Ogg, Opus, FLAC or WAV"


@dataclass
class CleanMedia:
    file: ContentFile
    kind: str
    content_type: str


def max_media_bytes() -> int:
    return int(getattr(settings, "SURVIVORS_MAX_MEDIA_MB", 100)) * 1024 * 1024


def clean_media(upload) -> CleanMedia:
    """Validate a recording and return a tag-free copy under a random name."""
    data = _read(upload, max_media_bytes())
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return _clean_wav(data)
    with tempfile.NamedTemporaryFile(delete=False) as tmp:
        tmp.write(data)
        path = tmp.name
    try:
        try:
            media = mutagen.File(path)
        except mutagen.MutagenError:
            media = None
        name = type(media).__name__ if media is not None else ""
        if name not in FORMATS:
            raise ValidationError(f"This file is not a recording we can publish ({ALLOWED}).")
        ext, content_type, kind = FORMATS[name]
        if name == "MP4" and _has_video(media):
            ext, content_type, kind = "mp4", "video/mp4", MediaKind.VIDEO
        if media.tags is not None:
            media.delete()
        with open(path, "rb") as cleaned:
            data = cleaned.read()
    finally:
        os.unlink(path)
    if name == "MP4" and (b"\xa9xyz" in data or b"loci" in data):
        # Phones write the place of recording outside the tag list mutagen clears.
        raise ValidationError(
            "This recording carries the place where it was made. Please export it again "
            "without location data and upload the copy."
        )
    return CleanMedia(ContentFile(data, name=f"{secrets.token_hex(16)}.{ext}"), kind, content_type)


def _has_video(media) -> bool:
    codec = getattr(media.info, "codec", "") or ""
    return not codec.startswith(("mp4a", "alac", "ac-3", "ec-3", "Opus", "fLaC"))


def _clean_wav(data: bytes) -> CleanMedia:
    try:
        with wave.open(io.BytesIO(data)) as source:
            params = source.getparams()
            frames = source.readframes(source.getnframes())
    except (wave.Error, EOFError) as exc:
        raise ValidationError("This WAV file is damaged and can’t be read.") from exc
    out = io.BytesIO()
    with wave.open(out, "wb") as target:
        target.setparams(params)
        target.writeframes(frames)
    return CleanMedia(
        ContentFile(out.getvalue(), name=f"{secrets.token_hex(16)}.wav"),
        MediaKind.AUDIO,
        "audio/wav",
    )
