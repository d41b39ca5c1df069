from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "dateline.live"
    label = "live"
    verbose_name = _("Live events")

    def ready(self) -> None:
        from dateline.live import streams

        # Every edition has a newsfeed and a breaking-news stream.
        streams.register("newsfeed", streams.edition_code)
        streams.register("breaking", streams.edition_code)
