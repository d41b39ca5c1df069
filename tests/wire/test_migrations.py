"""Items recorded before the queue's search get their search text when the desk is upgraded."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from dateline.wire.models import WireItem

pytestmark = pytest.mark.django_db

upgrade = importlib.import_module("dateline.wire.migrations.0002_source_health_uses_and_search")


def test_older_items_are_given_their_case_folded_search_text(source):
    item = WireItem.objects.create(
        source=source,
        uri="urn:test:old",
        format="ninjs",
        headline="Метро",
        lede="Новая ЛИНИЯ",
        body=[{"kind": "paragraph", "text": "Harbour REOPENS"}],
    )

    upgrade.fill_search_text(apps, None)

    item.refresh_from_db()
    assert item.search_text == "метро\nновая линия\nharbour reopens"
