"""Every request Dateline makes outwards goes through one guard: it reaches only public addresses,
however they are spelled or resolved, and reads a bounded answer in bounded time.

Refusals are shown against a real server on 127.0.0.1: the same address that the guard refuses is
answered once DATELINE_OUTWARD_ALLOW_PRIVATE lets it through, so the refusal is the guard's.
"""

from __future__ import annotations

import gzip
import ipaddress
import socket
from collections.abc import Iterator
from http import HTTPStatus

import pytest

from dateline.core import outward
from dateline.core.outward import OutwardError, Timeouts, fetch
from tests.agency_server import AgencyServer

PORT = 8720
MAX = 64 * 1024


@pytest.fixture
def agency(settings) -> Iterator[AgencyServer]:
    settings.DATELINE_OUTWARD_PORTS = [PORT, PORT + 1]
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = False
    with AgencyServer(PORT) as server:
        server.serve("/item", b"the agency's item")
        yield server


def refusal(url: str, **options) -> OutwardError:
    with pytest.raises(OutwardError) as refused:
        fetch(url, max_bytes=MAX, **options)
    return refused.value


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "127.1",
        "2130706433",  # 127.0.0.1 as one decimal number
        "0x7f.1",
        "0177.0.0.1",  # octal
        "0x7f000001",
        "localhost",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "[0:0:0:0:0:ffff:7f00:1]",
    ],
)
def test_loopback_in_any_spelling_is_refused_and_reached_only_when_allowed(agency, settings, host):
    url = f"http://{host}:{PORT}/item"

    assert refusal(url).code == "internal"

    if ":" in host:
        return  # the test's server listens on IPv4 only
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    assert fetch(url, max_bytes=MAX).body == b"the agency's item"


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # the cloud's metadata service
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",  # noqa: S104  (an address to refuse, not one to bind)
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "fc00::1",
        "fe80::1",
        "ff02::1",
        "::",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "::10.0.0.1",  # IPv4-compatible
        "2002:a00:1::1",  # 6to4 around 10.0.0.1
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo around 10.0.0.1
        "64:ff9b::a00:1",  # NAT64 around 10.0.0.1
    ],
)
def test_a_name_resolving_to_an_internal_address_is_refused(agency, address):
    assert not outward.is_public(ipaddress.ip_address(address))

    error = refusal("https://agency.example/item", resolver=lambda host, port: [address])

    assert error.code == "internal"
    assert str(ipaddress.ip_address(address)) in error.reason


def test_a_name_with_one_internal_address_among_public_ones_is_refused(agency):
    error = refusal("https://agency.example/", resolver=lambda host, port: ["93.184.216.34", "10.0.0.7"])

    assert error.code == "internal"


def test_public_addresses_are_public():
    for address in ("93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:93.184.216.34"):
        assert outward.is_public(ipaddress.ip_address(address)), address


def test_the_connection_goes_to_the_address_resolved_once_with_the_name_as_host(agency, settings):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    lookups: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        # A rebinding name: a second lookup would give another address.
        lookups.append(host)
        return ["127.0.0.1"] if len(lookups) == 1 else ["10.9.9.9"]

    answer = fetch(f"http://agency.example:{PORT}/item", max_bytes=MAX, resolver=rebinding)

    assert answer.body == b"the agency's item"
    assert lookups == ["agency.example"]
    assert agency.requests[-1].headers["Host"] == f"agency.example:{PORT}"


def test_even_where_private_addresses_are_allowed_the_metadata_service_is_not(agency, settings):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True

    assert refusal("http://169.254.169.254/latest/meta-data/").code == "internal"
    assert refusal("http://0.0.0.0/").code == "internal"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://agency.example/item", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("gopher://agency.example/", "scheme"),
        ("http://user:secret@agency.example/", "userinfo"),
        ("http://agency.example@127.0.0.1/", "userinfo"),
        ("http://agency.example:22/", "port"),
        ("http://agency.example:6379/", "port"),
        ("http://[::1/", "address"),
        ("http:///item", "address"),
        ("http://agency.example:99999/", "address"),
    ],
)
def test_addresses_of_a_refused_form_are_refused_before_any_lookup(agency, url, code):
    def no_lookup(host: str, port: int) -> list[str]:
        raise AssertionError("looked up")

    assert refusal(url, resolver=no_lookup).code == code


def test_a_name_that_does_not_resolve_is_reported(agency):
    error = refusal("https://nowhere.invalid/", resolver=lambda host, port: [])

    assert error.code == "unresolvable"
    assert "nowhere.invalid" in error.reason


def test_a_port_not_allowed_is_refused_even_on_an_allowed_host(agency, settings):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    settings.DATELINE_OUTWARD_PORTS = []

    assert refusal(agency.url("/item")).code == "port"


def test_redirects_are_followed_and_each_hop_checked(agency, settings):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    agency.serve("/moved", status=HTTPStatus.FOUND, headers={"Location": "/item"})
    agency.serve("/to-metadata", status=HTTPStatus.FOUND, headers={"Location": "http://169.254.169.254/"})
    agency.serve(
        "/to-other-port", status=HTTPStatus.MOVED_PERMANENTLY, headers={"Location": "http://127.0.0.1:25/"}
    )

    assert fetch(agency.url("/moved"), max_bytes=MAX).body == b"the agency's item"
    assert refusal(agency.url("/to-metadata")).code == "internal"
    assert refusal(agency.url("/to-other-port")).code == "port"


@pytest.mark.parametrize(
    "target",
    [
        "http://metadata.example/latest/meta-data/",  # a name that resolves to 169.254.169.254
        "http://[::ffff:169.254.169.254]/",
        "http://0.0.0.0/",
        "http://[ff02::1]/",
    ],
)
def test_every_redirect_is_resolved_and_checked_again(agency, settings, target):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    agency.serve("/away", status=HTTPStatus.FOUND, headers={"Location": target})
    resolved = {"agency.example": ["127.0.0.1"], "metadata.example": ["169.254.169.254"]}
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return resolved.get(host) or outward.resolve_host(host, port)

    assert refusal(f"http://agency.example:{PORT}/away", resolver=resolver).code == "internal"
    assert asked[0] == "agency.example" and len(asked) == 2
    assert [seen.path for seen in agency.requests] == ["/away"]


def test_credentials_are_not_handed_to_another_host_a_redirect_names(agency, settings):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    agency.serve("/same", status=HTTPStatus.FOUND, headers={"Location": "/item"})
    agency.serve("/other", status=HTTPStatus.FOUND, headers={"Location": f"http://localhost:{PORT}/item"})

    fetch(agency.url("/same"), max_bytes=MAX, headers={"Authorization": "Bearer agency-key"})
    fetch(agency.url("/other"), max_bytes=MAX, headers={"Authorization": "Bearer agency-key"})

    authorizations = [(seen.path, seen.headers.get("Authorization")) for seen in agency.requests]
    assert authorizations == [
        ("/same", "Bearer agency-key"),
        ("/item", "Bearer agency-key"),
        ("/other", "Bearer agency-key"),
        ("/item", None),
    ]


def test_redirects_stop_after_five(agency, settings):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    agency.serve("/loop", status=HTTPStatus.FOUND, headers={"Location": "/loop"})

    assert refusal(agency.url("/loop")).code == "redirects"
    assert len(agency.requests) == 6


def test_a_body_past_the_limit_is_refused(agency, settings):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    agency.serve("/big", b"x" * 5000)

    assert fetch(agency.url("/big"), max_bytes=5000).body == b"x" * 5000
    with pytest.raises(OutwardError) as refused:
        fetch(agency.url("/big"), max_bytes=4999)
    assert refused.value.code == "too-large"


def test_a_gzip_bomb_is_refused_by_what_it_decodes_to(agency, settings):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    bomb = gzip.compress(b"\0" * 50_000_000)
    agency.serve("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    agency.serve("/small", gzip.compress(b"<rss/>"), headers={"Content-Encoding": "gzip"})
    assert len(bomb) < MAX

    assert refusal(agency.url("/bomb")).code == "too-large"
    assert fetch(agency.url("/small"), max_bytes=MAX).body == b"<rss/>"


def test_an_unknown_content_encoding_is_refused(agency, settings):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    agency.serve("/br", b"....", headers={"Content-Encoding": "br"})

    assert refusal(agency.url("/br")).code == "encoding"


def test_a_slow_server_is_given_up_on_at_the_deadline(agency, settings):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    agency.serve("/slow", b"x" * 100, drip_seconds=0.05)

    error = refusal(agency.url("/slow"), timeouts=Timeouts(connect=1, read=1, total=0.5))

    assert error.code == "timeout"


def test_a_closed_port_is_reported_as_unreachable(agency, settings):
    settings.DATELINE_OUTWARD_ALLOW_PRIVATE = True
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", PORT + 1)) != 0

    error = refusal(f"http://127.0.0.1:{PORT + 1}/")

    assert error.code == "connect"


def test_every_reason_is_a_sentence_with_its_details():
    assert str(OutwardError("too-large", limit=1000)) == "The answer is larger than 1000 bytes."
    assert "10.0.0.1" in OutwardError("internal", host="x.example", address="10.0.0.1").reason
