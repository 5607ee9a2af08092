"""Survivor Voices' own views under /voices/. The section's pages (the index, issues, works,
events) are Wagtail pages at the same prefix: these paths must never shadow a page slug."""

from django.urls import path

from . import views

app_name = "survivors"
urlpatterns = [
    path("exit/", views.quick_exit, name="exit"),
    path("before-you-start/", views.before_you_start, name="before_you_start"),
    path("submit/", views.submit, name="submit"),
    path("me/", views.dashboard, name="dashboard"),
    path("me/<int:pk>/", views.work_detail, name="work"),
    path("me/<int:pk>/approve/", views.approve, name="approve"),
    path("me/<int:pk>/changes/", views.request_changes, name="request_changes"),
    path("me/<int:pk>/note/", views.note, name="note"),
    path("me/<int:pk>/edit/", views.edit, name="edit"),
    path("me/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("withdraw-on-behalf/<int:pk>/", views.withdraw_on_behalf, name="withdraw_on_behalf"),
    path("identities/", views.identities, name="identities"),
    path("feed/", views.WorksFeed(), name="feed"),
]
