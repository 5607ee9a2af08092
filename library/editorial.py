"""Editorial setup of the library: the "Library review" moderation workflow (editors submit,
the Library moderators group approves, approval publishes) on every library index page.

It is ensured after every ``migrate`` and whenever a library index page is created, so it
never depends on demo content."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

MODERATORS_GROUP = "Library moderators"
WORKFLOW_NAME = "Library review"
TASK_NAME = "Library moderators approve"


@transaction.atomic
def review_workflow_ensure() -> Workflow:
    """Create the group, task and workflow if missing and assign it to every library index."""
    from .models import LibraryIndexPage

    moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access:
        moderators.permissions.add(admin_access)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in LibraryIndexPage.objects.all():
        review_workflow_assign(index, workflow=workflow, moderators=moderators)
    return workflow


def review_workflow_assign(index, *, workflow=None, moderators=None) -> None:
    """Put a library index (and so every resource under it) under the review workflow and
    let the moderators edit and publish there."""
    workflow = workflow or Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = review_workflow_ensure()
    moderators = moderators or Group.objects.get(name=MODERATORS_GROUP)
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    for codename in ("add_page", "change_page", "publish_page"):
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permission:
            GroupPagePermission.objects.get_or_create(
                group=moderators, page=index, permission=permission
            )


def on_post_migrate(sender, **kwargs):
    review_workflow_ensure()


def on_index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        transaction.on_commit(lambda: review_workflow_assign(instance))
