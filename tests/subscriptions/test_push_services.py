"""Where the server may post browser alerts: only the known push services, read the way the HTTP
client reads the address. A stranger's address that one parser sees at a push service and another
at the newsroom's network is refused at the door."""

from __future__ import annotations

import json
from http import HTTPStatus

import pytest
from django.core.checks import run_checks

from dateline.subscriptions import push_services
from dateline.subscriptions.models import PushSubscription

pytestmark = pytest.mark.django_db

# A browser's keys (a P-256 point and a 16-byte secret); only the endpoint matters here.
KEYS = {
    "p256dh": "BLo_zIMxL_SIFkSuErmZsY7vCifv9ww5OSQ-Io8pOX2VsMqE5-sBsc5mLkZf8Les0-VSuQhZjcwJprQdyLWUh6o",
    "auth": "uFjLBLKUl5DdADuR3XXPDg",
}
FCM = "https://fcm.googleapis.com/fcm/send/dXk0:APA91bHf-x_Y"

TRICKS = {
    # The finding: urlsplit sees fcm.googleapis.com, requests connects to 127.0.0.1.
    "backslash before user info": "https://127.0.0.1\\@fcm.googleapis.com/fcm/send/x",
    "backslash after the host": "https://fcm.googleapis.com\\@127.0.0.1/fcm/send/x",
    "backslash in the path": "https://fcm.googleapis.com/fcm\\send/x",
    "user info": "https://user@fcm.googleapis.com/fcm/send/x",
    "user and password": "https://user:secret@fcm.googleapis.com/fcm/send/x",
    "the service as user info": "https://fcm.googleapis.com@127.0.0.1/fcm/send/x",
    "user info after an encoded slash": "https://fcm.googleapis.com%2f@127.0.0.1/fcm/send/x",
    "a fragment before the host": "https://127.0.0.1#@fcm.googleapis.com/fcm/send/x",
    "a query before the host": "https://127.0.0.1?@fcm.googleapis.com/fcm/send/x",
    "a fragment after the host": "https://fcm.googleapis.com#@127.0.0.1/fcm/send/x",
    "another port": "https://fcm.googleapis.com:8443/fcm/send/x",
    "the default port named": "https://fcm.googleapis.com:443/fcm/send/x",
    "a port with a leading zero": "https://fcm.googleapis.com:0443/fcm/send/x",
    "an empty port": "https://fcm.googleapis.com:/fcm/send/x",
    "plain http": "http://fcm.googleapis.com/fcm/send/x",
    "upper-case scheme": "HTTPS://fcm.googleapis.com/fcm/send/x",
    "no slashes": "https:fcm.googleapis.com/fcm/send/x",
    "three slashes": "https:///fcm.googleapis.com/fcm/send/x",
    "no scheme": "//fcm.googleapis.com/fcm/send/x",
    "no path": "https://fcm.googleapis.com",
    "IPv4": "https://127.0.0.1/fcm/send/x",
    "cloud metadata": "https://169.254.169.254/latest/meta-data",
    "decimal IPv4": "https://2130706433/fcm/send/x",
    "octal IPv4": "https://0177.0.0.1/fcm/send/x",
    "hex IPv4": "https://0x7f000001/fcm/send/x",
    "dotted hex IPv4": "https://0x7f.0x0.0x0.0x1/fcm/send/x",
    "short IPv4": "https://127.1/fcm/send/x",
    "IPv6": "https://[::1]/fcm/send/x",
    "IPv4-mapped IPv6": "https://[::ffff:127.0.0.1]/fcm/send/x",
    "IPv4-mapped IPv6 in hex": "https://[::ffff:7f00:1]/fcm/send/x",
    "IPv6 with a zone": "https://[fe80::1%25eth0]/fcm/send/x",
    "unbracketed IPv6": "https://::1/fcm/send/x",
    "a trailing dot": "https://fcm.googleapis.com./fcm/send/x",
    "two trailing dots": "https://fcm.googleapis.com../fcm/send/x",
    "ideographic full stops": "https://fcm\u3002googleapis\u3002com/fcm/send/x",
    "full-width full stops": "https://fcm\uff0egoogleapis\uff0ecom/fcm/send/x",
    "full-width letters": "https://\uff46\uff43\uff4d.googleapis.com/fcm/send/x",
    "a look-alike letter": "https://fcm.g\u043eogleapis.com/fcm/send/x",
    "punycode": "https://xn--fcm-0na.googleapis.com/fcm/send/x",
    "upper-case host": "https://FCM.googleapis.com/fcm/send/x",
    "a percent-encoded dot": "https://fcm%2egoogleapis.com/fcm/send/x",
    "a percent-encoded letter": "https://%66cm.googleapis.com/fcm/send/x",
    "a broken escape in the path": "https://fcm.googleapis.com/fcm/send/%zz",
    "the service as a subdomain of another": "https://fcm.googleapis.com.evil.example/fcm/send/x",
    "the service in the path": "https://evil.example/fcm.googleapis.com/fcm/send/x",
    "a subdomain of the service": "https://x.fcm.googleapis.com/fcm/send/x",
    "a sibling of the service": "https://evilfcm.googleapis.com/fcm/send/x",
    "the wildcard's own host": "https://notify.windows.com/w/?token=x",
    "two labels under a wildcard": "https://a.b.notify.windows.com/w/?token=x",
    "a wildcard's suffix without its dot": "https://evilnotify.windows.com/w/?token=x",
    "a leading space": " https://fcm.googleapis.com/fcm/send/x",
    "a trailing space": "https://fcm.googleapis.com/fcm/send/x ",
    "a trailing newline": "https://fcm.googleapis.com/fcm/send/x\n",
    "a tab in the host": "https://fcm.google\tapis.com/fcm/send/x",
    "a header in the path": "https://fcm.googleapis.com/fcm/send/x\r\nHost: 127.0.0.1",
    "a null byte": "https://fcm.googleapis.com/fcm/send/x\x00",
    "a control character before user info": "https://127.0.0.1\x0b@fcm.googleapis.com/fcm/send/x",
    "a space in the path": "https://fcm.googleapis.com/fcm/send/x y",
    "non-ASCII in the path": "https://fcm.googleapis.com/fcm/send/\u00e9",
    "over-long": FCM + "a" * 1000,
    "a file": "file:///etc/passwd",
}


def subscribe(client, endpoint: str):
    body = json.dumps({"endpoint": endpoint, "keys": KEYS})
    return client.post("/en/subscribe/push/", body, content_type="application/json")


@pytest.mark.parametrize("endpoint", TRICKS.values(), ids=TRICKS.keys())
def test_an_endpoint_that_could_lead_the_server_elsewhere_is_refused(client, editions, endpoint):
    response = subscribe(client, endpoint)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "error" in response.json()
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    "endpoint",
    [
        FCM,
        "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABm-x_Y",
        "https://wns2-par02p.notify.windows.com/w/?token=BQYAAAB%2bTu3Q%3d%3d",
        "https://web.push.apple.com/QGuQyavXutnMH_zV1V-J",
    ],
)
def test_the_browsers_own_push_services_are_accepted(client, editions, endpoint):
    assert subscribe(client, endpoint).json() == {"subscribed": True}
    assert PushSubscription.objects.get().endpoint == endpoint


def test_a_local_service_needs_its_scheme_and_port_on_the_list(settings):
    settings.DATELINE_PUSH_SERVICES = ["http://127.0.0.1:8123"]
    assert push_services.allowed_endpoint("http://127.0.0.1:8123/push/1")
    assert not push_services.allowed_endpoint("http://127.0.0.1/push/1")
    assert not push_services.allowed_endpoint("http://127.0.0.1:8124/push/1")
    assert not push_services.allowed_endpoint("https://127.0.0.1:8123/push/1")
    assert not push_services.allowed_endpoint("http://localhost:8123/push/1")


def test_a_list_entry_that_cannot_be_read_allows_nothing_and_is_reported(settings):
    settings.DATELINE_PUSH_SERVICES = ["fcm.googleapis.com:8443", "https://*", "fcm.googleapis.com"]
    assert [message.id for message in run_checks() if message.id.startswith("dateline.")] == [
        "dateline.W001",
        "dateline.W001",
    ]
    assert not push_services.allowed_endpoint("https://fcm.googleapis.com:8443/fcm/send/x")
    assert push_services.allowed_endpoint(FCM)
