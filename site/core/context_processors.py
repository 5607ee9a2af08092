from django.conf import settings

import access

NAVIGATION = [
    ("Library", "/library/"),
    ("Connect", "/connect/"),
    ("Mentoring", "/mentoring/"),
    ("Survivor Voices", "/voices/"),
]


def site_context(request):
    path = request.path
    viewer = access.viewer_for(getattr(request, "user", None))
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "navigation": [
            {"label": label, "url": url, "current": path.startswith(url)}
            for label, url in NAVIGATION
        ],
        "viewer": viewer,
    }
