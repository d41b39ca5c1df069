"""Newsletters in the newsroom: drafts reordered and sent by editors, progress shown, others kept out."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core import mail

from dateline.subscriptions import actions
from dateline.subscriptions.models import Mailing, Subscriber, Subscription
from tests.factories import ArticleFactory, locale

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(editions):
    daily = next(n for n in actions.newsletters_of(locale("en")) if n.key == "daily")
    for number in range(3):
        reader = Subscriber.objects.create(email=f"r{number}@example.org", locale=daily.locale)
        reader.confirmed_at = reader.created_at
        reader.save()
        Subscription.objects.create(subscriber=reader, newsletter=daily)
    stories = [ArticleFactory(title=title) for title in ("First", "Second", "Third")]
    return Mailing.objects.create(newsletter=daily, subject="Today", stories=[s.pk for s in stories])


def test_an_editor_reorders_introduces_and_sends_a_draft_and_sees_how_far_it_got(client, editor, draft):
    client.force_login(editor)
    first, second, third = draft.stories
    page = client.get(f"/newsroom/newsletters/{draft.pk}/")
    assert page.status_code == HTTPStatus.OK and "Second" in page.content.decode()
    client.post(
        f"/newsroom/newsletters/{draft.pk}/",
        {
            "subject": "Today, reordered",
            "intro": "Good morning.",
            f"position-{first}": "3",
            f"position-{second}": "1",
            f"position-{third}": "2",
            f"remove-{third}": "1",
        },
    )
    draft.refresh_from_db()
    assert (draft.subject, draft.intro, draft.stories) == (
        "Today, reordered",
        "Good morning.",
        [second, first],
    )
    client.post(f"/newsroom/newsletters/{draft.pk}/send/")
    draft.refresh_from_db()
    assert draft.status == Mailing.Status.SENT and len(mail.outbox) == 3
    listing = client.get("/newsroom/newsletters/").content.decode()
    assert '<progress max="3" value="3"' in listing
    changed = client.post(f"/newsroom/newsletters/{draft.pk}/", {"subject": "Too late", "intro": ""})
    assert changed.status_code == HTTPStatus.OK
    draft.refresh_from_db()
    assert draft.subject == "Today, reordered"


def test_a_reporter_cannot_see_or_send_mailings(client, reporter, draft):
    client.force_login(reporter)
    # The newsroom answers a forbidden page by sending the user back to its dashboard.
    assert client.get("/newsroom/newsletters/")["Location"] == "/newsroom/"
    assert client.post(f"/newsroom/newsletters/{draft.pk}/send/")["Location"] == "/newsroom/"
    draft.refresh_from_db()
    assert draft.status == Mailing.Status.DRAFT and not mail.outbox


def test_an_editor_sets_when_a_list_goes_out(client, editor, draft):
    client.force_login(editor)
    daily = draft.newsletter
    listing = client.get("/newsroom/newsletter_lists/")
    assert listing.status_code == HTTPStatus.OK and "The day’s top stories" in listing.content.decode()
    client.post(
        f"/newsroom/newsletter_lists/edit/{daily.pk}/",
        {"send_time": "06:30", "time_zone": "Europe/Moscow", "active": "on"},
    )
    daily.refresh_from_db()
    assert (daily.send_time.strftime("%H:%M"), daily.time_zone) == ("06:30", "Europe/Moscow")


def test_a_time_zone_that_does_not_exist_is_refused(client, editor, draft):
    client.force_login(editor)
    daily = draft.newsletter
    response = client.post(
        f"/newsroom/newsletter_lists/edit/{daily.pk}/",
        {"send_time": "06:30", "time_zone": "Mars/Olympus_Mons", "active": "on"},
    )
    assert "is not a time zone we know" in response.content.decode()
    daily.refresh_from_db()
    assert daily.time_zone == "UTC"
