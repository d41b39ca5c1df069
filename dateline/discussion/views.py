"""The discussion under a story: a fragment the story page fetches, a full page without JavaScript,
and the readers' writes (thin: parse, call one action, answer)."""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_POST

from dateline.articles.models import ArticlePage
from dateline.discussion import actions, rules
from dateline.discussion.models import Comment, CommentReaction
from dateline.discussion.streams import stream_name

HELD_MESSAGE = _lazy("Thank you. Your comment will appear once a moderator has approved it.")
SORTS = {"newest": "-created_at", "oldest": "created_at", "reacted": "-reaction_count"}


def wants_fragment(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def threads_of(story: ArticlePage, sort: str, user: Any) -> QuerySet[Comment]:
    """Featured threads first, then by the sort; traces stay only where replies hang on them."""
    replies = (
        Comment.objects.visible_to(user)
        .exclude(status=Comment.Status.REJECTED)
        .select_related("author__reader_profile", "reply_to__author__reader_profile")
    )
    return (
        Comment.objects.filter(story=story, thread=None)
        .visible_to(user)
        .exclude(status__in=[Comment.Status.REMOVED, Comment.Status.REJECTED], reply_count=0)
        .select_related("author__reader_profile")
        .prefetch_related(
            Prefetch("replies", queryset=replies.order_by("created_at"), to_attr="shown_replies")
        )
        .order_by("-featured", SORTS[sort], "-id")
    )


@require_GET
def discussion(request: HttpRequest, story_id: int) -> HttpResponse:
    """The comments of a story, one page of threads at a time, with the form or the log-in prompt."""
    story = get_object_or_404(ArticlePage.objects.live().select_related("locale"), pk=story_id)
    sort = request.GET.get("sort", "newest")
    if sort not in SORTS:
        sort = "newest"
    paginator = Paginator(threads_of(story, sort, request.user), settings.DATELINE_COMMENTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    threads = list(page.object_list)
    shown = [c.pk for t in threads for c in [t, *t.shown_replies]]  # type: ignore[attr-defined]
    mine: dict[int, set[str]] = {}
    if request.user.is_authenticated and shown:
        for comment_id, kind in CommentReaction.objects.filter(
            comment_id__in=shown, reader=request.user
        ).values_list("comment_id", "kind"):
            mine.setdefault(comment_id, set()).add(kind)
    context = {
        "story": story,
        "threads": threads,
        "page": page,
        "sort": sort,
        "sorts": [("newest", _("Newest")), ("oldest", _("Oldest")), ("reacted", _("Most reacted"))],
        "count": Comment.objects.filter(story=story).published().count(),
        "my_reactions": mine,
        "is_open": story.takes_comments(),
        "can_post": request.user.is_authenticated and actions.has_confirmed_email(request.user),
        "standing_message": standing_message(request.user),
        "stream": stream_name(story.pk),
    }
    if wants_fragment(request):
        return render(request, "discussion/panel.html", context)
    return render(request, "discussion/page.html", context)


def standing_message(user: Any) -> str:
    """Why a suspended or banned reader sees no comment form ("" for everyone else)."""
    if not user.is_authenticated:
        return ""
    try:
        actions.check_standing(rules.standing_of(user))
    except actions.DiscussionError as error:
        return error.message
    return ""


@require_GET
def permalink(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.shown_in_thread(), pk=comment_id)
    story = get_object_or_404(ArticlePage.objects.live(), pk=comment.story_id)
    return HttpResponseRedirect(f"{story.url}#{(comment.thread or comment).anchor}")


def _answer(
    request: HttpRequest, work: Callable[[], dict[str, Any]], back: str, done: str | None = None
) -> HttpResponse:
    """Run one action; JSON for the page's script, a redirect with a message without it."""
    try:
        result = work()
    except actions.DiscussionError as error:
        if wants_fragment(request):
            return JsonResponse({"error": error.message}, status=error.status)
        messages.error(request, error.message)
        return HttpResponseRedirect(back)
    if wants_fragment(request):
        return JsonResponse(result, status=HTTPStatus.OK)
    done = result.get("message") or done
    if done:
        messages.success(request, done)
    return HttpResponseRedirect(back)


def _back(request: HttpRequest, story_id: int) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("discussion", args=[story_id])


@require_POST
def post_comment(request: HttpRequest, story_id: int) -> HttpResponse:
    story = get_object_or_404(ArticlePage.objects.live().select_related("locale"), pk=story_id)
    reply_to = None
    if request.POST.get("reply_to", "").isdigit():
        reply_to = Comment.objects.filter(pk=int(request.POST["reply_to"]), story=story).first()
        if reply_to is None:
            return _answer(request, _gone, _back(request, story_id))

    def work() -> dict[str, Any]:
        comment = actions.do_post_comment(request.user, story, request.POST.get("body", ""), reply_to)
        return _comment_answer(request, comment)

    return _answer(request, work, _back(request, story_id))


def _comment_answer(request: HttpRequest, comment: Comment) -> dict[str, Any]:
    """The posted or edited comment as the author now sees it, and a word if it is not public."""
    answer: dict[str, Any] = {"id": comment.pk, "thread": comment.thread_id, "status": comment.status}
    if comment.status == Comment.Status.REJECTED:
        answer["message"] = _("Your comment was not published: %(reason)s") % {
            "reason": comment.rejection_reason
        }
        return answer
    answer["html"] = getattr(comment, "rendered", None) or render_to_string(
        "discussion/comment.html", {"comment": comment}, request
    )
    if comment.status == Comment.Status.PENDING:
        answer["message"] = str(HELD_MESSAGE)
    return answer


def _gone() -> dict[str, Any]:
    raise actions.DiscussionError(_("The comment you are replying to is no longer there."), 404)


def _comment(comment_id: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("story", "author__reader_profile"), pk=comment_id)


@require_POST
def edit_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(comment_id)

    def work() -> dict[str, Any]:
        return _comment_answer(
            request, actions.do_edit_comment(request.user, comment, request.POST.get("body", ""))
        )

    return _answer(request, work, _back(request, comment.story_id))


@require_POST
def delete_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(comment_id)
    return _answer(
        request,
        lambda: {"id": actions.do_delete_comment(request.user, comment).pk},
        _back(request, comment.story_id),
    )


@require_POST
def react(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(comment_id)
    return _answer(
        request,
        lambda: {
            "id": comment.pk,
            "reactions": actions.do_toggle_reaction(request.user, comment, request.POST.get("kind", "")),
        },
        _back(request, comment.story_id),
    )


@require_POST
def report(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(comment_id)
    thanks = _("Thank you. The newsroom will look at this comment.")

    def work() -> dict[str, Any]:
        actions.do_report_comment(request.user, comment, request.POST.get("reason", ""))
        return {"id": comment.pk, "message": thanks}

    return _answer(request, work, _back(request, comment.story_id), thanks)
