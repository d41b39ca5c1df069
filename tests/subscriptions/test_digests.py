"""Daily digests: made as a draft before their time from the day's stories, sent at their time."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from django.core import mail

from dateline.articles.models import ArticlePage
from dateline.subscriptions import actions, digests
from dateline.subscriptions.models import Mailing, Subscriber, Subscription
from tests.factories import ArticleFactory, locale, section_page

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 11, 20, tzinfo=UTC).date()


def at(hour: int, minute: int = 0, day: int = 20) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def story_published(title: str, when: datetime, **fields) -> ArticlePage:
    story = ArticleFactory(title=title, **fields)
    ArticlePage.objects.filter(pk=story.pk).update(first_published_at=when)
    return story


@pytest.fixture
def lists(editions):
    found = {n.key: n for n in actions.newsletters_of(locale("en"))}
    for newsletter in found.values():
        newsletter.send_time, newsletter.time_zone = time(7, 0), "UTC"
        newsletter.save()
    return found


def test_the_digest_is_drafted_before_its_time_with_the_top_story_first_and_sent_at_its_time(lists, editions):
    daily = lists["daily"]
    reader = Subscriber.objects.create(email="mina@example.org", locale=daily.locale, confirmed_at=at(1))
    Subscription.objects.create(subscriber=reader, newsletter=daily)
    story_published("Old news", at(6, day=18))
    evening = story_published("Evening vote", at(19, day=19))
    morning = story_published("Morning quake", at(5))
    top = story_published("Chosen top story", at(9, day=19))
    home = editions["en"]
    home.top_story = top
    home.save_revision().publish()

    assert digests.run_digests(at(5, 59)) == (0, 0)
    assert digests.run_digests(at(6, 0)) == (2, 0)  # the daily digest and World's
    draft = Mailing.objects.get(newsletter=daily)
    assert (draft.status, draft.issue_date, draft.scheduled_for) == (Mailing.Status.DRAFT, DAY, at(7))
    assert draft.stories == [top.pk, morning.pk, evening.pk]
    assert digests.run_digests(at(6, 30)) == (0, 0)  # one digest a day

    draft.stories = [evening.pk, top.pk]  # the editor's order
    draft.intro = "A busy night."
    draft.save()
    assert digests.run_digests(at(7, 0))[1] == 2
    draft.refresh_from_db()
    assert draft.status == Mailing.Status.SENT
    (message,) = mail.outbox
    assert message.body.index("Evening vote") < message.body.index("Chosen top story")
    assert "Morning quake" not in message.body and "A busy night." in message.body


def test_a_section_digest_goes_only_on_days_the_section_published(lists):
    world = lists[f"section:{section_page('en', 'world').pk}"]
    business = lists[f"section:{section_page('en', 'business').pk}"]
    story_published("Sea wall holds", at(4), section="world")
    digests.run_digests(at(6, 10))
    assert Mailing.objects.filter(newsletter=world).count() == 1
    assert not Mailing.objects.filter(newsletter=business).exists()
