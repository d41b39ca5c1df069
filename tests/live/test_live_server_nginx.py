"""The live server behind a real nginx, configured by `dateline nginx-config --live-upstream`: /live/
reaches it, and events pass through unbuffered."""

from __future__ import annotations

import asyncio
import io
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from dateline.asgi.nginx_config import standalone
from dateline.live.hub import Hub, HubEvent
from dateline.live.server import LiveServer
from tests.asgi.test_page_store_nginx import NGINX
from tests.browser.server import free_port, stop
from tests.live.test_server import STREAM_REQUEST, RawClient, run

pytestmark = [
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def nginx_for(live_port: int, work: Path, store: str) -> tuple[subprocess.Popen[bytes], int]:
    """nginx as `dateline nginx-config --live-upstream` configures it, with the page store `store`
    (or, when "", without one)."""
    port = free_port()
    block = io.StringIO()
    call_command(
        "nginx_config",
        store=store,
        upstream="127.0.0.1:9",  # nothing but /live/ is asked for here
        live_upstream=f"127.0.0.1:{live_port}",
        listen=f"127.0.0.1:{port}",
        stdout=block,
    )
    conf = work / "nginx.conf"
    conf.write_text(standalone(block.getvalue(), work))
    assert NGINX is not None
    process = subprocess.Popen(
        [NGINX, "-e", str(work / "error.log"), "-p", str(work), "-c", str(conf)], start_new_session=True
    )
    return process, port


async def until_listening(port: int) -> None:
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        await asyncio.sleep(0.1)
    raise AssertionError("nginx did not listen")


@pytest.mark.parametrize("with_store", [True, False], ids=["with the page store", "without a store"])
def test_nginx_sends_live_to_the_live_server_and_each_event_through_at_once(settings, with_store):
    settings.DATELINE_PAGE_STORE_DIR = ""
    work = Path(tempfile.mkdtemp(prefix="dl-test-live-nginx-"))

    async def scenario(hub: Hub, server: LiveServer) -> None:
        process, port = nginx_for(server.port, work, str(work / "store") if with_store else "")
        try:
            await until_listening(port)
            reader = await RawClient.open_port(port, STREAM_REQUEST.format(extra="").encode())
            await reader.wait_for(b"event: ready", timeout=10)
            assert reader.status == 200
            event = HubEvent.from_row(hub.last_id + 1, "newsfeed:en", "story", {"title": "Through nginx"})
            hub.dispatch([event])
            await reader.wait_for(b"Through nginx", timeout=2)
            reader.hang_up()
        finally:
            await asyncio.to_thread(stop, process)

    try:
        run(scenario)
    finally:
        shutil.rmtree(work, ignore_errors=True)
