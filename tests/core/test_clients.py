"""The client's address every rate limit counts: X-Forwarded-For believed from trusted proxies only,
walked from the right, garbage never raising and never choosing the address."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import RequestFactory

from dateline.core.clients import address_of_request, address_of_scope, client_address

PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxies(settings):
    """nginx on 10.0.0.5, a load balancer somewhere in 192.168.0.0/16, and the IPv6 loopback."""
    settings.DATELINE_TRUSTED_PROXIES = [PROXY, "192.168.0.0/16", "::1"]


def test_without_trusted_proxies_the_peer_is_the_client(settings):
    settings.DATELINE_TRUSTED_PROXIES = []

    assert client_address("203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_a_forwarded_address_from_a_peer_that_is_not_a_trusted_proxy_is_ignored(behind_proxies):
    assert client_address("203.0.113.7", "198.51.100.1") == "203.0.113.7"
    assert client_address("203.0.113.7", "10.0.0.5") == "203.0.113.7"


def test_behind_a_trusted_proxy_the_address_it_names_is_the_client(behind_proxies):
    assert client_address(PROXY, "198.51.100.1") == "198.51.100.1"


def test_addresses_a_client_wrote_into_the_header_itself_are_passed_over(behind_proxies):
    # The client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the address it saw.
    assert client_address(PROXY, "1.2.3.4, 198.51.100.1") == "198.51.100.1"
    # ...even when it claims to be one of the proxies.
    assert client_address(PROXY, "1.2.3.4, 10.0.0.5, 198.51.100.1") == "198.51.100.1"


def test_a_chain_of_trusted_proxies_is_walked_to_the_first_untrusted_hop(behind_proxies):
    assert client_address(PROXY, "1.2.3.4, 198.51.100.1, 192.168.4.20") == "198.51.100.1"


def test_when_every_hop_is_a_trusted_proxy_the_farthest_one_is_the_client(behind_proxies):
    assert client_address(PROXY, "192.168.4.20, 192.168.9.1") == "192.168.4.20"


@pytest.mark.parametrize(
    "header",
    [
        "",
        " ",
        ",,,",
        "unknown",
        "not an address",
        "1.2.3.4.5",
        "999.1.1.1",
        "\x00\xff",
        "[::1",
        "[::1]x",
        "1.2.3.4:",
        "1.2.3.4:http",
        "a" * 10_000,
    ],
)
def test_garbage_in_the_header_never_raises_and_leaves_the_proxy_as_the_client(behind_proxies, header):
    assert client_address(PROXY, header) == PROXY


def test_garbage_further_left_ends_the_walk_at_the_last_hop_that_was_an_address(behind_proxies):
    assert client_address(PROXY, "198.51.100.1, garbage, 192.168.4.20") == "192.168.4.20"


def test_ipv6_clients_and_proxies(behind_proxies):
    assert client_address("::1", "2001:db8::42") == "2001:db8::42"
    assert client_address("::1", "[2001:db8::42]:51000") == "2001:db8::42"
    assert client_address("::1", "2001:DB8:0:0:0:0:0:42") == "2001:db8::42"
    assert client_address("2001:db8::7", "2001:db8::42") == "2001:db8::7"


def test_addresses_with_ports_and_ipv4_inside_ipv6_are_the_plain_address(behind_proxies):
    assert client_address(PROXY, "198.51.100.1:4711") == "198.51.100.1"
    assert client_address("::ffff:10.0.0.5", "198.51.100.1") == "198.51.100.1"
    assert client_address("::ffff:203.0.113.7", None) == "203.0.113.7"


def test_a_connection_without_a_peer_address_counts_as_unknown(behind_proxies):
    assert client_address(None, "198.51.100.1") == "unknown"


def test_a_django_request_and_an_asgi_scope_give_the_same_address(behind_proxies):
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1")
    # An ASGI server passes each header line on; Django joins repeated ones with commas.
    scope = {
        "client": (PROXY, 50000),
        "headers": [(b"x-forwarded-for", b"1.2.3.4"), (b"x-forwarded-for", b"198.51.100.1")],
    }

    assert address_of_request(request) == address_of_scope(scope) == "198.51.100.1"


def test_a_mistyped_trusted_proxy_stops_the_server_from_starting(settings):
    settings.DATELINE_TRUSTED_PROXIES = ["10.0.0.0/8", "nginx.internal"]

    with pytest.raises(SystemCheckError, match=r"nginx\.internal"):
        call_command("check")
    with pytest.raises(ImproperlyConfigured):
        client_address(PROXY, "198.51.100.1")
