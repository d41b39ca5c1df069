"""The newsroom's roles and its Review workflow, as `dateline setup` leaves them."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, Workflow, WorkflowTask

from dateline.editions.models import HomePage
from dateline.newsroom.roles import ADMINISTRATORS, EDITORS, REPORTERS, REVIEW_WORKFLOW, ensure_roles
from tests.factories import ArticleFactory


def test_newsroom_has_reporters_editors_and_administrators(roles):
    assert {REPORTERS, EDITORS, ADMINISTRATORS} <= set(Group.objects.values_list("name", flat=True))


def test_every_edition_goes_through_the_review_workflow(roles, editions):
    for home in editions.values():
        assert home.get_workflow().name == REVIEW_WORKFLOW
    assert ArticleFactory(live=False).get_workflow().name == REVIEW_WORKFLOW


def test_review_is_the_only_active_workflow(roles):
    assert list(Workflow.objects.filter(active=True).values_list("name", flat=True)) == [REVIEW_WORKFLOW]


def test_review_asks_an_editor_to_approve(roles):
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)
    (task,) = [
        workflow_task.task.specific for workflow_task in WorkflowTask.objects.filter(workflow=workflow)
    ]

    assert set(task.groups.values_list("name", flat=True)) == {EDITORS, ADMINISTRATORS}


def test_only_editors_and_administrators_may_publish(roles):
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    root = Page.get_first_root_node()

    publishers = GroupPagePermission.objects.filter(page=root, permission=publish).values_list(
        "group__name", flat=True
    )

    assert set(publishers) == {EDITORS, ADMINISTRATORS}


def test_setting_up_roles_again_changes_nothing(roles, editions):
    def state() -> tuple:
        return (
            sorted(Group.objects.values_list("name", flat=True)),
            sorted(Group.permissions.through.objects.values_list("group_id", "permission_id")),
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
            sorted(Workflow.objects.values_list("name", "active")),
            WorkflowTask.objects.count(),
            HomePage.objects.get(locale__language_code="en").get_workflow().pk,
        )

    before = state()
    ensure_roles()

    assert state() == before
