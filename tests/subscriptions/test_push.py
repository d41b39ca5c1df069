"""Breaking news as web push: a browser's subscription, one encrypted alert per story, gone ones
pruned. The push service is a local server; the test holds the browser's keys and decrypts."""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.db import connection
from django.test import Client
from django.utils import timezone
from py_vapid import VapidException
from pywebpush import webpush

from dateline.breaking.actions import do_mark_breaking
from dateline.subscriptions import push
from dateline.subscriptions.models import PushAlert, PushSubscription
from tests.browser.server import database_url
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
    """A push service: takes alerts, says a subscription is gone (/gone/…), fails (/error/…),
    redirects (/redirect/… to `elsewhere`), or takes its time (/slow/…)."""

    received: list[tuple[str, dict[str, str], bytes]] = []
    elsewhere = ""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        PushService.received.append((self.path, dict(self.headers), body))
        if self.path.startswith("/slow"):
            time.sleep(0.05)
        if self.path.startswith("/redirect"):
            self.send_response(HTTPStatus.TEMPORARY_REDIRECT)
            self.send_header("Location", PushService.elsewhere)
        elif self.path.startswith("/error"):
            self.send_response(HTTPStatus.INTERNAL_SERVER_ERROR)
        else:
            self.send_response(HTTPStatus.GONE if self.path.startswith("/gone") else HTTPStatus.CREATED)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def serve(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def service(settings) -> Iterator[str]:
    server = serve(PushService)
    PushService.received = []
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    settings.DATELINE_PUSH_SERVICES = [origin]
    yield origin
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
    off_curve = Browser()
    off_curve.p256dh = b64(b"\x04" + b"\x01" * 64)  # the right length, but no point on P-256
    assert subscribe(client, f"{service}/push/1", off_curve).status_code == HTTPStatus.BAD_REQUEST
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


def stored(endpoint: str, browser: Browser | None = None, language: str = "en") -> PushSubscription:
    """A subscription as the database holds it (some written before the endpoint checks)."""
    browser = browser or Browser()
    return PushSubscription.objects.create(
        endpoint=endpoint, p256dh=browser.p256dh, auth=b64(browser.auth), locale=locale(language)
    )


def mark_breaking(editor, title: str = "Storm makes landfall") -> PushAlert:
    story = ArticleFactory(title=title, lede="Storm Amaru reached the coast at dawn.")
    do_mark_breaking(story, user=editor)
    return PushAlert.objects.get(story=story)


@pytest.fixture
def silent_service() -> Iterator[int]:
    """A server that takes the connection and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


def test_browsers_that_fail_each_in_their_own_way_do_not_keep_the_alert_from_the_others(
    editions, editor, service, silent_service, vapid_file, settings, monkeypatch
):
    monkeypatch.setattr(push, "TIMEOUT", 0.5)
    port = service.rsplit(":", 1)[1]
    settings.DATELINE_PUSH_SERVICES = [
        service,
        f"https://127.0.0.1:{port}",
        f"http://127.0.0.1:{silent_service}",
    ]
    # Stored before the endpoint checks: pywebpush answers it with a VapidException (the audience
    # it derives from an IPv6 address is not one it signs for).
    vapid = stored(f"http://[::1]:{port}/push/vapid")
    with pytest.raises(VapidException):
        webpush(
            vapid.subscription_info(),
            "{}",
            vapid_private_key=push.vapid_key(),
            vapid_claims={"sub": "mailto:newsroom@example.org"},
            curl=True,
        )
    tls = stored(f"https://127.0.0.1:{port}/push/tls")  # the service speaks plain HTTP: an SSLError
    timeout = stored(f"http://127.0.0.1:{silent_service}/push/silent")
    off_curve = stored(f"{service}/push/off-curve")
    off_curve.p256dh = b64(b"\x04" + b"\x01" * 64)  # stored before keys were checked for the curve
    off_curve.save()
    browsers = [Browser() for _ in range(3)]
    for number, browser in enumerate(browsers):
        stored(f"{service}/push/{number}", browser)
    alert = mark_breaking(editor)
    alert.refresh_from_db()
    assert (alert.total, alert.sent, alert.failed, alert.gone, alert.pending) == (7, 3, 4, 0, 0)
    assert alert.finished_at is not None
    delivered = {path: body for path, _headers, body in PushService.received}
    assert sorted(delivered) == ["/push/0", "/push/1", "/push/2"]
    for number, browser in enumerate(browsers):
        assert browser.decrypt(delivered[f"/push/{number}"])["title"] == "Storm makes landfall"
    errors = {s.pk: s for s in PushSubscription.objects.filter(failures__gt=0)}
    assert set(errors) == {vapid.pk, tls.pk, timeout.pk, off_curve.pk}
    assert "push service" in errors[vapid.pk].last_error
    assert "SSLError" in errors[tls.pk].last_error
    assert "Timeout" in errors[timeout.pk].last_error
    assert "ValueError" in errors[off_curve.pk].last_error
    assert all(s.failures == 1 and s.last_failed_at is not None for s in errors.values())


def test_endpoints_stored_before_the_checks_are_never_posted_to(
    editions, editor, service, vapid_file, settings
):
    # The list as it was written before: "http://127.0.0.1" let any port through, and urlsplit
    # alone read the backslashed address as one at fcm.googleapis.com.
    settings.DATELINE_PUSH_SERVICES = ["http://127.0.0.1", "http://fcm.googleapis.com"]
    port = service.rsplit(":", 1)[1]
    tricks = [
        stored(f"http://127.0.0.1:{port}/push/another-port"),
        stored(f"http://127.0.0.1:{port}\\@fcm.googleapis.com/fcm/send/x"),
    ]
    alert = mark_breaking(editor)
    assert PushService.received == []
    assert [PushSubscription.objects.get(pk=trick.pk).failures for trick in tricks] == [1, 1]
    alert.refresh_from_db()
    assert (alert.sent, alert.failed, alert.finished_at is not None) == (0, 2, True)


def test_a_push_service_that_redirects_is_not_followed(editions, editor, service, vapid_file):
    elsewhere = serve(PushService)
    PushService.elsewhere = f"http://127.0.0.1:{elsewhere.server_address[1]}/inside"
    try:
        redirecting = stored(f"{service}/redirect/1")
        mark_breaking(editor)
    finally:
        elsewhere.shutdown()
    assert [path for path, _headers, _body in PushService.received] == ["/redirect/1"]
    redirecting.refresh_from_db()
    assert redirecting.failures == 1 and "redirect" in redirecting.last_error.lower()


def test_a_browser_that_keeps_failing_is_forgotten_and_one_that_recovers_starts_again(
    editions, editor, service, vapid_file, settings
):
    settings.DATELINE_PUSH_FAILURE_LIMIT = 2
    failing = stored(f"{service}/error/1")
    recovering = stored(f"{service}/error/2")
    mark_breaking(editor, "First storm")
    recovering.endpoint = f"{service}/push/2"
    recovering.save()
    mark_breaking(editor, "Second storm")
    assert not PushSubscription.objects.filter(pk=failing.pk).exists()
    recovering.refresh_from_db()
    assert recovering.failures == 0
    assert sorted(PushAlert.objects.values_list("failed", "sent")) == [(1, 1), (2, 0)]


def test_a_failed_run_waits_its_back_off_then_resumes_where_it_stopped(
    editions, editor, service, vapid_file, settings
):
    settings.DATELINE_SEND_RETRY_SECONDS = 1
    browser = Browser()
    stored(f"{service}/push/1", browser)
    vapid_file.write_bytes(b"not a key")  # the run cannot sign anything: the alert's own failure
    alert = mark_breaking(editor)
    alert.refresh_from_db()
    assert alert.finished_at is None and alert.sender == "" and alert.error
    assert 0 < (alert.claimed_until - timezone.now()).total_seconds() <= 1
    assert push.resume_push_alerts() == 0  # still waiting
    assert PushService.received == []
    vapid_file.unlink()
    push.vapid_key.cache_clear()
    time.sleep(max(0.0, (alert.claimed_until - timezone.now()).total_seconds()) + 0.05)
    assert push.resume_push_alerts() == 1
    alert.refresh_from_db()
    assert (alert.sent, alert.attempts, alert.finished_at is not None) == (1, 2, True)
    assert browser.decrypt(PushService.received[0][2])["title"] == "Storm makes landfall"
    assert push.resume_push_alerts() == 0


def test_an_alert_past_its_time_to_live_is_not_resumed(editions, editor, service, vapid_file, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    stored(f"{service}/push/1")
    alert = mark_breaking(editor)
    stale = timezone.now() - timedelta(seconds=settings.DATELINE_PUSH_TTL_SECONDS + 1)
    PushAlert.objects.filter(pk=alert.pk).update(created_at=stale, claimed_until=None)
    push.send_push_alert.call(alert.pk)
    alert.refresh_from_db()
    assert alert.finished_at is not None and alert.sent == 0
    assert PushService.received == []
    assert push.resume_push_alerts() == 0


RUN_ALERT = """
import sys, django
django.setup()
from dateline.subscriptions import push
push.BATCH = 5
push.send_push_alert.call(int(sys.argv[1]))
"""


def test_a_run_killed_mid_batch_resumes_without_sending_twice_to_a_saved_batch(
    committed_db, editor, service, vapid_file, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    browsers = {stored(f"{service}/slow/{number}").pk: number for number in range(30)}
    alert = mark_breaking(editor)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATELINE_DATA_DIR": str(settings.DATA_DIR),
        "DATABASE_URL": database_url(connection.settings_dict),
        "DATELINE_PUSH_SERVICES": service,
        "DATELINE_VAPID_KEY_FILE": str(vapid_file),
        "DATELINE_SEND_LEASE_SECONDS": "1",
    }
    push.application_server_key()  # the key pair both runs sign with
    run = subprocess.Popen(
        [sys.executable, "-c", RUN_ALERT, str(alert.pk)],
        cwd=settings.BASE_DIR,
        env=environment,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while len(PushService.received) < 13 and time.monotonic() < deadline:
        assert run.poll() is None, run.stderr.read().decode() if run.stderr else ""
        time.sleep(0.005)
    run.send_signal(signal.SIGKILL)
    run.wait()
    alert.refresh_from_db()
    assert alert.finished_at is None and alert.sent >= 10
    saved = [pk for pk in browsers if pk <= alert.sent_up_to]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert push.resume_push_alerts() == 0  # the dead run's lease holds a second yet
    time.sleep(max(0.0, (alert.claimed_until - timezone.now()).total_seconds()) + 0.05)
    assert push.resume_push_alerts() == 1
    copies = Counter(path for path, _headers, _body in PushService.received)
    assert set(copies) == {f"/slow/{number}" for number in range(30)}
    assert all(copies[f"/slow/{browsers[pk]}"] == 1 for pk in saved)
    assert sum(count - 1 for count in copies.values()) <= 5  # at most the batch in flight
    alert.refresh_from_db()
    assert (alert.sent, alert.finished_at is not None) == (30, True)


def test_the_newsroom_shows_how_far_each_alert_got(client, editions, editor, reporter, service, vapid_file):
    stored(f"{service}/push/1")
    stored(f"{service}/gone/2")
    stored(f"{service}/error/3")
    mark_breaking(editor)
    client.force_login(editor)
    page = client.get("/newsroom/newsletters/alerts/")
    assert page.status_code == HTTPStatus.OK
    row = re.search(r"<tr>\s*<td>Storm makes landfall</td>.*?</tr>", page.content.decode(), re.DOTALL)
    assert row is not None
    cells = [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td>(.*?)</td>", row.group(0), re.DOTALL)
    ]
    assert cells[3:] == ["finished", "1", "1", "1", "0"]
    client.force_login(reporter)
    assert client.get("/newsroom/newsletters/alerts/")["Location"] == "/newsroom/"
