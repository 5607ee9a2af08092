"""The task force directory in search: public, like the directory itself."""

from access.search import tier_tokens

from .registry import SearchDocument, register


def taskforce_document(taskforce) -> SearchDocument:
    body = " ".join(
        part
        for part in [
            taskforce.description,
            taskforce.jurisdiction,
            f"Lead law enforcement agency: {taskforce.lead_law_enforcement_agency}.",
            f"Lead victim service provider: {taskforce.lead_victim_service_provider}.",
        ]
        if part
    )
    return SearchDocument(
        kind="taskforce",
        object_id=str(taskforce.pk),
        title=taskforce.name,
        body=body,
        url=taskforce.get_absolute_url(),
        access=tier_tokens("public"),
        facets={"topic": [a.capitalize() for a in taskforce.focus_area_list]},
        keywords=" ".join([taskforce.focus_areas, taskforce.state, taskforce.region]),
    )


def register_directory() -> None:
    from taskforces.models import TaskForce

    register(
        "taskforce",
        label="Task force",
        model=TaskForce,
        queryset=lambda: TaskForce.objects.order_by("pk"),
        to_document=taskforce_document,
    )
