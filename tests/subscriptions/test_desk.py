"""The newsletters' panel on the newsroom's dashboard: this week's mailings and browser alerts that
failed somewhere, for editors and administrators."""

from __future__ import annotations

import itertools
from datetime import timedelta
from http import HTTPStatus
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from dateline.newsroom.roles import COMMENT_MODERATORS
from dateline.subscriptions import actions
from dateline.subscriptions.desk import FailedSendingPanel
from dateline.subscriptions.models import Delivery, Mailing, PushAlert, Subscriber
from tests.factories import ArticleFactory, UserFactory, locale
from tests.newsroom.desk_panels import assert_fixed_queries, render

pytestmark = pytest.mark.usefixtures("editions")

_numbers = itertools.count(1)


def mailing(subject: str, failed: int, sent: int = 1, days_ago: int = 0) -> Mailing:
    daily = next(n for n in actions.newsletters_of(locale("en")) if n.key == "daily")
    found = Mailing.objects.create(
        newsletter=daily, subject=subject, status=Mailing.Status.SENT, total=failed + sent
    )
    for status in [Delivery.Status.FAILED] * failed + [Delivery.Status.SENT] * sent:
        reader = Subscriber.objects.create(email=f"r{next(_numbers)}@example.org", locale=daily.locale)
        Delivery.objects.create(mailing=found, subscriber=reader, status=status, error="550 no such user")
    Mailing.objects.filter(pk=found.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return found


def alert(title: str, failed: int = 0, error: str = "") -> PushAlert:
    story = ArticleFactory(title=title)
    return PushAlert.objects.create(
        story=story,
        locale=story.locale,
        payload={"title": title},
        total=10,
        sent=10 - failed,
        failed=failed,
        error=error,
    )


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_an_editor_sees_the_mailings_and_alerts_that_failed_this_week(client, editor):
    failing = mailing("Morning digest", failed=2, sent=3)
    mailing("All delivered", failed=0, sent=4)
    mailing("Last month's trouble", failed=5, days_ago=30)
    alert("Earthquake off the coast", failed=3)
    alert("Polls close", error="the push service did not answer")
    alert("Everyone got this one")

    html = dashboard(client, editor)

    assert "Failed mailings and alerts" in html
    assert "Morning digest" in html and "2 messages" in html
    assert reverse("newsletters:mailing", args=[failing.pk]) in html
    assert "Earthquake off the coast" in html and "3 browsers" in html
    assert "Polls close" in html and "the push service did not answer" in html
    assert "All delivered" not in html
    assert "Last month" not in html
    assert "Everyone got this one" not in render(FailedSendingPanel(), editor)


def test_an_editor_is_told_when_nothing_failed(client, editor):
    assert "No mailing or browser alert of the last seven days failed." in dashboard(client, editor)


def test_reporters_and_comment_moderators_do_not_see_failed_sending(client, reporter, roles: dict[str, Any]):
    mailing("Morning digest", failed=2)
    moderator = UserFactory(username="moderator", groups=[COMMENT_MODERATORS])

    assert "Failed mailings and alerts" not in dashboard(client, reporter)
    assert "Failed mailings and alerts" not in dashboard(client, moderator)


def test_failed_sending_takes_a_fixed_number_of_queries(editor, django_assert_max_num_queries):
    def failures() -> None:
        mailing(f"Digest {next(_numbers)}", failed=1)
        alert(f"Alert {next(_numbers)}", failed=1)

    assert_fixed_queries(FailedSendingPanel(), editor, failures, django_assert_max_num_queries)
