"""Handing a permitted private file to the browser: streamed by Django, or delegated to the
front server (X-Accel-Redirect for nginx, X-Sendfile for Apache) when one is configured."""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect


def serve_private_file(
    name: str,
    *,
    storage=None,
    download_name: str | None = None,
    as_attachment: bool = False,
    cacheable: bool = False,
):
    storage = storage or default_storage
    if not name or not storage.exists(name):
        raise Http404
    content_type, _ = mimetypes.guess_type(download_name or name)
    content_type = content_type or "application/octet-stream"
    mode = settings.PRIVATE_MEDIA_SERVER
    if not _is_local(storage):
        # Object storage: the bucket is private; hand out a signed URL that expires in a minute.
        response = HttpResponseRedirect(storage.url(name))
        response["Cache-Control"] = "private, no-store"
        return response
    if mode in {"nginx", "apache"}:
        response = HttpResponse(content_type=content_type)
        if mode == "nginx":
            response["X-Accel-Redirect"] = settings.PRIVATE_MEDIA_INTERNAL_URL + quote(name)
        else:
            response["X-Sendfile"] = storage.path(name)
    else:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    disposition = "attachment" if as_attachment else "inline"
    filename = download_name or name.rsplit("/", 1)[-1]
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "public, max-age=3600" if cacheable else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _is_local(storage) -> bool:
    try:
        storage.path("probe")
    except NotImplementedError:
        return False
    return True
