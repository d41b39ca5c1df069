from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dateline.core import versioned
from dateline.live import streams


class LiveConfig(AppConfig):
    name = "dateline.live"
    label = "live"
    verbose_name = _("Live events")

    def ready(self) -> None:
        from dateline.live import outbox  # it needs the models, loaded by now

        # The content version is the outbox's newest event that changes pages (dateline.core.versioned).
        versioned.read_positions_with(outbox.positions)

        # Every edition has a newsfeed and a breaking-news stream.
        streams.register("newsfeed", streams.edition_code)
        streams.register("breaking", streams.edition_code)
