from django.urls import path

from . import views

app_name = "taskforces"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/requests/", views.requests, name="requests"),
    path("<slug:slug>/requests/<int:membership_id>/", views.decide, name="decide"),
]
