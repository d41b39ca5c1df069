"""A new page's form is saved only when the editor says so: one Publish makes one story."""

from __future__ import annotations

import re
from http import HTTPStatus

from django.urls import reverse

from tests.factories import ArticleFactory, section_page


def add_url(parent_pk: int) -> str:
    return reverse("wagtailadmin_pages:add", args=["articles", "articlepage", parent_pk])


def test_the_create_view_is_wagtails_form_without_autosave(client, editor, editions):
    client.force_login(editor)

    response = client.get(add_url(section_page("en", "world").pk))

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert 'name="title"' in page and "Headline" in page
    form_controllers = re.search(r'data-controller="([^"]*w-unsaved[^"]*)"', page)
    assert form_controllers and "w-autosave" not in form_controllers[1]
    assert "data-w-autosave-interval-value" not in page
    assert "w-autosave-indicator" not in page


def test_the_edit_view_still_autosaves(client, editor, editions):
    story = ArticleFactory()
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))

    assert response.status_code == HTTPStatus.OK
    form_controllers = re.search(r'data-controller="([^"]*w-unsaved[^"]*)"', response.content.decode())
    assert form_controllers and "w-autosave" in form_controllers[1]


def test_strangers_and_unknown_page_types_are_refused(client, editor, editions):
    world = section_page("en", "world")
    assert client.get(add_url(world.pk)).status_code == HTTPStatus.FOUND  # to the sign-in

    client.force_login(editor)
    unknown = reverse("wagtailadmin_pages:add", args=["articles", "nosuchpage", world.pk])
    assert client.get(unknown, follow=True).status_code == HTTPStatus.NOT_FOUND
