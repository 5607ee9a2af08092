"""Staff-edited mentoring data in the Wagtail admin: the Roadmap framework, the
conflict-of-interest register (staff only, confidential). Weights are versioned on the
coordinator's weights page, with a preview, so they are never edited in place here."""

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Area, ConflictEntry, Framework, KeyElement


class FrameworkViewSet(SnippetViewSet):
    model = Framework
    icon = "list-ol"
    menu_label = "Roadmap frameworks"
    list_display = ["name", "is_illustrative", "is_current"]
    panels = [
        FieldRowPanel(
            [FieldPanel("name"), FieldPanel("is_illustrative"), FieldPanel("is_current")]
        ),
        MultiFieldPanel(
            [FieldPanel(f"stage_{n}") for n in range(1, 6)], heading="Five stages of development"
        ),
        FieldPanel("description"),
    ]


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "folder-open-inverse"
    menu_label = "Areas of function"
    list_display = ["name", "framework", "order"]
    list_filter = ["framework"]


class KeyElementViewSet(SnippetViewSet):
    model = KeyElement
    icon = "tick"
    menu_label = "Key elements"
    list_display = ["name", "area", "code", "order"]
    list_filter = ["area"]
    search_fields = ["name", "code"]


class ConflictViewSet(SnippetViewSet):
    model = ConflictEntry
    icon = "warning"
    menu_label = "Conflict-of-interest register"
    list_display = ["taskforce_a", "taskforce_b", "reason", "recorded_at"]
    list_filter = ["reason"]
    panels = [
        FieldRowPanel([FieldPanel("taskforce_a"), FieldPanel("taskforce_b")]),
        FieldPanel("reason"),
        FieldPanel("note"),
    ]


class MentoringGroup(SnippetViewSetGroup):
    menu_label = "Mentoring"
    menu_icon = "group"
    menu_order = 320
    items = [FrameworkViewSet, AreaViewSet, KeyElementViewSet, ConflictViewSet]


register_snippet(MentoringGroup)
