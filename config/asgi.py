"""The ASGI application granian serves: `config.asgi:application`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

django_wsgi = get_wsgi_application()

from django.conf import settings  # noqa: E402  (Django is set up by the line above)

from dateline.asgi import cores  # noqa: E402
from dateline.asgi.application import DatelineApplication, bridge_django  # noqa: E402
from dateline.asgi.files import media_files, static_files  # noqa: E402
from dateline.asgi.page_cache import PageCache  # noqa: E402
from dateline.asgi.page_store import page_store  # noqa: E402
from dateline.background import Background  # noqa: E402
from dateline.core import memory_trace  # noqa: E402
from dateline.editions.setup import follow_base_url  # noqa: E402
from dateline.live.hub import Hub  # noqa: E402
from dateline.live.sse import LiveEndpoint  # noqa: E402

memory_trace.start_if_asked()  # a diagnosis run only: off unless DATELINE_TRACEMALLOC_DIR is set
hub = Hub()
application = DatelineApplication(
    django=bridge_django(django_wsgi, threads=settings.DATELINE_DJANGO_THREADS),
    page_cache=PageCache(max_bytes=settings.DATELINE_PAGE_CACHE_BYTES),
    hub=hub,
    live=LiveEndpoint(hub),
    # `dateline serve` asks for the background work here unless it runs elsewhere.
    background=Background() if settings.DATELINE_BACKGROUND_IN_SERVER else None,
    files=[static_files(settings), media_files(settings)],
    # The site's record on the public address this process was started with (DATELINE_BASE_URL).
    start_work=[follow_base_url],
    # Off unless DATELINE_PAGE_STORE_DIR names a directory (nginx in front: `dateline nginx-config`).
    page_store=page_store(settings),
    cores_directory=cores.machine_directory() if settings.DATELINE_PIN_CORES else None,
)

# What is loaded by now (Django, Wagtail, the URLconf, the templates' loaders) lives as long as the
# process: set aside from the garbage collector, whose full passes over those 300,000 objects paused
# a worker for 0.2 s at a time under load, sometimes inside SQLite's write lock (bench/README.md,
# "Comments"). Later objects are collected as before.
gc.collect()
gc.freeze()
