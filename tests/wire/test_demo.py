"""`dateline demo` gives the wire desk an agency whose watched directory holds items to try."""

from __future__ import annotations

import pytest

from dateline.demo import wire
from dateline.wire.models import WireItem, WireSource

pytestmark = pytest.mark.django_db


def test_the_demo_sets_up_an_agency_with_english_russian_urgent_updated_and_killed_items(settings, tmp_path):
    settings.DATA_DIR = tmp_path

    taken = wire.ensure_demo_wire()

    source = WireSource.objects.get(slug=wire.SLUG)
    assert source.active and source.kind == WireSource.Kind.DIRECTORY
    assert source.settings["path"] == str(tmp_path / "wire" / wire.SLUG)
    items = WireItem.objects.filter(source=source)
    assert taken == items.count() >= 6
    current = items.filter(current=True)
    assert {"en", "ru"} <= {item.language[:2] for item in current}
    assert {"ninjs", "newsml-g2"} <= {item.format.split()[0].lower() for item in current}
    assert current.filter(urgency__lte=2).exists()
    assert items.filter(current=False).exists(), "an item with a later version"
    assert current.filter(status=WireItem.Status.CANCELED).exists(), "a killed item"
    assert not [path for path in (tmp_path / "wire" / wire.SLUG).iterdir() if not path.name.startswith(".")]


def test_running_the_demo_again_adds_nothing(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    wire.ensure_demo_wire()
    count = WireItem.objects.count()

    assert wire.ensure_demo_wire() == 0
    assert WireItem.objects.count() == count
