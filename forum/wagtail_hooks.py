"""Staff administration of Connect in the Wagtail admin: spaces (with invitations and
space-scoped moderators) and the guard's patterns. Reports, the moderation queue and the
append-only logs live on the site (/connect/moderation/), where every action is recorded."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import SensitivePattern, Space


class SpaceViewSet(SnippetViewSet):
    """Categories and invite-only groups are created here; task force and regional groups
    are created automatically."""

    model = Space
    icon = "group"
    menu_label = "Spaces"
    list_display = ["name", "kind", "topic_count", "post_count", "is_archived"]
    list_filter = ["kind", "is_archived"]
    search_fields = ["name", "description"]


class SensitivePatternViewSet(SnippetViewSet):
    model = SensitivePattern
    icon = "warning"
    menu_label = "Guard patterns"
    list_display = ["name", "explanation", "is_active"]


class ConnectGroup(SnippetViewSetGroup):
    menu_label = "Connect"
    menu_icon = "group"
    menu_order = 320
    items = [SpaceViewSet, SensitivePatternViewSet]


register_snippet(ConnectGroup)
