from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = "Users"


class UsersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with the site's user forms."""

    user_viewset = "users.viewsets.UserViewSet"
