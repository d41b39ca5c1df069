from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionConfig(AppConfig):
    name = "dateline.discussion"
    label = "discussion"
    verbose_name = _("Discussion")

    def ready(self) -> None:
        from dateline.discussion import rules, streams  # noqa: F401  (rules connects its receivers)

        streams.register()
