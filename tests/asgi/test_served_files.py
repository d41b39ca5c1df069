"""Files through the real server (granian with Dateline's command, reading the test database):
headers granian's own file serving could not add, and documents only through Wagtail's checks."""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.browser.server import granian_server
from tests.factories import NewsImageFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_db"),
]

SECRET = b"Salaries of the newsroom, 2026: not for readers."


def private_document() -> tuple[str, str]:
    """A document in a collection only signed-in people may see: its Wagtail URL and its file's
    path under /media/."""
    root = Collection.get_first_root_node()
    private = root.add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="Salaries", file=ContentFile(SECRET, name="salaries.txt"), collection=private
    )
    return document.url, f"/media/{document.file.name}"


def test_a_document_in_a_private_collection_is_refused_to_an_anonymous_reader_on_every_url(tmp_path: Path):
    wagtail_url, media_url = private_document()
    assert wagtail_url.startswith("/documents/")
    assert (Path(settings.MEDIA_ROOT) / media_url.removeprefix("/media/")).read_bytes() == SECRET

    with (
        granian_server(settings.DATABASES["default"], tmp_path / "granian.log") as base_url,
        httpx.Client(base_url=base_url, timeout=10) as anonymous,
    ):
        responses = {
            url: anonymous.get(url)
            for url in [wagtail_url, media_url, media_url.replace("/media/", "/media/./"), media_url.upper()]
        }

    for url, response in responses.items():
        assert SECRET not in response.content, url
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.NOT_FOUND), url
    assert "login" in responses[wagtail_url].headers["location"]


def test_static_files_and_uploads_are_served_with_nosniff_and_uploads_can_run_nothing(tmp_path: Path):
    call_command("collectstatic", interactive=False, verbosity=0)
    image = NewsImageFactory()

    with (
        granian_server(settings.DATABASES["default"], tmp_path / "granian.log") as base_url,
        httpx.Client(base_url=base_url, timeout=10) as reader,
    ):
        stylesheet = reader.get("/static/dateline/site.css")
        upload = reader.get(image.file.url)
        again = reader.get(image.file.url, headers={"If-None-Match": upload.headers.get("etag", "none")})

    assert stylesheet.status_code == HTTPStatus.OK
    assert stylesheet.headers.get("x-content-type-options") == "nosniff"
    assert stylesheet.headers["content-type"] == "text/css; charset=utf-8"
    assert upload.status_code == HTTPStatus.OK
    assert upload.content == Path(image.file.path).read_bytes()
    assert upload.headers["content-type"] == "image/png"
    assert upload.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in upload.headers["content-security-policy"]
    assert again.status_code == HTTPStatus.NOT_MODIFIED
