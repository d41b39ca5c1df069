from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BreakingConfig(AppConfig):
    name = "dateline.breaking"
    label = "breaking"
    verbose_name = _("Breaking news")

    def ready(self) -> None:
        from dateline.breaking import receivers  # noqa: F401  (connects the receivers)
