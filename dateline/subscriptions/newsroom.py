"""Newsletters in the newsroom: the mailings with how far sending got, a draft digest to reorder,
introduce and send, the browser alerts with how far they got, and the lists' settings. Thin views
over `sending` and the models."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from dateline.subscriptions import sending
from dateline.subscriptions.models import Delivery, Mailing, PushAlert

VIEW = "subscriptions.view_mailing"
CHANGE = "subscriptions.change_mailing"
FAILURES_SHOWN = 50


class DraftForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    intro = forms.CharField(
        label=gettext_lazy("Introduction (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def with_progress(mailings):  # type: ignore[no-untyped-def]
    """Each mailing's deliveries by where they stand: sent, waiting (or being sent), waiting for a
    retry, failed for good."""
    waiting = [Delivery.Status.PENDING, Delivery.Status.SENDING]
    return mailings.annotate(
        sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
        waiting=Count("deliveries", filter=Q(deliveries__status__in=waiting)),
        retrying=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.RETRYING)),
        failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
    )


@permission_required(VIEW, raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    mailings = with_progress(Mailing.objects.select_related("newsletter__locale", "newsletter__section"))[:50]
    sending_now = any(m.status == Mailing.Status.SENDING for m in mailings)
    return TemplateResponse(
        request,
        "subscriptions/newsroom/index.html",
        {"page_title": _("Newsletters"), "header_icon": "mail", "mailings": mailings, "refresh": sending_now},
    )


@permission_required(VIEW, raise_exception=True)
def mailing(request: HttpRequest, mailing_id: int) -> HttpResponse:
    """A mailing: a draft to edit (order, stories, introduction), or how far sending got."""
    found = get_object_or_404(
        with_progress(Mailing.objects.select_related("newsletter__locale", "newsletter__section")),
        pk=mailing_id,
    )
    is_draft = found.status == Mailing.Status.DRAFT
    form = DraftForm(request.POST or None, initial={"subject": found.subject, "intro": found.intro})
    if request.method == "POST":
        if not (is_draft and request.user.has_perm(CHANGE)):
            messages.error(request, _("Only a draft can be changed."))
        elif form.is_valid():
            found.subject, found.intro = form.cleaned_data["subject"], form.cleaned_data["intro"]
            found.stories = ordered_stories(request, found.stories)
            found.save(update_fields=["subject", "intro", "stories"])
            messages.success(request, _("The draft was saved."))
            return HttpResponseRedirect(reverse("newsletters:mailing", args=[found.pk]))
    return TemplateResponse(
        request,
        "subscriptions/newsroom/mailing.html",
        {
            "page_title": found.subject,
            "header_icon": "mail",
            "mailing": found,
            "form": form,
            "is_draft": is_draft,
            "stories": sending.stories_of(found),
            "story_ids": found.stories,
            "failures": Delivery.objects.filter(mailing=found, status=Delivery.Status.FAILED)
            .select_related("subscriber")
            .order_by("pk")[:FAILURES_SHOWN],
            "refresh": found.status == Mailing.Status.SENDING,
        },
    )


def ordered_stories(request: HttpRequest, current: list[int]) -> list[int]:
    """The stories in the order given by their position fields, without those marked to remove."""
    positions = []
    for index, story_id in enumerate(current):
        if request.POST.get(f"remove-{story_id}"):
            continue
        raw = request.POST.get(f"position-{story_id}", "")
        positions.append((int(raw) if raw.strip().lstrip("-").isdigit() else index + 1, index, story_id))
    return [story_id for _position, _index, story_id in sorted(positions)]


@require_POST
@permission_required(CHANGE, raise_exception=True)
def send(request: HttpRequest, mailing_id: int) -> HttpResponse:
    found = get_object_or_404(Mailing, pk=mailing_id)
    try:
        count = sending.do_start(found)
    except sending.SendingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Sending to %(count)s subscribers.") % {"count": f"{count:,}"})
    return HttpResponseRedirect(reverse("newsletters:mailing", args=[found.pk]))


@permission_required(VIEW, raise_exception=True)
def alerts(request: HttpRequest) -> HttpResponse:
    """Breaking news sent to browsers: how many each alert reached, failed, found gone, has left."""
    found = list(PushAlert.objects.select_related("locale")[:50])
    return TemplateResponse(
        request,
        "subscriptions/newsroom/alerts.html",
        {
            "page_title": _("Browser alerts"),
            "header_icon": "mail",
            "alerts": found,
            "refresh": any(alert.finished_at is None for alert in found),
        },
    )
