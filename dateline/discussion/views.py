"""The discussion under a story: a fragment the story page fetches, a full page without JavaScript,
and the readers' writes (thin: parse, call one action, answer)."""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from dateline.articles.models import ArticlePage
from dateline.core import versioned
from dateline.discussion import actions, markup, queries, rendering, rules, threads
from dateline.discussion.models import Comment
from dateline.discussion.streams import stream_name

HELD_MESSAGE = gettext_lazy("Thank you. Your comment will appear once a moderator has approved it.")
# Why, in the reader's words (the moderators' labels are on `Comment.Held`).
HELD_REASONS = {
    Comment.Held.STORY.value: gettext_lazy("Every comment in this discussion is read by a moderator first."),
    Comment.Held.READER.value: gettext_lazy("A moderator reads your comments before they appear."),
    Comment.Held.NEW_READER.value: gettext_lazy("A new reader's first comments are read by a moderator."),
    Comment.Held.SUSPECT_WORD.value: gettext_lazy("It contains words a moderator looks at first."),
    Comment.Held.LINKS.value: gettext_lazy("It has more links than a new reader may post at once."),
    Comment.Held.LINK_LIMIT.value: gettext_lazy("It has more links than a comment may have at once."),
    Comment.Held.REPEATED.value: gettext_lazy("You posted the same text recently."),
}


def live_story(request: HttpRequest, story_id: int) -> ArticlePage:
    """The published story of a discussion, looked up once per process and content version.

    Every fragment and every comment asks for it (a wide Wagtail row: a tenth of a comment's POST);
    publishing, changing or withdrawing a story, or its section, makes a new content version.
    The story is shared by the process's requests and must not be changed.
    """
    story = versioned.remembered_per_object(
        "discussion-story",
        story_id,
        request,
        lambda: ArticlePage.objects.live().select_related("locale").filter(pk=story_id).first(),
    )
    if story is None:
        raise Http404
    return story


def wants_fragment(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def shown_ids(shown_threads: list[Comment]) -> list[int]:
    return [c.pk for t in shown_threads for c in [t, *t.shown_replies]]  # type: ignore[attr-defined]


def my_reactions(user: Any, shown: list[int]) -> dict[int, set[str]]:
    """The reactions the reader gave to the comments shown, to mark their buttons pressed."""
    mine: dict[int, set[str]] = {}
    if user.is_authenticated and shown:
        for comment_id, kind in queries.reactions_given(user.pk, shown):
            mine.setdefault(comment_id, set()).add(kind)
    return mine


def panel_context(
    request: HttpRequest, story: ArticlePage, page: threads.ThreadPage, sort: str, shown: list[int]
) -> dict[str, Any]:
    return {
        "story": story,
        "threads": page.threads,
        "page": page,
        "sort": sort,
        "sorts": [("newest", _("Newest")), ("oldest", _("Oldest")), ("reacted", _("Most reacted"))],
        "count": queries.published_count(story.pk),
        "my_reactions": my_reactions(request.user, shown),
        "is_open": story.takes_comments(),
        "can_post": request.user.is_authenticated and actions.has_confirmed_email(request.user),
        "standing_message": standing_message(request.user),
        "stream": stream_name(story.pk),
    }


@require_GET
def discussion(request: HttpRequest, story_id: int) -> HttpResponse:
    """The comments of a story, one page of threads at a time, with the form or the log-in prompt."""
    story = live_story(request, story_id)
    sort = request.GET.get("sort", "newest")
    if sort not in threads.SORTS:
        sort = "newest"
    number = threads.page_number(request.GET.get("page"))
    per_page = settings.DATELINE_COMMENTS_PER_PAGE
    if not wants_fragment(request):
        page = threads.threads_page(story, request.user, sort, number, per_page)
        return render(
            request,
            "discussion/page.html",
            panel_context(request, story, page, sort, shown_ids(page.threads)),
        )

    # The threads' markup is the same for everyone and kept until the discussion changes: the
    # script marks the reader's own comments and reactions, and the reader's comments awaiting
    # moderation (which only they see) come in a list of their own above the threads.
    def compute() -> rendering.RenderedThreads:
        page = threads.threads_page(story, AnonymousUser(), sort, number, per_page)
        return rendering.RenderedThreads(
            rendering.threads_html(page.threads), page.has_next, shown_ids(page.threads)
        )

    rendered = rendering.cached_threads(story.pk, sort, number, compute)
    page = threads.ThreadPage(number=number, threads=[], has_next=rendered.has_next)
    held = threads.own_pending(request.user, story)
    context = panel_context(request, story, page, sort, rendered.shown)
    context["threads_html"] = rendered.html
    context["held_html"] = [markup.comment_html(c, csrf_token=get_token(request)) for c in held]
    context["my_reactions_json"] = json.dumps({k: sorted(v) for k, v in context["my_reactions"].items()})
    return render(request, "discussion/panel.html", context)


@require_GET
def thread(request: HttpRequest, story_id: int, thread_id: int) -> HttpResponse:
    """One thread with all its replies: the fragment "show more replies" fetches, or a page."""
    story = live_story(request, story_id)
    found = threads.whole_thread(story, request.user, thread_id)
    if found is None:
        raise Http404
    if wants_fragment(request):
        context = {"comment": found, "my_reactions": my_reactions(request.user, shown_ids([found]))}
        return render(request, "discussion/comment.html", context)
    page = threads.ThreadPage(number=1, threads=[found], has_next=False)
    return render(
        request, "discussion/page.html", panel_context(request, story, page, "newest", shown_ids([found]))
    )


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
    request: HttpRequest, work: Callable[[], dict[str, Any]], story_id: int, done: str | None = None
) -> HttpResponse:
    """Run one action; JSON for the page's script, a redirect (back to the story's discussion, or
    where the form says) with a message without it."""
    try:
        result = work()
    except actions.DiscussionError as error:
        if wants_fragment(request):
            return JsonResponse({"error": error.message}, status=error.status)
        messages.error(request, error.message)
        return HttpResponseRedirect(_back(request, story_id))
    if wants_fragment(request):
        return JsonResponse(result, status=HTTPStatus.OK)
    done = result.get("message") or done
    if done:
        messages.success(request, done)
    return HttpResponseRedirect(_back(request, story_id))


def _back(request: HttpRequest, story_id: int) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("discussion", args=[story_id])


@require_POST
def post_comment(request: HttpRequest, story_id: int) -> HttpResponse:
    story = live_story(request, story_id)
    reply_to = None
    if request.POST.get("reply_to", "").isdigit():
        reply_to = queries.comment_in_story(int(request.POST["reply_to"]), story.pk)
        if reply_to is None:
            return _answer(request, _gone, story_id)

    def work() -> dict[str, Any]:
        comment = actions.do_post_comment(request.user, story, request.POST.get("body", ""), reply_to)
        return _comment_answer(request, comment)

    return _answer(request, work, story_id)


def _comment_answer(request: HttpRequest, comment: Comment) -> dict[str, Any]:
    """The posted or edited comment as the author now sees it, and a word if it is not public."""
    answer: dict[str, Any] = {"id": comment.pk, "thread": comment.thread_id, "status": comment.status}
    if comment.status == Comment.Status.REJECTED:
        answer["message"] = _("Your comment was not published: %(reason)s") % {
            "reason": comment.rejection_reason
        }
        return answer
    answer["html"] = getattr(comment, "rendered", None) or markup.comment_html(
        comment, csrf_token=get_token(request)
    )
    if comment.status == Comment.Status.PENDING:
        reason = HELD_REASONS.get(comment.held_because)
        answer["message"] = f"{HELD_MESSAGE} {reason}" if reason else str(HELD_MESSAGE)
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

    return _answer(request, work, comment.story_id)


@require_POST
def delete_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(comment_id)
    return _answer(
        request,
        lambda: {"id": actions.do_delete_comment(request.user, comment).pk},
        comment.story_id,
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
        comment.story_id,
    )


@require_POST
def report(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _comment(comment_id)
    thanks = _("Thank you. The newsroom will look at this comment.")

    def work() -> dict[str, Any]:
        actions.do_report_comment(request.user, comment, request.POST.get("reason", ""))
        return {"id": comment.pk, "message": thanks}

    return _answer(request, work, comment.story_id, thanks)
