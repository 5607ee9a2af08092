"""Every Wagtail image, whoever uploads it (admin, forms, seed_demo), is stored only after
core.uploads.clean_image re-encoded it: no EXIF, GPS, XMP, IPTC or text chunks, a random
name. Renditions are made from that clean original."""

import hashlib

from django.core.exceptions import ValidationError


def scrub_new_image_file(sender, instance, **kwargs):
    from .uploads import clean_image

    file = instance.file
    if not file or getattr(file, "_committed", True):
        return
    try:
        clean = clean_image(file)
    except ValidationError:
        raise
    data = clean.file.read()
    clean.file.seek(0)
    instance.file = clean.file
    instance.width, instance.height = clean.width, clean.height
    instance.file_size = len(data)
    instance.file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
