"""Webinars, trainings and My library. Mounted inside library/urls.py under /library/; "-/" is
not a valid page slug, so these never clash with resource pages."""

from django.urls import path

from . import event_views as views

urlpatterns = [
    path("-/events/", views.event_list, name="events"),
    path("-/events/upcoming.ics", views.upcoming_ics, name="upcoming_ics"),
    path("-/events/series/<slug:slug>.ics", views.series_ics, name="series_ics"),
    path("-/sessions/<int:pk>.ics", views.session_ics, name="session_ics"),
    path("-/sessions/<int:pk>/register/", views.session_register, name="session_register"),
    path("-/sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("-/my/", views.my_library, name="my_library"),
    path("-/my/bookmarks/<int:page_id>/", views.bookmark_toggle, name="bookmark_toggle"),
    path("-/my/searches/new/", views.saved_search_create, name="saved_search_create"),
    path("-/my/searches/<int:pk>/alert/", views.saved_search_alert, name="saved_search_alert"),
    path("-/my/searches/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
]
