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


class Reaction(models.TextChoices):
    """The small fixed set readers react with (one of each per reader and comment)."""

    AGREE = "agree", pgettext_lazy("reaction", "Agree")
    INSIGHTFUL = "insightful", pgettext_lazy("reaction", "Insightful")
    FUNNY = "funny", pgettext_lazy("reaction", "Funny")
    SAD = "sad", pgettext_lazy("reaction", "Sad")


class CommentQuerySet(models.QuerySet["Comment"]):
    def published(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PUBLISHED)

    def visible_to(self, user: Any) -> CommentQuerySet:
        """Published comments, traces of deleted and rejected ones (their text is never shown), and
        the reader's own comments held for moderation."""
        shown = Q(status__in=[Comment.Status.PUBLISHED, Comment.Status.REMOVED, Comment.Status.REJECTED])
        if user.is_authenticated:
            shown |= Q(status=Comment.Status.PENDING, author=user)
        return self.filter(shown)

    def shown_in_thread(self) -> CommentQuerySet:
        """What a thread shows: published comments, and removed ones as a trace replies hang on."""
        return self.filter(Q(status=Comment.Status.PUBLISHED) | Q(status=Comment.Status.REMOVED))


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", pgettext_lazy("comment status", "Published")
        PENDING = "pending", pgettext_lazy("comment status", "Awaiting moderation")
        REJECTED = "rejected", pgettext_lazy("comment status", "Rejected")
        REMOVED = "removed", _("Deleted by its author")

    class Held(models.TextChoices):
        """Why a comment waits for a moderator (or why the rules rejected it)."""

        STORY = "story", _("The discussion is pre-moderated")
        READER = "reader", _("The reader is on pre-moderation")
        NEW_READER = "new-reader", _("A new reader's first comments")
        SUSPECT_WORD = "suspect-word", _("Contains a suspect word")
        BANNED_WORD = "banned-word", _("Contains a banned word")
        LINKS = "links", _("Too many links for a new reader")
        LINK_LIMIT = "link-limit", _("More links than any comment may have")
        REPEATED = "repeated", _("The same text was posted before")

    # The story's own index stays: it is (story, id), which finds a discussion's newest comment in
    # one step (queries.newest_comment).
    story = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="comments")
    # Null once the author deleted their account: the comment stays as a trace for its replies.
    # No index of its own: `comment_author_status` below leads with it, and every comment written
    # updates every index of the table.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        db_index=False,
    )
    # One level of replies: `thread` is the top-level comment, `reply_to` the one answered. Both are
    # indexed only where set (below): a top-level comment, most of them, writes neither index.
    thread = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies", db_index=False
    )
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    body = models.TextField(_("comment"), max_length=COMMENT_LENGTH)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PUBLISHED)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    reaction_count = models.PositiveIntegerField(default=0)
    reactions = models.JSONField(default=dict, blank=True)  # kind → count, kept with reaction_count
    reply_count = models.PositiveIntegerField(default=0)
    # Moderation: why the rules held it, who decided and why, and whether it is pinned on top.
    held_because = models.CharField(max_length=16, choices=Held.choices, blank=True)
    held_detail = models.CharField(max_length=100, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    featured = models.BooleanField(_("featured"), default=False)
    # The reader's text folded for spotting a repeated post (lower case, blank space collapsed).
    fingerprint = models.CharField(max_length=64, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        permissions = [("moderate_comment", _("Can moderate readers' comments"))]
        indexes = [
            # The orders of dateline/discussion/threads.py, each walked in its index; and the counts.
            models.Index(fields=["story", "thread", "created_at", "id"], name="comment_threads_by_time"),
            models.Index(
                fields=["story", "thread", "reaction_count", "id"], name="comment_threads_by_reactions"
            ),
            models.Index(fields=["story", "status"], name="comment_story_status"),
            # Indexed only where set: each index a comment enters is a page more to write while it
            # holds SQLite's write lock. `x = …` and `x IN (…)` find these (and `featured` as
            # the ORM writes it), in SQLite and PostgreSQL alike.
            # Featured threads as the first page asks for them (the story's, top level, newest first).
            models.Index(
                fields=["story", "thread", "created_at"],
                condition=Q(featured=True),
                name="comment_featured_by_story",
            ),
            models.Index(fields=["thread"], condition=Q(thread__isnull=False), name="comment_thread"),
            models.Index(fields=["reply_to"], condition=Q(reply_to__isnull=False), name="comment_reply_to"),
            models.Index(
                fields=["moderated_by"], condition=Q(moderated_by__isnull=False), name="comment_moderated_by"
            ),
            # A reader's published count (authors.py), their profile's comments newest first, the
            # repeat check. With the status inside, SQLite's planner takes it for "this reader's
            # published comments" without statistics; on (author, created_at) alone it took
            # `comment_status_newest` and walked every published comment of the site.
            models.Index(fields=["author", "status", "-created_at"], name="comment_author_status"),
            models.Index(fields=["status", "-created_at"], name="comment_status_newest"),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_removed(self) -> bool:
        return self.status == self.Status.REMOVED

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

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


class ReaderStanding(models.Model):
    """What moderators decided about a reader: pre-moderation, a suspension until a time, a ban."""

    reader = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="standing")
    premoderated = models.BooleanField(_("pre-moderate their comments"), default=False)
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    banned = models.BooleanField(_("banned"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reader standing")

    def __str__(self) -> str:
        return f"standing of reader {self.reader_id}"

    def is_suspended(self, now: Any = None) -> bool:
        return self.suspended_until is not None and self.suspended_until > (now or timezone.now())


class WordRule(models.Model):
    """A word or phrase that rejects a comment (banned) or holds it for a moderator (suspect)."""

    class Kind(models.TextChoices):
        BANNED = "banned", _("Banned: the comment is rejected")
        SUSPECT = "suspect", _("Suspect: the comment waits for a moderator")

    phrase = models.CharField(
        _("word or phrase"),
        max_length=100,
        help_text=_(
            "Found as whole words, whatever the case, accents or look-alike letters. "
            "A * at the start or end stands for any letters there: “idiot*” also finds “idiots” and “idiotic”."
        ),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.SUSPECT)
    language = models.CharField(
        _("language"),
        max_length=12,
        blank=True,
        help_text=_("The edition's language code (en, ru, ar…); empty for every edition."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("word rule")
        verbose_name_plural = _("word rules")
        ordering = ["language", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["phrase", "language"], name="one_rule_per_phrase_and_language")
        ]

    def __str__(self) -> str:
        return self.phrase


class ModerationAction(models.Model):
    """The audit log: every decision a moderator took, on a comment or on a reader."""

    class Kind(models.TextChoices):
        APPROVE = "approve", pgettext_lazy("moderation log", "Approved")
        REJECT = "reject", pgettext_lazy("moderation log", "Rejected")
        FEATURE = "feature", pgettext_lazy("moderation log", "Featured")
        UNFEATURE = "unfeature", _("No longer featured")
        DISMISS_REPORTS = "dismiss", _("Reports dismissed")
        PREMODERATE = "premoderate", _("Put on pre-moderation")
        TRUST = "trust", _("Taken off pre-moderation")
        SUSPEND = "suspend", pgettext_lazy("moderation log", "Suspended")
        BAN = "ban", pgettext_lazy("moderation log", "Banned")
        RESTORE = "restore", _("Suspension or ban lifted")
        # What the rules decided by themselves on an edited comment (no moderator).
        EDIT_HELD = "edit-held", _("Edit held by the rules")
        EDIT_REJECTED = "edit-reject", _("Edit rejected by the rules")
        # Decisions in a chat room (dateline.chats): where each was taken is on `chat_decision`.
        HIDE = "hide", pgettext_lazy("moderation log", "Message hidden")
        DELETE = "delete", pgettext_lazy("moderation log", "Message deleted")
        PIN = "pin", pgettext_lazy("moderation log", "Message pinned")
        TIMEOUT = "timeout", pgettext_lazy("moderation log", "Timed out")
        PAUSE = "pause", pgettext_lazy("moderation log", "Room paused")
        RESUME = "resume", pgettext_lazy("moderation log", "Room resumed")
        SLOW_MODE = "slow-mode", pgettext_lazy("moderation log", "Slow mode set")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    # Null for what the rules did by themselves (e.g. a rejection rate putting a reader on pre-moderation).
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="moderation_actions"
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("moderation action")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["reader", "-created_at"], name="moderation_reader_newest")]

    def __str__(self) -> str:
        return self.get_kind_display()

    def decided_by(self) -> str:
        """The moderator's name, or "the rules" for what the rules did by themselves."""
        if self.moderator is None:
            return str(_("the rules"))
        return self.moderator.get_full_name() or self.moderator.get_username()


class Notification(models.Model):
    """Something a reader should know: a reply to their comment, or a moderator's decision on it."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("Reply")
        APPROVED = "approved", _("Comment approved")
        REJECTED = "rejected", _("Comment rejected")
        FEATURED = "featured", _("Comment featured")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.get_kind_display()
