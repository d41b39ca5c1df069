"""The nginx server block for the page store, made without Django or a server."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.asgi.nginx_config import StoreSite, language_of, proxy_block, server_block

SITE = StoreSite(
    store=Path("/srv/dateline/pages"),
    upstream="127.0.0.1:8000",
    listen="80",
    hosts=["news.example.org", ".example.net", "news.example.org"],
    staff_cookie="dateline_newsroom",
    messages_cookie="messages",
    bypass_prefixes=("/newsroom/", "/live/"),
    headers=[("Cache-Control", "public, max-age=30"), ("X-Content-Type-Options", "nosniff")],
    secure_headers=[("Strict-Transport-Security", "max-age=31536000")],
)


def with_(**changes: object) -> StoreSite:
    return StoreSite(**{**SITE.__dict__, **changes})


def test_the_store_answers_only_the_hosts_dateline_accepts_and_a_default_server_proxies_the_rest():
    block = server_block(SITE)

    assert "server_name news.example.org .example.net;" in block
    assert "listen 80 default_server;" in block
    assert block.count("proxy_pass http://dateline_80;") == 2


def test_a_site_accepting_any_host_answers_every_name_from_the_store():
    block = server_block(with_(hosts=["*"]))

    assert "listen 80 default_server;\n    server_name _;\n    root /srv/dateline/pages;" in block
    assert block.count("server {") == 1


def test_the_page_s_headers_are_sent_and_hsts_only_over_https():
    block = server_block(SITE)

    assert 'add_header Cache-Control "public, max-age=30";' in block
    assert (
        'map $scheme $dateline_store_strict_transport_security { https "max-age=31536000"; default ""; }'
        in block
    )
    assert "add_header Strict-Transport-Security $dateline_store_strict_transport_security;" in block


def test_staff_and_messages_cookies_and_the_newsroom_skip_the_store():
    block = server_block(SITE)

    assert '"~dateline_newsroom=|messages=" "c"' in block
    assert '"~^(/newsroom/|/live/)" "p"' in block


@pytest.mark.parametrize(
    "changes",
    [
        {"staff_cookie": "staff;rm"},
        {"bypass_prefixes": ("/a b/",)},
        {"hosts": ["news.example.org; include /etc/passwd"]},
        {"headers": [("Cache-Control", 'public"; return 200 "x')]},
        {"headers": [("X-Note", "$request_uri")]},
        {"store": Path("/srv/$host")},
        {"live_upstream": "127.0.0.1:8001; include /etc/passwd"},
        {"live_upstream": "127.0.0.1"},
    ],
)
def test_a_value_nginx_would_read_as_configuration_is_refused(changes):
    with pytest.raises(ValueError):
        server_block(with_(**changes))


def test_the_content_language_is_the_edition_in_the_address():
    assert language_of("/en/world/") == "en"
    assert language_of("/pt-br/") == "pt-br"
    assert language_of("/robots.txt") is None
    assert language_of("/") is None


def test_files_are_kept_open_only_when_asked_for():
    assert "open_file_cache" not in server_block(SITE)
    assert "open_file_cache_valid 1s;" in server_block(with_(file_cache_seconds=1))


def test_live_streams_go_to_the_live_server_unbuffered_when_it_runs():
    assert "location /live/" not in server_block(SITE)
    block = server_block(with_(live_upstream="127.0.0.1:8001"))

    assert "upstream dateline_live_80 {\n    server 127.0.0.1:8001;\n}" in block
    # In the store's server and in the default one for other hosts.
    assert block.count("    location /live/ {\n        proxy_pass http://dateline_live_80;") == 2
    live = block[block.index("location /live/") :]
    live = live[: live.index("}")]
    assert "proxy_buffering off;" in live
    assert "proxy_http_version 1.1;" in live
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in live


def test_without_a_store_live_streams_go_to_the_live_server_and_the_rest_to_dateline():
    block = proxy_block("127.0.0.1:8000", "80", ["news.example.org", "*"], "127.0.0.1:8001")

    assert "root " not in block and "try_files" not in block
    assert "upstream dateline_80 {\n    server 127.0.0.1:8000;\n    keepalive 64;\n}" in block
    assert "upstream dateline_live_80 {\n    server 127.0.0.1:8001;\n}" in block
    assert "server_name _;" in block  # Dateline accepts any host
    live = block[block.index("location /live/") : block.index("location / {")]
    assert "proxy_pass http://dateline_live_80;" in live and "proxy_buffering off;" in live
    assert "proxy_read_timeout 1h;" in live
    rest = block[block.index("location / {") :]
    assert "proxy_pass http://dateline_80;" in rest and "X-Forwarded-For" in rest


@pytest.mark.parametrize(
    ("upstream", "hosts", "live"),
    [
        ("127.0.0.1:8000; include /etc/passwd", ["news.example.org"], "127.0.0.1:8001"),
        ("127.0.0.1:8000", ["news.example.org;"], "127.0.0.1:8001"),
        ("127.0.0.1:8000", ["news.example.org"], "127.0.0.1:8001 backup"),
    ],
)
def test_without_a_store_a_value_nginx_would_read_as_configuration_is_refused(upstream, hosts, live):
    with pytest.raises(ValueError, match="cannot hold"):
        proxy_block(upstream, "80", hosts, live)
