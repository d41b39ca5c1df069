"""Moderation in the newsroom: the queues, one comment with its history, one reader with theirs, and
the audit log. Each view checks the moderator permission, parses, calls `moderation` and responds."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Locale

from dateline.discussion import moderation
from dateline.discussion.actions import DiscussionError
from dateline.discussion.models import Comment, CommentReport, ModerationAction, ReaderStanding

PER_PAGE = 50
QUEUES = {
    "pending": gettext_lazy("Pending"),
    "reported": gettext_lazy("Reported"),
    "rejected": gettext_lazy("Rejected"),
    "all": gettext_lazy("All"),
}
# What a moderator picks from; the author reads the words, followed by the moderator's details.
REJECTION_REASONS = [
    ("abuse", gettext_lazy("Abusive, hateful or threatening")),
    ("spam", gettext_lazy("Spam or advertising")),
    ("off-topic", gettext_lazy("Off topic")),
    ("personal", gettext_lazy("Shares someone's personal information")),
    ("other", gettext_lazy("Against the discussion rules")),
]


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=gettext_lazy("Reason the author will see"), choices=REJECTION_REASONS)
    details = forms.CharField(
        label=gettext_lazy("Details (optional, shown to the author)"),
        required=False,
        max_length=300,
        widget=forms.TextInput,
    )

    def reason_for(self, comment: Comment) -> str:
        """The reason in the language of the comment's edition, which its author reads."""
        with translation.override(comment.story.locale.language_code):
            label = str(dict(REJECTION_REASONS)[self.cleaned_data["reason"]])
        details = self.cleaned_data["details"].strip()
        return f"{label}: {details}" if details else label


STANDING_DECISIONS = [
    (ModerationAction.Kind.PREMODERATE.value, gettext_lazy("Pre-moderate their comments")),
    (ModerationAction.Kind.TRUST.value, gettext_lazy("Stop pre-moderating their comments")),
    (ModerationAction.Kind.SUSPEND.value, gettext_lazy("Suspend for a number of days")),
    (ModerationAction.Kind.BAN.value, gettext_lazy("Ban from all discussions")),
    (ModerationAction.Kind.RESTORE.value, gettext_lazy("Lift the suspension or ban")),
]


class StandingForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Decision"), choices=STANDING_DECISIONS)
    days = forms.IntegerField(label=gettext_lazy("Days"), required=False, min_value=1, max_value=3650)
    reason = forms.CharField(label=gettext_lazy("Note for the log"), required=False, max_length=500)


def queue_of(name: str, edition: str, search: str) -> QuerySet[Comment]:
    comments = Comment.objects.select_related(
        "author__reader_profile", "story", "story__locale", "moderated_by"
    ).annotate(open_reports=Count("reports", filter=Q(reports__resolved=False)))
    if name == "pending":
        comments = comments.filter(status=Comment.Status.PENDING).order_by("created_at", "id")
    elif name == "reported":
        comments = (
            comments.filter(open_reports__gt=0)
            .exclude(status__in=[Comment.Status.REJECTED, Comment.Status.REMOVED])
            .order_by("-open_reports", "created_at")
        )
    elif name == "rejected":
        comments = comments.filter(status=Comment.Status.REJECTED).order_by("-moderated_at", "-created_at")
    else:
        comments = comments.exclude(status=Comment.Status.REMOVED).order_by("-created_at", "-id")
    if edition:
        comments = comments.filter(story__locale__language_code=edition)
    if search:
        comments = comments.filter(body__icontains=search)
    return comments


def queue(request: HttpRequest) -> HttpResponse:
    """A queue of comments to decide on, with approve and reject for the ones ticked."""
    moderation.check_can_moderate(request.user)
    name = request.GET.get("queue", "pending")
    if name not in QUEUES:
        name = "pending"
    edition = request.GET.get("edition", "")
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(queue_of(name, edition, search), PER_PAGE).get_page(request.GET.get("page"))
    counts = {"pending": moderation.pending_count(), "reported": moderation.reported_count()}
    return TemplateResponse(
        request,
        "discussion/newsroom/queue.html",
        {
            "queue": name,
            "queues": [(key, label, counts.get(key)) for key, label in QUEUES.items()],
            "page": page,
            "edition": edition,
            "editions": Locale.objects.order_by("language_code"),
            "search": search,
            "reject_form": RejectForm(),
            "page_title": _("Comments"),
            "header_title": _("Comments"),
            "header_icon": "comment",
        },
    )


@require_POST
def decide(request: HttpRequest) -> HttpResponse:
    """Approve or reject the ticked comments (one or many)."""
    moderation.check_can_moderate(request.user)
    back = get_valid_next_url_from_request(request) or reverse("moderation:queue")
    ids = [int(i) for i in request.POST.getlist("comment") if i.isdigit()][:PER_PAGE]
    comments = list(Comment.objects.filter(pk__in=ids).select_related("story__locale"))
    decision = request.POST.get("decision", "")
    if not comments:
        messages.warning(request, _("Tick the comments to decide on first."))
        return HttpResponseRedirect(back)
    reasons: str | Callable[[Comment], str] = ""  # approving needs no reason
    if decision == "reject":
        form = RejectForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please choose the reason the author will see."))
            return HttpResponseRedirect(back)
        reasons = form.reason_for
    try:
        changed = moderation.do_moderate_many(request.user, comments, decision, reasons)
    except DiscussionError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(back)
    if decision == "approve":
        messages.success(request, _("Approved: %(count)s.") % {"count": changed})
    else:
        messages.success(request, _("Rejected: %(count)s. Their authors were told why.") % {"count": changed})
    return HttpResponseRedirect(back)


def comment_detail(request: HttpRequest, comment_id: int) -> HttpResponse:
    """One comment: its text, where it stands, its reports and every decision taken on it."""
    moderation.check_can_moderate(request.user)
    comment = get_object_or_404(
        Comment.objects.select_related("author__reader_profile", "story__locale", "reply_to", "moderated_by"),
        pk=comment_id,
    )
    return TemplateResponse(
        request,
        "discussion/newsroom/comment.html",
        {
            "comment": comment,
            "story": comment.story.specific,
            "reports": CommentReport.objects.filter(comment=comment).select_related(
                "reporter__reader_profile"
            ),
            **history_around_edit(comment),
            "reader_history": moderation.reader_history(comment.author_id) if comment.author_id else None,
            "reject_form": RejectForm(),
            "page_title": _("Comment"),
            "header_title": _("Comment"),
            "header_icon": "comment",
        },
    )


def history_around_edit(comment: Comment) -> dict[str, list[ModerationAction]]:
    """The decisions taken on a comment, oldest first, split where its author last edited it."""
    history = list(comment.moderation_actions.select_related("moderator").order_by("created_at", "id"))
    edited = comment.edited_at
    return {
        "history_before_edit": [a for a in history if edited is None or a.created_at < edited],
        "history_after_edit": [a for a in history if edited is not None and a.created_at >= edited],
    }


@require_POST
def comment_action(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Feature, unfeature, or dismiss the reports of one comment."""
    moderation.check_can_moderate(request.user)
    comment = get_object_or_404(Comment, pk=comment_id)
    action = request.POST.get("action", "")
    try:
        if action in ("feature", "unfeature"):
            moderation.do_feature(request.user, comment, action == "feature")
            messages.success(request, _("Featured.") if action == "feature" else _("No longer featured."))
        elif action == "dismiss":
            moderation.do_dismiss_reports(request.user, comment)
            messages.success(request, _("The reports were dismissed; the comment stays."))
        else:
            messages.error(request, _("Unknown action."))
    except DiscussionError as error:
        messages.error(request, error.message)
    return HttpResponseRedirect(reverse("moderation:comment", args=[comment.pk]))


def reader_detail(request: HttpRequest, reader_id: int) -> HttpResponse:
    """One reader: their record, their standing, their comments and what moderators did."""
    moderation.check_can_moderate(request.user)
    reader = get_object_or_404(get_user_model().objects.select_related("reader_profile"), pk=reader_id)
    comments = (
        Comment.objects.filter(author=reader)
        .select_related("story")
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved=False)))
        .order_by("-created_at")
    )
    return TemplateResponse(
        request,
        "discussion/newsroom/reader.html",
        {
            "reader": reader,
            "standing": ReaderStanding.objects.filter(reader=reader).first(),
            "history": moderation.reader_history(reader.pk),
            "recent": moderation.reader_history(reader.pk, settings.DATELINE_REJECTION_WINDOW),
            "window_days": settings.DATELINE_REJECTION_WINDOW.days,
            "page": Paginator(comments, PER_PAGE).get_page(request.GET.get("page")),
            "log": ModerationAction.objects.filter(reader=reader).select_related("moderator", "comment")[
                :100
            ],
            "standing_form": StandingForm(),
            "page_title": _("Reader"),
            "header_title": _("Reader"),
            "header_icon": "user",
        },
    )


@require_POST
def reader_standing(request: HttpRequest, reader_id: int) -> HttpResponse:
    moderation.check_can_moderate(request.user)
    reader = get_object_or_404(get_user_model(), pk=reader_id)
    form = StandingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please check the form: a suspension needs a number of days."))
        return HttpResponseRedirect(reverse("moderation:reader", args=[reader.pk]))
    try:
        moderation.do_set_standing(
            request.user,
            reader.pk,
            form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
            days=form.cleaned_data["days"] or 0,
        )
    except DiscussionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Saved: %(what)s.") % {"what": ModerationAction.Kind(form.cleaned_data["kind"]).label}
        )
    return HttpResponseRedirect(reverse("moderation:reader", args=[reader.pk]))


def audit_log(request: HttpRequest) -> HttpResponse:
    """Every moderation decision, newest first."""
    moderation.check_can_moderate(request.user)
    actions = ModerationAction.objects.select_related("moderator", "comment", "reader__reader_profile")
    return TemplateResponse(
        request,
        "discussion/newsroom/log.html",
        {
            "page": Paginator(actions, PER_PAGE).get_page(request.GET.get("page")),
            "page_title": _("Moderation log"),
            "header_title": _("Moderation log"),
            "header_icon": "list-ul",
        },
    )
