"""Breaking news as web push: a browser's subscription, one encrypted alert per story, gone ones
pruned. The push service is a local server; the test holds the browser's keys and decrypts."""

from __future__ import annotations

import base64
import json
import os
import threading
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.test import Client

from dateline.breaking.actions import do_mark_breaking
from dateline.subscriptions import push
from dateline.subscriptions.models import PushAlert, PushSubscription
from tests.factories import ArticleFactory, locale

pytestmark = pytest.mark.django_db


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class Browser:
    """What a browser keeps for a push subscription: its key pair and its secret."""

    def __init__(self) -> None:
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        self.p256dh = b64(point)

    def decrypt(self, body: bytes) -> dict:
        return json.loads(
            http_ece.decrypt(body, private_key=self.private_key, auth_secret=self.auth, version="aes128gcm")
        )


class PushService(BaseHTTPRequestHandler):
    received: list[tuple[str, dict[str, str], bytes]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        PushService.received.append((self.path, dict(self.headers), body))
        self.send_response(HTTPStatus.GONE if self.path.startswith("/gone") else HTTPStatus.CREATED)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def service(settings) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), PushService)
    PushService.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.DATELINE_PUSH_SERVICES = ["http://127.0.0.1"]
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def vapid_file(settings, tmp_path):
    settings.DATELINE_VAPID_KEY_FILE = tmp_path / "vapid.pem"
    push.vapid_key.cache_clear()
    yield settings.DATELINE_VAPID_KEY_FILE
    push.vapid_key.cache_clear()


def subscribe(client: Client, endpoint: str, browser: Browser, **extra) -> object:
    body = {"endpoint": endpoint, "keys": {"p256dh": browser.p256dh, "auth": b64(browser.auth)}, **extra}
    return client.post("/en/subscribe/push/", json.dumps(body), content_type="application/json")


def test_the_sites_key_pair_is_made_once_and_kept(vapid_file):
    key = push.application_server_key()
    assert vapid_file.exists() and oct(vapid_file.stat().st_mode & 0o777) == "0o600"
    push.vapid_key.cache_clear()
    assert push.application_server_key() == key
    assert len(base64.urlsafe_b64decode(key + "=")) == 65


def test_a_browser_subscribes_and_unsubscribes_from_the_subscribe_page(client, editions, service, vapid_file):
    page = client.get("/en/subscribe/").content.decode()
    assert f'data-key="{push.application_server_key()}"' in page
    browser = Browser()
    assert subscribe(client, f"{service}/push/1", browser).json() == {"subscribed": True}
    stored = PushSubscription.objects.get()
    assert (stored.locale, stored.p256dh) == (locale("en"), browser.p256dh)
    assert subscribe(client, f"{service}/push/1", browser, remove=True).json() == {"subscribed": False}
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://169.254.169.254/latest/meta-data",
        "https://evil.example.org/push",
        "file:///etc/passwd",
        "",
        42,
    ],
)
def test_an_address_outside_the_known_push_services_is_refused(client, editions, service, endpoint):
    response = subscribe(client, endpoint, Browser())
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "error" in response.json()
    assert not PushSubscription.objects.exists()


def test_unreadable_keys_or_bodies_are_refused_and_csrf_is_enforced(client, editions, service):
    broken = Browser()
    broken.p256dh = "not-a-key"
    assert subscribe(client, f"{service}/push/1", broken).status_code == HTTPStatus.BAD_REQUEST
    bad_json = client.post("/en/subscribe/push/", "{nope", content_type="application/json")
    assert bad_json.status_code == HTTPStatus.BAD_REQUEST
    strict = Client(enforce_csrf_checks=True)
    assert subscribe(strict, f"{service}/push/1", Browser()).status_code == HTTPStatus.FORBIDDEN
    assert not PushSubscription.objects.exists()


def test_breaking_news_reaches_each_browser_once_encrypted_for_it_and_gone_ones_are_forgotten(
    client, editions, editor, service, vapid_file
):
    browser = Browser()
    subscribe(client, f"{service}/push/1", browser)
    subscribe(client, f"{service}/gone/2", Browser())
    russian = Browser()
    subscribe(client, f"{service}/push/3", russian)
    PushSubscription.objects.filter(endpoint__endswith="/push/3").update(locale=locale("ru"))
    story = ArticleFactory(title="Storm makes landfall", lede="Storm Amaru reached the coast at dawn.")
    do_mark_breaking(story, user=editor, headline="Storm Amaru makes landfall")
    do_mark_breaking(story, user=editor, headline="Storm Amaru: thousands evacuated")
    paths = [path for path, _headers, _body in PushService.received]
    assert sorted(paths) == ["/gone/2", "/push/1"]
    _path, headers, body = next(r for r in PushService.received if r[0] == "/push/1")
    alert = browser.decrypt(body)
    assert alert["title"] == "Storm Amaru makes landfall"
    assert alert["body"] == "Storm Amaru reached the coast at dawn."
    assert alert["url"].endswith(story.url)
    sent_with = {name.lower(): value for name, value in headers.items()}
    assert sent_with["content-encoding"] == "aes128gcm"
    assert sent_with["authorization"].startswith("vapid t=")
    assert push.application_server_key() in sent_with["authorization"]
    assert not PushSubscription.objects.filter(endpoint__contains="/gone/").exists()
    sent = PushAlert.objects.get(story=story)
    assert (sent.sent, sent.gone, sent.finished_at is not None) == (1, 1, True)


def test_the_service_worker_is_served_from_the_sites_root(client):
    response = client.get("/service-worker.js")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/javascript")
    assert "showNotification" in response.content.decode()
