"""Newsroom roles as groups: reporters write, editors publish, administrators run the newsroom.

- Reporter: creates stories and edits their own drafts, submits them to the "Review" workflow.
- Editor: edits any story, approves or rejects submissions, publishes, schedules, locks, copies
  stories to other editions, manages images, authors and agencies.
- Administrator: everything an editor does, plus people, roles, editions and settings.
- Comment moderator: the readers' discussion only — queues, decisions, readers' standing, word rules.
  Editors and administrators moderate too.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_noop
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

REPORTERS = gettext_noop("Reporters")
EDITORS = gettext_noop("Editors")
ADMINISTRATORS = gettext_noop("Administrators")
# Not "Moderators": Wagtail creates a group of that name for page workflows (removed below).
COMMENT_MODERATORS = gettext_noop("Comment moderators")
REVIEW_WORKFLOW = gettext_noop("Review")
EDITOR_APPROVAL_TASK = gettext_noop("Editor approval")

PAGE_PERMISSIONS = {
    COMMENT_MODERATORS: [],
    REPORTERS: ["add_page"],
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
    ADMINISTRATORS: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
}
IMAGE_PERMISSIONS = {
    COMMENT_MODERATORS: [],
    REPORTERS: ["add_newsimage", "choose_newsimage"],
    EDITORS: ["add_newsimage", "change_newsimage", "delete_newsimage", "choose_newsimage"],
    ADMINISTRATORS: ["add_newsimage", "change_newsimage", "delete_newsimage", "choose_newsimage"],
}
DOCUMENT_PERMISSIONS = {
    COMMENT_MODERATORS: [],
    REPORTERS: ["add_document", "choose_document"],
    EDITORS: ["add_document", "change_document", "delete_document", "choose_document"],
    ADMINISTRATORS: ["add_document", "change_document", "delete_document", "choose_document"],
}
MODERATION_PERMISSIONS = [
    "discussion.moderate_comment",
    "discussion.add_wordrule",
    "discussion.change_wordrule",
    "discussion.delete_wordrule",
    "discussion.view_wordrule",
]
MODEL_PERMISSIONS = {
    COMMENT_MODERATORS: ["wagtailadmin.access_admin", *MODERATION_PERMISSIONS],
    REPORTERS: [
        "wagtailadmin.access_admin",
        "articles.view_author",
        # Agency copy is a reporter's daily work: a new agency is added from the story's chooser.
        "articles.add_agency",
        "articles.view_agency",
    ],
    EDITORS: [
        "wagtailadmin.access_admin",
        "articles.add_author",
        "articles.change_author",
        "articles.delete_author",
        "articles.view_author",
        "articles.add_agency",
        "articles.change_agency",
        "articles.delete_agency",
        "articles.view_agency",
        "simple_translation.submit_translation",
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.view_tag",
        # The "Breaking news" listing; marking and clearing need the right to publish the story.
        "breaking.view_breakingnews",
        # Live coverage entries go out to readers as soon as an editor saves them.
        "coverage.add_liveentry",
        "coverage.change_liveentry",
        "coverage.delete_liveentry",
        "coverage.view_liveentry",
        # Newsletters: drafts to reorder and send, and when each list goes out.
        "subscriptions.view_mailing",
        "subscriptions.change_mailing",
        "subscriptions.view_newsletter",
        "subscriptions.change_newsletter",
        # Reader chat rooms: their titles, order and state (moderating them is MODERATION_PERMISSIONS').
        "chats.add_room",
        "chats.change_room",
        "chats.delete_room",
        "chats.view_room",
        # The wire desk's sources: an agency's push secret is set (and shown once) by an editor.
        "wire.view_wiresource",
        "wire.set_push_secret",
        *MODERATION_PERMISSIONS,
    ],
}
MODEL_PERMISSIONS[ADMINISTRATORS] = [
    *MODEL_PERMISSIONS[EDITORS],
    "auth.add_user",
    "auth.change_user",
    "auth.delete_user",
    "auth.view_user",
    "auth.add_group",
    "auth.change_group",
    "auth.delete_group",
    "auth.view_group",
    "wagtailcore.add_locale",
    "wagtailcore.change_locale",
    "wagtailcore.view_locale",
    # Wire sources name a directory on the server or an address it calls.
    "wire.add_wiresource",
    "wire.change_wiresource",
    # Content API keys (Settings → API keys): a full-text key gives away every story's text.
    "api.add_apikey",
    "api.change_apikey",
    "api.view_apikey",
    "wagtailcore.add_site",
    "wagtailcore.change_site",
    "wagtailcore.view_site",
    "wagtailcore.add_workflow",
    "wagtailcore.change_workflow",
    "wagtailcore.add_task",
    "wagtailcore.change_task",
    "wagtailcore.add_collection",
    "wagtailcore.change_collection",
    "wagtailcore.view_collection",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
]


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    """Create or repair the newsroom groups and the Review workflow. Idempotent."""
    groups = {
        name: Group.objects.get_or_create(name=name)[0]
        for name in (REPORTERS, EDITORS, ADMINISTRATORS, COMMENT_MODERATORS)
    }
    root = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for name, group in groups.items():
        group.permissions.add(*(_permission(dotted) for dotted in MODEL_PERMISSIONS[name]))
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(codename=codename, content_type__app_label="wagtailcore"),
            )
        for codename in IMAGE_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(
                    codename=codename, content_type__app_label="dateline_images"
                ),
            )
        for codename in DOCUMENT_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(codename=codename, content_type__app_label="wagtaildocs"),
            )
    _ensure_review_workflow(groups[EDITORS], groups[ADMINISTRATORS], root)
    return groups


def _ensure_review_workflow(editors: Group, administrators: Group, root: Page) -> None:
    """Reporters' submissions go to editors; the workflow covers every edition."""
    task = GroupApprovalTask.objects.filter(name=EDITOR_APPROVAL_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=EDITOR_APPROVAL_TASK)
    task.groups.add(editors, administrators)
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # Wagtail ships a "Moderators approval" workflow on the root page; ours replaces it.
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    Workflow.objects.exclude(pk=workflow.pk).update(active=False)
    # …and its unused "Moderators" group would only confuse the roles above.
    Group.objects.filter(name="Moderators", user__isnull=True).delete()
