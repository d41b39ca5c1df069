"""Readers' comments under a story, their reactions and reports."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

COMMENT_LENGTH = 2000
REPORT_REASON_LENGTH = 500


class DiscussionMode(models.TextChoices):
    """Whether a story takes comments: set per section, and per story where it differs."""

    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Reaction(models.TextChoices):
    """The small fixed set readers react with (one of each per reader and comment)."""

    AGREE = "agree", pgettext_lazy("reaction", "Agree")
    INSIGHTFUL = "insightful", pgettext_lazy("reaction", "Insightful")
    FUNNY = "funny", pgettext_lazy("reaction", "Funny")
    SAD = "sad", pgettext_lazy("reaction", "Sad")


class CommentQuerySet(models.QuerySet["Comment"]):
    def published(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PUBLISHED)

    def shown_in_thread(self) -> CommentQuerySet:
        """What a thread shows: published comments, and removed ones as a trace replies hang on."""
        return self.filter(Q(status=Comment.Status.PUBLISHED) | Q(status=Comment.Status.REMOVED))


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        PENDING = "pending", _("Awaiting moderation")
        REJECTED = "rejected", _("Rejected")
        REMOVED = "removed", _("Deleted by its author")

    story = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="comments")
    # Null once the author deleted their account: the comment stays as a trace for its replies.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comments"
    )
    # One level of replies: `thread` is the top-level comment, `reply_to` the one answered.
    thread = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    reply_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("comment"), max_length=COMMENT_LENGTH)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PUBLISHED)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    reaction_count = models.PositiveIntegerField(default=0)
    reactions = models.JSONField(default=dict, blank=True)  # kind → count, kept with reaction_count
    reply_count = models.PositiveIntegerField(default=0)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        indexes = [
            models.Index(fields=["story", "thread", "status", "-created_at"], name="comment_thread_newest"),
            models.Index(fields=["author", "-created_at"], name="comment_author_newest"),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_removed(self) -> bool:
        return self.status == self.Status.REMOVED

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"

    def editable_until(self) -> Any:
        return self.created_at + settings.DATELINE_COMMENT_EDIT_WINDOW


class CommentReaction(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reaction_set")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Reaction.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader", "kind"], name="one_reaction_of_a_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} on comment {self.comment_id}"


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"), max_length=REPORT_REASON_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    resolved = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("report")
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader")]

    def __str__(self) -> str:
        return self.reason[:60]
