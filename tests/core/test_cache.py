"""The shared cache keeps the site up while Redis does not answer."""

from __future__ import annotations

import uuid
from http import HTTPStatus

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from dateline.core import cache as resilient
from dateline.discussion.models import Comment
from tests.discussion.factories import reader
from tests.factories import ArticleFactory

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}
# Nothing listens there: every connection is refused at once.
DEAD_REDIS = "redis://127.0.0.1:1/0"


def redis_cache(location: str) -> dict[str, dict[str, object]]:
    return {
        "default": {
            "BACKEND": "dateline.core.cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache(DEAD_REDIS)
    caches["default"].fallback.clear()


@pytest.mark.django_db
def test_pages_and_comments_work_while_redis_is_down(editions, redis_down, settings, caplog):
    settings.DATELINE_COMMENT_RATE = "3/m"
    story = ArticleFactory()
    assert Client().get("/en/").status_code == HTTPStatus.OK
    assert Client().get(story.url).status_code == HTTPStatus.OK
    writer = Client()
    writer.force_login(reader())
    url = reverse("discussion_post", args=[story.pk])
    answers = [writer.post(url, {"body": f"Comment {n}"}, **FETCH).status_code for n in range(4)]
    # The rate limit still counts, in the process, while Redis is away.
    assert answers == [HTTPStatus.OK] * 3 + [HTTPStatus.TOO_MANY_REQUESTS]
    assert Comment.objects.count() == 3
    assert "Redis does not answer" in caplog.text


def test_an_outage_is_not_retried_on_every_call(redis_down, monkeypatch):
    cache = caches["default"]
    attempts = []
    original = resilient.RedisCache.get

    def counted(self, *args, **kwargs):
        attempts.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(resilient.RedisCache, "get", counted)
    cache.set("headline", "Ferries resume")
    for _ in range(20):
        assert cache.get("headline") == "Ferries resume"
    assert len(attempts) <= 1


@pytest.mark.skipif(not django_settings.REDIS_URL, reason="needs a Redis (REDIS_URL), as CI's second leg has")
def test_redis_is_used_again_once_it_answers(settings, monkeypatch):
    settings.CACHES = redis_cache(django_settings.REDIS_URL)
    cache = caches["default"]
    cache.unavailable_until = 0.0
    cache.set("section", "World")
    assert cache.fallback.get("section") is None  # it went to Redis
    monkeypatch.setattr(resilient, "RETRY_SECONDS", 0.0)
    cache.unavailable_until = 10**12  # as after a failure
    cache.set("section", "Sport")
    assert cache.fallback.get("section") == "Sport"
    cache.unavailable_until = 0.0  # the pause is over
    assert cache.get("section") == "World"
