"""A library index is put under the "Library review" workflow: editors submit resources, the
Library moderators group approves, and approval publishes."""

from django.contrib.auth.models import Group

from library.editorial import MODERATORS_GROUP, WORKFLOW_NAME, review_workflow_ensure
from library.factories import ToolkitPageFactory
from library.models import ResourcePage


def test_the_library_index_uses_the_review_workflow(
    library_index, django_capture_on_commit_callbacks
):
    review_workflow_ensure()
    assert library_index.get_workflow().name == WORKFLOW_NAME


def test_a_moderator_approval_publishes_a_submitted_resource(library_index, users):
    workflow = review_workflow_ensure()
    editor = users["staff"]
    moderator = users["co_lead"]
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    page = ToolkitPageFactory(parent=library_index, title="New toolkit", live=False)
    page.save_revision(user=editor)
    state = workflow.start(page, editor)
    assert not ResourcePage.objects.get(pk=page.pk).live
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.user_can_access_editor(page, moderator)
    task.on_action(task_state, moderator, "approve")
    assert ResourcePage.objects.get(pk=page.pk).live
