from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("roadmap/", views.roadmap, name="roadmap"),
    path("tf/<slug:slug>/assessment/", views.assessment_history, name="assessments"),
    path("tf/<slug:slug>/assessment/edit/", views.assessment_edit, name="assessment_edit"),
    path("tf/<slug:slug>/profile/", views.profile_edit, name="profile_edit"),
    path("tf/<slug:slug>/request/", views.request_new, name="request_new"),
    path("tf/<slug:slug>/offer/", views.offer_new, name="offer_new"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("offers/<int:pk>/", views.offer_detail, name="offer"),
    path("pairings/<int:pk>/", views.pairing_detail, name="pairing"),
    path("pairings/<int:pk>/accept/", views.pairing_accept, name="pairing_accept"),
    path("pairings/<int:pk>/decline/", views.pairing_decline, name="pairing_decline"),
    path("pairings/<int:pk>/close/", views.pairing_close, name="pairing_close"),
    path("pairings/<int:pk>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("pairings/<int:pk>/feedback/<slug:kind>/", views.feedback_new, name="feedback"),
    path("pairings/<int:pk>/goals/<int:goal_id>/", views.goal_update, name="goal_update"),
    path("coordinator/", views.dashboard, name="dashboard"),
    path("coordinator/pairings.csv", views.dashboard_csv, name="dashboard_csv"),
    path("coordinator/runs/", views.runs, name="runs"),
    path("coordinator/runs/<int:pk>/", views.run_detail, name="run"),
    path("coordinator/runs/<int:pk>/publish/", views.run_publish, name="run_publish"),
    path("coordinator/constraints/", views.constraint_add, name="constraint_add"),
    path(
        "coordinator/constraints/<int:pk>/remove/",
        views.constraint_remove,
        name="constraint_remove",
    ),
    path("coordinator/register/", views.register, name="register"),
    path("coordinator/weights/", views.weights, name="weights"),
    path("help/", views.assistance_list, name="ta_list"),
    path("help/<int:pk>/", views.assistance_detail, name="ta_detail"),
]
