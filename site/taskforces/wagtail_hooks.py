from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Membership, Region, TaskForce


class TaskForceViewSet(SnippetViewSet):
    model = TaskForce
    icon = "group"
    menu_label = "Task forces"
    list_display = ["name", "state", "population_band", "is_ecm_funded"]
    list_filter = ["state", "is_ecm_funded", "population_band"]
    search_fields = ["name", "jurisdiction"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("state"), FieldPanel("region"), FieldPanel("is_statewide")]),
        FieldPanel("jurisdiction"),
        FieldRowPanel(
            [FieldPanel("population_band"), FieldPanel("year_formed"), FieldPanel("is_ecm_funded")]
        ),
        MultiFieldPanel(
            [FieldPanel("lead_law_enforcement_agency"), FieldPanel("lead_victim_service_provider")],
            heading="Co-leads",
        ),
        FieldPanel("focus_areas"),
        FieldPanel("description"),
        FieldPanel("contact_email"),
    ]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "taskforce"]
    list_filter = ["taskforce"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    list_display = ["user", "taskforce", "discipline", "role", "status", "requested_at"]
    list_filter = ["status", "discipline", "role", "taskforce"]
    search_fields = ["user__display_name", "user__email"]


class TaskForceGroup(SnippetViewSetGroup):
    menu_label = "Task forces"
    menu_icon = "group"
    menu_order = 300
    items = [TaskForceViewSet, RegionViewSet, MembershipViewSet]


register_snippet(TaskForceGroup)
