"""Adding and changing the agencies' sources in the newsroom (administrators: a source names a
directory on the server or an address the server calls). The sources' own page, with their state
and push addresses, is `newsroom.sources`; this is the form it links to."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from dateline.wire.models import WireSource


class WireSourceViewSet(ModelViewSet):
    """Add and edit forms for `WireSource` (its `clean` checks the settings for the kind); sources
    are never deleted here, as their items and the stories' provenance hang on them."""

    model = WireSource
    icon = "globe"
    menu_label = _("Wire sources")
    add_to_admin_menu = False
    form_fields = ["name", "slug", "kind", "active", "settings", "field_mapping"]
    list_display = ["name", "slug", "kind", "active"]
    copy_view_enabled = False
    inspect_view_enabled = False
