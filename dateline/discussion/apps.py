from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionConfig(AppConfig):
    name = "dateline.discussion"
    label = "discussion"
    verbose_name = _("Discussion")

    def ready(self) -> None:
        from dateline.discussion import authors, rules, streams  # noqa: F401  (they connect receivers)

        streams.register()
        authors.connect_address_signals()
