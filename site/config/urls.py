from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views

sitemaps = {"pages": WagtailSitemap}

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path(settings.MEDIA_URL.lstrip("/") + "<path:name>", core_views.media, name="media"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("users.urls")),
    path("taskforces/", include("taskforces.urls")),
    path("library/", include("library.urls")),
    path("connect/", include("forum.urls")),
    path("mentoring/", include("mentoring.urls")),
    path("search/", include("search.urls")),
    path("voices/", include("survivors.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("healthz", core_views.healthz, name="healthz"),
    path("", include(wagtail_urls)),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
